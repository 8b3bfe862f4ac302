"""Check-in: its window, who may do it, and the attendance figures it gives."""

from datetime import datetime, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from ieum.accounts.enums import Role
from ieum.partnering.checkin import attendance_figures, check_in
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Meeting, Slot
from tests.factories import DelegateFactory, EventFactory, MembershipFactory, RegistrationFactory
from tests.partnering.factories_agendas import demand_party, scheduled_meeting

pytestmark = pytest.mark.django_db


def meeting_at(start: datetime, *, event=None, **fields) -> Meeting:
    event = event or EventFactory(status="published", published_at=timezone.now())
    slot = Slot.objects.create(
        event=event, day_number=1, start=start, end=start + timedelta(minutes=30)
    )
    return scheduled_meeting(
        requester=fields.pop("requester", None) or RegistrationFactory(event=event),
        recipient=fields.pop("recipient", None) or demand_party(event),
        slot=slot,
        **fields,
    )


def same_day_outside_window() -> datetime:
    """A start outside the parties' window but on today's date in Seoul."""
    now = timezone.now()
    later = now + timedelta(minutes=45)
    zone = timezone.get_default_timezone()
    if later.astimezone(zone).date() == now.astimezone(zone).date():
        return later
    return now - timedelta(hours=2)


def organizer_of(event):
    return MembershipFactory(organization=event.organizer, role=Role.EVENT_ORGANIZER).user


def test_a_party_checks_in_from_half_an_hour_before_until_the_end_once():
    meeting = meeting_at(timezone.now() + timedelta(minutes=20))
    requester = meeting.request.requester
    checked = check_in(meeting=meeting, registration=requester)
    first_time = checked.requester_checked_in_at
    assert first_time is not None and checked.recipient_checked_in_at is None
    again = check_in(meeting=meeting, registration=requester)
    assert again.requester_checked_in_at == first_time


@pytest.mark.parametrize("offset", [timedelta(minutes=45), timedelta(minutes=-31)])
def test_outside_the_window_a_party_is_refused_and_nothing_is_written(offset):
    meeting = meeting_at(timezone.now() + offset)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        check_in(meeting=meeting, registration=meeting.request.recipient)
    assert "Check-in is open from 30 minutes before the meeting" in refused.value.messages[0]
    meeting.refresh_from_db()
    assert meeting.recipient_checked_in_at is None


def test_organizers_check_in_any_time_of_the_meeting_day_but_not_another_day():
    meeting = meeting_at(same_day_outside_window())
    organizer = organizer_of(meeting.event)
    checked = check_in(meeting=meeting, registration=meeting.request.recipient, by=organizer)
    assert checked.recipient_checked_in_at is not None

    tomorrow = meeting_at(timezone.now() + timedelta(days=1), event=meeting.event)
    with translation.override("en"), pytest.raises(ValidationError, match="on the day"):
        check_in(meeting=tomorrow, registration=tomorrow.request.recipient, by=organizer)
    # A party member gets no such exception.
    member = MembershipFactory(organization=meeting.request.requester.organization).user
    with pytest.raises(ValidationError):
        check_in(meeting=meeting, registration=meeting.request.requester, by=member)


def test_only_scheduled_meetings_and_their_parties_check_in():
    meeting = meeting_at(timezone.now())
    with translation.override("en"), pytest.raises(ValidationError, match="does not take part"):
        check_in(meeting=meeting, registration=RegistrationFactory(event=meeting.event))
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
    with translation.override("en"), pytest.raises(ValidationError, match="Only scheduled"):
        check_in(meeting=meeting, registration=meeting.request.requester)
    assert not Meeting.objects.filter(requester_checked_in_at__isnull=False).exists()


def test_the_token_holder_checks_in_from_the_qr_code(client):
    meeting = meeting_at(timezone.now())
    delegate = DelegateFactory(registration=meeting.request.recipient)
    url = reverse("partnering:check_in_token", args=[delegate.agenda_token, meeting.pk])
    response = client.get(url)
    assert response.status_code == 200
    meeting.refresh_from_db()
    assert meeting.recipient_checked_in_at is None  # looking is not checking in
    assert client.post(url).status_code == 302
    meeting.refresh_from_db()
    assert meeting.recipient_checked_in_at is not None
    assert meeting.requester_checked_in_at is None
    # Someone else's token does not open this meeting.
    stranger = DelegateFactory(registration=RegistrationFactory(event=meeting.event))
    assert (
        client.post(
            reverse("partnering:check_in_token", args=[stranger.agenda_token, meeting.pk])
        ).status_code
        == 404
    )


def test_the_token_holder_too_early_gets_the_reason_and_no_check_in(client):
    meeting = meeting_at(timezone.now() + timedelta(hours=3))
    delegate = DelegateFactory(registration=meeting.request.requester)
    url = reverse("partnering:check_in_token", args=[delegate.agenda_token, meeting.pk])
    client.cookies["django_language"] = "en"
    response = client.post(url, follow=True)
    assert "Check-in is open from" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.requester_checked_in_at is None


def test_the_button_is_for_the_party_itself_and_for_organizers(client):
    meeting = meeting_at(timezone.now())
    requester, recipient = meeting.request.requester, meeting.request.recipient
    url = reverse("partnering:check_in", args=[meeting.pk])

    client.force_login(MembershipFactory().user)
    assert client.post(url, {"registration": requester.pk}).status_code == 404

    client.force_login(MembershipFactory(organization=requester.organization).user)
    assert client.post(url, {"registration": recipient.pk}).status_code == 403
    assert client.post(url, {"registration": "x"}).status_code == 404
    assert client.post(url, {"registration": requester.pk}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.requester_checked_in_at and not meeting.recipient_checked_in_at

    client.force_login(organizer_of(meeting.event))
    assert client.post(url, {"registration": recipient.pk}).status_code == 302
    meeting.refresh_from_db()
    assert meeting.recipient_checked_in_at is not None


def test_attendance_figures_count_held_meetings_absences_and_no_shows():
    event = EventFactory(status="published", published_at=timezone.now())
    pharma = demand_party(event)
    startups = [RegistrationFactory(event=event) for _ in range(5)]
    base = timezone.now() - timedelta(hours=3)
    kinds = [(True, True), (True, False), (False, False), (False, True)]
    for number, (requester_in, recipient_in) in enumerate(kinds):
        meeting = meeting_at(
            base + timedelta(minutes=30 * number),
            event=event,
            requester=startups[number],
            recipient=pharma,
            table_number=number + 1,
        )
        Meeting.objects.filter(pk=meeting.pk).update(
            requester_checked_in_at=timezone.now() if requester_in else None,
            recipient_checked_in_at=timezone.now() if recipient_in else None,
        )
    # Meetings still to come count for nobody.
    meeting_at(
        timezone.now() + timedelta(hours=5), event=event, requester=startups[4], recipient=pharma
    )

    figures = attendance_figures(event=event)
    assert (figures.due, figures.held, figures.one_side_absent, figures.no_shows) == (4, 1, 2, 1)
    assert figures.held_share == 0.25 and figures.no_show_share == 0.25
    absences = {p.registration: (p.meetings, p.absent) for p in figures.parties}
    assert absences == {
        pharma: (4, 2),
        startups[0]: (1, 0),
        startups[1]: (1, 0),
        startups[2]: (1, 1),
        startups[3]: (1, 1),
    }
    assert figures.parties[0].registration == pharma
