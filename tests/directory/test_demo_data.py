"""The demo data: what `seed_demo` loads, that it loads it once, and that search finds it."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from ieum.accounts.models import Membership, User
from ieum.directory.demo.people import DEMO_LOGINS, DEMO_PASSWORD
from ieum.directory.domain import DirectoryFilters, list_directory
from ieum.directory.models import Cluster, ClusterMember, Organization, Product
from ieum.facilities.models import (
    Booking,
    Downtime,
    OpeningHours,
    Qualification,
    Resource,
    TrainingRequest,
    Voucher,
)

# Each cluster's operating organization.
CLUSTER_OPERATORS = {
    "김해 의생명 클러스터": "김해의생명산업진흥원",
    "대전 바이오헬스 클러스터": "대전테크노파크",
    "원주 의료기기 클러스터": "원주의료기기테크노밸리",
    "전남 바이오 클러스터": "전남바이오진흥원",
    "전북 바이오헬스 클러스터": "전북특별자치도경제통상진흥원",
    "충북 바이오 산학융합 클러스터": "충북바이오산학융합원",
    "광주 생체재료 클러스터": "전남대학교 생체재료개발센터",
    "오송 첨단의료복합단지": "오송첨단의료산업진흥재단",
    "대구 첨단의료복합단지": "대구경북첨단의료산업진흥재단",
}
REGIONAL_CENTERS_2025 = {
    "김해의생명산업진흥원", "대전테크노파크", "원주의료기기테크노밸리", "전남바이오진흥원",
    "전북특별자치도경제통상진흥원", "충북바이오산학융합원",
}  # fmt: skip


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def counts() -> dict:
    bookings = Booking.objects.values_list("status").annotate(n=Count("id"))
    return {
        "organizations": Organization.objects.count(),
        "clusters": Cluster.objects.count(),
        "cluster members": ClusterMember.objects.count(),
        "products": Product.objects.count(),
        "users": User.objects.count(),
        "memberships": Membership.objects.count(),
        # The facility demo is generated from a fixed seed: a reset gives the same data.
        "resources": Resource.objects.count(),
        "opening hours": OpeningHours.objects.count(),
        "bookings": dict(bookings),
        "downtime": Downtime.objects.count(),
        "qualifications": Qualification.objects.count(),
        "training requests": TrainingRequest.objects.count(),
        "vouchers": Voucher.objects.count(),
    }


def found(query: str) -> list[str]:
    return [org.name_ko for org in list_directory(filters=DirectoryFilters(query=query))]


def test_seed_demo_loads_the_network_once_search_finds_it_and_reset_reloads_it(db):
    # One test for the whole command: each full load takes about a minute.
    output = seed()

    # The clusters, their operators, and the 2025 regional centers.
    clusters = Cluster.objects.select_related("operator")
    assert {c.name_ko: c.operator.name_ko for c in clusters} == CLUSTER_OPERATORS
    for cluster in clusters:
        assert cluster.is_demo and cluster.operator.is_demo
        assert cluster.operator.kind == "cluster_operator"
        assert cluster.focus_fields.exists()
        expected_years = [2025] if cluster.operator.name_ko in REGIONAL_CENTERS_2025 else []
        assert cluster.designation_years == expected_years
    assert Organization.objects.get(name_ko="한국보건산업진흥원").kind == "public_agency"
    assert not Organization.objects.filter(is_demo=False).exists()

    # Hospitals with their specialties.
    yonsei = Organization.objects.get(name_ko="연세의료원", kind="hospital")
    assert list(yonsei.hospital_profile.specialties.values_list("code", flat=True)) == [
        "cardiovascular"
    ]
    assert "cardiovascular" in yonsei.summary_en
    asan = Organization.objects.get(name_ko="서울아산병원")
    assert asan.hospital_profile.specialties.filter(code="oncology").exists()
    assert asan.hospital_profile.services.exists()

    # Companies: several hundred, some unlisted, ASCII addresses, Gimhae's named ones.
    companies = Organization.objects.filter(kind="company")
    assert companies.count() >= 300
    unlisted = companies.filter(is_listed=False).count()
    assert 0.05 * companies.count() < unlisted < 0.3 * companies.count()
    assert all(slug.isascii() for slug in companies.values_list("slug", flat=True))
    listed_companies = list_directory(filters=DirectoryFilters(kind="company"))
    assert listed_companies.count() == companies.count() - unlisted
    gimhae = Cluster.objects.get(name_ko="김해 의생명 클러스터")
    hbio = Organization.objects.get(slug="h-bio-diagnostics")
    assert gimhae.members.filter(pk=hbio.pk).exists()
    assert hbio.company_profile.annual_revenue_krw and hbio.company_profile.confidential_technology
    assert hbio.products.filter(device_class__code="class-3", approval_route__code="approval")
    assert Cluster.objects.get(name_ko="원주 의료기기 클러스터").members.count() > 10
    assert Organization.objects.filter(kind="investor", investor_profile__isnull=False).count() >= 3
    assert Organization.objects.filter(kind="demand_company", demand_profile__isnull=False).count()

    # The demo accounts, with the right memberships and the shared password.
    for login in DEMO_LOGINS:
        user = User.objects.get(email=login.email)
        assert user.check_password(DEMO_PASSWORD)
        assert user.memberships.filter(
            role=login.role, organization__slug=login.organization_slug
        ).exists()
        assert login.email in output
    admin = User.objects.get(email="admin@demo.ieum.kr")
    assert admin.is_staff
    assert admin.memberships.get().organization.name_ko == "한국보건산업진흥원"
    staff = User.objects.get(email="gimhae.staff@demo.ieum.kr").memberships.get()
    assert (staff.role, staff.organization.name_ko) == ("cluster_staff", "김해의생명산업진흥원")
    assert DEMO_PASSWORD in output

    # Running it again creates nothing.
    before = counts()
    again = seed()
    assert counts() == before
    assert "nothing was created" in again

    # Search, in Korean and English, on the demo data.
    assert "김해의생명산업진흥원" in found("김해")
    assert "연세의료원" in found("심혈관")
    assert found("김해의생명산업 진흥원")[0] == "김해의생명산업진흥원"
    assert "연세의료원" in found("cardiovascular")

    # --reset deletes the demo data (not real organizations) and loads it again, the
    # same: the generated data comes from fixed seeds.
    before = counts()
    User.objects.filter(email="company@demo.ieum.kr").update(full_name="changed")
    Organization.objects.filter(slug="h-bio-diagnostics").update(summary_ko="changed")
    kept = Organization.objects.create(kind="company", name_ko="실제기업", slug="real-company")

    output = seed("--reset")

    assert "Deleted:" in output
    assert counts() == {**before, "organizations": before["organizations"] + 1}
    assert User.objects.get(email="company@demo.ieum.kr").full_name != "changed"
    assert Organization.objects.get(slug="h-bio-diagnostics").summary_ko != "changed"
    assert Organization.objects.filter(pk=kept.pk).exists()
