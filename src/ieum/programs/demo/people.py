"""Who reviews in the programs demo, and who acts for the clusters and companies.

The reviewers are external evaluators (외부 평가위원) from universities, hospitals,
public institutes, an investor, a regulatory firm and one company. Their organizations
and the affiliations they list are chosen so that the automatic conflict check finds
real conflicts with applicants of the demo directory:

- 서지민 works at 대구경북첨단의료산업진흥재단, which holds linkage requests of
  (주)에이치바이오진단 and 고운바이오텍 (a shared support record);
- 강민석 is at 연세의료원, which served 프라임나노텍, 고운바이오텍 and 늘봄메딕스;
- 윤서진 is at 부산백병원, which accepted a request of 윤슬에이아이;
- 임수빈 consults at 새론바이오서비스, which closed a request of 세움나노바이오;
- 한도현 of 오픈메드인베스트먼트 met 세움나노바이오 at a partnering event (a meeting record);
- 배성우 is a member of (주)가야메디텍 itself (same organization);
- 정태호 advised (주)나노핏 until August 2024 (an affiliation inside the three-year
  look-back) and (주)바른자세랩 until 2021 (outside it: no conflict).

`bias` is how far above (+) or below (−) the others a reviewer scores, as a share of
the scale: 한도현 judges harshly and 정태호 leniently, which is what the 김해 call's
z-score normalization corrects.

Addresses end in `@demo.ieum.kr`, so `seed_demo --reset` removes these accounts with the
other demo accounts; reviewer@ is the directory demo's reviewer login.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password

from ieum.accounts.enums import Role
from ieum.accounts.models import Membership, User
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Organization, Term
from ieum.programs.calls import save_reviewer_profile
from ieum.programs.models import ReviewerProfile

REVIEWER_LOGIN = next(login for login in DEMO_LOGINS if login.role == Role.REVIEWER)
ADMIN_LOGIN = next(login for login in DEMO_LOGINS if login.role == Role.PLATFORM_ADMIN)


@dataclass(frozen=True)
class ReviewerSpec:
    local: str
    full_name: str
    organization: str
    title: str
    expertise: tuple[str, ...]
    bio: str
    # (organization slug, role, ended on; None while current)
    affiliations: tuple[tuple[str, str, date | None], ...] = ()
    bias: float = 0.0

    @property
    def email(self) -> str:
        return f"{self.local}@{DEMO_EMAIL_DOMAIN}"


REVIEWERS = [
    ReviewerSpec(
        REVIEWER_LOGIN.email.split("@")[0],
        REVIEWER_LOGIN.full_name,
        REVIEWER_LOGIN.organization_slug,
        REVIEWER_LOGIN.title,
        ("dental", "biomaterials", "regenerative", "medical-device"),
        "조선대학교 치의학과 교수. 치과 생체재료와 골이식재의 생체적합성 평가를 연구하며, "
        "지역 의료기기 지원사업의 외부 평가위원으로 활동하고 있습니다. / Professor of "
        "dentistry at Chosun University, researching the biocompatibility of dental "
        "biomaterials and bone grafts; external evaluator of regional device programs.",
    ),
    ReviewerSpec(
        "review.jung",
        "정태호",
        "inje-university-rnd",
        "의용공학부 교수 (외부 평가위원)",
        ("medical-device", "wearables", "rehabilitation", "nanomaterials"),
        "인제대학교 의용공학부 교수. 재활·웨어러블 의료기기 설계와 사용적합성 평가가 "
        "전문입니다. / Professor of biomedical engineering at Inje University: design and "
        "usability of rehabilitation and wearable devices.",
        affiliations=(
            ("nanofit", "기술자문위원", date(2024, 8, 31)),
            ("bareun-posture-lab", "공동연구 책임자", date(2021, 12, 31)),
            ("gimhae-biomedical-agency", "의생명산업 육성 운영위원", date(2024, 12, 31)),
        ),
        bias=0.14,
    ),
    ReviewerSpec(
        "review.yoon",
        "윤서진",
        "busan-paik",
        "안과 전문의, 임상시험센터 부센터장",
        ("ophthalmology", "medical-ai", "digital-health"),
        "인제대학교 부산백병원 안과 교수. 망막 영상 판독 AI의 임상 검증을 여러 차례 "
        "맡았습니다. / Ophthalmologist at Inje University Busan Paik Hospital who has led "
        "clinical validations of retinal imaging AI.",
    ),
    ReviewerSpec(
        "review.kang",
        "강민석",
        "yonsei-health-system",
        "심장내과 교수",
        ("cardiovascular", "medical-device", "ivd"),
        "연세의료원 심장내과 교수. 심혈관 중재 기기와 심근표지자 진단의 임상시험을 "
        "설계합니다. / Cardiologist at Yonsei University Health System designing trials of "
        "interventional devices and cardiac-marker diagnostics.",
        bias=-0.03,
    ),
    ReviewerSpec(
        "review.seo",
        "서지민",
        "kmedi-hub",
        "의료기기개발센터 인허가 책임연구원",
        ("ivd", "infectious", "medical-device"),
        "대구경북첨단의료산업진흥재단 의료기기개발센터 책임연구원. 체외진단기기 성능평가와 "
        "FDA·CE 인허가 전략을 지원합니다. / Principal researcher at K-MEDI hub supporting IVD "
        "performance evaluation and FDA and CE approval strategies.",
    ),
    ReviewerSpec(
        "review.han",
        "한도현",
        "openmed-investment",
        "바이오헬스 투자 심사역 (이사)",
        ("digital-health", "pharmaceuticals", "oncology", "medical-ai"),
        "오픈메드인베스트먼트 이사. 초기 바이오헬스 기업의 사업성과 시장 진입 전략을 "
        "심사합니다. / Director at OpenMed Investment, judging early bio-health companies' "
        "business cases and market entry.",
        bias=-0.17,
    ),
    ReviewerSpec(
        "review.bae",
        "배성우",
        "gaya-meditech",
        "기업부설연구소장 (산업계 평가위원)",
        ("womens-health", "biomaterials", "medical-device", "gastroenterology"),
        "(주)가야메디텍 기업부설연구소장. 흡수성 유착방지제 개발 경험으로 산업계 평가위원을 "
        "맡고 있습니다. / Head of R&D at Gaya Meditech, an industry evaluator drawing on the "
        "development of absorbable anti-adhesion agents.",
        bias=0.05,
    ),
    ReviewerSpec(
        "review.lim",
        "임수빈",
        "saeron-bio-services",
        "RA 수석 컨설턴트",
        ("medical-device", "ivd", "pharmaceuticals", "nanomaterials"),
        "새론바이오서비스 수석 컨설턴트. 식약처·FDA 인허가와 기술문서 작성을 12년째 "
        "지원하고 있습니다. / Principal regulatory consultant at Saeron Bio Services, "
        "twelve years of MFDS and FDA submissions.",
    ),
    ReviewerSpec(
        "review.oh",
        "오현우",
        "kit-toxicology",
        "비임상평가본부 책임연구원",
        ("pharmaceuticals", "nanomaterials", "cell-gene", "biologics"),
        "안전성평가연구소 책임연구원. 나노의약품과 세포치료제의 비임상 독성 평가가 "
        "전문입니다. / Principal researcher at the Korea Institute of Toxicology, expert in "
        "non-clinical toxicology of nanomedicines and cell therapies.",
        bias=-0.05,
    ),
    ReviewerSpec(
        "review.moon",
        "문예린",
        "kmdia",
        "정책연구실장",
        ("medical-device", "digital-health"),
        "한국의료기기산업협회 정책연구실장. 지역 클러스터와 수출 지원 정책을 연구합니다. / "
        "Head of policy research at the Korea Medical Devices Industry Association, working "
        "on regional clusters and export support.",
    ),
]
BY_LOCAL = {spec.local: spec for spec in REVIEWERS}
BIAS = {spec.email: spec.bias for spec in REVIEWERS}


def _term(codes: Iterable[str]) -> list[Term]:
    vocabularies = (Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD)
    found = {t.code: t for t in Term.objects.filter(vocabulary__in=vocabularies, code__in=codes)}
    return [found[code] for code in codes if code in found]


def ensure_reviewers(locals_: Iterable[str]) -> tuple[dict[str, User], int]:
    """The reviewers by address part, with their membership and profile; how many new."""
    specs = [BY_LOCAL[local] for local in dict.fromkeys(locals_)]
    slugs = {spec.organization for spec in specs}
    slugs |= {slug for spec in specs for slug, _role, _ended in spec.affiliations}
    organizations = {o.slug: o for o in Organization.objects.filter(slug__in=slugs)}
    specs = [spec for spec in specs if spec.organization in organizations]
    existing = {u.email: u for u in User.objects.filter(email__in=[s.email for s in specs])}
    missing = [spec for spec in specs if spec.email not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)
        User.objects.bulk_create(
            [User(email=s.email, full_name=s.full_name, password=password) for s in missing]
        )
    users = {u.email: u for u in User.objects.filter(email__in=[s.email for s in specs])}
    Membership.objects.bulk_create(
        [
            Membership(
                user=users[spec.email],
                organization=organizations[spec.organization],
                role=Role.REVIEWER,
                title=spec.title,
            )
            for spec in specs
        ],
        ignore_conflicts=True,
    )
    profiled = set(
        ReviewerProfile.objects.filter(user__in=users.values())
        .exclude(bio="")
        .values_list("user__email", flat=True)
    )
    for spec in specs:
        if spec.email in profiled:
            continue
        user = users[spec.email]
        # Each reviewer fills in their own profile, as they would on the profile page.
        save_reviewer_profile(
            actor=user,
            user=user,
            expertise=_term(spec.expertise),
            bio=spec.bio,
            affiliations=[
                {"organization": organizations[slug], "role": role, "ended_on": ended}
                for slug, role, ended in spec.affiliations
                if slug in organizations
            ],
        )
    return {spec.local: users[spec.email] for spec in specs}, len(missing)


def platform_admin() -> User | None:
    return User.objects.filter(email=ADMIN_LOGIN.email).first()
