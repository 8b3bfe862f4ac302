"""The applicant's pages: start an application, read it, submit it, withdraw it, and the
list of the company's applications."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.errors import Conflict
from ieum.core.flash import flash_errors
from ieum.programs import applications
from ieum.programs.application_forms import WithdrawForm
from ieum.programs.enums import ApplicationStatus
from ieum.programs.models import Application
from ieum.programs.views.application_page import detail_context, visible_application
from ieum.programs.views.calls import visible_call

PAGE_SIZE = 20
S = ApplicationStatus
_announced = Q(call__results_published_at__isnull=False)
_decided = Q(status__in=applications.UNDISCLOSED)
# The applicant's tabs; a decision counts as a result only once it is announced.
TABS = {
    "drafts": (gettext_lazy("Drafts"), Q(status=S.DRAFT)),
    "submitted": (gettext_lazy("Submitted"), Q(status=S.SUBMITTED) | (_decided & ~_announced)),
    "results": (gettext_lazy("Results"), Q(status=S.WITHDRAWN) | (_decided & _announced)),
}


def _page(application: Application) -> str:
    return reverse("programs:application", args=[application.pk])


@login_required
@require_POST
def application_start(request, slug: str):
    call = visible_call(request.user, slug)
    companies = applications.applying_companies(request.user)
    company = companies.filter(pk=request.POST.get("company") or 0).first()
    if company is None:
        raise PermissionDenied
    try:
        application = applications.start_application(actor=request.user, call=call, company=company)
    except Conflict as error:
        flash_errors(request, error)
        return redirect("programs:call_detail", slug=call.slug)
    return redirect("programs:application_edit", pk=application.pk)


@login_required
def application_detail(request, pk: int):
    found = visible_application(request.user, pk)
    return render(request, "programs/applications/detail.html", detail_context(request.user, found))


def submit_and_report(request, application: Application):
    """Submit, then tell the applicant what happened on the application's page."""
    try:
        applications.submit_application(actor=request.user, application=application)
    except ValidationError as error:
        messages.warning(request, _("The application was not submitted."))
        flash_errors(request, error)
    else:
        messages.success(
            request, _("The application is submitted. A receipt is on its way by e-mail.")
        )
    return redirect(_page(application))


@login_required
@require_POST
def application_submit(request, pk: int):
    found = visible_application(request.user, pk)
    if not request.user.has_perm("programs.submit_application", found):
        raise PermissionDenied
    return submit_and_report(request, found)


@login_required
@require_POST
def application_withdraw(request, pk: int):
    found = visible_application(request.user, pk)
    if not request.user.has_perm("programs.withdraw_application", found):
        raise PermissionDenied
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        context = detail_context(request.user, found, withdraw_form=form)
        return render(request, "programs/applications/detail.html", context, status=400)
    try:
        applications.withdraw_application(
            actor=request.user, application=found, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The application is withdrawn."))
    return redirect(_page(found))


@login_required
def my_applications(request):
    mine = Application.objects.filter(company_id__in=access_for(request.user).organization_ids)
    counts = mine.aggregate(
        **{name: Count("pk", filter=condition) for name, (_label, condition) in TABS.items()}
    )
    tab = request.GET.get("show", "")
    if tab in TABS:
        mine = mine.filter(TABS[tab][1])
    else:
        tab = ""
    found = mine.select_related("call__program__cluster", "company").order_by("-updated_at", "-pk")
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    for application in page.object_list:
        application.shown_status = applications.applicant_status(application)
    context = {
        "page": page,
        "tab": tab,
        "tabs": [(name, label, counts[name]) for name, (label, _condition) in TABS.items()],
        "total": sum(counts.values()),
    }
    return render(request, "programs/applications/mine.html", context)
