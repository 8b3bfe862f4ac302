from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from ieum.partnering.slots import cut_day
from tests.factories import EventFactory

SEOUL = ZoneInfo("Asia/Seoul")


def at(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime(2025, 11, 13, hours, minutes, tzinfo=SEOUL)


def test_a_day_is_cut_into_whole_slots_around_its_breaks():
    slots = cut_day(
        opens=at("10:00"), closes=at("12:50"), breaks=[(at("11:10"), at("11:30"))], minutes=30
    )
    assert [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in slots] == [
        ("10:00", "10:30"),
        ("10:30", "11:00"),
        ("11:30", "12:00"),
        ("12:00", "12:30"),
    ]


@pytest.mark.django_db
def test_an_event_gets_slots_for_each_day_in_its_own_time_zone():
    event = EventFactory(
        starts_on=date(2025, 11, 13),
        ends_on=date(2025, 11, 14),
        days=[
            (date(2025, 11, 13), "10:00", "17:00", [("12:00", "13:00")]),
            (date(2025, 11, 14), "10:00", "12:00", []),
        ],
    )
    slots = list(event.slots.order_by("start"))
    assert len(slots) == 12 + 4
    assert slots[0].start == at("10:00")
    assert {s.day_number for s in slots[-4:]} == {2}
    assert all(not (at("12:00") <= s.start < at("13:00")) for s in slots)
