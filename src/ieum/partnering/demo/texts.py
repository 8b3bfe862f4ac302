"""Words of the partnering demo: the shape of a technology need, and why proposals were
declined, what requests said, how meetings went and what came of them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class NeedText:
    """A demand company's technology need, with the ideas startups answer it with."""

    company: str
    title_ko: str
    title_en: str
    description_ko: str
    description_en: str
    areas: tuple[str, ...]  # therapeutic areas
    fields: tuple[str, ...]  # technology fields
    modalities: tuple[str, ...]
    stages: tuple[str, ...]  # TRL codes wanted
    deals: tuple[str, ...]
    # What a proposal to this need is about, in Korean and English.
    ideas: tuple[tuple[str, str], ...]


# How a startup introduces its answer; {idea}, {company}, {field} are filled in.
PROPOSAL_SUMMARIES_KO = [
    "{company}에서 {idea} 기술을 개발하고 있습니다. 비임상 데이터와 특허 출원을 확보했고, "
    "귀사의 {field} 포트폴리오에 맞춘 공동개발을 제안합니다. 상세 데이터는 비밀유지계약 후 "
    "공유하겠습니다.",
    "{idea} 분야에서 국내 대학병원과 검증을 마쳤습니다. {company}에서는 이 기술을 귀사 "
    "제품군에 맞게 최적화하는 기술협력이나 라이선싱을 바랍니다.",
    "{company}의 {idea} 개발은 시제품 단계를 지나 확증 시험을 준비하고 있습니다. 공개할 수 "
    "있는 성능 지표와 개발 로드맵을 미팅에서 소개하겠습니다.",
]
PROPOSAL_SUMMARIES_EN = [
    "{company} develops {idea}. We hold preclinical data and have filed patents, and we "
    "propose co-development that fits your {field} portfolio. Detailed data can follow "
    "under NDA.",
    "{company} has validated its work on {idea} with a Korean university hospital and is "
    "looking for a technology partnership or a licence to adapt it to your product line.",
    "{company}'s work on {idea} is past the prototype stage and preparing confirmatory "
    "studies. We will present non-confidential performance figures and our roadmap at the "
    "meeting.",
]

DECLINE_REASONS_KO = [
    "현재 파이프라인과 개발 단계가 맞지 않습니다. 임상 데이터가 확보되면 다시 검토하겠습니다.",
    "유사한 기술을 이미 내부에서 개발하고 있습니다.",
    "이번 행사에서는 치료 영역을 좁혀 검토하고 있어 함께하지 못하게 되었습니다.",
    "제안해 주신 적응증은 올해 사업 계획에 포함되어 있지 않습니다.",
]
DECLINE_REASONS_EN = [
    "The development stage does not match our current pipeline; please come back with "
    "clinical data.",
    "We already run a similar programme in-house.",
    "We have narrowed our search to fewer indications for this event.",
    "The proposed indication is outside this year's business plan.",
    "Manufacturing scale-up is not yet addressed; we would revisit after a GMP batch.",
]

REQUEST_MESSAGES_KO = [
    "귀사의 기술에 관심이 있어 1:1 미팅을 요청드립니다.",
    "공동연구 가능성을 논의하고 싶습니다. 30분 미팅 부탁드립니다.",
    "지난 벤처카페에서 인사드렸던 기업입니다. 후속 논의를 희망합니다.",
    "해외 임상 파트너를 찾고 있어 조언과 협력 가능성을 여쭙고 싶습니다.",
]
REQUEST_MESSAGES_EN = [
    "We would like to introduce our platform and discuss a possible collaboration.",
    "Your technology interests match our lead programme; could we meet for 30 minutes?",
    "We are looking for a partner for clinical validation abroad and would value a meeting.",
]
INVESTOR_MESSAGES = [
    "후속 투자 검토를 위해 사업 현황을 듣고 싶습니다.",
    "보건산업펀드 투자 대상 기업을 찾고 있습니다. 미팅 가능하실까요?",
    "시리즈 A 준비 상황을 여쭙고 싶습니다.",
]
REQUEST_DECLINE_REASONS = [
    "이번 행사 일정이 이미 가득 찼습니다.",
    "현재 검토 분야와 맞지 않습니다.",
    "Our team's agenda is full for this event; let us connect afterwards.",
    "Outside our current focus areas.",
]

FEEDBACK_KO = [
    (5, "기술 완성도가 높고 후속 논의 일정을 바로 잡았습니다.", True),
    (4, "데이터가 잘 정리되어 있어 내부 검토를 진행하기로 했습니다.", True),
    (4, "관심 분야가 잘 맞았습니다. 비밀유지계약 후 자료를 받기로 했습니다.", True),
    (3, "흥미로운 기술이지만 개발 단계가 아직 이릅니다.", False),
    (3, "시간이 부족해 핵심만 들었습니다. 이메일로 이어가겠습니다.", False),
    (2, "사전 자료와 실제 발표 내용에 차이가 있었습니다.", False),
]
FEEDBACK_EN = [
    (5, "Strong data and a clear plan; we set up a follow-up call right away.", True),
    (4, "Good fit with our search; we agreed to exchange an NDA.", True),
    (4, "Well prepared team, interesting platform for our pipeline.", True),
    (3, "Promising but too early for us; we will keep in touch.", False),
    (2, "The fit with our focus areas turned out to be weak.", False),
]

# Follow-up outcomes of the 2025 week: (kind, days after the meeting, amount, note).
OUTCOME_NOTES = {
    "nda": "상호 비밀유지계약 체결, 비임상 데이터 패키지 공유 시작",
    "poc": "6개월 기술검증(PoC) 계약, 시제품 20세트 평가",
    "joint_rd": "공동연구 계약 체결, 2026년 상반기 착수",
    "licensing": "아시아 지역 제외 글로벌 독점 라이선스 (선급금 기준 금액)",
    "investment": "시리즈 A 리드 투자",
    "supply": "연간 공급 계약 (첫해 물량 기준)",
}
