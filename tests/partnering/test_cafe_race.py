"""Many people acting on the venture cafe at once: one slot is booked once, a startup
never holds two slots at the same time, and a session never takes more than its places."""

from datetime import timedelta

import pytest
from django.db import connection

from ieum.partnering.errors import SchedulingConflict
from ieum.partnering.models import CafeAttendance, MentorSlot
from ieum.partnering.venture_cafe import book_mentor_slot, register_for_session
from tests.factories import UserFactory
from tests.partnering.factories_cafe import (
    CafeSessionFactory,
    MentoringSessionFactory,
    MentorSlotFactory,
    startup_member,
)
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)


def _book(slot, person, startup):
    def act() -> str:
        try:
            book_mentor_slot(slot=slot, by=person, organization=startup)
            return "booked"
        except SchedulingConflict:
            return "conflict"

    return act


def _startup_overlaps() -> int:
    """Pairs of slots one startup holds at overlapping times, counted in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM partnering_mentorslot a JOIN partnering_mentorslot b
              ON a.booked_organization_id = b.booked_organization_id AND a.id < b.id
             AND tstzrange(a.start, a."end") && tstzrange(b.start, b."end")
            """
        )
        return cursor.fetchone()[0]


def test_many_startups_race_for_one_slot_and_exactly_one_gets_it():
    slot = MentorSlotFactory()
    people = [startup_member() for _ in range(6)]
    outcomes = race(*[_book(slot, person, startup) for person, startup in people])
    assert sorted(outcomes) == ["booked"] + ["conflict"] * 5
    slot.refresh_from_db()
    members = {startup.pk: person.pk for person, startup in people}
    assert members[slot.booked_organization_id] == slot.booked_by_id


def test_one_startup_booking_two_mentors_at_the_same_time_gets_one():
    session = MentoringSessionFactory()
    start = session.starts_at + timedelta(minutes=20)
    slots = [
        MentorSlotFactory(session=session, start=start),
        MentorSlotFactory(session=session, start=start + timedelta(minutes=10)),
        MentorSlotFactory(session=MentoringSessionFactory(event=session.event), start=start),
    ]
    person, startup = startup_member()
    colleagues = [person] + [startup_member(startup)[0] for _ in slots[1:]]
    outcomes = race(
        *[
            _book(slot, colleague, startup)
            for slot, colleague in zip(slots, colleagues, strict=True)
        ]
    )
    assert sorted(outcomes) == ["booked", "conflict", "conflict"]
    assert MentorSlot.objects.filter(booked_organization=startup).count() == 1
    assert _startup_overlaps() == 0


def test_a_session_never_takes_more_people_than_its_places():
    session = CafeSessionFactory(capacity=3)
    people = [UserFactory() for _ in range(8)]

    def register(person):
        def act() -> str:
            try:
                register_for_session(session=session, user=person)
                return "registered"
            except SchedulingConflict:
                return "full"

        return act

    outcomes = race(*[register(person) for person in people])
    assert sorted(outcomes) == ["full"] * 5 + ["registered"] * 3
    assert CafeAttendance.objects.filter(session=session, cancelled_at__isnull=True).count() == 3
