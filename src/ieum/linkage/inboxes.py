"""The three inboxes: a company's requests, a provider's incoming ones, a cluster's triage.

Each starts from `visibility.visible_requests`, so an inbox can never list a request
its reader may not know of, then keeps the reader's own side of it: the requests of
their companies, those assigned to their organizations, those their clusters route.
Counts come from one aggregate query over the inbox before the status is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import (
    BooleanField,
    Case,
    Count,
    ExpressionWrapper,
    F,
    Q,
    QuerySet,
    When,
)

from ieum.accounts.access import access_for
from ieum.directory.models import Cluster, Term
from ieum.linkage.deadlines import overdue_condition
from ieum.linkage.enums import PROVIDER_STATUSES, RequestStatus, ServiceType
from ieum.linkage.models import ServiceRequest
from ieum.linkage.visibility import visible_requests

S = RequestStatus

# The company's tabs.
COMPANY_TABS: dict[str, tuple[str, ...]] = {
    "draft": (S.DRAFT,),
    "open": (S.SUBMITTED, S.TRIAGED, S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS, S.DELIVERED),
    "closed": (S.CLOSED, S.CANCELLED),
}
# What cluster staff have to do: route new requests and those a provider declined.
TO_TRIAGE = (S.SUBMITTED, S.TRIAGED)
# Shown in the triage inbox when people ask for "all statuses".
ALL = "all"


@dataclass(frozen=True)
class InboxFilters:
    query: str = ""
    # A status, ALL, or empty for the inbox's default.
    status: str = ""
    tab: str = ""
    service_type: str = ""
    area: Term | None = None
    cluster: Cluster | None = None
    overdue: bool = False


@dataclass(frozen=True)
class Inbox:
    # The requests to show, ordered, with `due_on` and `is_late` for each row.
    requests: QuerySet[ServiceRequest]
    # Per status of the inbox (before the status filter), "overdue", and the
    # inbox's own: "draft"/"open"/"closed", "waiting" or "to_triage".
    counts: dict[str, int]


def company_requests(user) -> QuerySet[ServiceRequest]:
    return visible_requests(user).filter(company_id__in=access_for(user).organization_ids)


def provider_requests(user) -> QuerySet[ServiceRequest]:
    return visible_requests(user).filter(
        provider_id__in=access_for(user).organization_ids, status__in=PROVIDER_STATUSES
    )


def triage_requests(user) -> QuerySet[ServiceRequest]:
    access = access_for(user)
    # Drafts, and drafts cancelled before they were sent, never reach the cluster.
    requests = (
        visible_requests(user)
        .exclude(status=S.DRAFT)
        .exclude(status=S.CANCELLED, submitted_at__isnull=True)
    )
    if not access.is_platform_admin:
        requests = requests.filter(cluster_id__in=access.staffed_cluster_ids)
    return requests


def triage_clusters(user) -> QuerySet[Cluster]:
    """The clusters whose requests a person triages: the ones they staff, all for admins."""
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    if access.is_platform_admin:
        return clusters
    return clusters.filter(pk__in=access.staffed_cluster_ids)


def my_requests(*, user, filters: InboxFilters, today: date) -> Inbox:
    """The requests of the person's companies, by tab (draft, open, closed) and status."""
    requests = _narrow(company_requests(user), filters=filters, sealed_titles=False)
    counts = _counts(requests, today=today)
    for tab, statuses in COMPANY_TABS.items():
        counts[tab] = sum(counts[status] for status in statuses)
    if filters.tab in COMPANY_TABS:
        requests = requests.filter(status__in=COMPANY_TABS[filters.tab])
    requests = _by_status(requests, filters=filters, today=today)
    return Inbox(_rows(requests, today=today).order_by("-created_at", "-pk"), counts)


def incoming_requests(*, user, filters: InboxFilters, today: date) -> Inbox:
    """Requests assigned to the person's organizations, soonest due first."""
    requests = _narrow(provider_requests(user), filters=filters, sealed_titles=True)
    counts = _counts(requests, today=today)
    counts["waiting"] = counts[S.ASSIGNED]
    requests = _by_status(requests, filters=filters, today=today)
    return Inbox(_by_due_date(_rows(requests, today=today)), counts)


def requests_to_triage(*, user, filters: InboxFilters, today: date) -> Inbox:
    """Requests of the clusters a person staffs: those to triage unless they ask for more."""
    requests = triage_requests(user)
    if filters.cluster is not None:
        requests = requests.filter(cluster=filters.cluster)
    requests = _narrow(requests, filters=filters, sealed_titles=False)
    counts = _counts(requests, today=today)
    counts["to_triage"] = sum(counts[status] for status in TO_TRIAGE)
    if not filters.status:
        requests = requests.filter(status__in=TO_TRIAGE)
    requests = _by_status(requests, filters=filters, today=today)
    return Inbox(_by_due_date(_rows(requests, today=today)), counts)


def _narrow(
    requests: QuerySet[ServiceRequest], *, filters: InboxFilters, sealed_titles: bool
) -> QuerySet[ServiceRequest]:
    if filters.service_type in ServiceType.values:
        requests = requests.filter(service_type=filters.service_type)
    if filters.area is not None:
        requests = requests.filter(therapeutic_area=filters.area)
    for word in filters.query.split()[:8]:
        requests = requests.filter(_word_matches(word, sealed_titles=sealed_titles))
    return requests


def _word_matches(word: str, *, sealed_titles: bool) -> Q:
    matches = Q(company__name_ko__icontains=word) | Q(company__name_en__icontains=word)
    title = Q(title__icontains=word) | Q(product_name__icontains=word)
    if sealed_titles:
        # A provider before the NDA may not learn the title, even by searching for it.
        title &= Q(is_confidential=False) | Q(nda_accepted_at__isnull=False)
    matches |= title
    number = word.upper().removeprefix("SR-").split("-")[-1]
    if number.isdigit():
        matches |= Q(pk=int(number))
    return matches


def _by_status(
    requests: QuerySet[ServiceRequest], *, filters: InboxFilters, today: date
) -> QuerySet[ServiceRequest]:
    if filters.status in S.values:
        requests = requests.filter(status=filters.status)
    if filters.overdue:
        requests = requests.filter(overdue_condition(today))
    return requests


def _counts(requests: QuerySet[ServiceRequest], *, today: date) -> dict[str, int]:
    figures = {status: Count("pk", filter=Q(status=status)) for status in S.values}
    figures["overdue"] = Count("pk", filter=overdue_condition(today))
    figures["total"] = Count("pk")
    return requests.order_by().aggregate(**figures)


def _rows(requests: QuerySet[ServiceRequest], *, today: date) -> QuerySet[ServiceRequest]:
    # `due_on` is the query form of `deadlines.due_date`, `is_late` of `is_overdue`.
    return requests.select_related(
        "company", "provider", "cluster", "therapeutic_area", "offering"
    ).annotate(
        due_on=Case(
            When(status__in=(S.SUBMITTED, S.TRIAGED), then=F("triage_due")),
            When(status=S.ASSIGNED, then=F("response_due")),
            When(status__in=(S.ACCEPTED, S.IN_PROGRESS), then=F("delivery_due")),
            default=None,
        ),
        is_late=ExpressionWrapper(overdue_condition(today), output_field=BooleanField()),
    )


def _by_due_date(requests: QuerySet[ServiceRequest]) -> QuerySet[ServiceRequest]:
    return requests.order_by(F("due_on").asc(nulls_last=True), "-created_at", "-pk")
