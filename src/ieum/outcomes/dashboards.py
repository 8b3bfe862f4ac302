"""Dashboards: every KPI of a scope over years or quarters, trends and comparisons.

A full dashboard (who may see one: `dashboard_access`) counts verified records, or
pending ones too on request, confidential included; its numbers lead to the records
behind them (`drilldown`).

Everyone else (a company looking beyond itself, a visitor) sees the public figures:
national and per cluster, verified and non-confidential records only, and a cell made of
fewer than three companies is hidden (`kpi_values.PUBLIC_MINIMUM_COMPANIES`).

Comparisons: the national dashboard sets the clusters side by side for the last year;
a cluster or company dashboard sets its last year beside the national figures, which
are the public ones for anyone but a platform admin, so staff never read other
clusters' confidential figures from them.

The queries depend on the KPI set only: the KPI list, the clusters, one table and one
comparison, whatever the number of records, years or clusters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.http import Http404
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ieum.directory.models import Cluster
from ieum.outcomes.dashboard_access import (
    check_dashboard_access,
    dashboard_url,
    figure_url,
    scope_key,
)
from ieum.outcomes.dashboard_charts import Chart, cluster_chart, headline_kpis, trend_charts
from ieum.outcomes.dashboard_forms import DashboardChoice
from ieum.outcomes.enums import KPIUnit
from ieum.outcomes.kpi_values import (
    EMPTY,
    Cell,
    KPITable,
    active_kpis,
    compare_clusters,
    compute_kpi_table,
)
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Period, Scope, quarters, years
from ieum.programs.models import Program

UNIT_HEADINGS = {
    KPIUnit.COUNT: gettext_lazy("Numbers of cases"),
    KPIUnit.COMPANIES: gettext_lazy("Numbers of companies"),
    KPIUnit.PEOPLE: gettext_lazy("People"),
    KPIUnit.KRW: gettext_lazy("Amounts in won (KRW)"),
    KPIUnit.USD: gettext_lazy("Amounts in dollars (USD)"),
    KPIUnit.HOURS: gettext_lazy("Hours"),
}


@dataclass(frozen=True)
class ShownCell:
    """One figure as the page shows it: formatted text, a link, a note."""

    period: Period
    value: object
    text: str
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class KPIRow:
    kpi: KPIDefinition
    cells: list[ShownCell]


@dataclass(frozen=True)
class UnitGroup:
    unit: str
    label: str
    rows: list[KPIRow]


@dataclass(frozen=True)
class ComparisonRow:
    label: str
    url: str
    cells: list[ShownCell]


@dataclass(frozen=True)
class Comparison:
    title: str
    headers: list[str]
    rows: list[ComparisonRow]
    note: str = ""


@dataclass
class Dashboard:
    scope: Scope
    table: KPITable
    groups: list[UnitGroup]
    public: bool = False
    comparison: Comparison | None = None
    comparison_chart: Chart | None = None
    charts: list[Chart] = field(default_factory=list)
    # (label, address) of the clusters' own dashboards (or public figures).
    cluster_links: list[tuple[str, str]] = field(default_factory=list)
    program_links: list[tuple[str, str]] = field(default_factory=list)
    compare_kpis: list[KPIDefinition] = field(default_factory=list)
    compare: str = ""

    @property
    def periods(self) -> list[Period]:
        return self.table.periods

    @property
    def include_pending(self) -> bool:
        return self.table.include_pending

    @property
    def scope_key(self) -> str:
        return scope_key(self.scope)

    @property
    def last_period(self) -> Period:
        return Period(self.table.periods[-1].year)


def format_figure(value, unit: str) -> str:
    """A figure with thousands separators and its unit's sign: ₩ for won, $ for dollars;
    money in whole units, other figures with one decimal only when they have one."""
    number = Decimal(value)
    if unit == KPIUnit.KRW:
        return f"₩{number:,.0f}"
    if unit == KPIUnit.USD:
        return f"${number:,.0f}"
    if number == number.to_integral_value():
        return f"{number:,.0f}"
    return f"{number:,.1f}"


def shown_cell(cell: Cell, unit: str) -> tuple[str, str]:
    """The text of a cell and the note that explains a missing figure."""
    if not cell.applicable:
        return "·", _("Does not apply here")
    if cell.suppressed:
        return "—", _("Fewer than 3 companies: not shown")
    return format_figure(cell.value or 0, unit), ""


def _periods(choice: DashboardChoice) -> list[Period]:
    if choice.quarterly:
        return quarters(choice.first_year, choice.last_year)
    return years(choice.first_year, choice.last_year)


def unit_groups(table: KPITable, *, links: bool) -> list[UnitGroup]:
    """The table's KPIs grouped by unit (in the units' order), each cell formatted and,
    with `links`, leading to the records or the report behind it."""
    groups = []
    for unit in KPIUnit:
        rows = [
            KPIRow(
                kpi=kpi,
                cells=[
                    _shown(table, kpi, table.scope, period, links=links) for period in table.periods
                ],
            )
            for kpi in table.kpis
            if kpi.unit == unit
        ]
        if rows:
            groups.append(UnitGroup(unit=unit, label=str(UNIT_HEADINGS[unit]), rows=rows))
    return groups


def _shown(table: KPITable, kpi, scope: Scope, period: Period, *, links: bool) -> ShownCell:
    cell = table.cell(kpi.code, period)
    return _shown_cell(cell, kpi, scope, period, include_pending=table.include_pending, links=links)


def _shown_cell(cell, kpi, scope, period, *, include_pending: bool, links: bool) -> ShownCell:
    text, note = shown_cell(cell, kpi.unit)
    url = ""
    # A zero has no records behind it; a plain 0 keeps the table quiet.
    if links and cell.shown and cell.value:
        url = figure_url(kpi=kpi, scope=scope, period=period, include_pending=include_pending)
    return ShownCell(period=period, value=cell.value, text=text, url=url, note=note)


def _cluster_comparison(
    *, clusters, kpis, period: Period, include_pending: bool, compare: str
) -> tuple[Comparison, Chart | None]:
    """The clusters side by side in one year: a row per cluster, a column per headline
    KPI, and a bar chart of the KPI chosen (`compare`, the first headline by default)."""
    values = compare_clusters(
        clusters=clusters, period=period, kpis=kpis, include_pending=include_pending
    )
    columns = headline_kpis(kpis) or kpis[:6]
    rows = []
    for cluster in clusters:
        scope = Scope(cluster=cluster)
        cells = [
            _shown_cell(
                values[cluster.pk].get(kpi.code, EMPTY),
                kpi,
                scope,
                period,
                include_pending=include_pending,
                links=True,
            )
            for kpi in columns
        ]
        rows.append(ComparisonRow(label=cluster.name, url=dashboard_url(scope), cells=cells))
    comparison = Comparison(
        title=_("Clusters in %(year)s") % {"year": period.label},
        headers=[kpi.name for kpi in columns],
        rows=rows,
    )
    charted = next((kpi for kpi in kpis if kpi.code == compare), columns[0] if columns else None)
    if charted is None:
        return comparison, None
    return comparison, cluster_chart(clusters=clusters, values=values, kpi=charted, period=period)


def _national_comparison(
    *, user, table: KPITable, kpis, include_pending: bool, quarterly: bool
) -> Comparison:
    """The scope's last year beside the national figures of that year: the full ones
    for a platform admin, the public ones for anyone else."""
    period = Period(table.periods[-1].year)
    full = bool(user.has_perm("outcomes.see_national_dashboard"))
    own = table
    if quarterly:
        own = compute_kpi_table(
            scope=table.scope, periods=[period], kpis=kpis, include_pending=include_pending
        )
    national = compute_kpi_table(
        scope=NATIONAL,
        periods=[period],
        kpis=kpis,
        include_pending=include_pending and full,
        public=not full,
    )
    rows = []
    for kpi in kpis:
        cells = [
            _shown_cell(
                own.cell(kpi.code, period),
                kpi,
                table.scope,
                period,
                include_pending=own.include_pending,
                links=True,
            ),
            _shown_cell(
                national.cell(kpi.code, period),
                kpi,
                NATIONAL,
                period,
                include_pending=national.include_pending,
                links=full,
            ),
        ]
        rows.append(ComparisonRow(label=kpi.name, url="", cells=cells))
    note = (
        ""
        if full
        else _(
            "National figures are the public ones: verified records that are not confidential; "
            "a figure made of fewer than 3 companies is not shown."
        )
    )
    return Comparison(
        title=_("%(scope)s and the nation in %(year)s")
        % {"scope": table.scope.label, "year": period.label},
        headers=[table.scope.label, _("National")],
        rows=rows,
        note=note,
    )


def get_dashboard(
    *,
    user,
    scope: Scope,
    first_year: int,
    last_year: int,
    quarterly: bool = False,
    include_pending: bool = False,
    compare: str = "",
) -> Dashboard:
    """The full dashboard of `scope` for someone allowed to see it (PermissionDenied
    otherwise): its KPI table, trend charts and comparison."""
    check_dashboard_access(user=user, scope=scope)
    choice = DashboardChoice(first_year, last_year, quarterly, include_pending, compare)
    kpis = active_kpis()
    table = compute_kpi_table(
        scope=scope, periods=_periods(choice), kpis=kpis, include_pending=include_pending
    )
    dashboard = Dashboard(
        scope=scope,
        table=table,
        groups=unit_groups(table, links=True),
        charts=trend_charts(table),
    )
    if scope.kind == "national":
        clusters = list(Cluster.objects.order_by("name_ko", "pk"))
        dashboard.comparison, dashboard.comparison_chart = _cluster_comparison(
            clusters=clusters,
            kpis=kpis,
            period=dashboard.last_period,
            include_pending=include_pending,
            compare=compare,
        )
        dashboard.cluster_links = [
            (cluster.name, dashboard_url(Scope(cluster=cluster))) for cluster in clusters
        ]
        dashboard.compare_kpis = kpis
        dashboard.compare = compare
    elif scope.kind in ("cluster", "company"):
        dashboard.comparison = _national_comparison(
            user=user, table=table, kpis=kpis, include_pending=include_pending, quarterly=quarterly
        )
    if scope.kind == "cluster":
        programs = Program.objects.filter(cluster=scope.cluster).order_by("name_ko", "pk")
        dashboard.program_links = [
            (program.name, dashboard_url(Scope(program=program))) for program in programs
        ]
    return dashboard


@dataclass
class PublicFigures:
    national: Dashboard
    cluster: Dashboard | None
    cluster_links: list[tuple[str, str]]


def _public_dashboard(scope: Scope, periods: list[Period], kpis) -> Dashboard:
    table = compute_kpi_table(scope=scope, periods=periods, kpis=kpis, public=True)
    return Dashboard(
        scope=scope,
        table=table,
        groups=unit_groups(table, links=False),
        public=True,
        charts=trend_charts(table),
    )


def get_public_figures(
    *, cluster_slug: str = "", first_year: int, last_year: int, quarterly: bool = False
) -> PublicFigures:
    """What anyone may read: the national figures and, when asked, one cluster's, from
    verified records that are not confidential, without cells of fewer than three
    companies. An unknown cluster is 404."""
    periods = _periods(DashboardChoice(first_year, last_year, quarterly))
    clusters = list(Cluster.objects.order_by("name_ko", "pk"))
    chosen = None
    if cluster_slug:
        chosen = next((cluster for cluster in clusters if cluster.slug == cluster_slug), None)
        if chosen is None:
            raise Http404
    kpis = active_kpis()
    national = _public_dashboard(NATIONAL, periods, kpis)
    figures = PublicFigures(
        national=national,
        cluster=_public_dashboard(Scope(cluster=chosen), periods, kpis) if chosen else None,
        cluster_links=[
            (
                cluster.name,
                reverse("outcomes:public_figures") + "?" + urlencode({"cluster": cluster.slug}),
            )
            for cluster in clusters
        ],
    )
    if figures.cluster is not None:
        # One set of trend charts: the cluster's, which is what the reader asked for.
        national.charts = []
    return figures
