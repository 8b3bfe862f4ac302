"""The records behind a dashboard figure: as many as the cell counts, the same pending
choice, only records the person may open, and a figure from another app has none."""

from datetime import date

import pytest
from django.urls import reverse

from ieum.outcomes.dashboards import get_dashboard
from ieum.outcomes.drilldown import get_drilldown
from ieum.outcomes.periods import Period, Scope
from tests.outcomes.test_dashboard_pages import cell_text
from tests.outcomes.test_dashboards import fill
from tests.programs.factories import ProgramFactory


def figure_address(kpi, scope, period, **extra):
    query = {"kpi": kpi, "scope": scope, "period": period, **extra}
    return reverse("outcomes:kpi_records") + "?" + "&".join(f"{k}={v}" for k, v in query.items())


@pytest.mark.parametrize("pending", [False, True])
def test_the_records_listed_are_as_many_as_the_dashboard_counts(
    client, outcome_world, english, pending
):
    world = outcome_world
    fill(world)
    client.force_login(world.staff)
    query = {"first": 2024, "last": 2024, **({"pending": "on"} if pending else {})}
    dashboard = client.get(reverse("outcomes:cluster_dashboard", args=[world.cluster.slug]), query)
    shown = cell_text(dashboard, "patent_applications", "2024")
    assert shown == ("3" if pending else "2")

    link = next(
        cell.url
        for group in dashboard.context["dashboard"].groups
        for row in group.rows
        if row.kpi.code == "patent_applications"
        for cell in row.cells
    )
    response = client.get(link)
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["page"].paginator.count == int(shown)
    assert page.count('class="record-row"') == int(shown)
    assert f'<div class="fs-3 fw-semibold" id="record-count">{shown}</div>' in page
    assert f'<div class="fs-3 fw-semibold" id="figure">{shown}</div>' in page
    for record in response.context["page"]:
        assert reverse("outcomes:record_detail", args=[record.pk]) in page
    assert ("Waiting for verification" in page) is pending
    assert "Rejected" not in page


def test_every_count_figure_of_the_national_dashboard_matches_its_records(outcome_world):
    world = outcome_world
    fill(world)
    dashboard = get_dashboard(
        user=world.admin, scope=Scope(), first_year=2023, last_year=2024, include_pending=True
    )
    for kpi in dashboard.table.kpis:
        if kpi.source != "records" or kpi.computation != "count":
            continue
        for period in dashboard.periods:
            drilldown = get_drilldown(
                user=world.admin,
                kpi_code=kpi.code,
                scope=Scope(),
                period=period,
                include_pending=True,
            )
            expected = dashboard.table.cell(kpi.code, period).value
            assert drilldown.records.count() == expected == drilldown.cell.value, kpi.code


def test_records_of_a_program_outside_the_staffs_clusters_are_counted_not_listed(
    outcome_world, english, client
):
    world = outcome_world
    program = ProgramFactory(cluster=world.cluster)
    ours = world.record(occurred_on=date(2024, 3, 1))
    ours.programs.add(program)
    theirs = world.record(company=world.other_company, occurred_on=date(2024, 3, 2))
    theirs.programs.add(program)

    drilldown = get_drilldown(
        user=world.staff,
        kpi_code="patent_applications",
        scope=Scope(program=program),
        period=Period(2024),
    )
    assert drilldown.cell.value == 2
    assert list(drilldown.records) == [ours]
    assert drilldown.hidden == 1

    client.force_login(world.staff)
    response = client.get(figure_address("patent_applications", f"program:{program.slug}", 2024))
    assert "1 record behind this figure is attributed to no cluster you staff" in (
        response.content.decode()
    )


def test_a_latest_value_figure_lists_every_record_of_the_period(client, outcome_world, english):
    world = outcome_world
    fill(world)
    client.force_login(world.staff)
    response = client.get(figure_address("employees", f"cluster:{world.cluster.slug}", "2024-Q4"))
    assert response.context["page"].paginator.count == 1
    assert "takes each company’s latest record" in response.content.decode()
    response = client.get(figure_address("employees", f"cluster:{world.cluster.slug}", 2024))
    assert response.context["page"].paginator.count == 2
    assert response.context["drilldown"].figure_text == "14"


@pytest.mark.parametrize(
    "query",
    [
        {"kpi": "facility_companies", "scope": "national", "period": "2024"},
        {"kpi": "no-such-kpi", "scope": "national", "period": "2024"},
        {"kpi": "patent_applications", "scope": "national", "period": "2024-Q5"},
        {"kpi": "patent_applications", "scope": "galaxy:far", "period": "2024"},
        {"kpi": "patent_applications", "scope": "cluster:nowhere", "period": "2024"},
        {"kpi": "patent_applications", "scope": "national"},
    ],
)
def test_a_figure_that_has_no_records_here_is_not_found(client, outcome_world, query):
    client.force_login(outcome_world.admin)
    assert client.get(reverse("outcomes:kpi_records"), query).status_code == 404


def test_a_long_list_comes_in_pages(client, outcome_world):
    world = outcome_world
    for day in range(1, 61):
        world.record(occurred_on=date(2024, 1 + day % 12, 1 + day % 28))
    client.force_login(world.admin)
    address = figure_address("patent_applications", "national", 2024)
    first = client.get(address)
    assert first.context["page"].paginator.count == 60
    assert len(first.context["page"].object_list) == 50
    second = client.get(address + "&page=2")
    assert len(second.context["page"].object_list) == 10


def test_a_company_opens_the_records_behind_its_own_figures(client, outcome_world):
    world = outcome_world
    fill(world)
    client.force_login(world.company_member)
    scope = f"company:{world.company.slug}"
    response = client.get(figure_address("patent_applications", scope, 2024, pending=1))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == response.context["drilldown"].cell.value
    assert response.context["drilldown"].cell.value == 3
    other = f"company:{world.other_company.slug}"
    assert client.get(figure_address("patent_applications", other, 2024)).status_code == 404
