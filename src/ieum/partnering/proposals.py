"""Proposals: a startup's answer to a technology need, and the demand company's screening.

A proposal is open while submitted or shortlisted; withdrawing, shortlisting, declining
and accepting each lock its row first, so of two people deciding at once one wins and
the other is told the step no longer applies. Accepting creates an accepted meeting
request from the demand company to the startup, through the same function that accepts
any request.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Term
from ieum.partnering import notifications
from ieum.partnering.enums import (
    OPEN_PROPOSAL_STATUSES,
    EventStatus,
    PartyKind,
    Priority,
    ProposalStatus,
    RequestStatus,
)
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import MeetingRequest, Proposal, Registration, TechnologyNeed
from ieum.partnering.needs import check_deal_types
from ieum.partnering.requests import (
    check_event_active,
    check_priority,
    create_request,
    live_request_between,
    lock_parties,
    open_meeting,
)

# A startup that answered a need asked for the meeting itself: its side counts as high
# priority, so the demand company's priority decides the meeting's weight.
PROPOSER_PRIORITY = Priority.HIGH


def proposals_open(need: TechnologyNeed, *, now=None) -> bool:
    now = now or timezone.now()
    return (
        need.is_published
        and need.event.status in (EventStatus.OPEN, EventStatus.PUBLISHED)
        and (need.proposals_close_at is None or now < need.proposals_close_at)
    )


@transaction.atomic
def submit_proposal(
    *,
    need: TechnologyNeed,
    registration: Registration,
    by,
    title: str,
    summary: str,
    stage: Term | None = None,
    deal_types: Iterable[str] = (),
) -> Proposal:
    """Answer a need with a non-confidential proposal, once per need and party."""
    need = (
        TechnologyNeed.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=need.pk)
    )
    registration = Registration.objects.get(pk=registration.pk)
    if registration.pk == need.registration_id:
        raise ValidationError(_("You cannot answer your own need."))
    if registration.event_id != need.event_id:
        raise ValidationError(_("Register at the need's event to answer it."))
    if registration.is_cancelled:
        raise ValidationError(_("Your registration at this event is cancelled."))
    if registration.kind == PartyKind.DEMAND_COMPANY:
        raise ValidationError(_("Demand companies do not answer needs; ask for a meeting."))
    if not proposals_open(need):
        raise ValidationError(_("This need no longer takes proposals."))
    title, summary = (title or "").strip(), (summary or "").strip()
    if not title:
        raise ValidationError({"title": _("Give your proposal a title.")})
    if not summary:
        raise ValidationError({"summary": _("Summarize your proposal.")})
    if stage is not None and stage.vocabulary != Vocabulary.TRL:
        raise ValidationError({"stage": _("Choose a technology readiness level.")})
    if Proposal.objects.filter(need=need, registration=registration).exists():
        raise ValidationError(_("You have already answered this need."))
    try:
        with transaction.atomic():
            proposal = Proposal.objects.create(
                need=need,
                registration=registration,
                submitted_by=by,
                title=title,
                summary=summary,
                stage=stage,
                deal_types=check_deal_types(deal_types),
            )
    except IntegrityError as error:
        if "proposal_one_per_need_and_startup" in str(error):
            raise ValidationError(_("You have already answered this need.")) from error
        raise
    notifications.proposal_changed(proposal, event="submitted")
    return proposal


def _lock(proposal: Proposal) -> Proposal:
    return (
        Proposal.objects.select_for_update(of=("self",))
        .select_related("need__event", "need__registration", "registration")
        .get(pk=proposal.pk)
    )


def _check_open(proposal: Proposal) -> None:
    if proposal.status not in OPEN_PROPOSAL_STATUSES:
        raise IllegalStep(
            _("This proposal is already %(status)s.") % {"status": proposal.get_status_display()}
        )


def _decide(proposal: Proposal, *, by, status: str, reason: str = "") -> None:
    proposal.status = status
    proposal.decided_by = by
    proposal.decided_at = timezone.now()
    proposal.decision_reason = reason
    proposal.save(
        update_fields=["status", "decided_by", "decided_at", "decision_reason", "updated_at"]
    )


@transaction.atomic
def withdraw_proposal(*, proposal: Proposal, by) -> None:
    """The startup takes back its open proposal."""
    proposal = _lock(proposal)
    _check_open(proposal)
    proposal.status = ProposalStatus.WITHDRAWN
    proposal.save(update_fields=["status", "updated_at"])
    notifications.proposal_changed(proposal, event="withdrawn")


@transaction.atomic
def shortlist_proposal(*, proposal: Proposal, by) -> None:
    """The demand company keeps a submitted proposal for a closer look."""
    proposal = _lock(proposal)
    _check_open(proposal)
    if proposal.status == ProposalStatus.SHORTLISTED:
        raise IllegalStep(_("This proposal is already shortlisted."))
    _decide(proposal, by=by, status=ProposalStatus.SHORTLISTED)
    notifications.proposal_changed(proposal, event="shortlisted")


@transaction.atomic
def decline_proposal(*, proposal: Proposal, by, reason: str) -> None:
    """The demand company turns an open proposal down, and says why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you decline.")})
    proposal = _lock(proposal)
    _check_open(proposal)
    _decide(proposal, by=by, status=ProposalStatus.DECLINED, reason=reason)
    notifications.proposal_changed(proposal, event="declined")


@transaction.atomic
def accept_proposal(*, proposal: Proposal, by, priority: int = 2) -> MeetingRequest:
    """The demand company wants to meet: an accepted request and its meeting follow."""
    priority = check_priority(priority)
    proposal = _lock(proposal)
    _check_open(proposal)
    need = proposal.need
    parties = lock_parties([need.registration_id, proposal.registration_id])
    demand, startup = parties[need.registration_id], parties[proposal.registration_id]
    check_event_active(need.event)
    if demand.is_cancelled or startup.is_cancelled:
        raise ValidationError(_("One of the parties no longer takes part in the event."))
    if live_request_between(demand, startup) is not None:
        raise ValidationError(
            _(
                "These two parties already have a meeting request; answer that one "
                "instead of accepting the proposal."
            )
        )
    request = create_request(
        event=need.event,
        requester=demand,
        recipient=startup,
        requested_by=by,
        priority=priority,
        proposal=proposal,
        status=RequestStatus.PENDING,
    )
    open_meeting(request=request, by=by, recipient_priority=PROPOSER_PRIORITY)
    _decide(proposal, by=by, status=ProposalStatus.ACCEPTED)
    notifications.proposal_changed(proposal, event="accepted")
    return request


# Reading: a party's own proposals and a demand company's screening inbox.


def proposals_made(*, user) -> QuerySet[Proposal]:
    return (
        Proposal.objects.filter(registration__organization_id__in=access_for(user).organization_ids)
        .select_related("need__event", "need__registration__organization", "registration")
        .order_by("-created_at", "-pk")
    )


def proposals_received(*, user) -> QuerySet[Proposal]:
    """Proposals to the needs of the person's organizations, for screening."""
    return (
        Proposal.objects.filter(
            need__registration__organization_id__in=access_for(user).organization_ids
        )
        .select_related("need__event", "registration__organization", "stage")
        .order_by("-created_at", "-pk")
    )
