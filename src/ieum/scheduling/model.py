"""The data model of a partnering event and its schedule (the exchange format, as dataclasses).

These mirror the JSON exchange format one to one; `ieum.scheduling.io` converts between
them. Everything here is immutable, so an instance can be shared between threads and
requests without copying.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Slot:
    """A time slot; slots of the same `day` that follow each other in the list are adjacent."""

    id: str
    day: int = 1
    start: str | None = None
    end: str | None = None


@dataclass(frozen=True, slots=True)
class Location:
    """A place where `capacity` meetings can take place at once (tables, booth teams)."""

    id: str
    capacity: int = 1


@dataclass(frozen=True, slots=True)
class Participant:
    """A party that meets; `None` limits mean no limit."""

    id: str
    unavailable: frozenset[str] = frozenset()
    max_meetings: int | None = None
    max_per_day: int | None = None


@dataclass(frozen=True, slots=True)
class Meeting:
    """An accepted meeting request. `None` locations/slots mean every location/slot."""

    id: str
    participants: tuple[str, ...]
    weight: int = 1
    locations: tuple[str, ...] | None = None
    slots: tuple[str, ...] | None = None
    fixed_slot: str | None = None


@dataclass(frozen=True, slots=True)
class Instance:
    """A scheduling instance: slots in time order, locations, participants and meetings."""

    name: str | None
    slots: tuple[Slot, ...]
    locations: tuple[Location, ...]
    participants: tuple[Participant, ...]
    meetings: tuple[Meeting, ...]

    def meeting(self, meeting_id: str) -> Meeting:
        for m in self.meetings:
            if m.id == meeting_id:
                return m
        raise KeyError(meeting_id)


@dataclass(frozen=True, slots=True)
class Assignment:
    """One scheduled meeting: when and where."""

    meeting: str
    slot: str
    location: str


@dataclass(frozen=True, slots=True)
class Schedule:
    """A schedule; meetings that have no assignment are unscheduled."""

    instance: str | None
    assignments: tuple[Assignment, ...] = ()
    # What the solver knows about the schedule (not part of the exchange format).
    weight_bound: int | None = field(default=None, compare=False)
    breaks_bound: int | None = field(default=None, compare=False)

    def slot_of(self) -> dict[str, str]:
        return {a.meeting: a.slot for a in self.assignments}


@dataclass(frozen=True, slots=True)
class Figures:
    """The figures of a schedule, as score.py prints them (see FORMAT.md)."""

    valid: bool
    scheduled: int
    requested: int
    weight_scheduled: int
    weight_requested: int
    min_share: float
    breaks: int
    max_breaks: int
    violations: tuple[str, ...] = ()

    @property
    def key(self) -> tuple[int, int, int, int]:
        """Larger is better: weight, then meetings, then fewer breaks, then lower max_breaks."""
        return (self.weight_scheduled, self.scheduled, -self.breaks, -self.max_breaks)


@dataclass(frozen=True, slots=True)
class Progress:
    """A report sent to the `progress` callback of `solve` while it works."""

    phase: str
    elapsed: float
    weight: int
    scheduled: int
    breaks: int
    max_breaks: int
    weight_bound: int | None = None
