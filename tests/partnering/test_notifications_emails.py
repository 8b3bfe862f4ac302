"""Partnering e-mails go out from the real worker, to the parties concerned, each in
the recipient's language and time zone."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from ieum.accounts.enums import Role
from ieum.partnering import notifications
from ieum.partnering.enums import EventKind, MeetingStatus, ProposalStatus, RequestStatus
from ieum.partnering.models import CafeSession, Meeting, MeetingRequest, MentorSlot, Proposal
from tests.factories import (
    DelegateFactory,
    EventFactory,
    MembershipFactory,
    RegistrationFactory,
    TechnologyNeedFactory,
    UserFactory,
)
from tests.partnering.factories_agendas import demand_party, scheduled_meeting
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://ieum.example.kr"
MONDAY = date(2030, 1, 14)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


@pytest.fixture
def event():
    return EventFactory(starts_on=MONDAY, ends_on=MONDAY, days=[(MONDAY, "10:00", "12:00", [])])


def test_a_request_goes_to_the_recipients_delegates_and_its_answer_to_the_requester(event):
    startup, pharma = RegistrationFactory(event=event), demand_party(event)
    asker = DelegateFactory(registration=startup, language="ko")
    english = DelegateFactory(registration=pharma, language="en", full_name="Jane Doe")
    korean = DelegateFactory(registration=pharma, language="ko")
    request = MeetingRequest.objects.create(
        event=event, requester=startup, recipient=pharma, message="Let us talk about ADCs."
    )
    notifications.request_changed(request, event="sent")
    run_worker()
    sent = by_recipient()
    assert set(sent) == {english.email, korean.email}
    org = startup.organization
    assert sent[english.email].subject == f"Meeting request from {org.name_en}"
    assert "Hello Jane Doe," in sent[english.email].body
    assert "Let us talk about ADCs." in sent[english.email].body
    assert org.name_ko in sent[korean.email].subject

    mail.outbox.clear()
    MeetingRequest.objects.filter(pk=request.pk).update(status=RequestStatus.DECLINED)
    request.refresh_from_db()
    # The "sent" news is out of date once answered: only the answer is told.
    notifications.request_changed(request, event="sent")
    notifications.request_changed(request, event="declined")
    run_worker()
    [answer] = mail.outbox
    assert answer.to == [asker.email]
    assert pharma.organization.name_ko in answer.subject


def test_a_party_without_delegates_is_told_through_its_members_in_the_right_role(event):
    startup = RegistrationFactory(event=event)
    pharma = demand_party(event)
    right = MembershipFactory(
        organization=pharma.organization,
        role=Role.DEMAND_COMPANY_MEMBER,
        user=UserFactory(preferred_language="en"),
    ).user
    MembershipFactory(organization=pharma.organization, role=Role.EVENT_ORGANIZER)
    request = MeetingRequest.objects.create(event=event, requester=startup, recipient=pharma)
    notifications.request_changed(request, event="sent")
    run_worker()
    [message] = mail.outbox
    assert message.to == [right.email]
    assert message.subject == f"Meeting request from {startup.organization.name_en}"


def test_proposals_tell_the_demand_company_then_the_startup(event):
    need = TechnologyNeedFactory(registration=demand_party(event), event=event)
    screener = DelegateFactory(registration=need.registration, language="en")
    startup = RegistrationFactory(event=event)
    founder = DelegateFactory(registration=startup, language="en")
    proposal = Proposal.objects.create(
        need=need, registration=startup, title="Bispecific ADC", summary="Non-confidential."
    )
    notifications.proposal_changed(proposal, event="submitted")
    run_worker()
    [submitted] = mail.outbox
    assert submitted.to == [screener.email]
    assert submitted.subject == "New proposal to your need: Bispecific ADC"
    mail.outbox.clear()

    Proposal.objects.filter(pk=proposal.pk).update(
        status=ProposalStatus.DECLINED, decision_reason="Outside our focus this year."
    )
    notifications.proposal_changed(proposal, event="declined")
    run_worker()
    [declined] = mail.outbox
    assert declined.to == [founder.email]
    assert declined.subject == "Your proposal was declined: Bispecific ADC"
    assert "Outside our focus this year." in declined.body


def test_a_moved_meeting_is_told_in_each_delegates_zone_and_stale_jobs_send_nothing(event):
    startup, pharma = RegistrationFactory(event=event), demand_party(event)
    guest = DelegateFactory(registration=pharma, language="en", time_zone="America/New_York")
    local = DelegateFactory(registration=startup, language="ko")
    first, second, _third, fourth = event.slots.order_by("start")
    meeting = scheduled_meeting(requester=startup, recipient=pharma, slot=first)
    Meeting.objects.filter(pk=meeting.pk).update(slot=second, sequence=1)
    meeting.refresh_from_db()
    notifications.meeting_changed(meeting, event="moved")
    run_worker()
    sent = by_recipient()
    assert set(sent) == {guest.email, local.email}
    moved = sent[guest.email]
    assert moved.subject == (
        f"Meeting with {startup.organization.name_en} moved to 2030-01-13 (Sun) 20:30–21:00 EST"
    )
    assert "at the venue: 2030-01-14 (Mon) 10:30–11:00 KST" in moved.body
    assert f"{SITE}/partnering/agenda/{event.slug}/" in moved.body
    assert "2030-01-14 (월요일) 10:30–11:00 KST" in sent[local.email].body
    mail.outbox.clear()

    # Moved twice before the worker ran: only the newest job tells.
    Meeting.objects.filter(pk=meeting.pk).update(slot=fourth, sequence=2)
    meeting.refresh_from_db()
    notifications.meeting_changed(Meeting(pk=meeting.pk, sequence=1), event="moved")
    notifications.meeting_changed(meeting, event="moved")
    run_worker()
    assert len(mail.outbox) == 2
    assert all("11:30–12:00" in m.body for m in mail.outbox)
    mail.outbox.clear()

    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.CANCELLED, sequence=3, cancelled_at=timezone.now()
    )
    meeting.refresh_from_db()
    notifications.meeting_changed(meeting, event="cancelled")
    run_worker()
    assert sorted(m.subject for m in mail.outbox)[0] == (
        f"Meeting cancelled: {startup.organization.name_en}"
    )


def test_publishing_sends_each_delegate_their_agenda_once(event):
    startup, pharma = RegistrationFactory(event=event), demand_party(event)
    founder = DelegateFactory(registration=startup, language="en")
    scientist = DelegateFactory(registration=pharma, language="ko")
    idle = DelegateFactory(registration=RegistrationFactory(event=event), language="en")
    slot = event.slots.order_by("start").first()
    scheduled_meeting(requester=startup, recipient=pharma, slot=slot, table_number=7)
    notifications.agendas_published(event)
    run_worker()
    sent = by_recipient()
    assert len(mail.outbox) == 3 and set(sent) == {founder.email, scientist.email, idle.email}
    agenda = sent[founder.email]
    assert agenda.subject == f"Your agenda for {event.name_en}"
    assert "10:00–10:30 KST" in agenda.body
    assert f"{pharma.organization.name_en}, Hall A, table 7" in agenda.body
    assert f"{SITE}/partnering/agenda/{founder.agenda_token}.ics" in agenda.body
    assert startup.organization.name_ko in sent[scientist.email].body
    assert "No meetings are scheduled for you yet" in sent[idle.email].body


def test_mentor_bookings_tell_the_mentor_and_the_booker():
    cafe = EventFactory(kind=EventKind.VENTURE_CAFE, days=[])
    start = timezone.now() + timedelta(days=3)
    session = CafeSession.objects.create(
        event=cafe,
        kind="mentoring",
        title_ko="멘토링",
        title_en="Mentoring hours",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    mentor = UserFactory(preferred_language="en", full_name="Dr. Mentor")
    booker = MembershipFactory(user=UserFactory(preferred_language="ko")).user
    slot = MentorSlot.objects.create(
        session=session,
        mentor=mentor,
        start=start,
        end=start + timedelta(minutes=20),
        booked_by=booker,
        booked_organization=booker.memberships.first().organization,
        booked_at=timezone.now(),
        topic="Licensing terms",
    )
    notifications.mentor_slot_changed(slot, event="booked")
    run_worker()
    sent = by_recipient()
    assert set(sent) == {mentor.email, booker.email}
    assert sent[mentor.email].subject.startswith("Mentoring booked: ")
    assert "Licensing terms" in sent[mentor.email].body
    assert "Dr. Mentor" in sent[booker.email].body


def test_a_cancelled_mentor_booking_tells_the_startup_but_not_the_one_who_cancelled():
    cafe = EventFactory(kind=EventKind.VENTURE_CAFE, days=[])
    start = timezone.now() + timedelta(days=3)
    session = CafeSession.objects.create(
        event=cafe,
        kind="mentoring",
        title_ko="멘토링",
        starts_at=start,
        ends_at=start + timedelta(hours=2),
    )
    mentor = UserFactory(preferred_language="en")
    booker = MembershipFactory(user=UserFactory(preferred_language="ko")).user
    # The booking is already cleared when the job runs; the job names the booker.
    slot = MentorSlot.objects.create(
        session=session, mentor=mentor, start=start, end=start + timedelta(minutes=20)
    )
    notifications.mentor_slot_changed(slot, event="cancelled", booker=booker, actor=mentor)
    run_worker()
    assert set(by_recipient()) == {booker.email}
