"""The scores demo reviewers give: centered on the project's quality, shifted by the
reviewer's habit (harsh or lenient), with some noise, in steps of half a point.

Where an application is marked `split`, its first reviewer sees it far more favorably
than the others, so the stage flags the disagreement.
"""

from __future__ import annotations

import random
from decimal import Decimal

SPLIT_SHIFT = 0.38

COMMENTS = {
    "high": [
        "핵심 기술의 차별성이 분명하고 인허가·해외 진출 일정이 구체적입니다.",
        "매출 실적과 고용 성장이 뚜렷하며 지원 항목이 성장 단계에 잘 맞습니다.",
        "임상 근거가 충분하고 사업화 전략이 현실적입니다.",
    ],
    "middle": [
        "기술은 우수하나 목표 시장 분석과 매출 계획을 더 구체화할 필요가 있습니다.",
        "지원 항목은 적절하나 일정이 다소 낙관적입니다.",
        "경쟁 제품 대비 차별점을 수치로 보여 주면 좋겠습니다.",
    ],
    "low": [
        "지원 필요성은 인정되나 기술 완성도와 사업화 계획이 아직 초기 단계입니다.",
        "사업계획의 목표와 지원 항목 사이의 연결이 약합니다.",
    ],
}


def _half_steps(value: float, low: int, high: int) -> Decimal:
    clamped = min(max(value, low), high)
    return Decimal(round(clamped * 2)) / 2


def review_scores(
    rng: random.Random,
    *,
    criteria: list,
    quality: float,
    bias: float,
    shift: float = 0.0,
) -> dict[int, Decimal]:
    """Scores by criterion pk for one review."""
    # One draw for the whole review (how the reviewer read this project), one per criterion.
    reading = rng.gauss(0, 0.04)
    scores = {}
    for criterion in criteria:
        low, high = criterion.scale_min, criterion.scale_max
        share = quality + bias + shift + reading + rng.gauss(0, 0.06)
        scores[criterion.pk] = _half_steps(low + (high - low) * share, low, high)
    return scores


def review_comment(rng: random.Random, quality: float) -> str:
    band = "high" if quality >= 0.68 else "middle" if quality >= 0.55 else "low"
    return rng.choice(COMMENTS[band])
