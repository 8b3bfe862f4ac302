"""Time arithmetic for bookings: opening hours, public holidays and busy intervals.

Everything is in aware datetimes; opening hours are read in Asia/Seoul, where the
clusters are, and a resource open until midnight and again from midnight is open
through the night, so bookings may cross midnight.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils.translation import get_language

SEOUL = ZoneInfo(settings.TIME_ZONE)


@dataclass(frozen=True, order=True)
class Interval:
    start: datetime
    end: datetime

    @property
    def minutes(self) -> float:
        return (self.end - self.start).total_seconds() / 60

    def overlaps(self, other: Interval) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Interval) -> bool:
        return self.start <= other.start and other.end <= self.end


@dataclass(frozen=True)
class Blackout:
    start: datetime
    end: datetime
    reason: str


def merge(intervals: Iterable[Interval]) -> list[Interval]:
    """Sorted, with touching and overlapping intervals joined."""
    merged: list[Interval] = []
    for interval in sorted(intervals):
        if merged and interval.start <= merged[-1].end:
            if interval.end > merged[-1].end:
                merged[-1] = Interval(merged[-1].start, interval.end)
        else:
            merged.append(interval)
    return merged


def subtract(intervals: list[Interval], removed: Iterable[Interval]) -> list[Interval]:
    """The parts of merged `intervals` not covered by any of `removed`."""
    result = list(intervals)
    for cut in merge(removed):
        pieces: list[Interval] = []
        for interval in result:
            if not interval.overlaps(cut):
                pieces.append(interval)
                continue
            if interval.start < cut.start:
                pieces.append(Interval(interval.start, cut.start))
            if cut.end < interval.end:
                pieces.append(Interval(cut.end, interval.end))
        result = pieces
    return result


def clip(intervals: Iterable[Interval], window: Interval) -> list[Interval]:
    return [
        Interval(max(i.start, window.start), min(i.end, window.end))
        for i in intervals
        if i.overlaps(window)
    ]


def total_minutes(intervals: Iterable[Interval]) -> float:
    return sum(interval.minutes for interval in intervals)


def local_dates(window: Interval) -> list[date]:
    first = window.start.astimezone(SEOUL).date()
    last = (window.end - timedelta(microseconds=1)).astimezone(SEOUL).date()
    return [first + timedelta(days=n) for n in range((last - first).days + 1)]


def at_seoul(day: date, clock: time) -> datetime:
    return datetime.combine(day, clock, tzinfo=SEOUL)


def opening_intervals(
    *, weekly_hours: list[tuple[int, time, time]], open_all_hours: bool, window: Interval
) -> list[Interval]:
    """When the resource is open within `window`, from its weekly hours in Seoul time."""
    if open_all_hours:
        return [window]
    intervals = []
    # The day before the window matters too: its hours may run past midnight.
    days = local_dates(window)
    for day in [days[0] - timedelta(days=1), *days]:
        for weekday, opens, closes in weekly_hours:
            if weekday != day.weekday():
                continue
            end_day = day + timedelta(days=1) if closes == time(0) else day
            intervals.append(Interval(at_seoul(day, opens), at_seoul(end_day, closes)))
    return clip(merge(intervals), window)


@lru_cache(maxsize=64)
def _korean_holidays(year: int, language: str) -> dict[date, str]:
    return dict(holidays.KR(years=year, language=language))


def public_holidays(window: Interval) -> list[Blackout]:
    """Korean public holidays (substitute holidays included) that touch `window`."""
    language = "ko" if (get_language() or "ko").startswith("ko") else "en_US"
    blackouts = []
    for day in local_dates(window):
        name = _korean_holidays(day.year, language).get(day)
        if name:
            blackouts.append(
                Blackout(at_seoul(day, time(0)), at_seoul(day + timedelta(days=1), time(0)), name)
            )
    return blackouts


def concurrency(intervals: Iterable[Interval]) -> list[tuple[Interval, int]]:
    """Split time into pieces with how many of `intervals` cover each (pieces with 0 left out)."""
    events: dict[datetime, int] = {}
    for interval in intervals:
        events[interval.start] = events.get(interval.start, 0) + 1
        events[interval.end] = events.get(interval.end, 0) - 1
    pieces = []
    count = 0
    previous = None
    for moment in sorted(events):
        if previous is not None and count > 0 and moment > previous:
            pieces.append((Interval(previous, moment), count))
        count += events[moment]
        previous = moment
    return pieces


def peak(intervals: Iterable[Interval], window: Interval) -> int:
    """The most of `intervals` that cover any one moment of `window`."""
    return max(
        (count for piece, count in concurrency(intervals) if piece.overlaps(window)), default=0
    )
