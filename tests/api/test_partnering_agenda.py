"""The agenda API: the caller's own delegations, times in the reader's zone with their offset."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DelegateFactory, UserFactory
from tests.partnering.factories_api import client_for, hall, scheduled_meeting, stranger
from tests.partnering.factories_needs import EventFactory, demand_party, startup_party

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(
        slug="oi-week", status="published", starts_on=date(2026, 11, 24), ends_on=date(2026, 11, 24)
    )


@pytest.fixture
def person():
    return UserFactory(email="kim@bio.example")


@pytest.fixture
def delegate(event, person):
    startup = startup_party(event)
    return DelegateFactory(
        registration=startup, user=person, full_name="김연구", time_zone="America/New_York"
    )


@pytest.fixture
def meeting(event, delegate):
    first = event.slots.order_by("start").first()
    return scheduled_meeting(
        delegate.registration, demand_party(event), slot=first, location=hall(event)
    )


def agendas(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_delegate_sees_the_agenda_in_their_own_time_zone(event, delegate, meeting):
    (agenda,) = agendas(client_for(delegate.user).get("/api/v1/events/oi-week/agenda/"))
    assert agenda["delegate"]["full_name"] == "김연구"
    assert agenda["organization"] == delegate.registration.organization.slug
    assert agenda["time_zone"] == "America/New_York"
    first = agenda["entries"][0]
    # 10:00 in Seoul is 20:00 the evening before in New York.
    assert first["kind"] == "meeting" and first["meeting"] == meeting.pk
    assert first["start"] == "2026-11-23T20:00:00-05:00"
    assert first["end"] == "2026-11-23T20:30:00-05:00"
    assert first["other_party"]["id"] == meeting.request.recipient_id
    assert first["place"].startswith("상담홀")
    assert {entry["kind"] for entry in agenda["entries"]} >= {"meeting", "break", "free"}


def test_the_reader_may_ask_for_another_zone(event, delegate, meeting):
    api = client_for(delegate.user)
    (agenda,) = agendas(api.get("/api/v1/events/oi-week/agenda/", {"tz": "Europe/Berlin"}))
    assert agenda["time_zone"] == "Europe/Berlin"
    assert agenda["entries"][0]["start"] == "2026-11-24T02:00:00+01:00"
    # The delegate's own zone is not changed by the question.
    delegate.refresh_from_db()
    assert delegate.time_zone == "America/New_York"
    bad = client_for(delegate.user, language="en").get(
        "/api/v1/events/oi-week/agenda/", {"tz": "Mars/Olympus"}
    )
    assert bad.status_code == 400
    assert bad.json() == {"tz": ["Unknown time zone: Mars/Olympus"]}


def test_unpublished_meetings_stay_off_the_agenda(event, delegate):
    first = event.slots.order_by("start").first()
    scheduled_meeting(
        delegate.registration,
        demand_party(event),
        slot=first,
        location=hall(event),
        published=False,
    )
    (agenda,) = agendas(client_for(delegate.user).get("/api/v1/events/oi-week/agenda/"))
    assert "meeting" not in {entry["kind"] for entry in agenda["entries"]}


def test_who_gets_which_agenda(event, delegate, meeting):
    url = "/api/v1/events/oi-week/agenda/"
    assert client_for().get(url).status_code == 401
    assert agendas(client_for(stranger()).get(url)) == []
    hidden = EventFactory(status="draft")
    assert client_for(delegate.user).get(f"/api/v1/events/{hidden.slug}/agenda/").status_code == 404


def test_agenda_queries_do_not_grow_with_meetings(event, delegate):
    slots = list(event.slots.order_by("start"))
    room = hall(event, tables=1)
    api = client_for(delegate.user)
    scheduled_meeting(delegate.registration, demand_party(event), slot=slots[0], location=room)
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/events/oi-week/agenda/").status_code == 200
    for slot in slots[1:8]:
        scheduled_meeting(delegate.registration, demand_party(event), slot=slot, location=room)
    with CaptureQueriesContext(connection) as many:
        (agenda,) = agendas(api.get("/api/v1/events/oi-week/agenda/"))
    assert len([e for e in agenda["entries"] if e["kind"] == "meeting"]) == 8
    assert len(many) == len(few)
