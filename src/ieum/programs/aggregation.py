"""How reviewers' scores become one score and a rank per application.

The rules, with a worked example, are in docs/review-aggregation.md; in short:

1. A reviewer's total for an application is the weighted mean of its criteria, each
   rescaled from [scale_min, scale_max] to [0, 100]:
   Σ w·(s − min)/(max − min) / Σ w × 100.
   Only submitted reviews count; recused ones and those of a reviewer in conflict with
   the application never do.
2. Optionally (stage.normalize) each total is normalized per reviewer: z = (t − mean_r)
   / sd_r over that reviewer's totals in the stage (population SD; a reviewer with fewer
   than two totals, or all equal, gets z = 0), then put back on the points scale as
   overall_mean + z × overall_sd of every total in the stage.
3. The totals of an application combine by mean, median (the mean of the two middle
   values for an even count) or trimmed mean (drop stage.trim_count highest and as many
   lowest; with too few totals to trim, the plain mean, and the result says so).
4. Disagreement is the population SD of the raw totals; it is flagged from
   stage.disagreement_threshold.
5. Ranks run 1..n without shared places: complete applications (k submitted reviews)
   first, then by score, highest first; equal scores are ordered by the stage's tie-break
   (the criterion means, heaviest criterion first, or the earlier submission), then by
   submission time, then by application id. `tied_with_previous` marks where a
   tie-break decided.

Every number is computed exactly (fractions), except square roots, which are taken
with `Decimal.sqrt` in the fixed 40-digit context `CONTEXT`; each number shown is then
rounded half up to three decimals. Totals enter normalization, combination and the SD
as they are shown, rounded to three decimals. So the same scores always give the same
result, bit for bit, and every result can be checked by hand.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_EVEN, Context, Decimal
from fractions import Fraction

from django.db.models import Exists, OuterRef, Q, QuerySet

from ieum.programs.enums import Aggregation, ApplicationStatus, AssignmentStatus, TieBreak
from ieum.programs.models import Application, ConflictOfInterest, ReviewStage, Score

# Square roots and the divisions around them are taken in this context and nowhere else.
CONTEXT = Context(prec=40, rounding=ROUND_HALF_EVEN)
PLACES = 3

Number = Decimal | Fraction | int


@dataclass(frozen=True)
class CriterionSpec:
    pk: int
    weight: int
    scale_min: Decimal
    scale_max: Decimal
    position: int = 0

    @classmethod
    def of(cls, criterion) -> CriterionSpec:
        return cls(
            pk=criterion.pk,
            weight=criterion.weight,
            scale_min=Decimal(criterion.scale_min),
            scale_max=Decimal(criterion.scale_max),
            position=criterion.position,
        )


@dataclass(frozen=True)
class Review:
    """One reviewer's submitted scores for one application, keyed by criterion pk."""

    application_id: int
    reviewer_id: int
    scores: Mapping[int, Decimal]


@dataclass(frozen=True)
class Candidate:
    application_id: int
    submitted_at: datetime | None = None


@dataclass(frozen=True)
class Rules:
    """How a stage combines and ranks (the stage's fields of the same names)."""

    aggregation: str = Aggregation.MEAN
    trim_count: int = 1
    normalize: bool = False
    disagreement_threshold: Decimal = Decimal("15")
    tie_break: str = TieBreak.CRITERIA
    reviewers_per_application: int = 3


@dataclass
class RankedApplication:
    application_id: int
    rank: int
    # The combined score (of the normalized totals when normalizing); None without reviews.
    score: Decimal | None
    # The mean of the raw totals, whatever the method.
    raw_mean: Decimal | None
    # reviewer id → total, in reviewer id order.
    reviewer_totals: dict[int, Decimal]
    # reviewer id → normalized total; empty when not normalizing.
    normalized_totals: dict[int, Decimal]
    # Population SD of the raw totals; None without reviews.
    sd: Decimal | None
    disagreement: bool
    complete: bool
    # criterion pk → mean rescaled score (0–100), in criterion order.
    criterion_means: dict[int, Decimal]
    review_count: int = 0
    # The method applied: the stage's, or the mean when a trimmed mean had too few totals.
    method: str = Aggregation.MEAN
    trimmed_fallback: bool = False
    normalized: bool = False
    tied_with_previous: bool = False
    submitted_at: datetime | None = field(default=None, repr=False)


def round_half_up(value: Number) -> Decimal:
    """`value` rounded to three decimals, halves away from zero, exactly."""
    exact = Fraction(value)
    sign = -1 if exact < 0 else 1
    units = math.floor(abs(exact) * 10**PLACES + Fraction(1, 2))
    return Decimal(sign * units).scaleb(-PLACES)


def _decimal(value: Fraction) -> Decimal:
    return CONTEXT.divide(Decimal(value.numerator), Decimal(value.denominator))


def rescaled(value: Decimal, criterion: CriterionSpec) -> Fraction:
    """A criterion score on the 0–100 scale, exactly."""
    low, high = Fraction(criterion.scale_min), Fraction(criterion.scale_max)
    return (Fraction(value) - low) / (high - low) * 100


def weighted_total(scores: Mapping[int, Decimal], criteria: Sequence[CriterionSpec]) -> Decimal:
    """A reviewer's total: Σ w·(s − min)/(max − min) / Σ w × 100, to three decimals."""
    total_weight = sum(criterion.weight for criterion in criteria)
    if total_weight <= 0:
        raise ValueError("The criteria carry no weight.")
    weighted = Fraction(0)
    for criterion in criteria:
        if criterion.pk not in scores:
            raise ValueError(f"No score for criterion {criterion.pk}.")
        weighted += criterion.weight * rescaled(scores[criterion.pk], criterion)
    return round_half_up(weighted / total_weight)


def exact_mean(values: Sequence[Number]) -> Fraction:
    return sum((Fraction(value) for value in values), Fraction(0)) / len(values)


def population_sd(values: Sequence[Number]) -> Decimal:
    """√(Σ (v − mean)² / n), unrounded, in `CONTEXT`; 0 for fewer than two values."""
    if len(values) < 2:
        return Decimal(0)
    mean = exact_mean(values)
    variance = sum(((Fraction(value) - mean) ** 2 for value in values), Fraction(0)) / len(values)
    return CONTEXT.sqrt(_decimal(variance))


def median(values: Sequence[Number]) -> Fraction:
    ordered = sorted(Fraction(value) for value in values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def combine(values: Sequence[Decimal], *, method: str, trim_count: int) -> tuple[Decimal, str]:
    """The combined score of an application's totals, and the method actually applied."""
    if not values:
        raise ValueError("No totals to combine.")
    if method == Aggregation.MEDIAN:
        return round_half_up(median(values)), Aggregation.MEDIAN
    if method == Aggregation.TRIMMED_MEAN:
        if len(values) <= 2 * trim_count:
            return round_half_up(exact_mean(values)), Aggregation.MEAN
        ordered = sorted(values)
        kept = ordered[trim_count : len(ordered) - trim_count]
        return round_half_up(exact_mean(kept)), Aggregation.TRIMMED_MEAN
    return round_half_up(exact_mean(values)), Aggregation.MEAN


def normalize_totals(totals: Iterable[tuple[int, int, Decimal]]) -> dict[tuple[int, int], Decimal]:
    """Per-reviewer z-scores put back on the points scale of the whole stage.

    `totals` holds (application id, reviewer id, total); the result maps
    (application id, reviewer id) to the normalized total, to three decimals.
    """
    totals = list(totals)
    if not totals:
        return {}
    every = [total for _, _, total in totals]
    overall_mean = _decimal(exact_mean(every))
    overall_sd = population_sd(every)
    by_reviewer: dict[int, list[Decimal]] = defaultdict(list)
    for _, reviewer_id, total in totals:
        by_reviewer[reviewer_id].append(total)
    spread = {
        reviewer_id: (exact_mean(values), population_sd(values))
        for reviewer_id, values in by_reviewer.items()
    }
    normalized = {}
    for application_id, reviewer_id, total in totals:
        mean, sd = spread[reviewer_id]
        if len(by_reviewer[reviewer_id]) < 2 or sd == 0:
            z = Decimal(0)
        else:
            z = CONTEXT.divide(_decimal(Fraction(total) - mean), sd)
        value = CONTEXT.add(overall_mean, CONTEXT.multiply(z, overall_sd))
        normalized[(application_id, reviewer_id)] = round_half_up(value)
    return normalized


def _criteria_order(criteria: Sequence[CriterionSpec]) -> list[CriterionSpec]:
    """Heaviest first; equal weights in their order on the form."""
    return sorted(criteria, key=lambda c: (-c.weight, c.position, c.pk))


def aggregate(
    *,
    candidates: Sequence[Candidate],
    reviews: Sequence[Review],
    criteria: Sequence[CriterionSpec],
    rules: Rules,
) -> list[RankedApplication]:
    """Rank the candidates by their reviews under the stage's rules (pure: no database)."""
    criteria = sorted(criteria, key=lambda c: (c.position, c.pk))
    known = {candidate.application_id for candidate in candidates}
    counted = [r for r in reviews if r.application_id in known]
    counted.sort(key=lambda r: (r.application_id, r.reviewer_id))
    totals = {
        (r.application_id, r.reviewer_id): weighted_total(r.scores, criteria) for r in counted
    }
    normalized = (
        normalize_totals((a, r, total) for (a, r), total in totals.items())
        if rules.normalize
        else {}
    )
    by_application: dict[int, list[Review]] = defaultdict(list)
    for review in counted:
        by_application[review.application_id].append(review)

    rows = []
    for candidate in candidates:
        own = by_application.get(candidate.application_id, [])
        row = RankedApplication(
            application_id=candidate.application_id,
            rank=0,
            score=None,
            raw_mean=None,
            reviewer_totals={},
            normalized_totals={},
            sd=None,
            disagreement=False,
            complete=len(own) >= rules.reviewers_per_application,
            criterion_means={},
            review_count=len(own),
            method=rules.aggregation,
            normalized=rules.normalize,
            submitted_at=candidate.submitted_at,
        )
        if own:
            keys = [(candidate.application_id, review.reviewer_id) for review in own]
            raw = [totals[key] for key in keys]
            row.reviewer_totals = {key[1]: totals[key] for key in keys}
            if rules.normalize:
                row.normalized_totals = {key[1]: normalized[key] for key in keys}
            combined = list(row.normalized_totals.values()) if rules.normalize else raw
            row.score, row.method = combine(
                combined, method=rules.aggregation, trim_count=rules.trim_count
            )
            row.trimmed_fallback = row.method != rules.aggregation
            row.raw_mean = round_half_up(exact_mean(raw))
            row.sd = round_half_up(population_sd(raw))
            row.disagreement = len(raw) >= 2 and row.sd >= rules.disagreement_threshold
            row.criterion_means = {
                criterion.pk: round_half_up(
                    exact_mean([rescaled(review.scores[criterion.pk], criterion) for review in own])
                )
                for criterion in criteria
            }
        rows.append(row)
    return _ranked(rows, criteria=criteria, tie_break=rules.tie_break)


def _ranked(
    rows: list[RankedApplication], *, criteria: Sequence[CriterionSpec], tie_break: str
) -> list[RankedApplication]:
    order = _criteria_order(criteria)

    def standing(row: RankedApplication) -> tuple:
        # Complete before incomplete, scored before unscored, then the higher score.
        return (not row.complete, row.score is None, -(row.score or 0))

    def tie_breakers(row: RankedApplication) -> tuple:
        by_criteria: tuple = ()
        if tie_break == TieBreak.CRITERIA and row.criterion_means:
            by_criteria = tuple(-row.criterion_means[c.pk] for c in order)
        when = (row.submitted_at is None, row.submitted_at)
        return (by_criteria, when, row.application_id)

    rows.sort(key=lambda row: (standing(row), tie_breakers(row)))
    previous = None
    for rank, row in enumerate(rows, start=1):
        row.rank = rank
        row.tied_with_previous = previous is not None and standing(previous) == standing(row)
        previous = row
    return rows


def ranked_applications(stage: ReviewStage) -> QuerySet[Application]:
    """The applications a stage ranks: those at it now, and those it decided on (which
    may have gone on to the next stage), never drafts or withdrawn ones."""
    return (
        Application.objects.filter(Q(current_stage=stage) | Q(decisions__stage=stage))
        .exclude(status__in=(ApplicationStatus.DRAFT, ApplicationStatus.WITHDRAWN))
        .distinct()
    )


def rank_stage(
    stage: ReviewStage, *, aggregation: str | None = None, normalize: bool | None = None
) -> list[RankedApplication]:
    """The ranking of a stage's applications, in three queries whatever their number.

    `aggregation` and `normalize` override the stage's settings (to compare methods).
    """
    criteria = [CriterionSpec.of(c) for c in stage.criteria.order_by("position", "pk")]
    applications = ranked_applications(stage)
    candidates = [
        Candidate(application_id=pk, submitted_at=submitted_at)
        for pk, submitted_at in applications.order_by("pk").values_list("pk", "submitted_at")
    ]
    conflicted = ConflictOfInterest.objects.filter(
        application_id=OuterRef("assignment__application_id"),
        reviewer_id=OuterRef("assignment__reviewer_id"),
    )
    rows = (
        Score.objects.filter(
            assignment__stage=stage,
            assignment__status=AssignmentStatus.SUBMITTED,
            assignment__application__in=applications.values("pk"),
        )
        .exclude(Exists(conflicted))
        .values_list(
            "assignment_id",
            "assignment__application_id",
            "assignment__reviewer_id",
            "criterion_id",
            "value",
        )
    )
    scores: dict[tuple[int, int, int], dict[int, Decimal]] = defaultdict(dict)
    for assignment_id, application_id, reviewer_id, criterion_id, value in rows:
        scores[(assignment_id, application_id, reviewer_id)][criterion_id] = value
    wanted = {criterion.pk for criterion in criteria}
    # A submitted review lacking a criterion's score (which submitting prevents) is left out.
    reviews = [
        Review(application_id=application_id, reviewer_id=reviewer_id, scores=values)
        for (_, application_id, reviewer_id), values in scores.items()
        if wanted and wanted <= values.keys()
    ]
    rules = Rules(
        aggregation=aggregation or stage.aggregation,
        trim_count=stage.trim_count,
        normalize=stage.normalize if normalize is None else normalize,
        disagreement_threshold=stage.disagreement_threshold,
        tie_break=stage.tie_break,
        reviewers_per_application=stage.reviewers_per_application,
    )
    return aggregate(candidates=candidates, reviews=reviews, criteria=criteria, rules=rules)
