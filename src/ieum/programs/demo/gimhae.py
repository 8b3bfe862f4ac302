"""김해의생명산업진흥원's 강소기업 육성사업: the 2026 call for its eighth cohort.

The agency has picked twenty strong SMEs a year since 2019 (the third cohort of twenty
in 2021, a hundred companies by 2024); the 2026 call is the eighth. Thirty member
companies of the 김해 cluster apply, nine external reviewers score the documents
(three per application, z-score normalized, since one reviewer judges harshly and
another leniently) and twenty-six go on to the presentations (three reviewers each,
normalized too). Twenty are selected as 김해 강소기업 8기.

The criteria are those Korean SME programs judge companies by (technology, business,
growth potential, need for support), not the regional-center call's infrastructure and
cooperation, which judge host institutions (see national.py).
"""

from __future__ import annotations

from datetime import date

from ieum.programs.demo.plans import Applicant, CallPlan, ProgramPlan, StagePlan, seoul
from ieum.programs.enums import Aggregation, CompanyAge, ProgramKind, QuestionKind, StageKind

M = 1_000_000

PROGRAM = ProgramPlan(
    slug="gimhae-strong-sme",
    cluster="gimhae-biomedical",
    kind=ProgramKind.GROWTH_COHORT,
    name_ko="김해형 강소기업 육성사업",
    name_en="Gimhae strong-SME growth program",
    summary_ko=(
        "김해 의생명 클러스터의 성장 단계 기업을 해마다 20개사씩 선정해 기술 고도화, 인허가, "
        "해외 판로를 한 해 동안 집중 지원합니다. 2019년 1기를 시작으로 2024년까지 100개사를 "
        "길러 내는 것이 목표였습니다."
    ),
    summary_en=(
        "Each year twenty growing companies of the Gimhae cluster are selected for a year of "
        "focused support with technology, approvals and markets abroad. Starting with the "
        "first cohort in 2019, the aim was a hundred companies by 2024."
    ),
)

DOCUMENT_CRITERIA = [
    {
        "name_ko": "기술성",
        "name_en": "Technology",
        "weight": 30,
        "description_ko": "핵심 기술의 차별성, 완성도, 지식재산 확보 수준",
        "description_en": "How distinctive and mature the core technology is, and its IP.",
    },
    {
        "name_ko": "사업성",
        "name_en": "Business case",
        "weight": 25,
        "description_ko": "목표 시장의 규모와 매출 계획의 실현 가능성",
        "description_en": "Size of the target market and how realistic the sales plan is.",
    },
    {
        "name_ko": "성장가능성",
        "name_en": "Growth potential",
        "weight": 25,
        "description_ko": "고용·매출 성장과 해외 진출 가능성",
        "description_en": "Growth in jobs and revenue, and the prospects abroad.",
    },
    {
        "name_ko": "지원 필요성",
        "name_en": "Need for support",
        "weight": 20,
        "description_ko": "지원 항목이 성장 단계에 맞고 구체적인지",
        "description_en": "Whether the support asked for fits the company's stage and is concrete.",
    },
]
PRESENTATION_CRITERIA = [
    {
        "name_ko": "기술 경쟁력",
        "name_en": "Competitive technology",
        "weight": 30,
        "scale_min": 1,
        "scale_max": 10,
    },
    {
        "name_ko": "사업화 전략",
        "name_en": "Commercialization strategy",
        "weight": 30,
        "scale_min": 1,
        "scale_max": 10,
    },
    {
        "name_ko": "대표자·조직 역량",
        "name_en": "Leadership and team",
        "weight": 20,
        "scale_min": 1,
        "scale_max": 10,
    },
    {
        "name_ko": "지역 파급효과",
        "name_en": "Benefit to the region",
        "weight": 20,
        "scale_min": 1,
        "scale_max": 10,
    },
]

QUESTIONS = [
    {
        "kind": QuestionKind.TEXT,
        "label_ko": "핵심 기술과 차별성",
        "label_en": "Core technology and what sets it apart",
        "is_required": True,
        "max_length": 1000,
        "help_ko": "경쟁 제품과 비교해 한두 문장으로 적어 주십시오.",
        "help_en": "One or two sentences, compared with competing products.",
    },
    {
        "kind": QuestionKind.NUMBER,
        "label_ko": "상시 근로자 수 (명)",
        "label_en": "Employees (full-time)",
        "is_required": True,
    },
    {
        "kind": QuestionKind.NUMBER,
        "label_ko": "2025년 매출액 (백만 원)",
        "label_en": "2025 revenue (million KRW)",
        "help_ko": "재무제표상 매출액(부가세 제외)",
        "help_en": "As in the financial statements, VAT excluded.",
    },
    {
        "kind": QuestionKind.CHOICE,
        "label_ko": "주력 제품의 개발 단계",
        "label_en": "Development stage of the main product",
        "is_required": True,
        "choices": [
            {"value": "rnd", "ko": "연구개발", "en": "Research"},
            {"value": "prototype", "ko": "시제품", "en": "Prototype"},
            {"value": "clinical", "ko": "비임상·임상", "en": "Non-clinical or clinical"},
            {"value": "approval", "ko": "인허가 진행", "en": "In approval"},
            {"value": "market", "ko": "판매 중", "en": "On the market"},
        ],
    },
    {
        "kind": QuestionKind.FILE,
        "label_ko": "가점 증빙 (벤처·이노비즈 확인서 등)",
        "label_en": "Evidence for bonus points (venture or Inno-Biz certificate)",
    },
]
DOCUMENTS = [
    {"name_ko": "사업계획서", "name_en": "Business plan", "is_required": True},
    {"name_ko": "중소기업 확인서", "name_en": "SME certificate", "is_required": True},
    {
        "name_ko": "최근 3년 재무제표",
        "name_en": "Financial statements, last three years",
        "is_required": False,
    },
]

APPLICANTS = [
    Applicant("h-bio-diagnostics", 0.82, requested_krw=50 * M),
    Applicant("raon-vision", 0.78),
    Applicant("deepreader-medical", 0.76),
    Applicant("mir-cell", 0.74),
    Applicant("haesol-ai", 0.72),
    Applicant("yunseul-ai", 0.71),
    Applicant("dodam-diagnostics", 0.70),
    Applicant("saeron-vision", 0.69),
    Applicant("nex-diagnostics", 0.68),
    Applicant("nuri-biomaterials", 0.66),
    Applicant("bareun-posture-lab", 0.65),
    Applicant("true-biodx", 0.64),
    Applicant("nanofit", 0.63),
    Applicant("maru-nanobio", 0.62),
    Applicant("goun-biotech", 0.61, split=True),
    Applicant("gaya-meditech", 0.60),
    Applicant("seulgi-medix", 0.60),
    Applicant("seongwon-biomedical", 0.59),
    Applicant("clean-steritech", 0.58),
    Applicant("prime-nanotech", 0.57),
    Applicant("neulbom-medix", 0.56),
    Applicant("ace-tissue", 0.55),
    Applicant("seum-nanobio", 0.54),
    Applicant("sejin-diatech", 0.53, split=True),
    Applicant("dodam-ai", 0.52),
    Applicant("haesol-regen", 0.51),
    Applicant("haesol-nano", 0.50),
    Applicant("useong-clean", 0.48),
    Applicant("myeongjin-nano", 0.47),
    Applicant("saeron-insight", 0.45),
    Applicant("ara-medical", 0.5, draft_only=True),
]
POOL = [
    "reviewer",
    "review.jung",
    "review.yoon",
    "review.kang",
    "review.seo",
    "review.han",
    "review.bae",
    "review.lim",
    "review.oh",
]

BODY_KO = "\n".join(
    (
        (
            "김해의생명산업진흥원은 김해 의생명 클러스터의 성장 단계 기업을 '김해형 "
            "강소기업'으로 선정해 한 해 동안 "
            "집중 지원합니다. 2026년에는 8기 20개사를 모집합니다."
        ),
        "",
        "■ 지원 대상: 김해 의생명 클러스터 회원기업 중 경상남도에 본사를 둔 창업 3년 이상 기업",
        (
            "■ 지원 내용: 기업당 최대 5천만 원 (시제품 고도화, 시험·인증, 국내외 인허가, 해외 "
            "전시회 참가, "
            "마케팅), 협력 병원 임상 자문과 진흥원 장비 우선 이용"
        ),
        "■ 선정 절차: 서면평가(상위 26개사) → 발표평가 → 최종 20개사 선정",
        (
            "■ 평가 항목: 기술성 30 · 사업성 25 · 성장가능성 25 · 지원 필요성 20 (서면), 기술 "
            "경쟁력 "
            "30 · 사업화 전략 30 · 대표자·조직 역량 20 · 지역 파급효과 20 (발표)"
        ),
        "■ 접수: 이음 플랫폼 온라인 접수만 가능하며, 마감 시각 이후에는 제출할 수 없습니다.",
    )
)
BODY_EN = "\n".join(
    (
        (
            "The Gimhae Biomedical Industry Promotion Agency selects "
            "growing companies of the Gimhae cluster as Gimhae strong "
            "SMEs and supports them for a year. In 2026 it selects twenty "
            "companies for the eighth cohort."
        ),
        "",
        (
            "- Who may apply: member companies of the Gimhae cluster, "
            "headquartered in Gyeongnam, at least three years old"
        ),
        (
            "- Support: up to KRW 50 million per company (prototype "
            "refinement, testing and certification, approvals at home and "
            "abroad, overseas exhibitions, marketing), clinical advice "
            "from partner hospitals and priority use of the agency's "
            "equipment"
        ),
        ("- Selection: document review (top 26) → presentations → twenty companies"),
        (
            "- Criteria: technology 30, business case 25, growth "
            "potential 25, need for support 20 (documents); competitive "
            "technology 30, commercialization strategy 30, leadership and "
            "team 20, benefit to the region 20 (presentations)"
        ),
        (
            "- Applications are taken online on Ieum only; nothing can be "
            "submitted after the closing time."
        ),
    )
)


def call_plan() -> CallPlan:
    return CallPlan(
        program=PROGRAM.slug,
        slug="gimhae-strong-sme-2026",
        data={
            "title_ko": "2026년 김해형 강소기업 육성사업 (8기) 참여기업 모집",
            "title_en": "2026 Gimhae strong-SME program: call for the eighth cohort",
            "body_ko": BODY_KO,
            "body_en": BODY_EN,
            "eligible_ages": [CompanyAge.FROM_3_TO_7, CompanyAge.OVER_7],
            "members_only": True,
            "quota": 20,
            "budget_krw": 1_000 * M,
            "conflict_years": 3,
        },
        regions=["gyeongnam"],
        fields=[],
        opens_at=seoul(date(2026, 1, 19), 10),
        closes_at=seoul(date(2026, 2, 13), 18),
        questions=QUESTIONS,
        documents=DOCUMENTS,
        stages=[
            StagePlan(
                data={
                    "kind": StageKind.DOCUMENT,
                    "name_ko": "서면평가",
                    "name_en": "Document review",
                    "reviewers_per_application": 3,
                    "aggregation": Aggregation.MEAN,
                    "normalize": True,
                    "advance_count": 26,
                    "reviews_due_at": seoul(date(2026, 2, 27), 18),
                },
                criteria=DOCUMENT_CRITERIA,
                assigned_at=seoul(date(2026, 2, 16), 10),
                decided_at=seoul(date(2026, 3, 4), 14),
                recusals={
                    "review.kang": (
                        "지원기업 대표이사가 최근까지 제 연구실의 공동연구원으로 참여해 공정한 "
                        "평가가 "
                        "어렵다고 판단해 회피합니다."
                    )
                },
            ),
            StagePlan(
                data={
                    "kind": StageKind.PRESENTATION,
                    "name_ko": "발표평가",
                    "name_en": "Presentations",
                    "reviewers_per_application": 3,
                    "aggregation": Aggregation.MEAN,
                    "normalize": True,
                    "advance_count": 20,
                    "reviews_due_at": seoul(date(2026, 3, 12), 18),
                },
                criteria=PRESENTATION_CRITERIA,
                assigned_at=seoul(date(2026, 3, 9), 10),
                decided_at=seoul(date(2026, 3, 17), 15),
                reserve=2,
                exclusion=(
                    19,
                    "동일 과제로 2026년 경상남도 지원사업에 이미 선정되어 중복 수혜 제한에 따라 "
                    "선정에서 제외합니다. / Excluded: the same project was already funded by a "
                    "2026 Gyeongnam program, and support may not be doubled.",
                    "19위 기업의 중복 수혜 제외에 따라 예비 1순위 기업을 선정합니다. / Selected "
                    "as first reserve after the 19th-ranked company was excluded.",
                ),
            ),
        ],
        pool=POOL,
        applicants=APPLICANTS,
        results_at=seoul(date(2026, 3, 20), 10),
        cohort_name=("김해 강소기업 8기", "Gimhae strong SMEs, cohort 8"),
        notices=[
            (
                seoul(date(2026, 1, 20), 9),
                "온라인 사업설명회 개최 안내",
                "Online briefing session",
                "1월 27일(화) 오후 2시 온라인 사업설명회를 엽니다. 접속 주소는 신청 기업 "
                "담당자에게 "
                "문자로 보내 드립니다.",
                "An online briefing is held on Tuesday 27 January at 2 p.m.; the link goes to each "
                "applicant's contact by text message.",
            ),
            (
                seoul(date(2026, 3, 4), 16),
                "발표평가 대상 기업 및 일정 안내",
                "Presentations: companies and schedule",
                "서면평가 결과 상위 26개사가 발표평가에 진출했습니다. 발표평가는 3월 12일(목) "
                "메디컬실용화센터 세미나실에서 기업당 발표 10분, 질의응답 10분으로 진행합니다.",
                "The top 26 companies of the document review present on Thursday 12 March at the "
                "Medical Commercialization Center: ten minutes of presentation and ten of "
                "questions each.",
            ),
            (
                seoul(date(2026, 3, 20), 10),
                "김해 강소기업 8기 최종 선정 결과 안내",
                "Eighth cohort: final results",
                "20개사가 김해 강소기업 8기로 최종 선정되었습니다. 선정 기업은 4월 1일 협약 "
                "체결 후 지원을 시작합니다. 결과는 각 기업 담당자에게 이메일로도 안내했습니다.",
                "Twenty companies form the eighth cohort; support starts after the agreements are "
                "signed on 1 April. Each applicant's contact has also been told by e-mail.",
            ),
        ],
        inquiries=[
            (
                "gaya-meditech",
                seoul(date(2026, 1, 22), 11, 20),
                "협력 병원과 공동으로 신청(컨소시엄)할 수 있나요?",
                "단독 신청만 받습니다. 협력 기관과의 역할 분담은 사업계획서의 추진 체계에 적어 "
                "주십시오.",
                seoul(date(2026, 1, 23), 15),
                True,
            ),
            (
                "nanofit",
                seoul(date(2026, 1, 29), 16, 5),
                "매출액은 부가세를 포함한 금액인가요?",
                "재무제표상 매출액(부가세 제외)을 백만 원 단위로 적어 주십시오.",
                seoul(date(2026, 1, 30), 10, 30),
                True,
            ),
        ],
        withdrawals={
            "saeron-vision": (
                1,
                seoul(date(2026, 3, 6), 17),
                "2026년 TIPS 과제에 선정되어 동일 과제의 중복 지원 제한에 따라 발표평가를 "
                "포기합니다.",
            )
        },
    )
