import pytest
from auditlog.models import LogEntry
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.accounts.enums import Role
from ieum.directory.models import Organization
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


def make_companies(count: int, cluster=None) -> None:
    cluster = cluster or ClusterFactory()
    for _ in range(count):
        company = CompanyFactory()
        company.company_profile.therapeutic_areas.set(
            [term("therapeutic_area", "oncology"), term("therapeutic_area", "dental")]
        )
        ClusterMemberFactory(cluster=cluster, organization=company)


def count_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", ["/directory/", "/directory/?kind=company", "/directory/?q=테스트"])
def test_directory_list_query_count_does_not_grow_with_rows(client, url):
    cluster = ClusterFactory()
    make_companies(1, cluster)
    reindex_all()
    one = count_queries(client, url)
    make_companies(29, cluster)
    reindex_all()
    thirty = count_queries(client, url)
    assert one == thirty


def test_directory_lists_listed_organizations_with_their_tags(client):
    listed = CompanyFactory(name_ko="바이오엔젤")
    listed.company_profile.therapeutic_areas.set([term("therapeutic_area", "oncology")])
    CompanyFactory(name_ko="숨은기업", is_listed=False)
    reindex_all()
    html = client.get("/directory/").content.decode()
    assert "바이오엔젤" in html
    assert "숨은기업" not in html
    assert "항암" in html


def test_directory_paginates(client):
    make_companies(25)
    first = client.get("/directory/").content.decode()
    second = client.get("/directory/?page=2").content.decode()
    assert first.count('class="card org-card') == 20
    assert second.count('class="card org-card') == 6  # 25 companies and one cluster operator


def test_htmx_requests_get_only_the_results(client):
    make_companies(2)
    response = client.get("/directory/?kind=company", HTTP_HX_REQUEST="true")
    html = response.content.decode()
    assert 'id="organization-list"' in html
    assert "<html" not in html


def test_unknown_filter_values_are_ignored_not_errors(client):
    response = client.get("/directory/?region=atlantis&page=abc&kind=spaceship")
    assert response.status_code == 200


def test_confidential_part_shows_only_with_rights(client):
    company = CompanyFactory()
    url = company.get_absolute_url()
    public_html = client.get(url).content.decode()
    assert company.name_ko in public_html
    assert "비공개 나노섬유 공정 조건" not in public_html
    member = MembershipFactory(organization=company).user
    client.force_login(member)
    member_html = client.get(url).content.decode()
    assert "비공개 나노섬유 공정 조건" in member_html
    assert "₩1,234,000,000" in member_html


def test_unlisted_organization_is_404_without_rights(client):
    company = CompanyFactory(is_listed=False)
    assert client.get(company.get_absolute_url()).status_code == 404
    client.force_login(UserFactory())
    assert client.get(company.get_absolute_url()).status_code == 404
    client.force_login(MembershipFactory(organization=company).user)
    assert client.get(company.get_absolute_url()).status_code == 200


def test_member_edits_profile_and_the_change_is_audited(client, django_capture_on_commit_callbacks):
    company = CompanyFactory()
    member = MembershipFactory(organization=company).user
    client.force_login(member)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/directory/o/{company.slug}/edit/",
            {
                "org-name_en": "Bio Angel",
                "org-summary_ko": "심혈관 스텐트를 만듭니다.",
                "org-region": term("region", "seoul").pk,
                "org-is_listed": "on",
                "profile-employees": "30",
                "profile-stage": term("stage", "3-to-7").pk,
                "profile-therapeutic_areas": [term("therapeutic_area", "cardiovascular").pk],
                "profile-annual_revenue_krw": "5000000000",
            },
        )
    assert response.status_code == 302
    company.refresh_from_db()
    assert company.summary_ko == "심혈관 스텐트를 만듭니다."
    assert company.company_profile.employees == 30
    assert list(company.company_profile.therapeutic_areas.values_list("code", flat=True)) == [
        "cardiovascular"
    ]
    entry = LogEntry.objects.get_for_object(company).latest("timestamp")
    assert entry.actor == member
    assert "summary_ko" in entry.changes_dict
    assert "심혈관" in company.search_text


def test_bad_profile_input_gives_errors_and_changes_nothing(client):
    company = CompanyFactory(name_en="Before")
    client.force_login(MembershipFactory(organization=company).user)
    response = client.post(
        f"/directory/o/{company.slug}/edit/",
        {
            "org-name_en": "After",
            "org-website": "not a url",
            "profile-employees": "-4",
            "profile-annual_revenue_krw": "lots",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors["website"]
    assert response.context["profile_form"].errors["employees"]
    company.refresh_from_db()
    assert company.name_en == "Before"
    assert company.company_profile.employees == 12


def test_outsiders_cannot_edit(client):
    company = CompanyFactory()
    client.force_login(UserFactory())
    response = client.post(f"/directory/o/{company.slug}/edit/", {"org-name_en": "Hijacked"})
    assert response.status_code == 403
    company.refresh_from_db()
    assert company.name_en != "Hijacked"


def test_hospital_page_shows_specialties(client):
    hospital = HospitalFactory(name_ko="연세의료원")
    hospital.hospital_profile.specialties.set([term("therapeutic_area", "cardiovascular")])
    html = client.get(hospital.get_absolute_url()).content.decode()
    assert "심혈관질환" in html


def test_cluster_page_lists_listed_members(client):
    cluster = ClusterFactory(name_ko="원주 의료기기 클러스터")
    listed = CompanyFactory(name_ko="원주메디칼")
    hidden = CompanyFactory(name_ko="비공개메디칼", is_listed=False)
    ClusterMemberFactory(cluster=cluster, organization=listed)
    ClusterMemberFactory(cluster=cluster, organization=hidden)
    html = client.get(cluster.get_absolute_url()).content.decode()
    assert "원주메디칼" in html and "비공개메디칼" not in html


def test_audit_log_page_for_platform_admins_only(client):
    company = CompanyFactory()
    staff_user = MembershipFactory(
        organization=ClusterFactory().operator, role=Role.CLUSTER_STAFF
    ).user
    client.force_login(staff_user)
    assert client.get("/directory/audit/").status_code == 403
    client.force_login(UserFactory(is_superuser=True))
    html = client.get("/directory/audit/").content.decode()
    assert company.name_ko in html
    assert Organization.objects.count() >= 1


def test_unknown_addresses_are_404(client):
    assert client.get("/directory/o/no-such-organization/").status_code == 404
    assert client.get("/directory/clusters/no-such-cluster/").status_code == 404
    assert client.get("/accounts/invitations/not-a-token/").status_code == 404
