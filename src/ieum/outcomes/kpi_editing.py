"""Platform admins define KPIs and keep the exchange rates.

`create_kpi`, `update_kpi` and `set_kpi_active` check the permission, check every value
together (`kpi_problems`) so that nothing is written when anything is wrong, lock the
row they change and write with the audit actor set. The page and the API call them.

A KPI an admin adds counts outcome records; the figures from the other apps' records
are built in (`kpi_catalog`). On a built-in, only what the dashboards show may change:
the names, descriptions, whether it is shown and its order; what it computes follows
the catalog. A code names a KPI in links, exports and the API, so it never changes.

`add_exchange_rate` adds a day's rate of a currency. Records keep the rate of their
own date, so a new rate changes no record already stored.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ieum.core.errors import Conflict
from ieum.outcomes.enums import (
    KIND_SUBTYPES,
    Computation,
    Currency,
    KPIField,
    KPISource,
    KPIUnit,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    Region,
)
from ieum.outcomes.models import ExchangeRate, KPIDefinition
from ieum.outcomes.record_input import fields_used_by

PRESENTATION_FIELDS = (
    "name_ko",
    "name_en",
    "description_ko",
    "description_en",
    "is_active",
    "sort_order",
)
DEFINITION_FIELDS = (
    "unit",
    "computation",
    "field",
    "kinds",
    "subtypes",
    "patent_scopes",
    "region",
    "currencies",
)
EDITABLE_FIELDS = PRESENTATION_FIELDS + DEFINITION_FIELDS
CODE = re.compile(r"[a-z][a-z0-9_-]{1,59}")
MAX_SORT_ORDER = 32767

# The unit a figure is counted in; a sum or latest value is shown in its figure's unit.
FIELD_UNITS = {
    KPIField.AMOUNT_KRW: KPIUnit.KRW,
    KPIField.AMOUNT_USD: KPIUnit.USD,
    KPIField.HEADCOUNT: KPIUnit.PEOPLE,
    KPIField.YOUTH_HEADCOUNT: KPIUnit.PEOPLE,
    KPIField.NEW_HIRES: KPIUnit.PEOPLE,
}
# The record input a figure comes from: money figures from an amount.
FIELD_INPUTS = {
    KPIField.AMOUNT_KRW: "amount",
    KPIField.AMOUNT_USD: "amount",
    KPIField.HEADCOUNT: "headcount",
    KPIField.YOUTH_HEADCOUNT: "youth_headcount",
    KPIField.NEW_HIRES: "new_hires",
}
COUNT_UNITS = {Computation.COUNT: KPIUnit.COUNT, Computation.DISTINCT_COMPANIES: KPIUnit.COMPANIES}


def _label(choices, value) -> str:
    return str(dict(choices.choices).get(value, value))


def _unknown_choices(values, choices) -> list[str]:
    return [str(value) for value in values if value not in choices.values]


def _computation_problems(data: Mapping[str, Any]) -> dict[str, list[str]]:
    computation, unit, figure = data["computation"], data["unit"], data["field"]
    kinds = data["kinds"]
    if computation in COUNT_UNITS:
        problems = {}
        if figure:
            problems["field"] = [_("A count adds up no figure; leave the figure empty.")]
        if unit != COUNT_UNITS[computation]:
            problems["unit"] = [
                _("A “%(computation)s” KPI is counted in %(unit)s.")
                % {
                    "computation": _label(Computation, computation),
                    "unit": _label(KPIUnit, COUNT_UNITS[computation]),
                }
            ]
        return problems
    if not figure:
        return {"field": [_("Choose the figure to add up.")]}
    problems = {}
    if FIELD_UNITS[figure] != unit:
        problems["unit"] = [
            _("%(field)s is counted in %(unit)s.")
            % {"field": _label(KPIField, figure), "unit": _label(KPIUnit, FIELD_UNITS[figure])}
        ]
    if not kinds:
        problems["kinds"] = [_("Choose the kinds of records whose figure is added up.")]
    missing = [kind for kind in kinds if FIELD_INPUTS[figure] not in fields_used_by(kind)]
    if missing:
        problems["field"] = [
            _("%(kinds)s records carry no %(field)s.")
            % {
                "kinds": ", ".join(_label(OutcomeKind, kind) for kind in missing),
                "field": _label(KPIField, figure).lower(),
            }
        ]
    return problems


def _filter_problems(data: Mapping[str, Any]) -> dict[str, list[str]]:
    problems: dict[str, list[str]] = {}
    kinds = data["kinds"]
    allowed = {subtype for kind in kinds for subtype in KIND_SUBTYPES.get(kind, ())}
    strays = [subtype for subtype in data["subtypes"] if subtype not in allowed]
    if strays:
        problems["subtypes"] = [
            _("%(types)s do not belong to the chosen kinds of records.")
            % {"types": ", ".join(_label(OutcomeSubtype, subtype) for subtype in strays)}
        ]
    if data["patent_scopes"] and OutcomeKind.PATENT not in kinds:
        problems["patent_scopes"] = [_("Patent offices narrow patents: choose the patent kind.")]
    return problems


def kpi_problems(
    data: Mapping[str, Any], *, source: str = KPISource.RECORDS
) -> dict[str, list[str]]:
    """Every problem with a KPI's definition and presentation, by field. What a KPI from
    another app's records computes is that app's; only a record-based one is checked."""
    problems: dict[str, list[str]] = {}
    for name in ("name_ko", "name_en"):
        if not str(data.get(name) or "").strip():
            problems[name] = [_("Write the KPI's name.")]
        elif len(data[name]) > 120:
            problems[name] = [_("Keep the name to 120 characters.")]
    choices = {
        "unit": KPIUnit,
        "computation": Computation,
        "region": Region,
        "field": KPIField,
    }
    for name, enum in choices.items():
        value = data.get(name) or ""
        if (value or name != "field") and value not in enum.values:
            problems[name] = [_("Choose one of the options.")]
    lists = {
        "kinds": OutcomeKind,
        "subtypes": OutcomeSubtype,
        "patent_scopes": PatentScope,
        "currencies": Currency,
    }
    for name, enum in lists.items():
        if _unknown_choices(data.get(name) or (), enum):
            problems[name] = [_("Choose from the options.")]
    order = data.get("sort_order")
    if not isinstance(order, int) or not 0 <= order <= MAX_SORT_ORDER:
        problems["sort_order"] = [
            _("The order is a whole number from 0 to %(most)d.") % {"most": MAX_SORT_ORDER}
        ]
    if problems or source != KPISource.RECORDS:
        return problems
    problems.update(_computation_problems(data))
    for name, messages in _filter_problems(data).items():
        problems.setdefault(name, []).extend(messages)
    return problems


def _normalized(data: Mapping[str, Any], *, base: KPIDefinition | None = None) -> dict:
    values = {name: getattr(base, name) for name in EDITABLE_FIELDS} if base else {}
    values.update({name: data[name] for name in EDITABLE_FIELDS if name in data})
    defaults = {"description_ko": "", "description_en": "", "field": "", "region": Region.ANY}
    for name, default in defaults.items():
        values[name] = values.get(name) or default
    for name in ("kinds", "subtypes", "patent_scopes", "currencies"):
        values[name] = sorted(set(values.get(name) or ()))
    for name in ("name_ko", "name_en", "description_ko", "description_en"):
        values[name] = str(values.get(name) or "").strip()
    values.setdefault("is_active", True)
    values.setdefault("sort_order", 100)
    values["is_active"] = bool(values["is_active"])
    return values


def _require_admin(by) -> None:
    if not by.has_perm("outcomes.manage_kpis"):
        raise PermissionDenied(_("Only platform admins define KPIs."))


def create_kpi(*, by, code: str, data: Mapping[str, Any]) -> KPIDefinition:
    """A KPI over outcome records, shown on the dashboards unless made inactive."""
    _require_admin(by)
    code = (code or "").strip().lower()
    values = _normalized(data)
    problems = kpi_problems(values)
    if not CODE.fullmatch(code):
        problems["code"] = [
            _("Write a code of 2 to 60 lower-case letters, digits, hyphens or underscores.")
        ]
    elif KPIDefinition.objects.filter(code=code).exists():
        problems["code"] = [_("Another KPI has the code “%(code)s”.") % {"code": code}]
    if problems:
        raise ValidationError(problems)
    kpi = KPIDefinition(code=code, source=KPISource.RECORDS, **values)
    try:
        with transaction.atomic(), set_actor(by):
            kpi.save()
    except IntegrityError as error:
        # Two admins chose the same code at the same moment: the second learns of it.
        raise Conflict(
            {"code": [_("Another KPI has the code “%(code)s”.") % {"code": code}]}
        ) from error
    return kpi


def update_kpi(*, by, kpi: KPIDefinition, data: Mapping[str, Any]) -> KPIDefinition:
    """Change a KPI; on a built-in, only its names, descriptions, visibility and order."""
    _require_admin(by)
    with transaction.atomic(), set_actor(by):
        kpi = KPIDefinition.objects.select_for_update().get(pk=kpi.pk)
        values = _normalized(data, base=kpi)
        problems = kpi_problems(values, source=kpi.source)
        if kpi.is_builtin:
            current = _normalized({}, base=kpi)
            for name in DEFINITION_FIELDS:
                if values[name] != current[name]:
                    problems.setdefault(name, []).append(
                        _("A built-in KPI computes what the catalog says; this cannot change.")
                    )
        if problems:
            raise ValidationError(problems)
        for name, value in values.items():
            setattr(kpi, name, value)
        kpi.save()
    return kpi


def set_kpi_active(*, by, kpi: KPIDefinition, is_active: bool) -> KPIDefinition:
    """Show a KPI on the dashboards, or hide it; its definition stays."""
    _require_admin(by)
    with transaction.atomic(), set_actor(by):
        kpi = KPIDefinition.objects.select_for_update().get(pk=kpi.pk)
        if kpi.is_active != is_active:
            kpi.is_active = is_active
            kpi.save(update_fields=["is_active", "updated_at"])
    return kpi


def _rate(value: Any) -> Decimal | None:
    try:
        rate = Decimal(str(value).strip().replace(",", ""))
    except (InvalidOperation, ValueError):
        return None
    return rate if rate.is_finite() else None


def add_exchange_rate(
    *, by, currency: str, effective_on: date | None, krw_per_unit: Any
) -> ExchangeRate:
    """A currency's rate in KRW from a day on; one rate per currency and day."""
    if not by.has_perm("outcomes.manage_exchange_rates"):
        raise PermissionDenied(_("Only platform admins keep the exchange rates."))
    problems: dict[str, list[str]] = {}
    if currency not in Currency.values or currency == Currency.KRW:
        problems["currency"] = [_("Choose a foreign currency.")]
    if not isinstance(effective_on, date):
        problems["effective_on"] = [_("Write the day the rate applies from.")]
    rate = _rate(krw_per_unit)
    if rate is None or rate <= 0:
        problems["krw_per_unit"] = [_("Write a rate above zero, such as 1350.5.")]
    elif rate.as_tuple().exponent < -6 or rate >= Decimal(10) ** 8:
        problems["krw_per_unit"] = [
            _("Write a rate below 100,000,000 with at most 6 decimal places.")
        ]
    if problems:
        raise ValidationError(problems)
    taken = _("There is already a %(currency)s rate for %(day)s.") % {
        "currency": currency,
        "day": f"{effective_on:%Y-%m-%d}",
    }
    if ExchangeRate.objects.filter(currency=currency, effective_on=effective_on).exists():
        raise ValidationError({"effective_on": [taken]})
    try:
        with transaction.atomic(), set_actor(by):
            return ExchangeRate.objects.create(
                currency=currency, effective_on=effective_on, krw_per_unit=rate
            )
    except IntegrityError as error:
        raise Conflict({"effective_on": [taken]}) from error
