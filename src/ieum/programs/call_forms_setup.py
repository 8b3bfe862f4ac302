"""A call's application form (extra questions and required documents) and its review
stages with their criteria.

The form is fixed once any application was submitted: reviewers and the ranking must
judge every applicant on the same questions. A stage's criteria are fixed once a
reviewer has scored in it, since scores are kept per criterion on its scale; the
stage's other settings (how scores combine, how many advance, due date) may still
change until the stage is decided, because rankings are computed from the scores.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ieum.programs.call_locks import (
    field_problems,
    has_submissions,
    locked_call,
    require_not_cancelled,
)
from ieum.programs.enums import Aggregation, QuestionKind, StageStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import (
    Call,
    Criterion,
    Question,
    RequiredDocument,
    ReviewStage,
    Score,
)

QUESTION_FIELDS = (
    "position",
    "kind",
    "label_ko",
    "label_en",
    "help_ko",
    "help_en",
    "is_required",
    "choices",
    "max_length",
)
DOCUMENT_FIELDS = ("position", "name_ko", "name_en", "is_required")
STAGE_FIELDS = (
    "position",
    "kind",
    "name_ko",
    "name_en",
    "reviewers_per_application",
    "is_blind",
    "aggregation",
    "trim_count",
    "normalize",
    "disagreement_threshold",
    "tie_break",
    "advance_count",
    "reviews_due_at",
)
CRITERION_FIELDS = (
    "position",
    "name_ko",
    "name_en",
    "description_ko",
    "description_en",
    "weight",
    "scale_min",
    "scale_max",
)
# What a criterion's scores mean; names and descriptions may still be corrected.
SCORING_FIELDS = ("weight", "scale_min", "scale_max")
LONGEST_TEXT_ANSWER = 20000
HIGHEST_SCALE = 100
# Totals run from 0 to 100, so their standard deviation stays below 100.
HIGHEST_THRESHOLD = Decimal(100)


def _fields(row: dict[str, Any], allowed: tuple[str, ...]) -> dict[str, Any]:
    unknown = set(row) - {*allowed, "pk"}
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    return {
        field: value.strip() if isinstance(value, str) else value
        for field, value in row.items()
        if field != "pk"
    }


def _in_order(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows sorted by their position (then as given; rows without one last), numbered 1, 2, 3…"""

    def order(pair: tuple[int, dict[str, Any]]) -> tuple:
        index, row = pair
        return (row.get("position") is None, row.get("position") or 0, index)

    ordered = sorted(enumerate(rows), key=order)
    return [{**row, "position": number} for number, (_index, row) in enumerate(ordered, 1)]


def _existing(model, rows, **owner) -> dict[int, Any]:
    """The rows' existing records, refusing any that is not the owner's."""
    wanted = {row["pk"] for row in rows if row.get("pk")}
    found = {item.pk: item for item in model.objects.filter(pk__in=wanted, **owner)}
    if set(found) != wanted:
        raise ValidationError(_("The form was out of date; reload the page and try again."))
    return found


def _numbered(number: int, message: str) -> str:
    return _("Line %(number)s: %(problem)s") % {"number": number, "problem": message}


def _line_messages(number: int, errors: dict[str, list[str]]) -> list[str]:
    return [_numbered(number, message) for messages in errors.values() for message in messages]


def _require_form_open(call: Call) -> None:
    require_not_cancelled(call)
    if has_submissions(call):
        raise IllegalStep(
            _("Applications were submitted to this call, so its form can no longer change.")
        )


def _replace(model, *, call: Call, records: list) -> None:
    kept = [record.pk for record in records if record.pk]
    model.objects.filter(call=call).exclude(pk__in=kept).delete()
    for record in records:
        record.save()


# The application form


def _choice_problems(choices) -> list[str]:
    if not isinstance(choices, list) or not all(isinstance(c, dict) for c in choices):
        return [_("Write the choices one per line.")]
    values = [str(choice.get("value") or "").strip() for choice in choices]
    problems = []
    if len(set(filter(None, values))) < 2:
        problems.append(_("A choice question needs at least two different choices."))
    if len(set(values)) != len(values) or "" in values:
        problems.append(_("Give each choice its own value."))
    if any(not str(choice.get("ko") or "").strip() for choice in choices):
        problems.append(_("Give each choice a Korean label."))
    return problems


def _question_problems(question: Question) -> dict[str, list[str]]:
    errors = field_problems(question, exclude=["call", "choices"])
    if not question.label_ko:
        errors["label_ko"] = [_("Give the question a Korean label.")]
    if question.kind == QuestionKind.CHOICE:
        problems = _choice_problems(question.choices)
        if problems:
            errors["choices"] = problems
    elif question.choices:
        errors["choices"] = [_("Only choice questions have choices.")]
    if question.max_length is not None:
        if question.kind != QuestionKind.TEXT:
            errors["max_length"] = [_("Only text answers have a longest length.")]
        elif not 1 <= question.max_length <= LONGEST_TEXT_ANSWER:
            errors["max_length"] = [
                _("Allow between 1 and %(most)s characters.") % {"most": LONGEST_TEXT_ANSWER}
            ]
    return errors


def _clean_choices(choices) -> list[dict[str, str]]:
    return [
        {
            "value": str(choice.get("value") or "").strip(),
            "ko": str(choice.get("ko") or "").strip(),
            "en": str(choice.get("en") or "").strip(),
        }
        for choice in choices
    ]


def save_questions(*, actor, call: Call, questions: list[dict[str, Any]]) -> None:
    """Replace the call's extra questions with `questions`, in order of their positions.

    A row with the `pk` of one of the call's questions changes that question, so drafts
    keep their answers to it; questions left out are removed with their draft answers.
    """
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        _require_form_open(call)
        rows = _in_order(questions)
        existing = _existing(Question, rows, call=call)
        records, problems = [], []
        for row in rows:
            question = existing.get(row.get("pk")) or Question(call=call)
            for field, value in _fields(row, QUESTION_FIELDS).items():
                setattr(question, field, value)
            question.choices = question.choices or []
            errors = _question_problems(question)
            problems += _line_messages(row["position"], errors)
            if question.kind == QuestionKind.CHOICE and not errors:
                question.choices = _clean_choices(question.choices)
            records.append(question)
        if problems:
            raise ValidationError({"questions": problems})
        _replace(Question, call=call, records=records)


def save_documents(*, actor, call: Call, documents: list[dict[str, Any]]) -> None:
    """Replace the documents every applicant attaches, as `save_questions` does."""
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        _require_form_open(call)
        rows = _in_order(documents)
        existing = _existing(RequiredDocument, rows, call=call)
        records, problems = [], []
        for row in rows:
            document = existing.get(row.get("pk")) or RequiredDocument(call=call)
            for field, value in _fields(row, DOCUMENT_FIELDS).items():
                setattr(document, field, value)
            errors = field_problems(document, exclude=["call"])
            if not document.name_ko:
                errors["name_ko"] = [_("Give the document a Korean name.")]
            problems += _line_messages(row["position"], errors)
            records.append(document)
        if problems:
            raise ValidationError({"documents": problems})
        _replace(RequiredDocument, call=call, records=records)


# Review stages


def _stage_problems(stage: ReviewStage, *, call: Call) -> dict[str, list[str]]:
    errors = field_problems(stage, exclude=["call", "status"])
    if not stage.name_ko:
        errors["name_ko"] = [_("Give the stage a Korean name.")]
    if stage.position is not None and stage.position < 1:
        errors["position"] = [_("Number stages from 1.")]
    elif call.stages.exclude(pk=stage.pk).filter(position=stage.position).exists():
        errors["position"] = [_("Another stage of this call has this position.")]
    reviewers = stage.reviewers_per_application or 0
    if reviewers < 1:
        errors["reviewers_per_application"] = [_("Ask at least one reviewer per application.")]
    if stage.aggregation == Aggregation.TRIMMED_MEAN and reviewers >= 1:
        most = (reviewers - 1) // 2
        if most < 1:
            errors["aggregation"] = [_("A trimmed mean needs at least three reviewers.")]
        elif not 1 <= (stage.trim_count or 0) <= most:
            errors["trim_count"] = [
                _("With %(k)s reviewers, trim between 1 and %(most)s totals at each end.")
                % {"k": reviewers, "most": most}
            ]
    threshold = stage.disagreement_threshold
    if threshold is None or not 0 <= Decimal(threshold) <= HIGHEST_THRESHOLD:
        errors["disagreement_threshold"] = [_("Flag disagreement between 0 and 100 points.")]
    if stage.advance_count is not None and stage.advance_count < 1:
        errors["advance_count"] = [_("Advance at least one application, or leave it empty.")]
    return errors


def _criterion_problems(criterion: Criterion) -> dict[str, list[str]]:
    errors = field_problems(criterion, exclude=["stage"])
    if not criterion.name_ko:
        errors["name_ko"] = [_("Give the criterion a Korean name.")]
    if criterion.weight is None or criterion.weight < 1:
        errors["weight"] = [_("Weigh each criterion at least 1.")]
    low, high = criterion.scale_min, criterion.scale_max
    if low is None or high is None or low >= high:
        errors["scale_max"] = [_("The highest score must be above the lowest.")]
    elif high > HIGHEST_SCALE:
        errors["scale_max"] = [_("Scores go up to %(most)s at most.") % {"most": HIGHEST_SCALE}]
    return errors


def _scoring_changed(records: list[Criterion], stage: ReviewStage) -> bool:
    before = {
        c.pk: tuple(getattr(c, f) for f in SCORING_FIELDS)
        for c in Criterion.objects.filter(stage=stage)
    }
    after = {c.pk: tuple(getattr(c, f) for f in SCORING_FIELDS) for c in records}
    return before != after


def _check_positions_kept(stage: ReviewStage, *, call: Call, was_position: int | None) -> None:
    """Once applications were submitted they stand in stages; stages may be added after
    the last one, but none moves or comes before."""
    if not has_submissions(call):
        return
    if stage.pk is not None and stage.position != was_position:
        raise IllegalStep(_("Applications were submitted; stages can no longer be reordered."))
    if stage.pk is None:
        last = call.stages.order_by("-position").values_list("position", flat=True).first()
        if last is not None and stage.position <= last:
            raise IllegalStep(
                _("Applications were submitted; a new stage must come after stage %(last)s.")
                % {"last": last}
            )


def save_stage(
    *,
    actor,
    call: Call,
    stage: ReviewStage | None,
    data: dict[str, Any],
    criteria: list[dict[str, Any]],
) -> ReviewStage:
    """Create a stage (`stage` None) or change one, with its full list of criteria.

    Criteria rows with the `pk` of one of the stage's criteria change it; those left out
    are removed. Refused once the stage is decided, and for weights, scales or the set
    of criteria once any score was saved in the stage.
    """
    with transaction.atomic(), set_actor(actor):
        call = locked_call(call, actor=actor)
        require_not_cancelled(call)
        if stage is None:
            stage = ReviewStage(call=call)
            was_position = None
        else:
            stage = ReviewStage.objects.select_for_update().get(pk=stage.pk, call=call)
            was_position = stage.position
            if stage.status == StageStatus.DECIDED:
                raise IllegalStep(_("This stage is decided; it can no longer change."))
        for field, value in _fields(data, STAGE_FIELDS).items():
            setattr(stage, field, value)
        errors = _stage_problems(stage, call=call)
        rows = _in_order(criteria)
        existing = _existing(Criterion, rows, stage=stage) if stage.pk else {}
        if not stage.pk and any(row.get("pk") for row in rows):
            raise ValidationError(_("The form was out of date; reload the page and try again."))
        records, problems = [], []
        for row in rows:
            criterion = existing.get(row.get("pk")) or Criterion(stage=stage)
            for field, value in _fields(row, CRITERION_FIELDS).items():
                setattr(criterion, field, value)
            problems += _line_messages(row["position"], _criterion_problems(criterion))
            records.append(criterion)
        if not records:
            problems.append(_("Give the stage at least one criterion."))
        if problems:
            errors["criteria"] = problems
        if errors:
            raise ValidationError(errors)
        _check_positions_kept(stage, call=call, was_position=was_position)
        scored = stage.pk and Score.objects.filter(assignment__stage=stage).exists()
        if scored and _scoring_changed(records, stage):
            raise IllegalStep(
                _(
                    "Reviewers have scored in this stage, so its criteria, weights and "
                    "scales can no longer change."
                )
            )
        stage.save()
        kept = [record.pk for record in records if record.pk]
        Criterion.objects.filter(stage=stage).exclude(pk__in=kept).delete()
        for record in records:
            record.stage = stage
            record.save()
    return stage
