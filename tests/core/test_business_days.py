"""Business days in Korea: weekends and public holidays (substitutes included) do not count.

The holidays below are checked against the `holidays` package, the source the code
uses, so a wrong guess about the calendar fails here instead of hiding in a deadline.
"""

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest
from django.utils import timezone

from ieum.core.business_days import (
    add_business_days,
    business_days_between,
    is_business_day,
    seoul_today,
)

KR_2026 = holidays.KR(years=2026)


def test_the_2026_holidays_the_examples_rely_on():
    # Chuseok falls on Thursday to Saturday. A Chuseok day on a Saturday gives no
    # substitute (only a Sunday or another holiday does), so Monday 28 is a working day.
    for day in (date(2026, 9, 24), date(2026, 9, 25), date(2026, 9, 26)):
        assert day in KR_2026
    assert date(2026, 9, 28) not in KR_2026
    # National Foundation Day on Saturday 3 October: substitute on Monday 5 October.
    assert date(2026, 10, 3) in KR_2026 and date(2026, 10, 5) in KR_2026
    # Independence Movement Day on Sunday 1 March: substitute on Monday 2 March.
    assert date(2026, 3, 2) in KR_2026
    # Seollal, Monday to Wednesday.
    assert {date(2026, 2, 16), date(2026, 2, 17), date(2026, 2, 18)} <= set(KR_2026)


@pytest.mark.parametrize(
    ("day", "business"),
    [
        (date(2026, 9, 23), True),  # Wednesday before Chuseok
        (date(2026, 9, 24), False),  # Chuseok eve, Thursday
        (date(2026, 9, 25), False),  # Chuseok, Friday
        (date(2026, 9, 27), False),  # Sunday
        (date(2026, 9, 28), True),  # Monday after Chuseok
        (date(2026, 10, 5), False),  # substitute for National Foundation Day
        (date(2026, 3, 2), False),  # substitute for Independence Movement Day
        (date(2026, 6, 3), False),  # local elections
        (date(2026, 1, 1), False),
        (date(2026, 5, 4), True),  # a Monday with no holiday
    ],
)
def test_is_business_day(day, business):
    assert is_business_day(day) is business


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Friday + 3 is Wednesday: the weekend does not count.
        (date(2026, 5, 8), 3, date(2026, 5, 13)),
        # Wednesday before Chuseok + 1: Thu and Fri are holidays, then the weekend.
        (date(2026, 9, 23), 1, date(2026, 9, 28)),
        (date(2026, 9, 23), 2, date(2026, 9, 29)),
        (date(2026, 9, 22), 2, date(2026, 9, 28)),
        # Friday 2 October + 1: Saturday holiday's substitute on Monday 5 October.
        (date(2026, 10, 2), 1, date(2026, 10, 6)),
        # ... and Hangul Day on Friday 9 October: five days reach Tuesday 13 October.
        (date(2026, 10, 2), 5, date(2026, 10, 13)),
        # Friday before Seollal + 1: Monday to Wednesday are holidays.
        (date(2026, 2, 13), 1, date(2026, 2, 19)),
        # Friday 27 February + 1: Monday 2 March is a substitute holiday.
        (date(2026, 2, 27), 1, date(2026, 3, 3)),
        # Across the year: 1 January is a holiday.
        (date(2025, 12, 31), 1, date(2026, 1, 2)),
        # From a weekend day: the count starts the next day.
        (date(2026, 5, 9), 1, date(2026, 5, 11)),
        (date(2026, 9, 26), 1, date(2026, 9, 28)),
    ],
)
def test_add_business_days(start, days, due):
    assert add_business_days(start, days) == due


@pytest.mark.parametrize("start", [date(2026, 5, 8), date(2026, 9, 26), date(2026, 9, 25)])
def test_zero_days_is_the_start_itself_even_on_a_holiday(start):
    assert add_business_days(start, 0) == start


def test_negative_days_add_nothing():
    assert add_business_days(date(2026, 5, 8), -3) == date(2026, 5, 8)


@pytest.mark.parametrize(
    ("start", "end", "days"),
    [
        (date(2026, 5, 8), date(2026, 5, 8), 0),
        (date(2026, 5, 8), date(2026, 5, 11), 1),  # Friday to Monday
        (date(2026, 5, 8), date(2026, 5, 10), 0),  # Friday to Sunday
        (date(2026, 9, 23), date(2026, 9, 28), 1),  # across Chuseok
        (date(2026, 9, 23), date(2026, 10, 2), 5),
        (date(2026, 10, 2), date(2026, 10, 13), 5),
        (date(2025, 12, 30), date(2026, 1, 5), 3),  # Wed 31, Fri 2, Mon 5
        # A range that runs backwards counts as none, never negative.
        (date(2026, 5, 11), date(2026, 5, 8), 0),
        (date(2026, 10, 13), date(2026, 9, 23), 0),
    ],
)
def test_business_days_between(start, end, days):
    assert business_days_between(start, end) == days


def test_counting_undoes_adding_across_years():
    start = date(2025, 12, 1)
    for offset in range(0, 400, 3):
        day = start + timedelta(days=offset)
        for days in (0, 1, 2, 3, 5, 10):
            due = add_business_days(day, days)
            assert business_days_between(day, due) == days, (day, days)
            assert days == 0 or is_business_day(due), (day, days)


def test_today_is_the_date_in_seoul(monkeypatch):
    # 15:30 UTC on 31 December is already 00:30 on 1 January in Seoul.
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 12, 31, 15, 30, tzinfo=UTC))
    assert seoul_today() == date(2026, 1, 1)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2025, 12, 31, 14, 59, tzinfo=UTC))
    assert seoul_today() == date(2025, 12, 31)
