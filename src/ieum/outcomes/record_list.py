"""The list of outcome records: filters, and the choices the filters offer.

Everything starts from `visibility.visible_records`, so nobody finds a record they may
not see, whichever filter or search they try. The clusters of each row are prefetched
in one query, which the permission rules read too (`rules.record_cluster_ids`), so a
page of records costs the same few queries whatever its length.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet

from ieum.accounts.access import access_for
from ieum.directory.models import Cluster
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.visibility import ClusterAttribution, verifiable_records, visible_records


@dataclass(frozen=True)
class RecordFilters:
    query: str = ""
    status: str = ""
    kind: str = ""
    year: int | None = None
    cluster: Cluster | None = None


def default_status(user) -> str:
    """Cluster staff open the list on the records waiting for their verification;
    companies and platform admins on all of them."""
    access = access_for(user)
    if access.staffed_cluster_ids and not access.is_platform_admin:
        return VerificationStatus.PENDING
    return ""


def find_records(*, user, filters: RecordFilters) -> QuerySet[OutcomeRecord]:
    records = visible_records(user)
    if filters.status:
        records = records.filter(status=filters.status)
    if filters.kind:
        records = records.filter(kind=filters.kind)
    if filters.year:
        records = records.filter(year=filters.year)
    if filters.cluster is not None:
        records = records.filter(
            pk__in=ClusterAttribution.objects.filter(cluster=filters.cluster).values(
                "outcomerecord_id"
            )
        )
    for word in filters.query.split():
        records = records.filter(
            Q(company__name_ko__icontains=word)
            | Q(company__name_en__icontains=word)
            | Q(title__icontains=word)
            | Q(reference__icontains=word)
            | Q(counterparty__icontains=word)
        )
    return (
        records.select_related("company")
        .prefetch_related(Prefetch("clusters", queryset=Cluster.objects.order_by("name_ko")))
        .order_by("-occurred_on", "-pk")
    )


def waiting_count(user) -> int:
    """How many records wait for this person's verification."""
    return verifiable_records(user).filter(status=VerificationStatus.PENDING).count()


def record_years(user) -> list[int]:
    """The years of the visible records, newest first, for the year filter."""
    years = visible_records(user).order_by().values_list("year", flat=True).distinct()
    return sorted(set(years), reverse=True)


def listed_clusters(user) -> QuerySet[Cluster]:
    """The clusters visible records are attributed to, for the cluster filter (all of
    them for platform admins, without reading every record)."""
    if access_for(user).is_platform_admin:
        return Cluster.objects.order_by("name_ko")
    attributed = ClusterAttribution.objects.filter(
        outcomerecord_id__in=visible_records(user).values("pk")
    ).values("cluster_id")
    return Cluster.objects.filter(pk__in=attributed).order_by("name_ko")
