"""Overdue requests: whoever holds a request past its business-day deadline.

- staff: submitted or triaged (also after a decline) and not assigned by `triage_due`;
- provider: assigned and not answered by `response_due`;
- provider: accepted or in progress and not delivered by `delivery_due`.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, QuerySet

from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceRequest


def overdue_condition(today: date) -> Q:
    return (
        Q(status__in=(RequestStatus.SUBMITTED, RequestStatus.TRIAGED), triage_due__lt=today)
        | Q(status=RequestStatus.ASSIGNED, response_due__lt=today)
        | Q(
            status__in=(RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS),
            delivery_due__lt=today,
        )
    )


def overdue_requests(requests: QuerySet[ServiceRequest], *, today: date) -> QuerySet:
    return requests.filter(overdue_condition(today))


def due_date(request: ServiceRequest) -> date | None:
    """The deadline that applies in the request's current state, if any."""
    if request.status in (RequestStatus.SUBMITTED, RequestStatus.TRIAGED):
        return request.triage_due
    if request.status == RequestStatus.ASSIGNED:
        return request.response_due
    if request.status in (RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS):
        return request.delivery_due
    return None


def is_overdue(request: ServiceRequest, *, today: date) -> bool:
    due = due_date(request)
    return due is not None and due < today
