"""A reviewer's pages: the list of their assignments, one application to score, and
recusal. Applications they have a conflict with are absent from all of them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.programs import conflicts, scoring
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, StageStatus
from ieum.programs.errors import ConflictOfInterestError, IllegalStep
from ieum.programs.review_forms import RecuseForm, ReviewListFilterForm
from ieum.programs.views.review_page import held_assignment, review_context, score_form
from ieum.programs.visibility import reviewer_assignments

PAGE_SIZE = 20

TABS = {
    # Still to score: the application is at the stage and the stage is not decided.
    "pending": Q(status=AssignmentStatus.ASSIGNED, application__current_stage=F("stage"))
    & ~Q(stage__status=StageStatus.DECIDED),
    "submitted": Q(status=AssignmentStatus.SUBMITTED),
}


@login_required
def review_list(request):
    form = ReviewListFilterForm(request.GET or None)
    tab = form.tab_value()
    # A withdrawn application leaves every reviewer's list, though its assignment stays.
    assignments = reviewer_assignments(request.user).exclude(
        application__status=ApplicationStatus.WITHDRAWN
    )
    counts = assignments.aggregate(
        **{name: Count("pk", filter=condition) for name, condition in TABS.items()}
    )
    shown = assignments.filter(TABS[tab]).select_related("stage__call", "application__company")
    if tab == "pending":
        shown = shown.order_by(F("stage__reviews_due_at").asc(nulls_last=True), "pk")
    else:
        shown = shown.order_by("-submitted_at", "-pk")
    context = {
        "tab": tab,
        "counts": counts,
        "page": Paginator(shown, PAGE_SIZE).get_page(request.GET.get("page")),
        "now": timezone.now(),
    }
    return render(request, "programs/reviews/list.html", context)


def _review_page(request, pk: int):
    return redirect("programs:review", pk=pk)


@login_required
def review(request, pk: int):
    assignment = held_assignment(request.user, pk)
    criteria = list(assignment.stage.criteria.all())
    submitting = request.POST.get("then") == "submit"
    form = score_form(assignment, criteria, data=request.POST or None, submitting=submitting)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                # Not one transaction: a conflict found on the way is recorded even though
                # the step is refused. The form saw every criterion scored before submitting.
                scoring.save_scores(
                    actor=request.user,
                    assignment=assignment,
                    values=form.values(),
                    comment=form.cleaned_data["comment"],
                )
                if submitting:
                    scoring.submit_review(actor=request.user, assignment=assignment)
            except ConflictOfInterestError as conflict:
                raise Http404 from conflict
            except IllegalStep as error:
                add_domain_error(form, error)
                status = 409
            except ValidationError as error:
                add_domain_error(form, error)
            else:
                if submitting:
                    messages.success(
                        request,
                        _("Your review is submitted. The other reviewers' scores are shown below."),
                    )
                else:
                    messages.success(request, _("Your scores are saved."))
                return _review_page(request, pk)
        # Show the assignment as it is stored, whatever the refused step left.
        assignment = held_assignment(request.user, pk)
    context = review_context(request.user, assignment, criteria=criteria, form=form)
    return render(request, "programs/reviews/review.html", context, status=status)


@login_required
@require_POST
def review_recuse(request, pk: int):
    assignment = held_assignment(request.user, pk)
    form = RecuseForm(request.POST)
    if form.is_valid():
        try:
            conflicts.declare_conflict(
                actor=request.user,
                application=assignment.application,
                reason=form.cleaned_data["reason"],
            )
        except IllegalStep as error:
            flash_errors(request, error)
            return _review_page(request, pk)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("You recused yourself from %(reference)s; it has left your list.")
                % {"reference": assignment.application.reference},
            )
            return redirect("programs:reviews")
    criteria = list(assignment.stage.criteria.all())
    context = review_context(request.user, assignment, criteria=criteria, recuse_form=form)
    return render(request, "programs/reviews/review.html", context, status=400)
