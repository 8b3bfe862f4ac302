"""Blocking a time while others block it or seat a meeting there: never both, never twice."""

import time

import pytest
from django.db import transaction

from ieum.partnering.errors import SchedulingConflict
from ieum.partnering.models import Block, MeetingSeat, Registration
from ieum.partnering.registration import block_slot
from tests.factories import EventFactory, RegistrationFactory, UserFactory
from tests.partnering.factories_events import scheduled_meeting
from tests.race import race

WORKERS = 6
REFUSALS = {SchedulingConflict: "conflict"}


@pytest.mark.django_db(transaction=True)
def test_concurrent_blocks_of_one_slot_give_one_block():
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    slot = event.slots.first()
    people = [UserFactory() for _ in range(WORKERS)]

    def block(person):
        return lambda: block_slot(registration=registration, slot=slot, by=person)

    results = race(*[block(person) for person in people], refusals=REFUSALS)
    assert results.count("done") == 1
    assert results.count("conflict") == WORKERS - 1
    assert Block.objects.count() == 1


def _seat_under_lock(registration, slot, hold: float):
    """Seat a meeting the way placement does: lock the party, check its blocks, write."""

    def seat():
        with transaction.atomic():
            Registration.objects.select_for_update().get(pk=registration.pk)
            time.sleep(hold)
            if Block.objects.filter(registration=registration, team=1, slot=slot).exists():
                return "blocked"
            scheduled_meeting(registration, slot)
            return "seated"

    return seat


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("seat_first", [True, False])
def test_a_block_and_a_seat_never_share_a_slot(seat_first):
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    slot = event.slots.first()
    person = UserFactory()

    def block():
        if seat_first:
            time.sleep(0.1)  # Let the seat take the lock first.
        return block_slot(registration=registration, slot=slot, by=person)

    seat = _seat_under_lock(registration, slot, hold=0.3 if seat_first else 0.0)
    if not seat_first:
        original = seat

        def seat():
            time.sleep(0.1)
            return original()

    blocked, seated = race(block, seat, refusals=REFUSALS)
    blocks = Block.objects.filter(registration=registration, slot=slot).count()
    seats = MeetingSeat.objects.filter(registration=registration, slot=slot).count()
    assert blocks + seats == 1
    if seat_first:
        assert blocked == "conflict" and seated == "seated"
    else:
        assert blocked == "done" and seated == "blocked"
