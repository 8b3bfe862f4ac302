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
from datetime import datetime

from django.db.models import Count, F, Q
from django.db.models.functions import ExtractQuarter, ExtractYear

from ieum.core.business_days import SEOUL
from ieum.linkage.enums import TRIAL_AND_APPROVAL_SERVICES
from ieum.linkage.models import ServiceRequest
from ieum.linkage.report_lines import DELIVERED_STATUSES

# (cluster id when grouped by cluster, else None; year; quarter when quarterly, else None)
PeriodKey = tuple[int | None, int, int | None]


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
    requests = ServiceRequest.objects.filter(
        status__in=DELIVERED_STATUSES,
        delivered_at__gte=datetime(years[0], 1, 1, tzinfo=SEOUL),
        delivered_at__lt=datetime(years[-1] + 1, 1, 1, tzinfo=SEOUL),
    )
    if cluster_ids is not None:
        requests = requests.filter(cluster_id__in=list(cluster_ids))
    if company_id is not None:
        requests = requests.filter(company_id=company_id)
    group = {"g_year": ExtractYear("delivered_at", tzinfo=SEOUL)}
    if quarterly:
        group["g_quarter"] = ExtractQuarter("delivered_at", tzinfo=SEOUL)
    if by_cluster:
        group["g_cluster"] = F("cluster_id")
    trials = Q(service_type__in=TRIAL_AND_APPROVAL_SERVICES)
    rows = (
        requests.annotate(**group)
        .values(*group)
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
        (row.get("g_cluster"), row["g_year"], row.get("g_quarter")): DeliveredRequests(
            delivered=row["delivered"],
            delivered_companies=row["delivered_companies"],
            trials_and_approvals=row["trials_and_approvals"],
            trial_companies=row["trial_companies"],
        )
        for row in rows
        if row["g_year"] in wanted
    }
