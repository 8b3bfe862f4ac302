"""The request report, on the page and as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from ieum.core.workbooks import CONTENT_TYPE
from ieum.linkage import report_export
from ieum.linkage.report_forms import RequestReportFilterForm
from ieum.linkage.reports import get_request_report


@login_required
def reports(request):
    form = RequestReportFilterForm(request.GET or None, user=request.user)
    report = get_request_report(user=request.user, filters=form.filters())
    context = {"form": form, "report": report, "chart_data": report.chart_data()}
    return render(request, "linkage/reports.html", context)


@login_required
def report_export_xlsx(request):
    filters = RequestReportFilterForm(request.GET or None, user=request.user).filters()
    content = report_export.export_request_report(user=request.user, filters=filters)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    period = f"{filters.first_day:%Y%m%d}-{filters.last_day:%Y%m%d}"
    response["Content-Disposition"] = f'attachment; filename="requests-{period}.xlsx"'
    return response
