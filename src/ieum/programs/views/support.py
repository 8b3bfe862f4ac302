"""Support-case pages: the list, a case with its status steps and deliverables, the case
form, deliverable downloads and a company's full-cycle timeline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ieum.core.downloads import private_attachment
from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.directory.models import Organization
from ieum.programs import support, support_list
from ieum.programs.enums import SupportStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Deliverable, SupportCase
from ieum.programs.support_forms import (
    DeliverableForm,
    StatusForm,
    SupportCaseForm,
    SupportFilterForm,
)
from ieum.programs.timeline import by_year, stage_totals, timeline_companies_of
from ieum.programs.views.support_context import case_context
from ieum.programs.visibility import visible_support_cases

PAGE_SIZE = 20


def _visible_case(user, pk: int) -> SupportCase:
    cases = visible_support_cases(user).select_related(
        "company", "cluster", "program", "cohort", "provider", "created_by"
    )
    return get_object_or_404(cases, pk=pk)


@login_required
def support_cases(request):
    user = request.user
    form = SupportFilterForm(
        request.GET or None,
        clusters=support_list.listed_clusters(user),
        programs=support_list.listed_programs(user),
        years=support_list.case_years(user),
    )
    filters = form.filters()
    found = support_list.find_support_cases(user=user, filters=filters)
    page = Paginator(found.cases, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "filters": filters,
        "found": found,
        "page": page,
        "timeline_companies": timeline_companies_of(user, page.object_list),
    }
    template = "programs/support/_results.html" if request.htmx else "programs/support/list.html"
    return render(request, template, context)


def _chosen_company(request, companies):
    chosen = request.POST.get("company") or request.GET.get("company") or ""
    return companies.filter(pk=chosen).first() if chosen.isdigit() else None


@login_required
def support_case_create(request):
    if not request.user.has_perm("programs.add_support_case"):
        raise PermissionDenied
    companies = support.supportable_companies(request.user)
    company = _chosen_company(request, companies)
    form = SupportCaseForm(
        request.POST or None,
        user=request.user,
        company=company,
        companies=companies,
        refresh_url=request.path,
        initial={"company": company, "amount_krw": 0},
    )
    if request.method == "POST" and form.is_valid():
        try:
            case = support.create_support_case(
                actor=request.user, company=form.cleaned_data["company"], data=form.case_data()
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The support case is recorded."))
            return redirect("programs:support_case", pk=case.pk)
    context = {"form": form, "company": company}
    status = 400 if form.errors else 200
    return render(request, "programs/support/form.html", context, status=status)


@login_required
def support_case_edit(request, pk: int):
    found = _visible_case(request.user, pk)
    if not request.user.has_perm("programs.manage_support_case", found):
        raise PermissionDenied
    if found.status == SupportStatus.CANCELLED:
        messages.error(request, _("This support case is cancelled; it can no longer be changed."))
        return redirect("programs:support_case", pk=found.pk)
    initial = {name: getattr(found, name) for name in support.EDITABLE_FIELDS}
    form = SupportCaseForm(
        request.POST or None, user=request.user, company=found.company, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            support.update_support_case(actor=request.user, case=found, data=form.case_data())
        except SupportCase.DoesNotExist as missing:
            raise Http404 from missing
        except IllegalStep as error:
            flash_errors(request, error)
            return redirect("programs:support_case", pk=found.pk)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The support case is saved."))
            return redirect("programs:support_case", pk=found.pk)
    context = {"form": form, "case": found, "company": found.company}
    status = 400 if form.errors else 200
    return render(request, "programs/support/form.html", context, status=status)


def _change_status(request, found: SupportCase):
    form = StatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose a status."))
        return None
    try:
        support.set_support_status(
            actor=request.user, case=found, status=form.cleaned_data["status"]
        )
    except SupportCase.DoesNotExist as missing:
        raise Http404 from missing
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("The support case is now %(status)s.")
            % {"status": SupportStatus(form.cleaned_data["status"]).label},
        )
    return None


def _add_deliverable(request, found: SupportCase) -> DeliverableForm | None:
    """None when the deliverable was added or refused for the case's state; else the
    form with its errors."""
    form = DeliverableForm(request.POST, request.FILES)
    if not form.is_valid():
        return form
    try:
        support.add_deliverable(
            actor=request.user,
            case=found,
            title=form.cleaned_data["title"],
            delivered_on=form.cleaned_data["delivered_on"],
            upload=form.cleaned_data["file"],
        )
    except SupportCase.DoesNotExist as missing:
        raise Http404 from missing
    except IllegalStep as error:
        flash_errors(request, error)
    except ValidationError as error:
        add_domain_error(form, error)
        return form
    else:
        messages.success(request, _("The deliverable is added."))
    return None


@login_required
def support_case(request, pk: int):
    found = _visible_case(request.user, pk)
    deliverable_form = None
    if request.method == "POST":
        if not request.user.has_perm("programs.manage_support_case", found):
            raise PermissionDenied
        action = request.POST.get("action")
        if action == "status":
            _change_status(request, found)
            return redirect("programs:support_case", pk=found.pk)
        if action != "deliverable":
            raise Http404
        deliverable_form = _add_deliverable(request, found)
        if deliverable_form is None:
            return redirect("programs:support_case", pk=found.pk)
    context = case_context(request.user, found, deliverable_form=deliverable_form)
    status = 400 if deliverable_form is not None else 200
    return render(request, "programs/support/detail.html", context, status=status)


@login_required
def support_deliverable_file(request, pk: int):
    deliverables = Deliverable.objects.filter(case__in=visible_support_cases(request.user))
    deliverable = get_object_or_404(deliverables, pk=pk)
    if not deliverable.file:
        raise Http404
    return private_attachment(
        deliverable.file,
        filename=deliverable.file_name or deliverable.file.name.rsplit("/", 1)[-1],
        content_type=deliverable.content_type or "application/octet-stream",
    )


@login_required
def company_timeline(request, slug: str):
    company = get_object_or_404(Organization, slug=slug)
    try:
        entries = support.company_timeline(user=request.user, company=company)
    except Organization.DoesNotExist as missing:
        raise Http404 from missing
    context = {
        "company": company,
        "years": by_year(entries),
        "stages": stage_totals(entries),
        "entry_count": len(entries),
    }
    return render(request, "programs/support/timeline.html", context)
