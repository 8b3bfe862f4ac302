"""The national K-BioHealth regional-center program and its 2025 call for host institutions.

보건복지부 and 한국보건산업진흥원 run the program since 2022 (574 startups used cluster
facilities and equipment in its first three years). From 2025 only cluster operators may
lead a consortium; the 2025 call judged the infrastructure in the cluster, the capability
to carry the work, the cooperation network and how concrete the startup-support plan
is, and selected six: 김해의생명산업진흥원, 대전테크노파크, 원주의료기기테크노밸리,
전남바이오진흥원, 전북특별자치도경제통상진흥원 and 충북바이오산학융합원 (announced
16 April 2025). The demo's applicants are those six; the scores and the amounts are
illustrative.

Applicants here are cluster operators, not companies, and the application functions take
applications from companies only (`eligibility_reasons`): these six applications are
therefore written directly, as submitted on their planned day. Their review (pool,
conflicts, assignment, scores, decisions, results) goes through the domain functions like
every other call's.
"""

from __future__ import annotations

from datetime import date

from ieum.programs.demo.plans import Applicant, CallPlan, ProgramPlan, StagePlan, seoul
from ieum.programs.enums import Aggregation, ProgramKind, StageKind

M = 1_000_000

PROGRAM = ProgramPlan(
    slug="kbiohealth-regional-center",
    cluster=None,
    kind=ProgramKind.REGIONAL_CENTER,
    name_ko="K-바이오헬스 지역센터 지원사업",
    name_en="K-BioHealth regional-center program",
    summary_ko=(
        "전국의 바이오헬스 클러스터를 지역 거점형 클러스터로 육성하고, 병원과 연계한 창업지원 "
        "플랫폼으로 지역 창업기업의 성장을 돕는 국가 사업입니다. 2022년부터 시행되어 첫 3년간 "
        "574개 창업기업이 클러스터의 시설과 장비를 활용했습니다."
    ),
    summary_en=(
        "The national program that grows bio-health clusters into regional hubs and helps "
        "local startups through a startup-support platform linked with hospitals. Running "
        "since 2022, it let 574 startups use cluster facilities and equipment in its first "
        "three years."
    ),
)

CRITERIA = [
    {
        "name_ko": "인프라",
        "name_en": "Infrastructure",
        "weight": 30,
        "description_ko": "클러스터 내 보유 시설·장비와 병원 연계 기반",
        "description_en": "Facilities and equipment in the cluster and the links with hospitals.",
        "scale_min": 1,
        "scale_max": 10,
    },
    {
        "name_ko": "역량",
        "name_en": "Capability",
        "weight": 25,
        "description_ko": "주관기관과 컨소시엄의 사업 추진 역량과 실적",
        "description_en": "The consortium's capability and record in running such work.",
        "scale_min": 1,
        "scale_max": 10,
    },
    {
        "name_ko": "협력체계",
        "name_en": "Cooperation",
        "weight": 20,
        "description_ko": "병원·대학·기업과의 협력과 클러스터 간 연계",
        "description_en": "Cooperation with hospitals, universities and companies, and with "
        "other clusters.",
        "scale_min": 1,
        "scale_max": 10,
    },
    {
        "name_ko": "계획 구체성",
        "name_en": "Concreteness of the plan",
        "weight": 25,
        "description_ko": "창업기업 지원 프로그램 운영 계획의 구체성",
        "description_en": "How concrete the plan for the startup-support programs is.",
        "scale_min": 1,
        "scale_max": 10,
    },
]

# The host institutions (cluster operators) and what each proposed.
TITLES = {
    "gimhae-biomedical-agency": (
        "동남권 의생명 거점 클러스터: 병원 연계 창업기업 전주기 지원 플랫폼",
        "A south-east hub for biomedicine: a full-cycle startup platform linked with hospitals",
    ),
    "daejeon-technopark": (
        "대전 바이오헬스 거점센터: 연구개발 기반 창업기업 스케일업",
        "Daejeon bio-health hub: scaling up research-born startups",
    ),
    "wonju-medical-technovalley": (
        "원주 의료기기 거점센터: 시험·인증 연계 창업기업 사업화 지원",
        "Wonju medical-device hub: testing and certification for startups' products",
    ),
    "jeonnam-bio-foundation": (
        "전남 바이오 거점센터: 백신·천연물 창업기업 육성",
        "Jeonnam bio hub: growing vaccine and natural-product startups",
    ),
    "jeonbuk-economy-agency": (
        "전북 바이오헬스 거점센터: 농생명·헬스케어 융합 창업 지원",
        "Jeonbuk bio-health hub: startups where agri-bio meets health care",
    ),
    "chungbuk-bio-convergence-institute": (
        "충북 바이오 산학융합 거점센터: 오송 연계 창업기업 성장 지원",
        "Chungbuk industry-academia hub: startup growth with the Osong complex",
    ),
}
APPLICANTS = [
    Applicant("gimhae-biomedical-agency", 0.84, requested_krw=600 * M),
    Applicant("wonju-medical-technovalley", 0.82, requested_krw=600 * M),
    Applicant("daejeon-technopark", 0.80, requested_krw=600 * M),
    Applicant("chungbuk-bio-convergence-institute", 0.76, requested_krw=550 * M),
    Applicant("jeonnam-bio-foundation", 0.74, requested_krw=550 * M),
    Applicant("jeonbuk-economy-agency", 0.72, requested_krw=550 * M),
]
POOL = [
    "reviewer",
    "review.jung",
    "review.kang",
    "review.seo",
    "review.han",
    "review.oh",
    "review.moon",
]

BODY_KO = "\n".join(
    (
        (
            "보건복지부와 한국보건산업진흥원은 지역 거점형 바이오헬스 클러스터를 육성하고 "
            "병원과 연계한 창업지원 플랫폼을 "
            "구축할 'K-바이오헬스 지역센터 지원사업' 주관기관(컨소시엄)을 공모합니다."
        ),
        "",
        "■ 신청 자격: 바이오헬스 클러스터 운영기관 (2025년부터 클러스터 운영기관으로 한정)",
        (
            "■ 평가 항목: 인프라 30 · 역량 25 · 협력체계 20 · 계획 구체성 25 (발표평가, 위원별 "
            "최고·최저 점수 제외 평균)"
        ),
        "■ 선정 규모: 6개 주관기관",
        (
            "■ 역할: 지역 거점 기능과 지역 내 바이오헬스 창업기업 육성·지원, K-바이오헬스 "
            "전략센터 중심의 클러스터 "
            "간 연계·협력"
        ),
    )
)
BODY_EN = "\n".join(
    (
        (
            "The Ministry of Health and Welfare and KHIDI invite lead "
            "institutions (consortia) for the K-BioHealth regional-center "
            "program, which grows regional bio-health hubs and builds "
            "startup-support platforms linked with hospitals."
        ),
        "",
        (
            "- Who may apply: operators of bio-health clusters (limited "
            "to cluster operators from 2025)"
        ),
        (
            "- Criteria: infrastructure 30, capability 25, cooperation "
            "20, concreteness of the plan 25 (presentations; each "
            "application's highest and lowest totals are dropped)"
        ),
        "- Selected: six lead institutions",
        (
            "- Role: a regional hub that grows and supports the region's "
            "bio-health startups, cooperating with the other clusters "
            "through the K-BioHealth strategic center"
        ),
    )
)


def call_plan() -> CallPlan:
    return CallPlan(
        program=PROGRAM.slug,
        slug="kbiohealth-regional-center-2025",
        data={
            "title_ko": "2025년 K-바이오헬스 지역센터 지원사업 주관기관 공모",
            "title_en": "2025 K-BioHealth regional-center program: call for host institutions",
            "body_ko": BODY_KO,
            "body_en": BODY_EN,
            "eligible_ages": [],
            "members_only": False,
            "quota": 6,
            "budget_krw": 3_600 * M,
            "conflict_years": 3,
        },
        regions=[],
        fields=[],
        opens_at=seoul(date(2025, 2, 17), 10),
        closes_at=seoul(date(2025, 3, 14), 18),
        questions=[],
        documents=[
            {"name_ko": "사업계획서", "name_en": "Plan of work", "is_required": True},
            {
                "name_ko": "컨소시엄 구성 협약서",
                "name_en": "Consortium agreement",
                "is_required": True,
            },
        ],
        stages=[
            StagePlan(
                data={
                    "kind": StageKind.PRESENTATION,
                    "name_ko": "서면·발표 종합평가",
                    "name_en": "Documents and presentation",
                    "reviewers_per_application": 5,
                    "aggregation": Aggregation.TRIMMED_MEAN,
                    "trim_count": 1,
                    "normalize": False,
                    "advance_count": 6,
                    "reviews_due_at": seoul(date(2025, 3, 27), 18),
                },
                criteria=CRITERIA,
                assigned_at=seoul(date(2025, 3, 20), 10),
                decided_at=seoul(date(2025, 4, 8), 15),
            )
        ],
        pool=POOL,
        applicants=APPLICANTS,
        results_at=seoul(date(2025, 4, 16), 6),
        cohort_name=("2025년 K-바이오헬스 지역센터 주관기관", "2025 K-BioHealth regional centers"),
        notices=[
            (
                seoul(date(2025, 4, 16), 6),
                "주관기관 선정 결과 안내",
                "Selected host institutions",
                "김해의생명산업진흥원, 대전테크노파크, 원주의료기기테크노밸리, 전남바이오진흥원, "
                "전북특별자치도경제통상진흥원, 충북바이오산학융합원 등 6개 주관기관을 "
                "선정했습니다.",
                "Six host institutions are selected: the Gimhae Biomedical Industry Promotion "
                "Agency, Daejeon Technopark, Wonju Medical Industry Techno Valley, the Jeonnam "
                "Bioindustry Foundation, the Jeonbuk State Economy and Trade Promotion Agency "
                "and the Chungbuk Bio Industry-Academia Convergence Institute.",
            ),
        ],
        direct_applications=True,
        titles=TITLES,
    )
