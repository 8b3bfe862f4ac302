"""The applications submitted to a call, for its managers: filter by status and stage,
search by company, title or reference; counts per status above the list."""

from __future__ import annotations

import re

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Count, Q, QuerySet
from django.shortcuts import render

from ieum.programs.enums import ApplicationStatus
from ieum.programs.manage_forms import ApplicationFilterForm
from ieum.programs.models import Application, Call, ReviewStage
from ieum.programs.views.manage_pages import managed_call_or_404, render_call_page
from ieum.programs.visibility import visible_applications

PAGE_SIZE = 25
REFERENCE = re.compile(r"^A-?0*(\d+)$", re.IGNORECASE)


def submitted_applications(user, call: Call) -> QuerySet[Application]:
    """Every application ever submitted to the call (withdrawn ones included)."""
    return visible_applications(user).filter(call=call, submitted_at__isnull=False)


def _search(applications: QuerySet[Application], query: str) -> QuerySet[Application]:
    query = query.strip()
    if not query:
        return applications
    reference = REFERENCE.match(query)
    if reference:
        return applications.filter(pk=int(reference.group(1)))
    return applications.filter(
        Q(company__name_ko__icontains=query)
        | Q(company__name_en__icontains=query)
        | Q(title__icontains=query)
    )


@login_required
def call_applications(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    stages = ReviewStage.objects.filter(call=call).order_by("position", "pk")
    form = ApplicationFilterForm(request.GET or None, stages=stages)
    filters = form.filters()
    submitted = submitted_applications(request.user, call)
    counts = dict(
        submitted.order_by()
        .values("status")
        .annotate(count=Count("pk"))
        .values_list("status", "count")
    )
    found = _search(submitted, filters["q"])
    if filters["status"]:
        found = found.filter(status=filters["status"])
    if filters["stage"]:
        found = found.filter(current_stage=filters["stage"])
    found = found.select_related("company", "current_stage").order_by("submitted_at", "pk")
    context = {
        "form": form,
        "filters": filters,
        "status_counts": [
            (status.value, status.label, counts.get(status.value, 0))
            for status in ApplicationStatus
            if status != ApplicationStatus.DRAFT
        ],
        "total": sum(counts.values()),
        "stages": list(stages),
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    if request.htmx:
        context["call"] = call
        return render(request, "programs/manage/_application_results.html", context)
    return render_call_page(
        request, call, "programs/manage/applications.html", context, tab="applications"
    )
