"""Agenda pages, door sheets and the calendar feed: who sees what, and what the feed says."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from ieum.accounts.enums import Role
from ieum.core.ical import event_uid
from ieum.partnering.enums import MeetingStatus
from tests.factories import DelegateFactory, EventFactory, MembershipFactory, RegistrationFactory
from tests.partnering.factories_agendas import demand_party, hall, scheduled_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    event = EventFactory(published_at=timezone.now(), status="published")
    startup = RegistrationFactory(event=event)
    pharma = demand_party(event)
    member = MembershipFactory(organization=startup.organization).user
    delegate = DelegateFactory(registration=startup, user=member, full_name="Park Delegate")
    DelegateFactory(registration=pharma, full_name="Pharma Lead")
    place = hall(event)
    first, second = event.slots.order_by("start")[:2]
    published = scheduled_meeting(requester=startup, recipient=pharma, slot=first, location=place)
    hidden = scheduled_meeting(
        requester=RegistrationFactory(event=event),
        recipient=startup,
        slot=second,
        location=place,
        table_number=2,
        published=False,
    )
    organizer = MembershipFactory(organization=event.organizer, role=Role.EVENT_ORGANIZER).user
    return event, delegate, published, hidden, organizer, place


def stranger():
    return MembershipFactory().user


def test_my_agenda_shows_the_published_meetings_with_codes_and_the_feed(client, setting):
    event, delegate, published, hidden, _organizer, _place = setting
    client.force_login(delegate.user)
    response = client.get(reverse("partnering:my_agenda", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    page = response.content.decode()
    assert published.request.recipient.organization.name_ko in page
    assert "Pharma Lead" in page
    assert hidden.request.requester.organization.name_ko not in page
    assert reverse("partnering:meeting_qr", args=[delegate.agenda_token, published.pk]) in page
    assert reverse("partnering:agenda_feed", args=[delegate.agenda_token]) in page
    assert "d-print-none" in page and "agenda_print" in page


def test_someone_without_a_delegation_sees_no_agenda(client, setting):
    event, delegate, published, *_ = setting
    client.force_login(stranger())
    response = client.get(reverse("partnering:my_agenda", kwargs={"slug": event.slug}))
    assert response.status_code == 200
    assert delegate.agenda_token not in response.content.decode()
    assert published.request.recipient.organization.name_ko not in response.content.decode()
    client.logout()
    response = client.get(reverse("partnering:my_agenda", kwargs={"slug": event.slug}))
    assert response.status_code == 302


def test_organizers_see_any_delegates_agenda_with_unpublished_meetings(client, setting):
    _event, delegate, _published, hidden, organizer, _place = setting
    url = reverse("partnering:delegate_agenda", kwargs={"pk": delegate.pk})
    client.force_login(organizer)
    response = client.get(url)
    assert response.status_code == 200
    page = response.content.decode()
    assert hidden.request.requester.organization.name_ko in page
    # The delegate's secret is theirs: the organizer gets buttons, not the codes.
    assert delegate.agenda_token not in page
    client.force_login(stranger())
    assert client.get(url).status_code == 404


def test_the_door_sheet_is_for_organizers(client, setting):
    event, delegate, published, _hidden, organizer, place = setting
    url = reverse("partnering:door_sheet", kwargs={"pk": place.pk})
    client.force_login(organizer)
    response = client.get(url, {"day": event.starts_on.isoformat()})
    assert response.status_code == 200
    assert published.request.requester.organization.name_ko in response.content.decode()
    assert client.get(url, {"day": "13/11"}).status_code == 200  # shown whole, with a message
    client.force_login(delegate.user)
    assert client.get(url).status_code == 404


def feed(client, token):
    response = client.get(reverse("partnering:agenda_feed", kwargs={"token": token}))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e["UID"]): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_has_stable_uids_sequences_and_keeps_cancellations(client, setting):
    _event, delegate, published, hidden, _organizer, _place = setting
    events = feed(client, delegate.agenda_token)
    uid = event_uid("meeting", published.pk)
    assert set(events) == {uid}  # the unpublished meeting is not in it
    entry = events[uid]
    assert entry["SEQUENCE"] == 0
    assert entry.decoded("DTSTART") == published.slot.start
    assert entry.decoded("DTSTART").utcoffset() == timedelta(0)
    assert str(entry["STATUS"]) == "CONFIRMED"

    # Moved: same UID, higher sequence, new time.
    later = published.event.slots.order_by("start")[3]
    published.slot, published.sequence = later, 1
    published.save()
    entry = feed(client, delegate.agenda_token)[uid]
    assert entry["SEQUENCE"] == 1
    assert entry.decoded("DTSTART") == later.start

    # Cancelled: still there, cancelled, so calendars drop it...
    published.status, published.sequence = MeetingStatus.CANCELLED, 2
    published.cancelled_at = timezone.now()
    published.save()
    entry = feed(client, delegate.agenda_token)[uid]
    assert str(entry["STATUS"]) == "CANCELLED"
    assert entry["SEQUENCE"] == 2
    # ...for thirty days.
    published.cancelled_at = timezone.now() - timedelta(days=31)
    published.save()
    assert feed(client, delegate.agenda_token) == {}
    # Published and cancelled only from the other side's view is the same meeting.
    assert hidden.published_at is None


def test_resetting_the_token_invalidates_the_old_feed(client, setting):
    _event, delegate, *_ = setting
    old = delegate.agenda_token
    url = reverse("partnering:agenda_feed_reset", kwargs={"pk": delegate.pk})
    client.force_login(stranger())
    assert client.post(url).status_code == 404
    client.force_login(delegate.user)
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.agenda_token != old
    assert client.get(reverse("partnering:agenda_feed", args=[old])).status_code == 404
    feed(client, delegate.agenda_token)


def test_the_qr_code_is_an_svg_for_the_token_holder_only(client, setting):
    _event, delegate, published, hidden, *_ = setting
    response = client.get(
        reverse("partnering:meeting_qr", args=[delegate.agenda_token, published.pk])
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "image/svg+xml"
    assert response.content.startswith(b"<svg") and b"style=" not in response.content
    other = DelegateFactory(registration=RegistrationFactory(event=published.event))
    assert (
        client.get(
            reverse("partnering:meeting_qr", args=[other.agenda_token, published.pk])
        ).status_code
        == 404
    )
    assert client.get(reverse("partnering:meeting_qr", args=["nope", hidden.pk])).status_code == 404
