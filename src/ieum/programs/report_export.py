"""The program report as an Excel workbook, in the active language.

A summary sheet with the figures of `reports`, then one sheet per table of the page:
by program, by cluster, by year, support cases by stage and by status, and the calls of
the year. Only counts, amounts and rates: no applicant's answers, no reviewer, no score.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ieum.core.business_days import SEOUL
from ieum.core.workbooks import add_summary, add_table, workbook_bytes
from ieum.programs.reports import Figures, ProgramReport, ReportFilters, get_program_report

COUNT = "#,##0"
SHARE = "0.0%"
DATE = "yyyy-mm-dd"


def summary_rows(report: ProgramReport) -> list[tuple[str, object, str | None]]:
    """The summary sheet's rows: label, value, number format."""
    total = report.total
    return [
        (_("Year"), report.filters.year, None),
        (_("Calls"), total.calls, COUNT),
        (_("Applications started"), total.started, COUNT),
        (_("Applications submitted"), total.submitted, COUNT),
        (_("Withdrawn after submitting"), total.withdrawn, COUNT),
        (_("Selected"), total.selected, COUNT),
        (_("Not selected"), total.not_selected, COUNT),
        (_("Submission rate (submitted / started)"), total.submission_rate, SHARE),
        (_("Selection rate (selected / submitted)"), total.selection_rate, SHARE),
        (_("Reviews assigned"), total.reviews_assigned, COUNT),
        (_("Reviews done"), total.reviews_done, COUNT),
        (_("Recusals"), total.reviews_recused, COUNT),
        (_("Reviews done (share)"), total.review_completion, SHARE),
        (_("Support cases"), total.cases, COUNT),
        (_("Companies supported"), total.companies_supported, COUNT),
        (_("Cohort companies"), total.cohort_companies, COUNT),
        (_("Budget (KRW)"), total.budget_krw, COUNT),
        (_("Budget used (KRW)"), total.amount_krw, COUNT),
        (_("Budget used (share)"), total.budget_used_share, SHARE),
    ]


def _figure_columns(first: str) -> list[tuple[str, str | None]]:
    return [
        (first, None),
        (_("Calls"), COUNT),
        (_("Started"), COUNT),
        (_("Submitted"), COUNT),
        (_("Withdrawn"), COUNT),
        (_("Selected"), COUNT),
        (_("Not selected"), COUNT),
        (_("Submission rate"), SHARE),
        (_("Selection rate"), SHARE),
        (_("Reviews assigned"), COUNT),
        (_("Reviews done"), COUNT),
        (_("Support cases"), COUNT),
        (_("Companies supported"), COUNT),
        (_("Cohort companies"), COUNT),
        (_("Budget (KRW)"), COUNT),
        (_("Budget used (KRW)"), COUNT),
        (_("Budget used (share)"), SHARE),
    ]


def _figure_cells(label, row: Figures) -> list:
    return [
        label,
        row.calls,
        row.started,
        row.submitted,
        row.withdrawn,
        row.selected,
        row.not_selected,
        row.submission_rate,
        row.selection_rate,
        row.reviews_assigned,
        row.reviews_done,
        row.cases,
        row.companies_supported,
        row.cohort_companies,
        row.budget_krw,
        row.amount_krw,
        row.budget_used_share,
    ]


def _figures_sheet(workbook: Workbook, title: str, first: str, rows: list[Figures]) -> None:
    add_table(workbook, title, _figure_columns(first), (_figure_cells(r.label, r) for r in rows))


def program_workbook(report: ProgramReport) -> bytes:
    workbook = Workbook()
    add_summary(workbook, summary_rows(report), widths=(42, 20))
    _figures_sheet(workbook, _("By program"), _("Program"), report.by_program)
    _figures_sheet(workbook, _("By cluster"), _("Cluster"), report.by_cluster)
    _figures_sheet(workbook, _("By year"), _("Year"), report.by_year)
    add_table(
        workbook,
        _("Support by stage"),
        [(_("Stage"), None), (_("Support cases"), COUNT), (_("Amount (KRW)"), COUNT)],
        ([line.label, line.cases, line.amount_krw] for line in report.by_stage),
    )
    add_table(
        workbook,
        _("Support by status"),
        [(_("Status"), None), (_("Support cases"), COUNT)],
        ([str(status.label), count] for status, count in report.by_status),
    )
    add_table(
        workbook,
        _("Calls"),
        [
            (_("Call"), None),
            (_("Program"), None),
            (_("Cluster"), None),
            (_("Opens"), DATE),
            (_("Closes"), DATE),
            (_("Quota"), COUNT),
            (_("Budget (KRW)"), COUNT),
            (_("Started"), COUNT),
            (_("Submitted"), COUNT),
            (_("Withdrawn"), COUNT),
            (_("Selected"), COUNT),
            (_("Not selected"), COUNT),
            (_("Reviews assigned"), COUNT),
            (_("Reviews done"), COUNT),
        ],
        (
            [
                line.title,
                line.program,
                line.cluster,
                line.opens_at.astimezone(SEOUL).date(),
                line.closes_at.astimezone(SEOUL).date(),
                line.quota,
                line.figures.budget_krw,
                line.figures.started,
                line.figures.submitted,
                line.figures.withdrawn,
                line.figures.selected,
                line.figures.not_selected,
                line.figures.reviews_assigned,
                line.figures.reviews_done,
            ]
            for line in report.calls
        ),
    )
    return workbook_bytes(workbook)


def export_program_report(*, user, filters: ReportFilters) -> bytes:
    """The workbook of the report the person may see (403 for anyone else)."""
    return program_workbook(get_program_report(user=user, filters=filters))
