import pytest

from ieum.directory.domain import DirectoryFilters, list_directory
from ieum.directory.search_index import reindex_all
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    HospitalFactory,
    OrganizationFactory,
    term,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def network():
    gimhae = OrganizationFactory(
        kind="cluster_operator",
        name_ko="김해의생명산업진흥원",
        name_en="Gimhae Biomedical Industry Promotion Agency",
        slug="gimhae-agency",
    )
    cluster = ClusterFactory(
        operator=gimhae, name_ko="김해 의생명 클러스터", name_en="Gimhae Biomedical Cluster"
    )
    yonsei = HospitalFactory(
        name_ko="연세의료원",
        name_en="Yonsei University Health System",
        slug="yonsei",
        region=term("region", "seoul"),
    )
    yonsei.hospital_profile.specialties.set([term("therapeutic_area", "cardiovascular")])
    heart_startup = OrganizationFactory(
        name_ko="하트온",
        name_en="HeartOn",
        slug="hearton",
        summary_en="Wearable monitors for cardiovascular patients.",
    )
    eye_hospital = HospitalFactory(name_ko="부산백병원", name_en="Busan Paik Hospital", slug="paik")
    eye_hospital.hospital_profile.specialties.set([term("therapeutic_area", "ophthalmology")])
    member = OrganizationFactory(name_ko="나노파이버텍", name_en="NanoFiberTech", slug="nft")
    ClusterMemberFactory(cluster=cluster, organization=member)
    reindex_all()
    return {
        "gimhae": gimhae,
        "yonsei": yonsei,
        "heart": heart_startup,
        "eye": eye_hospital,
        "member": member,
    }


def search(query: str, **filters) -> list[str]:
    return [org.slug for org in list_directory(filters=DirectoryFilters(query=query, **filters))]


def test_a_place_name_finds_the_cluster_operator_and_its_members(network):
    found = search("김해")
    assert "gimhae-agency" in found
    assert "nft" in found
    assert "yonsei" not in found


def test_part_of_a_korean_compound_finds_the_specialty(network):
    found = search("심혈관")
    assert "yonsei" in found
    assert "paik" not in found


def test_other_spacing_finds_the_name_first(network):
    assert search("김해의생명산업 진흥원")[0] == "gimhae-agency"


def test_a_small_typo_still_finds_the_name(network):
    assert search("김해의생명산엽진흥원")[0] == "gimhae-agency"


def test_english_words_find_korean_records(network):
    found = search("cardiovascular")
    assert {"yonsei", "hearton"} <= set(found)
    assert search("Yonsei")[0] == "yonsei"


def test_words_must_all_match(network):
    assert search("심혈관 병원") == ["yonsei"]


def test_nonsense_finds_nothing_and_odd_characters_do_not_break_search(network):
    assert search("qqqzzz") == []
    assert search("'\\:*&|!()") == []
    assert search("%_") == []


def test_filters_combine_with_search(network):
    assert set(search("", kind="hospital")) == {"paik", "yonsei"}
    assert search("심혈관", kind="company") == []
    area = term("therapeutic_area", "ophthalmology")
    assert search("", therapeutic_area=area) == ["paik"]
