"""The organizer report page and its Excel workbook: who may see them, what they hold."""

import json
from datetime import datetime
from io import BytesIO

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from openpyxl import load_workbook

from ieum.accounts.enums import Role
from ieum.partnering.event_report import event_figures
from ieum.partnering.models import FollowUpOutcome, MeetingFeedback
from ieum.partnering.report_export import summary_rows
from tests.factories import ClusterFactory, MembershipFactory
from tests.partnering.factories_followup import (
    member_of,
    organizer_of,
    past_event,
    platform_admin,
    scheduled_meeting,
    startup,
)
from tests.partnering.test_report_figures import make_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def fixture():
    return make_fixture()


def report_url(event, suffix="/"):
    return f"/partnering/events/{event.slug}/report{suffix}"


def test_organizers_admins_and_cluster_staff_see_the_report(client, fixture):
    event = fixture.event
    event.cluster = ClusterFactory()
    event.save()
    staff = MembershipFactory(organization=event.cluster.operator, role=Role.CLUSTER_STAFF).user
    for person in (organizer_of(event), platform_admin(), staff):
        client.force_login(person)
        assert client.get(report_url(event)).status_code == 200
        assert client.get(report_url(event, ".xlsx")).status_code == 200


def test_parties_other_companies_and_anonymous_people_do_not(client, fixture):
    event = fixture.event
    outsider = MembershipFactory().user
    other_organizer = organizer_of(past_event())
    for person in (member_of(fixture.d1), member_of(fixture.s1), outsider, other_organizer):
        client.force_login(person)
        assert client.get(report_url(event)).status_code == 403
        assert client.get(report_url(event, ".xlsx")).status_code == 403
    client.logout()
    assert client.get(report_url(event))["Location"].startswith("/accounts/login/")
    assert client.get(report_url(event, ".xlsx"))["Location"].startswith("/accounts/login/")
    client.force_login(platform_admin())
    assert client.get("/partnering/events/no-such-event/report/").status_code == 404


def test_the_report_page_shows_the_figures_with_charts(client, fixture):
    client.force_login(organizer_of(fixture.event))
    response = client.get(report_url(fixture.event))
    html = response.content.decode()
    assert 'id="acceptance-rate">83%<' in html
    assert 'id="scheduled-share">80%<' in html
    assert 'id="no-show-rate">67%<' in html
    assert 'id="outcomes-total">4<' in html
    assert "3.67 / 5" in html
    assert "가나제약" in html
    assert finders.find("vendor/chartjs/chart.umd.min.js")
    assert finders.find("ieum/charts.js")
    # The only inline scripts are JSON data, which the CSP does not run.
    assert html.count("<script") == html.count('<script src="') + html.count('<script id="chart-')
    funnel = json.loads(
        html.split('<script id="chart-funnel" type="application/json">')[1].split("</script>")[0]
    )
    assert funnel["datasets"][0]["data"] == [8, 5, 4, 1]
    assert 'data-chart="chart-days"' in html
    assert 'data-chart="chart-outcomes"' in html


def workbook_of(client, event):
    response = client.get(report_url(event, ".xlsx"))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="report-{event.slug}.xlsx"'
    return load_workbook(BytesIO(response.content))


def test_the_workbook_summary_matches_the_figures(client, fixture):
    client.force_login(organizer_of(fixture.event))
    workbook = workbook_of(client, fixture.event)
    assert workbook.sheetnames == ["Summary", "Meetings", "Requests", "Outcomes"]
    summary = {label: value for label, value in workbook["Summary"].iter_rows(values_only=True)}
    with translation.override("en"):
        expected = summary_rows(fixture.event, event_figures(event=fixture.event))
    assert list(summary) == [label for label, _value, _format in expected]
    assert summary["Meeting requests"] == 8
    assert summary["Accepted requests"] == 5
    assert summary["Acceptance rate"] == pytest.approx(5 / 6)
    assert summary["Scheduled meetings"] == 4
    assert summary["Scheduled share"] == pytest.approx(0.8)
    assert summary["Meetings held"] == 1
    assert summary["One side absent"] == 1
    assert summary["No-shows"] == 1
    assert summary["No-show rate"] == pytest.approx(2 / 3)
    assert summary["Mean rating"] == 3.67
    assert summary["Outcomes"] == 4
    assert summary["Outcome amounts (KRW)"] == 360_000_000
    assert summary["Licensing (KRW)"] == 50_000_000
    assert summary["Startup"] == 3
    assert workbook["Summary"]["B2"].value.startswith(fixture.event.starts_on.isoformat())


def test_the_workbook_lists_meetings_requests_and_outcomes_as_numbers(client, fixture):
    client.force_login(platform_admin())
    workbook = workbook_of(client, fixture.event)
    meetings = list(workbook["Meetings"].iter_rows(values_only=True))
    assert meetings[0][:3] == ("Requesting party", "Receiving party", "Start")
    # Four scheduled meetings in time order, then the one never scheduled.
    assert [row[:2] for row in meetings[1:]] == [
        ("마바바이오", "가나제약"),
        ("사아바이오", "가나제약"),
        ("자차바이오", "다라제약"),
        ("마바바이오", "다라제약"),
        ("카타투자", "마바바이오"),
    ]
    first = meetings[1]
    start = fixture.m1.slot.start.astimezone(fixture.event.zone).replace(tzinfo=None)
    assert first[2] == start
    assert isinstance(first[7], datetime)
    assert first[9:] == ("Held", 5, 4)
    assert meetings[2][9:] == ("One side absent", 2, None)
    assert meetings[3][9] == "No-show"
    assert meetings[5][2] is None
    requests = list(workbook["Requests"].iter_rows(values_only=True))
    assert len(requests) == 1 + 8
    assert requests[0][:3] == ("From", "To", "Status")
    assert all(isinstance(row[3], int) for row in requests[1:])
    outcomes = list(workbook["Outcomes"].iter_rows(values_only=True))
    assert sorted(row[2] or 0 for row in outcomes[1:]) == [0, 10_000_000, 50_000_000, 300_000_000]
    assert outcomes[1][0] == datetime.combine(fixture.event.starts_on, datetime.min.time())


def test_the_workbook_follows_the_language(client, fixture):
    client.force_login(organizer_of(fixture.event))
    client.cookies["django_language"] = "ko"
    with translation.override("ko"):
        expected = [
            label
            for label, _value, _format in summary_rows(
                fixture.event, event_figures(event=fixture.event)
            )
        ]
    workbook = workbook_of(client, fixture.event)
    assert [row[0] for row in workbook.worksheets[0].iter_rows(values_only=True)] == expected
    assert expected[0] == "행사"


def test_report_query_count_does_not_grow(client, fixture):
    client.force_login(organizer_of(fixture.event))
    with CaptureQueriesContext(connection) as few:
        assert client.get(report_url(fixture.event)).status_code == 200
    slots = list(fixture.event.slots.order_by("start"))
    for slot in slots[3:10]:
        extra = startup(fixture.event)
        meeting = scheduled_meeting(extra, fixture.d2, slot=slot, recipient_in=True)
        MeetingFeedback.objects.create(meeting=meeting, registration=extra, rating=4)
        FollowUpOutcome.objects.create(
            meeting=meeting, kind="poc", agreed_on=fixture.event.ends_on, amount_krw=5
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(report_url(fixture.event))
    assert response.context["figures"].meetings.scheduled == 11
    assert len(many) <= len(few)
