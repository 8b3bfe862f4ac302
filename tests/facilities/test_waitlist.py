"""The waiting list: freed time is offered in turn by the real worker, and booked."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone, translation

from ieum.facilities import tasks
from ieum.facilities.booking import book_resource, cancel_booking
from ieum.facilities.enums import BookingStatus, WaitlistStatus
from ieum.facilities.errors import BookingConflict
from ieum.facilities.models import Booking, WaitlistEntry
from ieum.facilities.waitlist import (
    accept_waitlist_offer,
    join_waitlist,
    offer_freed_time,
    withdraw_waitlist_entry,
)
from tests.facilities.conftest import seoul, working_day
from tests.factories import MembershipFactory, ResourceFactory, UserFactory
from tests.worker import queue_periodic, run_worker

SITE = "https://ieum.example.kr"


@pytest.fixture(autouse=True)
def _site_and_language(settings):
    settings.IEUM_SITE_URL = SITE
    # Error messages are matched in English; e-mails follow each recipient's language.
    with translation.override("en"):
        yield


def member(**user_fields):
    return MembershipFactory(user=UserFactory(**user_fields)).user


def wait(person, resource, day, start="10:00", end="12:00"):
    return join_waitlist(
        user=person, resource=resource, start=seoul(day, start), end=seoul(day, end)
    )


def offers_to(person):
    # Offers link to the resource, booking e-mails to the booking.
    return [m for m in mail.outbox if m.to == [person.email] and "/facilities/bookings/" in m.body]


@pytest.mark.django_db(transaction=True)
def test_a_freed_slot_is_offered_to_the_first_in_line_who_books_it():
    resource = ResourceFactory()
    holder, first, second = member(), member(preferred_language="en"), member()
    day = working_day()
    held = book_resource(
        user=holder, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    first_entry = wait(first, resource, day)
    second_entry = wait(second, resource, day)
    run_worker()
    mail.outbox.clear()

    cancel_booking(user=holder, booking=held)
    run_worker()

    first_entry.refresh_from_db()
    second_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.OFFERED
    assert first_entry.offer_expires_at <= first_entry.offered_at + timedelta(hours=12)
    assert second_entry.status == WaitlistStatus.WAITING
    [offer] = offers_to(first)
    assert offer.subject == f"The time you waited for is free: {resource.name_en}"
    assert f"{day:%Y-%m-%d} (Mon) 10:00–12:00" in offer.body
    assert f"{SITE}/facilities/bookings/#waitlist" in offer.body
    assert offers_to(second) == []
    [cancelled] = [m for m in mail.outbox if m.to == [holder.email]]
    assert resource.name_ko in cancelled.subject
    assert f"{SITE}/facilities/b/{held.pk}/" in cancelled.body

    with pytest.raises(PermissionDenied):
        accept_waitlist_offer(user=second, entry=first_entry)
    booking = accept_waitlist_offer(user=first, entry=first_entry)

    assert booking.booked_by == first
    assert booking.status == BookingStatus.APPROVED
    assert (booking.start, booking.end) == (seoul(day, "10:00"), seoul(day, "12:00"))
    first_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.BOOKED
    assert first_entry.booking == booking
    assert Booking.objects.get(status=BookingStatus.APPROVED) == booking
    run_worker()
    assert [m.subject for m in mail.outbox if m.to == [first.email]][-1] == (
        f"Booking confirmed: {resource.name_en}"
    )


@pytest.mark.django_db(transaction=True)
def test_an_offer_that_lapses_goes_to_the_next_in_line():
    resource = ResourceFactory()
    holder, first, second = member(), member(), member()
    day = working_day()
    held = book_resource(
        user=holder, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    first_entry = wait(first, resource, day)
    second_entry = wait(second, resource, day)
    cancel_booking(user=holder, booking=held)
    run_worker()
    assert len(offers_to(first)) == 1
    assert offers_to(second) == []

    WaitlistEntry.objects.filter(pk=first_entry.pk).update(
        offer_expires_at=timezone.now() - timedelta(minutes=1)
    )
    queue_periodic(tasks.expire_waitlist_offers)
    run_worker()

    first_entry.refresh_from_db()
    second_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.EXPIRED
    assert second_entry.status == WaitlistStatus.OFFERED
    assert len(offers_to(second)) == 1
    with pytest.raises(ValidationError, match="no longer open"):
        accept_waitlist_offer(user=first, entry=first_entry)
    assert accept_waitlist_offer(user=second, entry=second_entry).booked_by == second


@pytest.mark.django_db(transaction=True)
def test_someone_booking_first_puts_the_offered_entry_back_in_line():
    resource = ResourceFactory()
    holder, waiter, quick = member(), member(), member()
    day = working_day()
    held = book_resource(
        user=holder, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    entry = wait(waiter, resource, day)
    cancel_booking(user=holder, booking=held)
    run_worker()
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED

    # An offer does not hold the time: someone else books it directly.
    taken = book_resource(
        user=quick, resource=resource, start=seoul(day, "11:00"), end=seoul(day, "12:00")
    )
    with pytest.raises(BookingConflict, match="back on the waiting list"):
        accept_waitlist_offer(user=waiter, entry=entry)

    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.WAITING
    assert entry.offer_expires_at is None
    assert list(Booking.objects.filter(status=BookingStatus.APPROVED)) == [taken]

    # When that time frees again, the entry is offered again.
    mail.outbox.clear()
    cancel_booking(user=quick, booking=taken)
    run_worker()
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED
    assert len(offers_to(waiter)) == 1


@pytest.mark.django_db(transaction=True)
def test_withdrawing_an_offered_entry_offers_the_time_onward():
    resource = ResourceFactory()
    holder, first, second = member(), member(), member()
    day = working_day()
    held = book_resource(
        user=holder, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    first_entry = wait(first, resource, day)
    second_entry = wait(second, resource, day)
    cancel_booking(user=holder, booking=held)
    run_worker()

    with pytest.raises(PermissionDenied):
        withdraw_waitlist_entry(user=second, entry=first_entry)
    withdraw_waitlist_entry(user=first, entry=first_entry)
    run_worker()

    first_entry.refresh_from_db()
    second_entry.refresh_from_db()
    assert first_entry.status == WaitlistStatus.WITHDRAWN
    assert second_entry.status == WaitlistStatus.OFFERED
    assert len(offers_to(second)) == 1


@pytest.mark.django_db(transaction=True)
def test_two_workers_offering_the_same_freed_time_offer_it_once():
    resource = ResourceFactory()
    holder, waiter = member(), member()
    day = working_day()
    held = book_resource(
        user=holder, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    entry = wait(waiter, resource, day)
    Booking.objects.filter(pk=held.pk).update(status=BookingStatus.CANCELLED)
    start = threading.Barrier(4)
    offers: list[int] = []

    def offer():
        try:
            start.wait()
            made = offer_freed_time(
                resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
            )
            offers.append(len(made))
        finally:
            connection.close()

    threads = [threading.Thread(target=offer) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(offers) == [0, 0, 0, 1]
    run_worker()
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.OFFERED
    assert len(offers_to(waiter)) == 1


@pytest.mark.django_db
def test_only_taken_time_can_be_waited_for_once_and_by_the_booking_rules(member, resource, day):
    with pytest.raises(ValidationError, match="book it instead"):
        wait(member, resource, day)
    assert not Booking.objects.exists()

    book_resource(
        user=MembershipFactory().user,
        resource=resource,
        start=seoul(day, "10:00"),
        end=seoul(day, "12:00"),
    )
    for start, end, message in [
        ("12:00", "10:00", "end must be after"),
        ("10:15", "11:00", "30-minute grid"),
        ("17:00", "19:00", "not open"),
    ]:
        with pytest.raises(ValidationError, match=message):
            wait(member, resource, day, start, end)
    past = working_day(weeks_ahead=-2)
    with pytest.raises(ValidationError, match="already passed"):
        wait(member, resource, past)
    with pytest.raises(PermissionDenied):
        wait(UserFactory(), resource, day)

    entry = wait(member, resource, day, "11:00", "12:00")
    assert entry.status == WaitlistStatus.WAITING
    assert entry.organization == member.memberships.get().organization
    with pytest.raises(ValidationError, match="already on the waiting list"):
        wait(member, resource, day, "11:00", "12:00")
    assert WaitlistEntry.objects.count() == 1


@pytest.mark.django_db
def test_an_entry_is_offered_only_when_its_whole_window_is_free(resource, day):
    first, second, waiter = member(), member(), member()
    early = book_resource(
        user=first, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    book_resource(
        user=second, resource=resource, start=seoul(day, "11:00"), end=seoul(day, "12:00")
    )
    entry = wait(waiter, resource, day)
    Booking.objects.filter(pk=early.pk).update(status=BookingStatus.CANCELLED)

    assert (
        offer_freed_time(resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00"))
        == []
    )
    entry.refresh_from_db()
    assert entry.status == WaitlistStatus.WAITING
