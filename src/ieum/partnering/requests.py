"""Meeting requests between registered parties: send, accept, decline, cancel.

Lock order, everywhere: the proposal (when there is one), then both parties'
registrations by primary key, then the request, then its meeting. Two parties asking
each other at the same moment therefore take turns, and the partial unique index
`meeting_request_one_live_per_pair` is the last line nobody crosses.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.jobs import defer_on_commit
from ieum.partnering import job_names, notifications
from ieum.partnering.enums import (
    LIVE_REQUEST_STATUSES,
    EventStatus,
    MeetingStatus,
    Priority,
    RequestStatus,
)
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Event, Meeting, MeetingRequest, MeetingSeat, Registration

ACTIVE_EVENT_STATUSES = (EventStatus.OPEN, EventStatus.PUBLISHED)


def check_priority(priority, *, field: str = "priority") -> int:
    if priority not in Priority.values:
        raise ValidationError({field: _("Choose a priority from 1 (low) to 3 (high).")})
    return int(priority)


def check_event_active(event: Event) -> None:
    if event.status not in ACTIVE_EVENT_STATUSES:
        raise ValidationError(_("The event does not take meeting requests now."))


def lock_parties(registration_ids: Iterable[int]) -> dict[int, Registration]:
    """Lock the registrations in primary-key order, so two lockers never wait on each other."""
    rows = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event", "organization")
        .filter(pk__in=set(registration_ids))
        .order_by("pk")
    )
    return {row.pk: row for row in rows}


def meeting_weight(requester_priority: int, recipient_priority: int) -> int:
    """How much a meeting matters to the scheduler, from both sides' priorities.

    3 only when both sides gave 3; otherwise the mean rounded up but at most 2, so one
    eager side lifts a meeting above low priority but never to the top on its own.
    """
    if requester_priority == recipient_priority == Priority.HIGH:
        return Priority.HIGH
    return min(Priority.MEDIUM, math.ceil((requester_priority + recipient_priority) / 2))


def least_busy_team(registration: Registration) -> int:
    """The party's team with the fewest live meetings so far (the lowest number on a tie)."""
    if registration.teams <= 1:
        return 1
    live = Meeting.objects.filter(event_id=registration.event_id).exclude(
        status=MeetingStatus.CANCELLED
    )
    load: Counter[int] = Counter()
    for field, side in (("requester_team", "requester"), ("recipient_team", "recipient")):
        rows = (
            live.filter(**{f"request__{side}": registration})
            .values(field)
            .annotate(n=Count("pk"))
            .values_list(field, "n")
        )
        for team, count in rows:
            load[team] += count
    return min(range(1, registration.teams + 1), key=lambda team: (load[team], team))


def open_meeting(*, request: MeetingRequest, by, recipient_priority: int) -> Meeting:
    """Accept a pending request and create its meeting, waiting for a slot.

    The caller has locked both parties and the request and checked that it is pending;
    `accept_request` and `proposals.accept_proposal` both end here.
    """
    request.status = RequestStatus.ACCEPTED
    request.recipient_priority = recipient_priority
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(
        update_fields=["status", "recipient_priority", "answered_by", "answered_at", "updated_at"]
    )
    meeting = Meeting.objects.create(
        event=request.event,
        request=request,
        weight=meeting_weight(request.priority, recipient_priority),
        requester_team=least_busy_team(request.requester),
        recipient_team=least_busy_team(request.recipient),
    )
    if request.event.status == EventStatus.PUBLISHED:
        # Agendas are out: the worker places the meeting without moving published ones.
        defer_on_commit(job_names.PLACE_LATE_MEETINGS, event_id=request.event_id)
    return meeting


def check_pair(*, requester: Registration, recipient: Registration) -> None:
    """Both parties take part in the same event and are not the same party."""
    if requester.pk == recipient.pk:
        raise ValidationError({"recipient": _("You cannot ask your own party for a meeting.")})
    if requester.event_id != recipient.event_id:
        raise ValidationError(
            {"recipient": _("Both parties must be registered at the same event.")}
        )
    if requester.is_cancelled:
        raise ValidationError(_("Your registration at this event is cancelled."))
    if recipient.is_cancelled:
        raise ValidationError({"recipient": _("This party no longer takes part in the event.")})


def live_request_between(first: Registration, second: Registration) -> MeetingRequest | None:
    return MeetingRequest.objects.filter(
        Q(requester=first, recipient=second) | Q(requester=second, recipient=first),
        status__in=LIVE_REQUEST_STATUSES,
    ).first()


def create_request(**fields) -> MeetingRequest:
    """Insert a request; a live one for the same pair, committed meanwhile, is refused."""
    try:
        with transaction.atomic():
            return MeetingRequest.objects.create(**fields)
    except IntegrityError as error:
        if "meeting_request_one_live_per_pair" in str(error):
            raise IllegalStep(
                {"recipient": _("There already is a meeting request between these parties.")}
            ) from error
        raise


@transaction.atomic
def send_request(
    *, requester: Registration, recipient: Registration, by, message: str = "", priority: int = 2
) -> MeetingRequest:
    """Ask another party of the same event for a 1:1 meeting."""
    priority = check_priority(priority)
    parties = lock_parties([requester.pk, recipient.pk])
    requester, recipient = parties[requester.pk], parties[recipient.pk]
    check_pair(requester=requester, recipient=recipient)
    event = requester.event
    check_event_active(event)
    if event.requests_close_at is not None and timezone.now() >= event.requests_close_at:
        raise ValidationError(_("Meeting requests for this event are closed."))
    if live_request_between(requester, recipient) is not None:
        raise IllegalStep(
            {"recipient": _("There already is a meeting request between these parties.")}
        )
    request = create_request(
        event=event,
        requester=requester,
        recipient=recipient,
        requested_by=by,
        message=message.strip(),
        priority=priority,
    )
    notifications.request_changed(request, event="sent")
    return request


def lock_request(request: MeetingRequest) -> MeetingRequest:
    """Lock the request's parties, then the request, and return it afresh."""
    requester_id, recipient_id = (
        MeetingRequest.objects.filter(pk=request.pk)
        .values_list("requester_id", "recipient_id")
        .get()
    )
    lock_parties([requester_id, recipient_id])
    return (
        MeetingRequest.objects.select_for_update(of=("self",))
        .select_related("event", "requester__organization", "recipient__organization")
        .get(pk=request.pk)
    )


@transaction.atomic
def accept_request(*, request: MeetingRequest, by, priority: int = 2) -> Meeting:
    """The recipient says yes, with its own priority; the meeting waits for a slot."""
    priority = check_priority(priority)
    request = lock_request(request)
    if request.status != RequestStatus.PENDING:
        raise IllegalStep(_("Only a request awaiting an answer can be accepted."))
    check_event_active(request.event)
    if request.requester.is_cancelled or request.recipient.is_cancelled:
        raise ValidationError(_("One of the parties no longer takes part in the event."))
    meeting = open_meeting(request=request, by=by, recipient_priority=priority)
    notifications.request_changed(request, event="accepted")
    return meeting


@transaction.atomic
def decline_request(*, request: MeetingRequest, by, reason: str) -> None:
    """The recipient says no, and why."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why you decline.")})
    request = lock_request(request)
    if request.status != RequestStatus.PENDING:
        raise IllegalStep(_("Only a request awaiting an answer can be declined."))
    request.status = RequestStatus.DECLINED
    request.decline_reason = reason
    request.answered_by = by
    request.answered_at = timezone.now()
    request.save(
        update_fields=["status", "decline_reason", "answered_by", "answered_at", "updated_at"]
    )
    notifications.request_changed(request, event="declined")


def cancel_meeting(meeting: Meeting) -> None:
    """Cancel a locked meeting: free its seats and tell the delegates if it was published."""
    meeting.status = MeetingStatus.CANCELLED
    meeting.cancelled_at = timezone.now()
    # Calendar apps replace the entry with the cancelled one only if the sequence grows.
    meeting.sequence += 1
    meeting.save(update_fields=["status", "cancelled_at", "sequence", "updated_at"])
    MeetingSeat.objects.filter(meeting=meeting).delete()
    if meeting.published_at is not None:
        notifications.meeting_changed(meeting, event="cancelled")


@transaction.atomic
def cancel_request(*, request: MeetingRequest, by, reason: str = "") -> None:
    """Either party calls off a pending or accepted request, and its meeting with it."""
    request = lock_request(request)
    if request.status not in LIVE_REQUEST_STATUSES:
        raise IllegalStep(_("This request is already closed."))
    request.status = RequestStatus.CANCELLED
    request.decline_reason = (reason or "").strip()
    request.save(update_fields=["status", "decline_reason", "updated_at"])
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .filter(request=request)
        .exclude(status=MeetingStatus.CANCELLED)
        .order_by("pk")
        .first()
    )
    if meeting is not None:
        cancel_meeting(meeting)
    notifications.request_changed(request, event="cancelled")


# Reading: a person's parties, requests and the people they may meet.


def party_registrations(*, user, event: Event) -> QuerySet[Registration]:
    """The person's organizations' live registrations at the event."""
    return (
        Registration.objects.filter(
            event=event,
            organization_id__in=access_for(user).organization_ids,
            is_cancelled=False,
        )
        .select_related("organization", "event")
        .order_by("organization__name_ko", "pk")
    )


def requests_of(*, user, box: str) -> QuerySet[MeetingRequest]:
    """Requests the person's organizations received (`box="received"`) or sent."""
    organizations = access_for(user).organization_ids
    side = "recipient" if box == "received" else "requester"
    return (
        MeetingRequest.objects.filter(**{f"{side}__organization_id__in": organizations})
        .select_related(
            "event", "requester__organization", "recipient__organization", "proposal", "meeting"
        )
        .order_by("-created_at", "-pk")
    )


def pending_count(*, user) -> int:
    return requests_of(user=user, box="received").filter(status=RequestStatus.PENDING).count()


def list_participants(*, event: Event, query: str = "", kind: str = "") -> QuerySet[Registration]:
    """The event's live registrations, searchable by name and pitch, filterable by kind."""
    parties = Registration.objects.filter(event=event, is_cancelled=False)
    if kind:
        parties = parties.filter(kind=kind)
    for word in query.split():
        parties = parties.filter(
            Q(organization__name_ko__icontains=word)
            | Q(organization__name_en__icontains=word)
            | Q(pitch_ko__icontains=word)
            | Q(pitch_en__icontains=word)
        )
    return parties.select_related("organization").order_by("kind", "organization__name_ko", "pk")
