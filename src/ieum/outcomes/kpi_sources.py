"""KPIs computed from other apps' own records (facility use, service requests, support
cases, partnering), through those apps' report functions, as the records land.

Contract (kept by the functions below and used by `kpi_values`):
- `compute_source(source=, scope=, periods=, public=)` returns {Period: Cell} for every
  period asked, or None when the source does not apply to the scope (a program has no
  facility use, say);
- `compute_source_by_cluster(source=, cluster_ids=, period=)` returns {cluster_id: Cell}.
Each source runs a fixed number of queries whatever the number of periods or clusters.
"""

from __future__ import annotations

from ieum.outcomes.periods import Period, Scope


def compute_source(*, source: str, scope: Scope, periods: list[Period], public: bool):
    raise NotImplementedError(source)


def compute_source_by_cluster(*, source: str, cluster_ids: list[int], period: Period):
    raise NotImplementedError(source)
