"""The needs API: published needs for everyone; demand companies post through `post_need`."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.models import TechnologyNeed
from tests.factories import TechnologyNeedFactory, term
from tests.partnering.factories_api import client_for, counts, platform_admin, stranger
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
    return EventFactory(slug="oi-week")


@pytest.fixture
def demand(event):
    return demand_party(event)


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_list_filters_by_event_area_modality_deal_type_and_words(event, demand):
    oncology = TechnologyNeedFactory(
        registration=demand, title_ko="면역항암 항체", deal_types=["licensing"]
    )
    oncology.areas.set([term("therapeutic_area", "oncology")])
    oncology.modalities.set([term("modality", "antibody")])
    device = TechnologyNeedFactory(
        registration=demand, title_ko="웨어러블 심전도", deal_types=["supply"]
    )
    elsewhere = TechnologyNeedFactory()
    api = client_for()
    assert set(ids(api.get("/api/v1/needs/"))) == {oncology.pk, device.pk, elsewhere.pk}
    assert set(ids(api.get("/api/v1/needs/", {"event": "oi-week"}))) == {oncology.pk, device.pk}
    assert ids(api.get("/api/v1/needs/", {"area": "oncology"})) == [oncology.pk]
    assert ids(api.get("/api/v1/needs/", {"modality": "antibody"})) == [oncology.pk]
    assert ids(api.get("/api/v1/needs/", {"deal_type": "supply"})) == [device.pk]
    assert ids(api.get("/api/v1/needs/", {"q": "심전도"})) == [device.pk]
    row = api.get(f"/api/v1/needs/{oncology.pk}/").json()
    assert row["areas"] == ["oncology"] and row["modalities"] == ["antibody"]
    assert row["demand_company"]["organization"]["slug"] == demand.organization.slug


def test_bad_filters_are_translated_400s(event):
    query = {"area": "astrology", "deal_type": "barter", "event": "nope"}
    response = client_for(language="en").get("/api/v1/needs/", query)
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"area", "deal_type", "event"}
    assert errors["area"] == ["“astrology” is not a term of this vocabulary."]
    korean = client_for().get("/api/v1/needs/", query).json()
    assert korean["area"] == ["“astrology”은(는) 이 용어집에 없는 용어입니다."]


def test_unpublished_needs_and_needs_of_hidden_events_are_404_to_others(event, demand):
    hidden = TechnologyNeedFactory(registration=demand, is_published=False)
    draft_need = TechnologyNeedFactory(registration=demand_party(EventFactory(status="draft")))
    for need in (hidden, draft_need):
        url = f"/api/v1/needs/{need.pk}/"
        assert client_for().get(url).status_code == 404
        assert client_for(stranger()).get(url).status_code == 404
        assert client_for(member_of(need.registration)).get(url).status_code == 200
        assert client_for(organizer_of(need.event)).get(url).status_code == 200
        assert client_for(platform_admin()).get(url).status_code == 200
    assert ids(client_for().get("/api/v1/needs/")) == []


def need_body(**fields):
    return {
        "event": "oi-week",
        "title_ko": "경구용 GLP-1 제형",
        "description_ko": "전임상 이상 단계의 경구 제형 기술을 찾습니다.",
        "areas": ["metabolic"],
        "modalities": ["small-molecule"],
        "stages": ["trl-4", "trl-5"],
        "deal_types": ["licensing", "joint_rd"],
        **fields,
    }


def test_demand_company_posts_a_need(demand, django_capture_on_commit_callbacks):
    response = client_for(member_of(demand)).post("/api/v1/needs/", need_body(), format="json")
    assert response.status_code == 201, response.content
    need = TechnologyNeed.objects.get()
    assert response.json()["id"] == need.pk and need.registration == demand
    assert set(need.stages.values_list("code", flat=True)) == {"trl-4", "trl-5"}
    assert need.deal_types == ["licensing", "joint_rd"]


def test_who_may_not_post_a_need(event, demand):
    before = counts(TechnologyNeed)
    startup = startup_party(event)
    assert client_for().post("/api/v1/needs/", need_body(), format="json").status_code == 401
    # Not registered at the event: not allowed.
    response = client_for(stranger()).post("/api/v1/needs/", need_body(), format="json")
    assert response.status_code == 403
    # A registered startup: the domain refuses (only demand companies post needs).
    response = client_for(member_of(startup), language="en").post(
        "/api/v1/needs/", need_body(), format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "detail": ["Only demand companies registered at the event post needs."]
    }
    # Organizers and platform admins do not post for a company either.
    for user in (organizer_of(event), platform_admin()):
        response = client_for(user).post("/api/v1/needs/", need_body(), format="json")
        assert response.status_code == 403
    assert counts(TechnologyNeed) == before


def test_bad_need_input_is_400_and_writes_nothing(event, demand):
    api = client_for(member_of(demand), language="en")
    response = api.post(
        "/api/v1/needs/",
        need_body(title_ko="", areas=["astrology"], deal_types=["barter"]),
        format="json",
    )
    assert response.status_code == 400
    assert set(response.json()) == {"title_ko", "areas", "deal_types"}
    hidden = EventFactory(status="draft")
    response = api.post("/api/v1/needs/", need_body(event=hidden.slug), format="json")
    assert response.json() == {"event": [f"There is no event “{hidden.slug}”."]}
    response = api.post(
        "/api/v1/needs/",
        need_body(proposals_close_at="2001-01-01T09:00:00+09:00"),
        format="json",
    )
    assert response.json() == {"proposals_close_at": ["Proposals must close in the future."]}
    assert counts(TechnologyNeed) == (0,)


def test_need_list_queries_do_not_grow(demand):
    def add(number):
        for _ in range(number):
            need = TechnologyNeedFactory(registration=demand)
            need.areas.set([term("therapeutic_area", "oncology")])
            need.stages.set([term("trl", "trl-4")])

    add(1)
    api = client_for()
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/needs/").status_code == 200
    add(20)
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/needs/").json()["count"] == 21
    assert len(many) == len(few)
