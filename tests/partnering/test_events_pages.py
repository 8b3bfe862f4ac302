"""The event pages as people use them, and who may see and do what there."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.partnering.models import Block, Delegate, Event, EventDay, Location, Registration
from tests.factories import (
    CompanyFactory,
    DemandCompanyFactory,
    EventFactory,
    RegistrationFactory,
    TechnologyNeedFactory,
    UserFactory,
)
from tests.partnering.factories_events import (
    member_of,
    organizer_of,
    platform_admin,
    scheduled_meeting,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    return EventFactory(name_ko="바이오헬스 오픈이노베이션", slug="bio-oi")


def test_event_list_filters(client):
    cafe = EventFactory(kind="venture_cafe", name_ko="벤처카페 3월")
    week = EventFactory(kind="partnering", status="closed")
    EventFactory(status="draft", name_ko="비공개 초안")
    EventFactory(is_public=False)
    page = client.get("/partnering/events/")
    assert page.status_code == 200
    assert set(page.context["page"].object_list) == {cafe, week}
    assert list(client.get("/partnering/events/", {"kind": "venture_cafe"}).context["page"]) == [
        cafe
    ]
    assert list(client.get("/partnering/events/", {"status": "closed"}).context["page"]) == [week]
    year = cafe.starts_on.year
    assert len(client.get("/partnering/events/", {"year": year}).context["page"]) == 2
    assert not client.get("/partnering/events/", {"year": year + 1}).context["page"]
    partial = client.get("/partnering/events/", {"kind": "venture_cafe"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content


def test_organizers_see_their_drafts_in_the_list(client):
    draft = EventFactory(status="draft")
    client.force_login(organizer_of(draft))
    assert list(client.get("/partnering/events/").context["page"]) == [draft]


def test_event_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    for _ in range(2):
        RegistrationFactory(event=EventFactory(days=[]))
    with CaptureQueriesContext(connection) as few:
        client.get("/partnering/events/")
    for _ in range(15):
        RegistrationFactory(event=EventFactory(days=[]))
    with django_assert_max_num_queries(len(few)):
        response = client.get("/partnering/events/")
    assert len(response.context["page"]) == 17


def test_event_page_shows_days_parties_and_needs(client, event):
    demand = RegistrationFactory(
        event=event, kind="demand", organization=DemandCompanyFactory(name_ko="글로벌제약")
    )
    TechnologyNeedFactory.create_batch(2, registration=demand, event=event)
    TechnologyNeedFactory(registration=demand, event=event, is_published=False)
    RegistrationFactory.create_batch(3, event=event, kind="startup")
    page = client.get("/partnering/events/bio-oi/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "바이오헬스 오픈이노베이션" in text and "글로벌제약" in text
    assert page.context["demand"].get().need_count == 2
    assert page.context["party_count"] == 4
    assert [count for _label, count, _names in page.context["by_kind"]] == [3]
    assert "12:00–13:00" in text
    # Anonymous visitors are asked to log in to register.
    assert "/accounts/login/" in text


def test_event_page_visibility(client):
    draft = EventFactory(status="draft")
    assert client.get(f"/partnering/events/{draft.slug}/").status_code == 404
    client.force_login(member_of(CompanyFactory()))
    assert client.get(f"/partnering/events/{draft.slug}/").status_code == 404
    client.force_login(organizer_of(draft))
    assert client.get(f"/partnering/events/{draft.slug}/").status_code == 200
    client.force_login(platform_admin())
    assert client.get(f"/partnering/events/{draft.slug}/").status_code == 200


def _post_event(client, **overrides):
    data = {
        "kind": "partnering",
        "name_ko": "오픈이노베이션 2031",
        "slug": "oi-2031",
        "starts_on": "2031-05-01",
        "ends_on": "2031-05-02",
        "slot_minutes": 30,
        "time_zone": "Asia/Seoul",
    } | overrides
    return client.post("/partnering/events/new/", data)


def test_creating_an_event(client, event):
    assert client.get("/partnering/events/new/").status_code == 302  # to log in
    client.force_login(member_of(CompanyFactory()))
    assert client.get("/partnering/events/new/").status_code == 403
    organizer = organizer_of(event)
    client.force_login(organizer)
    response = _post_event(client, organizer=event.organizer_id)
    assert response.status_code == 302
    created = Event.objects.get(slug="oi-2031")
    assert (created.status, created.organizer) == ("draft", event.organizer)
    assert response.url == "/partnering/events/oi-2031/days/"
    # A bad address is refused on the form, nothing written.
    response = _post_event(client, organizer=event.organizer_id, slug="mine")
    assert response.status_code == 200 and response.context["form"].errors["slug"]
    # Nobody creates events for an organization they do not organize for.
    response = _post_event(client, organizer=CompanyFactory().pk, slug="oi-2032")
    assert "organizer" in response.context["form"].errors
    assert Event.objects.count() == 2


def test_platform_admins_create_events(client):
    client.force_login(platform_admin())
    organizer = EventFactory().organizer
    assert _post_event(client, organizer=organizer.pk).status_code == 302


@pytest.mark.parametrize(
    "path", ["edit/", "days/", "locations/", "registrations/"], ids=lambda p: p.strip("/")
)
def test_organizer_pages_permissions(client, event, path):
    url = f"/partnering/events/bio-oi/{path}"
    assert client.get(url).status_code == 302
    company = RegistrationFactory(event=event).organization
    client.force_login(member_of(company))
    assert client.get(url).status_code == 403
    client.force_login(organizer_of(EventFactory()))
    assert client.get(url).status_code == 403
    client.force_login(organizer_of(event))
    assert client.get(url).status_code == 200
    client.force_login(platform_admin())
    assert client.get(url).status_code == 200


def test_editing_days_and_status(client):
    event = EventFactory(status="draft", days=[])
    client.force_login(organizer_of(event))
    base = f"/partnering/events/{event.slug}"
    response = client.post(
        f"{base}/days/",
        {
            "date": event.starts_on.isoformat(),
            "opens_at": "10:00",
            "closes_at": "12:00",
            "breaks": "11:00-11:30 휴식 / Coffee",
        },
    )
    assert response.status_code == 302
    assert event.slots.count() == 3
    assert EventDay.objects.get(event=event).breaks.get().label_en == "Coffee"
    response = client.post(
        f"{base}/days/",
        {
            "date": event.starts_on.isoformat(),
            "opens_at": "10:00",
            "closes_at": "12:00",
            "breaks": "lunch time",
        },
    )
    assert response.status_code == 200 and response.context["form"].errors["breaks"]
    response = client.post(
        f"{base}/days/",
        {"date": "2001-01-01", "opens_at": "10:00", "closes_at": "12:00"},
    )
    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert client.post(f"{base}/status/", {"status": "open"}).status_code == 302
    event.refresh_from_db()
    assert event.status == "open"
    # A refused step comes back as a message, nothing changed.
    RegistrationFactory(event=event)
    page = client.post(f"{base}/status/", {"status": "draft"}, follow=True)
    assert list(page.context["messages"])
    event.refresh_from_db()
    assert event.status == "open"
    day = event.days.get()
    assert client.post(f"{base}/days/{day.pk}/remove/").status_code == 302
    assert not event.days.exists()


def test_editing_the_event_details(client, event):
    client.force_login(organizer_of(event))
    page = client.get("/partnering/events/bio-oi/edit/")
    data = {k: v for k, v in page.context["form"].initial.items() if v is not None}
    data |= {"venue_en": "BEXCO", "cluster": "", "is_public": "on"}
    assert client.post("/partnering/events/bio-oi/edit/", data).status_code == 302
    event.refresh_from_db()
    assert event.venue_en == "BEXCO"


def test_adding_and_removing_locations(client, event):
    client.force_login(organizer_of(event))
    url = "/partnering/events/bio-oi/locations/"
    assert client.post(url, {"kind": "tables", "name_ko": "A홀", "capacity": 30}).status_code == 302
    response = client.post(url, {"kind": "online", "name_ko": "온라인", "capacity": 1})
    assert response.status_code == 200 and response.context["form"].errors["meeting_link"]
    hall = Location.objects.get(event=event)
    assert client.post(f"{url}{hall.pk}/remove/").status_code == 302
    assert not Location.objects.exists()


def test_registrations_list_filters_and_searches(client, event):
    RegistrationFactory(
        event=event, kind="demand", organization=DemandCompanyFactory(name_ko="한빛제약")
    )
    RegistrationFactory(
        event=event, kind="startup", organization=CompanyFactory(name_ko="새싹바이오")
    )
    client.force_login(organizer_of(event))
    url = "/partnering/events/bio-oi/registrations/"
    names = lambda r: [x.organization.name_ko for x in r.context["page"]]  # noqa: E731
    assert names(client.get(url, {"kind": "demand"})) == ["한빛제약"]
    assert names(client.get(url, {"q": "새싹"})) == ["새싹바이오"]


def test_registrations_list_query_count(client, event, django_assert_max_num_queries):
    client.force_login(organizer_of(event))
    url = "/partnering/events/bio-oi/registrations/"
    RegistrationFactory.create_batch(2, event=event)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for registration in RegistrationFactory.create_batch(20, event=event):
        Delegate.objects.create(registration=registration, full_name="김", email="k@ex.kr")
    with django_assert_max_num_queries(len(few)):
        response = client.get(url)
    assert len(response.context["page"]) == 22


def test_registering_an_organization(client, event):
    url = "/partnering/events/bio-oi/register/"
    assert client.get(url).status_code == 302
    company = DemandCompanyFactory()
    user = member_of(company)
    other = CompanyFactory()
    member_of(other)
    client.force_login(user)
    page = client.get(url)
    assert list(page.context["form"].fields["organization"].queryset) == [company]
    # Someone else's organization cannot be chosen.
    response = client.post(url, {"organization": other.pk, "teams": 1})
    assert response.context["form"].errors["organization"]
    response = client.post(url, {"organization": company.pk, "teams": 2})
    registration = Registration.objects.get(event=event)
    assert response.url == f"/partnering/registrations/{registration.pk}/"
    assert (registration.kind, registration.teams, registration.registered_by) == (
        "demand",
        2,
        user,
    )
    # Nothing left to register: the form says so.
    assert not client.get(url).context["form"].fields["organization"].queryset.exists()


def test_registering_at_a_closed_event_is_refused(client):
    closed = EventFactory(status="closed")
    client.force_login(member_of(CompanyFactory()))
    response = client.get(f"/partnering/events/{closed.slug}/register/")
    assert response.status_code == 302 and response.url == f"/partnering/events/{closed.slug}/"
    assert not Registration.objects.exists()


def test_registration_page_permissions(client, event):
    registration = RegistrationFactory(event=event)
    url = f"/partnering/registrations/{registration.pk}/"
    assert client.get(url).status_code == 302
    client.force_login(member_of(RegistrationFactory(event=event).organization))
    assert client.get(url).status_code == 404
    assert (
        client.post(f"{url}blocks/", {"slot": event.slots.first().pk, "team": 1}).status_code == 404
    )
    assert not Block.objects.exists()
    client.force_login(organizer_of(event))
    assert client.get(url).status_code == 200
    client.force_login(platform_admin())
    assert client.get(url).status_code == 200
    client.force_login(member_of(registration.organization))
    assert client.get(url).status_code == 200


def test_delegates_on_the_registration_page(client, event):
    registration = RegistrationFactory(event=event)
    client.force_login(member_of(registration.organization))
    url = f"/partnering/registrations/{registration.pk}/"
    data = {
        "full_name": "Jane Doe",
        "email": "jane@ex.com",
        "team": 1,
        "time_zone": "Europe/Berlin",
        "language": "en",
    }
    assert client.post(url, data).status_code == 302
    delegate = Delegate.objects.get()
    assert delegate.time_zone == "Europe/Berlin"
    response = client.post(url, data | {"team": 2})
    assert response.status_code == 200 and response.context["form"].errors["team"]
    response = client.post(f"/partnering/delegates/{delegate.pk}/", data | {"language": "ko"})
    assert response.status_code == 302
    delegate.refresh_from_db()
    assert delegate.language == "ko"
    assert client.post(f"/partnering/delegates/{delegate.pk}/remove/").status_code == 302
    assert not Delegate.objects.exists()


def test_blocking_times_on_the_grid(client, event):
    registration = RegistrationFactory(event=event)
    first, second = event.slots.all()[:2]
    scheduled_meeting(registration, second)
    client.force_login(member_of(registration.organization))
    url = f"/partnering/registrations/{registration.pk}/"
    page = client.get(url)
    cells = [cell for _day, cells in page.context["grid"] for cell in cells]
    assert len(cells) == event.slots.count()
    assert [c.has_meeting for c in cells[:2]] == [False, True]
    assert client.post(f"{url}blocks/", {"slot": first.pk, "team": 1}).status_code == 302
    assert Block.objects.get().slot == first
    # The time with a meeting is refused, and the reason shown.
    page = client.post(f"{url}blocks/", {"slot": second.pk, "team": 1}, follow=True)
    assert [str(m) for m in page.context["messages"]]
    assert Block.objects.count() == 1
    cells = [cell for _day, cells in page.context["grid"] for cell in cells]
    assert cells[0].block is not None
    client.post(f"{url}blocks/", {"slot": first.pk, "team": 1, "action": "unblock"})
    assert not Block.objects.exists()


def test_my_events(client, event):
    company = CompanyFactory()
    mine = RegistrationFactory(event=event, organization=company)
    RegistrationFactory(event=event)
    assert client.get("/partnering/events/mine/").status_code == 302
    client.force_login(member_of(company))
    page = client.get("/partnering/events/mine/")
    assert list(page.context["page"]) == [mine]
    assert f"/partnering/registrations/{mine.pk}/" in page.content.decode()


def test_navigation_links_to_partnering(client):
    client.force_login(UserFactory())
    text = client.get("/partnering/events/").content.decode()
    assert 'href="/partnering/events/mine/"' in text
