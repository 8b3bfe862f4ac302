"""What each research hospital offers: one service for each service its profile lists
(`directory/demo/hospitals.py`), worded for the hospital's specialty.

Most hospital services are free for companies under the linkage program; testing and
data extraction are charged, investigator-initiated trials are quoted per request.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieum.directory.demo.hospitals import HOSPITALS
from ieum.linkage.enums import FeeBasis, RequiredDocument, ServiceType

LINKAGE_PROGRAM = "K-바이오헬스 연계 지원사업"

IRB = RequiredDocument.IRB_APPROVAL
NDA = RequiredDocument.NDA
DUA = RequiredDocument.DATA_USE_AGREEMENT


@dataclass(frozen=True)
class Focus:
    label_ko: str
    label_en: str
    topic_ko: str
    topic_en: str
    expertise_ko: str
    expertise_en: str
    answer_days: int


FOCUS = {
    "asan-medical-center": Focus(
        "항암", "oncology", "항암제와 암 진단", "anticancer drugs and cancer diagnostics",
        "종양내과 · 대규모 암 코호트 · 바이오마커 검증",
        "medical oncology · large cancer cohorts · biomarker validation", 5,
    ),
    "yonsei-health-system": Focus(
        "심혈관", "cardiovascular", "심혈관 중재시술 기기와 치료제",
        "cardiovascular interventional devices and therapies",
        "심혈관질환 · 심장내과 중재시술 · 심장영상",
        "cardiovascular disease · interventional cardiology · cardiac imaging", 3,
    ),
    "seoul-st-marys": Focus(
        "관절·면역", "joint and immune", "류마티스·자가면역 질환 치료",
        "rheumatology and autoimmune therapies",
        "류마티스내과 · 자가면역질환 · 연구자 주도 임상",
        "rheumatology · autoimmune disease · investigator-initiated trials", 4,
    ),
    "gachon-gil": Focus(
        "대사성질환", "metabolic", "당뇨·비만 관리 기술", "diabetes and obesity care",
        "내분비내과 · T2B 센터 · 연속혈당 데이터",
        "endocrinology · T2B center · continuous glucose data", 3,
    ),
    "inha-university-hospital": Focus(
        "소화기", "digestive", "내시경과 간질환 진단", "endoscopy and liver-disease diagnostics",
        "소화기내과 · 치료내시경 · 간질환",
        "gastroenterology · therapeutic endoscopy · liver disease",
        4,
    ),
    "busan-paik": Focus(
        "안과", "ophthalmic", "망막·시력 관련 기기와 치료제",
        "retina and vision devices and therapies",
        "안과 · 망막 영상 · 시기능 검사",
        "ophthalmology · retinal imaging · visual function tests", 4,
    ),
    "snu-bundang": Focus(
        "신경·재활", "neurology and rehabilitation", "디지털헬스와 신경·재활 기술",
        "digital health for neurology and rehabilitation",
        "신경과 · 재활의학 · 의료 빅데이터",
        "neurology · rehabilitation medicine · medical big data",
        5,
    ),
    "cha-bundang": Focus(
        "여성건강·재생의료", "women's health and regenerative", "세포치료와 여성건강 기술",
        "cell therapy and women's health",
        "산부인과 · 세포치료 · 재생의료",
        "obstetrics and gynecology · cell therapy · regeneration", 4,
    ),
}  # fmt: skip

# Per service type: names and descriptions ({label}, {topic} filled in per hospital),
# typical lead time in business days, fee and required documents.
SERVICES = {
    ServiceType.CLINICAL_TRIAL_CONSULTING: {
        "name_ko": "{label} 임상시험 설계 컨설팅",
        "name_en": "Clinical-trial design consulting ({label_en})",
        "description_ko": (
            "{topic} 분야의 임상시험 계획서를 임상시험센터 전문가와 담당 교수가 함께 "
            "검토합니다. 대상자 선정·제외 기준, 1차 평가변수, 대상자 수 산출 근거와 식약처 "
            "임상시험계획 승인 신청에 필요한 사항을 짚고, 검토 의견서를 드립니다."
        ),
        "description_en": (
            "Trial-center specialists and the responsible clinician review your protocol in "
            "{topic_en}: eligibility, primary endpoints, sample-size rationale and what the "
            "MFDS investigational plan needs, with a written review."
        ),
        "lead_time_days": 15,
        "fee_basis": FeeBasis.FREE_UNDER_PROGRAM,
        "required_documents": [NDA],
    },
    ServiceType.INVESTIGATOR_INITIATED_TRIAL: {
        "name_ko": "{label} 연구자 주도 임상시험(IIT)",
        "name_en": "Investigator-initiated trial ({label_en})",
        "description_ko": (
            "기업 제품을 쓰는 연구자 주도 임상시험을 담당 교수와 함께 기획하고 수행합니다. "
            "연구계획서 작성, 병원 IRB 심의, 대상자 모집과 증례기록 관리까지 맡으며 연구비와 "
            "제품 공급 조건은 요청마다 협의합니다."
        ),
        "description_en": (
            "An investigator-initiated trial with your product, planned and run with the "
            "responsible clinician: protocol, the hospital's IRB review, recruitment and case "
            "report forms. Research costs and product supply are agreed per request."
        ),
        "lead_time_days": 60,
        "fee_basis": FeeBasis.QUOTED,
        "required_documents": [IRB, NDA],
    },
    ServiceType.CLINICAL_VALIDATION: {
        "name_ko": "{label} 임상 실증",
        "name_en": "Clinical validation ({label_en})",
        "description_ko": (
            "{topic} 분야의 개발 제품을 실제 진료 환경에서 써 보고 사용성과 유효성 자료를 "
            "얻도록 돕습니다. 실증 계획 수립, 참여 의료진 섭외, IRB 승인 후 실증 수행과 결과 "
            "보고서 작성까지 지원사업으로 제공합니다."
        ),
        "description_en": (
            "Try your product in {topic_en} in real clinical settings and collect usability "
            "and effectiveness data: validation plan, participating clinicians, the study "
            "after IRB approval and the final report, under the support program."
        ),
        "lead_time_days": 40,
        "fee_basis": FeeBasis.FREE_UNDER_PROGRAM,
        "required_documents": [IRB, NDA],
    },
    ServiceType.MEDICAL_DATA: {
        "name_ko": "{label} 의료 빅데이터 연계",
        "name_en": "Medical data access ({label_en})",
        "description_ko": (
            "{topic} 분야 연구에 필요한 진료·영상 데이터를 가명처리해 병원 안의 안심 분석 "
            "공간에서 제공합니다. 데이터 항목 정의와 데이터심의위원회 승인을 함께 준비하며, "
            "추출 비용은 정해진 요금을 받습니다."
        ),
        "description_en": (
            "Pseudonymized clinical and imaging data for research in {topic_en}, analysed in "
            "the hospital's secure room: defining the variables and data review board "
            "approval; extraction is charged at a fixed fee."
        ),
        "lead_time_days": 30,
        "fee_basis": FeeBasis.FIXED,
        "fee_krw": 3_000_000,
        "required_documents": [DUA, IRB],
    },
    ServiceType.TESTING_ANALYSIS: {
        "name_ko": "{label} 임상 검체 시험·분석",
        "name_en": "Clinical sample testing and analysis ({label_en})",
        "description_ko": (
            "병원의 임상 검체와 장비로 {topic} 분야 제품의 성능 시험과 분석을 수행합니다. "
            "시험 계획을 협의한 뒤 시험성적서와 원자료를 함께 드립니다."
        ),
        "description_en": (
            "Performance tests and analyses of products in {topic_en} on the hospital's "
            "clinical samples and equipment, with the test report and raw data."
        ),
        "lead_time_days": 20,
        "fee_basis": FeeBasis.FIXED,
        "fee_krw": 1_500_000,
        "required_documents": [NDA],
    },
    ServiceType.CLINICIAN_MENTORING: {
        "name_ko": "{label} 임상의 멘토링",
        "name_en": "Clinician mentoring ({label_en})",
        "description_ko": (
            "현장 임상의가 제품 콘셉트와 임상 적용 시나리오를 1:1로 검토합니다. 60분 멘토링 "
            "뒤 의견서를 드리고, 필요하면 후속 실증이나 공동연구로 이어 드립니다."
        ),
        "description_en": (
            "A practising clinician reviews your concept and its clinical use one to one: a "
            "60-minute session, a written opinion, and a path to validation or joint research."
        ),
        "lead_time_days": 5,
        "answer_days": 2,
        "fee_basis": FeeBasis.FREE_UNDER_PROGRAM,
        "required_documents": [],
    },
    ServiceType.UNMET_NEEDS: {
        "name_ko": "{label} 미충족 임상 수요 발굴",
        "name_en": "Unmet clinical needs ({label_en})",
        "description_ko": (
            "진료 현장에서 모은 {topic} 분야의 미충족 수요를 기업 기술과 맞춰 봅니다. 의료진 "
            "인터뷰와 수요 설명회를 거쳐 공동개발 과제 후보를 정리해 드립니다."
        ),
        "description_en": (
            "Unmet needs gathered in the clinic in {topic_en}, matched with your technology: "
            "clinician interviews, a needs briefing and a shortlist of joint projects."
        ),
        "lead_time_days": 10,
        "fee_basis": FeeBasis.FREE_UNDER_PROGRAM,
        "required_documents": [NDA],
    },
}

# Where a hospital differs from the rule above.
EXCEPTIONS = {
    ("asan-medical-center", ServiceType.TESTING_ANALYSIS): {"fee_basis": FeeBasis.QUOTED},
    ("yonsei-health-system", ServiceType.MEDICAL_DATA): {"fee_krw": 3_500_000},
    ("gachon-gil", ServiceType.MEDICAL_DATA): {"fee_basis": FeeBasis.FREE_UNDER_PROGRAM},
    ("snu-bundang", ServiceType.MEDICAL_DATA): {"fee_krw": 4_000_000, "lead_time_days": 25},
    ("inha-university-hospital", ServiceType.TESTING_ANALYSIS): {"fee_krw": 1_200_000},
    ("cha-bundang", ServiceType.TESTING_ANALYSIS): {"is_active": False},
}


def hospital_offerings() -> list[dict]:
    """Offering specs: provider slug, the offering's fields and its therapeutic areas."""
    specs = []
    for hospital in HOSPITALS:
        focus = FOCUS.get(hospital["slug"])
        if focus is None:
            continue
        for code in hospital["services"]:
            service_type = ServiceType(code.replace("-", "_"))
            template = SERVICES[service_type]
            words = {
                "label": focus.label_ko,
                "label_en": focus.label_en,
                "topic": focus.topic_ko,
                "topic_en": focus.topic_en,
            }
            fields = {
                "service_type": service_type,
                "name_ko": template["name_ko"].format(**words),
                "name_en": template["name_en"].format(**words),
                "description_ko": template["description_ko"].format(**words),
                "description_en": template["description_en"].format(**words),
                "expertise_ko": focus.expertise_ko,
                "expertise_en": focus.expertise_en,
                "lead_time_days": template["lead_time_days"],
                "response_days": template.get("answer_days", focus.answer_days),
                "fee_basis": template["fee_basis"],
                "fee_krw": template.get("fee_krw"),
                "program_name": "",
                "required_documents": list(template["required_documents"]),
                "contact_email": "",
                "is_active": True,
            }
            fields.update(EXCEPTIONS.get((hospital["slug"], service_type), {}))
            if fields["fee_basis"] == FeeBasis.FREE_UNDER_PROGRAM:
                fields["program_name"] = LINKAGE_PROGRAM
                fields["fee_krw"] = None
            elif fields["fee_basis"] == FeeBasis.QUOTED:
                fields["fee_krw"] = None
            specs.append(
                {"provider": hospital["slug"], "fields": fields, "areas": hospital["specialties"]}
            )
    return specs
