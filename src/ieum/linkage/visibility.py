"""Which requests a person may know of, and the log of who read confidential ones.

`visible_requests` is the query form of `linkage.view_request` (rules.py); lists,
inboxes, exports, reports and the API all start from it, so a request outside a
person's reach is absent everywhere, not just hidden on one page.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ieum.accounts.access import access_for
from ieum.linkage.enums import PROVIDER_STATUSES, ReadChannel, RequestStatus
from ieum.linkage.models import RequestFile, RequestRead, ServiceRequest


def visible_requests(user) -> QuerySet[ServiceRequest]:
    access = access_for(user)
    requests = ServiceRequest.objects.all()
    if access.is_platform_admin:
        return requests
    if not access.organization_ids:
        return requests.none()
    reach = Q(company_id__in=access.organization_ids) | Q(
        provider_id__in=access.organization_ids, status__in=PROVIDER_STATUSES
    )
    if access.staffed_cluster_ids:
        # Only requests that were sent: neither drafts nor drafts cancelled unsent.
        reach |= (
            Q(cluster_id__in=access.staffed_cluster_ids)
            & ~Q(status=RequestStatus.DRAFT)
            & ~Q(status=RequestStatus.CANCELLED, submitted_at__isnull=True)
        )
    return requests.filter(reach)


def record_read(
    *,
    user,
    request: ServiceRequest,
    channel: ReadChannel,
    file: RequestFile | None = None,
) -> None:
    """Log a read of a confidential request's details; other requests are not logged."""
    if request.is_confidential:
        RequestRead.objects.create(request=request, user=user, channel=channel, file=file)


def record_reads(*, user, requests: list[ServiceRequest], channel: ReadChannel) -> None:
    """Log one read per confidential request, for exports and API lists with details."""
    RequestRead.objects.bulk_create(
        RequestRead(request=request, user=user, channel=channel)
        for request in requests
        if request.is_confidential
    )
