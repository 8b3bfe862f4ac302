"""The organizer report's figures, worked out by hand on a small event."""

from dataclasses import dataclass
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.enums import MeetingStatus, ProposalStatus, RequestStatus
from ieum.partnering.event_report import (
    CheckInFigures,
    DayFigures,
    EventFigures,
    FeedbackFigures,
    KindCount,
    MeetingFigures,
    OutcomeFigures,
    PartyFigures,
    RequestFigures,
    event_figures,
)
from ieum.partnering.models import (
    Event,
    FollowUpOutcome,
    Meeting,
    MeetingFeedback,
    Proposal,
    Registration,
)
from tests.factories import TechnologyNeedFactory
from tests.partnering.factories_followup import (
    accepted_meeting,
    demand,
    future_slot,
    past_event,
    request_between,
    scheduled_meeting,
    startup,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@dataclass
class Fixture:
    event: Event
    d1: Registration
    d2: Registration
    s1: Registration
    s2: Registration
    s3: Registration
    investor: Registration
    m1: Meeting
    m2: Meeting
    m3: Meeting
    m8: Meeting


def make_fixture() -> Fixture:
    """Two past days and one meeting still ahead.

    Requests: S1→D1, S2→D1, S3→D2, I→S1 and S1→D2 accepted; S2→D2 declined; S3→D1
    pending; I→S2 cancelled. Meetings: m1 (day 1, both came), m2 (day 1, only S2 came),
    m3 (day 2, nobody came), m8 (tomorrow), I–S1 accepted but never scheduled.
    """
    event = past_event()
    d1, d2 = demand(event, "가나제약"), demand(event, "다라제약")
    s1, s2, s3 = (
        startup(event, "마바바이오"),
        startup(event, "사아바이오"),
        startup(event, "자차바이오"),
    )
    investor = startup(event, "카타투자")
    investor.kind = "investor"
    investor.save()
    startup(event, "하파바이오", is_cancelled=True)  # not counted

    need = TechnologyNeedFactory(event=event, registration=d1)
    TechnologyNeedFactory(event=event, registration=d2)
    for party, status in [
        (s1, ProposalStatus.SUBMITTED),
        (s2, ProposalStatus.ACCEPTED),
        (s3, ProposalStatus.DECLINED),
    ]:
        Proposal.objects.create(
            need=need, registration=party, title="t", summary="s", status=status
        )

    day_one = list(event.slots.filter(day_number=1).order_by("start"))
    day_two = list(event.slots.filter(day_number=2).order_by("start"))
    m1 = scheduled_meeting(s1, d1, slot=day_one[0], requester_in=True, recipient_in=True)
    m2 = scheduled_meeting(s2, d1, slot=day_one[1], requester_in=True)
    m3 = scheduled_meeting(s3, d2, slot=day_two[0])
    m8 = scheduled_meeting(s1, d2, slot=future_slot(event, days=3))
    accepted_meeting(investor, s1)
    request_between(s2, d2, status=RequestStatus.DECLINED)
    request_between(s3, d1, status=RequestStatus.PENDING)
    cancelled = accepted_meeting(investor, s2, status=MeetingStatus.CANCELLED)
    cancelled.request.status = RequestStatus.CANCELLED
    cancelled.request.save()

    MeetingFeedback.objects.create(meeting=m1, registration=s1, rating=5, wants_follow_up=True)
    MeetingFeedback.objects.create(meeting=m1, registration=d1, rating=4)
    MeetingFeedback.objects.create(meeting=m2, registration=s2, rating=2)
    day = event.starts_on
    for meeting, kind, amount in [
        (m1, "nda", None),
        (m1, "licensing", 50_000_000),
        (m1, "poc", 10_000_000),
        (m2, "investment", 300_000_000),
    ]:
        FollowUpOutcome.objects.create(meeting=meeting, kind=kind, agreed_on=day, amount_krw=amount)
    return Fixture(event, d1, d2, s1, s2, s3, investor, m1, m2, m3, m8)


@pytest.fixture
def fixture() -> Fixture:
    return make_fixture()


def test_registrations_needs_and_proposals(fixture):
    figures = event_figures(event=fixture.event)
    assert figures.registrations == (
        KindCount("demand", "Demand company", 2),
        KindCount("startup", "Startup", 3),
        KindCount("investor", "Investor", 1),
        KindCount("hospital", "Hospital", 0),
        KindCount("other", "Other", 0),
    )
    assert figures.registered == 6
    assert figures.needs == 2
    assert [(item.kind, item.count) for item in figures.proposals] == [
        ("submitted", 1),
        ("shortlisted", 0),
        ("accepted", 1),
        ("declined", 1),
        ("withdrawn", 0),
    ]
    assert figures.proposals_total == 3


def test_requests_meetings_and_check_in(fixture):
    figures = event_figures(event=fixture.event)
    assert figures.requests == RequestFigures(
        total=8, accepted=5, declined=1, pending=1, cancelled=1
    )
    assert figures.requests.acceptance_rate == pytest.approx(5 / 6)
    assert figures.meetings == MeetingFigures(accepted=5, scheduled=4)
    assert figures.meetings.scheduled_share == pytest.approx(4 / 5)
    # m8 has not ended, so it is not yet held or missed.
    assert figures.check_in == CheckInFigures(ended=3, held=1, one_side_absent=1, no_shows=1)
    assert figures.check_in.no_show_rate == pytest.approx(2 / 3)


def test_feedback_and_outcomes(fixture):
    figures = event_figures(event=fixture.event)
    assert figures.feedback == FeedbackFigures(count=3, mean_rating=3.67, wanting_follow_up=1)
    assert figures.feedback.follow_up_share == pytest.approx(1 / 3)
    assert figures.outcomes == (
        OutcomeFigures("nda", "NDA signed", 1, 0),
        OutcomeFigures("poc", "Proof of concept", 1, 10_000_000),
        OutcomeFigures("joint_rd", "Joint R&D", 0, 0),
        OutcomeFigures("licensing", "Licensing", 1, 50_000_000),
        OutcomeFigures("investment", "Investment", 1, 300_000_000),
        OutcomeFigures("supply", "Supply contract", 0, 0),
    )
    assert (figures.outcomes_total, figures.outcomes_amount_krw) == (4, 360_000_000)


def test_days_and_top_parties(fixture):
    figures = event_figures(event=fixture.event)
    first = fixture.event.starts_on
    ahead = fixture.m8.slot.start.astimezone(fixture.event.zone).date()
    assert figures.days == (
        DayFigures(first, scheduled=2, ended=2, held=1, one_side_absent=1, no_shows=0),
        DayFigures(
            first + timedelta(days=1), scheduled=1, ended=1, held=0, one_side_absent=0, no_shows=1
        ),
        # The meeting moved to a day after the event's days is on its own day.
        DayFigures(ahead, scheduled=1, ended=0, held=0, one_side_absent=0, no_shows=0),
    )
    assert figures.top_parties == (
        PartyFigures(fixture.d1.pk, "가나제약", "Demand company", meetings=2, attended=1),
        PartyFigures(fixture.d2.pk, "다라제약", "Demand company", meetings=2, attended=0),
        PartyFigures(fixture.s1.pk, "마바바이오", "Startup", meetings=2, attended=1),
        PartyFigures(fixture.s2.pk, "사아바이오", "Startup", meetings=1, attended=1),
        PartyFigures(fixture.s3.pk, "자차바이오", "Startup", meetings=1, attended=0),
    )


def test_chart_data(fixture):
    charts = event_figures(event=fixture.event).chart_data()
    assert charts["funnel"]["labels"] == ["Requested", "Accepted", "Scheduled", "Held"]
    assert charts["funnel"]["datasets"][0]["data"] == [8, 5, 4, 1]
    assert charts["days"]["datasets"][0]["data"] == [2, 1, 1]
    assert charts["days"]["datasets"][1]["data"] == [1, 0, 0]
    assert charts["days"]["datasets"][2]["data"] == [1, 1, 0]
    assert charts["outcomes"]["datasets"][0]["data"] == [1, 1, 0, 1, 1, 0]
    assert all(chart["integer"] for chart in charts.values())


def test_an_empty_event_has_no_rates():
    figures = event_figures(event=past_event())
    assert isinstance(figures, EventFigures)
    assert figures.requests.acceptance_rate is None
    assert figures.meetings.scheduled_share is None
    assert figures.check_in.no_show_rate is None
    assert figures.feedback.mean_rating is None
    assert [day.scheduled for day in figures.days] == [0, 0]
    assert figures.top_parties == ()


def test_figures_are_frozen(fixture):
    figures = event_figures(event=fixture.event)
    with pytest.raises(AttributeError):
        figures.needs = 3


def test_the_query_count_does_not_grow(fixture):
    with CaptureQueriesContext(connection) as few:
        event_figures(event=fixture.event)
    slots = list(fixture.event.slots.order_by("start"))
    for index in range(6):
        extra = startup(fixture.event)
        meeting = scheduled_meeting(extra, fixture.d1, slot=slots[index + 3], requester_in=True)
        MeetingFeedback.objects.create(meeting=meeting, registration=extra, rating=3)
        FollowUpOutcome.objects.create(
            meeting=meeting, kind="supply", agreed_on=fixture.event.ends_on, amount_krw=1
        )
    with CaptureQueriesContext(connection) as many:
        figures = event_figures(event=fixture.event)
    assert figures.meetings.scheduled == 10
    assert len(many) == len(few)
