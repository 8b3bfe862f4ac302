"""Platform admins define KPIs and add exchange rates through `kpi_editing`: every rule,
every problem at once with nothing written, built-ins, permissions, the audit actor and
two admins racing for one code or one day's rate."""

from datetime import date
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError

from ieum.accounts.enums import Role
from ieum.core.errors import Conflict
from ieum.outcomes.kpi_catalog import ensure_builtin_kpis
from ieum.outcomes.kpi_editing import (
    add_exchange_rate,
    create_kpi,
    set_kpi_active,
    update_kpi,
)
from ieum.outcomes.models import ExchangeRate, KPIDefinition
from tests.factories import MembershipFactory, OrganizationFactory
from tests.outcomes.factories import make_outcome_world
from tests.race import race

pytestmark = pytest.mark.django_db


def exhibitions(**changes) -> dict:
    """A sum of export amounts in KRW for contracts signed abroad, in euros."""
    return {
        "name_ko": "해외 전시회 수출 계약액",
        "name_en": "Exhibition export contracts",
        "description_ko": "",
        "description_en": "",
        "unit": "krw",
        "computation": "sum",
        "field": "amount_krw",
        "kinds": ["export"],
        "subtypes": [],
        "patent_scopes": [],
        "region": "overseas",
        "currencies": ["EUR"],
        "is_active": True,
        "sort_order": 300,
        **changes,
    }


def problems(error: ValidationError) -> dict[str, list[str]]:
    return error.message_dict


def test_an_admin_adds_a_kpi_over_records(outcome_world):
    kpi = create_kpi(by=outcome_world.admin, code="exhibition_exports", data=exhibitions())
    assert (kpi.source, kpi.is_builtin, kpi.currencies) == ("records", False, ["EUR"])
    entry = LogEntry.objects.get_for_object(kpi).get()
    assert entry.actor == outcome_world.admin


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"field": ""}, "field", "Choose the figure to add up."),
        ({"unit": "usd"}, "unit", "Amount in KRW is counted in KRW."),
        ({"field": "headcount", "unit": "people"}, "field", "Export contract records carry no"),
        ({"kinds": []}, "kinds", "Choose the kinds of records whose figure is added up."),
        ({"computation": "count", "unit": "count"}, "field", "A count adds up no figure"),
        ({"computation": "count", "field": ""}, "unit", "is counted in cases."),
        ({"computation": "distinct_companies", "field": "", "unit": "count"}, "unit", "companies"),
        ({"subtypes": ["mfds"]}, "subtypes", "MFDS approval do not belong to the chosen kinds"),
        ({"patent_scopes": ["pct"]}, "patent_scopes", "choose the patent kind"),
        ({"name_ko": "  "}, "name_ko", "Write the KPI's name."),
        ({"sort_order": -1}, "sort_order", "whole number from 0 to 32767"),
        ({"region": "mars"}, "region", "Choose one of the options."),
        ({"kinds": ["export", "gossip"]}, "kinds", "Choose from the options."),
    ],
)
def test_a_kpi_that_breaks_a_rule_is_refused(outcome_world, english, changes, field, message):
    with pytest.raises(ValidationError) as refused:
        create_kpi(by=outcome_world.admin, code="exhibition_exports", data=exhibitions(**changes))
    assert message in " ".join(problems(refused.value)[field])
    assert not KPIDefinition.objects.filter(code="exhibition_exports").exists()


def test_every_problem_is_named_at_once(outcome_world, english):
    data = exhibitions(unit="people", subtypes=["ipo"], patent_scopes=["pct"])
    with pytest.raises(ValidationError) as refused:
        create_kpi(by=outcome_world.admin, code="Bad Code!", data=data)
    assert set(problems(refused.value)) == {"code", "unit", "subtypes", "patent_scopes"}


def test_a_count_of_patents_filed_abroad_and_companies_with_trials_are_fine(outcome_world):
    patents = exhibitions(
        computation="count",
        unit="count",
        field="",
        kinds=["patent"],
        subtypes=["patent_application"],
        patent_scopes=["pct", "foreign"],
        region="any",
        currencies=[],
    )
    assert create_kpi(by=outcome_world.admin, code="pct-filings", data=patents).pk
    trials = exhibitions(
        computation="distinct_companies", unit="companies", field="", kinds=["clinical_trial"]
    )
    assert create_kpi(by=outcome_world.admin, code="trial_companies", data=trials).pk


def test_codes_are_unique_slugs(outcome_world, english):
    ensure_builtin_kpis()
    for code, message in [
        ("revenue", "Another KPI has the code “revenue”."),
        ("x", "Write a code of 2 to 60"),
        ("한글코드", "Write a code of 2 to 60"),
    ]:
        with pytest.raises(ValidationError) as refused:
            create_kpi(by=outcome_world.admin, code=code, data=exhibitions())
        assert message in problems(refused.value)["code"][0]
    assert create_kpi(by=outcome_world.admin, code="  Mixed_Case ", data=exhibitions()).code == (
        "mixed_case"
    )


@pytest.mark.parametrize("role", ["company", "staff", "stranger"])
def test_only_platform_admins_change_kpis_and_rates(outcome_world, role):
    ensure_builtin_kpis()
    person = outcome_world.roles[role]
    revenue = KPIDefinition.objects.get(code="revenue")
    with pytest.raises(PermissionDenied):
        create_kpi(by=person, code="exhibition_exports", data=exhibitions())
    with pytest.raises(PermissionDenied):
        update_kpi(by=person, kpi=revenue, data={"name_ko": "매출"})
    with pytest.raises(PermissionDenied):
        set_kpi_active(by=person, kpi=revenue, is_active=False)
    with pytest.raises(PermissionDenied):
        add_exchange_rate(by=person, currency="USD", effective_on=date(2025, 1, 2), krw_per_unit=1)
    revenue.refresh_from_db()
    assert (revenue.name_ko, revenue.is_active) == ("매출액", True)


def test_a_builtin_changes_names_visibility_and_order_only(outcome_world, english):
    ensure_builtin_kpis()
    revenue = KPIDefinition.objects.get(code="revenue")
    changed = update_kpi(
        by=outcome_world.admin,
        kpi=revenue,
        data={
            "name_ko": "매출 실적",
            "description_en": "Audited.",
            "is_active": False,
            "sort_order": 1,
        },
    )
    assert (changed.name_ko, changed.description_en, changed.is_active, changed.sort_order) == (
        "매출 실적",
        "Audited.",
        False,
        1,
    )
    with pytest.raises(ValidationError) as refused:
        update_kpi(by=outcome_world.admin, kpi=revenue, data={"computation": "sum"})
    assert "computes what the catalog says" in problems(refused.value)["computation"][0]
    # Sent unchanged, as the API may, the definition is no problem.
    update_kpi(
        by=outcome_world.admin, kpi=revenue, data={"field": "amount_krw", "kinds": ["revenue"]}
    )
    hours = KPIDefinition.objects.get(code="facility_hours")
    assert (
        update_kpi(by=outcome_world.admin, kpi=hours, data={"name_en": "Hours"}).name_en == "Hours"
    )


def test_an_admin_s_kpi_changes_its_definition_but_not_its_code(outcome_world):
    kpi = create_kpi(by=outcome_world.admin, code="exhibition_exports", data=exhibitions())
    changed = update_kpi(
        by=outcome_world.admin,
        kpi=kpi,
        data={"code": "other", "field": "amount_usd", "unit": "usd", "currencies": []},
    )
    assert (changed.code, changed.field, changed.unit, changed.currencies) == (
        "exhibition_exports",
        "amount_usd",
        "usd",
        [],
    )


def test_hiding_and_showing_a_kpi(outcome_world):
    ensure_builtin_kpis()
    revenue = KPIDefinition.objects.get(code="revenue")
    assert not set_kpi_active(by=outcome_world.admin, kpi=revenue, is_active=False).is_active
    assert set_kpi_active(by=outcome_world.admin, kpi=revenue, is_active=True).is_active


def test_an_exchange_rate_is_positive_and_one_per_day(outcome_world, english):
    admin = outcome_world.admin
    rate = add_exchange_rate(
        by=admin, currency="USD", effective_on=date(2025, 3, 4), krw_per_unit="1,452.35"
    )
    assert rate.krw_per_unit == Decimal("1452.35")
    assert LogEntry.objects.get_for_object(rate).get().actor == admin
    refusals = [
        ({"currency": "USD", "krw_per_unit": "1460"}, "effective_on", "already a USD rate"),
        ({"currency": "EUR", "krw_per_unit": "-3"}, "krw_per_unit", "above zero"),
        ({"currency": "EUR", "krw_per_unit": "0"}, "krw_per_unit", "above zero"),
        ({"currency": "EUR", "krw_per_unit": "abc"}, "krw_per_unit", "above zero"),
        ({"currency": "EUR", "krw_per_unit": "1.1234567"}, "krw_per_unit", "6 decimal places"),
        ({"currency": "KRW", "krw_per_unit": "1"}, "currency", "foreign currency"),
        ({"currency": "GBP", "krw_per_unit": "1800"}, "currency", "foreign currency"),
    ]
    for data, field, message in refusals:
        with pytest.raises(ValidationError) as refused:
            add_exchange_rate(by=admin, effective_on=date(2025, 3, 4), **data)
        assert message in problems(refused.value)[field][0], data
    with pytest.raises(ValidationError) as refused:
        add_exchange_rate(by=admin, currency="EUR", effective_on=None, krw_per_unit="1500")
    assert "effective_on" in problems(refused.value)
    assert ExchangeRate.objects.filter(effective_on=date(2025, 3, 4)).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_admins_racing_for_one_code_or_one_day_get_one_each():
    world = make_outcome_world()
    other_admin = MembershipFactory(
        organization=OrganizationFactory(kind="public_agency"), role=Role.PLATFORM_ADMIN
    ).user
    admins = [world.admin, other_admin]
    refusals = {Conflict: "conflict", ValidationError: "refused"}
    outcomes = race(
        *[
            lambda by=by: create_kpi(by=by, code="exhibition_exports", data=exhibitions())
            for by in admins
        ],
        refusals=refusals,
    )
    assert sorted(outcomes) in (["conflict", "done"], ["done", "refused"])
    assert KPIDefinition.objects.filter(code="exhibition_exports").count() == 1
    outcomes = race(
        *[
            lambda by=by: add_exchange_rate(
                by=by, currency="JPY", effective_on=date(2025, 5, 1), krw_per_unit="9.4"
            )
            for by in admins
        ],
        refusals=refusals,
    )
    assert sorted(outcomes) in (["conflict", "done"], ["done", "refused"])
    assert ExchangeRate.objects.filter(currency="JPY", effective_on=date(2025, 5, 1)).count() == 1
