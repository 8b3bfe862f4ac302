"""What each kind of outcome record needs, and the one check every way in shares.

Forms, the API and the Excel import all hand raw values to `clean_record_fields`, which
returns the model's field values or raises one ValidationError naming every problem by
field, in the reader's language. Fields a kind does not use come back empty.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ieum.outcomes.countries import is_known_country
from ieum.outcomes.enums import (
    APPROVAL_COUNTRY,
    HOME_COUNTRY,
    KIND_SUBTYPES,
    PCT_COUNTRY,
    Currency,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
)
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.money import RateBook

K = OutcomeKind
EARLIEST_DATE = date(1990, 1, 1)
MONEY = frozenset({"amount", "currency"})


@dataclass(frozen=True)
class KindRule:
    required: frozenset[str]
    optional: frozenset[str] = frozenset()


# Every kind also takes occurred_on (required), title, note and is_confidential.
KIND_RULES: dict[str, KindRule] = {
    K.PATENT: KindRule(
        required=frozenset({"subtype", "patent_scope", "title", "reference"}),
        optional=frozenset({"country"}),
    ),
    K.APPROVAL: KindRule(
        required=frozenset({"subtype", "title", "reference"}),
        optional=frozenset({"country", "device_class", "counterparty"}),
    ),
    K.EXPORT: KindRule(
        required=frozenset({"country"}) | MONEY, optional=frozenset({"counterparty"})
    ),
    K.REVENUE: KindRule(required=MONEY),
    K.EMPLOYMENT: KindRule(
        required=frozenset({"headcount"}), optional=frozenset({"youth_headcount", "new_hires"})
    ),
    K.INVESTMENT: KindRule(required=frozenset({"subtype", "counterparty"}) | MONEY),
    K.CLINICAL_TRIAL: KindRule(
        required=frozenset({"subtype"}),
        optional=frozenset({"reference", "counterparty", "country"}),
    ),
    K.TECH_TRANSFER: KindRule(required=frozenset({"subtype", "counterparty"}), optional=MONEY),
    K.NATIONAL_RND: KindRule(
        required=frozenset({"title"}) | MONEY, optional=frozenset({"counterparty", "reference"})
    ),
    K.EXIT: KindRule(required=frozenset({"subtype"}), optional=frozenset({"counterparty"}) | MONEY),
}

COMMON_FIELDS = frozenset({"occurred_on", "title", "note", "is_confidential"})
INPUT_FIELDS = (
    "subtype",
    "patent_scope",
    "country",
    "title",
    "reference",
    "counterparty",
    "device_class",
    "occurred_on",
    "amount",
    "currency",
    "headcount",
    "youth_headcount",
    "new_hires",
    "note",
    "is_confidential",
)
TEXT_LIMITS = {"title": 200, "reference": 80, "counterparty": 200}
REGISTRY_ID = re.compile(r"^(KCT\d{7}|NCT\d{8}|[A-Za-z0-9][A-Za-z0-9\-_/.]{2,79})$")
# The fields stored from money, all empty when a record has no amount.
MONEY_FIELDS = ("amount_krw", "amount_usd", "krw_per_unit", "krw_per_usd", "rates_on")


def field_label(name: str) -> str:
    return str(OutcomeRecord._meta.get_field(name).verbose_name)


def fields_used_by(kind: str) -> frozenset[str]:
    rule = KIND_RULES[kind]
    return rule.required | rule.optional | COMMON_FIELDS


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _parse_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip().replace(".", "-").replace("/", "-")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValidationError(_("Enter a date as YYYY-MM-DD."), code="date") from None


def _parse_decimal(value: Any) -> Decimal:
    if isinstance(value, bool):
        raise ValidationError(_("Enter a number."), code="number")
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except InvalidOperation:
        raise ValidationError(_("Enter a number."), code="number") from None
    if not number.is_finite():
        raise ValidationError(_("Enter a number."), code="number")
    if number < 0:
        raise ValidationError(_("Enter zero or more; amounts are never negative."), code="negative")
    if number >= Decimal("1e16"):
        raise ValidationError(_("This amount is too large."), code="too_large")
    return number.quantize(Decimal("0.01"))


def _parse_count(value: Any) -> int:
    number = _parse_decimal(value)
    if number != number.to_integral_value():
        raise ValidationError(_("Enter a whole number."), code="whole")
    if number > 10_000_000:
        raise ValidationError(_("This number is too large."), code="too_large")
    return int(number)


def _parse_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    return str(value).strip().lower() in {"1", "true", "yes", "y", "예", "o", "v", "x"}


def _parse_text(name: str, value: Any) -> str:
    text = str(value).strip()
    limit = TEXT_LIMITS.get(name)
    if limit and len(text) > limit:
        raise ValidationError(
            _("Use at most %(limit)d characters.") % {"limit": limit}, code="too_long"
        )
    return text


def _parse(name: str, value: Any) -> Any:
    if name == "occurred_on":
        return _parse_date(value)
    if name == "amount":
        return _parse_decimal(value)
    if name in {"headcount", "youth_headcount", "new_hires", "device_class"}:
        return _parse_count(value)
    if name == "is_confidential":
        return _parse_bool(value)
    if name in {"currency", "country"}:
        return str(value).strip().upper()
    return _parse_text(name, value)


def _empty_fields() -> dict[str, Any]:
    values: dict[str, Any] = {name: "" for name in INPUT_FIELDS}
    for name in ("device_class", "occurred_on", "amount", "headcount", "youth_headcount"):
        values[name] = None
    values["new_hires"] = None
    values["is_confidential"] = False
    values.update(dict.fromkeys(MONEY_FIELDS))
    return values


def _check_kind_specifics(kind: str, values: dict[str, Any], errors: dict[str, list[str]]):
    def fail(name: str, message: str) -> None:
        errors.setdefault(name, []).append(message)

    subtype = values["subtype"]
    if subtype and subtype not in KIND_SUBTYPES.get(kind, ()):
        fail("subtype", _("Choose one of the types this kind of record has."))
    if kind == K.PATENT:
        scope = values["patent_scope"]
        if scope and scope not in PatentScope.values:
            fail("patent_scope", _("Choose domestic, PCT or a foreign office."))
        elif scope == PatentScope.DOMESTIC:
            values["country"] = HOME_COUNTRY
        elif scope == PatentScope.PCT:
            values["country"] = PCT_COUNTRY
        elif scope == PatentScope.FOREIGN and values["country"] in ("", HOME_COUNTRY):
            fail("country", _("Give the country of the foreign patent office."))
    if kind == K.APPROVAL:
        if subtype in APPROVAL_COUNTRY:
            values["country"] = APPROVAL_COUNTRY[subtype]
        elif subtype == OutcomeSubtype.OTHER_APPROVAL and not values["country"]:
            fail("country", _("Give the country of the approving authority."))
        if subtype == OutcomeSubtype.MFDS:
            if values["device_class"] not in (1, 2, 3, 4):
                fail("device_class", _("Give the MFDS device class, 1 to 4."))
        else:
            values["device_class"] = None
    if kind == K.EXPORT and values["country"] == HOME_COUNTRY:
        fail("country", _("An export contract is with a buyer outside Korea."))
    reference = values["reference"]
    if kind == K.CLINICAL_TRIAL and reference and not REGISTRY_ID.match(reference):
        fail("reference", _("Give the registry ID, e.g. KCT0001234 (CRIS) or NCT01234567."))
    if kind == K.EMPLOYMENT and values["headcount"] is not None:
        for name in ("youth_headcount", "new_hires"):
            if values[name] is not None and values[name] > values["headcount"]:
                fail(name, _("This cannot be more than the headcount."))
    if values["country"] and not is_known_country(values["country"]):
        fail("country", _("Give a two-letter country code such as US, DE or JP."))
    currency = values["currency"]
    if currency and currency not in Currency.values:
        fail(
            "currency",
            _("%(currency)s is not a currency we take; use one of %(known)s.")
            % {"currency": currency, "known": ", ".join(Currency.values)},
        )
    elif values["amount"] is not None and not currency and "currency" not in errors:
        fail("currency", _("Give the currency of the amount."))


def clean_record_fields(
    *, kind: str, data: Mapping[str, Any], rates: RateBook, today: date
) -> dict[str, Any]:
    """The model field values for a record of `kind` from raw `data`; one
    ValidationError with every problem by field when anything is wrong."""
    if kind not in KIND_RULES:
        raise ValidationError({"kind": [_("Choose a kind of outcome.")]})
    rule = KIND_RULES[kind]
    used = fields_used_by(kind)
    values = _empty_fields()
    errors: dict[str, list[str]] = {}
    for name in used:
        raw = data.get(name)
        if _blank(raw):
            if name == "currency" and not _blank(data.get("amount")):
                errors.setdefault(name, []).append(_("Give the currency of the amount."))
            elif name in rule.required or name == "occurred_on":
                errors.setdefault(name, []).append(_("This is needed for this kind of record."))
            continue
        try:
            values[name] = _parse(name, raw)
        except ValidationError as error:
            errors.setdefault(name, []).extend(error.messages)
    if values["occurred_on"] is not None:
        if values["occurred_on"] > today:
            errors.setdefault("occurred_on", []).append(_("This date is in the future."))
        elif values["occurred_on"] < EARLIEST_DATE:
            errors.setdefault("occurred_on", []).append(_("Give a date from 1990 on."))
    _check_kind_specifics(kind, values, errors)
    if not errors and values["amount"] is not None:
        try:
            money = rates.convert(
                amount=values["amount"], currency=values["currency"], day=values["occurred_on"]
            )
        except ValidationError as error:
            errors.setdefault("currency", []).extend(error.messages)
        else:
            values.update(
                amount_krw=money.amount_krw,
                amount_usd=money.amount_usd,
                krw_per_unit=money.krw_per_unit,
                krw_per_usd=money.krw_per_usd,
                rates_on=money.rates_on,
            )
    if values["amount"] is None:
        values["currency"] = ""
    if errors:
        raise ValidationError(errors)
    values["kind"] = kind
    return values
