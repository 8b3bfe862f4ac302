"""Who is told what: the worker's e-mail tasks read the rows afresh and send.

A job whose news is already out of date sends nothing: a request that was answered
before its "sent" job ran, a proposal decided before its "submitted" job ran, or a
meeting changed again before its job ran (that later change queued its own job,
which tells the newest state).
"""

from __future__ import annotations

from django.core.mail import get_connection
from django.utils import translation

from ieum.accounts.models import User
from ieum.partnering import emails
from ieum.partnering.agendas import delegate_agenda, meeting_entries
from ieum.partnering.emails import party_recipients, user_recipient
from ieum.partnering.enums import MeetingStatus, ProposalStatus, RequestStatus
from ieum.partnering.models import (
    Delegate,
    Event,
    Meeting,
    MeetingRequest,
    MentorSlot,
    Proposal,
)

# The status a request or proposal must still have for its news to be worth sending.
REQUEST_STATUS_FOR = {
    "sent": RequestStatus.PENDING,
    "accepted": RequestStatus.ACCEPTED,
    "declined": RequestStatus.DECLINED,
    "cancelled": RequestStatus.CANCELLED,
}
PROPOSAL_STATUS_FOR = {
    "submitted": ProposalStatus.SUBMITTED,
    "shortlisted": ProposalStatus.SHORTLISTED,
    "accepted": ProposalStatus.ACCEPTED,
    "declined": ProposalStatus.DECLINED,
    "withdrawn": ProposalStatus.WITHDRAWN,
}


def _send(messages: list) -> int:
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def send_request_emails(*, request_id: int, event: str) -> int:
    """A new request goes to the recipient party; its answer to the requester; a
    cancellation to both."""
    request = (
        MeetingRequest.objects.select_related(
            "event", "requester__organization", "recipient__organization"
        )
        .filter(pk=request_id)
        .first()
    )
    if request is None or request.status != REQUEST_STATUS_FOR[event]:
        return 0
    requester, recipient = request.requester, request.recipient
    targets = {
        "sent": [(recipient, requester)],
        "accepted": [(requester, recipient)],
        "declined": [(requester, recipient)],
        "cancelled": [(requester, recipient), (recipient, requester)],
    }[event]
    return _send(
        [
            emails.request_email(request=request, event=event, recipient=person, other=other)
            for party, other in targets
            for person in party_recipients(registration=party)
        ]
    )


def send_proposal_emails(*, proposal_id: int, event: str) -> int:
    """News for the demand company (submitted, withdrawn) or the startup (its decisions)."""
    proposal = (
        Proposal.objects.select_related(
            "registration__organization",
            "registration__event",
            "need__event",
            "need__registration__organization",
            "need__registration__event",
        )
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None or proposal.status != PROPOSAL_STATUS_FOR[event]:
        return 0
    party = (
        proposal.need.registration if event in ("submitted", "withdrawn") else proposal.registration
    )
    return _send(
        [
            emails.proposal_email(proposal=proposal, event=event, recipient=person)
            for person in party_recipients(registration=party)
        ]
    )


def send_meeting_emails(*, meeting_id: int, event: str, sequence: int) -> int:
    """Tell both teams' delegates that a meeting was scheduled, moved or cancelled.

    Sent only while the meeting's sequence is still the job's (or, should a change not
    have raised it, lower): a newer sequence means a later change queued its own job.
    Placements and moves of meetings not (or no longer) on published agendas are not
    news: the agenda e-mail or the cancellation tells them.
    """
    meeting = (
        Meeting.objects.select_related(
            "event",
            "slot",
            "location",
            "request__requester__organization",
            "request__requester__event",
            "request__recipient__organization",
            "request__recipient__event",
        )
        .filter(pk=meeting_id)
        .first()
    )
    if meeting is None or meeting.sequence > sequence:
        return 0
    if event in ("scheduled", "moved") and (
        meeting.status != MeetingStatus.SCHEDULED or meeting.published_at is None
    ):
        return 0
    if event == "cancelled" and meeting.status == MeetingStatus.SCHEDULED:
        return 0
    request = meeting.request
    sides = [
        (request.requester, meeting.requester_team, request.recipient),
        (request.recipient, meeting.recipient_team, request.requester),
    ]
    return _send(
        [
            emails.meeting_email(meeting=meeting, event=event, recipient=person, other=other)
            for party, team, other in sides
            for person in party_recipients(registration=party, team=team)
        ]
    )


def send_agenda_emails(*, event_id: int) -> int:
    """Each delegate of the event gets their published agenda once, in their language."""
    event = Event.objects.filter(pk=event_id).first()
    if event is None:
        return 0
    delegates = Delegate.objects.filter(
        registration__event=event, registration__is_cancelled=False
    ).select_related("registration__event", "registration__organization", "user")
    messages = []
    for delegate in delegates.order_by("pk"):
        # Place names and dates in the agenda come out in the delegate's language.
        with translation.override(emails.delegate_recipient(delegate).language):
            meetings = meeting_entries(delegate_agenda(delegate=delegate))
            messages.append(emails.agenda_email(delegate=delegate, meetings=meetings))
    return _send(messages)


def send_mentor_slot_emails(
    *, slot_id: int, event: str, booker_id: int | None = None, actor_id: int | None = None
) -> int:
    """The mentor and the startup's booker hear of bookings and cancellations.

    A cancelled booking no longer names its booker, so the job carries who it was;
    whoever made the change is not told of it.
    """
    slot = (
        MentorSlot.objects.select_related(
            "session__event", "mentor", "booked_by", "booked_organization"
        )
        .filter(pk=slot_id)
        .first()
    )
    if slot is None or (event == "booked" and slot.booked_organization_id is None):
        return 0
    event_row = slot.session.event
    booker = slot.booked_by
    if event == "cancelled" and booker_id is not None:
        booker = User.objects.filter(pk=booker_id).first()
    targets = [(slot.mentor, True)]
    if booker is not None and booker.pk != slot.mentor_id:
        targets.append((booker, False))
    targets = [(person, is_mentor) for person, is_mentor in targets if person.pk != actor_id]
    return _send(
        [
            emails.mentor_slot_email(
                slot=slot,
                event=event,
                recipient=user_recipient(person, event=event_row),
                for_mentor=for_mentor,
            )
            for person, for_mentor in targets
            if person.is_active
        ]
    )
