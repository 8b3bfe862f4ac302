"""Delivered service requests by year or quarter, which the outcomes app reads for its
KPIs.

A request counts once, in the year and quarter (Asia/Seoul) in which the provider
delivered it, if it is delivered or closed now, and belongs to its routing cluster:
the meaning of `reports.supported_trials_and_approvals`, which the trials-and-approvals
figure repeats for the trial and approval services (`TRIAL_AND_APPROVAL_SERVICES`).
Each figure comes with the distinct companies behind it, so that a public figure made
of one or two companies can be hidden.

One query, whatever the number of years, quarters or clusters. Not scoped to a person:
the caller decides who sees the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Q

from ieum.core.period_groups import PeriodKey, group_by_period, period_key, seoul_year_bounds
from ieum.linkage.enums import TRIAL_AND_APPROVAL_SERVICES
from ieum.linkage.models import ServiceRequest
from ieum.linkage.report_lines import DELIVERED_STATUSES


@dataclass(frozen=True)
class DeliveredRequests:
    delivered: int = 0
    delivered_companies: int = 0
    trials_and_approvals: int = 0
    trial_companies: int = 0


def delivered_requests_by_period(
    *,
    years: Iterable[int],
    quarterly: bool = False,
    cluster_ids: Iterable[int] | None = None,
    company_id: int | None = None,
    by_cluster: bool = False,
) -> dict[PeriodKey, DeliveredRequests]:
    """Requests delivered in each of `years` (and each quarter when `quarterly`), routed
    by `cluster_ids` (all when None), of one company or of all."""
    years = sorted(set(years))
    if not years:
        return {}
    first, after = seoul_year_bounds(years)
    requests = ServiceRequest.objects.filter(
        status__in=DELIVERED_STATUSES,
        delivered_at__gte=first,
        delivered_at__lt=after,
    )
    if cluster_ids is not None:
        requests = requests.filter(cluster_id__in=list(cluster_ids))
    if company_id is not None:
        requests = requests.filter(company_id=company_id)
    requests, group = group_by_period(
        requests,
        moment="delivered_at",
        quarterly=quarterly,
        by_cluster=by_cluster,
        cluster="cluster_id",
    )
    trials = Q(service_type__in=TRIAL_AND_APPROVAL_SERVICES)
    rows = (
        requests.values(*group)
        .annotate(
            delivered=Count("pk"),
            delivered_companies=Count("company_id", distinct=True),
            trials_and_approvals=Count("pk", filter=trials),
            trial_companies=Count("company_id", filter=trials, distinct=True),
        )
        .order_by()
    )
    wanted = set(years)
    return {
        period_key(row): DeliveredRequests(
            delivered=row["delivered"],
            delivered_companies=row["delivered_companies"],
            trials_and_approvals=row["trials_and_approvals"],
            trial_companies=row["trial_companies"],
        )
        for row in rows
        if row["g_year"] in wanted
    }
