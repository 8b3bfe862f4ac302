"""The dashboards run a fixed number of queries whatever the number of records, years,
clusters and companies: the same page over a small and a large world costs the same."""

from datetime import date

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ieum.outcomes.enums import OutcomeKind
from tests.factories import ClusterFactory, ClusterMemberFactory, CompanyFactory
from tests.outcomes.factories import OutcomeRecordFactory, money_fields
from tests.outcomes.test_dashboards import fill

# With the built-in KPIs the national page measured 34 queries (session, person and
# access 3; KPIs 1; the table 1 + 3 latest-value KPIs + 9 other apps' figures; clusters
# 1; their comparison 1 + 3 + 9; the page's menu 3), the cluster page 38. The bounds
# leave room for the menu; the point is that more data costs nothing more.
NATIONAL_QUERIES = 40
CLUSTER_QUERIES = 44


def grow(world, *, clusters: int, companies: int, years: range) -> None:
    """More clusters, each with companies and records of several kinds every year."""
    for _index in range(clusters):
        cluster = ClusterFactory()
        for _company in range(companies):
            company = CompanyFactory()
            ClusterMemberFactory(cluster=cluster, organization=company)
            for year in years:
                OutcomeRecordFactory(
                    company=company, clusters=[cluster, world.cluster], occurred_on=date(year, 3, 1)
                )
                OutcomeRecordFactory(
                    company=company,
                    clusters=[cluster],
                    kind=OutcomeKind.EXPORT,
                    subtype="",
                    patent_scope="",
                    country="JP",
                    occurred_on=date(year, 7, 1),
                    **money_fields(1_000_000, "JPY"),
                )
                OutcomeRecordFactory(
                    company=company,
                    clusters=[cluster],
                    kind=OutcomeKind.EMPLOYMENT,
                    subtype="",
                    patent_scope="",
                    country="",
                    occurred_on=date(year, 12, 31),
                    headcount=10 + year % 7,
                )


def count_queries(client, address, query) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address, query)
    assert response.status_code == 200
    return len(queries)


def test_the_national_dashboard_costs_the_same_over_more_data(client, outcome_world):
    world = outcome_world
    fill(world)
    client.force_login(world.admin)
    address = reverse("outcomes:national")
    small = count_queries(client, address, {"first": 2023, "last": 2024})
    quarterly = count_queries(client, address, {"first": 2023, "last": 2024, "quarterly": "on"})

    grow(world, clusters=4, companies=3, years=range(2015, 2025))
    large = count_queries(client, address, {"first": 2015, "last": 2024, "pending": "on"})
    large_quarterly = count_queries(
        client, address, {"first": 2020, "last": 2024, "quarterly": "on"}
    )
    assert small == quarterly == large == large_quarterly <= NATIONAL_QUERIES


def test_the_cluster_dashboard_and_drilldown_cost_the_same_over_more_data(client, outcome_world):
    world = outcome_world
    fill(world)
    client.force_login(world.staff)
    address = reverse("outcomes:cluster_dashboard", args=[world.cluster.slug])
    figure = reverse("outcomes:kpi_records")
    drill = {"kpi": "patent_applications", "scope": f"cluster:{world.cluster.slug}"}
    small = count_queries(client, address, {"first": 2023, "last": 2024})
    small_drill = count_queries(client, figure, {**drill, "period": "2024"})

    grow(world, clusters=3, companies=3, years=range(2015, 2025))
    large = count_queries(client, address, {"first": 2015, "last": 2024})
    large_drill = count_queries(client, figure, {**drill, "period": "2020"})
    assert small == large <= CLUSTER_QUERIES
    assert small_drill == large_drill


def test_the_public_figures_cost_the_same_over_more_data(client, outcome_world):
    world = outcome_world
    fill(world)
    address = reverse("outcomes:public_figures")
    query = {"first": 2015, "last": 2024, "cluster": world.cluster.slug}
    small = count_queries(client, address, query)
    grow(world, clusters=3, companies=3, years=range(2015, 2025))
    assert count_queries(client, address, query) == small
