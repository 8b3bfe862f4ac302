"""Monthly statements and utilization reports, on the page and as Excel workbooks."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render

from ieum.directory.models import Organization
from ieum.facilities import exports
from ieum.facilities.report_forms import ReportFilterForm, StatementFilterForm
from ieum.facilities.reports import get_utilization_report
from ieum.facilities.statements import get_statement, list_statement_organizations

PAGE_SIZE = 30


def _xlsx(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=exports.CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
def statement(request):
    form = StatementFilterForm(request.GET or None)
    slug, month = form.choice()
    context = {"form": form, "month": month}
    if not slug:
        organizations = list_statement_organizations(user=request.user, month=month)
        context["page"] = Paginator(organizations, PAGE_SIZE).get_page(request.GET.get("page"))
        return render(request, "facilities/statement.html", context)
    organization = get_object_or_404(Organization, slug=slug)
    context["statement"] = get_statement(user=request.user, organization=organization, month=month)
    context["page"] = Paginator(context["statement"].lines, PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "facilities/statement.html", context)


@login_required
def statement_xlsx(request):
    slug, month = StatementFilterForm(request.GET or None).choice()
    if not slug:
        raise Http404
    organization = get_object_or_404(Organization, slug=slug)
    statement = get_statement(user=request.user, organization=organization, month=month)
    return _xlsx(exports.statement_workbook(statement), f"statement-{slug}-{month:%Y-%m}.xlsx")


@login_required
def reports(request):
    form = ReportFilterForm(request.GET or None, user=request.user)
    cluster, first, last = form.choice()
    report = get_utilization_report(
        user=request.user, first_month=first, last_month=last, cluster=cluster
    )
    context = {
        "form": form,
        "report": report,
        "chart_data": report.chart_data(),
        "page": Paginator(report.resources, PAGE_SIZE).get_page(request.GET.get("page")),
        "idle_page": Paginator(report.idle, PAGE_SIZE).get_page(request.GET.get("idle_page")),
    }
    return render(request, "facilities/reports/utilization.html", context)


@login_required
def reports_xlsx(request):
    cluster, first, last = ReportFilterForm(request.GET or None, user=request.user).choice()
    report = get_utilization_report(
        user=request.user, first_month=first, last_month=last, cluster=cluster
    )
    filename = f"utilization-{cluster.slug if cluster else 'all'}-{first:%Y-%m}-{last:%Y-%m}.xlsx"
    return _xlsx(exports.report_workbook(report), filename)
