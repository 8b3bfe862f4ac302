"""Dashboards, the records behind a figure, the public figures and their downloads."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render

from ieum.accounts.access import access_for
from ieum.core.workbooks import CONTENT_TYPE
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.outcomes import csv_export, report_export
from ieum.outcomes.dashboard_access import find_scope
from ieum.outcomes.dashboard_forms import (
    DashboardExportForm,
    DashboardForm,
    DrillDownForm,
    RecordFilterForm,
    ReportYearForm,
)
from ieum.outcomes.dashboards import get_dashboard, get_public_figures
from ieum.outcomes.drilldown import get_drilldown
from ieum.outcomes.visibility import dashboard_clusters

PAGE_SIZE = 50
COMPANY_KINDS = (OrganizationKind.COMPANY, OrganizationKind.DEMAND_COMPANY)


def dashboard(request):
    """The dashboard a person means: national for platform admins, their cluster's for
    staff, their company's for its members, and the public figures for everyone else.
    Someone with several to choose from gets a list."""
    access = access_for(request.user)
    if access.is_platform_admin:
        return redirect("outcomes:national")
    choices = []
    if access.staffed_cluster_ids:
        clusters = list(dashboard_clusters(request.user).order_by("name_ko"))
        choices = [("cluster", cluster) for cluster in clusters]
    elif access.organization_ids:
        companies = Organization.objects.filter(
            pk__in=access.organization_ids, kind__in=COMPANY_KINDS
        ).order_by("name_ko")
        choices = [("company", company) for company in companies]
    if not choices:
        return redirect("outcomes:public_figures")
    if len(choices) == 1:
        kind, target = choices[0]
        return redirect(f"outcomes:{kind}_dashboard", slug=target.slug)
    return render(request, "outcomes/dashboards/chooser.html", {"choices": choices})


def _dashboard_page(request, scope):
    form = DashboardForm(request.GET or None)
    choice = form.choice()
    board = get_dashboard(
        user=request.user,
        scope=scope,
        first_year=choice.first_year,
        last_year=choice.last_year,
        quarterly=choice.quarterly,
        include_pending=choice.include_pending,
        compare=choice.compare,
    )
    context = {"form": form, "dashboard": board}
    return render(request, "outcomes/dashboards/dashboard.html", context)


@login_required
def national(request):
    return _dashboard_page(request, find_scope(user=request.user, kind="national"))


@login_required
def cluster_dashboard(request, slug):
    return _dashboard_page(request, find_scope(user=request.user, kind="cluster", slug=slug))


@login_required
def program_dashboard(request, slug):
    return _dashboard_page(request, find_scope(user=request.user, kind="program", slug=slug))


@login_required
def company_dashboard(request, slug):
    return _dashboard_page(request, find_scope(user=request.user, kind="company", slug=slug))


def public_figures(request):
    form = DashboardForm(request.GET or None, may_include_pending=False)
    choice = form.choice()
    figures = get_public_figures(
        cluster_slug=request.GET.get("cluster", "")[:80],
        first_year=choice.first_year,
        last_year=choice.last_year,
        quarterly=choice.quarterly,
    )
    return render(request, "outcomes/dashboards/public.html", {"form": form, "figures": figures})


@login_required
def kpi_records(request):
    form = DrillDownForm(request.GET)
    if not form.is_valid():
        raise Http404
    kind, slug = form.cleaned_data["scope"]
    drilldown = get_drilldown(
        user=request.user,
        kpi_code=form.cleaned_data["kpi"],
        scope=find_scope(user=request.user, kind=kind, slug=slug),
        period=form.cleaned_data["period"],
        include_pending=form.cleaned_data["pending"],
    )
    page = Paginator(drilldown.records, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"drilldown": drilldown, "page": page}
    return render(request, "outcomes/dashboards/records.html", context)


@login_required
def cluster_report_xlsx(request, slug):
    form = ReportYearForm(request.GET)
    if not form.is_valid():
        raise Http404
    scope = find_scope(user=request.user, kind="cluster", slug=slug)
    report = report_export.cluster_report(
        user=request.user,
        cluster=scope.cluster,
        year=form.cleaned_data["year"],
        include_pending=form.cleaned_data["pending"],
    )
    response = HttpResponse(report.content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="outcomes-{slug}-{report.year}.xlsx"'
    return response


@login_required
def dashboard_csv(request):
    form = DashboardExportForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        raise Http404
    kind, slug = form.cleaned_data["scope"] if form.is_bound else ("national", "")
    choice = form.choice()
    board = get_dashboard(
        user=request.user,
        scope=find_scope(user=request.user, kind=kind, slug=slug),
        first_year=choice.first_year,
        last_year=choice.last_year,
        quarterly=choice.quarterly,
        include_pending=choice.include_pending,
    )
    response = HttpResponse(csv_export.dashboard_csv(board), content_type=csv_export.CONTENT_TYPE)
    filename = f"outcomes-{board.scope_key.replace(':', '-')}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def records_csv(request):
    form = RecordFilterForm(request.GET)
    if not form.is_valid():
        raise Http404
    rows = csv_export.records_csv(user=request.user, **form.cleaned_data)
    response = StreamingHttpResponse(rows, content_type=csv_export.CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="outcome-records.csv"'
    return response
