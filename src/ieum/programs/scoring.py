"""A reviewer's scores: saved as a draft, submitted, and corrected until the stage is decided.

Scoring only checks and stores; totals, means and ranks are `aggregation`'s. Each save
locks the stage's and the assignment's rows, so the same reviewer saving from two tabs at
once leaves one score per criterion, all from the later save, and no save lands after the
stage is decided. Every score written goes through `save()`, so the
audit log keeps each change with its author.
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.programs.assignment import LIVE_STATUSES
from ieum.programs.conflicts import record_pair_conflicts
from ieum.programs.enums import AssignmentStatus, StageStatus
from ieum.programs.errors import ConflictOfInterestError, IllegalStep, Incomplete
from ieum.programs.models import (
    ConflictOfInterest,
    Criterion,
    ReviewAssignment,
    ReviewStage,
    Score,
)

# Scores go in half points: 3, 3.5, 4.
SCORE_STEP = Decimal("0.5")


def score_field(criterion_pk: int) -> str:
    """The name under which a criterion's error is reported (and a form's field named)."""
    return f"score_{criterion_pk}"


def _record_new_conflicts(actor, assignment: ReviewAssignment) -> None:
    # A relation that appeared since the call's last check (a meeting, a support case)
    # is recorded before the reviewer's step, which then finds it and is refused.
    if assignment.reviewer_id == actor.pk:
        record_pair_conflicts(application=assignment.application, reviewer=actor, actor=actor)


def _locked_for_review(actor, assignment: ReviewAssignment) -> ReviewAssignment:
    """The assignment, locked, once it is certain the actor may score it now.

    The stage's row is locked first (in the order assignment's functions take them), so
    a decision in progress is waited for and then seen: no score lands after it.
    """
    stage = (
        ReviewStage.objects.select_for_update(of=("self",))
        .select_related("call__program")
        .get(pk=assignment.stage_id)
    )
    assignment = (
        ReviewAssignment.objects.select_for_update(of=("self",))
        .select_related("application")
        .get(pk=assignment.pk)
    )
    assignment.stage = stage
    if assignment.reviewer_id != actor.pk:
        raise PermissionDenied(_("This review is someone else's."))
    # A conflict wins over any assignment row that is left.
    if ConflictOfInterest.objects.filter(
        application_id=assignment.application_id, reviewer=actor
    ).exists():
        raise ConflictOfInterestError(
            _("You have a conflict of interest with this application and cannot score it.")
        )
    if assignment.status == AssignmentStatus.RECUSED:
        raise IllegalStep(_("You recused yourself from this application."))
    stage, application = assignment.stage, assignment.application
    if stage.status == StageStatus.DECIDED:
        raise IllegalStep(_("This stage is decided; its scores can no longer change."))
    if application.status not in LIVE_STATUSES or application.current_stage_id != stage.pk:
        raise IllegalStep(_("This application is no longer under review in this stage."))
    return assignment


def _clean_values(values: Mapping, criteria: dict[int, Criterion]) -> dict[int, Decimal]:
    """The values by criterion, each checked; all errors at once, nothing stored."""
    cleaned, errors = {}, {}
    for key, raw in values.items():
        try:
            criterion = criteria[int(key)]
        except (KeyError, TypeError, ValueError):
            errors.setdefault("scores", []).append(
                _("There is no criterion %(key)s in this stage.") % {"key": key}
            )
            continue
        field = score_field(criterion.pk)
        try:
            value = Decimal(str(raw).strip())
        except (InvalidOperation, ValueError):
            errors[field] = [_("%(criterion)s: enter a number.") % {"criterion": criterion}]
            continue
        low, high = Decimal(criterion.scale_min), Decimal(criterion.scale_max)
        if not value.is_finite() or not low <= value <= high:
            errors[field] = [
                _("%(criterion)s: give a score from %(low)s to %(high)s.")
                % {"criterion": criterion, "low": low, "high": high}
            ]
        elif value % SCORE_STEP:
            errors[field] = [
                _("%(criterion)s: scores go in steps of 0.5.") % {"criterion": criterion}
            ]
        else:
            cleaned[criterion.pk] = value.quantize(Decimal("0.01"))
    if errors:
        raise ValidationError(errors)
    return cleaned


def save_scores(
    *, actor, assignment: ReviewAssignment, values: Mapping[int, Decimal], comment: str
) -> ReviewAssignment:
    """Store the reviewer's scores (by criterion pk) and comment; criteria left out keep
    their score. Allowed after submitting too, until the stage is decided."""
    _record_new_conflicts(actor, assignment)
    with transaction.atomic(), set_actor(actor):
        assignment = _locked_for_review(actor, assignment)
        criteria = {c.pk: c for c in Criterion.objects.filter(stage_id=assignment.stage_id)}
        cleaned = _clean_values(values, criteria)
        scores = {s.criterion_id: s for s in Score.objects.filter(assignment=assignment)}
        for criterion_pk, value in sorted(cleaned.items()):
            score = scores.get(criterion_pk)
            if score is None:
                Score.objects.create(
                    assignment=assignment, criterion=criteria[criterion_pk], value=value
                )
            elif score.value != value:
                score.value = value
                score.save(update_fields=["value", "updated_at"])
        comment = (comment or "").strip()
        if comment != assignment.comment:
            assignment.comment = comment
            assignment.save(update_fields=["comment", "updated_at"])
        return assignment


def missing_criteria(assignment: ReviewAssignment) -> list[Criterion]:
    scored = Score.objects.filter(assignment=assignment).values("criterion_id")
    return list(
        Criterion.objects.filter(stage_id=assignment.stage_id)
        .exclude(pk__in=scored)
        .order_by("position", "pk")
    )


def submit_review(*, actor, assignment: ReviewAssignment) -> ReviewAssignment:
    """Hand in the review once every criterion is scored; from then on the reviewer may
    see the other reviewers' scores. Submitting again changes nothing."""
    _record_new_conflicts(actor, assignment)
    with transaction.atomic(), set_actor(actor):
        assignment = _locked_for_review(actor, assignment)
        if assignment.status == AssignmentStatus.SUBMITTED:
            return assignment
        missing = missing_criteria(assignment)
        if missing:
            raise Incomplete(
                [
                    _("Score %(criterion)s before submitting.") % {"criterion": criterion}
                    for criterion in missing
                ]
            )
        assignment.status = AssignmentStatus.SUBMITTED
        assignment.submitted_at = timezone.now()
        assignment.save(update_fields=["status", "submitted_at", "updated_at"])
        return assignment
