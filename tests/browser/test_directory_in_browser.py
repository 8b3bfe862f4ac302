import pytest

from ieum.directory.search_index import reindex_all
from tests.factories import (
    PASSWORD,
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    HospitalFactory,
    MembershipFactory,
    OrganizationFactory,
    term,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def network():
    gimhae = OrganizationFactory(
        kind="cluster_operator",
        name_ko="김해의생명산업진흥원",
        name_en="Gimhae Biomedical Industry Promotion Agency",
        slug="gimhae-agency",
    )
    cluster = ClusterFactory(operator=gimhae, name_ko="김해 의생명 클러스터")
    company = CompanyFactory(
        name_ko="나노파이버텍",
        name_en="NanoFiberTech",
        slug="nft",
        summary_ko="나노섬유 인서트를 만드는 김해 기업입니다.",
    )
    ClusterMemberFactory(cluster=cluster, organization=company)
    yonsei = HospitalFactory(
        name_ko="연세의료원", name_en="Yonsei University Health System", slug="yonsei"
    )
    yonsei.hospital_profile.specialties.set([term("therapeutic_area", "cardiovascular")])
    member = MembershipFactory(organization=company, user__email="ceo@nft.kr").user
    reindex_all()
    return {"company": company, "member": member}


def test_search_in_korean_switch_to_english_and_open_an_organization(page, network):
    page.goto("/directory/")
    assert page.locator("html").get_attribute("lang") == "ko"
    page.fill("#id_q", "심혈관")
    page.locator("#id_q").press("Enter")
    page.wait_for_url("**/directory/?*q=*")
    results = page.locator("#organization-list")
    results.get_by_text("연세의료원").wait_for()
    assert "나노파이버텍" not in results.inner_text()

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.get_by_text("Yonsei University Health System").click()
    page.locator("#specialties").get_by_text("Cardiovascular diseases").wait_for()
    assert page.csp_violations == []


def test_filters_update_results_in_place(page, network):
    page.goto("/directory/")
    page.select_option("#id_kind", "hospital")
    page.wait_for_url("**kind=hospital**")
    page.locator("#result-count").get_by_text("1").wait_for()
    assert "연세의료원" in page.locator("#organization-list").inner_text()
    assert "나노파이버텍" not in page.locator("#organization-list").inner_text()


def test_confidential_part_appears_only_after_logging_in_as_a_member(page, network):
    page.goto("/directory/o/nft/")
    page.locator("#organization-name").wait_for()
    assert page.locator("#confidential").count() == 0

    page.goto("/accounts/login/?next=/directory/o/nft/")
    page.fill("input[name=username]", "ceo@nft.kr")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_url("**/directory/o/nft/")
    confidential = page.locator("#confidential")
    confidential.wait_for()
    assert "비공개 나노섬유 공정 조건" in confidential.inner_text()
    assert page.csp_violations == []
