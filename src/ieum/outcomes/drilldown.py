"""The records behind one figure of a dashboard.

The same person, scope, period and pending choice as the dashboard cell, so a count KPI
lists exactly as many records as its cell says. The records are `kpi_values.
records_behind` narrowed to `visibility.visible_records`: on a program dashboard, staff
may meet records attributed to the program but to no cluster they staff; the page then
says how many it leaves out instead of showing them.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import Http404
from django.utils.http import urlencode

from ieum.accounts.access import access_for
from ieum.outcomes.dashboard_access import check_dashboard_access, dashboard_url, scope_key
from ieum.outcomes.dashboards import shown_cell
from ieum.outcomes.enums import Computation, KPISource
from ieum.outcomes.kpi_values import Cell, compute_kpi_table, records_behind
from ieum.outcomes.models import KPIDefinition, OutcomeRecord
from ieum.outcomes.periods import Period, Scope
from ieum.outcomes.visibility import visible_records


@dataclass
class DrillDown:
    kpi: KPIDefinition
    scope: Scope
    period: Period
    include_pending: bool
    cell: Cell
    records: QuerySet[OutcomeRecord]
    # Records behind the figure the person may not open.
    hidden: int

    @property
    def scope_key(self) -> str:
        return scope_key(self.scope)

    @property
    def figure_text(self) -> str:
        return shown_cell(self.cell, self.kpi.unit)[0]

    @property
    def dashboard_url(self) -> str:
        """The dashboard the figure is on, at the figure's year, pending as chosen."""
        params = {"first": self.period.year, "last": self.period.year}
        if self.period.quarter is not None:
            params["quarterly"] = "on"
        if self.include_pending:
            params["pending"] = "on"
        return dashboard_url(self.scope) + "?" + urlencode(params)

    @property
    def lists_every_record(self) -> bool:
        """A count of records: the list's length is the figure."""
        return self.kpi.computation == Computation.COUNT


def visible_records_behind(
    *, user, kpi: KPIDefinition, scope: Scope, period: Period, include_pending: bool
) -> tuple[QuerySet[OutcomeRecord], QuerySet[OutcomeRecord]]:
    """The records behind a figure (all of them, and those the person may open)."""
    behind = records_behind(kpi=kpi, scope=scope, period=period, include_pending=include_pending)
    if access_for(user).is_platform_admin:
        return behind, behind
    return behind, behind.filter(pk__in=visible_records(user).values("pk"))


def find_record_kpi(code: str) -> KPIDefinition:
    """A record-based KPI by its code; any other is 404 (its figures have no records here)."""
    kpi = KPIDefinition.objects.filter(code=code, source=KPISource.RECORDS).first()
    if kpi is None:
        raise Http404
    return kpi


def get_drilldown(
    *, user, kpi_code: str, scope: Scope, period: Period, include_pending: bool = False
) -> DrillDown:
    """The figure and its records, for someone who may see the scope's full dashboard
    (PermissionDenied otherwise)."""
    check_dashboard_access(user=user, scope=scope)
    kpi = find_record_kpi(kpi_code)
    table = compute_kpi_table(
        scope=scope, periods=[period], kpis=[kpi], include_pending=include_pending
    )
    behind, visible = visible_records_behind(
        user=user, kpi=kpi, scope=scope, period=period, include_pending=include_pending
    )
    hidden = 0 if behind is visible else behind.count() - visible.count()
    return DrillDown(
        kpi=kpi,
        scope=scope,
        period=period,
        include_pending=include_pending,
        cell=table.cell(kpi.code, period),
        records=visible.select_related("company").order_by("-occurred_on", "-pk"),
        hidden=hidden,
    )
