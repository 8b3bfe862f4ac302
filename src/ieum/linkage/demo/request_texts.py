"""What companies ask for and what providers hand back, by service type.

Requests are written in Korean by the companies; `{product}` and `{area}` are filled in
with the company's product and therapeutic area. Each delivery has a note on the thread,
a report file name and a line for the report's first page.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieum.linkage.enums import ProductStage, ServiceType

S = ServiceType
P = ProductStage


@dataclass(frozen=True)
class Ask:
    title: str
    description: str
    goal: str


@dataclass(frozen=True)
class Delivery:
    note: str
    file_name: str
    summary_en: str


ASKS = {
    S.CLINICAL_TRIAL_CONSULTING: [
        Ask("{product} 확증 임상시험 설계 자문",
            "{product}의 확증 임상시험을 준비하고 있습니다. 1차 평가변수와 대상자 수 산출, "
            "대조군 설정을 {area} 전문의에게 검토받고 싶습니다. 탐색 임상 결과 요약이 있습니다.",
            "식약처 임상시험계획 승인 신청 전에 프로토콜 확정"),
        Ask("{product} 탐색 임상 프로토콜 검토",
            "{product}의 첫 임상을 어떤 설계로 시작할지 조언이 필요합니다. 대상 환자군과 방문 "
            "일정, 안전성 평가 항목을 함께 정리하고 싶습니다.",
            "탐색 임상 프로토콜 초안 완성"),
        Ask("{product} 다기관 임상 실시기관·모집 계획 자문",
            "{area} 분야 다기관 임상을 계획하고 있습니다. 실시기관 후보, 기관별 모집 가능 환자 "
            "수와 예상 일정을 검토받고 싶습니다.",
            "실시기관 후보와 모집 계획 확정"),
    ],
    S.INVESTIGATOR_INITIATED_TRIAL: [
        Ask("{product} 연구자 주도 임상 공동 기획",
            "{product}의 추가 적응증을 확인하는 연구자 주도 임상을 {area} 담당 교수와 함께 "
            "기획하고 싶습니다. 제품과 연구비 일부를 지원할 수 있습니다.",
            "IIT 연구계획서 확정과 IRB 제출"),
        Ask("{product} 실사용 근거 확보를 위한 IIT",
            "보험 등재 신청에 쓸 실사용 근거가 필요합니다. {area} 환자 대상 연구자 주도 "
            "임상으로 유효성 자료를 모으고 싶습니다.",
            "보험 등재 신청용 임상 근거 확보"),
    ],
    S.CLINICAL_VALIDATION: [
        Ask("{product} 임상 현장 실증",
            "{product}의 사용성과 정확도를 실제 진료 환경에서 확인하고 싶습니다. {area} 외래 "
            "또는 병동에서 20~30명 규모의 실증을 희망합니다.",
            "인허가와 투자 유치에 쓸 실증 결과 보고서 확보"),
        Ask("{product} 사용적합성 평가 실증",
            "의료진과 환자가 참여하는 사용적합성 평가(IEC 62366)를 병원에서 진행하고 싶습니다. "
            "평가 시나리오 초안을 준비해 두었습니다.",
            "사용적합성 평가 보고서 작성"),
        Ask("{area} 진료 흐름 적용 실증: {product}",
            "{area} 진료 흐름에 {product} 도입 효과를 검증하고 싶습니다. 기존 장비와의 연동과 "
            "측정값 비교가 주된 목표입니다.",
            "표준 검사 대비 일치도 확인"),
    ],
    S.MEDICAL_DATA: [
        Ask("{area} 환자 진료·영상 데이터 활용 요청",
            "{product}의 연구개발과 성능 검증에 쓸 {area} 환자의 가명처리된 진료·영상 "
            "데이터가 필요합니다. 약 1,000건 규모를 희망합니다.",
            "외부 검증용 데이터셋 확보"),
        Ask("{product} 성능 검증용 후향적 데이터 분석",
            "후향적 의무기록 분석으로 {product}의 예측 성능을 확인하고 싶습니다. 안심 분석실 "
            "이용 조건과 데이터심의 일정을 알고 싶습니다.",
            "후향적 성능 검증 결과 확보"),
    ],
    S.TESTING_ANALYSIS: [
        Ask("{product} 임상 검체 성능 시험",
            "{product}의 민감도와 특이도를 임상 검체로 확인하고 싶습니다. 필요한 검체 수와 보관 "
            "조건을 상의드리고 싶습니다.",
            "허가 신청에 첨부할 시험성적서 확보"),
        Ask("{product} 비교 분석 시험 의뢰",
            "시판 중인 기존 제품과 {product}의 측정 결과를 비교하는 분석 시험을 의뢰합니다.",
            "비교 분석 결과표 확보"),
    ],
    S.CLINICIAN_MENTORING: [
        Ask("{product} 임상 적용 시나리오 멘토링",
            "{product}의 실제 쓰임새를 임상의 관점에서 점검받고 싶습니다. 어떤 환자에게, 진료 "
            "흐름의 어느 단계에서 쓰일지가 궁금합니다.",
            "제품 콘셉트와 목표 사용자 확정"),
        Ask("{area} 전문의 멘토링 요청",
            "투자 유치를 앞두고 {product}의 임상적 가치와 경쟁 기술 대비 차별점을 {area} "
            "전문의에게 검토받고 싶습니다.",
            "IR 자료의 임상 근거 보완"),
    ],
    S.UNMET_NEEDS: [
        Ask("{area} 분야 미충족 임상 수요 탐색",
            "{product} 기술을 적용할 {area} 분야의 미충족 수요를 찾고 있습니다. 의료진 인터뷰 "
            "기회를 원합니다.",
            "공동개발 과제 후보 도출"),
    ],
    S.REGULATORY_CONSULTING: [
        Ask("{product} 식약처 품목허가 전략 상담",
            "{product}의 등급 분류와 허가 경로를 확인하고, 필요한 시험 항목과 기술문서 목록을 "
            "정리하고 싶습니다.",
            "식약처 허가 신청 일정 확정"),
        Ask("{product} FDA 510(k) 진출 전략",
            "미국 시장 진출을 위해 {product}의 비교 대상 기기 선정과 510(k) 제출 전략을 "
            "자문받고 싶습니다.",
            "FDA Pre-Submission 미팅 준비"),
        Ask("{product} 변경허가 대응 자문",
            "{product}의 원자재와 제조소 변경에 따라 변경허가가 필요한 범위를 확인하고 싶습니다.",
            "변경허가 신청서 제출"),
    ],
    S.GMP_CONSULTING: [
        Ask("{product} 제조시설 GMP 심사 대비",
            "첫 GMP 심사를 앞두고 품질문서 체계와 밸리데이션 계획의 갭 분석을 받고 싶습니다.",
            "GMP 적합 인정"),
        Ask("ISO 13485 품질경영체계 구축 지원",
            "{product} 양산을 위해 ISO 13485 인증을 준비하고 있습니다. 절차서 체계를 점검받고 "
            "싶습니다.",
            "ISO 13485 인증 심사 통과"),
    ],
    S.IP_STRATEGY: [
        Ask("{product} 핵심 기술 특허 출원 전략",
            "{product} 핵심 기술을 출원하기 전에 선행기술 조사와 청구범위 전략을 자문받고 "
            "싶습니다.",
            "국내 출원 후 PCT 진입 계획 수립"),
        Ask("경쟁사 특허 회피 설계 검토",
            "{product} 출시 전에 주요 경쟁사 특허의 침해 가능성을 점검하고 회피 설계 방향을 "
            "찾고 싶습니다.",
            "자유실시(FTO) 의견 확보"),
    ],
    S.OVERSEAS_CERTIFICATION: [
        Ask("{product} CE/MDR 인증 준비",
            "유럽 수출을 위해 {product}의 MDR 기술문서와 임상평가보고서 준비 상태를 점검받고 "
            "싶습니다.",
            "인증기관 심사 신청"),
        Ask("{product} 동남아 수출 인증 요건 확인",
            "베트남·태국 수출을 앞두고 {product}의 현지 등록 요건과 필요한 서류를 알고 싶습니다.",
            "수출 대상국 등록 서류 준비"),
    ],
}  # fmt: skip

# The product stages a request of each type usually comes from.
STAGES = {
    S.CLINICAL_TRIAL_CONSULTING: [P.NONCLINICAL, P.CLINICAL],
    S.INVESTIGATOR_INITIATED_TRIAL: [P.CLINICAL, P.ON_MARKET],
    S.CLINICAL_VALIDATION: [P.PROTOTYPE, P.CLINICAL],
    S.MEDICAL_DATA: [P.IDEA, P.PROTOTYPE],
    S.TESTING_ANALYSIS: [P.PROTOTYPE, P.NONCLINICAL],
    S.CLINICIAN_MENTORING: [P.IDEA, P.PROTOTYPE],
    S.UNMET_NEEDS: [P.IDEA],
    S.REGULATORY_CONSULTING: [P.CLINICAL, P.APPROVAL],
    S.GMP_CONSULTING: [P.APPROVAL, P.ON_MARKET],
    S.IP_STRATEGY: [P.IDEA, P.PROTOTYPE],
    S.OVERSEAS_CERTIFICATION: [P.APPROVAL, P.ON_MARKET],
}

DELIVERIES = {
    S.CLINICAL_TRIAL_CONSULTING: Delivery(
        "임상시험 설계 검토 의견서를 올립니다. 1차 평가변수와 대상자 수 산출 근거를 보완했고, "
        "식약처 사전상담 때 함께 내시길 권합니다.",
        "임상시험설계_검토의견서.pdf",
        "Protocol review: primary endpoint, sample size and comparator recommendations.",
    ),
    S.INVESTIGATOR_INITIATED_TRIAL: Delivery(
        "연구계획서 최종본과 IRB 승인 통지서, 모집 일정표를 올립니다. 첫 대상자 등록 후 "
        "진행 상황을 공유드리겠습니다.",
        "IIT_연구계획서_최종.pdf",
        "Final protocol of the investigator-initiated trial, IRB decision and timeline.",
    ),
    S.CLINICAL_VALIDATION: Delivery(
        "실증 결과 보고서를 올립니다. 참여 의료진 의견과 측정 일치도 분석을 담았습니다.",
        "임상실증_결과보고서.pdf",
        "Clinical validation report: agreement analysis and clinicians' feedback.",
    ),
    S.MEDICAL_DATA: Delivery(
        "데이터 추출과 분석이 끝났습니다. 안심 분석실에서 반출 승인된 요약 통계 보고서를 올립니다.",
        "데이터분석_결과요약.pdf",
        "Summary statistics released from the secure analysis room.",
    ),
    S.TESTING_ANALYSIS: Delivery(
        "시험을 마치고 시험성적서를 발급했습니다. 원자료는 요청하시면 별도로 드립니다.",
        "시험성적서.pdf",
        "Test report with methods, acceptance criteria and results.",
    ),
    S.CLINICIAN_MENTORING: Delivery(
        "멘토링 의견서를 올립니다. 목표 사용자와 진료 흐름에 대한 제안을 정리했습니다.",
        "임상의_멘토링_의견서.pdf",
        "Clinician's written opinion on target users and clinical workflow.",
    ),
    S.UNMET_NEEDS: Delivery(
        "의료진 인터뷰 결과와 공동개발 과제 후보 세 건을 정리해 올립니다.",
        "미충족수요_인터뷰결과.pdf",
        "Clinician interviews and three candidate joint projects.",
    ),
    S.REGULATORY_CONSULTING: Delivery(
        "인허가 전략 보고서를 올립니다. 허가 경로, 필요한 시험 목록과 제출 일정을 담았습니다.",
        "인허가_전략보고서.pdf",
        "Regulatory strategy: pathway, required tests and submission timeline.",
    ),
    S.GMP_CONSULTING: Delivery(
        "갭 분석 보고서와 개선 과제 목록을 올립니다. 모의 심사 지적 사항도 포함했습니다.",
        "GMP_갭분석보고서.pdf",
        "GMP gap analysis with the findings of the mock audit.",
    ),
    S.IP_STRATEGY: Delivery(
        "선행기술 조사 결과와 출원 전략 보고서를 올립니다. 변리사 검토 의견을 함께 담았습니다.",
        "IP_전략보고서.pdf",
        "Prior-art search and filing strategy reviewed by a patent attorney.",
    ),
    S.OVERSEAS_CERTIFICATION: Delivery(
        "해외인증 준비 점검 결과와 일정표를 올립니다. 보완할 기술문서 항목을 표시했습니다.",
        "해외인증_점검보고서.pdf",
        "Certification readiness review with the documents still to complete.",
    ),
}
