"""Exact location assignment (b-matching per slot)."""

from __future__ import annotations

import itertools
import random

from ieum.scheduling.locations import LocationBook, assign_locations


def test_rearranges_to_seat_a_meeting():
    # m0 may use A or B, m1 only A; A and B hold one meeting each.
    book = LocationBook([1, 1], [(0, 1), (0,)], n_slots=1)
    assert book.place(0, 0) and book.where[0] == 0
    assert book.place(1, 0)
    assert book.where == {0: 1, 1: 0}
    assert not book.can_place(0, 0) or book.load == [1, 1]


def brute_force_fits(meetings, caps, locs) -> bool:
    for choice in itertools.product(*(locs[m] for m in meetings)):
        if all(choice.count(loc) <= cap for loc, cap in enumerate(caps)):
            return True
    return False


def test_matches_brute_force_on_random_cases():
    rng = random.Random(7)
    for _ in range(300):
        caps = [rng.randint(1, 2) for _ in range(rng.randint(1, 3))]
        n = rng.randint(1, 5)
        locs = [tuple(rng.sample(range(len(caps)), rng.randint(1, len(caps)))) for _ in range(n)]
        seating = assign_locations(list(range(n)), caps, locs)
        assert (seating is not None) == brute_force_fits(list(range(n)), caps, locs)
        if seating is not None:
            for m, loc in seating.items():
                assert loc in locs[m]
            for loc, cap in enumerate(caps):
                assert sum(1 for x in seating.values() if x == loc) <= cap
