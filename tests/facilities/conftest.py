from datetime import date, datetime, time, timedelta

import holidays
import pytest
from django.utils import timezone

from ieum.facilities.timeline import SEOUL
from tests.factories import MembershipFactory, ResourceFactory


def working_day(weeks_ahead: int = 2, weekday: int = 0) -> date:
    """A future weekday in Seoul that is not a Korean public holiday."""
    today = timezone.now().astimezone(SEOUL).date()
    day = today + timedelta(days=(weekday - today.weekday()) % 7 + 7 * weeks_ahead)
    korean = holidays.KR(years=[day.year, day.year + 1])
    while day in korean or (day + timedelta(days=1)) in korean:
        day += timedelta(days=7)
    return day


def seoul(day: date, clock: str) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=SEOUL)


@pytest.fixture
def day() -> date:
    return working_day()


@pytest.fixture
def resource(db):
    return ResourceFactory()


@pytest.fixture
def member(db):
    """A person of a company, with the membership that lets them book."""
    return MembershipFactory().user
