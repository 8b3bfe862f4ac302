"""Free time for demo bookings, found with the same rules `book_resource` applies.

Past bookings cannot go through `book_resource`, so the demo places them here: inside
opening hours, off public holidays and downtime, within capacity counting the buffer,
and within a company's monthly hours. Future bookings are placed here too, so that the
calls to `book_resource` that follow find their time free.
"""

from __future__ import annotations

import random
from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ieum.facilities.demo.catalog import Preset
from ieum.facilities.models import Resource
from ieum.facilities.timeline import (
    SEOUL,
    Interval,
    at_seoul,
    merge,
    opening_intervals,
    peak,
    public_holidays,
    subtract,
)

TRIES = 80


def weekly_hours(preset: Preset) -> list[tuple[int, time, time]]:
    return [(day, time.fromisoformat(o), time.fromisoformat(c)) for day, o, c in preset.hours]


def month_of(moment: datetime) -> tuple[int, int]:
    local = moment.astimezone(SEOUL)
    return local.year, local.month


@dataclass
class Slotter:
    resource: Resource
    durations: tuple[int, ...]
    starts: tuple[time, ...]
    free: list[Interval]
    held: list[Interval] = field(default_factory=list)
    minutes: Counter = field(default_factory=Counter)

    @classmethod
    def build(
        cls, resource: Resource, preset: Preset, horizon: Interval, downtimes: list[Interval]
    ) -> Slotter:
        opened = merge(
            opening_intervals(
                weekly_hours=weekly_hours(preset),
                open_all_hours=resource.open_all_hours,
                window=horizon,
            )
        )
        blackouts = list(downtimes)
        if resource.closed_on_public_holidays:
            blackouts += [Interval(b.start, b.end) for b in public_holidays(horizon)]
        durations = tuple(
            minutes
            for minutes in preset.durations
            if resource.min_minutes <= minutes <= resource.max_minutes
        ) or (resource.min_minutes,)
        return cls(resource, durations, preset.starts, subtract(opened, blackouts))

    def __post_init__(self) -> None:
        self._free_starts = [piece.start for piece in self.free]
        self._buffer = timedelta(minutes=self.resource.buffer_minutes)

    def is_open(self, interval: Interval) -> bool:
        index = bisect_right(self._free_starts, interval.start) - 1
        return index >= 0 and self.free[index].contains(interval)

    def has_room(self, interval: Interval, organization_id: int) -> bool:
        held = Interval(interval.start, interval.end + self._buffer)
        others = [other for other in self.held if other.overlaps(held)]
        if peak(others, held) >= self.resource.capacity:
            return False
        quota = self.resource.monthly_quota_hours
        if quota is None:
            return True
        taken = self.minutes[(organization_id, month_of(interval.start))]
        return taken + interval.minutes <= quota * 60

    def find(
        self,
        rng: random.Random,
        *,
        first_day: date,
        days: int,
        not_after: datetime,
        organization_id: int,
        holds: bool,
    ) -> Interval | None:
        """A usual start and length on one of `days` days from `first_day`, or None.

        `holds`: the booking keeps its time (approved, no-show), so it needs room; a
        cancelled or refused one only needs the resource to have been open.
        """
        for _ in range(TRIES):
            day = first_day + timedelta(days=rng.randrange(max(days, 1)))
            start = at_seoul(day, rng.choice(self.starts))
            interval = Interval(start, start + timedelta(minutes=rng.choice(self.durations)))
            if interval.end > not_after or not self.is_open(interval):
                continue
            if holds and not self.has_room(interval, organization_id):
                continue
            return interval
        return None

    def take(self, interval: Interval, organization_id: int) -> None:
        self.held.append(Interval(interval.start, interval.end + self._buffer))
        self.minutes[(organization_id, month_of(interval.start))] += interval.minutes
