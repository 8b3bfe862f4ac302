"""Excel workbooks of statements and utilization reports, in the active language."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from io import BytesIO

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ieum.facilities.reports import Figures, UtilizationReport
from ieum.facilities.statements import Statement, StatementTotals

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

KRW = '"₩"#,##0'
HOURS = "#,##0.00"
SHARE = "0.0%"
DATE = "yyyy-mm-dd"
COUNT = "#,##0"

BOLD = Font(bold=True)


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in sheet names and more than 31 characters.
    return re.sub(r"[\[\]:*?/\\]", " ", title)[:31]


def _width(value) -> int:
    text = "" if value is None else str(value)
    # Hangul takes about two columns.
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def _append(sheet: Worksheet, values: Sequence, formats: Sequence[str | None] = (), bold=False):
    sheet.append(list(values))
    formats = [*formats, *[None] * (len(values) - len(formats))]
    for cell, number_format in zip(sheet[sheet.max_row], formats, strict=True):
        # A name that starts with "=" is text, never a formula.
        if cell.data_type == "f":
            cell.data_type = "s"
        if number_format and cell.value is not None:
            cell.number_format = number_format
        if bold:
            cell.font = BOLD


def _table(
    workbook: Workbook,
    title: str,
    columns: Sequence[tuple[str, str | None]],
    rows: Iterable[Sequence],
    *,
    footer: Sequence | None = None,
) -> Worksheet:
    """A sheet with a bold header row, one row per item and an optional bold totals row."""
    sheet = workbook.create_sheet(_sheet_title(title))
    headers = [header for header, _format in columns]
    formats = [number_format for _header, number_format in columns]
    _append(sheet, headers, bold=True)
    widths = [_width(header) for header in headers]
    for row in [*rows, *([footer] if footer else [])]:
        _append(sheet, row, formats, bold=row is footer)
        widths = [max(width, _width(value)) for width, value in zip(widths, row, strict=True)]
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width + 2, 8), 60)
    sheet.freeze_panes = "A2"
    return sheet


def _summary(workbook: Workbook, rows: Iterable[tuple[str, object, str | None]]) -> Worksheet:
    sheet = workbook.active
    sheet.title = _sheet_title(_("Summary"))
    for label, value, number_format in rows:
        _append(sheet, [label, value], [None, number_format])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.column_dimensions["A"].width = 34
    sheet.column_dimensions["B"].width = 40
    return sheet


def _save(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _totals_rows(label: str, totals: StatementTotals) -> list[tuple[str, object, str | None]]:
    return [
        (_("%(what)s: bookings") % {"what": label}, totals.bookings, COUNT),
        (_("%(what)s: hours") % {"what": label}, totals.hours, HOURS),
        (_("%(what)s: fee") % {"what": label}, totals.fee_krw, KRW),
        (_("%(what)s: paid by voucher") % {"what": label}, totals.voucher_krw, KRW),
        (_("%(what)s: amount due") % {"what": label}, totals.amount_due_krw, KRW),
    ]


def statement_workbook(statement: Statement) -> bytes:
    workbook = Workbook()
    _summary(
        workbook,
        [
            (_("Organization"), statement.organization.name, None),
            (_("Month"), date_format(statement.month, "YEAR_MONTH_FORMAT"), None),
            *(
                [(_("Lines shown"), _("Only the clusters you staff"), None)]
                if statement.is_partial
                else []
            ),
            *_totals_rows(_("Billed"), statement.billed),
            (_("No-shows (billed)"), statement.no_shows.bookings, COUNT),
            *_totals_rows(_("Awaiting approval (not billed)"), statement.pending),
        ],
    )
    _table(
        workbook,
        _("Bookings"),
        [
            (_("Date"), DATE),
            (_("Time"), None),
            (_("Facility or equipment"), None),
            (_("Cluster"), None),
            (_("Mode"), None),
            (_("Hours"), HOURS),
            (_("Fee class"), None),
            (_("Hourly rate"), KRW),
            (_("Fee"), KRW),
            (_("Paid by voucher"), KRW),
            (_("Amount due"), KRW),
            (_("Status"), None),
        ],
        (
            [
                line.day,
                f"{line.start:%H:%M}–{line.end:%H:%M}",
                line.resource,
                line.cluster,
                line.mode,
                line.hours,
                line.fee_class,
                line.hourly_rate_krw,
                line.fee_krw,
                line.voucher_krw,
                line.amount_due_krw,
                line.status_label,
            ]
            for line in statement.lines
        ),
        footer=[
            _("Total billed"),
            None,
            None,
            None,
            None,
            statement.billed.hours,
            None,
            None,
            statement.billed.fee_krw,
            statement.billed.voucher_krw,
            statement.billed.amount_due_krw,
            None,
        ],
    )
    return _save(workbook)


def _share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def _figures(figures: Figures) -> list:
    return [
        round(figures.open_hours, 2),
        round(figures.booked_hours, 2),
        round(figures.used_hours, 2),
        _share(figures.booked_hours, figures.open_hours),
        _share(figures.used_hours, figures.open_hours),
    ]


def _figure_columns() -> list[tuple[str, str]]:
    return [
        (_("Open hours"), HOURS),
        (_("Booked hours"), HOURS),
        (_("Used hours"), HOURS),
        (_("Booked share"), SHARE),
        (_("Used share"), SHARE),
    ]


def _by_month(report: UtilizationReport, row) -> list[tuple[str, Figures]]:
    months = [f"{month:%Y-%m}" for month in report.months]
    return [*zip(months, row.months, strict=True), (_("Total"), row.total)]


def report_workbook(report: UtilizationReport) -> bytes:
    workbook = Workbook()
    period = f"{report.first_month:%Y-%m} – {report.last_month:%Y-%m}"
    _summary(
        workbook,
        [
            (_("Period"), period, None),
            (_("Clusters"), ", ".join(row.cluster.name for row in report.clusters), None),
            (_("Facilities and equipment"), len(report.resources), COUNT),
            (_("Open hours"), round(report.total.open_hours, 2), HOURS),
            (_("Booked hours"), round(report.total.booked_hours, 2), HOURS),
            (_("Used hours"), round(report.total.used_hours, 2), HOURS),
            (
                _("Booked share"),
                _share(report.total.booked_hours, report.total.open_hours),
                SHARE,
            ),
            (_("Used share"), _share(report.total.used_hours, report.total.open_hours), SHARE),
            (_("Companies served"), report.companies_served, COUNT),
            (_("Idle equipment"), len(report.idle), COUNT),
        ],
    )
    month_label = _("Month")
    _table(
        workbook,
        _("Clusters"),
        [(_("Cluster"), None), (month_label, None), (_("Resources"), COUNT), *_figure_columns()],
        (
            [row.cluster.name, month, row.resources, *_figures(figures)]
            for row in report.clusters
            for month, figures in _by_month(report, row)
        ),
    )
    _table(
        workbook,
        _("Facilities and equipment"),
        [
            (_("Cluster"), None),
            (_("Facility or equipment"), None),
            (_("NFEC registration number"), None),
            (_("Use status"), None),
            (month_label, None),
            *_figure_columns(),
        ],
        (
            [
                row.resource.cluster.name,
                row.resource.name,
                row.resource.nfec_number,
                row.resource.get_status_display(),
                month,
                *_figures(figures),
            ]
            for row in report.resources
            for month, figures in _by_month(report, row)
        ),
    )
    _table(
        workbook,
        _("Idle equipment"),
        [
            (_("Cluster"), None),
            (_("Facility or equipment"), None),
            (_("Use status"), None),
            (_("Open hours"), HOURS),
            (_("Booked hours"), HOURS),
        ],
        (
            [
                row.resource.cluster.name,
                row.resource.name,
                row.resource.get_status_display(),
                round(row.total.open_hours, 2),
                round(row.total.booked_hours, 2),
            ]
            for row in report.idle
        ),
    )
    _table(
        workbook,
        _("Top companies"),
        [
            (_("Rank"), COUNT),
            (_("Company"), None),
            (_("Bookings"), COUNT),
            (_("Booked hours"), HOURS),
        ],
        (
            [rank, company.name, company.bookings, round(company.booked_hours, 2)]
            for rank, company in enumerate(report.top_companies, start=1)
        ),
    )
    return _save(workbook)
