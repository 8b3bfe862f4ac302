"""Dashboards as domain functions: who gets which dashboard, the table grouped by unit
with links to the records behind each number, trends, comparisons, and the public
figures with their hidden small cells. Figures are those of the built-in KPIs."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404

from ieum.outcomes.dashboard_access import check_dashboard_access, figure_url, find_scope
from ieum.outcomes.dashboards import format_figure, get_dashboard, get_public_figures
from ieum.outcomes.enums import Computation, KPIUnit, OutcomeKind
from ieum.outcomes.enums import VerificationStatus as Status
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Period, Scope
from tests.factories import ClusterMemberFactory, CompanyFactory
from tests.outcomes.factories import money_fields
from tests.programs.factories import ProgramFactory

Y2023, Y2024 = Period(2023), Period(2024)
EXPORT = {"kind": OutcomeKind.EXPORT, "subtype": "", "patent_scope": "", "country": "US"}


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


def fill(world):
    """Two years of records in both clusters: patents, exports and headcounts, with a
    pending, a rejected and a confidential record among them."""
    world.record(occurred_on=date(2023, 3, 1))
    world.record(occurred_on=date(2024, 2, 1))
    world.record(occurred_on=date(2024, 8, 1))
    world.record(occurred_on=date(2024, 9, 1), status=Status.PENDING)
    world.record(occurred_on=date(2024, 9, 2), status=Status.REJECTED, rejection_reason="중복")
    world.record(company=world.other_company, occurred_on=date(2024, 5, 1))
    world.record(occurred_on=date(2024, 4, 1), **EXPORT, **money_fields(100_000, "USD"))
    world.record(
        company=world.other_company,
        occurred_on=date(2024, 6, 1),
        is_confidential=True,
        **EXPORT,
        **money_fields(50_000, "USD"),
    )
    employment(world, world.company, date(2024, 3, 31), 10)
    employment(world, world.company, date(2024, 12, 31), 14)
    employment(world, world.other_company, date(2024, 12, 31), 5)


def board(user, scope, **options):
    options = {"first_year": 2023, "last_year": 2024, **options}
    return get_dashboard(user=user, scope=scope, **options)


def shown(dashboard, code, period):
    for group in dashboard.groups:
        for row in group.rows:
            if row.kpi.code == code:
                return next(cell for cell in row.cells if cell.period == period)
    raise AssertionError(code)


def test_a_cluster_dashboard_counts_its_verified_records_and_pending_on_request(outcome_world):
    world = outcome_world
    fill(world)
    dashboard = board(world.staff, Scope(cluster=world.cluster))

    assert [period.key for period in dashboard.periods] == ["2023", "2024"]
    assert dashboard.table.cell("patent_applications", Y2023).value == 1
    assert dashboard.table.cell("patent_applications", Y2024).value == 2
    assert dashboard.table.cell("export_amount", Y2024).value == Decimal("100000.00")
    assert dashboard.table.cell("employees", Y2024).value == 14
    cell = shown(dashboard, "patent_applications", Y2024)
    assert cell.text == "2"
    assert cell.url.startswith("/outcomes/dashboards/figure/?")
    assert f"scope=cluster%3A{world.cluster.slug}" in cell.url and "period=2024" in cell.url
    assert "pending" not in cell.url
    assert shown(dashboard, "export_amount", Y2024).text == "$100,000"

    pending = board(world.staff, Scope(cluster=world.cluster), include_pending=True)
    assert pending.include_pending
    assert pending.table.cell("patent_applications", Y2024).value == 3
    assert "pending=1" in shown(pending, "patent_applications", Y2024).url


def test_rows_are_grouped_by_unit_in_the_units_order(outcome_world):
    dashboard = board(outcome_world.admin, NATIONAL)
    units = [group.unit for group in dashboard.groups]
    order = list(KPIUnit)
    assert units == [unit for unit in order if unit in units]
    assert len(units) == len(set(units))
    for group in dashboard.groups:
        assert {row.kpi.unit for row in group.rows} == {group.unit}
    codes = [row.kpi.code for group in dashboard.groups for row in group.rows]
    assert sorted(codes) == sorted(
        KPIDefinition.objects.filter(is_active=True).values_list("code", flat=True)
    )


def test_quarters_split_the_years(outcome_world):
    world = outcome_world
    fill(world)
    dashboard = board(world.staff, Scope(cluster=world.cluster), first_year=2024, quarterly=True)
    assert [period.key for period in dashboard.periods] == [f"2024-Q{q}" for q in (1, 2, 3, 4)]
    assert [c.value for c in dashboard.table.series("patent_applications")] == [1, 0, 1, 0]
    assert "period=2024-Q3" in shown(dashboard, "patent_applications", Period(2024, 3)).url


def test_trend_charts_follow_the_headline_figures(outcome_world):
    world = outcome_world
    fill(world)
    dashboard = board(world.staff, Scope(cluster=world.cluster))
    charts = {chart.id: chart for chart in dashboard.charts}
    assert list(charts) == [
        "chart-patent_applications",
        "chart-overseas_approvals",
        "chart-export_amount",
        "chart-revenue",
        "chart-employees",
        "chart-investment_amount",
    ]
    patents = charts["chart-patent_applications"].data
    assert patents["type"] == "bar" and patents["labels"] == ["2023", "2024"]
    assert patents["datasets"][0]["data"] == [1.0, 2.0]
    assert charts["chart-export_amount"].data["type"] == "line"
    assert charts["chart-export_amount"].data["datasets"][0]["data"] == [0.0, 100000.0]


def test_the_national_dashboard_sets_the_clusters_side_by_side(outcome_world):
    world = outcome_world
    fill(world)
    dashboard = board(world.admin, NATIONAL, include_pending=True, compare="employees")
    assert dashboard.table.cell("patent_applications", Y2024).value == 4
    assert dashboard.table.cell("export_amount", Y2024).value == Decimal("150000.00")
    comparison = dashboard.comparison
    assert comparison.headers[0] == KPIDefinition.objects.get(code="patent_applications").name
    rows = {row.label: row for row in comparison.rows}
    assert set(rows) == {world.cluster.name, world.other_cluster.name}
    assert rows[world.cluster.name].cells[0].text == "3"
    assert rows[world.other_cluster.name].cells[0].text == "1"
    assert rows[world.cluster.name].url == f"/outcomes/dashboards/clusters/{world.cluster.slug}/"
    chart = dashboard.comparison_chart
    assert chart.id == "chart-clusters" and chart.data["horizontal"]
    by_cluster = dict(zip(chart.data["labels"], chart.data["datasets"][0]["data"], strict=True))
    assert by_cluster == {world.cluster.name: 14.0, world.other_cluster.name: 5.0}
    assert dict(dashboard.cluster_links) == {
        world.cluster.name: f"/outcomes/dashboards/clusters/{world.cluster.slug}/",
        world.other_cluster.name: f"/outcomes/dashboards/clusters/{world.other_cluster.slug}/",
    }


def test_staff_compare_their_cluster_with_the_public_national_figures(outcome_world, english):
    world = outcome_world
    fill(world)
    comparison = board(world.staff, Scope(cluster=world.cluster)).comparison
    assert comparison.headers == [world.cluster.name, "National"]
    assert "fewer than 3 companies" in comparison.note
    row = next(row for row in comparison.rows if row.label == "Patent applications")
    # Two companies make the national patents of 2024: too few to show in public.
    assert [cell.text for cell in row.cells] == ["2", "—"]
    assert row.cells[1].url == "" and row.cells[1].note

    admin = board(world.admin, Scope(cluster=world.cluster)).comparison
    row = next(row for row in admin.rows if row.label == "Patent applications")
    assert [cell.text for cell in row.cells] == ["2", "3"]
    assert admin.note == ""


def test_a_company_sees_its_own_figures_confidential_and_pending_included(outcome_world):
    world = outcome_world
    fill(world)
    mine = board(world.other_company_member, Scope(company=world.other_company))
    assert mine.table.cell("export_amount", Y2024).value == Decimal("50000.00")
    assert mine.table.cell("patent_applications", Y2024).value == 1
    own = board(world.company_member, Scope(company=world.company), include_pending=True)
    assert own.table.cell("patent_applications", Y2024).value == 3


CAN_SEE = {
    "national": {"admin"},
    "cluster": {"admin", "staff"},
    "program": {"admin", "staff"},
    "company": {"admin", "staff", "company"},
}


@pytest.mark.parametrize("kind", sorted(CAN_SEE))
def test_only_the_right_people_get_a_full_dashboard(outcome_world, kind):
    world = outcome_world
    program = ProgramFactory(cluster=world.cluster)
    scope = {
        "national": NATIONAL,
        "cluster": Scope(cluster=world.cluster),
        "program": Scope(program=program),
        "company": Scope(company=world.company),
    }[kind]
    slug = {"cluster": world.cluster.slug, "program": program.slug, "company": world.company.slug}
    for role, user in world.roles.items():
        if role in CAN_SEE[kind]:
            check_dashboard_access(user=user, scope=scope)
            expected = scope
            if kind == "company" and role == "staff":
                # Staff see the company as it is in their cluster (next test).
                expected = replace(scope, within_clusters=frozenset({world.cluster.pk}))
            assert find_scope(user=user, kind=kind, slug=slug.get(kind, "")) == expected
            continue
        with pytest.raises(PermissionDenied):
            board(user, scope)
        missing = PermissionDenied if kind == "national" else Http404
        with pytest.raises(missing):
            find_scope(user=user, kind=kind, slug=slug.get(kind, ""))


def test_staff_see_a_company_s_figures_of_their_own_cluster_only(outcome_world):
    world = outcome_world
    ClusterMemberFactory(cluster=world.other_cluster, organization=world.company)
    world.record(occurred_on=date(2024, 2, 1))
    world.record(occurred_on=date(2024, 3, 1), clusters=[world.other_cluster])
    world.record(occurred_on=date(2024, 4, 1), clusters=[world.cluster, world.other_cluster])

    def patents(user):
        scope = find_scope(user=user, kind="company", slug=world.company.slug)
        return board(user, scope).table.cell("patent_applications", Y2024).value

    assert patents(world.company_member) == 3
    assert patents(world.admin) == 3
    assert patents(world.staff) == 2
    assert patents(world.other_staff) == 2


def test_a_company_outside_the_staffs_clusters_is_not_theirs(outcome_world):
    world = outcome_world
    with pytest.raises(Http404):
        find_scope(user=world.staff, kind="company", slug=world.lone_company.slug)
    with pytest.raises(Http404):
        find_scope(user=world.admin, kind="cluster", slug="no-such-cluster")


def test_public_figures_hide_confidential_records_and_small_cells(outcome_world, english):
    world = outcome_world
    fill(world)
    third = CompanyFactory()
    ClusterMemberFactory(cluster=world.cluster, organization=third)
    world.record(company=third, clusters=[world.cluster], occurred_on=date(2024, 7, 1))

    figures = get_public_figures(first_year=2023, last_year=2024)
    national = figures.national
    assert national.public and not national.include_pending
    patents = shown(national, "patent_applications", Y2024)
    assert patents.text == "4" and patents.url == ""
    exports = shown(national, "export_amount", Y2024)
    assert exports.text == "—" and exports.note == "Fewer than 3 companies: not shown"
    assert figures.cluster is None
    links = dict(figures.cluster_links)
    assert links[world.cluster.name] == f"/outcomes/figures/?cluster={world.cluster.slug}"
    assert set(links) == {world.cluster.name, world.other_cluster.name}

    chosen = get_public_figures(cluster_slug=world.cluster.slug, first_year=2024, last_year=2024)
    # Two companies of the cluster filed patents in 2024: hidden.
    assert shown(chosen.cluster, "patent_applications", Y2024).text == "—"
    assert chosen.national.charts == [] and chosen.cluster.charts
    with pytest.raises(Http404):
        get_public_figures(cluster_slug="nowhere", first_year=2024, last_year=2024)


def test_a_kpi_an_admin_adds_appears_on_the_dashboards(outcome_world):
    world = outcome_world
    fill(world)
    KPIDefinition.objects.create(
        code="us-exports",
        name_ko="미국 수출",
        name_en="US exports",
        unit=KPIUnit.COUNT,
        computation=Computation.COUNT,
        kinds=[OutcomeKind.EXPORT],
        currencies=["USD"],
    )
    dashboard = board(world.admin, NATIONAL)
    assert dashboard.table.cell("us-exports", Y2024).value == 2
    assert "kpi=us-exports" in shown(dashboard, "us-exports", Y2024).url


def test_figures_read_with_their_unit():
    assert format_figure(1234567, KPIUnit.KRW) == "₩1,234,567"
    assert format_figure(Decimal("45590000.40"), KPIUnit.USD) == "$45,590,000"
    assert format_figure(1400, KPIUnit.PEOPLE) == "1,400"
    assert format_figure(Decimal("12.5"), KPIUnit.HOURS) == "12.5"
    assert format_figure(Decimal("12.00"), KPIUnit.HOURS) == "12"


def test_figures_from_other_apps_lead_to_their_reports(outcome_world):
    world = outcome_world
    kpis = {kpi.code: kpi for kpi in KPIDefinition.objects.all()}

    def url(code, scope, period):
        return figure_url(kpi=kpis[code], scope=scope, period=period, include_pending=False)

    cluster = Scope(cluster=world.cluster)
    assert url("facility_companies", cluster, Period(2024, 2)) == (
        f"/facilities/reports/?cluster={world.cluster.slug}&month_from=2024-04&month_to=2024-06"
    )
    assert url("support_cases", NATIONAL, Y2024) == "/programs/reports/?year=2024"
    assert url("service_requests", cluster, Y2024) == (
        f"/linkage/reports/?cluster={world.cluster.slug}&year=2024"
    )
    assert url("partnering_meetings", NATIONAL, Y2024) == ""
    assert url("facility_companies", Scope(company=world.company), Y2024) == ""
    # A zero has nothing behind it to show.
    national = board(world.admin, NATIONAL)
    assert shown(national, "patent_applications", Y2024).url == ""
    program = board(world.staff, Scope(program=ProgramFactory(cluster=world.cluster)))
    assert shown(program, "facility_companies", Y2024).text == "·"
