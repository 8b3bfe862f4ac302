"""Business days in Korea: weekdays that are not public holidays (substitutes included).

Deadlines promised "within N business days" count from the day after the start, the
way a Korean office counts them: a request assigned on a Friday with three business
days to answer is due on Wednesday, or later when a holiday falls in between.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

SEOUL = ZoneInfo(settings.TIME_ZONE)


@lru_cache(maxsize=32)
def _holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.KR(years=year))


def is_business_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _holidays(day.year)


def add_business_days(start: date, days: int) -> date:
    """The date `days` business days after `start` (`start` itself when `days` is 0)."""
    day = start
    remaining = days
    while remaining > 0:
        day += timedelta(days=1)
        if is_business_day(day):
            remaining -= 1
    return day


def business_days_between(start: date, end: date) -> int:
    """How many business days pass from `start` to `end` (0 on the same day; never negative)."""
    if end <= start:
        return 0
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count


def seoul_today() -> date:
    return timezone.now().astimezone(SEOUL).date()
