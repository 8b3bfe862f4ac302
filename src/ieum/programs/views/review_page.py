"""What a reviewer's page of one assignment shows: the application as the stage lets them
see it (no company in a blind stage), their own scores, and the other reviewers' scores
only once the rules allow it, anonymised for everyone but the call's managers."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.http import Http404

from ieum.core.models import pick_language
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, QuestionKind, StageStatus
from ieum.programs.models import (
    Application,
    ApplicationFile,
    Criterion,
    ReviewAssignment,
)
from ieum.programs.review_forms import RecuseForm, ScoreForm
from ieum.programs.review_sheets import other_reviews, own_scores, total_of


def held_assignment(user, pk: int) -> ReviewAssignment:
    """The assignment if its reviewer may still review it; 404 for everyone else, so a
    reviewer with a conflict learns nothing, not even that the application exists."""
    found = (
        ReviewAssignment.objects.select_related(
            "stage__call__program", "application__company", "application__created_by"
        )
        .exclude(application__status=ApplicationStatus.WITHDRAWN)
        .filter(pk=pk)
        .first()
    )
    if found is None or not user.has_perm("programs.review", found):
        raise Http404
    return found


@dataclass(frozen=True)
class Answer:
    label: str
    text: str
    files: list[ApplicationFile] = field(default_factory=list)


@dataclass(frozen=True)
class CriterionRow:
    criterion: Criterion
    description: str


def _answer_text(question, raw) -> str:
    if raw in (None, "", []):
        return ""
    if question.kind == QuestionKind.CHOICE:
        labels = dict(question.choice_pairs())
        values = raw if isinstance(raw, list) else [raw]
        return ", ".join(labels.get(value, str(value)) for value in values)
    return str(raw)


def application_content(application: Application) -> dict:
    """The answers under their question labels and the documents with their files."""
    call = application.call
    files = list(application.files.all())
    answers = [
        Answer(
            label=question.label,
            text=_answer_text(question, application.answers.get(str(question.pk))),
            files=[stored for stored in files if stored.question_id == question.pk],
        )
        for question in call.questions.all()
    ]
    documents = [
        (document, [stored for stored in files if stored.document_id == document.pk])
        for document in call.required_documents.all()
    ]
    return {
        "answers": answers,
        "documents": documents,
        "fields": list(application.fields.all()),
    }


def score_form(assignment: ReviewAssignment, criteria: list[Criterion], **kwargs) -> ScoreForm:
    scores = own_scores(assignment)
    initial = {ScoreForm.field_name(criterion): scores.get(criterion.pk) for criterion in criteria}
    initial["comment"] = assignment.comment
    return ScoreForm(criteria=criteria, initial=initial, **kwargs)


def review_context(
    user,
    assignment: ReviewAssignment,
    *,
    criteria: list[Criterion],
    form: ScoreForm | None = None,
    recuse_form: RecuseForm | None = None,
) -> dict:
    stage = assignment.stage
    application = assignment.application
    scores = own_scores(assignment)
    can_see_others = user.has_perm("programs.see_other_scores", assignment)
    rows = [
        CriterionRow(criterion, pick_language(criterion.description_ko, criterion.description_en))
        for criterion in criteria
    ]
    form = form or score_form(assignment, criteria)
    context = {
        "assignment": assignment,
        "stage": stage,
        "call": stage.call,
        "application": application,
        "blind": stage.is_blind,
        "criteria": rows,
        "form": form,
        "score_rows": list(zip(rows, form.score_fields(), strict=True)),
        "recuse_form": recuse_form or RecuseForm(),
        "own_total": total_of(scores, criteria),
        "is_submitted": assignment.status == AssignmentStatus.SUBMITTED,
        "is_decided": stage.status == StageStatus.DECIDED,
        "can_see_others": can_see_others,
        "others": [],
    }
    context.update(application_content(application))
    if can_see_others:
        named = user.has_perm("programs.manage_assignment", assignment)
        context["others"] = other_reviews(assignment, criteria, named=named)
    return context
