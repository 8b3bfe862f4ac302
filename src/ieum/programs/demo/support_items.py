"""The items of support the demo's clusters give, stage by stage, with who provides them,
what they cost and what they deliver. Amounts are in millions of won (a range to draw
from), durations in days.

광주's items follow the partner program's chain: development with 조선대 and 전남대,
prototypes at 광주테크노파크, biocompatibility and animal studies at 전남대
생체재료개발센터's GLP-accredited nonclinical center, clinical advice from research
hospitals, approvals with a regulatory firm, GMP consulting, marketing and the Korea
pavilions the device association organizes at IDS Cologne, MEDICA and AEEDC Dubai.
김해's items are those the strong-SME cohort's grants pay for.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieum.programs.enums import SupportStage as S


@dataclass(frozen=True)
class Item:
    stage: str
    title: str
    description: str
    provider: str | None
    amount: tuple[int, int]
    days: int
    deliverable: str = ""


GWANGJU_ITEMS = {
    S.RND: [
        Item(
            S.RND,
            "흡수성 골이식재 조성 최적화 산학 공동연구",
            "조선대 치의학과 연구실과 인산칼슘·고분자 복합 조성을 최적화합니다. / Joint "
            "research with Chosun University on calcium-phosphate and polymer composites.",
            "chosun-university-rnd",
            (30, 60),
            180,
            "공동연구 결과보고서",
        ),
        Item(
            S.RND,
            "생체재료 물성·분해 거동 분석",
            "인장 강도, 분해 속도, 용출 특성을 분석합니다. / Tensile strength, degradation "
            "rate and elution analysis.",
            "jnu-biomaterials-center",
            (8, 20),
            60,
            "물성 분석 성적서",
        ),
    ],
    S.PROTOTYPE: [
        Item(
            S.PROTOTYPE,
            "3D 프린팅 환자 맞춤형 시제품 제작",
            "CT 데이터로 환자 맞춤형 형상을 설계해 3D 프린팅으로 시제품을 만듭니다. / "
            "Patient-specific prototypes designed from CT data and 3D printed.",
            "gwangju-technopark",
            (15, 35),
            90,
            "시제품 및 설계 도면",
        ),
        Item(
            S.PROTOTYPE,
            "양산 금형 제작과 시제품 고도화",
            "양산용 금형을 제작하고 치수 안정성을 확보합니다. / A production mold and "
            "dimensional stability.",
            "gwangju-technopark",
            (25, 45),
            120,
            "금형 검수 보고서",
        ),
    ],
    S.NONCLINICAL: [
        Item(
            S.NONCLINICAL,
            "ISO 10993 생체적합성 시험 (세포독성·감작성·자극성)",
            "글로벌 비임상 실증센터에서 생체적합성 기본 항목을 시험합니다. / Basic "
            "biocompatibility endpoints at the global nonclinical validation center.",
            "jnu-biomaterials-center",
            (20, 40),
            90,
            "생체적합성 시험 성적서",
        ),
        Item(
            S.NONCLINICAL,
            "대동물 이식 시험 (GLP)",
            "국제실험동물관리평가 인증 시설에서 이식 후 12주 조직 반응을 평가합니다. / "
            "Twelve-week implantation study in an AAALAC-accredited facility.",
            "jnu-biomaterials-center",
            (45, 80),
            150,
            "이식 시험 최종보고서",
        ),
        Item(
            S.NONCLINICAL,
            "반복투여 독성시험",
            "용출물의 반복투여 독성을 GLP 기준으로 시험합니다. / GLP repeated-dose toxicity "
            "of extracts.",
            "kit-toxicology",
            (35, 60),
            120,
            "독성시험 보고서",
        ),
    ],
    S.CLINICAL: [
        Item(
            S.CLINICAL,
            "확증 임상시험 설계 자문",
            "대상자 수와 평가변수를 병원 임상시험센터와 설계합니다. / Sample size and "
            "endpoints designed with a hospital trial center.",
            "yonsei-health-system",
            (10, 20),
            60,
            "임상시험계획서 초안",
        ),
        Item(
            S.CLINICAL,
            "연구자 주도 임상 (치과 임플란트 주위 골재생)",
            "치과 임플란트 식립 시 골재생 효과를 탐색 임상으로 확인합니다. / An exploratory "
            "investigator-initiated trial of bone regeneration around implants.",
            "seoul-st-marys",
            (50, 90),
            240,
            "임상 중간보고서",
        ),
    ],
    S.APPROVAL: [
        Item(
            S.APPROVAL,
            "식약처 품목허가 기술문서 작성 지원",
            "3등급 이식 의료기기의 기술문서와 시험 자료를 정리합니다. / Technical file and "
            "test data for a class 3 implant.",
            "saeron-bio-services",
            (15, 30),
            120,
            "기술문서 심사 접수증",
        ),
        Item(
            S.APPROVAL,
            "FDA 510(k) 사전 상담(Pre-Sub) 준비",
            "비교 대상 기기 선정과 질의 목록을 준비합니다. / Predicate selection and the "
            "question list for a Pre-Submission.",
            "saeron-bio-services",
            (20, 40),
            90,
            "Pre-Sub 질의서",
        ),
        Item(
            S.APPROVAL,
            "CE MDR 기술문서 컨설팅",
            "유럽 MDR 기술문서의 부족한 부분을 점검합니다. / Gap review of the MDR "
            "technical documentation.",
            "saeron-bio-services",
            (25, 45),
            120,
            "MDR 갭 분석 보고서",
        ),
        Item(
            S.APPROVAL,
            "의료기기 규제과학(RA) 전문가 교육",
            "품질·인허가 담당자의 RA 전문가 과정 이수를 지원합니다. / RA training for the "
            "quality and regulatory staff.",
            "jnu-biomaterials-center",
            (2, 4),
            30,
            "수료증",
        ),
    ],
    S.GMP: [
        Item(
            S.GMP,
            "GMP(ISO 13485) 심사 대응 컨설팅",
            "제조소 심사 전 품질 문서와 공정 밸리데이션을 점검합니다. / Quality documents "
            "and process validation checked before the site audit.",
            "osong-medical-foundation",
            (10, 25),
            90,
            "GMP 적합인정서",
        ),
        Item(
            S.GMP,
            "멸균 밸리데이션 지원",
            "EO 멸균 공정의 밸리데이션을 수행합니다. / Validation of the EO sterilization process.",
            "jnu-biomaterials-center",
            (12, 25),
            60,
            "멸균 밸리데이션 보고서",
        ),
    ],
    S.MARKETING: [
        Item(
            S.MARKETING,
            "제품 홍보 영상·영문 카탈로그 제작",
            "해외 바이어용 영상과 영문 카탈로그를 만듭니다. / A video and an English "
            "catalog for buyers abroad.",
            "gwangju-technopark",
            (5, 12),
            60,
            "홍보 영상·카탈로그",
        ),
        Item(
            S.MARKETING,
            "대한치과의사협회 종합학술대회 전시 부스",
            "국내 치과의사 대상 제품 시연 부스를 운영합니다. / A demonstration booth for "
            "Korean dentists.",
            "gwangju-technopark",
            (6, 10),
            30,
            "상담 실적 보고서",
        ),
    ],
    S.EXPORT: [
        Item(
            S.EXPORT,
            "IDS 쾰른 국제치과기자재전시회 한국관 참가",
            "한국관 부스 임차와 장치비, 통역을 지원합니다. / Booth, fit-out and "
            "interpreters at the Korea pavilion.",
            "kmdia",
            (12, 20),
            30,
            "바이어 상담 일지",
        ),
        Item(
            S.EXPORT,
            "MEDICA 한국관 참가 (뒤셀도르프)",
            "MEDICA 한국관 참가와 바이어 사전 매칭을 지원합니다. / The Korea pavilion at "
            "MEDICA with buyers matched beforehand.",
            "kmdia",
            (12, 22),
            30,
            "바이어 상담 일지",
        ),
        Item(
            S.EXPORT,
            "AEEDC 두바이 참가와 중동 등록 상담",
            "AEEDC 참가와 중동 국가 등록 요건 상담을 지원합니다. / AEEDC Dubai and advice "
            "on Middle-East registrations.",
            "kmdia",
            (10, 18),
            30,
            "수출 상담 결과 보고서",
        ),
    ],
}

GIMHAE_ITEMS = {
    S.PROTOTYPE: [
        Item(
            S.PROTOTYPE,
            "양산형 시제품 고도화",
            "사용자 평가 결과를 반영해 양산형 시제품을 완성합니다. / A production-ready "
            "prototype from user feedback.",
            "gimhae-biomedical-agency",
            (15, 30),
            120,
            "시제품 검수 보고서",
        ),
    ],
    S.NONCLINICAL: [
        Item(
            S.NONCLINICAL,
            "전기안전·EMC 시험 (IEC 60601)",
            "인허가용 전기안전과 전자파 적합성 시험을 지원합니다. / Electrical safety and "
            "EMC tests for approval.",
            "wonju-medical-technovalley",
            (10, 20),
            60,
            "시험 성적서",
        ),
        Item(
            S.NONCLINICAL,
            "생체적합성 시험 위탁",
            "GLP 기관에 생체적합성 시험을 맡깁니다. / Biocompatibility tests at a GLP lab.",
            "kit-toxicology",
            (15, 30),
            90,
            "생체적합성 시험 성적서",
        ),
    ],
    S.CLINICAL: [
        Item(
            S.CLINICAL,
            "다기관 임상 검증 자문",
            "협력 병원과 임상 검증 설계를 자문받습니다. / Clinical validation designed with "
            "partner hospitals.",
            "yonsei-health-system",
            (10, 25),
            90,
            "임상 검증 계획서",
        ),
    ],
    S.APPROVAL: [
        Item(
            S.APPROVAL,
            "해외 인허가 컨설팅 (FDA·CE)",
            "FDA 510(k)와 CE 기술문서 작성을 지원합니다. / FDA 510(k) and CE technical files.",
            "saeron-bio-services",
            (20, 35),
            150,
            "인허가 신청 접수증",
        ),
        Item(
            S.APPROVAL,
            "혁신의료기기 지정 신청 컨설팅",
            "식약처 혁신의료기기 지정 신청서를 준비합니다. / The MFDS innovative-device "
            "designation file.",
            "saeron-bio-services",
            (10, 20),
            90,
            "지정 신청서",
        ),
    ],
    S.GMP: [
        Item(
            S.GMP,
            "GMP 변경 심사 대응",
            "생산 라인 증설에 따른 GMP 변경 심사를 준비합니다. / The GMP change audit for "
            "an extended line.",
            "kmedi-hub",
            (8, 15),
            60,
            "GMP 변경 적합 통보서",
        ),
    ],
    S.MARKETING: [
        Item(
            S.MARKETING,
            "비대면 홍보·온라인 판매 채널 구축",
            "온라인 전시관과 해외 B2B 플랫폼 입점을 지원합니다. / An online showroom and "
            "listings on B2B platforms abroad.",
            "gimhae-biomedical-agency",
            (5, 10),
            90,
            "판매 채널 입점 확인서",
        ),
    ],
    S.EXPORT: [
        Item(
            S.EXPORT,
            "MEDICA 2026 김해관 참가",
            "11월 뒤셀도르프 MEDICA의 김해관 부스와 통역을 지원합니다. / The Gimhae booth "
            "and interpreters at MEDICA in Düsseldorf in November.",
            "gimhae-biomedical-agency",
            (12, 18),
            30,
            "바이어 상담 일지",
        ),
        Item(
            S.EXPORT,
            "아랍헬스 2027 참가 준비",
            "1월 두바이 아랍헬스 참가를 준비합니다. / Preparing Arab Health in Dubai in January.",
            "gimhae-biomedical-agency",
            (12, 18),
            30,
            "",
        ),
    ],
}

# Which 김해 items fit a company's main technology field, in the order it needs them.
GIMHAE_PATHS = {
    "ivd": (S.APPROVAL, S.GMP, S.EXPORT),
    "medical-ai": (S.CLINICAL, S.APPROVAL, S.MARKETING),
    "nanomaterials": (S.NONCLINICAL, S.PROTOTYPE, S.MARKETING),
    "biomaterials": (S.NONCLINICAL, S.APPROVAL, S.EXPORT),
    "regenerative": (S.NONCLINICAL, S.GMP, S.CLINICAL),
    "cell-gene": (S.NONCLINICAL, S.GMP, S.CLINICAL),
    "biologics": (S.NONCLINICAL, S.GMP, S.MARKETING),
    "medical-device": (S.PROTOTYPE, S.NONCLINICAL, S.EXPORT),
    "wearables": (S.PROTOTYPE, S.NONCLINICAL, S.MARKETING),
    "infection-control": (S.NONCLINICAL, S.MARKETING, S.EXPORT),
    "digital-health": (S.CLINICAL, S.MARKETING, S.EXPORT),
    "pharmaceuticals": (S.NONCLINICAL, S.PROTOTYPE, S.MARKETING),
}
GIMHAE_FALLBACK_PATH = (S.PROTOTYPE, S.MARKETING, S.EXPORT)
