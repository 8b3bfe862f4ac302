"""What the cluster operators, the testing institute and two regulatory firms offer:
regulatory consulting (MFDS, FDA 510(k), CE/MDR), GMP, IP strategy, overseas
certification and nonclinical or device testing.

The cluster operators' services are free for companies under the regional-center
program; the firms charge a fixed fee or quote per request. The firms are companies of
the directory demo whose business is regulatory work; when the generated directory no
longer has them, their services are left out.
"""

from __future__ import annotations

from ieum.linkage.enums import FeeBasis, RequiredDocument, ServiceType

REGIONAL_PROGRAM = "K-바이오헬스 지역센터 지원사업"
NDA = RequiredDocument.NDA
FREE = FeeBasis.FREE_UNDER_PROGRAM
# The regulatory firms (directory demo companies) and how they speak of themselves.
EXPERT_FIRMS = ("saeron-bio-services", "eco-research")


def _offer(provider, service_type, names, descriptions, expertise, **terms) -> dict:
    name_ko, name_en = names
    description_ko, description_en = descriptions
    expertise_ko, expertise_en = expertise
    fields = {
        "service_type": service_type,
        "name_ko": name_ko,
        "name_en": name_en,
        "description_ko": description_ko,
        "description_en": description_en,
        "expertise_ko": expertise_ko,
        "expertise_en": expertise_en,
        "lead_time_days": terms.get("lead", 20),
        "response_days": terms.get("answer", 3),
        "fee_basis": terms.get("fee", FREE),
        "fee_krw": terms.get("krw"),
        "program_name": REGIONAL_PROGRAM if terms.get("fee", FREE) == FREE else "",
        "required_documents": terms.get("documents", [NDA]),
        "contact_email": "",
        "is_active": True,
    }
    return {"provider": provider, "fields": fields, "areas": terms.get("areas", [])}


EXPERT_OFFERINGS = [
    _offer(
        "osong-medical-foundation", ServiceType.REGULATORY_CONSULTING,
        ("의약품·의료기기 인허가 컨설팅 (MFDS)",
         "Regulatory consulting for drugs and devices (MFDS)"),
        ("식약처 품목허가나 임상시험계획 승인을 신청하기 전에 자료 구성과 규제 전략을 "
         "검토합니다. 허가 경로 판단, 기술문서·안전성 자료 목록 점검, 식약처 사전상담 "
         "준비와 동행을 지원합니다.",
         "Before an MFDS marketing or investigational application: the approval route, "
         "the technical and safety files you need, and preparing for (and joining) the "
         "MFDS pre-submission meeting."),
        ("식약처 인허가 · 임상시험계획 승인 · 신의료기술평가",
         "MFDS approval · investigational plans · new health technology assessment"),
        lead=15, answer=3,
    ),
    _offer(
        "osong-medical-foundation", ServiceType.GMP_CONSULTING,
        ("바이오의약품 GMP 실사 대비 컨설팅", "GMP inspection readiness for biologics"),
        ("시험생산 시설을 갖춘 기업의 GMP 실사를 대비합니다. 문서 체계와 밸리데이션 계획의 "
         "갭 분석, 모의 실사와 개선 권고까지 수행하며 범위에 따라 견적을 드립니다.",
         "Readiness for a GMP inspection of your pilot plant: gap analysis of documents "
         "and validation plans, a mock inspection and recommendations; quoted by scope."),
        ("의약품 GMP · 밸리데이션 · 모의 실사", "drug GMP · validation · mock inspections"),
        lead=30, answer=4, fee=FeeBasis.QUOTED,
    ),
    _offer(
        "kmedi-hub", ServiceType.REGULATORY_CONSULTING,
        ("FDA 510(k) 인허가 전략 컨설팅", "FDA 510(k) strategy consulting"),
        ("미국 진출을 준비하는 의료기기 기업에 비교 대상 기기(predicate) 선정, 510(k) 제출 "
         "자료 구성, Pre-Submission 미팅 준비를 자문합니다. 정해진 요금으로 전략 보고서를 "
         "드립니다.",
         "For device makers heading to the US: choosing the predicate device, building "
         "the 510(k) file and preparing the Pre-Submission meeting; a strategy report at "
         "a fixed fee."),
        ("FDA 510(k) · Pre-Submission · 실질적 동등성",
         "FDA 510(k) · Pre-Sub · substantial equivalence"),
        lead=25, answer=3, fee=FeeBasis.FIXED, krw=5_000_000,
    ),
    _offer(
        "kmedi-hub", ServiceType.GMP_CONSULTING,
        ("의료기기 GMP(KGMP)·ISO 13485 구축 컨설팅", "Device GMP (KGMP) and ISO 13485 set-up"),
        ("첫 의료기기 GMP 심사를 앞둔 기업의 품질경영체계를 만듭니다. 절차서와 기록 양식, "
         "설계 관리와 공급자 관리, 내부 심사까지 단계별로 돕습니다.",
         "A quality system for your first device GMP audit: procedures and forms, design "
         "and supplier controls, and an internal audit, step by step."),
        ("KGMP · ISO 13485 · 설계 관리", "KGMP · ISO 13485 · design controls"),
        lead=30, answer=3,
    ),
    _offer(
        "wonju-medical-technovalley", ServiceType.REGULATORY_CONSULTING,
        ("의료기기 인허가 상담 (MFDS 1~3등급)", "Device regulatory advice (MFDS classes 1–3)"),
        ("등급 분류와 품목 판단부터 기술문서 작성, 시험 항목 선정까지 의료기기 인허가 "
         "전 과정을 상담합니다. 원주 시험·인증 장비와 연계해 일정을 짧게 잡습니다.",
         "From classification to the technical file and the tests needed, with Wonju's "
         "test and certification equipment to keep the schedule short."),
        ("의료기기 등급 분류 · 기술문서 · 시험 항목",
         "classification · technical files · test plans"),
        lead=10, answer=2,
    ),
    _offer(
        "wonju-medical-technovalley", ServiceType.OVERSEAS_CERTIFICATION,
        ("CE/MDR 해외인증 컨설팅", "CE marking under the MDR"),
        ("유럽 MDR 기술문서와 임상평가보고서(CER), 인증기관 심사 일정을 점검합니다. "
         "ISO 13485 품질시스템과의 연결도 함께 확인합니다.",
         "Your MDR technical documentation, clinical evaluation report (CER) and notified "
         "body schedule, checked together with your ISO 13485 system."),
        ("CE/MDR · 임상평가보고서 · 인증기관 대응",
         "CE/MDR · clinical evaluation · notified bodies"),
        lead=30, answer=3, fee=FeeBasis.QUOTED,
    ),
    _offer(
        "wonju-medical-technovalley", ServiceType.TESTING_ANALYSIS,
        ("전기·기계적 안전 및 EMC 시험 (IEC 60601)", "Electrical safety and EMC tests (IEC 60601)"),
        ("능동 의료기기의 전기·기계적 안전과 전자파 적합성 시험을 수행하고 시험성적서를 "
         "발급합니다. 사전 시험으로 본시험 부적합 위험을 줄입니다.",
         "Electrical, mechanical safety and EMC tests of active devices with a test report; "
         "a pre-test lowers the risk of failing the formal one."),
        ("IEC 60601 · EMC · 능동 의료기기", "IEC 60601 · EMC · active devices"),
        lead=20, answer=2, fee=FeeBasis.FIXED, krw=2_500_000, documents=[],
    ),
    _offer(
        "gimhae-biomedical-agency", ServiceType.REGULATORY_CONSULTING,
        ("체외진단기기 인허가 컨설팅 (MFDS·CE-IVDR)", "IVD regulatory consulting (MFDS, CE-IVDR)"),
        ("체외진단 의료기기의 등급 판단, 임상적 성능시험 계획, 식약처 허가와 유럽 IVDR "
         "전환 일정을 함께 세웁니다. 김해 입주기업의 인허가 경험을 바탕으로 자문합니다.",
         "Classification of in-vitro diagnostics, clinical performance study plans, MFDS "
         "approval and the move to the EU IVDR, drawing on Gimhae residents' experience."),
        ("체외진단 · 임상적 성능시험 · IVDR", "in-vitro diagnostics · performance studies · IVDR"),
        lead=15, answer=2, areas=["infectious"],
    ),
    _offer(
        "gimhae-biomedical-agency", ServiceType.IP_STRATEGY,
        ("특허·IP 전략 컨설팅", "Patent and IP strategy"),
        ("핵심 기술의 선행기술을 조사하고, 출원 범위와 해외 출원(PCT) 일정, 경쟁사 특허 "
         "회피 방안을 협력 변리사와 함께 정리합니다.",
         "Prior-art search for your core technology, claim scope, PCT timing and design-"
         "arounds of competitors' patents, with a partner patent attorney."),
        ("선행기술 조사 · PCT 출원 · 특허 회피 설계", "prior art · PCT filing · design-around"),
        lead=20, answer=3,
    ),
    _offer(
        "gimhae-biomedical-agency", ServiceType.OVERSEAS_CERTIFICATION,
        ("해외인증 획득 지원 (CE·FDA·수출 인증)",
         "Overseas certification support (CE, FDA, export)"),
        ("수출 대상국의 인증 요건을 정리하고 시험·심사 비용 일부를 지원사업으로 돕습니다. "
         "인증기관 상담과 서류 번역 검수도 연계합니다.",
         "The target markets' certification requirements, part of the test and audit costs "
         "under the program, notified-body meetings and checked translations."),
        ("CE · FDA · 수출 인증", "CE · FDA · export certificates"),
        lead=25, answer=3,
    ),
    _offer(
        "jnu-biomaterials-center", ServiceType.REGULATORY_CONSULTING,
        ("생체재료 의료기기 규제과학(RA) 컨설팅", "Regulatory science for biomaterial devices"),
        ("인체 이식형·생체흡수성 의료기기의 허가 전략과 비임상 시험 계획을 규제과학 "
         "전문가가 검토합니다.",
         "Regulatory scientists review approval strategy and nonclinical test plans for "
         "implantable and bioresorbable devices."),
        ("이식형 의료기기 · 생체흡수성 소재 · 규제과학",
         "implants · bioresorbables · regulatory science"),
        lead=20, answer=3, areas=["dental"],
    ),
    _offer(
        "jnu-biomaterials-center", ServiceType.TESTING_ANALYSIS,
        ("생체적합성 비임상 시험 (ISO 10993)", "Biocompatibility testing (ISO 10993)"),
        ("세포독성, 감작성, 이식 시험 등 ISO 10993 생물학적 안전성 시험을 비임상 "
         "실증센터에서 수행합니다. 시험 범위에 따라 견적을 드립니다.",
         "ISO 10993 biological safety tests (cytotoxicity, sensitization, implantation) "
         "at the nonclinical validation center; quoted by scope."),
        ("ISO 10993 · 비임상 실증 · 동물시험",
         "ISO 10993 · nonclinical validation · animal studies"),
        lead=35, answer=4, fee=FeeBasis.QUOTED, areas=["dental"],
    ),
    _offer(
        "daejeon-technopark", ServiceType.IP_STRATEGY,
        ("기술이전·특허 포트폴리오 전략", "Technology transfer and patent portfolio"),
        ("연구소 기술을 이전받거나 공동연구를 시작하는 기업의 특허 포트폴리오를 "
         "진단하고 권리 확보 순서를 제안합니다.",
         "A review of the patent portfolio of companies licensing research-institute "
         "technology or starting joint research, with the order to secure rights."),
        ("기술이전 · 특허 포트폴리오 · 공동연구 계약",
         "licensing · patent portfolio · research agreements"),
        lead=20, answer=3,
    ),
    _offer(
        "kit-toxicology", ServiceType.TESTING_ANALYSIS,
        ("GLP 비임상 안전성·흡입독성 시험", "GLP nonclinical safety and inhalation toxicity"),
        ("신약과 의료기기의 GLP 비임상 안전성 시험을 수행합니다. 흡입독성 평가와 호흡기 "
         "질환 모델에 강하며 시험계획서 협의 후 견적을 드립니다.",
         "GLP nonclinical safety studies of drugs and devices, strong in inhalation "
         "toxicology and respiratory disease models; quoted once the protocol is agreed."),
        ("GLP · 흡입독성 · 호흡기질환 모델", "GLP · inhalation toxicology · respiratory models"),
        lead=60, answer=5, fee=FeeBasis.QUOTED, areas=["respiratory"],
    ),
    _offer(
        "saeron-bio-services", ServiceType.REGULATORY_CONSULTING,
        ("의료기기 인허가 대행 (MFDS 2·3등급)",
         "Device approvals handled for you (MFDS classes 2–3)"),
        ("기술문서 작성부터 식약처 접수와 보완 대응까지 2·3등급 의료기기 인허가를 "
         "대행합니다. 품목과 시험 범위에 따라 견적을 드립니다.",
         "We prepare the technical file, submit to the MFDS and answer its questions for "
         "class 2 and 3 devices; quoted by product and tests."),
        ("식약처 기술문서 · 보완 대응 · 2·3등급",
         "MFDS technical files · deficiency answers · classes 2–3"),
        lead=30, answer=2, fee=FeeBasis.QUOTED,
    ),
    _offer(
        "saeron-bio-services", ServiceType.REGULATORY_CONSULTING,
        ("FDA 510(k) 제출 서류 작성", "FDA 510(k) submission writing"),
        ("510(k) 제출 서류 일체(eSTAR)를 작성하고 FDA 추가 자료 요청(AI) 대응을 돕습니다.",
         "The complete 510(k) file in eSTAR and help with FDA additional-information "
         "requests."),
        ("FDA 510(k) · eSTAR · 추가 자료 대응", "FDA 510(k) · eSTAR · AI requests"),
        lead=35, answer=2, fee=FeeBasis.FIXED, krw=8_000_000,
    ),
    _offer(
        "eco-research", ServiceType.OVERSEAS_CERTIFICATION,
        ("CE/MDR 기술문서·임상평가보고서(CER) 작성", "CE/MDR technical files and CER writing"),
        ("유럽 MDR 인증에 필요한 기술문서와 임상평가보고서를 작성하고 인증기관 질의에 "
         "대응합니다.",
         "The technical documentation and clinical evaluation report for MDR "
         "certification, and answers to the notified body."),
        ("CE/MDR · CER · 시판 후 조사 계획", "CE/MDR · CER · post-market surveillance plans"),
        lead=40, answer=3, fee=FeeBasis.QUOTED,
    ),
    _offer(
        "eco-research", ServiceType.GMP_CONSULTING,
        ("KGMP·ISO 13485 품질체계 구축", "KGMP and ISO 13485 quality system"),
        ("의료기기 제조·수입업 허가와 GMP 심사에 필요한 품질체계를 구축하고 첫 심사에 "
         "동행합니다.",
         "The quality system a device maker or importer needs for its licence and GMP "
         "audit, with us at the first audit."),
        ("KGMP · ISO 13485 · 심사 동행", "KGMP · ISO 13485 · audit support"),
        lead=40, answer=3, fee=FeeBasis.FIXED, krw=6_000_000,
    ),
]  # fmt: skip
