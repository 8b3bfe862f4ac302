"""The service offerings API: a public catalog with filters, kept by the providers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.accounts.enums import Role
from ieum.linkage.models import ServiceOffering
from tests.factories import HospitalFactory, MembershipFactory, term
from tests.linkage.factories import OfferingFactory, cardiovascular, make_world
from tests.partnering.factories_api import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/service-offerings/"


@pytest.fixture
def world(db):
    return make_world()


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [row["id"] for row in response.json()["results"]]


def test_the_catalog_lists_and_filters_offerings(world):
    oncology = OfferingFactory(
        service_type="clinical_validation",
        name_ko="종양 실증 지원",
        therapeutic_areas=[term("therapeutic_area", "oncology")],
    )
    regulatory = OfferingFactory(service_type="regulatory_consulting", name_ko="MFDS 인허가 자문")
    anyone = client_for()
    assert set(ids(anyone.get(URL))) == {world.offering.pk, oncology.pk, regulatory.pk}
    by_type = anyone.get(URL, {"service_type": "regulatory_consulting"})
    assert ids(by_type) == [regulatory.pk]
    assert ids(anyone.get(URL, {"therapeutic_area": "cardiovascular"})) == [world.offering.pk]
    assert ids(anyone.get(URL, {"provider": world.hospital.slug})) == [world.offering.pk]
    assert ids(anyone.get(URL, {"q": "인허가"})) == [regulatory.pk]
    row = anyone.get(f"{URL}{world.offering.pk}/").json()
    assert row["provider"]["name_ko"] == "연세의료원"
    assert row["therapeutic_areas"] == ["cardiovascular"]
    bad = anyone.get(URL, {"service_type": "spa", "therapeutic_area": "astrology"})
    assert bad.status_code == 400 and set(bad.json()) == {"service_type", "therapeutic_area"}


def test_inactive_offerings_are_hidden_from_all_but_their_managers(world):
    closed = OfferingFactory(provider=world.hospital, is_active=False)
    for user in (None, world.stranger, world.company_member, world.other_coordinator):
        api = client_for(user)
        assert closed.pk not in ids(api.get(URL))
        assert api.get(f"{URL}{closed.pk}/").status_code == 404
        assert api.patch(f"{URL}{closed.pk}/", {"is_active": True}).status_code in (401, 404)
    for user in (world.coordinator, world.admin):
        api = client_for(user)
        assert closed.pk in ids(api.get(URL))
        assert api.get(f"{URL}{closed.pk}/").json()["is_active"] is False


def test_a_provider_publishes_and_changes_its_offering(world):
    api = client_for(world.coordinator, language="en")
    created = api.post(
        URL,
        {
            "provider": world.hospital.slug,
            "service_type": "medical_data",
            "name_ko": "심혈관 코호트 데이터 제공",
            "therapeutic_areas": ["cardiovascular"],
            "fee_basis": "fixed",
            "fee_krw": 3_000_000,
            "required_documents": ["irb_approval", "data_use_agreement"],
            "response_days": 5,
        },
        format="json",
    )
    assert created.status_code == 201, created.content
    offering = ServiceOffering.objects.get(pk=created.json()["id"])
    assert offering.provider == world.hospital and offering.fee_krw == 3_000_000
    assert list(offering.therapeutic_areas.all()) == [cardiovascular()]
    assert offering.required_documents == ["irb_approval", "data_use_agreement"]

    changed = api.patch(
        f"{URL}{offering.pk}/",
        {"fee_basis": "free_under_program", "program_name": "병원 실증 지원", "is_active": False},
        format="json",
    )
    assert changed.status_code == 200, changed.content
    offering.refresh_from_db()
    assert offering.fee_krw is None and offering.is_active is False
    assert offering.program_name == "병원 실증 지원"
    assert list(offering.therapeutic_areas.all()) == [cardiovascular()]


def test_only_members_of_the_provider_publish_or_change(world):
    body = {"provider": world.hospital.slug, "service_type": "medical_data", "name_ko": "데이터"}
    assert client_for().post(URL, body, format="json").status_code == 401
    assert client_for(world.stranger).post(URL, body, format="json").status_code == 403
    assert client_for(world.other_coordinator).post(URL, body, format="json").status_code == 403
    change = {"name_ko": "바꾼 이름"}
    url = f"{URL}{world.offering.pk}/"
    for user in (world.other_coordinator, world.company_member, world.staff, world.reviewer):
        assert client_for(user).patch(url, change, format="json").status_code == 403
    assert client_for(world.admin).patch(url, change, format="json").status_code == 200
    assert ServiceOffering.objects.filter(name_ko="데이터").count() == 0


def test_bad_offering_input_is_400_with_field_messages(world):
    api = client_for(world.coordinator, language="en")
    fixed_without_fee = api.post(
        URL,
        {
            "provider": world.hospital.slug,
            "service_type": "medical_data",
            "name_ko": "데이터",
            "fee_basis": "fixed",
        },
        format="json",
    )
    assert fixed_without_fee.status_code == 400
    assert fixed_without_fee.json() == {"fee_krw": ["A fixed fee needs its amount."]}
    malformed = api.post(
        URL,
        {
            "provider": world.hospital.slug,
            "service_type": "spa",
            "name_ko": "x",
            "required_documents": ["passport"],
            "therapeutic_areas": ["astrology"],
        },
        format="json",
    )
    assert malformed.status_code == 400
    assert set(malformed.json()) == {"service_type", "required_documents", "therapeutic_areas"}
    blank = api.patch(f"{URL}{world.offering.pk}/", {"name_ko": " "}, format="json")
    assert blank.status_code == 400 and "name_ko" in blank.json()
    assert ServiceOffering.objects.count() == 1


def test_offering_list_query_count_does_not_grow(world):
    api = client_for(
        MembershipFactory(organization=world.hospital, role=Role.HOSPITAL_COORDINATOR).user
    )
    with CaptureQueriesContext(connection) as one:
        assert len(ids(api.get(URL))) == 1
    for _ in range(19):
        OfferingFactory(provider=HospitalFactory(), therapeutic_areas=[cardiovascular()])
    with CaptureQueriesContext(connection) as twenty:
        assert len(ids(api.get(URL))) == 20
    assert len(twenty) == len(one)
