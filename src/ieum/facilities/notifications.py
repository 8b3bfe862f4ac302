"""Tell people about bookings and the waiting list.

Domain functions call `booking_changed`, `time_freed` and `waitlist_offered` inside
their transaction; each queues a job for the worker only once that transaction
commits, so a change that rolls back tells nobody. The worker's tasks (`tasks.py`)
then call the `send_*` functions here, which read the rows afresh.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db import transaction

from ieum.accounts.enums import Role
from ieum.accounts.models import User
from ieum.core.jobs import defer_on_commit
from ieum.facilities import emails
from ieum.facilities.enums import BookingStatus, WaitlistStatus
from ieum.facilities.models import Booking, Resource, WaitlistEntry

logger = logging.getLogger(__name__)

EVENTS = ("requested", "approved", "rejected", "cancelled", "rescheduled")

# Task names, so domain code can queue work without importing the task module above it.
BOOKING_EMAIL_TASK = "facilities.send_booking_email"
TIME_FREED_TASK = "facilities.offer_freed_time"
WAITLIST_OFFER_EMAIL_TASK = "facilities.send_waitlist_offer_email"

REMINDER_AHEAD = timedelta(hours=24)


def booking_changed(booking, *, event: str) -> None:
    if event not in EVENTS:
        raise ValueError(f"Unknown booking event {event!r}.")
    defer_on_commit(BOOKING_EMAIL_TASK, booking_id=booking.pk, event=event)


def time_freed(resource, *, start: datetime, end: datetime) -> None:
    defer_on_commit(
        TIME_FREED_TASK, resource_id=resource.pk, start=start.isoformat(), end=end.isoformat()
    )


def waitlist_offered(entry) -> None:
    defer_on_commit(WAITLIST_OFFER_EMAIL_TASK, entry_id=entry.pk)


def cluster_staff_of(resource: Resource) -> list[User]:
    """The people who run the resource's cluster: cluster staff of its operator."""
    return list(
        User.objects.filter(
            is_active=True,
            memberships__role=Role.CLUSTER_STAFF,
            memberships__organization__operated_clusters__pk=resource.cluster_id,
        )
        .distinct()
        .order_by("pk")
    )


def _send(messages: list) -> None:
    if messages:
        get_connection().send_messages(messages)


def send_booking_emails(*, booking_id: int, event: str) -> int:
    """E-mail the person who booked (and, for a request, the cluster staff) about `event`.

    Returns how many messages were sent; none when the booking is gone.
    """
    booking = (
        Booking.objects.select_related("resource__cluster", "organization", "booked_by")
        .filter(pk=booking_id)
        .first()
    )
    if booking is None:
        return 0
    messages = []
    if booking.booked_by.is_active:
        messages.append(
            emails.booking_email(booking=booking, event=event, recipient=booking.booked_by)
        )
    # Staff decide on new requests, and on moved bookings that need approval again.
    if event == "requested" or (
        event == "rescheduled" and booking.status == BookingStatus.REQUESTED
    ):
        messages += [
            emails.booking_request_for_staff(booking=booking, recipient=person)
            for person in cluster_staff_of(booking.resource)
            if person.pk != booking.booked_by_id
        ]
    _send(messages)
    return len(messages)


def send_waitlist_offer_email(*, entry_id: int) -> int:
    entry = (
        WaitlistEntry.objects.select_related("resource", "user")
        .filter(pk=entry_id, status=WaitlistStatus.OFFERED)
        .first()
    )
    # Nothing to say if the offer was taken up, withdrawn or lapsed meanwhile.
    if entry is None or not entry.user.is_active:
        return 0
    _send([emails.waitlist_offer_email(entry=entry, recipient=entry.user)])
    return 1


def send_due_reminders(*, now: datetime) -> int:
    """Remind people of approved bookings that start within the next 24 hours.

    Each booking is claimed (its `reminder_sent_at` set) in a short transaction before
    anything is sent: a second worker running at the same time skips the rows this one
    has locked and, once it commits, no longer finds them. A reminder whose sending
    fails is not retried; one reminder too few beats the same reminder twice.
    """
    with transaction.atomic():
        claimed = list(
            Booking.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=BookingStatus.APPROVED,
                reminder_sent_at__isnull=True,
                start__gt=now,
                start__lte=now + REMINDER_AHEAD,
            )
            .values_list("pk", flat=True)
        )
        Booking.objects.filter(pk__in=claimed).update(reminder_sent_at=now)
    bookings = Booking.objects.filter(pk__in=claimed).select_related(
        "resource", "organization", "booked_by"
    )
    sent = 0
    for booking in bookings:
        if not booking.booked_by.is_active:
            continue
        try:
            _send([emails.reminder_email(booking=booking, recipient=booking.booked_by)])
        except Exception:
            logger.exception("Could not send the reminder of booking %s.", booking.pk)
            continue
        sent += 1
    return sent
