"""What the demo companies write in their applications: a project title and summary
that fit the company's main technology field and name its own product.

Titles are in Korean as applicants write them; summaries give the Korean paragraph
first and an English one after it, for reviewers who read English.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieum.directory.models import Organization


@dataclass(frozen=True)
class Proposal:
    title: str
    summary_ko: str
    summary_en: str


# Technology field code → (title, Korean summary, English summary); {p} is the product's
# Korean name, {e} its English one.
PROPOSALS = {
    "ivd": (
        "{p} 해외 인허가(CE-IVDR·FDA) 획득과 양산 공정 고도화",
        "{p}의 임상 성능평가를 마치고 유럽 IVDR 인증과 미국 FDA 510(k) 신청을 준비합니다. "
        "지원금으로 자동 조립 라인을 갖추어 월 생산량을 두 배로 늘리고, 해외 유통사 두 곳과 "
        "공급 계약을 추진합니다.",
        "With the clinical performance study of {e} done, we are preparing CE-IVDR "
        "certification and an FDA 510(k). The support funds an automated assembly line that "
        "doubles monthly output, and supply agreements with two distributors abroad.",
    ),
    "medical-ai": (
        "{p} 다기관 확증 임상과 혁신의료기기 지정 신청",
        "{p}의 확증 임상을 병원 세 곳에서 진행해 민감도와 특이도를 검증하고, 식약처 "
        "혁신의료기기 지정과 비급여 시장 진입을 준비합니다. 병원 PACS 연동 모듈을 고도화해 "
        "도입 병원을 늘립니다.",
        "A three-hospital confirmatory study of {e} to verify sensitivity and specificity, "
        "then MFDS innovative-device designation and a non-reimbursed listing; a better PACS "
        "integration module brings more hospitals on board.",
    ),
    "nanomaterials": (
        "{p} 제형 공정 스케일업과 GLP 비임상 시험",
        "실험실 규모로 검증한 {p} 공정을 파일럿 규모(배치당 5 kg)로 키우고, GLP 기관에서 "
        "반복투여 독성과 생체적합성 시험을 수행합니다. 국내 제약사와 공동개발 계약을 "
        "목표로 합니다.",
        "Scaling the lab-proven process of {e} to pilot batches of 5 kg and running "
        "repeated-dose toxicity and biocompatibility studies at a GLP facility, aiming at a "
        "co-development agreement with a Korean drug maker.",
    ),
    "biomaterials": (
        "{p} 생체적합성(ISO 10993) 시험과 품목허가 신청",
        "{p}의 ISO 10993 생체적합성 시험과 동물 이식 시험을 마무리하고 식약처 품목허가를 "
        "신청합니다. 허가 후 치과·정형외과 병원 열 곳에 시범 공급할 계획입니다.",
        "Completing ISO 10993 biocompatibility and animal implantation studies of {e} and "
        "filing for MFDS approval; after approval, trial supply to ten dental and orthopedic "
        "clinics.",
    ),
    "regenerative": (
        "{p} GMP 생산 공정 확립과 임상 진입 준비",
        "{p}의 GMP 생산 공정을 확립하고 품질 시험법을 밸리데이션하여 임상시험계획 승인 "
        "신청을 준비합니다. 병원 연구자와 연구자 주도 임상을 공동 설계합니다.",
        "Establishing GMP production of {e} and validating its quality tests ahead of an IND "
        "filing, with an investigator-initiated trial designed together with hospital "
        "researchers.",
    ),
    "cell-gene": (
        "{p} 임상 1상 IND 신청과 GMP 위탁생산 체계 구축",
        "{p}의 비임상 효력 자료를 보완하고 위탁생산 기관과 GMP 생산 체계를 구축해 임상 1상 "
        "IND를 신청합니다. 기술이전 협상을 위한 데이터 패키지도 함께 만듭니다.",
        "Completing non-clinical efficacy data for {e}, setting up contract GMP manufacturing "
        "and filing a phase 1 IND, with a data package for licensing talks.",
    ),
    "biologics": (
        "{p} 세포주·공정 개발과 비임상 독성시험",
        "{p}의 고생산 세포주를 확보하고 정제 공정을 개발한 뒤 GLP 독성시험을 수행합니다. "
        "글로벌 제약사 오픈이노베이션 프로그램 지원을 병행합니다.",
        "Securing a high-yield cell line for {e}, developing its purification and running "
        "GLP toxicology, while applying to pharma open-innovation programs.",
    ),
    "medical-device": (
        "{p} 시제품 고도화와 해외 전시회 판로 개척",
        "사용자 평가에서 나온 개선점을 반영해 {p} 양산형 시제품을 완성하고, 전기안전·EMC "
        "시험을 거쳐 MEDICA와 아랍헬스에 출품합니다. 해외 대리점 세 곳 확보가 목표입니다.",
        "Finishing a production-ready prototype of {e} from user feedback, passing electrical "
        "safety and EMC tests, and exhibiting at MEDICA and Arab Health to sign three "
        "distributors.",
    ),
    "wearables": (
        "{p} 사용적합성 평가와 해외 온라인 판매 채널 구축",
        "{p}의 사용적합성 평가를 병원과 함께 수행해 착용감과 배터리 지속시간을 개선하고, "
        "미국·일본 온라인 판매 채널을 엽니다.",
        "Usability studies of {e} with a hospital to improve comfort and battery life, then "
        "online sales channels in the United States and Japan.",
    ),
    "infection-control": (
        "{p} 성능 시험과 동남아 수출 인증 획득",
        "{p}의 살균 성능을 공인시험기관에서 검증하고 베트남·태국 인증을 받아 병원 감염관리 "
        "시장에 진출합니다.",
        "Verifying the sterilizing performance of {e} at an accredited laboratory and "
        "obtaining Vietnamese and Thai certification to enter hospital infection control.",
    ),
    "digital-health": (
        "{p} 실사용 데이터 검증과 병원 도입 확대",
        "{p}의 실사용 데이터를 협력 병원에서 6개월간 수집해 효과를 검증하고, 보험 수가 "
        "신청 근거를 마련합니다.",
        "Six months of real-world data on {e} from partner hospitals to verify its effect and "
        "support a reimbursement application.",
    ),
    "pharmaceuticals": (
        "{p} 개량신약 비임상 패키지와 기술이전 준비",
        "{p}의 생체이용률 개선 자료와 비임상 패키지를 완성해 국내외 제약사와 기술이전 "
        "협상을 시작합니다.",
        "Completing bioavailability data and the non-clinical package of {e} to open "
        "licensing talks with drug makers at home and abroad.",
    ),
}
FALLBACK = (
    "{p} 사업화 고도화",
    "{p}의 품질 체계를 고도화하고 국내외 판로를 넓힙니다.",
    "Upgrading the quality system for {e} and widening its markets at home and abroad.",
)
# The technology fields a company is described by, in the order they are looked up.
FIELD_ORDER = list(PROPOSALS)


def proposal_for(company: Organization, *, fields: list, products: list) -> Proposal:
    """The company's project: by its first field with a text, naming its first product
    (or, without one, a new product of its field, so the title never names the company:
    blind reviews read it)."""
    codes = [term.code for term in fields]
    field = next((code for code in FIELD_ORDER if code in codes), None)
    title, ko, en = PROPOSALS.get(field, FALLBACK)
    if products:
        name_ko, name_en = products[0].name_ko, products[0].name_en or products[0].name_ko
    else:
        term = next((t for t in fields if t.code == field), fields[0] if fields else None)
        name_ko = f"{term.name_ko} 신제품" if term else "신제품"
        name_en = (
            f"a new {term.name_en.lower()} product" if term and term.name_en else "a new product"
        )
    return Proposal(
        title=title.format(p=name_ko)[:200],
        summary_ko=ko.format(p=name_ko, e=name_en),
        summary_en=en.format(p=name_ko, e=name_en),
    )


# Answers to "core technology" by field: what sets the company apart, in one sentence.
CORE_TECHNOLOGY = {
    "ivd": "신호증폭 표지 기술로 현장진단 검출한계를 기존 제품의 3분의 1로 낮췄습니다.",
    "medical-ai": "국내 병원 12곳의 판독 데이터 20만 건으로 학습한 판독 보조 알고리즘입니다.",
    "nanomaterials": "습식 나노분쇄로 난용성 원료의 입자 크기를 200 nm 이하로 균일하게 만듭니다.",
    "biomaterials": "흡수 기간을 조절할 수 있는 복합 생체재료로 골 재생 기간을 줄입니다.",
    "regenerative": "환자 유래 오가노이드를 대량 배양하는 무혈청 배양 기술을 보유했습니다.",
    "cell-gene": "고효율 유전자 전달 벡터와 자체 세포 배양 공정을 함께 갖추었습니다.",
    "biologics": "고생산 CHO 세포주와 연속 정제 공정으로 생산 단가를 낮췄습니다.",
    "medical-device": "핵심 부품을 국산화해 수입 제품보다 40% 낮은 가격으로 공급할 수 있습니다.",
    "wearables": "저전력 센서 모듈로 한 번 충전해 2주 동안 연속 측정합니다.",
    "infection-control": "저온 플라즈마 공정으로 열에 약한 기구를 30분 안에 멸균합니다.",
    "digital-health": "병원 EMR과 연동되는 환자 관리 앱으로 재입원율을 낮춥니다.",
    "pharmaceuticals": "기존 약물의 생체이용률을 두 배 높이는 제형 특허를 보유했습니다.",
}


def core_technology(fields: list[str]) -> str:
    """What sets the company apart, by its first field with a sentence; `fields` are codes."""
    field = next((code for code in FIELD_ORDER if code in fields), None)
    return CORE_TECHNOLOGY.get(field, "자체 개발한 핵심 공정으로 품질과 가격 경쟁력을 갖췄습니다.")
