"""The charts of a dashboard, as data for `core/static/ieum/charts.js`: a trend per
headline KPI over the table's periods, and one KPI across the clusters."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from ieum.outcomes.enums import KPISource, KPIUnit, OutcomeKind
from ieum.outcomes.kpi_values import EMPTY, KPITable
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import Period

# The figures with a trend chart of their own: the built-in KPI of each code when it is
# active, else the first active record-based KPI that counts the kind.
HEADLINES = (
    ("patent_applications", OutcomeKind.PATENT),
    ("overseas_approvals", OutcomeKind.APPROVAL),
    ("export_amount", OutcomeKind.EXPORT),
    ("revenue", OutcomeKind.REVENUE),
    ("employees", OutcomeKind.EMPLOYMENT),
    ("investment_amount", OutcomeKind.INVESTMENT),
)
COUNTED_UNITS = (KPIUnit.COUNT, KPIUnit.COMPANIES, KPIUnit.PEOPLE)


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    data: dict


def headline_kpis(kpis: list[KPIDefinition]) -> list[KPIDefinition]:
    by_code = {kpi.code: kpi for kpi in kpis}
    headline = []
    for code, kind in HEADLINES:
        kpi = by_code.get(code) or next(
            (
                kpi
                for kpi in kpis
                if kpi.source == KPISource.RECORDS and kind in kpi.kinds and kpi not in headline
            ),
            None,
        )
        if kpi is not None and kpi not in headline:
            headline.append(kpi)
    return headline


def chart_number(value):
    return None if value is None else float(value)


def trend_charts(table: KPITable) -> list[Chart]:
    """A chart per headline KPI over the table's periods: bars for counts, a line for
    money and headcounts. Hidden cells are gaps, not zeros."""
    charts = []
    labels = [period.label for period in table.periods]
    for kpi in headline_kpis(table.kpis):
        series = table.series(kpi.code)
        data = {
            "type": "bar" if kpi.unit in (KPIUnit.COUNT, KPIUnit.COMPANIES) else "line",
            "labels": labels,
            "datasets": [
                {
                    "label": kpi.name,
                    "data": [chart_number(cell.value if cell.shown else None) for cell in series],
                }
            ],
            "unit": str(kpi.get_unit_display()),
            "integer": kpi.unit in COUNTED_UNITS,
        }
        charts.append(Chart(id=f"chart-{kpi.code}", title=kpi.name, data=data))
    return charts


def cluster_chart(*, clusters, values: dict, kpi: KPIDefinition, period: Period) -> Chart:
    """A horizontal bar per cluster of one KPI (`values` from `compare_clusters`)."""
    return Chart(
        id="chart-clusters",
        title=_("%(kpi)s by cluster, %(year)s") % {"kpi": kpi.name, "year": period.label},
        data={
            "labels": [cluster.name for cluster in clusters],
            "datasets": [
                {
                    "label": kpi.name,
                    "data": [
                        chart_number(values[cluster.pk].get(kpi.code, EMPTY).value)
                        for cluster in clusters
                    ],
                }
            ],
            "unit": str(kpi.get_unit_display()),
            "horizontal": True,
            "integer": kpi.unit in COUNTED_UNITS,
        },
    )
