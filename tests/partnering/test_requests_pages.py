"""The meeting request pages and the participant list, for each kind of visitor."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ieum.partnering.enums import MeetingStatus, RequestStatus
from ieum.partnering.models import Meeting, MeetingRequest
from tests.factories import EventFactory, MembershipFactory
from tests.partnering.factories_needs import (
    MeetingRequestFactory,
    ProposalFactory,
    demand_party,
    member_of,
    organizer_of,
    startup_party,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    event = EventFactory()
    demand = demand_party(event, pitch_ko="항암 신약 파트너를 찾습니다")
    startup = startup_party(event, pitch_ko="나노 항체 플랫폼")
    return SimpleNamespace(
        event=event,
        demand=demand,
        startup=startup,
        demand_user=member_of(demand),
        startup_user=member_of(startup),
        third_user=MembershipFactory().user,
        organizer=organizer_of(event),
    )


def test_the_inbox_has_received_and_sent_tabs_with_the_pending_count(client, world):
    received = MeetingRequestFactory(requester=startup_party(world.event), recipient=world.demand)
    MeetingRequestFactory(
        requester=startup_party(world.event), recipient=world.demand, status="declined"
    )
    sent = MeetingRequestFactory(requester=world.demand, recipient=world.startup)
    MeetingRequestFactory()  # Between others.
    client.force_login(world.demand_user)
    page = client.get("/partnering/requests/")
    assert page.status_code == 200 and page.context["pending"] == 1
    assert f"/partnering/participants/?event={world.event.slug}" in page.content.decode()
    assert len(page.context["page"].object_list) == 2
    pending = client.get("/partnering/requests/", {"status": "pending"})
    assert list(pending.context["page"].object_list) == [received]
    outbox = client.get("/partnering/requests/", {"box": "sent"})
    assert list(outbox.context["page"].object_list) == [sent]
    other_event = client.get("/partnering/requests/", {"event": EventFactory().slug})
    assert other_event.context["form"].errors  # Not one of the person's events: ignored.
    by_event = client.get("/partnering/requests/", {"event": world.event.slug})
    assert len(by_event.context["page"].object_list) == 2


def test_the_inbox_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.demand_user)
    for _ in range(2):
        MeetingRequestFactory(requester=startup_party(world.event), recipient=world.demand)
    with CaptureQueriesContext(connection) as few:
        client.get("/partnering/requests/")
    for _ in range(15):
        MeetingRequestFactory(requester=startup_party(world.event), recipient=world.demand)
    ProposalFactory(need__registration=world.demand)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/partnering/requests/")
    assert len(response.context["page"].object_list) == 17


@pytest.mark.parametrize(
    ("who", "status"),
    [("startup_user", 200), ("demand_user", 200), ("organizer", 200), ("third_user", 404)],
)
def test_who_sees_a_request(client, world, who, status):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand)
    client.force_login(getattr(world, who))
    assert client.get(f"/partnering/requests/{request.pk}/").status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand)
    for url in (
        "/partnering/requests/",
        f"/partnering/requests/{request.pk}/",
        f"/partnering/requests/new/?event={world.event.slug}",
        f"/partnering/participants/?event={world.event.slug}",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.url, url
    response = client.post(f"/partnering/requests/{request.pk}/accept/")
    assert response.status_code == 302 and "/login" in response.url


def test_the_recipient_accepts_with_a_priority(client, world):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand, priority=3)
    client.force_login(world.demand_user)
    page = client.get(f"/partnering/requests/{request.pk}/")
    assert page.context["can_answer"] and page.context["can_cancel"]
    client.post(f"/partnering/requests/{request.pk}/accept/", {"priority": "3"})
    request.refresh_from_db()
    assert request.status == RequestStatus.ACCEPTED and request.recipient_priority == 3
    assert Meeting.objects.get(request=request).weight == 3


def test_declining_without_a_reason_is_refused_with_the_reason(client, world, english):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand)
    client.force_login(world.demand_user)
    with translation.override("en"):
        response = client.post(
            f"/partnering/requests/{request.pk}/decline/", {"reason": ""}, follow=True
        )
    assert "Say why you decline." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    client.post(f"/partnering/requests/{request.pk}/decline/", {"reason": "일정 불가"})
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == (RequestStatus.DECLINED, "일정 불가")


def test_the_requester_cannot_answer_but_may_cancel(client, world):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand)
    client.force_login(world.startup_user)
    assert client.post(f"/partnering/requests/{request.pk}/accept/").status_code == 403
    assert client.post(f"/partnering/requests/{request.pk}/decline/").status_code == 403
    client.post(f"/partnering/requests/{request.pk}/cancel/", {"reason": "사정 변경"})
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_the_recipient_cancels_an_accepted_meeting(client, world):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand)
    client.force_login(world.demand_user)
    client.post(f"/partnering/requests/{request.pk}/accept/", {"priority": "2"})
    client.post(f"/partnering/requests/{request.pk}/cancel/")
    assert Meeting.objects.get().status == MeetingStatus.CANCELLED


@pytest.mark.parametrize(("who", "status"), [("third_user", 404), ("organizer", 403)])
def test_others_cannot_answer_or_cancel(client, world, who, status):
    request = MeetingRequestFactory(requester=world.startup, recipient=world.demand)
    client.force_login(getattr(world, who))
    for action in ("accept", "decline", "cancel"):
        response = client.post(f"/partnering/requests/{request.pk}/{action}/", {"reason": "x"})
        assert response.status_code == status
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING


def test_a_party_sends_a_request_to_a_participant(client, world, english):
    client.force_login(world.startup_user)
    url = f"/partnering/requests/new/?event={world.event.slug}"
    page = client.get(url + f"&to={world.demand.pk}")
    assert page.status_code == 200
    assert page.context["form"]["recipient"].value() == str(world.demand.pk)
    assert world.startup not in page.context["form"].fields["recipient"].queryset
    response = client.post(
        url,
        {
            "requester": world.startup.pk,
            "recipient": world.demand.pk,
            "priority": "3",
            "message": "협력을 논의하고 싶습니다",
        },
    )
    sent = MeetingRequest.objects.get()
    assert response.status_code == 302 and response.url == sent.get_absolute_url()
    assert (sent.requester, sent.recipient, sent.priority) == (world.startup, world.demand, 3)
    with translation.override("en"):
        again = client.post(
            url, {"requester": world.startup.pk, "recipient": world.demand.pk, "priority": "2"}
        )
    assert again.status_code == 400
    assert "already is a meeting request" in again.content.decode()
    assert MeetingRequest.objects.count() == 1


def test_requests_to_parties_of_other_events_are_refused(client, world):
    client.force_login(world.startup_user)
    stranger = startup_party(EventFactory())
    response = client.post(
        f"/partnering/requests/new/?event={world.event.slug}",
        {"requester": world.startup.pk, "recipient": stranger.pk, "priority": "2"},
    )
    assert response.status_code == 400 and not MeetingRequest.objects.exists()


@pytest.mark.parametrize("who", ["third_user", "organizer"])
def test_only_registered_parties_send_requests(client, world, who):
    client.force_login(getattr(world, who))
    url = f"/partnering/requests/new/?event={world.event.slug}"
    assert client.get(url).status_code == 403
    response = client.post(
        url, {"requester": world.startup.pk, "recipient": world.demand.pk, "priority": "2"}
    )
    assert response.status_code == 403 and not MeetingRequest.objects.exists()


def test_participants_are_searchable_with_a_request_button(client, world):
    client.force_login(world.startup_user)
    url = "/partnering/participants/"
    page = client.get(url, {"event": world.event.slug})
    assert page.status_code == 200 and page.context["can_request"]
    assert set(page.context["page"].object_list) == {world.demand, world.startup}
    assert f"to={world.demand.pk}" in page.content.decode()
    found = client.get(url, {"event": world.event.slug, "q": "항암"})
    assert list(found.context["page"].object_list) == [world.demand]
    startups = client.get(url, {"event": world.event.slug, "kind": "startup"})
    assert list(startups.context["page"].object_list) == [world.startup]


@pytest.mark.parametrize(("who", "status"), [("organizer", 200), ("third_user", 403)])
def test_who_sees_the_participants(client, world, who, status):
    client.force_login(getattr(world, who))
    response = client.get("/partnering/participants/", {"event": world.event.slug})
    assert response.status_code == status
    if status == 200:
        assert not response.context["can_request"]


def test_participants_of_a_draft_event_do_not_exist_for_parties(client, world):
    world.event.status = "draft"
    world.event.save()
    client.force_login(world.startup_user)
    assert client.get("/partnering/participants/", {"event": world.event.slug}).status_code == 404


def test_the_participant_query_count_does_not_grow(client, world, django_assert_max_num_queries):
    client.force_login(world.startup_user)
    query = {"event": world.event.slug}
    with CaptureQueriesContext(connection) as few:
        client.get("/partnering/participants/", query)
    for _ in range(15):
        startup_party(world.event)
    with django_assert_max_num_queries(len(few)):
        response = client.get("/partnering/participants/", query)
    assert len(response.context["page"].object_list) == 17
