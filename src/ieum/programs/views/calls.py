"""Public call pages: the list with its filters, a call's page, and asking a question."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.programs import calls
from ieum.programs.applications import applying_companies, call_phase, is_open
from ieum.programs.call_catalog import list_calls
from ieum.programs.call_page_forms import CallFilterForm, InquiryForm
from ieum.programs.eligibility import eligibility_reasons, eligibility_rules
from ieum.programs.enums import ApplicationStatus, CallStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Application, Call
from ieum.programs.visibility import visible_calls

PAGE_SIZE = 20


def call_list(request):
    form = CallFilterForm(request.GET or None)
    found = list_calls(user=request.user, filters=form.filters())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    for call in page.object_list:
        call.phase = call_phase(call)
    template = "programs/calls/_results.html" if request.htmx else "programs/calls/list.html"
    return render(request, template, {"form": form, "page": page})


def visible_call(user, slug: str) -> Call:
    found = visible_calls(user).select_related("program__cluster").filter(slug=slug).first()
    if found is None:
        raise Http404
    return found


def _applicants(user, call: Call) -> list[dict]:
    """For each company the person applies for: why it may not apply, and its application."""
    companies = list(applying_companies(user))
    live = {
        application.company_id: application
        for application in Application.objects.filter(call=call, company__in=companies).exclude(
            status=ApplicationStatus.WITHDRAWN
        )
    }
    return [
        {
            "company": company,
            "reasons": eligibility_reasons(call=call, company=company),
            "application": live.get(company.pk),
        }
        for company in companies
    ]


def _page(request, call: Call, *, inquiry_form=None, status: int = 200):
    user = request.user
    context = {
        "call": call,
        "phase": call_phase(call),
        "is_open": is_open(call),
        "rules": eligibility_rules(call),
        "documents": call.required_documents.all(),
        "stages": call.stages.all(),
        "notices": call.notices.select_related("posted_by"),
        "answered": call.inquiries.filter(is_public=True).exclude(answer=""),
        "applicants": [],
        "my_inquiries": [],
        "can_manage": user.has_perm("programs.manage_call", call),
        "can_ask": user.is_authenticated and call.status != CallStatus.CANCELLED,
        "inquiry_form": inquiry_form or InquiryForm(),
    }
    if user.is_authenticated:
        context["applicants"] = _applicants(user, call)
        context["my_inquiries"] = call.inquiries.filter(asked_by=user)
    return render(request, "programs/calls/detail.html", context, status=status)


def call_detail(request, slug: str):
    return _page(request, visible_call(request.user, slug))


@login_required
@require_POST
def call_ask(request, slug: str):
    call = visible_call(request.user, slug)
    form = InquiryForm(request.POST)
    if form.is_valid():
        try:
            calls.ask_inquiry(actor=request.user, call=call, question=form.cleaned_data["question"])
        except IllegalStep as error:
            flash_errors(request, error)
            return redirect(reverse("programs:call_detail", args=[call.slug]))
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your question is sent. The answer will appear below."))
            return redirect(reverse("programs:call_detail", args=[call.slug]) + "#questions")
    return _page(request, call, inquiry_form=form, status=400)
