"""Utilization reports: hours worked out by hand, who sees them, Excel, charts, queries."""

import json
from datetime import date, timedelta
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from ieum.facilities.booking import book_resource
from ieum.facilities.enums import BookingStatus
from ieum.facilities.report_forms import this_month
from ieum.facilities.reports import build_utilization_report, get_utilization_report
from tests.facilities.conftest import seoul, working_day
from tests.facilities.test_statements import (
    Scenario,
    at,
    make_scenario,
    past_booking,
    platform_admin,
    staff_of,
)
from tests.factories import ClusterFactory, MembershipFactory, ResourceFactory

pytestmark = pytest.mark.django_db

MARCH, APRIL = date(2025, 3, 1), date(2025, 4, 1)
# March 2025: 21 weekdays, less the substitute holiday of 3 March, 9 hours each; April 2025:
# 22 weekdays and no holiday.
MARCH_WEEKDAY_HOURS, APRIL_WEEKDAY_HOURS = 20 * 9, 22 * 9


@pytest.fixture
def scenario() -> Scenario:
    return make_scenario()


def both_clusters(scenario):
    return build_utilization_report(
        first_month=MARCH, last_month=APRIL, clusters=[scenario.north, scenario.south]
    )


def hours(figures) -> tuple[float, float, float]:
    return (figures.open_hours, figures.booked_hours, figures.used_hours)


def test_hours_per_resource_and_month(scenario):
    report = both_clusters(scenario)
    rows = {row.resource.name_ko: row for row in report.resources}
    assert "폐기 장비" not in rows  # disused
    cytometer = rows["유세포분석기"]
    # March: 2 h of maintenance off the open hours; 2 h approved + 3 h no-show booked;
    # 1 h 45 min checked in. The request and the cancellation count for nothing.
    assert hours(cytometer.months[0]) == (MARCH_WEEKDAY_HOURS - 2, 5, 1.75)
    assert hours(cytometer.months[1]) == (APRIL_WEEKDAY_HOURS, 4, 4)
    assert hours(cytometer.total) == (376, 9, 5.75)
    assert cytometer.total.booked_percent == 2.4  # 9 / 376
    assert cytometer.total.used_percent == 1.5  # 5.75 / 376
    bioreactor = rows["생물반응기"]
    # Around the clock, holidays included: 31 and 30 days of 24 hours.
    assert hours(bioreactor.months[0]) == (744, 4, 0)
    assert hours(bioreactor.months[1]) == (720, 1, 0)
    assert hours(rows["예비 원심분리기"].total) == (MARCH_WEEKDAY_HOURS + APRIL_WEEKDAY_HOURS, 0, 0)


def test_cluster_totals_and_the_whole(scenario):
    report = both_clusters(scenario)
    north, south = report.clusters
    assert north.cluster == scenario.north
    assert north.resources == 2
    assert hours(north.months[0]) == (178 + 180, 5, 1.75)
    assert hours(north.months[1]) == (198 + 198, 4, 4)
    assert hours(north.total) == (754, 9, 5.75)
    assert north.total.booked_percent == 1.2
    assert hours(south.total) == (744 + 720 + 180 + 198, 5, 0)
    assert hours(report.total) == (754 + 1842, 14, 5.75)


def test_idle_equipment_top_companies_and_companies_served(scenario):
    report = both_clusters(scenario)
    # Marked idle, or never booked in the period.
    assert [row.resource.name_ko for row in report.idle] == ["예비 원심분리기", "공초점 현미경"]
    assert [(c.name, c.bookings, c.booked_hours) for c in report.top_companies] == [
        ("입주바이오", 3, 9),
        ("외부메드", 1, 4),
        ("지각제약", 1, 1),
    ]
    # The resident and the external company used something; the no-show company did not.
    assert report.companies_served == 2


def test_a_single_month_and_a_future_booking(scenario):
    member = MembershipFactory(organization=scenario.resident).user
    day = working_day()
    book_resource(
        user=member, resource=scenario.cytometer, start=seoul(day, "10:00"), end=seoul(day, "13:00")
    )
    report = build_utilization_report(first_month=day, last_month=day, clusters=[scenario.north])
    cytometer = next(row for row in report.resources if row.resource == scenario.cytometer)
    assert cytometer.total.booked_hours == 3
    assert cytometer.total.used_hours == 0
    # Approved but still ahead, and not checked in: not yet a company served.
    assert report.companies_served == 0


def test_staff_see_their_clusters_and_others_are_refused(scenario):
    report = get_utilization_report(
        user=staff_of(scenario.north), first_month=MARCH, last_month=APRIL
    )
    assert [row.cluster for row in report.clusters] == [scenario.north]
    assert [(c.name, c.booked_hours) for c in report.top_companies] == [
        ("입주바이오", 5),
        ("외부메드", 4),
    ]
    with pytest.raises(PermissionDenied):
        get_utilization_report(
            user=staff_of(scenario.north),
            first_month=MARCH,
            last_month=APRIL,
            cluster=scenario.south,
        )
    with pytest.raises(PermissionDenied):
        get_utilization_report(
            user=MembershipFactory(organization=scenario.resident).user,
            first_month=MARCH,
            last_month=APRIL,
        )
    admin = get_utilization_report(
        user=platform_admin(), first_month=MARCH, last_month=APRIL, cluster=scenario.south
    )
    assert [row.cluster for row in admin.clusters] == [scenario.south]


REPORT_URL = "/facilities/reports/?month_from=2025-03&month_to=2025-04"


def test_report_page_with_charts(client, scenario):
    client.force_login(platform_admin())
    response = client.get(REPORT_URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="companies-served">2<' in html
    assert "예비 원심분리기" in html
    assert 'src="/static/vendor/chartjs/chart.umd.min.js"' in html
    assert finders.find("vendor/chartjs/chart.umd.min.js")
    assert finders.find("ieum/charts.js")
    # The only inline scripts are JSON data, which the CSP does not run.
    assert html.count("<script") == html.count('<script src="') + html.count('<script id="chart-')
    chart = response.context["chart_data"]["utilization"]
    assert chart["labels"] == ["2025-03", "2025-04"]
    assert chart["datasets"][0]["data"] == [round(100 * 5 / 358, 1), round(100 * 4 / 396, 1)]
    companies = json.loads(
        html.split('<script id="chart-companies" type="application/json">')[1].split("</script>")[0]
    )
    assert companies["datasets"][0]["data"] == [9, 4, 1]


def test_report_page_refuses_companies_and_keeps_staff_to_their_clusters(client, scenario):
    client.force_login(MembershipFactory(organization=scenario.resident).user)
    assert client.get(REPORT_URL).status_code == 403
    assert client.get("/facilities/reports.xlsx").status_code == 403
    client.force_login(staff_of(scenario.north))
    response = client.get(REPORT_URL + f"&cluster={scenario.south.slug}")
    assert response.status_code == 200
    assert response.context["form"].errors["cluster"]
    assert "생물반응기" not in response.content.decode()


def test_bad_periods_are_reported_and_the_default_is_shown(client, scenario):
    client.force_login(platform_admin())
    response = client.get("/facilities/reports/?month_from=2025-04&month_to=2025-03")
    assert response.status_code == 200
    assert response.context["form"].errors["month_to"]
    response = client.get("/facilities/reports/?month_from=2020-01&month_to=2025-03")
    assert response.context["form"].errors["month_to"]
    assert response.context["report"].months[0] == this_month().replace(month=1)
    assert response.context["report"].months[-1] == this_month()


def test_report_workbook(client, scenario):
    client.force_login(staff_of(scenario.north))
    response = client.get("/facilities/reports.xlsx?month_from=2025-03&month_to=2025-04")
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="utilization-all-2025-03-2025-04.xlsx"'
    )
    workbook = load_workbook(BytesIO(response.content))
    summary, clusters, resources, idle, companies = workbook.worksheets
    figures = [row[1] for row in summary.iter_rows(values_only=True)]
    assert figures[2:6] == [2, 754, 9, 5.75]  # resources, open, booked and used hours
    assert figures[8:] == [2, 1]  # companies served, idle equipment
    cluster_rows = list(clusters.iter_rows(values_only=True))
    assert cluster_rows[1][1:6] == ("2025-03", 2, 358, 5, 1.75)
    assert cluster_rows[1][6] == pytest.approx(5 / 358)
    assert cluster_rows[-1][3:6] == (754, 9, 5.75)
    assert clusters["G2"].number_format == "0.0%"
    assert len(list(resources.iter_rows())) == 1 + 2 * 3  # two resources, two months + total
    assert [row[1] for row in idle.iter_rows(min_row=2, values_only=True)] == ["예비 원심분리기"]
    assert list(companies.iter_rows(min_row=2, values_only=True)) == [
        (1, "입주바이오", 2, 5),
        (2, "외부메드", 1, 4),
    ]


def add_resources(cluster, count: int, organization) -> None:
    for n in range(count):
        resource = ResourceFactory(cluster=cluster)
        start = at("2025-03-04", "09:00") + timedelta(days=n % 3)
        past_booking(
            resource=resource,
            organization=organization,
            start=start,
            end=start + timedelta(hours=2),
            status=BookingStatus.APPROVED,
            checked_in=start,
            checked_out=start + timedelta(hours=1),
        )


def page_queries(client, address: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(address)
    assert response.status_code == 200
    return len(queries)


def test_report_query_count_does_not_grow_with_resources(client, django_assert_max_num_queries):
    cluster = ClusterFactory()
    company = MembershipFactory().organization
    client.force_login(staff_of(cluster))
    add_resources(cluster, 1, company)
    one = page_queries(client, REPORT_URL)
    one_xlsx = page_queries(client, REPORT_URL.replace("reports/", "reports.xlsx"))
    add_resources(cluster, 29, company)
    add_resources(ClusterFactory(), 5, company)  # another cluster's, not in this report
    assert page_queries(client, REPORT_URL) == one
    assert page_queries(client, REPORT_URL.replace("reports/", "reports.xlsx")) == one_xlsx
    # Session, user, access, clusters, bookings (3), resources (3), template permissions.
    with django_assert_max_num_queries(16):
        client.get(REPORT_URL)
