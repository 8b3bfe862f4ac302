"""What is free and what is taken on a resource, for the availability view, API and checks."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.utils import timezone

from ieum.facilities.enums import ACTIVE_BOOKING_STATUSES
from ieum.facilities.models import Booking, Downtime, Resource
from ieum.facilities.timeline import (
    SEOUL,
    Blackout,
    Interval,
    at_seoul,
    concurrency,
    merge,
    opening_intervals,
    public_holidays,
    subtract,
)


@dataclass
class Availability:
    resource: Resource
    window: Interval
    open: list[Interval]
    blackouts: list[Blackout]
    # Held time with how many bookings hold it; `full` where that reaches capacity.
    busy: list[tuple[Interval, int]]
    full: list[Interval]
    free: list[Interval] = field(default_factory=list)

    def is_free(self, interval: Interval) -> bool:
        """Whether a booking of exactly `interval` fits: open, no blackout, room left."""
        return any(piece.contains(interval) for piece in self.free) and not any(
            piece.overlaps(Interval(interval.start, interval.end + buffer_of(self.resource)))
            for piece in self.full
        )


def buffer_of(resource: Resource) -> timedelta:
    return timedelta(minutes=resource.buffer_minutes)


def weekly_hours(resource: Resource) -> list:
    return [(h.weekday, h.opens, h.closes) for h in resource.opening_hours.all()]


def blackouts_for(resource: Resource, window: Interval) -> list[Blackout]:
    downtimes = Downtime.objects.filter(
        resource=resource, start__lt=window.end, end__gt=window.start
    ).order_by("start")
    blackouts = [Blackout(d.start, d.end, d.description or d.get_kind_display()) for d in downtimes]
    if resource.closed_on_public_holidays:
        blackouts += public_holidays(window)
    return sorted(blackouts, key=lambda b: b.start)


def held_intervals(
    resource: Resource, window: Interval, *, excluding: Booking | None = None
) -> list[Interval]:
    """Time held by active bookings near `window`, each with its buffer."""
    bookings = Booking.objects.filter(
        resource=resource,
        status__in=ACTIVE_BOOKING_STATUSES,
        start__lt=window.end,
        blocked_until__gt=window.start,
    )
    if excluding is not None and excluding.pk:
        bookings = bookings.exclude(pk=excluding.pk)
    return [Interval(s, e) for s, e in bookings.values_list("start", "blocked_until")]


def get_availability(
    resource: Resource, *, start: datetime, end: datetime, excluding: Booking | None = None
) -> Availability:
    window = Interval(start, end)
    # Bookings that end just before the window may still hold it with their buffer, and
    # one at the window's end needs room for its own buffer; look a little wider.
    lookaround = Interval(start - buffer_of(resource), end + buffer_of(resource))
    opened = opening_intervals(
        weekly_hours=weekly_hours(resource),
        open_all_hours=resource.open_all_hours,
        window=window,
    )
    blackouts = blackouts_for(resource, window)
    busy = concurrency(held_intervals(resource, lookaround, excluding=excluding))
    full = merge(piece for piece, count in busy if count >= resource.capacity)
    free = subtract(
        subtract(opened, [Interval(b.start, b.end) for b in blackouts]),
        full,
    )
    return Availability(
        resource=resource,
        window=window,
        open=opened,
        blackouts=blackouts,
        busy=busy,
        full=full,
        free=free,
    )


@dataclass(frozen=True)
class Slot:
    interval: Interval
    state: str  # "free", "full", "buffer", "blackout", "closed" or "past"


@dataclass(frozen=True)
class DayColumn:
    day: date
    slots: list[Slot]


def week_grid(resource: Resource, *, first_day: date, days: int = 7) -> list[DayColumn]:
    """The slots of each day, marked free or why not, for the availability page."""
    start = at_seoul(first_day, datetime.min.time())
    end = start + timedelta(days=days)
    availability = get_availability(resource, start=start, end=end)
    step = timedelta(minutes=resource.slot_minutes)
    now = timezone.now()
    blackouts = [Interval(b.start, b.end) for b in availability.blackouts]
    columns = []
    for offset in range(days):
        day_start = (start + timedelta(days=offset)).astimezone(SEOUL)
        day_window = Interval(day_start, day_start + timedelta(days=1))
        opened = [i for i in availability.open if i.overlaps(day_window)]
        slots = []
        moment = day_start
        while moment < day_window.end:
            slot = Interval(moment, moment + step)
            if not any(i.contains(slot) for i in opened):
                state = "closed"
            elif slot.start < now:
                state = "past"
            elif any(b.overlaps(slot) for b in blackouts):
                state = "blackout"
            elif availability.is_free(slot):
                state = "free"
            elif any(piece.overlaps(slot) for piece in availability.full):
                state = "full"
            else:
                # Free itself, but a booking here would run its buffer into the next one.
                state = "buffer"
            slots.append(Slot(slot, state))
            moment += step
        columns.append(DayColumn(day_start.date(), slots))
    return columns
