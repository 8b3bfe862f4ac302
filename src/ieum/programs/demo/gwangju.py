"""광주: full-cycle support of implantable biomaterial devices, and a call under review now.

From 2018 to 2022 the dental bioabsorbable-materials partner program (KRW 14.5 billion,
led by 전남대 생체재료개발센터 with 광주테크노파크, 조선대 산학협력단 and the device
associations) gave 116 SMEs 471 items of full-cycle support: development, prototyping
and refinement, approvals, clinical work, marketing and overseas exhibitions. The demo
continues that work from 2023 on a smaller scale: about 120 support cases for the
cluster's 28 member companies, over all eight stages (`support_plans.py`).

The call under review now (`reviewing_call`) picks companies for prototype support in
the second half of 2026. Its document review is blind; reviewer@ (조선대) has handed in
two reviews and has the rest to do, and is kept off the applications of companies that
조선대 supported (a shared support case).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from ieum.core.business_days import SEOUL
from ieum.programs.demo.plans import Applicant, CallPlan, ProgramPlan, StagePlan, seoul
from ieum.programs.enums import Aggregation, CompanyAge, ProgramKind, QuestionKind, StageKind

M = 1_000_000
CLUSTER = "gwangju-biomaterials"

PROGRAM = ProgramPlan(
    slug="gwangju-implant-full-cycle",
    cluster=CLUSTER,
    kind=ProgramKind.OTHER,
    name_ko="이식형 생체흡수성 의료기기 전주기 기업지원",
    name_en="Full-cycle support for implantable bioabsorbable devices",
    summary_ko=(
        "치과 생체흡수성 소재부품 중소파트너 지원사업(2018~2022년, 116개사 471건)을 잇는 "
        "광주의 전주기 지원입니다. 개발부터 시제품 제작·고도화, 비임상, 임상, 인허가, GMP, "
        "마케팅, 해외전시회까지 기업마다 필요한 단계를 하나씩 지원하며, 치과·정형외과에서 "
        "심혈관·일반외과·안과 이식 기기로 넓혀 가고 있습니다."
    ),
    summary_en=(
        "Gwangju's full-cycle support, continuing the dental bioabsorbable-materials partner "
        "program (2018–2022: 471 items of support for 116 SMEs). Each company gets the steps "
        "it needs, from development, prototyping and refinement, non-clinical and clinical "
        "work, approvals and GMP to marketing and overseas exhibitions, now reaching beyond "
        "dental and orthopedic implants to cardiovascular, general-surgery and ophthalmic ones."
    ),
)

CRITERIA = [
    {"name_ko": "기술 완성도", "name_en": "Technical maturity", "weight": 35},
    {
        "name_ko": "시제품 계획의 구체성",
        "name_en": "Concreteness of the prototype plan",
        "weight": 35,
    },
    {"name_ko": "사업화 가능성", "name_en": "Commercial prospects", "weight": 30},
]
QUESTIONS = [
    {
        "kind": QuestionKind.CHOICE,
        "label_ko": "시제품 제작 방식",
        "label_en": "How the prototype is made",
        "is_required": True,
        "choices": [
            {"value": "printing", "ko": "3D 프린팅", "en": "3D printing"},
            {"value": "mold", "ko": "금형 사출", "en": "Injection mold"},
            {"value": "machining", "ko": "정밀 가공", "en": "Precision machining"},
        ],
    },
    {
        "kind": QuestionKind.TEXT,
        "label_ko": "시제품으로 검증할 내용",
        "label_en": "What the prototype will prove",
        "is_required": True,
        "max_length": 800,
    },
]
PROTOTYPE_AIMS = {
    "printing": "환자 맞춤형 형상을 3D 프린팅으로 구현해 수술 시간 단축 효과를 검증합니다.",
    "mold": "양산 금형으로 치수 안정성과 불량률을 확인해 양산 이전 공정 조건을 확정합니다.",
    "machining": "정밀 가공 시제품으로 체결 강도와 흡수 속도를 동물 시험 전에 확인합니다.",
}
APPLICANTS = [
    Applicant("geno-biomedical", 0.74),
    Applicant("mir-biomedical", 0.70),
    Applicant("samwon-materials", 0.68),
    Applicant("eco-cell", 0.66),
    Applicant("yeoul-biomed", 0.64),
    Applicant("meta-biomedical", 0.62),
    Applicant("ilsin-biomed", 0.60),
    Applicant("nex-biomed", 0.58),
    Applicant("gaon-tissue", 0.56),
    Applicant("ilsin-biomedical", 0.54),
    Applicant("useong-regen", 0.52),
    Applicant("samwon-biomedical", 0.50),
    Applicant("raon-materials", 0.5, draft_only=True),
]
POOL = ["reviewer", "review.jung", "review.kang", "review.lim", "review.oh", "review.moon"]


def _day_at(moment: datetime, days: int, hour: int) -> datetime:
    day = (moment.astimezone(SEOUL) + timedelta(days=days)).date()
    return seoul(day, hour)


def reviewing_call(now: datetime) -> CallPlan:
    """Closed two and a half weeks ago; the blind document review is due in six days."""
    return CallPlan(
        program=PROGRAM.slug,
        slug="gwangju-implant-prototype-2026-h2",
        data={
            "title_ko": "2026년 하반기 이식형 의료기기 시제품 제작·고도화 지원 기업 모집",
            "title_en": "Second half of 2026: prototyping support for implantable devices",
            "body_ko": (
                "광주 생체재료 클러스터 회원기업 가운데 창업 7년 미만 기업의 이식형 의료기기 "
                "시제품 제작과 고도화를 기업당 최대 5천만 원 지원합니다. 서면평가는 기업명을 "
                "가린 블라인드 평가로 진행합니다."
            ),
            "body_en": (
                "Up to KRW 50 million each for prototyping and refining implantable devices, "
                "for member companies of the Gwangju cluster under seven years old. The "
                "document review is blind: reviewers do not see the applicants' names."
            ),
            "eligible_ages": [CompanyAge.UNDER_3, CompanyAge.FROM_3_TO_7],
            "members_only": True,
            "quota": 5,
            "budget_krw": 250 * M,
            "conflict_years": 3,
        },
        regions=["gwangju"],
        fields=["biomaterials", "regenerative", "medical-device", "dental"],
        opens_at=_day_at(now, -45, 10),
        closes_at=_day_at(now, -18, 18),
        questions=QUESTIONS,
        documents=[{"name_ko": "사업계획서", "name_en": "Business plan", "is_required": True}],
        stages=[
            StagePlan(
                data={
                    "kind": StageKind.DOCUMENT,
                    "name_ko": "서면평가 (블라인드)",
                    "name_en": "Blind document review",
                    "reviewers_per_application": 3,
                    "is_blind": True,
                    "aggregation": Aggregation.MEAN,
                    "normalize": False,
                    "advance_count": 5,
                    "reviews_due_at": _day_at(now, 6, 18),
                },
                criteria=CRITERIA,
                assigned_at=_day_at(now, -14, 10),
                handed_in={"reviewer": 2},
                default_share=0.6,
            )
        ],
        pool=POOL,
        applicants=APPLICANTS,
        notices=[
            (
                _day_at(now, -44, 9),
                "블라인드 서면평가 안내",
                "A blind document review",
                "서면평가위원에게는 기업명과 대표자 정보가 공개되지 않습니다. 사업계획서 본문에도 "
                "기업명을 적지 말아 주십시오.",
                "Reviewers see neither company names nor founders; please leave your company's "
                "name out of the business plan too.",
            ),
        ],
    )
