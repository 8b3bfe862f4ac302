"""A cluster's yearly outcome report as an Excel workbook, in the active language.

The summary sheet holds every active KPI with its value for the year and the year
before, computed by `kpi_values` exactly as the cluster's dashboard computes them (so
the workbook and the page agree); then one sheet per record-based KPI lists the records
behind its value for the year, those the person may open.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from openpyxl import Workbook

from ieum.core.business_days import seoul_today
from ieum.core.workbooks import BOLD, add_table, shown_width, workbook_bytes
from ieum.outcomes.dashboard_access import check_dashboard_access
from ieum.outcomes.drilldown import visible_records_behind
from ieum.outcomes.enums import KPISource, KPIUnit
from ieum.outcomes.kpi_values import Cell, active_kpis, compute_kpi_table
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.periods import Period, Scope

COUNT = "#,##0"
DECIMAL = "#,##0.00"
RATE = "#,##0.0000"
DATE = "yyyy-mm-dd"
UNIT_FORMATS = {KPIUnit.USD: DECIMAL, KPIUnit.HOURS: "#,##0.0"}


def record_columns() -> list[tuple[str, str | None]]:
    """The columns of a record in the workbook and the records CSV."""
    return [
        (_("Company"), None),
        (_("Date"), DATE),
        (_("Kind"), None),
        (_("Type"), None),
        (_("Title"), None),
        (_("Number or registry ID"), None),
        (_("Country"), None),
        (_("Amount"), DECIMAL),
        (_("Currency"), None),
        (_("Amount (KRW)"), COUNT),
        (_("Amount (USD)"), DECIMAL),
        (_("KRW per unit"), RATE),
        (_("Verification"), None),
    ]


def record_cells(record: OutcomeRecord) -> list:
    return [
        record.company.name,
        record.occurred_on,
        record.get_kind_display(),
        record.get_subtype_display() if record.subtype else "",
        record.title,
        record.reference,
        record.country,
        record.amount,
        record.currency,
        record.amount_krw,
        record.amount_usd,
        record.krw_per_unit,
        record.get_status_display(),
    ]


def cell_value(cell: Cell):
    """A figure as the workbook holds it: empty where the KPI does not apply."""
    return cell.value if cell.shown else None


@dataclass(frozen=True)
class ClusterReport:
    year: int
    content: bytes


def _summary(workbook: Workbook, *, scope: Scope, table, year: int, include_pending: bool):
    sheet = workbook.active
    sheet.title = _("Summary")[:31]
    counted = (
        _("Verified records and records waiting for verification")
        if include_pending
        else _("Verified records")
    )
    for label, value in (
        (_("Cluster"), scope.label),
        (_("Year"), year),
        (_("Counted"), counted),
        (_("Made on"), seoul_today()),
    ):
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
    sheet.cell(row=sheet.max_row, column=2).number_format = DATE
    sheet.append([])
    sheet.append([_("KPI"), _("Unit"), str(year), str(year - 1)])
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    width = 12
    this, previous = Period(year), Period(year - 1)
    for kpi in table.kpis:
        number_format = UNIT_FORMATS.get(kpi.unit, COUNT)
        values = [
            cell_value(table.cell(kpi.code, this)),
            cell_value(table.cell(kpi.code, previous)),
        ]
        sheet.append([kpi.name, str(kpi.get_unit_display()), *values])
        for column in (3, 4):
            sheet.cell(row=sheet.max_row, column=column).number_format = number_format
        width = max(width, shown_width(kpi.name) + 2)
    sheet.column_dimensions["A"].width = min(width, 60)
    for letter in "BCD":
        sheet.column_dimensions[letter].width = 18
    sheet.freeze_panes = "A7"


def cluster_workbook(*, user, cluster, year: int, include_pending: bool = False) -> bytes:
    scope = Scope(cluster=cluster)
    kpis = active_kpis()
    table = compute_kpi_table(
        scope=scope,
        periods=[Period(year - 1), Period(year)],
        kpis=kpis,
        include_pending=include_pending,
    )
    workbook = Workbook()
    _summary(workbook, scope=scope, table=table, year=year, include_pending=include_pending)
    columns = record_columns()
    for kpi in kpis:
        if kpi.source != KPISource.RECORDS:
            continue
        _behind, visible = visible_records_behind(
            user=user, kpi=kpi, scope=scope, period=Period(year), include_pending=include_pending
        )
        records = visible.select_related("company").order_by("occurred_on", "pk")
        add_table(workbook, kpi.name, columns, (record_cells(record) for record in records))
    return workbook_bytes(workbook)


def cluster_report(
    *, user, cluster, year: int | None = None, include_pending: bool = False
) -> ClusterReport:
    """The workbook of one cluster's year (this year by default) for someone who may
    see the cluster's dashboard (PermissionDenied otherwise)."""
    check_dashboard_access(user=user, scope=Scope(cluster=cluster))
    year = year or seoul_today().year
    content = cluster_workbook(
        user=user, cluster=cluster, year=year, include_pending=include_pending
    )
    return ClusterReport(year=year, content=content)
