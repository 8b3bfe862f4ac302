"""The service catalog, an offering's page, and the providers' editor, for every kind of visitor."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.linkage.enums import FeeBasis, RequiredDocument, ServiceType
from ieum.linkage.models import ServiceOffering
from tests.factories import CompanyFactory, MembershipFactory, OrganizationFactory, term
from tests.linkage.factories import OfferingFactory, cardiovascular

CATALOG = "/linkage/services/"


def names(client, **query) -> list[str]:
    response = client.get(CATALOG, query)
    assert response.status_code == 200
    return sorted(offering.name_ko for offering in response.context["page"].object_list)


@pytest.fixture
def catalog(world):
    """Besides 연세의료원's trial consulting: a regulatory firm in Seoul, a closed service
    and one of an unlisted firm."""
    firm = CompanyFactory(name_ko="규제과학컨설팅", name_en="RegSci Partners")
    firm.region = term("region", "seoul")
    firm.save()
    regulatory = OfferingFactory(
        provider=firm,
        service_type=ServiceType.REGULATORY_CONSULTING,
        name_ko="MFDS 허가 전략 자문",
        description_ko="식약처 품목허가 로드맵",
        expertise_ko="체외진단 의료기기",
        fee_basis=FeeBasis.FIXED,
        fee_krw=3_000_000,
        therapeutic_areas=[term("therapeutic_area", "oncology")],
    )
    closed = OfferingFactory(
        provider=world.hospital, name_ko="중단된 데이터 서비스", is_active=False
    )
    hidden_firm = CompanyFactory(name_ko="비공개컨설팅", is_listed=False)
    unlisted = OfferingFactory(provider=hidden_firm, name_ko="비공개 GMP 자문")
    return {"regulatory": regulatory, "closed": closed, "unlisted": unlisted}


def test_the_catalog_lists_active_offerings_and_filters_them(client, world, catalog):
    world.offering.name_ko = "심혈관 임상시험 설계 컨설팅"
    world.offering.expertise_ko = "관상동맥 중재시술"
    world.offering.program_name = "K-바이오 임상지원사업"
    world.offering.save()
    trial, regulatory = world.offering.name_ko, catalog["regulatory"].name_ko

    assert names(client) == sorted([trial, regulatory])
    assert names(client, service_type="regulatory_consulting") == [regulatory]
    assert names(client, area="cardiovascular") == [trial]
    assert names(client, provider_kind="hospital") == [trial]
    assert names(client, provider_kind="company") == [regulatory]
    assert names(client, region="seoul") == [regulatory]
    assert names(client, q="허가 로드맵") == [regulatory]  # name and description
    assert names(client, q="체외진단") == [regulatory]  # expertise
    assert names(client, q="연세의료원") == [trial]  # provider's name
    assert names(client, q="Yonsei") == [trial]
    assert names(client, q="cardiology") == [trial]  # an area's synonym
    assert names(client, q="K-바이오") == [trial]  # the program
    assert names(client, q="규제 심혈관") == []
    # Filters that are not understood are ignored, and said so.
    response = client.get(CATALOG, {"area": "no-such-area"})
    assert len(response.context["page"].object_list) == 2
    partial = client.get(CATALOG, {"q": "허가"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and regulatory in partial.content.decode()


def test_closed_and_unlisted_offerings_are_hidden_except_from_their_managers(
    client, world, catalog
):
    closed, unlisted = catalog["closed"], catalog["unlisted"]
    for role, user in world.roles.items():
        client.force_login(user)
        shown = names(client)
        assert (closed.name_ko in shown) == (role in ("coordinator", "admin")), role
        assert (unlisted.name_ko in shown) == (role == "admin"), role
        status = client.get(f"{CATALOG}{closed.pk}/").status_code
        assert status == (200 if role in ("coordinator", "admin") else 404), role
    client.logout()
    assert closed.name_ko not in names(client)
    assert client.get(f"{CATALOG}{closed.pk}/").status_code == 404
    assert client.get(f"{CATALOG}{unlisted.pk}/").status_code == 404


def test_a_card_shows_provider_type_areas_lead_time_fee_and_documents(
    client, world, catalog, english
):
    world.offering.program_name = "K-Bio Clinical Support"
    world.offering.required_documents = [RequiredDocument.IRB_APPROVAL, RequiredDocument.NDA]
    world.offering.save()
    page = client.get(CATALOG).content.decode()
    assert "Yonsei University Health System" in page
    assert "Clinical-trial consulting" in page
    assert "Cardiovascular diseases" in page
    assert "about 10 business days" in page
    assert "Free under K-Bio Clinical Support" in page
    assert "IRB approval, Non-disclosure agreement" in page
    assert "₩3,000,000" in page  # the regulatory firm's fixed fee


def test_the_detail_offers_a_request_to_members_and_a_login_to_visitors(client, world, english):
    address = f"{CATALOG}{world.offering.pk}/"
    page = client.get(address).content.decode()
    assert "Log in to request this service" in page
    assert "?offering=" not in page
    client.force_login(world.company_member)
    response = client.get(address)
    page = response.content.decode()
    assert f"/linkage/requests/new/?offering={world.offering.pk}" in page
    assert "Edit" not in page.split('id="offering-actions"')[1].split("</div>")[0]
    assert "within 3 business days" in page
    client.force_login(world.coordinator)
    assert f"/linkage/services/{world.offering.pk}/edit/" in client.get(address).content.decode()
    # Someone without any organization cannot make requests: no button.
    client.force_login(world.stranger)
    assert "?offering=" not in client.get(address).content.decode()


def test_a_closed_offering_takes_no_requests(client, world, english):
    world.offering.is_active = False
    world.offering.save()
    client.force_login(world.coordinator)
    page = client.get(f"{CATALOG}{world.offering.pk}/").content.decode()
    assert "Not accepting requests" in page
    assert "?offering=" not in page


def offering_post(**changes) -> dict:
    data = {
        "service_type": ServiceType.CLINICAL_VALIDATION,
        "name_ko": "심혈관 의료기기 임상 실증",
        "name_en": "Cardiovascular device validation",
        "description_ko": "병원 환경에서의 실사용 검증",
        "therapeutic_areas": [cardiovascular().pk],
        "expertise_ko": "심장내과",
        "lead_time_days": "30",
        "response_days": "5",
        "fee_basis": FeeBasis.FREE_UNDER_PROGRAM,
        "program_name": "의료기기 실증 지원사업",
        "required_documents": [RequiredDocument.IRB_APPROVAL],
        "contact_email": "openinnovation@yuhs.example",
        "is_active": "on",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_a_coordinator_publishes_a_service_for_their_hospital(client, world):
    client.force_login(world.coordinator)
    response = client.get("/linkage/services/new/")
    assert response.status_code == 200
    assert list(response.context["form"].fields["provider"].queryset) == [world.hospital]
    response = client.post("/linkage/services/new/", offering_post(provider=world.hospital.pk))
    offering = ServiceOffering.objects.get(name_ko="심혈관 의료기기 임상 실증")
    assert response.status_code == 302 and response.url == f"/linkage/services/{offering.pk}/"
    assert offering.provider == world.hospital
    assert offering.lead_time_days == 30 and offering.response_days == 5
    assert offering.required_documents == [RequiredDocument.IRB_APPROVAL]
    assert list(offering.therapeutic_areas.all()) == [cardiovascular()]
    assert offering.fee_krw is None and offering.is_active


def test_only_members_of_a_provider_publish_services(client, world):
    assert client.get("/linkage/services/new/").status_code == 302  # to the login page
    client.force_login(world.stranger)
    assert client.get("/linkage/services/new/").status_code == 403
    investor = MembershipFactory(organization=OrganizationFactory(kind="investor")).user
    client.force_login(investor)
    assert client.get("/linkage/services/new/").status_code == 403
    # A coordinator cannot publish for another hospital: the choice is refused.
    client.force_login(world.coordinator)
    other = world.others["hospital"]
    response = client.post("/linkage/services/new/", offering_post(provider=other.pk))
    assert response.status_code == 400
    assert "provider" in response.context["form"].errors
    assert not ServiceOffering.objects.filter(provider=other).exists()


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"name_ko": ""}, "name_ko", "This field is required."),
        ({"fee_basis": FeeBasis.FIXED}, "fee_krw", "A fixed fee needs its amount."),
        ({"fee_basis": FeeBasis.FIXED, "fee_krw": "-5"}, "fee_krw", "The fee cannot be negative."),
        ({"response_days": "0"}, "response_days", "Allow at least one business day to answer."),
        ({"lead_time_days": "abc"}, "lead_time_days", "Enter a whole number."),
        ({"service_type": "surgery"}, "service_type", "Select a valid choice."),
        ({"contact_email": "not-an-address"}, "contact_email", "Enter a valid email address."),
    ],
)
def test_bad_input_says_what_is_wrong_and_writes_nothing(
    client, world, english, changes, field, message
):
    client.force_login(world.coordinator)
    before = ServiceOffering.objects.count()
    response = client.post(
        "/linkage/services/new/", offering_post(provider=world.hospital.pk, **changes)
    )
    # Shown beside the field (the page is rendered in English; errors read later are not).
    assert response.status_code == 400
    assert field in response.context["form"].errors
    assert message in response.content.decode()
    assert ServiceOffering.objects.count() == before
    edit = client.post(f"/linkage/services/{world.offering.pk}/edit/", offering_post(**changes))
    assert edit.status_code == 400
    assert field in edit.context["form"].errors and message in edit.content.decode()
    world.offering.refresh_from_db()
    assert world.offering.service_type == ServiceType.CLINICAL_TRIAL_CONSULTING
    assert world.offering.response_days == 3


def test_a_coordinator_edits_their_service(client, world, english):
    client.force_login(world.coordinator)
    address = f"/linkage/services/{world.offering.pk}/edit/"
    form = client.get(address).context["form"]
    assert "provider" not in form.fields
    assert form.initial["name_ko"] == world.offering.name_ko
    assert form.initial["therapeutic_areas"] == [cardiovascular()]
    response = client.post(
        address,
        offering_post(
            fee_basis=FeeBasis.FIXED,
            fee_krw="1500000",
            is_active=None,
            therapeutic_areas=[term("therapeutic_area", "oncology").pk],
        ),
    )
    assert response.status_code == 302
    world.offering.refresh_from_db()
    assert world.offering.fee_krw == 1_500_000 and not world.offering.is_active
    assert world.offering.provider == world.hospital
    assert list(world.offering.therapeutic_areas.all()) == [term("therapeutic_area", "oncology")]
    # Closed, it is still theirs to edit and reopen.
    assert client.get(address).status_code == 200


def test_only_the_providers_members_and_admins_edit_a_service(client, world):
    address = f"/linkage/services/{world.offering.pk}/edit/"
    assert client.get(address).status_code == 302  # to the login page
    expected = {"coordinator": 200, "admin": 200}
    for role, user in world.roles.items():
        client.force_login(user)
        assert client.get(address).status_code == expected.get(role, 403), role
        if role not in expected:
            response = client.post(address, offering_post(name_ko="가로챈 이름"))
            assert response.status_code == 403, role
    world.offering.refresh_from_db()
    assert world.offering.name_ko != "가로챈 이름"
    # A closed service of another hospital does not exist for them.
    world.offering.is_active = False
    world.offering.save()
    client.force_login(world.other_coordinator)
    assert client.get(address).status_code == 404


def test_a_staff_member_of_another_kind_of_provider_publishes_too(client, world):
    # Cluster operators offer regulatory consulting; their staff publish it.
    client.force_login(world.staff)
    response = client.get("/linkage/services/new/")
    assert response.status_code == 200
    assert list(response.context["form"].fields["provider"].queryset) == [world.cluster.operator]


def catalog_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CATALOG)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("role", ["stranger", "coordinator"])
def test_the_catalog_query_count_does_not_grow(client, world, role):
    world.offering.required_documents = [RequiredDocument.NDA]
    world.offering.save()
    client.force_login(world.roles[role])
    one = catalog_queries(client)
    for _ in range(19):
        OfferingFactory(
            therapeutic_areas=[cardiovascular(), term("therapeutic_area", "oncology")],
            required_documents=[RequiredDocument.IRB_APPROVAL],
            program_name="지원사업",
        )
    assert catalog_queries(client) == one
    assert len(client.get(CATALOG).context["page"].object_list) == 20
