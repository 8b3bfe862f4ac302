"""Seats and the locks around them: how every change to a meeting's place is written.

Lock order, the same everywhere so that two changes never wait on each other in a
circle: the event row (publishing and late placement), then the parties' registrations
in primary-key order, then the meetings, then a location (manual moves, so that two
moves to one place pick its free tables in turn). The unique
constraints on `MeetingSeat` (a team once per slot) and on `Meeting` (a table once per
slot) are the last line: a clash that slips past the checks fails there, and
`write_places` turns it into a `SchedulingConflict` with nothing written.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.partnering.enums import MeetingStatus
from ieum.partnering.errors import SchedulingConflict
from ieum.partnering.models import Location, Meeting, MeetingSeat, Registration
from ieum.partnering.scheduling_input import parties_of

PLACE_FIELDS = ["status", "slot", "location", "table_number", "sequence", "published_at"]


def lock_parties(registration_ids: Iterable[int]) -> None:
    """Lock the registrations, in primary-key order, before reading their seats."""
    list(
        Registration.objects.select_for_update()
        .filter(pk__in=set(registration_ids))
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def lock_location(location: Location) -> Location:
    return Location.objects.select_for_update().get(pk=location.pk)


def lock_meetings(meetings: Sequence[Meeting]) -> list[Meeting]:
    """Lock the meetings' parties, then the meetings; returns them read afresh, in order."""
    ids = [m.pk for m in meetings]
    requests = Meeting.objects.filter(pk__in=ids).values_list(
        "request__requester_id", "request__recipient_id"
    )
    lock_parties(pk for pair in requests for pk in pair)
    fresh = {
        m.pk: m
        for m in Meeting.objects.select_for_update(of=("self",))
        .select_related("request", "slot", "location", "event")
        .filter(pk__in=ids)
        .order_by("pk")
    }
    return [fresh[pk] for pk in ids]


def seat_rows(meeting: Meeting) -> list[MeetingSeat]:
    """One seat per side of a scheduled meeting, in its slot."""
    return [
        MeetingSeat(meeting=meeting, registration_id=registration_id, team=team, slot=meeting.slot)
        for registration_id, team in parties_of(meeting)
    ]


def set_place(meeting: Meeting, *, slot, location, table_number: int) -> bool:
    """Put a meeting in a place in memory; True when its time or place changed."""
    changed = meeting.status == MeetingStatus.SCHEDULED and (
        meeting.slot_id,
        meeting.location_id,
        meeting.table_number,
    ) != (slot.pk, location.pk, table_number)
    meeting.status = MeetingStatus.SCHEDULED
    meeting.slot, meeting.location, meeting.table_number = slot, location, table_number
    return changed


def clear_place(meeting: Meeting) -> None:
    meeting.status = MeetingStatus.UNSCHEDULED
    meeting.slot = meeting.location = meeting.table_number = None
    meeting.published_at = None


def write_places(meetings: Sequence[Meeting]) -> None:
    """Store the meetings' places (set in memory) and rebuild their seats, all or nothing.

    The meetings are first taken out of their old places, so meetings that exchange
    times or tables never meet the constraints half-way.
    """
    if not meetings:
        return
    ids = [m.pk for m in meetings]
    now = timezone.now()
    for meeting in meetings:
        meeting.updated_at = now
    try:
        with transaction.atomic():
            MeetingSeat.objects.filter(meeting_id__in=ids).delete()
            Meeting.objects.filter(pk__in=ids).update(
                status=MeetingStatus.UNSCHEDULED, slot=None, location=None, table_number=None
            )
            Meeting.objects.bulk_update(meetings, [*PLACE_FIELDS, "updated_at"], batch_size=500)
            MeetingSeat.objects.bulk_create(
                [
                    seat
                    for meeting in meetings
                    if meeting.status == MeetingStatus.SCHEDULED
                    for seat in seat_rows(meeting)
                ],
                batch_size=1000,
            )
    except IntegrityError as error:
        raise SchedulingConflict(
            _(
                "Someone else took this time or table a moment ago; nothing was changed. "
                "Look at the schedule again and retry."
            ),
            code="taken",
        ) from error
