"""Private calendar feeds of bookings: one per person, one per resource."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.models import CalendarFeed, new_calendar_token
from ieum.core.ical import CalendarEvent, event_uid
from ieum.facilities.enums import ACTIVE_BOOKING_STATUSES, BookingStatus
from ieum.facilities.models import Booking, Resource

# How far back a feed reaches, and how long a cancellation stays in it.
PAST_DAYS = 90
CANCELLED_KEPT_DAYS = 30


def feed_for(*, user) -> CalendarFeed:
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def reset_feed(*, user) -> CalendarFeed:
    """A new secret: every address handed out before stops working."""
    feed = feed_for(user=user)
    feed.token = new_calendar_token()
    feed.save(update_fields=["token"])
    return feed


def user_for_token(token: str):
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def _in_feed(bookings: QuerySet[Booking]) -> QuerySet[Booking]:
    now = timezone.now()
    return bookings.filter(end__gte=now - timedelta(days=PAST_DAYS)).filter(
        Q(status__in=(*ACTIVE_BOOKING_STATUSES, BookingStatus.NO_SHOW))
        | Q(
            status__in=(BookingStatus.CANCELLED, BookingStatus.REJECTED),
            updated_at__gte=now - timedelta(days=CANCELLED_KEPT_DAYS),
        )
    )


def _event(booking: Booking, *, detailed: bool) -> CalendarEvent:
    resource = booking.resource
    summary = f"{resource.name} ({booking.organization.name})" if detailed else _("Booked")
    return CalendarEvent(
        uid=event_uid("facility-booking", booking.pk),
        sequence=booking.sequence,
        start=booking.start,
        end=booking.end,
        summary=summary,
        modified=booking.updated_at,
        description=booking.get_status_display() if detailed else "",
        location=f"{resource.cluster.name} {resource.location}".strip(),
        url=settings.IEUM_SITE_URL.rstrip("/") + booking.get_absolute_url() if detailed else "",
        cancelled=booking.status in (BookingStatus.CANCELLED, BookingStatus.REJECTED),
        tentative=booking.status == BookingStatus.REQUESTED,
    )


def personal_events(*, user) -> list[CalendarEvent]:
    bookings = _in_feed(
        Booking.objects.filter(booked_by=user).select_related(
            "resource", "resource__cluster", "organization"
        )
    ).order_by("start")
    return [_event(booking, detailed=True) for booking in bookings]


def resource_events(*, user, resource: Resource) -> list[CalendarEvent]:
    """Everyone's bookings of the resource; details only for staff and the company's own."""
    from ieum.accounts.access import access_for

    manages = user.has_perm("facilities.manage_resource", resource)
    own = access_for(user).organization_ids
    bookings = _in_feed(
        resource.bookings.select_related("resource", "resource__cluster", "organization")
    ).order_by("start")
    return [
        _event(booking, detailed=manages or booking.organization_id in own) for booking in bookings
    ]
