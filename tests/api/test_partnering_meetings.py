"""The meetings API: parties see theirs, organizers move them (409 on a clash), both check in."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.partnering.models import Meeting, MeetingSeat, Slot
from tests.partnering.factories_api import (
    client_for,
    counts,
    hall,
    platform_admin,
    scheduled_meeting,
    stranger,
)
from tests.partnering.factories_needs import (
    EventFactory,
    demand_party,
    member_of,
    organizer_of,
    startup_party,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(slug="oi-week", status="published")


@pytest.fixture
def slots(event):
    return list(event.slots.order_by("start"))


@pytest.fixture
def room(event):
    return hall(event, tables=3)


@pytest.fixture
def demand(event):
    return demand_party(event)


@pytest.fixture
def startup(event):
    return startup_party(event)


@pytest.fixture
def meeting(startup, demand, slots, room):
    return scheduled_meeting(startup, demand, slot=slots[0], location=room)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_parties_list_their_meetings_and_organizers_the_events(
    event, meeting, startup, demand, slots, room
):
    other = scheduled_meeting(
        startup_party(event), demand_party(event), slot=slots[0], location=room, table=2
    )
    elsewhere = EventFactory()
    assert client_for().get("/api/v1/meetings/").status_code == 401
    assert ids(client_for(member_of(startup)).get("/api/v1/meetings/")) == [meeting.pk]
    assert ids(client_for(member_of(demand)).get("/api/v1/meetings/", {"event": "oi-week"})) == [
        meeting.pk
    ]
    assert ids(client_for(stranger()).get("/api/v1/meetings/")) == []
    organizer = client_for(organizer_of(event))
    assert ids(organizer.get("/api/v1/meetings/", {"event": "oi-week"})) == [meeting.pk, other.pk]
    assert (
        ids(organizer.get("/api/v1/meetings/", {"event": "oi-week", "status": "cancelled"})) == []
    )
    admin = client_for(platform_admin())
    assert ids(admin.get("/api/v1/meetings/", {"event": "oi-week"})) == [meeting.pk, other.pk]
    outsider = client_for(organizer_of(elsewhere))
    assert ids(outsider.get("/api/v1/meetings/", {"event": "oi-week"})) == []


def test_detail_shows_time_place_and_sides(meeting, startup, demand, room):
    url = f"/api/v1/meetings/{meeting.pk}/"
    data = client_for(member_of(startup)).get(url).json()
    assert data["requester"]["id"] == startup.pk and data["recipient"]["id"] == demand.pk
    assert (
        data["slot"]["start"]
        == meeting.slot.start.astimezone(timezone.get_default_timezone()).isoformat()
    )
    assert data["location"]["id"] == room.pk and data["table_number"] == 1
    assert client_for(stranger()).get(url).status_code == 404
    assert client_for(organizer_of(meeting.event)).get(url).status_code == 200
    assert client_for(platform_admin()).get(url).status_code == 200


def test_organizer_moves_a_meeting(meeting, slots, django_capture_on_commit_callbacks):
    url = f"/api/v1/meetings/{meeting.pk}/move/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(organizer_of(meeting.event)).post(
            url, {"slot": slots[3].pk, "table_number": 2}, format="json"
        )
    assert response.status_code == 200, response.content
    assert response.json()["slot"]["id"] == slots[3].pk and response.json()["table_number"] == 2
    meeting.refresh_from_db()
    assert (meeting.slot, meeting.table_number, meeting.sequence) == (slots[3], 2, 1)
    assert set(MeetingSeat.objects.values_list("slot_id", flat=True)) == {slots[3].pk}


def test_who_may_not_move(meeting, startup, slots):
    url = f"/api/v1/meetings/{meeting.pk}/move/"
    body = {"slot": slots[3].pk}
    assert client_for().post(url, body).status_code == 401
    assert client_for(stranger()).post(url, body).status_code == 404
    assert client_for(member_of(startup)).post(url, body).status_code == 403
    assert client_for(organizer_of(EventFactory())).post(url, body).status_code == 404
    meeting.refresh_from_db()
    assert meeting.slot == slots[0]
    # Platform admins may move any meeting (the rule `move_meeting`).
    assert client_for(platform_admin()).post(url, {"slot": slots[5].pk}).status_code == 200
    meeting.refresh_from_db()
    assert meeting.slot == slots[5]


def test_a_clash_is_409_naming_it_and_moves_nothing(event, meeting, startup, slots, room):
    busy = scheduled_meeting(startup, demand_party(event), slot=slots[2], location=room, table=2)
    api = client_for(organizer_of(event), language="en")
    before = counts(Meeting, MeetingSeat)
    response = api.post(
        f"/api/v1/meetings/{meeting.pk}/move/", {"slot": slots[2].pk}, format="json"
    )
    assert response.status_code == 409
    other = busy.request.recipient.organization.name_en
    assert response.json() == {
        "detail": f"{startup.organization.name_en} already meets {other} at this time."
    }
    response = api.post(
        f"/api/v1/meetings/{meeting.pk}/move/",
        {"slot": slots[2].pk, "table_number": 2},
        format="json",
    )
    assert response.status_code == 409
    meeting.refresh_from_db()
    assert meeting.slot == slots[0] and counts(Meeting, MeetingSeat) == before
    Meeting.objects.filter(pk=meeting.pk).update(status="cancelled")
    response = api.post(f"/api/v1/meetings/{meeting.pk}/move/", {"slot": slots[4].pk})
    assert response.status_code == 409
    assert response.json() == {"detail": "A cancelled meeting cannot be scheduled."}


def test_bad_move_input_is_400(event, meeting):
    api = client_for(organizer_of(event), language="en")
    foreign = EventFactory().slots.first()
    url = f"/api/v1/meetings/{meeting.pk}/move/"
    response = api.post(url, {"slot": foreign.pk}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"slot"}
    response = api.post(url, {"slot": "soon", "table_number": 0}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"slot", "table_number"}
    response = api.post(url, {"slot": event.slots.last().pk, "table_number": 9}, format="json")
    assert response.json() == {"table_number": ["Hall has tables 1 to 3."]}


def test_check_in_during_the_meeting(event, startup, demand, room):
    now = timezone.now()
    slot = Slot.objects.create(
        event=event, day_number=1, start=now - timedelta(minutes=5), end=now + timedelta(minutes=25)
    )
    meeting = scheduled_meeting(startup, demand, slot=slot, location=room)
    url = f"/api/v1/meetings/{meeting.pk}/check-in/"
    assert client_for().post(url).status_code == 401
    assert client_for(stranger()).post(url).status_code == 404
    response = client_for(member_of(startup)).post(url, {}, format="json")
    assert response.status_code == 200, response.content
    assert response.json()["requester_checked_in_at"] is not None
    assert response.json()["recipient_checked_in_at"] is None
    # A party checks in only its own side; the organizer's desk names either.
    refused = client_for(member_of(startup)).post(url, {"registration": demand.pk}, format="json")
    assert refused.status_code == 403
    organizer = client_for(organizer_of(event), language="en")
    response = organizer.post(url, {}, format="json")
    assert response.json() == {
        "registration": ["Say which side checks in (its registration number)."]
    }
    response = organizer.post(url, {"registration": demand.pk}, format="json")
    assert response.json()["recipient_checked_in_at"] is not None


def test_check_in_outside_the_window_is_refused(meeting, startup):
    response = client_for(member_of(startup), language="en").post(
        f"/api/v1/meetings/{meeting.pk}/check-in/", {}, format="json"
    )
    assert response.status_code == 400
    assert "Check-in is open from 30 minutes before the meeting" in response.json()["detail"][0]
    meeting.refresh_from_db()
    assert meeting.requester_checked_in_at is None


def test_meeting_list_queries_do_not_grow(event, slots, room):
    api = client_for(organizer_of(event))

    def add(number, start):
        for index in range(number):
            scheduled_meeting(
                startup_party(event),
                demand_party(event),
                slot=slots[start + index // 3],
                location=room,
                table=index % 3 + 1,
            )

    add(1, 0)
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/meetings/", {"event": "oi-week"}).status_code == 200
    add(15, 1)
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/meetings/", {"event": "oi-week"}).json()["count"] == 16
    assert len(many) == len(few)
