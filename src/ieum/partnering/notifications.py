"""Tell the parties about changes: domain functions call these inside their transaction.

Each queues one job for the worker once the transaction commits (so a change that
rolls back tells nobody); the tasks in `notification_tasks.py` read the rows afresh
and send each person e-mail in their own language.
"""

from __future__ import annotations

from ieum.core.jobs import defer_on_commit
from ieum.partnering import job_names

REQUEST_EVENTS = ("sent", "accepted", "declined", "cancelled")
PROPOSAL_EVENTS = ("submitted", "shortlisted", "accepted", "declined", "withdrawn")
MEETING_EVENTS = ("scheduled", "moved", "cancelled")
MENTOR_SLOT_EVENTS = ("booked", "cancelled")


def request_changed(request, *, event: str) -> None:
    assert event in REQUEST_EVENTS, event
    defer_on_commit(job_names.REQUEST_EMAIL, request_id=request.pk, event=event)


def proposal_changed(proposal, *, event: str) -> None:
    assert event in PROPOSAL_EVENTS, event
    defer_on_commit(job_names.PROPOSAL_EMAIL, proposal_id=proposal.pk, event=event)


def meeting_changed(meeting, *, event: str) -> None:
    """A published meeting was placed late, moved by hand or cancelled."""
    assert event in MEETING_EVENTS, event
    defer_on_commit(
        job_names.MEETING_EMAIL, meeting_id=meeting.pk, event=event, sequence=meeting.sequence
    )


def agendas_published(event) -> None:
    """One job for the whole event: each delegate gets their agenda once."""
    defer_on_commit(job_names.AGENDAS_PUBLISHED_EMAIL, event_id=event.pk)


def mentor_slot_changed(slot, *, event: str, booker=None, actor=None) -> None:
    """`booker` names who had the slot when a cancellation has already cleared it;
    `actor` (who acted) is not told of their own step."""
    assert event in MENTOR_SLOT_EVENTS, event
    defer_on_commit(
        job_names.MENTOR_SLOT_EMAIL,
        slot_id=slot.pk,
        event=event,
        booker_id=booker.pk if booker is not None else None,
        actor_id=actor.pk if actor is not None else None,
    )
