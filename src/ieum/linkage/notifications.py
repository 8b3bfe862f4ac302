"""Who hears of what on a service request.

The people of each party:
- the company: its active members;
- the provider: its hospital coordinators, or all its members when it has none;
- the routing cluster's staff: members of the cluster's operator in the cluster-staff role.

A step of the workflow (one e-mail job per `RequestEvent`) tells:
- submit → the staff, who triage it. A request the company addressed to a provider goes
  on to that provider at once, as a second step (assign) with its own e-mail to it;
- triage → the company;
- assign → the provider it went to, and the company;
- accept_nda, accept, start, deliver → the company and the staff;
- decline → the company and the staff, with the reason, since the staff route it again;
- close → the provider and the staff, with the rating and the comment;
- cancel → the provider it was with (if any) and the staff, with the reason.
A message on the thread tells every party but the author's side, and only people who
may read the thread (not a provider still before the NDA).

Nobody outside the parties is e-mailed: when the job runs, each person is checked
against `linkage.view_request`, so a provider that declined, or was replaced, before the
job ran hears nothing more. The one exception is a cancellation, which also tells the
provider that held the request. The person who took the step is not told of it.
Whoever may not read the details (`linkage.read_request_details`: a provider before
the NDA of a confidential request) gets the sealed e-mail, which names only the
reference, the service type, the therapeutic area and the link.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieum.accounts.enums import Role
from ieum.accounts.models import User
from ieum.linkage.enums import RequestStatus, Step
from ieum.linkage.models import RequestEvent, RequestMessage, ServiceRequest

COMPANY = "company"
PROVIDER = "provider"
STAFF = "staff"

STEP_PARTIES = {
    Step.SUBMIT: (STAFF,),
    Step.TRIAGE: (COMPANY,),
    Step.ASSIGN: (PROVIDER, COMPANY),
    Step.ACCEPT_NDA: (COMPANY, STAFF),
    Step.ACCEPT: (COMPANY, STAFF),
    Step.DECLINE: (COMPANY, STAFF),
    Step.START: (COMPANY, STAFF),
    Step.DELIVER: (COMPANY, STAFF),
    Step.CLOSE: (PROVIDER, STAFF),
    Step.CANCEL: (PROVIDER, STAFF),
}

# The states in which a provider held a request, for telling it of a cancellation.
HELD_STATUSES = (RequestStatus.ASSIGNED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS)


@dataclass(frozen=True)
class Reader:
    """A person to tell, the party they are told as, and whether they read the details."""

    user: User
    party: str
    reads_details: bool


def _people(**membership) -> list[User]:
    return list(
        User.objects.filter(
            is_active=True, **{f"memberships__{key}": value for key, value in membership.items()}
        )
        .distinct()
        .order_by("pk")
    )


def company_people(request: ServiceRequest) -> list[User]:
    return _people(organization_id=request.company_id)


def provider_people(provider_id: int | None) -> list[User]:
    """The provider's hospital coordinators, or all its members when it has none."""
    if provider_id is None:
        return []
    return _people(organization_id=provider_id, role=Role.HOSPITAL_COORDINATOR) or _people(
        organization_id=provider_id
    )


def staff_people(request: ServiceRequest) -> list[User]:
    if request.cluster_id is None:
        return []
    return _people(organization__operated_clusters__pk=request.cluster_id, role=Role.CLUSTER_STAFF)


def party_people(request: ServiceRequest, party: str, *, provider_id: int | None) -> list[User]:
    if party == COMPANY:
        return company_people(request)
    if party == PROVIDER:
        return provider_people(provider_id)
    return staff_people(request)


def _readers(
    request: ServiceRequest,
    parties: list[tuple[str, list[User]]],
    *,
    skip_user_id: int | None,
    may_know=None,
) -> list[Reader]:
    seen: set[int] = {skip_user_id} if skip_user_id is not None else set()
    readers = []
    for party, people in parties:
        for person in people:
            if person.pk in seen:
                continue
            knows = person.has_perm("linkage.view_request", request) or (
                may_know is not None and may_know(person, party)
            )
            if not knows:
                continue
            seen.add(person.pk)
            readers.append(
                Reader(
                    user=person,
                    party=party,
                    reads_details=person.has_perm("linkage.read_request_details", request),
                )
            )
    return readers


def step_readers(event: RequestEvent) -> list[Reader]:
    """Who hears of a step, as which party, and whether they may read the details."""
    request = event.request
    if event.step == Step.CANCEL and event.from_status == RequestStatus.DRAFT:
        # A draft was never shown to anyone but the company.
        return []
    parties = [
        (party, party_people(request, party, provider_id=event.provider_id))
        for party in STEP_PARTIES.get(event.step, ())
    ]

    def held_it(person: User, party: str) -> bool:
        # A cancelled request no longer shows to the provider that held it; it is told.
        return (
            event.step == Step.CANCEL and party == PROVIDER and event.from_status in HELD_STATUSES
        )

    return _readers(request, parties, skip_user_id=event.actor_id, may_know=held_it)


def message_readers(message: RequestMessage) -> list[Reader]:
    """Every party but the author's side, among those who may read the thread."""
    request = message.request
    side = message.organization_id
    parties = []
    if side != request.company_id:
        parties.append((COMPANY, company_people(request)))
    if request.provider_id is not None and side != request.provider_id:
        parties.append((PROVIDER, provider_people(request.provider_id)))
    if request.cluster_id is not None and side != request.cluster.operator_id:
        parties.append((STAFF, staff_people(request)))
    readers = _readers(request, parties, skip_user_id=message.author_id)
    return [reader for reader in readers if reader.reads_details]
