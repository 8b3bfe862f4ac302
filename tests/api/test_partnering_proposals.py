"""The proposals API: startups submit and withdraw, demand companies screen, others see nothing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.models import Meeting, MeetingRequest, Proposal
from tests.factories import TechnologyNeedFactory
from tests.partnering.factories_api import client_for, counts, platform_admin, stranger
from tests.partnering.factories_needs import (
    EventFactory,
    ProposalFactory,
    demand_party,
    member_of,
    organizer_of,
    startup_party,
)

pytestmark = pytest.mark.django_db

ROWS = (Proposal, MeetingRequest, Meeting)


@pytest.fixture
def need():
    event = EventFactory(slug="oi-week")
    return TechnologyNeedFactory(registration=demand_party(event))


@pytest.fixture
def proposal(need):
    return ProposalFactory(need=need, registration=startup_party(need.event))


@pytest.fixture
def startup_member(proposal):
    return member_of(proposal.registration)


@pytest.fixture
def demand_member(need):
    return member_of(need.registration)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_list_shows_made_and_received_proposals_and_organizers_with_event(
    proposal, startup_member, demand_member
):
    other = ProposalFactory()
    assert client_for().get("/api/v1/proposals/").status_code == 401
    assert ids(client_for(stranger()).get("/api/v1/proposals/")) == []
    assert ids(client_for(startup_member).get("/api/v1/proposals/")) == [proposal.pk]
    assert ids(client_for(demand_member).get("/api/v1/proposals/")) == [proposal.pk]
    organizer = client_for(organizer_of(proposal.need.event))
    assert ids(organizer.get("/api/v1/proposals/")) == []
    assert ids(organizer.get("/api/v1/proposals/", {"event": "oi-week"})) == [proposal.pk]
    admin = client_for(platform_admin())
    assert ids(admin.get("/api/v1/proposals/", {"event": other.need.event.slug})) == [other.pk]
    # Naming an event does not open it to those who do not run it.
    assert ids(client_for(stranger()).get("/api/v1/proposals/", {"event": "oi-week"})) == []
    assert ids(client_for(demand_member).get("/api/v1/proposals/", {"status": "declined"})) == []
    row = client_for(demand_member).get(f"/api/v1/proposals/{proposal.pk}/").json()
    assert row["startup"]["id"] == proposal.registration_id and row["meeting_request"] is None


def test_detail_is_404_to_strangers_and_open_to_organizers(proposal):
    url = f"/api/v1/proposals/{proposal.pk}/"
    assert client_for(stranger()).get(url).status_code == 404
    assert client_for(organizer_of(proposal.need.event)).get(url).status_code == 200
    assert client_for(platform_admin()).get(url).status_code == 200


def test_startup_submits_a_proposal(need):
    startup = startup_party(need.event)
    response = client_for(member_of(startup)).post(
        "/api/v1/proposals/",
        {
            "need": need.pk,
            "title": "경구용 펩타이드 전달 플랫폼",
            "summary": "공개 가능한 범위의 기술 요약",
            "stage": "trl-4",
            "deal_types": ["licensing"],
        },
        format="json",
    )
    assert response.status_code == 201, response.content
    proposal = Proposal.objects.get()
    assert proposal.registration == startup and proposal.stage.code == "trl-4"
    assert response.json()["status"] == "submitted"


def test_who_may_not_submit_and_bad_input(need, demand_member):
    before = counts(*ROWS)
    body = {"need": need.pk, "title": "제안", "summary": "요약"}
    assert client_for().post("/api/v1/proposals/", body, format="json").status_code == 401
    for user in (stranger(), organizer_of(need.event), platform_admin()):
        response = client_for(user).post("/api/v1/proposals/", body, format="json")
        assert response.status_code == 403
    english = client_for(demand_member, language="en")
    response = english.post("/api/v1/proposals/", body, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": ["You cannot answer your own need."]}
    startup = client_for(member_of(startup_party(need.event)), language="en")
    hidden = TechnologyNeedFactory(registration=need.registration, is_published=False)
    response = startup.post("/api/v1/proposals/", {**body, "need": hidden.pk}, format="json")
    assert response.json() == {"need": [f"There is no technology need {hidden.pk}."]}
    response = startup.post(
        "/api/v1/proposals/",
        {**body, "title": "", "stage": "trl-99", "deal_types": ["barter"]},
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title", "stage", "deal_types"}
    assert counts(*ROWS) == before


def test_startup_withdraws_and_only_once(proposal, startup_member, demand_member):
    url = f"/api/v1/proposals/{proposal.pk}/withdraw/"
    assert client_for().post(url).status_code == 401
    assert client_for(stranger()).post(url).status_code == 404
    assert client_for(demand_member).post(url).status_code == 403
    assert client_for(organizer_of(proposal.need.event)).post(url).status_code == 403
    response = client_for(startup_member).post(url)
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    again = client_for(startup_member, language="en").post(url)
    assert again.status_code == 409
    assert again.json() == {"detail": "This proposal is already Withdrawn."}


def test_demand_company_shortlists(proposal, startup_member, demand_member):
    url = f"/api/v1/proposals/{proposal.pk}/shortlist/"
    for refused in (startup_member, organizer_of(proposal.need.event), platform_admin()):
        assert client_for(refused).post(url).status_code == 403
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    response = client_for(demand_member).post(url)
    assert response.status_code == 200 and response.json()["status"] == "shortlisted"
    assert client_for(demand_member).post(url).status_code == 409


def test_demand_company_accepts_into_a_meeting_request(proposal, demand_member, startup_member):
    url = f"/api/v1/proposals/{proposal.pk}/accept/"
    assert client_for(startup_member).post(url, {"priority": 3}).status_code == 403
    bad = client_for(demand_member).post(url, {"priority": 7}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"priority"}
    assert counts(*ROWS) == (1, 0, 0)
    response = client_for(demand_member).post(url, {"priority": 3}, format="json")
    assert response.status_code == 200, response.content
    request = MeetingRequest.objects.get()
    assert response.json()["status"] == "accepted"
    assert response.json()["meeting_request"] == request.pk
    assert request.status == "accepted" and request.meeting.status == "unscheduled"
    assert client_for(demand_member).post(url, {"priority": 3}).status_code == 409
    assert counts(*ROWS) == (1, 1, 1)


def test_decline_needs_a_reason(proposal, demand_member):
    url = f"/api/v1/proposals/{proposal.pk}/decline/"
    api = client_for(demand_member, language="en")
    response = api.post(url, {"reason": "   "}, format="json")
    assert response.status_code == 400
    assert response.json() == {"reason": ["Say why you decline."]}
    proposal.refresh_from_db()
    assert proposal.status == "submitted"
    response = api.post(url, {"reason": "현재 파이프라인과 맞지 않습니다."}, format="json")
    assert response.status_code == 200
    assert response.json()["decision_reason"] == "현재 파이프라인과 맞지 않습니다."
    accept = api.post(f"/api/v1/proposals/{proposal.pk}/accept/", {}, format="json")
    assert accept.status_code == 409
    assert counts(*ROWS) == (1, 0, 0)


def test_proposal_list_queries_do_not_grow(need, demand_member):
    api = client_for(demand_member)
    ProposalFactory(need=need, registration=startup_party(need.event))
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/proposals/").status_code == 200
    for _ in range(15):
        ProposalFactory(need=need, registration=startup_party(need.event))
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/proposals/").json()["count"] == 16
    assert len(many) == len(few)
