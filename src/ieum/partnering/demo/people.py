"""Who takes part: the eighteen demand companies of the 2025 week (the directory demo's
eight plus ten invented here), their delegates, a business developer for every startup
and the venture cafe's mentors.

Accounts made here end in `@demo.ieum.kr` and share the demo password, so
`seed_demo --reset` removes them with the other demo accounts.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from ieum.accounts.enums import Role
from ieum.accounts.models import Membership, User
from ieum.directory.demo.loader import Loader
from ieum.directory.demo.market import DEMAND_COMPANIES
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN, DEMO_PASSWORD
from ieum.directory.enums import OrganizationKind, Vocabulary
from ieum.directory.models import DemandCompanyProfile, Organization
from ieum.directory.search_index import index_organizations, organizations_for_indexing
from ieum.facilities.demo.people import korean_name

# Invented demand companies that join the directory demo's eight at the 2025 week.
MORE_DEMAND_COMPANIES = [
    {
        "slug": "cheongram-pharmaceutical",
        "name_ko": "청람제약",
        "name_en": "Cheongram Pharmaceutical",
        "region": "gyeonggi",
        "country": "대한민국",
        "fields": ["pharmaceuticals", "cro-cdmo"],
        "areas": ["respiratory", "joint-immune"],
        "interests_ko": "호흡기·면역질환 개량신약과 흡입제형 플랫폼 기술",
        "interests_en": "Improved respiratory and immunology drugs, inhaled formulation platforms",
        "summary_ko": "경기도에 본사를 둔 제약기업으로, 제형 기술을 가진 벤처와 협력합니다.",
        "summary_en": "A Gyeonggi drug maker partnering with formulation-technology ventures.",
    },
    {
        "slug": "daon-meditech",
        "name_ko": "다온메디텍",
        "name_en": "Daon MediTech",
        "region": "gangwon",
        "country": "대한민국",
        "fields": ["medical-device", "medical-robotics"],
        "areas": ["cardiovascular", "rehabilitation"],
        "interests_ko": "최소침습 수술기구, 재활 로봇과 영상 유도 시술 기술",
        "interests_en": "Minimally invasive instruments, rehabilitation robots, image-guided "
        "procedures",
        "summary_ko": "국내 의료기기 기업으로, 수술·재활 기기 포트폴리오를 넓히고 있습니다.",
        "summary_en": "A Korean device maker widening its surgery and rehabilitation portfolio.",
    },
    {
        "slug": "calloway-therapeutics",
        "name_ko": "캘러웨이 테라퓨틱스",
        "name_en": "Calloway Therapeutics Inc.",
        "country": "미국",
        "fields": ["biologics", "cell-gene"],
        "areas": ["joint-immune", "oncology"],
        "interests_ko": "자가면역질환 세포치료제, mRNA·LNP 전달 기술",
        "interests_en": "Cell therapy for autoimmune disease, mRNA and LNP delivery",
        "summary_ko": "미국 보스턴의 바이오 기업으로, 아시아 초기 기술을 도입합니다.",
        "summary_en": "A Boston biotech in-licensing early Asian technology.",
    },
    {
        "slug": "nordvik-biologics",
        "name_ko": "노르비크 바이오로직스",
        "name_en": "Nordvik Biologics A/S",
        "country": "덴마크",
        "fields": ["biologics", "pharmaceuticals"],
        "areas": ["metabolic", "cardiovascular"],
        "interests_ko": "장기지속형 펩타이드, 경구용 펩타이드 전달 기술",
        "interests_en": "Long-acting peptides and oral peptide delivery",
        "summary_ko": "덴마크의 바이오 의약품 기업으로, 대사질환 파이프라인을 키웁니다.",
        "summary_en": "A Danish biologics company growing its metabolic pipeline.",
    },
    {
        "slug": "aurelle-sante",
        "name_ko": "오렐 상테",
        "name_en": "Aurelle Santé SA",
        "country": "프랑스",
        "fields": ["medical-device", "biomaterials"],
        "areas": ["ophthalmology", "dermatology"],
        "interests_ko": "안과 진단기기, 피부 재생 생체소재",
        "interests_en": "Ophthalmic diagnostics and skin-regeneration biomaterials",
        "summary_ko": "프랑스 의료기기 기업으로, 안과·피부과 기술을 찾고 있습니다.",
        "summary_en": "A French device company scouting ophthalmology and dermatology technology.",
    },
    {
        "slug": "kestrel-surgical",
        "name_ko": "케스트럴 서지컬",
        "name_en": "Kestrel Surgical Ltd",
        "country": "아일랜드",
        "fields": ["medical-robotics", "medical-device"],
        "areas": ["oncology", "gastroenterology"],
        "interests_ko": "연성 내시경 로봇, 수술 중 조직 판별 센서",
        "interests_en": "Flexible endoscopic robots and intraoperative tissue sensing",
        "summary_ko": "아일랜드 수술기기 기업으로, 로봇 수술 부품 협력사를 찾습니다.",
        "summary_en": "An Irish surgical company looking for robotic-surgery partners.",
    },
    {
        "slug": "tasman-health-ai",
        "name_ko": "태즈먼 헬스 AI",
        "name_en": "Tasman Health AI Pty Ltd",
        "country": "호주",
        "fields": ["medical-ai", "digital-health"],
        "areas": ["oncology", "ophthalmology"],
        "interests_ko": "영상 판독 AI, 병원 워크플로 자동화",
        "interests_en": "Imaging AI and hospital workflow automation",
        "summary_ko": "호주의 의료 AI 기업으로, 아시아태평양 공동 실증을 추진합니다.",
        "summary_en": "An Australian medical-AI company running Asia-Pacific co-validation.",
    },
    {
        "slug": "straits-digital-health",
        "name_ko": "스트레이츠 디지털헬스",
        "name_en": "Straits Digital Health Pte. Ltd.",
        "country": "싱가포르",
        "fields": ["digital-health", "wearables"],
        "areas": ["metabolic", "womens-health"],
        "interests_ko": "원격 모니터링, 만성질환 관리 앱과 웨어러블 연동",
        "interests_en": "Remote monitoring, chronic-care apps and wearable integration",
        "summary_ko": "싱가포르 디지털헬스 기업으로, 동남아 진출 파트너를 찾습니다.",
        "summary_en": "A Singapore digital-health company seeking partners for Southeast Asia.",
    },
    {
        "slug": "cascadia-imaging",
        "name_ko": "캐스케이디아 이미징",
        "name_en": "Cascadia Imaging Inc.",
        "country": "미국",
        "fields": ["medical-device", "medical-ai"],
        "areas": ["cardiovascular", "womens-health"],
        "interests_ko": "휴대형 초음파, 초음파 영상 AI 보조 진단",
        "interests_en": "Handheld ultrasound and AI-assisted ultrasound reading",
        "summary_ko": "미국 시애틀의 영상기기 기업으로, 초음파 AI 기술을 찾습니다.",
        "summary_en": "A Seattle imaging company looking for ultrasound AI.",
    },
    {
        "slug": "asagiri-pharmaceutical",
        "name_ko": "아사기리 제약",
        "name_en": "Asagiri Pharmaceutical Co., Ltd.",
        "country": "일본",
        "fields": ["pharmaceuticals", "ivd"],
        "areas": ["infectious", "respiratory"],
        "interests_ko": "항바이러스 저분자, 감염병 동반진단",
        "interests_en": "Small-molecule antivirals and infectious-disease companion diagnostics",
        "summary_ko": "일본 제약기업으로, 감염병 분야 한국 바이오 기술을 찾고 있습니다.",
        "summary_en": "A Japanese drug maker scouting Korean infectious-disease technology.",
    },
]


@dataclass(frozen=True)
class Party:
    """A demand company at the 2025 week: its teams and its delegates (name, title)."""

    slug: str
    teams: int
    time_zone: str
    language: str
    delegates: tuple[tuple[str, str], ...]


# The demand-company login (demand@) leads Northbridge's first team.
PARTIES = [
    Party("daewoong-pharmaceutical", 2, "Asia/Seoul", "ko",
          (("김태경", "오픈이노베이션팀장"), ("서유나", "사업개발 과장"))),
    Party("yuhan-corporation", 2, "Asia/Seoul", "ko",
          (("이정후", "R&BD 본부 부장"), ("문하린", "라이선싱 매니저"))),
    Party("hanmi-pharmaceutical", 1, "Asia/Seoul", "ko", (("조현석", "신약개발 전략 이사"),)),
    Party("rheinfeld-pharma", 2, "Europe/Berlin", "en",
          (("Dr. Katrin Vogel", "Head of Search & Evaluation, Asia"),
           ("Jonas Richter", "Scientific Scout, Neuroscience"))),
    Party("northbridge-medical", 2, "America/New_York", "en",
          (("Emily Carter", "Director, External Innovation"),
           ("Daniel Kim", "Senior Manager, Cardiovascular BD"))),
    Party("sakura-diagnostics", 1, "Asia/Tokyo", "en", (("Haruka Mori", "Alliance Manager"),)),
    Party("helvetia-medtech", 1, "Europe/Zurich", "en",
          (("Luca Brunner", "VP Technology Scouting"),)),
    Party("lumen-digital-health", 1, "Europe/London", "en",
          (("Olivia Hughes", "Partnerships Lead, APAC"),)),
    Party("cheongram-pharmaceutical", 1, "Asia/Seoul", "ko", (("한승우", "연구기획팀장"),)),
    Party("daon-meditech", 1, "Asia/Seoul", "ko", (("배지호", "신사업개발 차장"),)),
    Party("calloway-therapeutics", 2, "America/New_York", "en",
          (("Dr. Rachel Adler", "VP Business Development"),
           ("Marcus Lee", "Director, Immunology Search"))),
    Party("nordvik-biologics", 2, "Europe/Copenhagen", "en",
          (("Dr. Sofie Lindqvist", "Head of External Innovation"),
           ("Anders Holm", "Peptide Platform Scout"))),
    Party("aurelle-sante", 1, "Europe/Paris", "en", (("Claire Dubois", "Innovation Director"),)),
    Party("kestrel-surgical", 1, "Europe/Dublin", "en",
          (("Ciarán Walsh", "Head of R&D Partnerships"),)),
    Party("tasman-health-ai", 1, "Australia/Sydney", "en",
          (("Priya Nair", "Chief Partnerships Officer"),)),
    Party("straits-digital-health", 1, "Asia/Singapore", "en",
          (("Wei Ling Tan", "Regional BD Manager"),)),
    Party("cascadia-imaging", 1, "America/Los_Angeles", "en",
          (("Dr. Ethan Brooks", "Director, Ultrasound Innovation"),)),
    Party("asagiri-pharmaceutical", 1, "Asia/Tokyo", "en",
          (("Kenji Takahashi", "Licensing Manager, Infectious Diseases"),)),
]  # fmt: skip

# Venture cafe mentors: (address, name, organization slug, role, title, expertise).
# The investor login mentors too.
MENTORS = [
    ("investor@demo.ieum.kr", "", "hanbit-health-investment", Role.INVESTOR, "",
     "투자 유치 전략·보건산업펀드 / Fundraising and health-industry funds"),
    ("mentor.regulatory@demo.ieum.kr", "윤가람", "khidi", Role.REVIEWER,
     "글로벌 인허가 컨설턴트", "FDA·CE 인허가 전략 / FDA and CE regulatory strategy"),
    ("mentor.licensing@demo.ieum.kr", "강도경", "medibridge-partners", Role.INVESTOR,
     "파트너 (기술이전 전문)", "기술이전·라이선싱 계약 / Licensing and technology transfer"),
    ("mentor.market@demo.ieum.kr", "Sarah Jung", "biospark-accelerator", Role.INVESTOR,
     "Venture Partner", "미국 시장 진출·파트너링 / US market entry and partnering"),
]  # fmt: skip

DEMAND_TITLE = "오픈이노베이션 담당"
STARTUP_TITLES = ["사업개발 이사", "대표이사", "CTO", "해외사업 팀장", "연구소장"]


def demand_specs() -> dict[str, dict]:
    return {spec["slug"]: spec for spec in [*DEMAND_COMPANIES, *MORE_DEMAND_COMPANIES]}


def ensure_demand_companies() -> tuple[dict[str, Organization], int]:
    """The eighteen demand companies, the invented ones made through the directory's
    demo loader (is_demo, looked up by address or name first)."""
    loader = Loader()
    made = []
    for spec in MORE_DEMAND_COMPANIES:
        organization, created = loader.organization(spec, OrganizationKind.DEMAND_COMPANY)
        if not created:
            continue
        made.append(organization.pk)
        profile = DemandCompanyProfile.objects.create(
            organization=organization,
            headquarters_country=spec["country"],
            open_innovation_ko=spec["interests_ko"],
            open_innovation_en=spec["interests_en"],
        )
        profile.technology_interests.set(
            loader.terms.many(Vocabulary.TECHNOLOGY_FIELD, spec["fields"])
        )
        profile.therapeutic_interests.set(
            loader.terms.many(Vocabulary.THERAPEUTIC_AREA, spec["areas"])
        )
    # Searchable in the directory like the other demo organizations.
    index_organizations(organizations_for_indexing().filter(pk__in=made))
    organizations = {
        organization.slug: organization
        for organization in Organization.objects.filter(slug__in=[p.slug for p in PARTIES])
    }
    return organizations, len(made)


def ensure_users(
    rows: list[tuple[str, str, Organization, str, str]], *, english: frozenset[str] = frozenset()
) -> tuple[dict, int]:
    """Users with a membership each: (email, name, organization, role, title); those in
    `english` read the site in English.

    Existing accounts are used as they are; returns users by address and how many were made.
    """
    emails = [row[0] for row in rows]
    existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    missing = {row[0]: row for row in rows if row[0] not in existing}
    if missing:
        password = make_password(DEMO_PASSWORD)
        User.objects.bulk_create(
            [
                User(
                    email=email,
                    full_name=name,
                    password=password,
                    preferred_language="en" if email in english else "ko",
                )
                for email, name, *_rest in missing.values()
            ]
        )
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    Membership.objects.bulk_create(
        [
            Membership(user=users[email], organization=organization, role=role, title=title)
            for email, _name, organization, role, title in rows
            if email in missing
        ],
        ignore_conflicts=True,
    )
    return users, len(missing)


def party_email(party: Party, team: int) -> str:
    if party.slug == "northbridge-medical" and team == 1:
        return f"demand@{DEMO_EMAIL_DOMAIN}"
    prefix = "oi" if team == 1 else f"oi{team}"
    return f"{prefix}.{party.slug}@{DEMO_EMAIL_DOMAIN}"


def ensure_demand_people(organizations: dict[str, Organization]) -> tuple[dict[str, User], int]:
    """An account for every demand-company delegate, by address."""
    rows, english = [], set()
    for party in PARTIES:
        for team, (name, title) in enumerate(party.delegates, start=1):
            if party.language == "en":
                english.add(party_email(party, team))
            rows.append(
                (
                    party_email(party, team),
                    name,
                    organizations[party.slug],
                    Role.DEMAND_COMPANY_MEMBER,
                    title,
                )
            )
    return ensure_users(rows, english=frozenset(english))


def ensure_startup_people(
    rng: random.Random, startups: list[Organization]
) -> tuple[dict[int, User], int]:
    """Who speaks for each startup: a member it has (the company login first), or a
    business developer made here."""
    members: dict[int, User] = {}
    for membership in (
        Membership.objects.filter(
            organization__in=startups,
            role=Role.COMPANY_MEMBER,
            user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}",
        )
        .select_related("user")
        .order_by("user__email")
    ):
        current = members.get(membership.organization_id)
        if current is None or membership.user.email.startswith("company@"):
            members[membership.organization_id] = membership.user
    rows = []
    for startup in startups:
        if startup.pk not in members:
            email = f"bd.{startup.slug}@{DEMO_EMAIL_DOMAIN}"
            rows.append(
                (
                    email,
                    korean_name(email),
                    startup,
                    Role.COMPANY_MEMBER,
                    rng.choice(STARTUP_TITLES),
                )
            )
    users, made = ensure_users(rows)
    for email, _name, startup, _role, _title in rows:
        members[startup.pk] = users[email]
    return members, made


def ensure_mentors() -> tuple[list[tuple[User, str]], int]:
    """The cafe mentors with what they advise on."""
    organizations = {
        organization.slug: organization
        for organization in Organization.objects.filter(slug__in=[row[2] for row in MENTORS])
    }
    rows = [
        (email, name, organizations[slug], role, title)
        for email, name, slug, role, title, _expertise in MENTORS
        if name and slug in organizations
    ]
    users, made = ensure_users(rows, english=frozenset({"mentor.market@demo.ieum.kr"}))
    users.update(
        {user.email: user for user in User.objects.filter(email__in=[m[0] for m in MENTORS])}
    )
    return [(users[m[0]], m[5]) for m in MENTORS if m[0] in users], made
