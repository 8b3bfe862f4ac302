"""The meeting requests API: parties ask registered parties, recipients answer, either cancels."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering import job_names
from ieum.partnering.models import Meeting, MeetingRequest
from tests.factories import RegistrationFactory
from tests.partnering.factories_api import client_for, counts, platform_admin, stranger
from tests.partnering.factories_needs import (
    EventFactory,
    MeetingRequestFactory,
    demand_party,
    member_of,
    organizer_of,
    queued,
    startup_party,
)

pytestmark = pytest.mark.django_db

ROWS = (MeetingRequest, Meeting)


@pytest.fixture
def event():
    return EventFactory(slug="oi-week")


@pytest.fixture
def demand(event):
    return demand_party(event)


@pytest.fixture
def startup(event):
    return startup_party(event)


@pytest.fixture
def pending(startup, demand):
    return MeetingRequestFactory(requester=startup, recipient=demand, priority=3)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_lists_sent_and_received_by_box_and_status(event, startup, demand, pending):
    investor = RegistrationFactory(event=event, kind="investor")
    received = MeetingRequestFactory(requester=investor, recipient=startup, status="declined")
    MeetingRequestFactory()
    api = client_for(member_of(startup))
    assert client_for().get("/api/v1/meeting-requests/").status_code == 401
    assert ids(api.get("/api/v1/meeting-requests/")) == [received.pk, pending.pk]
    assert ids(api.get("/api/v1/meeting-requests/", {"box": "sent"})) == [pending.pk]
    assert ids(api.get("/api/v1/meeting-requests/", {"box": "received"})) == [received.pk]
    assert ids(api.get("/api/v1/meeting-requests/", {"status": "declined"})) == [received.pk]
    assert ids(client_for(stranger()).get("/api/v1/meeting-requests/")) == []
    bad = api.get("/api/v1/meeting-requests/", {"box": "spam", "status": "lost"})
    assert bad.status_code == 400 and set(bad.json()) == {"box", "status"}


def test_organizers_see_their_events_requests_with_event(event, pending):
    MeetingRequestFactory()
    organizer = client_for(organizer_of(event))
    assert ids(organizer.get("/api/v1/meeting-requests/")) == []
    assert ids(organizer.get("/api/v1/meeting-requests/", {"event": "oi-week"})) == [pending.pk]
    admin = client_for(platform_admin())
    assert ids(admin.get("/api/v1/meeting-requests/", {"event": "oi-week"})) == [pending.pk]
    assert ids(client_for(stranger()).get("/api/v1/meeting-requests/", {"event": "oi-week"})) == []


def test_each_side_sees_only_its_own_priority(startup, demand, pending):
    url = f"/api/v1/meeting-requests/{pending.pk}/"
    mine = client_for(member_of(startup)).get(url).json()
    assert mine["priority"] == 3 and mine["recipient_priority"] is None
    theirs = client_for(member_of(demand)).get(url).json()
    assert theirs["priority"] is None
    assert client_for(organizer_of(pending.event)).get(url).json()["priority"] == 3
    assert client_for(stranger()).get(url).status_code == 404
    assert client_for().get(url).status_code == 401


def test_party_sends_a_request(event, startup, demand, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(member_of(startup)).post(
            "/api/v1/meeting-requests/",
            {
                "event": "oi-week",
                "recipient": demand.organization.slug,
                "message": "항체 플랫폼 소개",
                "priority": 3,
            },
            format="json",
        )
    assert response.status_code == 201, response.content
    request = MeetingRequest.objects.get()
    assert (request.requester, request.recipient, request.priority) == (startup, demand, 3)
    assert response.json()["status"] == "pending"
    assert queued(job_names.REQUEST_EMAIL) == [{"request_id": request.pk, "event": "sent"}]


def test_refused_requests_write_nothing(event, startup, demand, pending):
    before = counts(*ROWS)
    body = {"event": "oi-week", "recipient": demand.organization.slug}
    assert client_for().post("/api/v1/meeting-requests/", body, format="json").status_code == 401
    for user in (stranger(), organizer_of(event), platform_admin()):
        response = client_for(user).post("/api/v1/meeting-requests/", body, format="json")
        assert response.status_code == 403
    api = client_for(member_of(startup), language="en")
    # Asking an organization that is not registered, or no longer is, is bad input.
    gone = RegistrationFactory(event=event, is_cancelled=True)
    for slug in (stranger().memberships.get().organization.slug, gone.organization.slug):
        response = api.post("/api/v1/meeting-requests/", {**body, "recipient": slug}, format="json")
        assert response.status_code == 400
        assert response.json() == {
            "recipient": ["This organization is not registered at the event."]
        }
    response = api.post(
        "/api/v1/meeting-requests/",
        {**body, "recipient": startup.organization.slug},
        format="json",
    )
    assert response.json() == {"recipient": ["You cannot ask your own party for a meeting."]}
    response = api.post("/api/v1/meeting-requests/", {**body, "priority": 9}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"priority"}
    # A live request between the pair already exists: a conflict with the state.
    response = api.post("/api/v1/meeting-requests/", body, format="json")
    assert response.status_code == 409
    assert "There already is a meeting request between these parties." in str(response.json())
    assert counts(*ROWS) == before


def test_recipient_accepts_with_its_priority(startup, demand, pending):
    url = f"/api/v1/meeting-requests/{pending.pk}/accept/"
    assert client_for(stranger()).post(url).status_code == 404
    for refused in (member_of(startup), organizer_of(pending.event), platform_admin()):
        assert client_for(refused).post(url, {"priority": 2}, format="json").status_code == 403
    api = client_for(member_of(demand), language="en")
    assert api.post(url, {"priority": 0}, format="json").status_code == 400
    assert counts(*ROWS) == (1, 0)
    response = api.post(url, {"priority": 3}, format="json")
    assert response.status_code == 200, response.content
    meeting = Meeting.objects.get()
    assert response.json()["status"] == "accepted" and response.json()["meeting"] == meeting.pk
    assert response.json()["recipient_priority"] == 3 and meeting.weight == 3
    again = api.post(url, {"priority": 3}, format="json")
    assert again.status_code == 409
    assert again.json() == {"detail": "Only a request awaiting an answer can be accepted."}
    assert counts(*ROWS) == (1, 1)


def test_recipient_declines_with_a_reason(startup, demand, pending):
    url = f"/api/v1/meeting-requests/{pending.pk}/decline/"
    assert client_for(stranger()).post(url, {"reason": "x"}).status_code == 404
    for refused in (member_of(startup), organizer_of(pending.event), platform_admin()):
        assert client_for(refused).post(url, {"reason": "x"}).status_code == 403
    api = client_for(member_of(demand), language="en")
    response = api.post(url, {"reason": ""}, format="json")
    assert response.json() == {"reason": ["Say why you decline."]}
    pending.refresh_from_db()
    assert pending.status == "pending"
    response = api.post(url, {"reason": "일정이 맞지 않습니다."}, format="json")
    assert response.status_code == 200
    assert response.json()["decline_reason"] == "일정이 맞지 않습니다."
    assert api.post(url, {"reason": "다시"}, format="json").status_code == 409


def test_either_side_cancels_once(startup, demand, pending):
    url = f"/api/v1/meeting-requests/{pending.pk}/cancel/"
    assert client_for(stranger()).post(url).status_code == 404
    assert client_for().post(url).status_code == 401
    for refused in (organizer_of(pending.event), platform_admin()):
        assert client_for(refused).post(url).status_code == 403
    response = client_for(member_of(demand)).post(url, {"reason": "내부 사정"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"
    assert client_for(member_of(startup)).post(url, {}, format="json").status_code == 409


def test_request_list_queries_do_not_grow(event, startup):
    api = client_for(member_of(startup))
    MeetingRequestFactory(requester=startup, recipient=demand_party(event))
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/meeting-requests/").status_code == 200
    for _ in range(15):
        MeetingRequestFactory(requester=startup, recipient=demand_party(event))
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/meeting-requests/").json()["count"] == 16
    assert len(many) == len(few)
