"""The program managers' desk: the programs and calls a person runs, and the pages that
create and change them, publish a call or cancel it."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.business_days import SEOUL, seoul_today
from ieum.core.forms import add_domain_error
from ieum.directory.models import Cluster
from ieum.programs import calls
from ieum.programs.enums import ApplicationStatus, CallStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.manage_forms import CallForm, CancelCallForm, ProgramForm
from ieum.programs.models import Call
from ieum.programs.views.manage_pages import (
    managed_call_or_404,
    managed_program_or_404,
    refused_page,
    render_call_page,
)
from ieum.programs.visibility import managed_programs

PAGE_SIZE = 20
S = ApplicationStatus


def _counted_calls():
    """Calls with how many applications stand in each status, and unanswered questions."""

    def applications(**where) -> Count:
        return Count(
            "applications",
            filter=Q(**{f"applications__{k}": v for k, v in where.items()}),
            distinct=True,
        )

    return Call.objects.annotate(
        submitted_count=applications(status=S.SUBMITTED),
        selected_count=applications(status=S.SELECTED),
        not_selected_count=applications(status=S.NOT_SELECTED),
        withdrawn_count=applications(status=S.WITHDRAWN, submitted_at__isnull=False),
        open_inquiry_count=Count("inquiries", filter=Q(inquiries__answer=""), distinct=True),
    ).order_by("-opens_at", "pk")


@login_required
def manage(request):
    if not request.user.has_perm("programs.add_program"):
        raise PermissionDenied
    programs = (
        managed_programs(request.user)
        .select_related("cluster")
        .prefetch_related(Prefetch("calls", queryset=_counted_calls()))
        .order_by("cluster__name_ko", "name_ko", "pk")
    )
    page = Paginator(programs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "programs/manage/dashboard.html", {"page": page})


def _clusters(user):
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    if access.is_platform_admin:
        return clusters
    return clusters.filter(pk__in=access.staffed_cluster_ids)


def _program_form(request, **kwargs) -> ProgramForm:
    return ProgramForm(
        request.POST or None,
        clusters=_clusters(request.user),
        national=access_for(request.user).is_platform_admin,
        **kwargs,
    )


@login_required
def program_create(request):
    if not request.user.has_perm("programs.add_program"):
        raise PermissionDenied
    form = _program_form(request)
    if request.method == "POST" and form.is_valid():
        try:
            program = calls.create_program(actor=request.user, data=form.program_data())
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The program is created. Add its first call."))
            return redirect("programs:call_create", slug=program.slug)
    status = 400 if form.errors else 200
    return render(request, "programs/manage/program_form.html", {"form": form}, status=status)


@login_required
def program_edit(request, slug: str):
    program = managed_program_or_404(request.user, slug)
    form = _program_form(request, initial=ProgramForm.initial_for(program))
    if request.method == "POST" and form.is_valid():
        try:
            program = calls.update_program(
                actor=request.user, program=program, data=form.program_data()
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The program is saved."))
            return redirect("programs:manage")
    context = {"form": form, "program": program, "calls": program.calls.order_by("-opens_at")}
    status = 400 if form.errors else 200
    return render(request, "programs/manage/program_form.html", context, status=status)


def _new_call_initial() -> dict:
    """Applications open tomorrow at 09:00 and close four weeks later at 18:00, Korea time."""
    tomorrow = seoul_today() + timedelta(days=1)
    return {
        "opens_at": datetime.combine(tomorrow, time(9), tzinfo=SEOUL),
        "closes_at": datetime.combine(tomorrow + timedelta(days=28), time(18), tzinfo=SEOUL),
        "quota": 10,
        "budget_krw": 0,
        "conflict_years": 3,
    }


@login_required
def call_create(request, slug: str):
    program = managed_program_or_404(request.user, slug)
    form = CallForm(request.POST or None, initial=_new_call_initial())
    if request.method == "POST" and form.is_valid():
        try:
            call = calls.create_call(actor=request.user, program=program, data=form.call_data())
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The call is saved as a draft. Set up its form and review next.")
            )
            return redirect("programs:call_form_builder", slug=call.slug)
    context = {"form": form, "program": program}
    status = 400 if form.errors else 200
    return render(request, "programs/manage/call_new.html", context, status=status)


TEMPLATE = "programs/manage/call_edit.html"


@login_required
def call_edit(request, slug: str):
    """The call's settings; the same page publishes and cancels it."""
    call = managed_call_or_404(request.user, slug)
    action = request.POST.get("action", "save") if request.method == "POST" else None
    data = request.POST if action == "save" else None
    form = CallForm(data, initial=CallForm.initial_for(call))
    cancel_form = CancelCallForm(request.POST if action == "cancel" else None)
    context = {
        "form": form,
        "cancel_form": cancel_form,
        "editable": call.status != CallStatus.CANCELLED and call.results_published_at is None,
    }
    try:
        if action == "save" and form.is_valid():
            call = calls.update_call(actor=request.user, call=call, data=form.call_data())
            messages.success(request, _("The call is saved."))
            return redirect("programs:call_edit", slug=call.slug)
        if action == "publish":
            calls.publish_call(actor=request.user, call=call)
            messages.success(request, _("The call is published; everyone can see it now."))
            return redirect("programs:call_edit", slug=call.slug)
        if action == "cancel" and cancel_form.is_valid():
            calls.cancel_call(
                actor=request.user, call=call, reason=cancel_form.cleaned_data["reason"]
            )
            messages.success(request, _("The call is cancelled."))
            return redirect("programs:call_edit", slug=call.slug)
    except IllegalStep as error:
        return refused_page(request, call, TEMPLATE, context, tab="settings", error=error)
    except ValidationError as error:
        if action == "publish":
            for problem in error.messages:
                messages.error(request, problem)
        else:
            add_domain_error(cancel_form if action == "cancel" else form, error)
    status = 400 if action else None
    return render_call_page(request, call, TEMPLATE, context, tab="settings", status=status)
