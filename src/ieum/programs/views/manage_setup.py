"""A call's form builder (questions and required documents) and its review stages."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ieum.core.forms import add_domain_error
from ieum.programs import calls
from ieum.programs.call_locks import has_submissions
from ieum.programs.enums import StageKind
from ieum.programs.errors import IllegalStep
from ieum.programs.manage_setup_forms import (
    CriterionLines,
    DocumentLines,
    QuestionLines,
    StageForm,
    criteria_initial,
    document_initial,
    question_initial,
)
from ieum.programs.models import ReviewStage, Score
from ieum.programs.views.manage_pages import managed_call_or_404, refused_page, render_call_page

FORM_TEMPLATE = "programs/manage/form_builder.html"
STAGES_TEMPLATE = "programs/manage/stages.html"


def show_errors(request, error: ValidationError, *, form=None, formsets: dict) -> None:
    """A domain refusal on the page: list problems on their formset, field problems on the
    form, anything else as a message."""
    if not hasattr(error, "error_dict"):
        for problem in error.messages:
            messages.error(request, problem)
        return
    rest = {}
    for key, problems in error.error_dict.items():
        if key in formsets:
            formsets[key].non_form_errors().extend(ValidationError(problems).messages)
        else:
            rest[key] = problems
    if rest and form is not None:
        add_domain_error(form, ValidationError(rest))
    elif rest:
        for problem in ValidationError(rest).messages:
            messages.error(request, problem)


@login_required
def call_form_builder(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    data = request.POST if request.method == "POST" else None
    questions = QuestionLines(data, prefix="questions", initial=question_initial(call))
    documents = DocumentLines(data, prefix="documents", initial=document_initial(call))
    context = {"questions": questions, "documents": documents, "locked": has_submissions(call)}
    if data is not None and all([questions.is_valid(), documents.is_valid()]):
        try:
            # Both lists change together or neither does.
            with transaction.atomic():
                calls.save_questions(actor=request.user, call=call, questions=questions.rows())
                calls.save_documents(actor=request.user, call=call, documents=documents.rows())
        except IllegalStep as error:
            return refused_page(request, call, FORM_TEMPLATE, context, tab="form", error=error)
        except ValidationError as error:
            show_errors(request, error, formsets={"questions": questions, "documents": documents})
        else:
            messages.success(request, _("The application form is saved."))
            return redirect("programs:call_form_builder", slug=call.slug)
    status = 400 if data is not None else None
    return render_call_page(request, call, FORM_TEMPLATE, context, tab="form", status=status)


@dataclass
class StagePanel:
    key: str
    stage: ReviewStage | None
    form: StageForm
    criteria: object

    @property
    def anchor(self) -> str:
        return f"stage-{self.key}"


def _new_stage_initial(stages: list[ReviewStage]) -> dict:
    position = (stages[-1].position + 1) if stages else 1
    kind = StageKind.DOCUMENT if not stages else StageKind.PRESENTATION
    return {"position": position, "kind": kind, "reviewers_per_application": 3, "trim_count": 1}


def _panels(call, posted_key: str | None, data) -> list[StagePanel]:
    stages = list(
        call.stages.annotate(scored=Exists(Score.objects.filter(assignment__stage=OuterRef("pk"))))
        .prefetch_related("criteria")
        .order_by("position", "pk")
    )
    panels = []
    for stage in [*stages, None]:
        key = str(stage.pk) if stage else "new"
        bound = data if posted_key == key else None
        initial = StageForm.initial_for(stage) if stage else _new_stage_initial(stages)
        form = StageForm(bound, prefix=f"stage-{key}", initial=initial)
        criteria = CriterionLines(bound, prefix=f"criteria-{key}", initial=criteria_initial(stage))
        panels.append(StagePanel(key, stage, form, criteria))
    return panels


@login_required
def call_stages(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    posted_key = request.POST.get("stage") if request.method == "POST" else None
    panels = _panels(call, posted_key, request.POST)
    context = {"panels": panels}
    if posted_key is None:
        return render_call_page(request, call, STAGES_TEMPLATE, context, tab="stages")
    panel = next((p for p in panels if p.key == posted_key), None)
    if panel is None:
        raise Http404
    context["posted"] = panel.key
    if all([panel.form.is_valid(), panel.criteria.is_valid()]):
        try:
            stage = calls.save_stage(
                actor=request.user,
                call=call,
                stage=panel.stage,
                data=panel.form.stage_data(),
                criteria=panel.criteria.rows(),
            )
        except IllegalStep as error:
            return refused_page(request, call, STAGES_TEMPLATE, context, tab="stages", error=error)
        except ValidationError as error:
            show_errors(request, error, form=panel.form, formsets={"criteria": panel.criteria})
        else:
            messages.success(request, _("The stage is saved."))
            page = reverse("programs:call_stages", kwargs={"slug": call.slug})
            return redirect(f"{page}#stage-{stage.pk}")
    return render_call_page(request, call, STAGES_TEMPLATE, context, tab="stages", status=400)
