"""Many people booking the same resource at once: nobody ever shares time they may not."""

import random
import threading

import pytest
from django.db import connection

from ieum.facilities.booking import book_resource, cancel_booking, reschedule_booking
from ieum.facilities.enums import ACTIVE_BOOKING_STATUSES
from ieum.facilities.errors import BookingConflict
from ieum.facilities.models import Booking
from tests.facilities.conftest import seoul, working_day
from tests.factories import MembershipFactory, ResourceFactory

WORKERS = 8
ATTEMPTS = 25


def _race(action) -> list[str]:
    barrier = threading.Barrier(WORKERS)
    outcomes: list[str] = []
    failures: list[BaseException] = []

    def run(worker: int) -> None:
        rng = random.Random(worker)
        try:
            barrier.wait()
            for _ in range(ATTEMPTS):
                outcomes.append(action(worker, rng))
        except BaseException as error:  # Reported by the assertion below.
            failures.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return outcomes


def _overlaps(resource) -> int:
    """Pairs of active bookings whose held times (buffers included) overlap, counted in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM facilities_booking a JOIN facilities_booking b
              ON a.resource_id = b.resource_id AND a.id < b.id
             AND tstzrange(a.start, a.blocked_until) && tstzrange(b.start, b.blocked_until)
             WHERE a.resource_id = %s AND a.status = ANY(%s) AND b.status = ANY(%s)
            """,
            [resource.pk, list(ACTIVE_BOOKING_STATUSES), list(ACTIVE_BOOKING_STATUSES)],
        )
        return cursor.fetchone()[0]


def _peak(resource) -> int:
    """The most active bookings holding any one moment, counted in SQL."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT coalesce(max(n), 0) FROM (
              SELECT count(*) AS n FROM facilities_booking a JOIN facilities_booking b
                ON a.resource_id = b.resource_id
               AND b.start <= a.start AND a.start < b.blocked_until
               WHERE a.resource_id = %s AND a.status = ANY(%s) AND b.status = ANY(%s)
               GROUP BY a.id) AS counts
            """,
            [resource.pk, list(ACTIVE_BOOKING_STATUSES), list(ACTIVE_BOOKING_STATUSES)],
        )
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_concurrent_bookings_and_moves_never_overlap():
    day = working_day()
    resource = ResourceFactory(buffer_minutes=30)
    people = [MembershipFactory().user for _ in range(WORKERS)]
    mine: dict[int, list[Booking]] = {n: [] for n in range(WORKERS)}

    def act(worker: int, rng: random.Random) -> str:
        start_hour = 9 + rng.randrange(0, 16) / 2
        length = rng.choice([0.5, 1, 1.5, 2])
        if start_hour + length > 18:
            return "outside"
        start = seoul(day, f"{int(start_hour):02d}:{int(start_hour % 1 * 60):02d}")
        end = start + (seoul(day, "01:00") - seoul(day, "00:00")) * length
        try:
            if mine[worker] and rng.random() < 0.3:
                booking = mine[worker].pop()
                if rng.random() < 0.5:
                    cancel_booking(user=people[worker], booking=booking)
                    return "cancelled"
                mine[worker].append(
                    reschedule_booking(user=people[worker], booking=booking, start=start, end=end)
                )
                return "moved"
            mine[worker].append(
                book_resource(user=people[worker], resource=resource, start=start, end=end)
            )
            return "booked"
        except BookingConflict:
            return "conflict"

    outcomes = _race(act)
    assert outcomes.count("booked") > 0 and outcomes.count("conflict") > 0
    assert _overlaps(resource) == 0


@pytest.mark.django_db(transaction=True)
def test_a_capacity_three_bench_never_holds_four():
    day = working_day()
    resource = ResourceFactory(capacity=3)
    people = [MembershipFactory().user for _ in range(WORKERS)]

    def act(worker: int, rng: random.Random) -> str:
        hour = 9 + rng.randrange(0, 8)
        try:
            book_resource(
                user=people[worker],
                resource=resource,
                start=seoul(day, f"{hour:02d}:00"),
                end=seoul(day, f"{hour + 1:02d}:00"),
            )
            return "booked"
        except BookingConflict:
            return "conflict"

    outcomes = _race(act)
    # Eight one-hour slots take three bookings each; every other attempt is refused.
    assert outcomes.count("booked") == 24
    assert _peak(resource) == 3
