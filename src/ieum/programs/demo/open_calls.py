"""The two 김해 calls open now, so the applicant's walk can be done by hand.

- 김해형 창업사관학교 (a startup academy) takes companies under three years old:
  company@ ((주)에이치바이오진단, founded 2012) reads why it may not apply.
- The overseas approval and exhibition voucher takes companies of three years and
  more in diagnostics, devices, medical AI and biomaterials: company@ may apply and has
  not started yet. Others have already submitted, and a question is answered publicly.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ieum.core.business_days import SEOUL
from ieum.programs.demo.gimhae import QUESTIONS as COHORT_QUESTIONS
from ieum.programs.demo.plans import Applicant, CallPlan, ProgramPlan, StagePlan, seoul
from ieum.programs.enums import Aggregation, CompanyAge, ProgramKind, StageKind

M = 1_000_000
CLUSTER = "gimhae-biomedical"

ACADEMY = ProgramPlan(
    slug="gimhae-startup-academy",
    cluster=CLUSTER,
    kind=ProgramKind.ACADEMY,
    name_ko="김해형 창업사관학교",
    name_en="Gimhae startup academy",
    summary_ko=(
        "의생명 분야 예비창업자와 창업 3년 미만 기업을 선발해 창업 공간, 사업화 자금, "
        "전담 멘토와 병원 연계를 한 해 동안 지원하는 김해의 창업 교육 과정입니다."
    ),
    summary_en=(
        "Gimhae's academy for biomedical founders and companies under three years old: a "
        "year of workspace, commercialization funds, a dedicated mentor and hospital links."
    ),
)
VOUCHER = ProgramPlan(
    slug="gimhae-global-voucher",
    cluster=CLUSTER,
    kind=ProgramKind.VOUCHER,
    name_ko="의생명 기업 해외 인허가·전시 바우처",
    name_en="Overseas approval and exhibition voucher",
    summary_ko=(
        "김해 의생명 기업의 해외 인허가(FDA·CE·동남아 등록)와 해외 전시회 참가 비용을 "
        "바우처로 지원합니다."
    ),
    summary_en=(
        "Vouchers for Gimhae biomedical companies' approvals abroad (FDA, CE, South-East "
        "Asian registrations) and overseas exhibitions."
    ),
)

ACADEMY_APPLICANTS = [
    Applicant("seongwon-healthcare", 0.6),
    Applicant("cheongrim-therapeutics", 0.6),
    Applicant("ara-gene", 0.6),
    Applicant("maru-steri", 0.6),
    Applicant("chambit-therapeutics", 0.6, draft_only=True),
    Applicant("yunseul-medical", 0.6, draft_only=True),
]
VOUCHER_APPLICANTS = [
    Applicant("nex-diagnostics", 0.6, requested_krw=30 * M),
    Applicant("clean-steritech", 0.6, requested_krw=25 * M),
    Applicant("seulgi-medix", 0.6, requested_krw=30 * M),
    Applicant("true-biodx", 0.6, draft_only=True),
]
DOCUMENT_STAGE = {
    "kind": StageKind.DOCUMENT,
    "name_ko": "서면평가",
    "name_en": "Document review",
    "reviewers_per_application": 3,
    "aggregation": Aggregation.MEAN,
}
ACADEMY_CRITERIA = [
    {"name_ko": "창업 아이템의 혁신성", "name_en": "Innovation of the idea", "weight": 40},
    {"name_ko": "창업자 역량", "name_en": "Founder's capability", "weight": 30},
    {"name_ko": "시장성", "name_en": "Market", "weight": 30},
]
VOUCHER_CRITERIA = [
    {
        "name_ko": "해외 진출 계획의 구체성",
        "name_en": "Concreteness of the plan abroad",
        "weight": 50,
    },
    {"name_ko": "제품 경쟁력", "name_en": "Product competitiveness", "weight": 30},
    {"name_ko": "수출 실적·역량", "name_en": "Export record and capability", "weight": 20},
]


def _day_at(moment: datetime, days: int, hour: int) -> datetime:
    return seoul((moment.astimezone(SEOUL) + timedelta(days=days)).date(), hour)


def academy_call(now: datetime) -> CallPlan:
    return CallPlan(
        program=ACADEMY.slug,
        slug="gimhae-startup-academy-2027",
        data={
            "title_ko": "2027년 김해형 창업사관학교 입교기업 모집",
            "title_en": "Gimhae startup academy 2027: call for companies",
            "body_ko": (
                "의생명 분야 예비창업자와 창업 3년 미만 기업 15개사를 모집합니다. 입교 기업은 "
                "메디컬실용화센터 창업 공간과 최대 1억 원의 사업화 자금, 전담 멘토링을 받습니다."
            ),
            "body_en": (
                "Fifteen biomedical founders and companies under three years old join the "
                "academy: workspace at the Medical Commercialization Center, up to KRW 100 "
                "million for commercialization, and a dedicated mentor."
            ),
            "eligible_ages": [CompanyAge.PRE_STARTUP, CompanyAge.UNDER_3],
            "members_only": False,
            "quota": 15,
            "budget_krw": 1_500 * M,
            "conflict_years": 3,
        },
        regions=["gyeongnam"],
        fields=[],
        opens_at=_day_at(now, -6, 10),
        closes_at=_day_at(now, 17, 18),
        questions=COHORT_QUESTIONS[:1] + COHORT_QUESTIONS[3:4],
        documents=[{"name_ko": "창업 사업계획서", "name_en": "Startup plan", "is_required": True}],
        stages=[StagePlan(data=DOCUMENT_STAGE, criteria=ACADEMY_CRITERIA, assigned_at=now)],
        pool=[],
        applicants=ACADEMY_APPLICANTS,
        notices=[
            (
                _day_at(now, -5, 9),
                "온라인 사업설명회 안내",
                "Online briefing",
                "다음 주 화요일 오후 3시 온라인 사업설명회를 엽니다. 신청 방법과 평가 기준을 "
                "설명하고 질문에 답합니다.",
                "An online briefing next Tuesday at 3 p.m. explains how to apply and how "
                "applications are judged, and answers questions.",
            ),
        ],
    )


def voucher_call(now: datetime) -> CallPlan:
    return CallPlan(
        program=VOUCHER.slug,
        slug="gimhae-global-voucher-2027-1",
        data={
            "title_ko": "2027년 의료기기 해외 인허가·전시회 참가 지원 (1차)",
            "title_en": "2027 overseas approval and exhibition support, first round",
            "body_ko": (
                "FDA 510(k), CE 인증, 동남아 등록 등 해외 인허가 비용과 해외 전시회 참가 비용을 "
                "기업당 최대 3천만 원 지원합니다. 창업 3년 이상인 경남 소재 체외진단·의료기기·"
                "의료 AI·생체재료 기업이 신청할 수 있습니다."
            ),
            "body_en": (
                "Up to KRW 30 million per company for approvals abroad (FDA 510(k), CE, "
                "South-East Asian registrations) and overseas exhibitions, for Gyeongnam "
                "companies of three years or more in diagnostics, devices, medical AI or "
                "biomaterials."
            ),
            "eligible_ages": [CompanyAge.FROM_3_TO_7, CompanyAge.OVER_7],
            "members_only": False,
            "quota": 10,
            "budget_krw": 300 * M,
            "conflict_years": 3,
        },
        regions=["gyeongnam"],
        fields=["ivd", "medical-device", "medical-ai", "biomaterials"],
        opens_at=_day_at(now, -4, 10),
        closes_at=_day_at(now, 24, 18),
        questions=COHORT_QUESTIONS[:2] + COHORT_QUESTIONS[3:4],
        documents=[
            {"name_ko": "해외 진출 계획서", "name_en": "Plan abroad", "is_required": True},
            {
                "name_ko": "견적서 (인증기관·전시회)",
                "name_en": "Quotes (certifier, exhibition)",
                "is_required": False,
            },
        ],
        stages=[StagePlan(data=DOCUMENT_STAGE, criteria=VOUCHER_CRITERIA, assigned_at=now)],
        pool=[],
        applicants=VOUCHER_APPLICANTS,
        inquiries=[
            (
                "seulgi-medix",
                _day_at(now, -3, 11),
                "FDA 510(k) 컨설팅 비용도 지원 대상인가요?",
                "네. 인증 컨설팅과 시험 비용 모두 지원 대상이며, 전시회 참가비와 합해 기업당 "
                "3천만 원까지입니다.",
                _day_at(now, -2, 14),
                True,
            ),
        ],
    )
