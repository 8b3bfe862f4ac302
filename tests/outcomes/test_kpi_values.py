"""The KPI engine over record-based definitions: each computation, scopes, periods,
pending and public views, and the cluster comparison, checked against sums by hand."""

from datetime import date
from decimal import Decimal

import pytest

from ieum.outcomes.enums import Computation, KPIField, KPIUnit, OutcomeKind, Region
from ieum.outcomes.enums import VerificationStatus as Status
from ieum.outcomes.kpi_values import compare_clusters, compute_kpi_table, records_behind
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Period, Scope, quarters, years
from tests.factories import CompanyFactory
from tests.outcomes.factories import money_fields


def kpi(code, computation, *, kinds, field="", region=Region.ANY, unit=KPIUnit.COUNT):
    return KPIDefinition.objects.create(
        code=code,
        name_ko=code,
        name_en=code,
        unit=unit,
        computation=computation,
        field=field,
        kinds=kinds,
        region=region,
    )


@pytest.fixture
def kpis(db):
    return {
        "patents": kpi("patents", Computation.COUNT, kinds=[OutcomeKind.PATENT]),
        "exports": kpi(
            "exports", Computation.SUM, kinds=[OutcomeKind.EXPORT], field=KPIField.AMOUNT_USD
        ),
        "companies": kpi("companies", Computation.DISTINCT_COMPANIES, kinds=[]),
        "jobs": kpi(
            "jobs", Computation.LATEST, kinds=[OutcomeKind.EMPLOYMENT], field=KPIField.HEADCOUNT
        ),
        "overseas": kpi(
            "overseas", Computation.COUNT, kinds=[OutcomeKind.APPROVAL], region=Region.OVERSEAS
        ),
    }


def employment(world, company, day, headcount, **extra):
    return world.record(
        company=company,
        kind=OutcomeKind.EMPLOYMENT,
        subtype="",
        patent_scope="",
        country="",
        occurred_on=day,
        headcount=headcount,
        **extra,
    )


def test_each_computation_matches_a_sum_by_hand(outcome_world, kpis):
    world = outcome_world
    world.record(occurred_on=date(2024, 2, 1))
    world.record(occurred_on=date(2024, 9, 1))
    world.record(occurred_on=date(2025, 1, 1))
    world.record(occurred_on=date(2024, 3, 1), status=Status.PENDING)
    world.record(occurred_on=date(2024, 3, 1), status=Status.REJECTED, rejection_reason="중복")
    export = {"kind": OutcomeKind.EXPORT, "subtype": "", "patent_scope": "", "country": "US"}
    world.record(occurred_on=date(2024, 4, 1), **export, **money_fields(100_000, "USD"))
    world.record(
        company=world.other_company,
        occurred_on=date(2024, 5, 1),
        **export,
        **money_fields(50_000, "USD"),
    )
    employment(world, world.company, date(2024, 3, 31), 10)
    employment(world, world.company, date(2024, 12, 31), 14)
    employment(world, world.other_company, date(2024, 6, 30), 5)
    world.record(
        kind=OutcomeKind.APPROVAL, subtype="fda_510k", country="US", occurred_on=date(2024, 7, 1)
    )
    world.record(
        kind=OutcomeKind.APPROVAL, subtype="mfds", country="KR", occurred_on=date(2024, 7, 1)
    )

    table = compute_kpi_table(scope=NATIONAL, periods=years(2024, 2025), kpis=kpis.values())
    y2024, y2025 = Period(2024), Period(2025)
    assert table.cell("patents", y2024).value == 2
    assert table.cell("patents", y2025).value == 1
    assert table.cell("exports", y2024).value == Decimal("150000.00")
    assert table.cell("companies", y2024).value == 2
    assert table.cell("jobs", y2024).value == 14 + 5
    assert table.cell("overseas", y2024).value == 1

    pending = compute_kpi_table(
        scope=NATIONAL, periods=[y2024], kpis=[kpis["patents"]], include_pending=True
    )
    assert pending.cell("patents", y2024).value == 3

    cluster = compute_kpi_table(
        scope=Scope(cluster=world.cluster), periods=[y2024], kpis=kpis.values()
    )
    assert cluster.cell("exports", y2024).value == Decimal("100000.00")
    assert cluster.cell("jobs", y2024).value == 14

    by_quarter = compute_kpi_table(scope=NATIONAL, periods=quarters(2024, 2024), kpis=kpis.values())
    assert [cell.value for cell in by_quarter.series("patents")] == [1, 0, 1, 0]
    assert [cell.value for cell in by_quarter.series("jobs")] == [10, 5, 0, 14]


def test_public_figures_hide_confidential_records_and_small_cells(outcome_world, kpis):
    world = outcome_world
    companies = [world.company, world.other_company, CompanyFactory(), CompanyFactory()]
    for company in companies[:3]:
        world.record(company=company, occurred_on=date(2024, 2, 1))
    world.record(company=companies[3], occurred_on=date(2024, 2, 1), is_confidential=True)
    employment(world, companies[0], date(2024, 12, 31), 7, is_confidential=True)
    employment(world, companies[1], date(2024, 12, 31), 9)

    table = compute_kpi_table(
        scope=NATIONAL, periods=[Period(2024)], kpis=kpis.values(), public=True
    )
    assert table.cell("patents", Period(2024)).value == 3
    jobs = table.cell("jobs", Period(2024))
    assert jobs.suppressed and jobs.value is None
    staff_view = compute_kpi_table(scope=NATIONAL, periods=[Period(2024)], kpis=kpis.values())
    assert staff_view.cell("patents", Period(2024)).value == 4
    assert staff_view.cell("jobs", Period(2024)).value == 16


def test_clusters_compare_side_by_side_in_a_fixed_number_of_queries(
    outcome_world, kpis, django_assert_max_num_queries
):
    world = outcome_world
    world.record(occurred_on=date(2024, 2, 1))
    world.record(occurred_on=date(2024, 2, 1), clusters=[world.cluster, world.other_cluster])
    employment(world, world.company, date(2024, 12, 31), 12, clusters=[world.cluster])
    employment(world, world.other_company, date(2024, 12, 31), 3, clusters=[world.other_cluster])
    with django_assert_max_num_queries(2):
        result = compare_clusters(
            clusters=[world.cluster, world.other_cluster],
            period=Period(2024),
            kpis=list(kpis.values()),
        )
    assert result[world.cluster.pk]["patents"].value == 2
    assert result[world.other_cluster.pk]["patents"].value == 1
    assert result[world.cluster.pk]["jobs"].value == 12
    assert result[world.other_cluster.pk]["jobs"].value == 3


def test_the_records_behind_a_value_are_those_it_counts(outcome_world, kpis):
    world = outcome_world
    counted = world.record(occurred_on=date(2024, 2, 1))
    world.record(occurred_on=date(2024, 2, 1), status=Status.PENDING)
    world.record(occurred_on=date(2023, 2, 1))
    behind = records_behind(kpi=kpis["patents"], scope=NATIONAL, period=Period(2024))
    assert list(behind) == [counted]
