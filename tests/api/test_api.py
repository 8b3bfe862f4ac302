import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ieum.directory.search_index import reindex_all
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    HospitalFactory,
    MembershipFactory,
    UserFactory,
    term,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def api():
    return APIClient()


def authenticated(user) -> APIClient:
    client = APIClient()
    token = Token.objects.create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


def test_organizations_list_hides_unlisted_and_searches_korean(api):
    hospital = HospitalFactory(name_ko="연세의료원", slug="yonsei")
    hospital.hospital_profile.specialties.set([term("therapeutic_area", "cardiovascular")])
    CompanyFactory(name_ko="비공개바이오", is_listed=False)
    reindex_all()
    data = api.get("/api/v1/organizations/").json()
    names = [row["name_ko"] for row in data["results"]]
    assert "연세의료원" in names and "비공개바이오" not in names
    found = api.get("/api/v1/organizations/", {"q": "심혈관"}).json()
    assert [row["slug"] for row in found["results"]] == ["yonsei"]


def test_organization_list_query_count_does_not_grow(api):
    cluster = ClusterFactory()

    def add(count):
        for _ in range(count):
            ClusterMemberFactory(cluster=cluster, organization=CompanyFactory())

    add(1)
    with CaptureQueriesContext(connection) as one:
        api.get("/api/v1/organizations/?kind=company")
    add(29)
    with CaptureQueriesContext(connection) as thirty:
        response = api.get("/api/v1/organizations/?kind=company")
    assert response.json()["count"] == 30
    assert len(one) == len(thirty)


def test_profile_confidential_part_only_with_rights(api):
    company = CompanyFactory()
    url = f"/api/v1/organizations/{company.slug}/profile/"
    public = api.get(url).json()
    assert "annual_revenue_krw" not in public
    assert public["stage"] == "under-3"
    member = MembershipFactory(organization=company).user
    confidential = authenticated(member).get(url).json()
    assert confidential["annual_revenue_krw"] == 1_234_000_000


def test_unlisted_organization_is_404_to_outsiders(api):
    company = CompanyFactory(is_listed=False)
    assert api.get(f"/api/v1/organizations/{company.slug}/").status_code == 404
    outsider = authenticated(UserFactory())
    assert outsider.get(f"/api/v1/organizations/{company.slug}/profile/").status_code == 404


def test_member_patches_profile_through_the_same_domain_function(
    django_capture_on_commit_callbacks,
):
    company = CompanyFactory()
    client = authenticated(MembershipFactory(organization=company).user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.patch(
            f"/api/v1/organizations/{company.slug}/profile/",
            {"employees": 44, "therapeutic_areas": ["oncology", "dental"]},
            format="json",
        )
    assert response.status_code == 200, response.content
    assert response.json()["employees"] == 44
    company.refresh_from_db()
    assert set(company.company_profile.therapeutic_areas.values_list("code", flat=True)) == {
        "oncology",
        "dental",
    }
    assert "항암" in company.search_text


def test_bad_api_input_is_a_translated_400_and_changes_nothing():
    company = CompanyFactory(name_en="Before")
    client = authenticated(MembershipFactory(organization=company).user)
    response = client.patch(
        f"/api/v1/organizations/{company.slug}/profile/",
        {"employees": -3, "therapeutic_areas": ["no-such-area"], "stage": "oncology"},
        format="json",
        HTTP_ACCEPT_LANGUAGE="ko",
    )
    assert response.status_code == 400
    errors = response.json()
    assert set(errors) == {"employees", "therapeutic_areas", "stage"}
    company.refresh_from_db()
    assert company.company_profile.employees == 12
    response = client.patch(
        f"/api/v1/organizations/{company.slug}/",
        {"name_en": "After", "website": "nope"},
        format="json",
    )
    assert response.status_code == 400
    company.refresh_from_db()
    assert company.name_en == "Before"


def test_malformed_json_and_oversized_bodies_are_4xx():
    company = CompanyFactory()
    client = authenticated(MembershipFactory(organization=company).user)
    malformed = client.generic(
        "PATCH",
        f"/api/v1/organizations/{company.slug}/",
        "{not json",
        content_type="application/json",
    )
    assert malformed.status_code == 400
    huge = json.dumps({"summary_ko": "가" * (3 * 1024 * 1024)})
    oversized = client.generic(
        "PATCH", f"/api/v1/organizations/{company.slug}/", huge, content_type="application/json"
    )
    assert 400 <= oversized.status_code < 500


def test_outsiders_cannot_patch(api):
    company = CompanyFactory()
    assert api.patch(
        f"/api/v1/organizations/{company.slug}/", {"name_en": "x"}, format="json"
    ).status_code in (401, 403)
    outsider = authenticated(UserFactory())
    assert (
        outsider.patch(
            f"/api/v1/organizations/{company.slug}/", {"name_en": "x"}, format="json"
        ).status_code
        == 403
    )
    assert api.get("/api/v1/organizations/no-such-slug/").status_code == 404


def test_clusters_vocabularies_and_my_memberships(api):
    cluster = ClusterFactory(name_ko="오송 첨단의료복합단지")
    ClusterMemberFactory(cluster=cluster)
    clusters = api.get("/api/v1/clusters/").json()["results"]
    assert clusters[0]["name_ko"] == "오송 첨단의료복합단지"
    assert clusters[0]["member_count"] == 1
    areas = api.get("/api/v1/vocabularies/", {"vocabulary": "therapeutic_area"}).json()
    assert {"code": "cardiovascular", "name_ko": "심혈관질환"}.items() <= next(
        row for row in areas if row["code"] == "cardiovascular"
    ).items()
    assert api.get("/api/v1/me/memberships/").status_code in (401, 403)
    membership = MembershipFactory()
    mine = authenticated(membership.user).get("/api/v1/me/memberships/").json()["results"]
    assert mine == [
        {
            "organization": membership.organization.slug,
            "organization_name": membership.organization.name_ko,
            "role": "company_member",
            "title": "",
            "is_admin": False,
        }
    ]


def test_openapi_schema_and_docs_are_served(api, client):
    schema = api.get("/api/v1/schema/", HTTP_ACCEPT="application/json")
    assert schema.status_code == 200
    assert "/api/v1/organizations/" in schema.content.decode()
    docs = client.get("/api/v1/docs/")
    assert docs.status_code == 200
    assert "swagger" in docs.content.decode().lower()
