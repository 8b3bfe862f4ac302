"""KPIs computed from other apps' own records (facility use, service requests, support
cases, partnering), through those apps' `outcome_figures` modules, as the records land.
The outcomes app never reads those apps' tables itself.

Contract (kept by the functions below and used by `kpi_values`):
- `compute_source(source=, scope=, periods=, public=)` returns {Period: Cell} for every
  period asked, or None when the source does not apply to the scope: only support
  (cases, companies, amount) belongs to a program; facility use, service requests and
  partnering do not;
- `compute_source_by_cluster(source=, cluster_ids=, period=)` returns {cluster_id: Cell}.
Each source runs one query (partnering two in a public view) whatever the number of
periods or clusters: the other app groups by year, quarter and cluster in SQL.

A company's scope holds its own figures: its hours, its requests, its cases; a
distinct-company figure is then 0 or 1. These figures count activity on the platform,
not a company's confidential numbers, but a public view still hides a cell that fewer
than `kpi_values.PUBLIC_MINIMUM_COMPANIES` companies make up, as for records.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ieum.facilities.outcome_figures import facility_use_by_period
from ieum.linkage.outcome_figures import delivered_requests_by_period
from ieum.outcomes.enums import KPISource
from ieum.outcomes.periods import Period, Scope
from ieum.partnering.outcome_figures import (
    followup_outcomes_by_period,
    meetings_held_by_period,
)
from ieum.programs.outcome_figures import support_by_period

if TYPE_CHECKING:
    from ieum.outcomes.kpi_values import Cell

# Sources that have a meaning for a program's scope.
PROGRAM_SOURCES = frozenset(
    {KPISource.SUPPORT_CASES, KPISource.COMPANIES_SUPPORTED, KPISource.SUPPORT_AMOUNT}
)


def _facility_use(*, program_id, count_companies, **filters):
    return facility_use_by_period(**filters)


def _delivered_requests(*, program_id, count_companies, **filters):
    return delivered_requests_by_period(**filters)


def _support(*, count_companies, **filters):
    return support_by_period(**filters)


def _meetings(*, program_id, **filters):
    return meetings_held_by_period(**filters)


def _followups(*, program_id, **filters):
    return followup_outcomes_by_period(**filters)


@dataclass(frozen=True)
class Source:
    """How to read one source: the other app's function, and from one of its figures
    the value and the number of companies behind it."""

    read: Callable[..., dict]
    pick: Callable[[object], tuple]


SOURCES: dict[str, Source] = {
    KPISource.FACILITY_COMPANIES: Source(_facility_use, lambda f: (f.companies, f.companies)),
    KPISource.FACILITY_HOURS: Source(_facility_use, lambda f: (f.hours, f.hour_users)),
    KPISource.SERVICE_REQUESTS: Source(
        _delivered_requests, lambda f: (f.delivered, f.delivered_companies)
    ),
    KPISource.TRIALS_AND_APPROVALS: Source(
        _delivered_requests, lambda f: (f.trials_and_approvals, f.trial_companies)
    ),
    KPISource.SUPPORT_CASES: Source(_support, lambda f: (f.support_cases, f.companies_supported)),
    KPISource.COMPANIES_SUPPORTED: Source(
        _support, lambda f: (f.companies_supported, f.companies_supported)
    ),
    KPISource.SUPPORT_AMOUNT: Source(_support, lambda f: (f.amount_krw, f.companies_supported)),
    KPISource.PARTNERING_MEETINGS: Source(_meetings, lambda f: (f.count, f.companies)),
    KPISource.PARTNERING_OUTCOMES: Source(_followups, lambda f: (f.count, f.companies)),
}


def _cell(figure, source: Source, *, public: bool) -> Cell:
    # Imported here: `kpi_values` imports this module when it loads.
    from ieum.outcomes.kpi_values import EMPTY, PUBLIC_MINIMUM_COMPANIES, Cell

    if figure is None:
        return EMPTY
    value, companies = source.pick(figure)
    if public and companies is not None and 0 < companies < PUBLIC_MINIMUM_COMPANIES:
        return Cell(None, companies, suppressed=True)
    return Cell(value, companies)


def _read(spec: Source, memo: dict | None, **filters) -> dict:
    """The other app's figures; KPIs that share a reader (facility companies and hours,
    say) share one query when the caller passes the same `memo` for them."""
    if memo is None:
        return spec.read(**filters)
    key = (
        spec.read,
        tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in sorted(filters.items())),
    )
    if key not in memo:
        memo[key] = spec.read(**filters)
    return memo[key]


def _scope_filters(scope: Scope) -> dict:
    return {
        "cluster_ids": (
            [scope.cluster.pk]
            if scope.cluster is not None
            else sorted(scope.within_clusters) or None
        ),
        "program_id": scope.program.pk if scope.program is not None else None,
        "company_id": scope.company.pk if scope.company is not None else None,
    }


def compute_source(
    *,
    source: str,
    scope: Scope,
    periods: list[Period],
    public: bool,
    memo: dict | None = None,
) -> dict[Period, Cell] | None:
    """The source's value in each period of the scope; None where it does not apply."""
    if scope.program is not None and source not in PROGRAM_SOURCES:
        return None
    spec = SOURCES[source]
    periods = list(periods)
    if not periods:
        return {}
    # Like the record-based KPIs: quarters when any period is a quarter.
    quarterly = any(period.quarter is not None for period in periods)
    figures = _read(
        spec,
        memo,
        years=[period.year for period in periods],
        quarterly=quarterly,
        count_companies=public,
        **_scope_filters(scope),
    )
    return {
        period: _cell(
            figures.get((None, period.year, period.quarter if quarterly else None)),
            spec,
            public=public,
        )
        for period in periods
    }


def compute_source_by_cluster(
    *, source: str, cluster_ids: list[int], period: Period, memo: dict | None = None
) -> dict[int, Cell]:
    """The source's value for each cluster in one period, side by side."""
    if not cluster_ids:
        return {}
    spec = SOURCES[source]
    figures = _read(
        spec,
        memo,
        years=[period.year],
        quarterly=period.quarter is not None,
        count_companies=False,
        cluster_ids=list(cluster_ids),
        program_id=None,
        company_id=None,
        by_cluster=True,
    )
    return {
        pk: _cell(figures.get((pk, period.year, period.quarter)), spec, public=False)
        for pk in cluster_ids
    }
