"""The events API: public events for everyone, drafts and private ones for their organizers."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.registration import register_organization
from tests.factories import (
    ClusterFactory,
    DemandCompanyFactory,
    MembershipFactory,
    RegistrationFactory,
)
from tests.partnering.factories_api import client_for, platform_admin, stranger
from tests.partnering.factories_needs import (
    EventFactory,
    demand_party,
    member_of,
    organizer_of,
    startup_party,
)

pytestmark = pytest.mark.django_db


def slugs(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["slug"] for row in response.json()["results"]]


@pytest.fixture
def events():
    public = EventFactory(slug="oi-2026", starts_on=date(2026, 11, 24), ends_on=date(2026, 11, 25))
    cafe = EventFactory(
        slug="cafe-2025",
        kind="venture_cafe",
        status="closed",
        starts_on=date(2025, 5, 1),
        ends_on=date(2025, 5, 1),
        days=[],
    )
    draft = EventFactory(slug="draft", status="draft")
    private = EventFactory(slug="private", is_public=False)
    return public, cafe, draft, private


def test_anyone_lists_public_events_past_their_draft(events):
    assert set(slugs(client_for().get("/api/v1/events/"))) == {"oi-2026", "cafe-2025"}
    assert set(slugs(client_for(stranger()).get("/api/v1/events/"))) == {"oi-2026", "cafe-2025"}


def test_organizers_also_see_their_drafts_and_private_events(events):
    _public, _cafe, draft, private = events
    assert "draft" in slugs(client_for(organizer_of(draft)).get("/api/v1/events/"))
    assert "private" not in slugs(client_for(organizer_of(draft)).get("/api/v1/events/"))
    # Staff of the event's cluster organize it too.
    cluster = ClusterFactory()
    private.cluster = cluster
    private.save()
    staff = MembershipFactory(organization=cluster.operator, role="cluster_staff").user
    assert "private" in slugs(client_for(staff).get("/api/v1/events/"))
    assert len(slugs(client_for(platform_admin()).get("/api/v1/events/"))) == 4


def test_filters_by_kind_status_and_year(events):
    api = client_for()
    assert slugs(api.get("/api/v1/events/", {"kind": "venture_cafe"})) == ["cafe-2025"]
    assert slugs(api.get("/api/v1/events/", {"status": "open"})) == ["oi-2026"]
    assert slugs(api.get("/api/v1/events/", {"year": 2025})) == ["cafe-2025"]


def test_bad_filters_are_a_400_naming_the_parameter(events):
    response = client_for().get("/api/v1/events/", {"kind": "rave", "year": "soon"})
    assert response.status_code == 400
    assert set(response.json()) == {"kind", "year"}


def test_detail_has_days_breaks_slots_locations_and_counts(events):
    public = events[0]
    demand = register_organization(
        event=public, organization=DemandCompanyFactory(), by=None, teams=2
    )
    startup_party(public)
    startup_party(public)
    data = client_for().get(f"/api/v1/events/{public.slug}/").json()
    assert [day["date"] for day in data["days"]] == ["2026-11-24", "2026-11-25"]
    assert data["days"][0]["breaks"] == [
        {"starts_at": "12:00:00", "ends_at": "13:00:00", "label_ko": "", "label_en": ""}
    ]
    # 10–17 less the lunch hour: 12 half-hour slots a day, in Seoul time.
    assert len(data["slots"]) == 24
    assert data["slots"][0]["start"] == "2026-11-24T10:00:00+09:00"
    assert data["locations"] == [
        {
            "id": demand.booth.pk,
            "kind": "booth",
            "name_ko": demand.booth.name_ko,
            "name_en": demand.booth.name_en,
            "capacity": 2,
            "booth_of": demand.pk,
        }
    ]
    assert data["counts"] == {
        "organizations": {"demand": 1, "startup": 2},
        "needs": 0,
        "meetings": 0,
    }


def test_hidden_events_are_404(events):
    _public, _cafe, draft, private = events
    for event in (draft, private):
        assert client_for().get(f"/api/v1/events/{event.slug}/").status_code == 404
        assert client_for(stranger()).get(f"/api/v1/events/{event.slug}/").status_code == 404
    assert client_for(organizer_of(draft)).get("/api/v1/events/draft/").status_code == 200
    assert client_for(platform_admin()).get("/api/v1/events/private/").status_code == 200
    assert client_for().get("/api/v1/events/no-such-event/").status_code == 404


def test_participants_for_parties_and_organizers_only(events):
    public = events[0]
    demand = demand_party(public, pitch_ko="항암 파이프라인 도입")
    startup = startup_party(public)
    RegistrationFactory(event=public, is_cancelled=True)
    url = f"/api/v1/events/{public.slug}/participants/"
    assert client_for().get(url).status_code == 401
    assert client_for(stranger()).get(url).status_code == 403
    # A cancelled registration no longer opens the list.
    gone = RegistrationFactory(event=public, is_cancelled=True)
    assert client_for(member_of(gone)).get(url).status_code == 403
    for user in (member_of(startup), organizer_of(public), platform_admin()):
        response = client_for(user).get(url)
        assert response.status_code == 200, response.content
        rows = response.json()["results"]
        assert [row["id"] for row in rows] == [demand.pk, startup.pk]
    assert rows[0]["kind"] == "demand" and rows[0]["pitch_ko"] == "항암 파이프라인 도입"
    assert rows[0]["organization"]["slug"] == demand.organization.slug


def test_participants_of_a_hidden_event_are_404(events):
    private = events[3]
    party = startup_party(private)
    url = f"/api/v1/events/{private.slug}/participants/"
    assert client_for(member_of(party)).get(url).status_code == 404
    assert client_for(organizer_of(private)).get(url).status_code == 200


def test_event_list_and_participants_queries_do_not_grow():
    event = EventFactory()
    viewer = organizer_of(event)
    api = client_for(viewer)
    startup_party(event)
    with CaptureQueriesContext(connection) as few:
        assert api.get("/api/v1/events/").status_code == 200
        assert api.get(f"/api/v1/events/{event.slug}/participants/").status_code == 200
    for _ in range(12):
        EventFactory(organizer=event.organizer, days=[])
        startup_party(event)
    with CaptureQueriesContext(connection) as many:
        assert api.get("/api/v1/events/").json()["count"] == 13
        assert api.get(f"/api/v1/events/{event.slug}/participants/").json()["count"] == 13
    assert len(many) == len(few)
