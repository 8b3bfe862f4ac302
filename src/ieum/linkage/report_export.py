"""The request report as an Excel workbook, in the active language.

A summary sheet with the figures of `reports`, one sheet per breakdown (service type,
provider, therapeutic area, cluster, month) and one row per request. The rows name
the company, provider, service and dates, never the description, goal or thread; a
confidential request listed is still logged as read through the export.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ieum.core.workbooks import add_summary, add_table, workbook_bytes
from ieum.linkage.enums import ReadChannel
from ieum.linkage.models import ServiceRequest
from ieum.linkage.report_lines import ReportFilters
from ieum.linkage.reports import Breakdown, RequestReport, get_request_report
from ieum.linkage.visibility import record_reads

COUNT = "#,##0"
DAYS = "0.0"
SHARE = "0.0%"
RATING = "0.00"
DATE = "yyyy-mm-dd"


def summary_rows(report: RequestReport) -> list[tuple[str, object, str | None]]:
    """The summary sheet's rows: label, value, number format."""
    filters, funnel = report.filters, report.funnel
    response, completion, satisfaction = report.response, report.completion, report.satisfaction
    return [
        (_("Period"), f"{filters.first_day:%Y-%m-%d} – {filters.last_day:%Y-%m-%d}", None),
        (_("Requests submitted"), funnel.submitted, COUNT),
        (_("Assigned to a provider"), funnel.assigned, COUNT),
        (_("Accepted by a provider"), funnel.accepted, COUNT),
        (_("Delivered"), funnel.delivered, COUNT),
        (_("Closed"), funnel.closed, COUNT),
        (_("Cancelled"), funnel.cancelled, COUNT),
        (_("Declines by providers"), funnel.declines, COUNT),
        (_("Requests answered"), response.count, COUNT),
        (_("Mean response time (business days)"), response.mean, DAYS),
        (_("Median response time (business days)"), response.median, DAYS),
        (_("Mean completion time (business days)"), completion.mean, DAYS),
        (_("Median completion time (business days)"), completion.median, DAYS),
        (_("Delivered with a due date"), report.with_due_date, COUNT),
        (_("Delivered on time"), report.on_time, COUNT),
        (_("On-time share"), report.on_time_share, SHARE),
        (_("Ratings"), satisfaction.count, COUNT),
        (_("Mean rating"), satisfaction.mean, RATING),
        *[
            (_("Rated %(rating)d") % {"rating": rating}, count, COUNT)
            for rating, count in satisfaction.distribution
        ],
        (_("Overdue now"), report.overdue_now, COUNT),
        (_("Trial and approval services delivered"), report.trials_and_approvals_delivered, COUNT),
    ]


def _breakdown_sheet(workbook: Workbook, title: str, first: str, rows: list[Breakdown]) -> None:
    add_table(
        workbook,
        title,
        [
            (first, None),
            (_("Requests"), COUNT),
            (_("Delivered"), COUNT),
            (_("Mean response (business days)"), DAYS),
            (_("Median response (business days)"), DAYS),
            (_("Mean completion (business days)"), DAYS),
            (_("Median completion (business days)"), DAYS),
            (_("Mean rating"), RATING),
        ],
        (
            [
                row.label,
                row.requests,
                row.delivered,
                row.response.mean,
                row.response.median,
                row.completion.mean,
                row.completion.median,
                row.mean_rating,
            ]
            for row in rows
        ),
    )


def _request_rows(report: RequestReport):
    yes, no = _("Yes"), _("No")
    for line in report.lines:
        yield [
            line.reference,
            line.submitted_on,
            line.assigned_on,
            line.answered_on,
            line.delivered_on,
            line.closed_on,
            line.delivery_due,
            line.company,
            line.provider,
            line.service_label,
            line.area,
            line.cluster,
            line.status_label,
            line.response_days,
            line.completion_days,
            "" if line.on_time is None else (yes if line.on_time else no),
            line.rating,
            yes if line.is_overdue else "",
        ]


def request_workbook(report: RequestReport) -> bytes:
    workbook = Workbook()
    add_summary(workbook, summary_rows(report), widths=(42, 28))
    _breakdown_sheet(workbook, _("By type"), _("Service type"), report.by_type)
    _breakdown_sheet(workbook, _("By provider"), _("Provider"), report.by_provider)
    _breakdown_sheet(workbook, _("By area"), _("Therapeutic area"), report.by_area)
    _breakdown_sheet(workbook, _("By cluster"), _("Cluster"), report.by_cluster)
    _breakdown_sheet(workbook, _("By month"), _("Month"), report.months)
    add_table(
        workbook,
        _("Requests"),
        [
            (_("Reference"), None),
            (_("Submitted"), DATE),
            (_("Assigned"), DATE),
            (_("Answered"), DATE),
            (_("Delivered"), DATE),
            (_("Closed"), DATE),
            (_("Delivery due"), DATE),
            (_("Company"), None),
            (_("Provider"), None),
            (_("Service type"), None),
            (_("Therapeutic area"), None),
            (_("Cluster"), None),
            (_("Status"), None),
            (_("Response (business days)"), COUNT),
            (_("Completion (business days)"), COUNT),
            (_("On time"), None),
            (_("Rating"), COUNT),
            (_("Overdue now"), None),
        ],
        _request_rows(report),
    )
    return workbook_bytes(workbook)


def export_request_report(*, user, filters: ReportFilters) -> bytes:
    """The workbook of the report the person may see; its confidential rows are logged."""
    report = get_request_report(user=user, filters=filters)
    content = request_workbook(report)
    confidential = [line.pk for line in report.lines if line.is_confidential]
    if confidential:
        requests = ServiceRequest.objects.filter(pk__in=confidential).only("pk", "is_confidential")
        record_reads(user=user, requests=list(requests), channel=ReadChannel.EXPORT)
    return content
