"""Organizers moving meetings at the same moment never double-book a team or a table."""

import pytest

from ieum.partnering.enums import EventStatus
from ieum.partnering.errors import SchedulingConflict
from ieum.partnering.models import Meeting
from ieum.partnering.placement import move_meeting, swap_meetings
from tests.factories import EventFactory
from tests.partnering.factories_scheduling import (
    HallFactory,
    accepted_meeting,
    double_bookings,
    organizer_of,
    place,
    startup,
)
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)


def race_moves(*actions) -> list[str]:
    return race(*actions, refusals={SchedulingConflict: "conflict"}, done="moved")


ROUNDS = 4


def setting():
    event = EventFactory(status=EventStatus.PUBLISHED)
    hall = HallFactory(event=event, capacity=3)
    return event, hall, list(event.slots.order_by("start")), organizer_of(event)


def test_two_meetings_of_one_startup_moved_into_one_slot_at_once():
    event, hall, slots, organizer = setting()
    company = startup(event)
    for round_ in range(ROUNDS):
        first = place(accepted_meeting(company, startup(event)), slots[2 * round_], hall, 1)
        second = place(accepted_meeting(company, startup(event)), slots[2 * round_ + 1], hall, 2)
        target = slots[12 + round_]

        outcomes = race_moves(
            lambda m=first, s=target: move_meeting(meeting=m, slot=s, by=organizer),
            lambda m=second, s=target: move_meeting(meeting=m, slot=s, by=organizer),
        )

        assert sorted(outcomes) == ["conflict", "moved"]
        assert Meeting.objects.filter(pk__in=[first.pk, second.pk], slot=target).count() == 1
        assert double_bookings(event) == 0


def test_two_meetings_moved_onto_one_table_at_once():
    event, hall, slots, organizer = setting()
    for round_ in range(ROUNDS):
        first = place(accepted_meeting(startup(event), startup(event)), slots[round_], hall, 1)
        second = place(accepted_meeting(startup(event), startup(event)), slots[round_], hall, 2)
        target = slots[12 + round_]

        outcomes = race_moves(
            lambda m=first, s=target: move_meeting(meeting=m, slot=s, by=organizer, table_number=3),
            lambda m=second, s=target: move_meeting(
                meeting=m, slot=s, by=organizer, table_number=3
            ),
        )

        assert sorted(outcomes) == ["conflict", "moved"]
        assert Meeting.objects.filter(slot=target, location=hall, table_number=3).count() == 1
        assert double_bookings(event) == 0


def test_swaps_and_moves_of_shared_parties_at_once_keep_the_schedule_whole():
    event, hall, slots, organizer = setting()
    company, other = startup(event), startup(event)
    first = place(accepted_meeting(company, startup(event)), slots[0], hall, 1)
    second = place(accepted_meeting(other, startup(event)), slots[1], hall, 1)
    third = place(accepted_meeting(company, other), slots[2], hall, 1)

    outcomes = race_moves(
        lambda: swap_meetings(first=first, second=second, by=organizer),
        lambda: move_meeting(meeting=third, slot=slots[1], by=organizer),
        lambda: move_meeting(meeting=third, slot=slots[0], by=organizer),
    )

    assert "moved" in outcomes
    assert double_bookings(event) == 0
