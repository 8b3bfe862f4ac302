"""The states a request can be in, and the roles that act on it, for the matrix tests."""

from __future__ import annotations

from ieum.linkage import workflow
from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceRequest

S = RequestStatus
ROLES = [
    "company",
    "coordinator",
    "staff",
    "admin",
    "other_company",
    "other_coordinator",
    "other_staff",
    "reviewer",
    "stranger",
]
# "assigned" is a confidential request still before the NDA; "assigned_open" the same
# after the provider accepted the NDA. "cancelled" was cancelled as a draft (never
# sent), "cancelled_late" while the provider was working on it.
ASSIGNED_OPEN = "assigned_open"
CANCELLED_LATE = "cancelled_late"
STATES = [
    S.DRAFT,
    S.SUBMITTED,
    S.TRIAGED,
    S.ASSIGNED,
    ASSIGNED_OPEN,
    S.ACCEPTED,
    S.IN_PROGRESS,
    S.DELIVERED,
    S.CLOSED,
    S.CANCELLED,
    CANCELLED_LATE,
]
PROVIDER_STATES = frozenset(
    {S.ASSIGNED, ASSIGNED_OPEN, S.ACCEPTED, S.IN_PROGRESS, S.DELIVERED, S.CLOSED}
)
# Who may know of the request in each state; everyone else in ROLES may not.
PARTIES = {
    S.DRAFT: {"company", "admin"},
    S.SUBMITTED: {"company", "staff", "admin"},
    S.TRIAGED: {"company", "staff", "admin"},
    **{state: {"company", "coordinator", "staff", "admin"} for state in PROVIDER_STATES},
    # A draft cancelled before it was sent never reached the cluster.
    S.CANCELLED: {"company", "admin"},
    # The provider that held a cancelled request keeps it in its records.
    CANCELLED_LATE: {"company", "coordinator", "staff", "admin"},
}


def request_in(world, state: str) -> ServiceRequest:
    """A new request of the world's company, walked through the workflow to `state`."""
    if state == ASSIGNED_OPEN:
        request = world.request(S.ASSIGNED)
        return workflow.accept_nda(actor=world.coordinator, request=request)
    if state == CANCELLED_LATE:
        request = world.request(S.IN_PROGRESS)
        return workflow.cancel_request(actor=world.company_member, request=request)
    return world.request(state)


def status_of(state: str) -> str:
    return {ASSIGNED_OPEN: S.ASSIGNED, CANCELLED_LATE: S.CANCELLED}.get(state, state)
