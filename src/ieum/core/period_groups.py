"""Figures grouped by year, quarter and cluster: the shape in which each app's
`outcome_figures` module hands its figures to the outcomes app's KPIs.

A row's key is (cluster id when grouped by cluster, else None; year; quarter when
grouped by quarter, else None). Years and quarters are those of Asia/Seoul.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from django.db.models import F, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear

from ieum.core.business_days import SEOUL

PeriodKey = tuple[int | None, int, int | None]


def seoul_year_bounds(years: Sequence[int]) -> tuple[datetime, datetime]:
    """From 1 January of the first of the sorted `years` to 1 January after the last,
    in Seoul: the range a timestamp filter takes before grouping."""
    return datetime(years[0], 1, 1, tzinfo=SEOUL), datetime(years[-1] + 1, 1, 1, tzinfo=SEOUL)


def group_by_period(
    rows: QuerySet, *, moment: str, quarterly: bool, by_cluster: bool, cluster: str, tzinfo=SEOUL
) -> tuple[QuerySet, list[str]]:
    """`rows` annotated with the year (and quarter) of `moment` and, when `by_cluster`,
    the cluster at `cluster`, with the names to group by."""
    group = {"g_year": ExtractYear(moment, tzinfo=tzinfo)}
    if quarterly:
        group["g_quarter"] = ExtractQuarter(moment, tzinfo=tzinfo)
    if by_cluster:
        group["g_cluster"] = F(cluster)
    return rows.annotate(**group), list(group)


def period_key(row: dict) -> PeriodKey:
    return (row.get("g_cluster"), row["g_year"], row.get("g_quarter"))
