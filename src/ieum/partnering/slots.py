"""The meeting slots of an event, cut from its days, breaks and slot length."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ieum.partnering.models import Event, Slot


def cut_day(
    *, opens: datetime, closes: datetime, breaks: list[tuple[datetime, datetime]], minutes: int
) -> list[tuple[datetime, datetime]]:
    """Whole slots from `opens` to `closes`; a slot that would touch a break starts after it."""
    length = timedelta(minutes=minutes)
    slots = []
    start = opens
    for break_start, break_end in [*sorted(breaks), (closes, closes)]:
        while start + length <= min(break_start, closes):
            slots.append((start, start + length))
            start += length
        start = max(start, break_end)
    return slots


@transaction.atomic
def generate_slots(*, event: Event) -> list[Slot]:
    """Replace the event's slots with those its days and breaks give.

    Refused once any meeting is scheduled or any slot is blocked: people's agendas
    and blocks point at the slots.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if (
        event.slots.filter(meetings__isnull=False).exists()
        or event.slots.filter(blocks__isnull=False).exists()
    ):
        raise ValidationError(
            _("Meetings are already scheduled or times blocked; the slots cannot be regenerated.")
        )
    event.slots.all().delete()
    zone = event.zone
    rows = []
    for number, day in enumerate(event.days.prefetch_related("breaks").order_by("date"), start=1):
        opens = datetime.combine(day.date, day.opens_at, zone)
        closes = datetime.combine(day.date, day.closes_at, zone)
        breaks = [
            (
                datetime.combine(day.date, b.starts_at, zone),
                datetime.combine(day.date, b.ends_at, zone),
            )
            for b in day.breaks.all()
        ]
        for start, end in cut_day(
            opens=opens, closes=closes, breaks=breaks, minutes=event.slot_minutes
        ):
            rows.append(Slot(event=event, day_number=number, start=start, end=end))
    return Slot.objects.bulk_create(rows)
