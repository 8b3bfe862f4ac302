"""What the organizer's schedule pages show: figures, the board, the unscheduled and why.

Read-only. Everything comes from one snapshot of the event (a query per table), so the
pages cost the same few queries for twenty meetings or thousands.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ieum import scheduling
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Block, Event, Location, Meeting, MeetingSeat, ScheduleRun, Slot
from ieum.partnering.scheduling_input import (
    EventSnapshot,
    build_instance,
    load_snapshot,
    parties_of,
    reason_label,
    schedule_of,
    scheduled_places,
    unscheduled_reasons,
)

# The solver's phases (`ieum.scheduling.solve` reports them in English) as people read them.
PHASES = {
    "queued": gettext_lazy("Waiting for the background worker"),
    "loading": gettext_lazy("Reading the meetings"),
    "first come, first served": gettext_lazy("First-come-first-served baseline"),
    "priority greedy": gettext_lazy("Placing the most important meetings first"),
    "local search": gettext_lazy("Improving step by step"),
    "local search from baseline": gettext_lazy("Improving step by step"),
    "CP-SAT": gettext_lazy("Optimising the whole schedule"),
    "large-neighbourhood search": gettext_lazy("Optimising part by part"),
    "fairness": gettext_lazy("Giving every party a meeting where possible"),
    "done": gettext_lazy("Finished"),
}


def phase_label(phase: str | None) -> str:
    return str(PHASES.get(phase or "queued", phase))


@dataclass(frozen=True)
class BoardRow:
    slot: Slot
    cells: list[list[Meeting]]  # one list per shown location


@dataclass(frozen=True)
class Overview:
    figures: dict
    days: list[int]
    day: int | None
    locations: list[Location]
    rows: list[BoardRow]
    unscheduled: list[tuple[Meeting, str]]


def _name_parties(snapshot: EventSnapshot) -> None:
    # Templates read `meeting.parties`: both registrations, their organizations loaded.
    for meeting in snapshot.meetings:
        meeting.parties = [snapshot.registrations[pk] for pk, _team in parties_of(meeting)]


def figures_dict(figures: scheduling.Figures, *, extra_requested: int = 0) -> dict:
    requested = figures.requested + extra_requested
    return {
        "valid": figures.valid,
        "scheduled": figures.scheduled,
        "requested": requested,
        "share": round(figures.scheduled / requested, 4) if requested else 1.0,
        "weight": figures.weight_scheduled,
        "weight_requested": figures.weight_requested,
        "breaks": figures.breaks,
        "max_breaks": figures.max_breaks,
        "min_share": round(figures.min_share, 4),
    }


def schedule_overview(
    *, event: Event, day: int | None = None, location_ids: list[int] | None = None
) -> Overview:
    """The event's current schedule: its figures, one day of the board, the unscheduled."""
    snapshot = load_snapshot(event=event)
    _name_parties(snapshot)
    places = scheduled_places(snapshot)
    instance, placeless = build_instance(snapshot, fixed=places)
    codes = {m.id for m in instance.meetings}
    in_instance = {pk: place for pk, place in places.items() if f"m{pk}" in codes}
    figures = scheduling.score(instance, schedule_of(snapshot, in_instance))
    days = sorted({slot.day_number for slot in snapshot.slots})
    if day not in days:
        day = days[0] if days else None
    locations = [loc for loc in snapshot.locations if not location_ids or loc.pk in location_ids]
    column = {loc.pk: n for n, loc in enumerate(locations)}
    by_slot: dict[int, list[list[Meeting]]] = defaultdict(lambda: [[] for _ in locations])
    for meeting in snapshot.meetings:
        if meeting.pk in places and meeting.location_id in column:
            by_slot[meeting.slot_id][column[meeting.location_id]].append(meeting)
    for cells in by_slot.values():
        for cell in cells:
            cell.sort(key=lambda m: m.table_number)
    rows = [BoardRow(slot, by_slot[slot.pk]) for slot in snapshot.slots if slot.day_number == day]
    waiting = [m for m in snapshot.meetings if m.status == MeetingStatus.UNSCHEDULED]
    reasons = unscheduled_reasons(snapshot, places, waiting)
    return Overview(
        figures=figures_dict(figures, extra_requested=len(placeless)),
        days=days,
        day=day,
        locations=locations,
        rows=rows,
        unscheduled=[(m, reason_label(reasons[m.pk])) for m in waiting],
    )


def run_unscheduled(*, run: ScheduleRun, meeting_ids: list[int]) -> list[tuple[Meeting, str]]:
    """Some of a run's unscheduled meetings with their parties and reasons (one query)."""
    meetings = Meeting.objects.filter(pk__in=meeting_ids).select_related(
        "request__requester__organization", "request__recipient__organization"
    )
    found = {m.pk: m for m in meetings}
    rows = []
    for pk in meeting_ids:
        if pk in found:
            meeting = found[pk]
            meeting.parties = [meeting.request.requester, meeting.request.recipient]
            rows.append((meeting, reason_label(run.unscheduled[str(pk)])))
    return rows


def swap_previews(*, meeting: Meeting, candidates: list[Meeting]) -> dict[int, list[str]]:
    """For each candidate, why swapping it with `meeting` would clash (four queries).

    A preview only: the parties' other meetings and blocks in the two slots. The swap
    itself checks tables too, under locks.
    """
    mine = Q()
    for registration_id, team in parties_of(meeting):
        mine |= Q(registration_id=registration_id, team=team)
    our_busy = set(
        MeetingSeat.objects.filter(mine)
        .exclude(meeting_id=meeting.pk)
        .values_list("slot_id", "meeting_id")
    )
    our_blocked = set(Block.objects.filter(mine).values_list("slot_id", flat=True))
    at_our_slot = set(
        MeetingSeat.objects.filter(slot_id=meeting.slot_id)
        .exclude(meeting_id=meeting.pk)
        .values_list("registration_id", "team", "meeting_id")
    )
    blocked_at_our_slot = set(
        Block.objects.filter(slot_id=meeting.slot_id).values_list("registration_id", "team")
    )
    previews = {}
    for candidate in candidates:
        theirs = parties_of(candidate)
        problems = []
        if any(s == candidate.slot_id and m != candidate.pk for s, m in our_busy):
            problems.append(_("Its parties already meet at that time."))
        if candidate.slot_id in our_blocked:
            problems.append(_("One of its parties blocked that time."))
        if any((r, t) in theirs and m != candidate.pk for r, t, m in at_our_slot):
            problems.append(_("The other meeting's parties already meet at this time."))
        if any(party in blocked_at_our_slot for party in theirs):
            problems.append(_("One of the other meeting's parties blocked this time."))
        previews[candidate.pk] = problems
    return previews
