"""Staff's page of a stage's assignments: run the automatic assignment, see who reviews
what with the conflicts found, add or remove a reviewer, and each reviewer's load."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ieum.core.flash import flash_errors
from ieum.programs.assignment import (
    add_assignment,
    assign_reviewers,
    remove_assignment,
    stage_applications,
)
from ieum.programs.enums import AssignmentStatus
from ieum.programs.models import (
    Application,
    CallReviewer,
    ConflictOfInterest,
    ReviewAssignment,
    ReviewStage,
)
from ieum.programs.review_forms import AddAssignmentForm, RemoveAssignmentForm
from ieum.programs.views.manage_pages import managed_stage


@dataclass
class ApplicationRow:
    application: Application
    assignments: list[ReviewAssignment] = field(default_factory=list)
    conflicts: list[ConflictOfInterest] = field(default_factory=list)
    addable: list[CallReviewer] = field(default_factory=list)
    live_count: int = 0


@dataclass(frozen=True)
class LoadRow:
    seat: CallReviewer
    assigned: int
    submitted: int
    expertise: list


def _application_rows(stage: ReviewStage, applications: list[Application], pool) -> list:
    ids = [application.pk for application in applications]
    rows = {application.pk: ApplicationRow(application) for application in applications}
    for assignment in stage.assignments.filter(application_id__in=ids).select_related("reviewer"):
        row = rows[assignment.application_id]
        row.assignments.append(assignment)
        if assignment.status != AssignmentStatus.RECUSED:
            row.live_count += 1
    for conflict in ConflictOfInterest.objects.filter(application_id__in=ids).select_related(
        "reviewer"
    ):
        rows[conflict.application_id].conflicts.append(conflict)
    for row in rows.values():
        # Staff may add any pool reviewer without a conflict who is not on it yet.
        taken = {item.reviewer_id for item in row.assignments}
        taken |= {conflict.reviewer_id for conflict in row.conflicts}
        row.addable = [seat for seat in pool if seat.reviewer_id not in taken]
    return list(rows.values())


def _load_rows(stage: ReviewStage, pool: list[CallReviewer]) -> list[LoadRow]:
    counts = {
        line["reviewer"]: line
        for line in stage.assignments.filter(application__in=stage_applications(stage))
        .exclude(status=AssignmentStatus.RECUSED)
        .values("reviewer")
        .annotate(
            assigned=Count("pk"),
            submitted=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
        )
    }
    rows = []
    for seat in pool:
        line = counts.get(seat.reviewer_id, {})
        profile = getattr(seat.reviewer, "reviewer_profile", None)
        rows.append(
            LoadRow(
                seat=seat,
                assigned=line.get("assigned", 0),
                submitted=line.get("submitted", 0),
                expertise=list(profile.expertise.all()) if profile else [],
            )
        )
    return rows


def _pool(stage: ReviewStage) -> list[CallReviewer]:
    return list(
        stage.call.pool.select_related("reviewer__reviewer_profile")
        .prefetch_related("reviewer__reviewer_profile__expertise")
        .order_by("reviewer__full_name", "reviewer__email")
    )


def assignments_context(stage: ReviewStage) -> dict:
    applications = list(
        stage_applications(stage)
        .select_related("company")
        .prefetch_related("fields")
        .order_by("pk")
    )
    pool = _pool(stage)
    rows = _application_rows(stage, applications, pool)
    loads = _load_rows(stage, pool)
    return {
        "stage": stage,
        "call": stage.call,
        "rows": rows,
        "loads": loads,
        "wanted": stage.reviewers_per_application,
        "short": sum(1 for row in rows if row.live_count < stage.reviewers_per_application),
    }


def _summary_message(summary) -> str:
    text = ngettext(
        "%(created)d assignment made, %(total)d in all.",
        "%(created)d assignments made, %(total)d in all.",
        summary.created,
    ) % {"created": summary.created, "total": summary.total}
    text += " " + _("Reviews per reviewer: %(min)d to %(max)d. Matching expertise: %(share)s.") % {
        "min": summary.min_load,
        "max": summary.max_load,
        "share": f"{summary.expertise_share:.0%}",
    }
    return text


def _run_automatic(request, stage: ReviewStage) -> None:
    summary = assign_reviewers(actor=request.user, stage=stage)
    messages.success(request, _summary_message(summary))
    if summary.unfilled:
        references = ", ".join(Application(pk=pk).reference for pk in summary.unfilled)
        messages.warning(
            request,
            _(
                "These applications could not get enough reviewers without a conflict; "
                "add reviewers to the pool: %(references)s"
            )
            % {"references": references},
        )


def _add(request, stage: ReviewStage) -> None:
    form = AddAssignmentForm(request.POST, stage=stage, applications=stage_applications(stage))
    if not form.is_valid():
        flash_errors(request, form)
        return
    added = add_assignment(
        actor=request.user,
        stage=stage,
        application=form.cleaned_data["application"],
        reviewer=form.cleaned_data["reviewer"],
    )
    messages.success(
        request,
        _("%(reviewer)s now reviews %(reference)s.")
        % {"reviewer": added.reviewer.get_full_name(), "reference": added.application.reference},
    )


def _remove(request, stage: ReviewStage) -> None:
    form = RemoveAssignmentForm(request.POST, stage=stage)
    if not form.is_valid():
        flash_errors(request, form)
        return
    removed = form.cleaned_data["assignment"]
    remove_assignment(actor=request.user, assignment=removed)
    messages.success(
        request,
        _("%(reviewer)s no longer reviews %(reference)s.")
        % {
            "reviewer": removed.reviewer.get_full_name(),
            "reference": removed.application.reference,
        },
    )


STEPS = {"automatic": _run_automatic, "add": _add, "remove": _remove}


@login_required
def stage_assignments(request, pk: int):
    stage = managed_stage(request.user, pk)
    if request.method == "POST":
        step = STEPS.get(request.POST.get("step", ""))
        if step is not None:
            try:
                step(request, stage)
            except ValidationError as error:
                # A conflict of interest, a decided stage or a submitted review: the
                # message says which, and nothing was changed.
                flash_errors(request, error)
        return redirect("programs:stage_assignments", pk=stage.pk)
    return render(request, "programs/stages/assignments.html", assignments_context(stage))
