"""The program report, on the page and as an Excel workbook."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from ieum.core.workbooks import CONTENT_TYPE
from ieum.programs import report_export
from ieum.programs.report_forms import ProgramReportFilterForm
from ieum.programs.reports import get_program_report


@login_required
def reports(request):
    form = ProgramReportFilterForm(request.GET or None, user=request.user)
    report = get_program_report(user=request.user, filters=form.filters())
    context = {"form": form, "report": report, "chart_data": report.chart_data()}
    return render(request, "programs/reports/report.html", context)


@login_required
def reports_export(request):
    form = ProgramReportFilterForm(request.GET or None, user=request.user)
    # A cluster or program out of the person's reach is not there for them; the page
    # shows the field's error, the download has no page to show it on.
    if form.is_bound and not form.is_valid():
        raise Http404
    filters = form.filters()
    content = report_export.export_program_report(user=request.user, filters=filters)
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="programs-{filters.year}.xlsx"'
    return response
