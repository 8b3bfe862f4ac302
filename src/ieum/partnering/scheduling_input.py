"""An event's rows as the scheduler's `Instance`, and the scheduler's answer back as rows.

Everything the scheduler needs is read with one query per table (`load_snapshot`), so
building an instance costs the same few queries for 20 meetings or 60,000. Ids in the
instance are the exchange-format codes of the models: `s<pk>` slots, `l<pk>` locations,
`r<pk>t<team>` parties' teams and `m<pk>` meetings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.translation import gettext_lazy as _

from ieum import scheduling
from ieum.partnering.enums import LocationKind, MeetingStatus
from ieum.partnering.models import Block, Event, Location, Meeting, Registration, Slot

LIVE_MEETING_STATUSES = (MeetingStatus.UNSCHEDULED, MeetingStatus.SCHEDULED)

# Why a meeting was left out of a schedule, worst cause first.
UNSCHEDULED_REASONS = {
    "no_location": _(
        "No meeting place takes it: neither party has a booth and the event has no table, "
        "room or online place."
    ),
    "no_common_slot": _(
        "No time is free for both parties: their blocked times leave nothing in common."
    ),
    "party_full": _("A party has reached its most meetings, in all or on the days both are free."),
    "location_full": _("Every place it may use is full at the times both parties are free."),
    "crowded_out": _("The times both parties are free went to meetings that matter more."),
}

Place = tuple[int, int]  # (slot id, location id)


@dataclass
class EventSnapshot:
    """The rows of one event that scheduling reads, loaded once."""

    event: Event
    slots: list[Slot]
    locations: list[Location]
    registrations: dict[int, Registration]
    # (registration id, team, slot id) of every blocked time.
    blocks: set[tuple[int, int, int]]
    # Live meetings between parties whose registrations are not cancelled.
    meetings: list[Meeting]
    _allowed: dict[int, list[Location]] = field(default_factory=dict, repr=False)

    @cached_property
    def slot_by_id(self) -> dict[int, Slot]:
        return {slot.pk: slot for slot in self.slots}

    @cached_property
    def location_by_id(self) -> dict[int, Location]:
        return {location.pk: location for location in self.locations}

    @cached_property
    def meeting_by_id(self) -> dict[int, Meeting]:
        return {meeting.pk: meeting for meeting in self.meetings}

    @cached_property
    def booths(self) -> dict[int, Location]:
        return {loc.registration_id: loc for loc in self.locations if loc.registration_id}

    @cached_property
    def shared_locations(self) -> list[Location]:
        # Tables, rooms and online places take any meeting; booths only their owner's.
        return [
            loc
            for loc in self.locations
            if loc.registration_id is None and loc.kind != LocationKind.BOOTH
        ]

    def allowed_locations(self, meeting: Meeting) -> list[Location]:
        if meeting.pk not in self._allowed:
            request = meeting.request
            own = [
                self.booths[pk]
                for pk in (request.requester_id, request.recipient_id)
                if pk in self.booths
            ]
            self._allowed[meeting.pk] = own or self.shared_locations
        return self._allowed[meeting.pk]


def parties_of(meeting: Meeting) -> tuple[tuple[int, int], tuple[int, int]]:
    """The (registration id, team) of both sides of a meeting."""
    request = meeting.request
    return (
        (request.requester_id, meeting.requester_team),
        (request.recipient_id, meeting.recipient_team),
    )


def party_code(registration_id: int, team: int) -> str:
    return Registration(pk=registration_id).party_code(team)


def host_team(meeting: Meeting, location: Location) -> int | None:
    """At a booth the table is the host's team; None elsewhere."""
    if location.registration_id is None:
        return None
    for registration_id, team in parties_of(meeting):
        if registration_id == location.registration_id:
            return team
    return None


def load_snapshot(*, event: Event, lock: bool = False) -> EventSnapshot:
    """Read the event's slots, places, parties, blocks and live meetings.

    With `lock`, the registrations are locked in primary-key order and then the live
    meetings, the order every change to seats takes (see `seats.lock_parties`).
    """
    slots = list(Slot.objects.filter(event=event).order_by("start", "pk"))
    locations = list(Location.objects.filter(event=event).order_by("pk"))
    registrations_query = Registration.objects.filter(event=event, is_cancelled=False)
    registrations_query = registrations_query.select_related("organization").order_by("pk")
    if lock:
        registrations_query = registrations_query.select_for_update(of=("self",))
    registrations = {reg.pk: reg for reg in registrations_query}
    for registration in registrations.values():
        registration.event = event  # Read by `meeting_limit`, without a query each.
    blocks = set(
        Block.objects.filter(slot__event=event).values_list("registration_id", "team", "slot_id")
    )
    meetings_query = (
        Meeting.objects.filter(event=event, status__in=LIVE_MEETING_STATUSES)
        .select_related("request")
        .order_by("pk")
    )
    if lock:
        meetings_query = meetings_query.select_for_update(of=("self",))
    meetings = [
        m
        for m in meetings_query
        if m.request.requester_id in registrations and m.request.recipient_id in registrations
    ]
    return EventSnapshot(event, slots, locations, registrations, blocks, meetings)


def build_instance(
    snapshot: EventSnapshot, *, fixed: Mapping[int, Place] | None = None
) -> tuple[scheduling.Instance, list[Meeting]]:
    """The instance of the snapshot, and the meetings left out because no place takes them.

    `fixed` maps meeting ids to the slot and location they must keep (published meetings
    on a run that keeps them; every scheduled meeting when late meetings are added).
    """
    event = snapshot.event
    fixed = fixed or {}
    slots = tuple(
        scheduling.Slot(s.code, s.day_number, s.start.isoformat(), s.end.isoformat())
        for s in snapshot.slots
    )
    locations = tuple(scheduling.Location(loc.code, loc.capacity) for loc in snapshot.locations)
    unavailable: dict[tuple[int, int], set[str]] = defaultdict(set)
    for registration_id, team, slot_id in snapshot.blocks:
        if slot_id in snapshot.slot_by_id:
            unavailable[(registration_id, team)].add(snapshot.slot_by_id[slot_id].code)
    teams = {(reg.pk, team) for reg in snapshot.registrations.values() for team in _teams(reg)}
    meetings = []
    placeless = []
    for meeting in snapshot.meetings:
        allowed = snapshot.allowed_locations(meeting)
        if not allowed:
            placeless.append(meeting)
            continue
        parties = parties_of(meeting)
        teams.update(parties)
        place = fixed.get(meeting.pk)
        meetings.append(
            scheduling.Meeting(
                meeting.code,
                tuple(party_code(*party) for party in parties),
                weight=meeting.weight,
                locations=tuple(loc.code for loc in allowed)
                if place is None
                else (snapshot.location_by_id[place[1]].code,),
                fixed_slot=None if place is None else snapshot.slot_by_id[place[0]].code,
            )
        )
    participants = tuple(
        scheduling.Participant(
            party_code(registration_id, team),
            frozenset(unavailable.get((registration_id, team), ())),
            max_meetings=meeting_limit(snapshot.registrations[registration_id]),
            max_per_day=event.max_meetings_per_day,
        )
        for registration_id, team in sorted(teams)
    )
    instance = scheduling.Instance(event.slug, slots, locations, participants, tuple(meetings))
    return instance, placeless


def meeting_limit(registration: Registration) -> int | None:
    """The most meetings a team of the party takes: its own limit, else the event's."""
    if registration.max_meetings is not None:
        return registration.max_meetings
    return registration.event.max_meetings_per_party


def _teams(registration: Registration) -> range:
    return range(1, registration.teams + 1)


def published_places(snapshot: EventSnapshot) -> dict[int, Place]:
    return {
        m.pk: (m.slot_id, m.location_id)
        for m in snapshot.meetings
        if m.status == MeetingStatus.SCHEDULED and m.published_at is not None
    }


def scheduled_places(snapshot: EventSnapshot) -> dict[int, Place]:
    return {
        m.pk: (m.slot_id, m.location_id)
        for m in snapshot.meetings
        if m.status == MeetingStatus.SCHEDULED
    }


def schedule_of(snapshot: EventSnapshot, places: Mapping[int, Place]) -> scheduling.Schedule:
    """Meetings in places as the scheduler's `Schedule`."""
    assignments = tuple(
        scheduling.Assignment(
            snapshot.meeting_by_id[meeting_id].code,
            snapshot.slot_by_id[slot_id].code,
            snapshot.location_by_id[location_id].code,
        )
        for meeting_id, (slot_id, location_id) in sorted(places.items())
    )
    return scheduling.Schedule(snapshot.event.slug, assignments)


def places_of(schedule: scheduling.Schedule) -> dict[int, Place]:
    """The scheduler's assignments as {meeting id: (slot id, location id)}."""
    return {
        int(a.meeting[1:]): (int(a.slot[1:]), int(a.location[1:])) for a in schedule.assignments
    }


def number_tables(snapshot: EventSnapshot, places: Mapping[int, Place]) -> dict[int, int]:
    """A table for each placed meeting: the host's team at a booth, otherwise 1..capacity.

    A meeting that stays in the slot and location it holds keeps its table, so a re-run
    or a late placement never renumbers a published meeting.
    """
    by_place: dict[Place, list[int]] = defaultdict(list)
    for meeting_id, place in sorted(places.items()):
        by_place[place].append(meeting_id)
    tables: dict[int, int] = {}
    for (slot_id, location_id), meeting_ids in by_place.items():
        location = snapshot.location_by_id[location_id]
        taken: set[int] = set()
        rest = []
        for meeting_id in meeting_ids:
            meeting = snapshot.meeting_by_id[meeting_id]
            team = host_team(meeting, location)
            kept = (
                meeting.table_number
                if (meeting.slot_id, meeting.location_id) == (slot_id, location_id)
                else None
            )
            table = team if team is not None else kept
            if table is not None and table not in taken:
                tables[meeting_id] = table
                taken.add(table)
            else:
                rest.append(meeting_id)
        free = (n for n in range(1, 10_000) if n not in taken)
        for meeting_id in rest:
            tables[meeting_id] = next(free)
    return tables


def unscheduled_reasons(
    snapshot: EventSnapshot, places: Mapping[int, Place], meetings: Iterable[Meeting]
) -> dict[int, str]:
    """Why each of `meetings` (not in `places`) is unscheduled, as a reason code."""
    event = snapshot.event
    busy: set[tuple[tuple[int, int], int]] = set()
    total: dict[tuple[int, int], int] = defaultdict(int)
    per_day: dict[tuple[tuple[int, int], int], int] = defaultdict(int)
    used: dict[Place, int] = defaultdict(int)
    for meeting_id, (slot_id, location_id) in places.items():
        day = snapshot.slot_by_id[slot_id].day_number
        used[(slot_id, location_id)] += 1
        for party in parties_of(snapshot.meeting_by_id[meeting_id]):
            busy.add((party, slot_id))
            total[party] += 1
            per_day[(party, day)] += 1

    def limit(party: tuple[int, int]) -> int | None:
        return meeting_limit(snapshot.registrations[party[0]])

    reasons = {}
    for meeting in meetings:
        parties = parties_of(meeting)
        allowed = snapshot.allowed_locations(meeting)
        common = [
            s
            for s in snapshot.slots
            if not any((reg, team, s.pk) in snapshot.blocks for reg, team in parties)
        ]
        if not allowed:
            reasons[meeting.pk] = "no_location"
            continue
        if not common:
            reasons[meeting.pk] = "no_common_slot"
            continue
        day_limit = event.max_meetings_per_day
        open_days = [
            s
            for s in common
            if day_limit is None or all(per_day[(p, s.day_number)] < day_limit for p in parties)
        ]
        if any(limit(p) is not None and total[p] >= limit(p) for p in parties) or not open_days:
            reasons[meeting.pk] = "party_full"
            continue
        free = [s for s in open_days if not any((p, s.pk) in busy for p in parties)]
        if free and all(used[(s.pk, loc.pk)] >= loc.capacity for s in free for loc in allowed):
            reasons[meeting.pk] = "location_full"
        else:
            reasons[meeting.pk] = "crowded_out"
    return reasons


def reason_label(code: str) -> str:
    return str(UNSCHEDULED_REASONS.get(code, code))
