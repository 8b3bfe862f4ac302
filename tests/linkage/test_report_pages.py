"""The request report page and its Excel export: who may see them, what they hold."""

import json
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from ieum.linkage.enums import ReadChannel, RequestStatus
from ieum.linkage.models import RequestRead, ServiceRequest
from ieum.linkage.report_export import summary_rows
from ieum.linkage.reports import get_request_report
from ieum.linkage.threads import post_message
from tests.linkage.test_reports import YEAR_2025, kst, make_report_fixture, set_times

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PAGE = "/linkage/reports/?year=2025"
EXPORT = "/linkage/reports/export.xlsx?year=2025"


@pytest.fixture
def fixture(world):
    return make_report_fixture(world)


def workbook_of(client):
    response = client.get(EXPORT)
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="requests-20250101-20251231.xlsx"'
    )
    return load_workbook(BytesIO(response.content))


def cells(workbook) -> list:
    return [
        value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


def test_cluster_staff_and_platform_admins_see_the_report(client, fixture):
    for person in (fixture.world.staff, fixture.world.admin, fixture.world.other_staff):
        client.force_login(person)
        assert client.get(PAGE).status_code == 200
        assert client.get(EXPORT).status_code == 200


def test_parties_and_outsiders_are_refused(client, fixture):
    roles = fixture.world.roles
    for role in ("company", "coordinator", "other_company", "other_coordinator", "reviewer"):
        client.force_login(roles[role])
        assert client.get(PAGE).status_code == 403, role
        assert client.get(EXPORT).status_code == 403, role
    client.force_login(roles["stranger"])
    assert client.get(PAGE).status_code == 403
    client.logout()
    assert client.get(PAGE)["Location"].startswith("/accounts/login/")
    assert client.get(EXPORT)["Location"].startswith("/accounts/login/")
    assert not RequestRead.objects.exists()


def test_staff_of_another_cluster_see_none_of_this_cluster_s_requests(client, fixture):
    world = fixture.world
    client.force_login(world.other_staff)
    response = client.get(PAGE)
    assert [line.pk for line in response.context["report"].lines] == [fixture.r9.pk]
    html = response.content.decode()
    assert 'id="requests-submitted">1<' in html
    assert world.cluster.name not in html
    assert world.company.name not in html
    workbook = workbook_of(client)
    requests = list(workbook["Requests"].iter_rows(values_only=True))[1:]
    assert [row[0] for row in requests] == [fixture.r9.reference]
    everything = " ".join(str(value) for value in cells(workbook))
    assert world.company.name not in everything
    assert world.cluster.name not in everything
    assert fixture.r1.reference not in everything
    # The filter cannot reach a cluster one does not staff either: it is not a choice.
    response = client.get(f"{PAGE}&cluster={world.cluster.slug}")
    assert "cluster" in response.context["form"].errors
    lines = response.context["report"].lines
    assert not {line.cluster_id for line in lines} & {world.cluster.pk}


def test_the_page_shows_the_figures_with_charts(client, fixture):
    client.force_login(fixture.world.staff)
    response = client.get(PAGE)
    html = response.content.decode()
    assert 'id="requests-submitted">6<' in html
    assert 'id="response-median">1<' in html
    assert 'id="completion-median">10<' in html
    assert 'id="on-time-share">67%<' in html
    assert 'id="mean-rating">4.00 / 5<' in html
    assert 'id="overdue-now">2<' in html
    assert 'id="funnel-declines">1<' in html
    assert 'id="trials-and-approvals">3<' in html
    assert "Yonsei University Health System" in html
    assert finders.find("vendor/chartjs/chart.umd.min.js")
    assert finders.find("ieum/charts.js")
    # The only inline scripts are JSON data, which the CSP does not run.
    assert html.count("<script") == html.count('<script src="') + html.count('<script id="chart-')
    months = json.loads(
        html.split('<script id="chart-months" type="application/json">')[1].split("</script>")[0]
    )
    assert months["datasets"][0]["data"] == [1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0]
    assert 'data-chart="chart-types"' in html
    assert 'data-chart="chart-ratings"' in html
    # Showing figures reads no request's details.
    assert not RequestRead.objects.exists()


def test_a_backwards_period_is_refused_on_the_form(client, fixture):
    client.force_login(fixture.world.staff)
    response = client.get("/linkage/reports/?date_from=2025-06-30&date_to=2025-06-01")
    assert response.status_code == 200
    assert "The end of the period comes before its start." in response.content.decode()
    narrowed = client.get("/linkage/reports/?date_from=2025-06-01&date_to=2025-06-30")
    lines = narrowed.context["report"].lines
    assert {line.pk for line in lines} == {fixture.r2.pk, fixture.r3.pk}


def test_the_workbook_s_numbers_match_the_page(client, fixture):
    client.force_login(fixture.world.staff)
    page_report = client.get(PAGE).context["report"]
    workbook = workbook_of(client)
    assert workbook.sheetnames == [
        "Summary",
        "By type",
        "By provider",
        "By area",
        "By cluster",
        "By month",
        "Requests",
    ]
    summary = {label: value for label, value in workbook["Summary"].iter_rows(values_only=True)}
    with translation.override("en"):
        expected = summary_rows(page_report)
    assert summary == {label: value for label, value, _format in expected}
    assert summary["Requests submitted"] == 6
    assert summary["Declines by providers"] == 1
    assert summary["Mean response time (business days)"] == 1.3
    assert summary["Median completion time (business days)"] == 10
    assert summary["On-time share"] == pytest.approx(2 / 3)
    assert summary["Mean rating"] == 4
    assert summary["Rated 3"] == 1
    by_type = list(workbook["By type"].iter_rows(values_only=True))
    assert by_type[1][:3] == ("Clinical-trial consulting", 5, 2)
    assert by_type[2][:3] == ("Regulatory consulting", 1, 1)
    by_month = list(workbook["By month"].iter_rows(values_only=True))[1:]
    assert [row[1] for row in by_month] == [row.requests for row in page_report.months]
    requests = list(workbook["Requests"].iter_rows(values_only=True))
    assert requests[0][:3] == ("Reference", "Submitted", "Assigned")
    rows = {row[0]: row for row in requests[1:]}
    assert list(rows) == [line.reference for line in page_report.lines]
    r3 = rows[fixture.r3.reference]
    assert r3[1].date().isoformat() == "2025-06-30"
    assert r3[13:17] == (1, 34, "Yes", None)
    assert rows[fixture.r1.reference][16] == 5


def test_the_workbook_holds_no_description_goal_or_message(client, fixture):
    world = fixture.world
    ServiceRequest.objects.filter(pk=fixture.r4.pk).update(goal="식약처 확증 임상 승인 목표")
    post_message(actor=world.company_member, request=fixture.r4, body="비밀 프로토콜 초안입니다.")
    client.force_login(world.admin)
    everything = " ".join(str(value) for value in cells(workbook_of(client)))
    for request in (fixture.r1, fixture.r3, fixture.r9):
        assert request.description not in everything
        assert request.title not in everything
    assert "식약처 확증 임상 승인 목표" not in everything
    assert "비밀 프로토콜" not in everything
    assert "검토 의견서" not in everything  # R3's delivery note
    assert "HB-Stent" not in everything


def test_the_export_logs_reads_of_confidential_rows(client, fixture):
    client.force_login(fixture.world.staff)
    workbook_of(client)
    reads = RequestRead.objects.all()
    # R1, R4, R5 and R7 are confidential; R2 and R3 are not.
    assert {read.request_id for read in reads} == {
        fixture.r1.pk,
        fixture.r4.pk,
        fixture.r5.pk,
        fixture.r7.pk,
    }
    assert {(read.user, read.channel) for read in reads} == {
        (fixture.world.staff, ReadChannel.EXPORT)
    }
    RequestRead.objects.all().delete()
    client.get(f"{EXPORT}&service_type=regulatory_consulting")
    assert not RequestRead.objects.exists()


def test_the_report_s_queries_do_not_grow_with_requests(client, fixture):
    client.force_login(fixture.world.staff)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    with CaptureQueriesContext(connection) as few_exported:
        assert client.get(EXPORT).status_code == 200
    for day in range(3, 13):
        request = fixture.world.request(RequestStatus.CLOSED)
        set_times(request, submitted_at=kst(9, day), delivered_at=kst(9, day + 5))
    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)
    assert response.context["report"].funnel.submitted == 16
    assert len(many) == len(few)
    with CaptureQueriesContext(connection) as many_exported:
        assert client.get(EXPORT).status_code == 200
    assert len(many_exported) == len(few_exported)


def test_the_page_and_get_request_report_agree(client, fixture):
    client.force_login(fixture.world.admin)
    page = client.get(PAGE).context["report"]
    direct = get_request_report(user=fixture.world.admin, filters=YEAR_2025)
    assert [line.pk for line in page.lines] == [line.pk for line in direct.lines]
    assert page.funnel == direct.funnel
