"""The needs, proposal and screening pages, for each kind of visitor."""

from types import SimpleNamespace

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.enums import ProposalStatus, RequestStatus
from ieum.partnering.models import Meeting, Proposal, TechnologyNeed
from tests.factories import EventFactory, MembershipFactory, TechnologyNeedFactory, term
from tests.partnering.factories_needs import (
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
    demand, startup = demand_party(event), startup_party(event)
    need = TechnologyNeedFactory(registration=demand, title_ko="비만 치료 신규 기전")
    return SimpleNamespace(
        event=event,
        demand=demand,
        startup=startup,
        need=need,
        demand_user=member_of(demand),
        startup_user=member_of(startup),
        third_user=MembershipFactory().user,
        organizer=organizer_of(event),
    )


def as_user(client, user):
    if user is not None:
        client.force_login(user)
    return client


def test_the_list_shows_published_needs_and_filters_them(client, world):
    oncology, antibody = term("therapeutic_area", "oncology"), term("modality", "antibody")
    world.need.areas.set([oncology])
    other = TechnologyNeedFactory(title_ko="항체 플랫폼", deal_types=["poc"])
    other.modalities.set([antibody])
    TechnologyNeedFactory(is_published=False, title_ko="숨긴 수요")
    TechnologyNeedFactory(registration__event__status="draft", title_ko="초안 행사 수요")

    def titles(**query):
        response = client.get("/partnering/needs/", query)
        assert response.status_code == 200
        return sorted(need.title_ko for need in response.context["page"].object_list)

    assert titles() == sorted([world.need.title_ko, "항체 플랫폼"])
    assert titles(event=world.event.slug) == [world.need.title_ko]
    assert titles(area="oncology") == [world.need.title_ko]
    assert titles(modality="antibody") == ["항체 플랫폼"]
    assert titles(deal_type="poc") == ["항체 플랫폼"]
    assert titles(q="비만") == [world.need.title_ko]
    assert titles(q=world.demand.organization.name_ko) == [world.need.title_ko]
    partial = client.get("/partnering/needs/", {"q": "항체"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and "항체 플랫폼" in partial.content.decode()


def test_the_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(2):
        TechnologyNeedFactory().areas.set([term("therapeutic_area", "oncology")])
    with CaptureQueriesContext(connection) as few:
        client.get("/partnering/needs/")
    for _ in range(15):
        need = TechnologyNeedFactory()
        need.areas.set([term("therapeutic_area", "oncology")])
        need.modalities.set([term("modality", "antibody")])
    with django_assert_max_num_queries(len(few)):
        response = client.get("/partnering/needs/")
    assert len(response.context["page"].object_list) == 17


@pytest.mark.parametrize(
    ("who", "published", "status"),
    [
        ("anonymous", True, 200),
        ("third_user", True, 200),
        ("anonymous", False, 404),
        ("third_user", False, 404),
        ("startup_user", False, 404),
        ("demand_user", False, 200),
        ("organizer", False, 200),
    ],
)
def test_who_sees_a_need(client, world, who, published, status):
    TechnologyNeed.objects.filter(pk=world.need.pk).update(is_published=published)
    user = None if who == "anonymous" else getattr(world, who)
    assert as_user(client, user).get(f"/partnering/needs/{world.need.pk}/").status_code == status


def test_a_registered_startup_proposes_from_the_need_page(client, world):
    url = f"/partnering/needs/{world.need.pk}/"
    page = as_user(client, world.startup_user).get(url)
    assert page.context["form"] is not None
    response = client.post(url, {"registration": world.startup.pk, "title": "t", "summary": "s"})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response.url == proposal.get_absolute_url()
    assert (proposal.registration, proposal.submitted_by) == (world.startup, world.startup_user)
    assert client.get(url).context["form"] is None  # One proposal per need.


@pytest.mark.parametrize("who", ["demand_user", "third_user", "organizer"])
def test_others_get_no_proposal_form_and_cannot_post(client, world, who):
    url = f"/partnering/needs/{world.need.pk}/"
    as_user(client, getattr(world, who))
    assert client.get(url).context["form"] is None
    assert client.post(url, {"title": "t", "summary": "s"}).status_code == 403
    assert not Proposal.objects.exists()


def test_a_refused_proposal_shows_the_reason_and_writes_nothing(client, world):
    url = f"/partnering/needs/{world.need.pk}/"
    as_user(client, world.startup_user)
    response = client.post(url, {"registration": world.startup.pk, "title": "t", "summary": " "})
    assert response.status_code == 400 and not Proposal.objects.exists()


def test_the_demand_company_posts_and_edits_a_need(client, world):
    as_user(client, world.demand_user)
    url = f"/partnering/needs/new/?event={world.event.slug}"
    assert client.get(url).status_code == 200
    response = client.post(
        url,
        {
            "title_ko": "희귀질환 유전자 치료",
            "description_ko": "AAV 기반 후보를 찾습니다.",
            "deal_types": ["licensing"],
            "areas": [term("therapeutic_area", "oncology").pk],
        },
    )
    need = TechnologyNeed.objects.get(title_ko="희귀질환 유전자 치료")
    assert response.status_code == 302 and need.registration == world.demand
    edit = f"/partnering/needs/{need.pk}/edit/"
    assert client.get(edit).status_code == 200
    client.post(edit, {"title_ko": "새 제목", "description_ko": "설명", "is_published": ""})
    need.refresh_from_db()
    assert (need.title_ko, need.is_published, need.deal_types) == ("새 제목", False, [])


@pytest.mark.parametrize("who", ["startup_user", "third_user", "organizer"])
def test_only_the_demand_company_posts_and_edits(client, world, who):
    as_user(client, getattr(world, who))
    new = f"/partnering/needs/new/?event={world.event.slug}"
    assert client.get(new).status_code == 403
    assert client.post(new, {"title_ko": "x", "description_ko": "y"}).status_code == 403
    edit = f"/partnering/needs/{world.need.pk}/edit/"
    assert client.post(edit, {"title_ko": "x", "description_ko": "y"}).status_code == 403
    assert TechnologyNeed.objects.count() == 1
    world.need.refresh_from_db()
    assert world.need.title_ko == "비만 치료 신규 기전"


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    proposal = ProposalFactory(need=world.need, registration=world.startup)
    for url in (
        f"/partnering/needs/new/?event={world.event.slug}",
        f"/partnering/needs/{world.need.pk}/edit/",
        "/partnering/screening/",
        "/partnering/proposals/",
        f"/partnering/proposals/{proposal.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.url, url


def test_the_screening_inbox_counts_filters_and_decides(client, world):
    submitted = ProposalFactory(need=world.need, registration=world.startup)
    ProposalFactory(need=world.need, status=ProposalStatus.DECLINED)
    ProposalFactory()  # Someone else's need.
    as_user(client, world.demand_user)
    page = client.get("/partnering/screening/")
    assert page.status_code == 200
    assert len(page.context["page"].object_list) == 2
    assert f"/partnering/needs/new/?event={world.event.slug}" in page.content.decode()
    counts = {value: n for value, _label, n in page.context["counts"]}
    assert (counts["submitted"], counts["declined"], counts["accepted"]) == (1, 1, 0)
    filtered = client.get("/partnering/screening/", {"status": "submitted"})
    assert list(filtered.context["page"].object_list) == [submitted]

    base = f"/partnering/proposals/{submitted.pk}"
    response = client.post(f"{base}/shortlist/", {"next": "/partnering/screening/"})
    assert response.status_code == 302 and response.url == "/partnering/screening/"
    client.post(f"{base}/decline/", {"reason": ""})
    submitted.refresh_from_db()
    assert submitted.status == ProposalStatus.SHORTLISTED
    client.post(f"{base}/accept/", {"priority": "3"})
    submitted.refresh_from_db()
    meeting = Meeting.objects.get(request__proposal=submitted)
    assert submitted.status == ProposalStatus.ACCEPTED
    assert meeting.request.status == RequestStatus.ACCEPTED and meeting.weight == 3


@pytest.mark.parametrize("who", ["startup_user", "third_user", "organizer"])
def test_only_demand_companies_screen(client, world, who):
    proposal = ProposalFactory(need=world.need, registration=world.startup)
    as_user(client, getattr(world, who))
    assert client.get("/partnering/screening/").status_code == 403
    response = client.post(f"/partnering/proposals/{proposal.pk}/accept/", {"priority": "2"})
    assert response.status_code == (404 if who == "third_user" else 403)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED and not Meeting.objects.exists()


@pytest.mark.parametrize(
    ("who", "status"),
    [("startup_user", 200), ("demand_user", 200), ("organizer", 200), ("third_user", 404)],
)
def test_who_sees_a_proposal(client, world, who, status):
    proposal = ProposalFactory(need=world.need, registration=world.startup)
    as_user(client, getattr(world, who))
    assert client.get(f"/partnering/proposals/{proposal.pk}/").status_code == status


def test_the_startup_lists_and_withdraws_its_proposals(client, world):
    proposal = ProposalFactory(need=world.need, registration=world.startup)
    ProposalFactory()
    as_user(client, world.startup_user)
    page = client.get("/partnering/proposals/")
    assert list(page.context["page"].object_list) == [proposal]
    assert client.post(f"/partnering/proposals/{proposal.pk}/shortlist/").status_code == 403
    client.post(f"/partnering/proposals/{proposal.pk}/withdraw/")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.WITHDRAWN
    as_user(client, world.demand_user)
    assert client.post(f"/partnering/proposals/{proposal.pk}/withdraw/").status_code == 403
