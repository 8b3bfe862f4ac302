"""The booking API contract: 201 with the booking, 409 when the time is taken, 400 otherwise."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ieum.facilities.enums import DowntimeKind
from ieum.facilities.models import Booking, Downtime
from tests.facilities.conftest import seoul, working_day
from tests.factories import MembershipFactory, ResourceFactory

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


@pytest.fixture
def day():
    return working_day()


@pytest.fixture
def resource():
    return ResourceFactory(
        name_ko="공초점 현미경", name_en="Confocal microscope", buffer_minutes=30
    )


@pytest.fixture
def member():
    return MembershipFactory().user


def test_catalog_lists_and_searches_in_both_languages(resource):
    ResourceFactory(name_ko="동물실험실", name_en="Animal room", kind="animal_facility")
    api = APIClient()
    assert api.get("/api/v1/resources/").json()["count"] == 2
    found = api.get("/api/v1/resources/", {"q": "현미경"}).json()["results"]
    assert [r["id"] for r in found] == [resource.pk]
    found = api.get("/api/v1/resources/", {"q": "confocal"}).json()["results"]
    assert [r["name_en"] for r in found] == ["Confocal microscope"]
    assert found[0]["opening_hours"][0] == {"weekday": 0, "opens": "09:00", "closes": "18:00"}


def test_resource_list_query_count_does_not_grow(django_assert_max_num_queries):
    for _ in range(3):
        ResourceFactory()
    api = APIClient()
    with CaptureQueriesContext(connection) as few:
        api.get("/api/v1/resources/")
    for _ in range(12):
        ResourceFactory()
    with django_assert_max_num_queries(len(few)):
        api.get("/api/v1/resources/")


def test_book_then_conflict_then_cancel(member, resource, day):
    api = client_for(member)
    response = api.post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": seoul(day, "10:00").isoformat(),
            "end": seoul(day, "11:00").isoformat(),
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    booking = response.json()
    assert booking["status"] == "approved" and booking["fee_krw"] == 50_000
    # 11:00 falls in the 30-minute buffer after the first booking.
    clash = api.post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": f"{day}T11:00:00+09:00",
            "end": f"{day}T12:00:00+09:00",
        },
        format="json",
    )
    assert clash.status_code == 409
    assert "준비 시간 30분" in clash.json()["detail"]
    assert api.delete(f"/api/v1/bookings/{booking['id']}/").status_code == 204
    assert Booking.objects.get(pk=booking["id"]).status == "cancelled"
    again = api.post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": f"{day}T10:30:00+09:00",
            "end": f"{day}T11:30:00+09:00",
        },
        format="json",
    )
    assert again.status_code == 201


def test_blackout_is_a_conflict_and_korean_is_the_default_language(member, resource, day):
    Downtime.objects.create(
        resource=resource,
        kind=DowntimeKind.MAINTENANCE,
        start=seoul(day, "09:00"),
        end=seoul(day, "18:00"),
    )
    response = client_for(member).post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": seoul(day, "10:00").isoformat(),
            "end": seoul(day, "11:00").isoformat(),
        },
        format="json",
    )
    assert response.status_code == 409
    assert "사용할 수 없습니다" in response.json()["detail"]


@pytest.mark.parametrize(
    ("payload", "field"),
    [
        ({"start": "not a time", "end": "2030-01-01T10:00:00+09:00"}, "start"),
        ({"start": "2030-01-01T10:00:00+09:00"}, "end"),
        ({"resource": 999999}, "resource"),
    ],
)
def test_malformed_requests_are_400_and_write_nothing(member, resource, day, payload, field):
    body = {
        "resource": resource.pk,
        "start": seoul(day, "10:00").isoformat(),
        "end": seoul(day, "11:00").isoformat(),
    }
    body.update(payload)
    if "end" not in payload and field == "end":
        body.pop("end")
    response = client_for(member).post("/api/v1/bookings/", body, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Booking.objects.exists()


def test_rule_violations_are_400(member, resource, day):
    response = client_for(member).post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": seoul(day, "11:00").isoformat(),
            "end": seoul(day, "10:00").isoformat(),
        },
        format="json",
        HTTP_ACCEPT_LANGUAGE="en",
    )
    assert response.status_code == 400
    assert not Booking.objects.exists()


def test_anonymous_cannot_book_and_strangers_cannot_cancel(member, resource, day):
    body = {
        "resource": resource.pk,
        "start": seoul(day, "10:00").isoformat(),
        "end": seoul(day, "11:00").isoformat(),
    }
    assert APIClient().post("/api/v1/bookings/", body, format="json").status_code in (401, 403)
    booking = client_for(member).post("/api/v1/bookings/", body, format="json").json()
    stranger = client_for(MembershipFactory().user)
    assert stranger.delete(f"/api/v1/bookings/{booking['id']}/").status_code == 404
    assert stranger.get("/api/v1/bookings/").json()["count"] == 0


def test_availability_shows_free_and_busy_time(member, resource, day):
    client_for(member).post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": seoul(day, "10:00").isoformat(),
            "end": seoul(day, "11:00").isoformat(),
        },
        format="json",
    )
    data = (
        APIClient()
        .get(
            f"/api/v1/resources/{resource.pk}/availability/",
            {"from": seoul(day, "00:00").isoformat(), "to": seoul(day, "23:59").isoformat()},
        )
        .json()
    )
    assert data["busy"] == [
        {
            "start": seoul(day, "10:00").isoformat(),
            "end": seoul(day, "11:30").isoformat(),
            "bookings": 1,
        }
    ]
    assert [(f["start"], f["end"]) for f in data["free"]] == [
        (seoul(day, "09:00").isoformat(), seoul(day, "10:00").isoformat()),
        (seoul(day, "11:30").isoformat(), seoul(day, "18:00").isoformat()),
    ]
    bad = APIClient().get(f"/api/v1/resources/{resource.pk}/availability/", {"from": "yesterday"})
    assert bad.status_code == 400 and "from" in bad.json()


def test_move_a_booking_with_patch(member, resource, day):
    api = client_for(member)
    booking = api.post(
        "/api/v1/bookings/",
        {
            "resource": resource.pk,
            "start": seoul(day, "10:00").isoformat(),
            "end": seoul(day, "11:00").isoformat(),
        },
        format="json",
    ).json()
    moved = api.patch(
        f"/api/v1/bookings/{booking['id']}/",
        {"start": seoul(day, "14:00").isoformat(), "end": seoul(day, "16:00").isoformat()},
        format="json",
    )
    assert moved.status_code == 200 and moved.json()["fee_krw"] == 100_000
