"""Placing meetings after the agendas are published, and the organizer's manual edits.

Late acceptances are added around the published schedule (`place_late_meetings`);
published meetings never move there. Organizers move, swap and unschedule meetings by
hand; each edit checks the parties' other meetings, their blocked times and the table,
names what clashes, and writes nothing when anything does (see `seats.py` for the
locks and the constraints behind the checks).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum import scheduling
from ieum.partnering import notifications
from ieum.partnering.enums import EventStatus, LocationKind, MeetingStatus
from ieum.partnering.errors import IllegalStep, SchedulingConflict
from ieum.partnering.models import Block, Event, Location, Meeting, MeetingSeat, Slot
from ieum.partnering.scheduling_input import (
    build_instance,
    host_team,
    load_snapshot,
    number_tables,
    parties_of,
    places_of,
    schedule_of,
    scheduled_places,
)
from ieum.partnering.seats import clear_place, lock_location, lock_meetings, set_place, write_places

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Clash:
    """Something that stops a meeting from taking a slot: kind, what to tell, whose meeting."""

    kind: str  # "party", "block", "table" or "full"
    message: str
    meeting_id: int | None = None


@dataclass(frozen=True)
class MoveOption:
    """One slot a meeting could move to, with what clashes there and the free tables."""

    slot: Slot
    clashes: list[Clash]
    free_tables: list[int]


@transaction.atomic
def place_late_meetings(*, event: Event) -> list[Meeting]:
    """Place the unscheduled meetings of a published event around its scheduled ones.

    Every scheduled meeting keeps its slot, location and table; what does not fit stays
    unscheduled. Each placed meeting is published at once and its parties are told.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.PUBLISHED:
        return []
    snapshot = load_snapshot(event=event, lock=True)
    waiting = [m for m in snapshot.meetings if m.status == MeetingStatus.UNSCHEDULED]
    if not waiting:
        return []
    current = scheduled_places(snapshot)
    instance, placeless = build_instance(snapshot, fixed=current)
    new_codes = [m.code for m in waiting if m not in placeless]
    try:
        result = scheduling.add_meetings(instance, schedule_of(snapshot, current), new_codes)
    except scheduling.InstanceError:
        # The schedule as it stands breaks a rule (a time blocked after it was set, say);
        # the organizer sees it on the schedule page and fixes it by hand.
        logger.exception("Late meetings of event %s could not be placed", event.pk)
        return []
    places = places_of(result)
    tables = number_tables(snapshot, places)
    now = timezone.now()
    placed = []
    for meeting in waiting:
        if meeting.pk not in places:
            continue
        slot_id, location_id = places[meeting.pk]
        set_place(
            meeting,
            slot=snapshot.slot_by_id[slot_id],
            location=snapshot.location_by_id[location_id],
            table_number=tables[meeting.pk],
        )
        meeting.published_at = now
        meeting.sequence += 1
        placed.append(meeting)
    write_places(placed)
    for meeting in placed:
        notifications.meeting_changed(meeting, event="scheduled")
    return placed


def _party_filter(meeting: Meeting) -> Q:
    query = Q()
    for registration_id, team in parties_of(meeting):
        query |= Q(registration_id=registration_id, team=team)
    return query


def _taken_tables(location: Location, slot_ids, ignore: set[int]) -> dict[int, set[int]]:
    taken: dict[int, set[int]] = {slot_id: set() for slot_id in slot_ids}
    rows = (
        Meeting.objects.filter(
            location=location, slot_id__in=slot_ids, status=MeetingStatus.SCHEDULED
        )
        .exclude(pk__in=ignore)
        .values_list("slot_id", "table_number")
    )
    for slot_id, table in rows:
        taken[slot_id].add(table)
    return taken


def _clashes(
    meeting: Meeting,
    slots: list[Slot],
    *,
    location: Location | None,
    table_number: int | None,
    ignore: set[int],
) -> tuple[dict[int, list[Clash]], dict[int, list[int]]]:
    """Clashes per slot id, and the free tables of `location` per slot id (three queries)."""
    slot_ids = [slot.pk for slot in slots]
    clashes: dict[int, list[Clash]] = {slot_id: [] for slot_id in slot_ids}
    parties = _party_filter(meeting)
    seats = (
        MeetingSeat.objects.filter(parties, slot_id__in=slot_ids)
        .exclude(meeting_id__in=ignore)
        .select_related(
            "registration__organization",
            "meeting__request__requester__organization",
            "meeting__request__recipient__organization",
        )
    )
    for seat in seats:
        request = seat.meeting.request
        other = (
            request.recipient if seat.registration_id == request.requester_id else request.requester
        )
        message = _("%(party)s already meets %(other)s at this time.") % {
            "party": seat.registration.organization.name,
            "other": other.organization.name,
        }
        clashes[seat.slot_id].append(Clash("party", message, seat.meeting_id))
    blocks = Block.objects.filter(parties, slot_id__in=slot_ids).select_related(
        "registration__organization"
    )
    for block in blocks:
        party = block.registration.organization.name
        message = (
            _("%(party)s blocked this time (%(reason)s).")
            % {"party": party, "reason": block.reason}
            if block.reason
            else _("%(party)s blocked this time.") % {"party": party}
        )
        clashes[block.slot_id].append(Clash("block", message))
    free: dict[int, list[int]] = {slot_id: [] for slot_id in slot_ids}
    if location is None:
        return clashes, free
    team = host_team(meeting, location)
    tables = [team] if team is not None else list(range(1, location.capacity + 1))
    for slot_id, taken in _taken_tables(location, slot_ids, ignore).items():
        free[slot_id] = [n for n in tables if n not in taken]
        if table_number is not None and table_number in taken:
            message = _("Table %(table)d of %(location)s is taken at this time.") % {
                "table": table_number,
                "location": location.name,
            }
            clashes[slot_id].append(Clash("table", message))
        elif table_number is None and not free[slot_id]:
            message = _("Every table of %(location)s is taken at this time.") % {
                "location": location.name
            }
            clashes[slot_id].append(Clash("full", message))
    return clashes, free


def conflicts_for(
    *,
    meeting: Meeting,
    slot: Slot,
    location: Location | None = None,
    table_number: int | None = None,
) -> list[Clash]:
    """What stops `meeting` from moving to `slot` (at `location`, or where it is)."""
    location = location or meeting.location
    if location is not None and table_number is None:
        table_number = host_team(meeting, location)
    clashes, _free = _clashes(
        meeting, [slot], location=location, table_number=table_number, ignore={meeting.pk}
    )
    return clashes[slot.pk]


def move_options(*, meeting: Meeting, location: Location | None = None) -> list[MoveOption]:
    """Every slot of the event with its clashes and free tables, for the move page."""
    location = location or meeting.location
    slots = list(Slot.objects.filter(event_id=meeting.event_id).order_by("start"))
    clashes, free = _clashes(
        meeting, slots, location=location, table_number=None, ignore={meeting.pk}
    )
    return [MoveOption(slot, clashes[slot.pk], free[slot.pk]) for slot in slots]


def places_for(meeting: Meeting) -> list[Location]:
    """The locations a meeting may use: a party's booth, else the shared places."""
    request = meeting.request
    locations = list(Location.objects.filter(event_id=meeting.event_id).order_by("kind", "pk"))
    booths = [
        loc
        for loc in locations
        if loc.registration_id in (request.requester_id, request.recipient_id)
    ]
    shared = [
        loc for loc in locations if loc.registration_id is None and loc.kind != LocationKind.BOOTH
    ]
    return booths + shared


def _check_place(meeting: Meeting, location: Location) -> None:
    if location.event_id != meeting.event_id:
        raise ValidationError({"location": _("This place is not one of the event's.")})
    if location.registration_id is not None and host_team(meeting, location) is None:
        raise ValidationError(
            {
                "location": _("%(location)s is the booth of another party.")
                % {"location": location.name}
            }
        )


def _table_for(meeting: Meeting, slot: Slot, location: Location, table_number: int | None) -> int:
    """The table to use: the host's team at a booth, the one asked, or the first free."""
    team = host_team(meeting, location)
    if team is not None:
        return team
    if table_number is not None:
        if not 1 <= table_number <= location.capacity:
            raise ValidationError(
                {
                    "table_number": _("%(location)s has tables 1 to %(count)d.")
                    % {"location": location.name, "count": location.capacity}
                }
            )
        return table_number
    if (meeting.slot_id, meeting.location_id) == (slot.pk, location.pk):
        return meeting.table_number
    taken = _taken_tables(location, [slot.pk], {meeting.pk})[slot.pk]
    for table in range(1, location.capacity + 1):
        if table not in taken:
            return table
    raise SchedulingConflict(
        _("Every table of %(location)s is taken at this time.") % {"location": location.name}
    )


def _published_change(meeting: Meeting, was_published: bool, now) -> str | None:
    """Raise the calendar sequence and say what to tell the parties, if anything."""
    if was_published:
        meeting.sequence += 1
        return "moved"
    if meeting.event.status == EventStatus.PUBLISHED and meeting.status == MeetingStatus.SCHEDULED:
        # Placed by hand on a published event: it goes straight onto the agendas.
        meeting.published_at = now
        meeting.sequence += 1
        return "scheduled"
    return None


@transaction.atomic
def move_meeting(
    *,
    meeting: Meeting,
    slot: Slot,
    by,
    location: Location | None = None,
    table_number: int | None = None,
) -> Meeting:
    """Put a meeting in `slot` (keeping its place unless `location` is given)."""
    (meeting,) = lock_meetings([meeting])
    if meeting.status == MeetingStatus.CANCELLED:
        raise IllegalStep(_("A cancelled meeting cannot be scheduled."))
    if slot.event_id != meeting.event_id:
        raise ValidationError({"slot": _("This time is not one of the event's slots.")})
    location = location or meeting.location or _first_place(meeting, slot)
    _check_place(meeting, location)
    location = lock_location(location)
    table = _table_for(meeting, slot, location, table_number)
    clashes = conflicts_for(meeting=meeting, slot=slot, location=location, table_number=table)
    if clashes:
        raise SchedulingConflict([clash.message for clash in clashes], code="taken")
    was_published = meeting.status == MeetingStatus.SCHEDULED and meeting.published_at is not None
    was_scheduled = meeting.status == MeetingStatus.SCHEDULED
    if not set_place(meeting, slot=slot, location=location, table_number=table) and was_scheduled:
        return meeting
    news = _published_change(meeting, was_published, timezone.now())
    with set_actor(by):
        write_places([meeting])
    if news:
        notifications.meeting_changed(meeting, event=news)
    return meeting


def _first_place(meeting: Meeting, slot: Slot) -> Location:
    places = places_for(meeting)
    if not places:
        raise ValidationError(
            {
                "location": _(
                    "The event has no place for this meeting: add a table, room or online place."
                )
            }
        )
    for location in places:
        if host_team(meeting, location) is not None:
            return location
        taken = _taken_tables(location, [slot.pk], {meeting.pk})[slot.pk]
        if len(taken) < location.capacity:
            return location
    return places[0]


@transaction.atomic
def swap_meetings(*, first: Meeting, second: Meeting, by) -> tuple[Meeting, Meeting]:
    """Exchange the times and places of two scheduled meetings, both or neither."""
    if first.pk == second.pk:
        raise ValidationError(_("Choose two different meetings to swap."))
    first, second = lock_meetings([first, second])
    if first.event_id != second.event_id:
        raise ValidationError(_("Both meetings must belong to the same event."))
    if first.status != MeetingStatus.SCHEDULED or second.status != MeetingStatus.SCHEDULED:
        raise IllegalStep(_("Only two scheduled meetings can be swapped."))
    plan = []
    for meeting, other in ((first, second), (second, first)):
        _check_place(meeting, other.location)
        team = host_team(meeting, other.location)
        plan.append(
            (meeting, other.slot, other.location, other.table_number if team is None else team)
        )
    problems = []
    for meeting, slot, location, table in plan:
        clashes, _free = _clashes(
            meeting, [slot], location=location, table_number=table, ignore={first.pk, second.pk}
        )
        problems += [f"{meeting.request}: {clash.message}" for clash in clashes[slot.pk]]
    if problems:
        raise SchedulingConflict(problems, code="taken")
    news = []
    for meeting, slot, location, table in plan:
        was_published = meeting.published_at is not None
        if set_place(meeting, slot=slot, location=location, table_number=table):
            news.append((meeting, _published_change(meeting, was_published, timezone.now())))
    with set_actor(by):
        write_places([first, second])
    for meeting, event in news:
        if event:
            notifications.meeting_changed(meeting, event=event)
    return first, second


@transaction.atomic
def unschedule_meeting(*, meeting: Meeting, by) -> Meeting:
    """Take a meeting off the schedule; it waits for a run, a late placement or a move."""
    (meeting,) = lock_meetings([meeting])
    if meeting.status != MeetingStatus.SCHEDULED:
        raise IllegalStep(_("Only a scheduled meeting can be taken off the schedule."))
    was_published = meeting.published_at is not None
    clear_place(meeting)
    if was_published:
        meeting.sequence += 1
    with set_actor(by):
        write_places([meeting])
    if was_published:
        notifications.meeting_changed(meeting, event="moved")
    return meeting
