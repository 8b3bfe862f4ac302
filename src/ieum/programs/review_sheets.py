"""What a review shows of the scores: a reviewer's own, their weighted total and the other
reviewers' reviews. The review page and the API both read them here, so they show the
same thing."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Prefetch
from django.utils.translation import gettext as _

from ieum.programs import aggregation
from ieum.programs.enums import AssignmentStatus
from ieum.programs.models import ConflictOfInterest, Criterion, ReviewAssignment, Score


@dataclass(frozen=True)
class OtherReview:
    label: str
    status: str
    scores: list[Decimal | None]
    total: Decimal | None
    comment: str


def total_of(scores: dict[int, Decimal], criteria: list[Criterion]) -> Decimal | None:
    """A reviewer's weighted total (0–100), once every criterion is scored."""
    if not criteria or any(criterion.pk not in scores for criterion in criteria):
        return None
    return aggregation.weighted_total(scores, [aggregation.CriterionSpec.of(c) for c in criteria])


def other_reviews(
    assignment: ReviewAssignment, criteria: list[Criterion], *, named: bool
) -> list[OtherReview]:
    """The other live reviews of the application in this stage, by the order they were
    assigned; reviewers who recused or have a conflict are left out."""
    others = (
        ReviewAssignment.objects.filter(stage=assignment.stage, application=assignment.application)
        .exclude(pk=assignment.pk)
        .exclude(status=AssignmentStatus.RECUSED)
        .exclude(
            Exists(
                ConflictOfInterest.objects.filter(
                    application=OuterRef("application"), reviewer=OuterRef("reviewer")
                )
            )
        )
        .select_related("reviewer")
        .prefetch_related(Prefetch("scores", queryset=Score.objects.order_by()))
        .order_by("pk")
    )
    reviews = []
    for number, other in enumerate(others, start=1):
        scores = {score.criterion_id: score.value for score in other.scores.all()}
        label = (
            other.reviewer.get_full_name()
            if named
            else _("Reviewer %(number)d") % {"number": number}
        )
        reviews.append(
            OtherReview(
                label=label,
                status=other.get_status_display(),
                scores=[scores.get(criterion.pk) for criterion in criteria],
                total=total_of(scores, criteria),
                comment=other.comment,
            )
        )
    return reviews


def own_scores(assignment: ReviewAssignment) -> dict[int, Decimal]:
    return {score.criterion_id: score.value for score in assignment.scores.all()}
