"""The partnering demo that `seed_demo` loads: the 2025 Global Open Innovation Week with
its eighteen demand companies and 104 startups, published agendas without double
booking, the venture cafes, the partnering day ahead, and work for the demo logins.

One load for all checks: loading takes several seconds.
"""

from collections import Counter
from datetime import date, datetime, timedelta

from django.db.models import Count
from django.utils import timezone

from ieum.accounts.models import User
from ieum.directory.demo.loader import load_demo, reset_demo
from ieum.partnering.demo.loader import (
    load_partnering_demo,
    partnering_demo_totals,
    reset_partnering_demo,
)
from ieum.partnering.enums import (
    CafeSessionKind,
    EventKind,
    EventStatus,
    LocationKind,
    MeetingStatus,
    OutcomeKind,
    ProposalStatus,
    RequestStatus,
    RunStatus,
)
from ieum.partnering.models import (
    CafeSession,
    Event,
    FollowUpOutcome,
    Meeting,
    MeetingFeedback,
    MeetingSeat,
    MentorSlot,
    Proposal,
)
from ieum.partnering.proposals import proposals_open
from ieum.partnering.venture_cafe import book_mentor_slot

WEEK = "global-oi-week-biohealth-2025"


def test_the_partnering_demo_loads_once_and_gives_the_logins_work(db):
    load_demo()
    created = load_partnering_demo()
    assert created["partnering events"] == 2 and created["venture cafes"] == 2

    week = Event.objects.get(slug=WEEK)
    check_the_week_is_set_up_as_reported(week)
    check_the_published_agenda(week)
    check_what_happened_at_and_after_the_meetings(week)
    check_the_venture_cafes()
    check_the_demo_logins(week)

    totals = partnering_demo_totals()
    assert not load_partnering_demo()
    assert partnering_demo_totals() == totals

    # The events go first; then the organizations they protect can go too.
    removed = reset_partnering_demo()
    assert removed["partnering events"] == 4
    assert not Event.objects.filter(is_demo=True).exists()
    assert reset_demo()["organizations"] > 0


def check_the_week_is_set_up_as_reported(week: Event):
    assert week.status == EventStatus.PUBLISHED and week.is_demo
    assert week.organizer.slug == "khidi"
    assert (week.starts_on, week.ends_on) == (date(2025, 11, 12), date(2025, 11, 14))
    days = list(week.days.prefetch_related("breaks"))
    assert [d.date for d in days] == [date(2025, 11, 13), date(2025, 11, 14)]
    for day in days:
        assert (f"{day.opens_at:%H:%M}", f"{day.closes_at:%H:%M}") == ("10:00", "17:00")
        assert [(f"{b.starts_at:%H:%M}", f"{b.ends_at:%H:%M}") for b in day.breaks.all()] == [
            ("12:00", "13:00")
        ]
    assert week.slots.count() == 24

    parties = Counter(week.registrations.values_list("kind", flat=True))
    assert parties["demand"] == 18 and parties["startup"] == 104
    slugs = set(week.registrations.values_list("organization__slug", flat=True))
    assert {"northbridge-medical", "h-bio-diagnostics"} <= slugs
    booths = week.locations.filter(kind=LocationKind.BOOTH).select_related("registration")
    assert booths.count() == 18
    assert all(booth.capacity == booth.registration.teams for booth in booths)
    assert booths.filter(capacity=2).count() >= 4
    assert week.locations.filter(kind=LocationKind.TABLES, capacity__gte=10).exists()

    delegates = week.registrations.filter(kind="demand").values_list(
        "delegates__time_zone", "delegates__language"
    )
    zones = {zone for zone, _language in delegates}
    assert {"Asia/Seoul", "America/New_York", "Europe/Berlin", "Asia/Tokyo"} <= zones
    assert ("America/New_York", "en") in set(delegates)

    assert 30 <= week.needs.count() <= 40
    assert all(need.areas.exists() for need in week.needs.all())
    proposals = Proposal.objects.filter(need__event=week)
    assert 200 <= proposals.count() <= 320
    statuses = Counter(proposals.values_list("status", flat=True))
    for status in (ProposalStatus.SHORTLISTED, ProposalStatus.ACCEPTED, ProposalStatus.DECLINED):
        assert statuses[status] >= 20, status
    assert not proposals.filter(status=ProposalStatus.DECLINED, decision_reason="").exists()
    # Proposals came in before the needs closed, and were decided before the event.
    closing = datetime(2025, 10, 25, tzinfo=week.zone)
    assert not proposals.filter(created_at__gte=closing).exists()
    assert not proposals.filter(decided_at__gte=datetime(2025, 11, 13, tzinfo=week.zone)).exists()

    asked = Counter(week.meeting_requests.values_list("status", flat=True))
    assert asked[RequestStatus.ACCEPTED] >= 150
    assert asked[RequestStatus.DECLINED] >= 10 and asked[RequestStatus.PENDING] >= 3
    direct = week.meeting_requests.filter(proposal__isnull=True, status=RequestStatus.ACCEPTED)
    assert direct.count() >= 40


def check_the_published_agenda(week: Event):
    run = week.schedule_runs.get()
    assert run.status == RunStatus.APPLIED and run.figures["valid"]
    meetings = Meeting.objects.filter(event=week)
    scheduled = meetings.filter(status=MeetingStatus.SCHEDULED)
    assert scheduled.count() >= 0.9 * meetings.count()
    assert not scheduled.filter(published_at__isnull=True).exists()
    assert not scheduled.filter(published_at__year__gt=2025).exists()

    seats = MeetingSeat.objects.filter(meeting__event=week)
    assert seats.count() == 2 * scheduled.count()
    doubled = seats.values("registration", "team", "slot").annotate(n=Count("pk")).filter(n__gt=1)
    assert not doubled.exists()
    tables = (
        scheduled.values("location", "table_number", "slot").annotate(n=Count("pk")).filter(n__gt=1)
    )
    assert not tables.exists()
    # Nobody meets in a time they blocked.
    blocked = week.slots.filter(blocks__isnull=False).values_list(
        "blocks__registration", "blocks__team", "pk"
    )
    assert blocked
    for registration_id, team, slot_id in blocked:
        assert not seats.filter(registration=registration_id, team=team, slot=slot_id).exists()


def check_what_happened_at_and_after_the_meetings(week: Event):
    scheduled = Meeting.objects.filter(event=week, status=MeetingStatus.SCHEDULED).select_related(
        "slot"
    )
    both = scheduled.filter(
        requester_checked_in_at__isnull=False, recipient_checked_in_at__isnull=False
    )
    assert both.count() >= 0.8 * scheduled.count()
    assert scheduled.filter(requester_checked_in_at__isnull=True).exists()
    for meeting in scheduled:
        for moment in (meeting.requester_checked_in_at, meeting.recipient_checked_in_at):
            if moment is not None:
                assert meeting.slot.start - timedelta(minutes=30) <= moment <= meeting.slot.end

    feedback = MeetingFeedback.objects.filter(meeting__event=week)
    assert feedback.count() >= 150
    assert not feedback.filter(created_at__lt=datetime(2025, 11, 13, tzinfo=week.zone)).exists()

    outcomes = FollowUpOutcome.objects.filter(meeting__event=week)
    kinds = Counter(outcomes.values_list("kind", flat=True))
    assert kinds[OutcomeKind.NDA] >= 10 and kinds[OutcomeKind.POC] >= 3
    licence = outcomes.get(kind=OutcomeKind.LICENSING)
    assert licence.amount_krw and licence.amount_krw >= 1_000_000_000
    today = timezone.now().astimezone(week.zone).date()
    for outcome in outcomes.select_related("meeting__slot"):
        assert outcome.meeting.slot.start.date() <= outcome.agreed_on <= today


def check_the_venture_cafes():
    cafes = Event.objects.filter(kind=EventKind.VENTURE_CAFE, is_demo=True).order_by("starts_on")
    past, coming = list(cafes)
    assert past.starts_on == date(2025, 11, 12) and past.status == EventStatus.CLOSED
    kinds = set(CafeSession.objects.filter(event=past).values_list("kind", flat=True))
    assert kinds == set(CafeSessionKind.values)
    slots = MentorSlot.objects.filter(session__event=past)
    assert 3 <= slots.values("mentor").distinct().count() <= 4
    assert all(slot.end - slot.start == timedelta(minutes=20) for slot in slots)
    assert slots.filter(booked_organization__isnull=False).count() >= 8
    attendances = past.cafe_sessions.values_list("attendances__attended_at", flat=True)
    assert sum(1 for moment in attendances if moment) >= 30

    assert coming.status == EventStatus.OPEN and coming.starts_on > timezone.now().date()
    free = MentorSlot.objects.filter(session__event=coming, booked_organization__isnull=True)
    assert free.count() >= 8
    assert MentorSlot.objects.filter(session__event=coming, booked_organization__isnull=False)


def check_the_demo_logins(week: Event):
    company = User.objects.get(email="company@demo.ieum.kr")
    demand = User.objects.get(email="demand@demo.ieum.kr")
    organizer = User.objects.get(email="events@demo.ieum.kr")
    ahead = Event.objects.get(kind=EventKind.PARTNERING, is_demo=True, status=EventStatus.OPEN)

    # The startup login: proposals and an agenda at the 2025 week, a need to answer ahead.
    mine = Proposal.objects.filter(registration__organization__slug="h-bio-diagnostics")
    assert mine.filter(need__event=week, status=ProposalStatus.ACCEPTED).count() >= 2
    assert mine.filter(need__event=week, status=ProposalStatus.DECLINED).exists()
    agenda = MeetingSeat.objects.filter(
        meeting__event=week, registration__organization__slug="h-bio-diagnostics"
    )
    assert agenda.count() >= 3
    open_needs = [
        need
        for need in ahead.needs.filter(registration__organization__slug="northbridge-medical")
        if proposals_open(need)
    ]
    assert open_needs
    assert not mine.filter(need__in=open_needs).exists()
    assert ahead.meeting_requests.filter(
        recipient__organization__slug="h-bio-diagnostics", status=RequestStatus.PENDING
    ).exists()

    # The demand login: proposals to screen and requests to answer ahead, feedback to give.
    waiting = Proposal.objects.filter(need__in=open_needs, status=ProposalStatus.SUBMITTED)
    assert waiting.count() >= 5
    assert all(demand.has_perm("partnering.decide_proposal", p) for p in waiting)
    assert ahead.meeting_requests.filter(
        recipient__organization__slug="northbridge-medical", status=RequestStatus.PENDING
    ).exists()
    rated = set(
        MeetingFeedback.objects.filter(
            meeting__event=week, registration__organization__slug="northbridge-medical"
        ).values_list("meeting_id", flat=True)
    )
    past = [
        meeting
        for meeting in Meeting.objects.filter(
            event=week,
            status=MeetingStatus.SCHEDULED,
            request__recipient__organization__slug="northbridge-medical",
        )
        if meeting.pk not in rated
    ]
    assert past
    assert demand.has_perm("partnering.give_feedback", past[0])

    # The organizer runs both, and the company login can book a mentor next month.
    assert organizer.has_perm("partnering.manage_event", week)
    assert organizer.has_perm("partnering.manage_event", ahead)
    slot = MentorSlot.objects.filter(
        session__event__status=EventStatus.OPEN, booked_organization__isnull=True
    ).first()
    startup = company.memberships.get(organization__slug="h-bio-diagnostics").organization
    booked = book_mentor_slot(slot=slot, by=company, organization=startup, topic="FDA 510(k)")
    assert booked.booked_organization == startup
