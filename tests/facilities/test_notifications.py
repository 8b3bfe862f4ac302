"""Booking e-mails go out from the real worker, after the change commits, in each
recipient's language, with times in Seoul."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from ieum.accounts.enums import Role
from ieum.facilities import notifications, tasks
from ieum.facilities.booking import (
    book_resource,
    cancel_booking,
    decide_booking,
    reschedule_booking,
)
from ieum.facilities.enums import BookingStatus
from ieum.facilities.models import Booking
from ieum.facilities.timeline import SEOUL
from tests.facilities.conftest import seoul, working_day
from tests.factories import MembershipFactory, ResourceFactory, UserFactory
from tests.worker import queue_periodic, run_worker

pytestmark = pytest.mark.django_db(transaction=True)

SITE = "https://ieum.example.kr"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def staff_of(resource, **user_fields):
    return MembershipFactory(
        user=UserFactory(**user_fields),
        organization=resource.cluster.operator,
        role=Role.CLUSTER_STAFF,
    ).user


def member(**user_fields):
    return MembershipFactory(user=UserFactory(**user_fields)).user


def by_recipient():
    return {message.to[0]: message for message in mail.outbox}


def test_a_request_emails_the_booker_and_the_cluster_staff_each_in_their_language():
    resource = ResourceFactory(requires_approval=True)
    staff = staff_of(resource, preferred_language="ko")
    other_cluster_staff = staff_of(ResourceFactory())
    booker = member(preferred_language="en", full_name="Jane Park")
    day = working_day()

    booking = book_resource(
        user=booker, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    # The request only queued a job; the worker sends.
    assert mail.outbox == []
    run_worker()

    sent = by_recipient()
    assert set(sent) == {booker.email, staff.email}
    assert other_cluster_staff.email not in sent
    link = f"{SITE}/facilities/b/{booking.pk}/"

    to_booker = sent[booker.email]
    assert to_booker.subject == f"Booking request received: {resource.name_en}"
    assert "Hello Jane Park," in to_booker.body
    # English: the English name and weekday; the time as in Seoul, not UTC.
    assert resource.name_en in to_booker.body
    assert f"{day:%Y-%m-%d} (Mon) 10:00–12:00" in to_booker.body
    assert link in to_booker.body

    to_staff = sent[staff.email]
    assert resource.name_ko in to_staff.subject
    assert booker.email in to_staff.body
    assert f"{day:%Y-%m-%d} (월요일) 10:00–12:00" in to_staff.body
    assert link in to_staff.body


def test_decisions_and_changes_are_each_told_to_the_booker():
    resource = ResourceFactory(requires_approval=True)
    staff = staff_of(resource)
    booker = member(preferred_language="en")
    day = working_day()
    booking = book_resource(
        user=booker, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    rejected = book_resource(
        user=booker, resource=resource, start=seoul(day, "14:00"), end=seoul(day, "15:00")
    )
    run_worker()
    mail.outbox.clear()

    decide_booking(user=staff, booking=booking, approve=True)
    decide_booking(user=staff, booking=rejected, approve=False, reason="Calibration that day")
    run_worker()
    sent = sorted((m.subject, m.to[0]) for m in mail.outbox)
    assert sent == [
        (f"Booking confirmed: {resource.name_en}", booker.email),
        (f"Booking not approved: {resource.name_en}", booker.email),
    ]
    [rejection] = [m for m in mail.outbox if "not approved" in m.subject]
    assert "Calibration that day" in rejection.body
    mail.outbox.clear()

    # Moved by the booker, it needs approval again, so staff hear of it too.
    reschedule_booking(
        user=booker, booking=booking, start=seoul(day, "16:00"), end=seoul(day, "17:00")
    )
    run_worker()
    moved = by_recipient()
    assert moved[booker.email].subject == f"Booking moved: {resource.name_en}"
    assert "16:00–17:00" in moved[booker.email].body
    assert "approval again" in moved[booker.email].body
    assert staff.email in moved
    mail.outbox.clear()

    cancel_booking(user=booker, booking=booking, reason="Project postponed")
    run_worker()
    [cancelled] = mail.outbox
    assert cancelled.to == [booker.email]
    assert cancelled.subject == f"Booking cancelled: {resource.name_en}"


def test_a_rolled_back_booking_sends_nothing():
    resource = ResourceFactory()
    booker = member()
    day = working_day()
    with pytest.raises(RuntimeError), transaction.atomic():
        book_resource(
            user=booker, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
        )
        raise RuntimeError("something later in the same request failed")
    run_worker()
    assert not Booking.objects.exists()
    assert mail.outbox == []

    # The same booking, committed, is told.
    book_resource(
        user=booker, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    run_worker()
    assert [m.to for m in mail.outbox] == [[booker.email]]


def soon_bookable_resource():
    return ResourceFactory(open_all_hours=True, closed_on_public_holidays=False, hours=[])


def next_half_hour(after):
    local = after.astimezone(SEOUL).replace(second=0, microsecond=0)
    return local + timedelta(minutes=30 - local.minute % 30)


def test_reminders_go_once_for_approved_bookings_of_the_next_day():
    resource = soon_bookable_resource()
    booker = member(preferred_language="en")
    soon = next_half_hour(timezone.now()) + timedelta(hours=2)
    due = book_resource(user=booker, resource=resource, start=soon, end=soon + timedelta(hours=1))
    later = soon + timedelta(days=3)
    book_resource(user=booker, resource=resource, start=later, end=later + timedelta(hours=1))
    cancelled = book_resource(
        user=booker,
        resource=resource,
        start=soon + timedelta(hours=2),
        end=soon + timedelta(hours=3),
    )
    cancelled.status = BookingStatus.CANCELLED
    cancelled.save()
    run_worker()
    mail.outbox.clear()

    for _ in range(2):
        queue_periodic(tasks.send_booking_reminders)
        run_worker()

    [reminder] = mail.outbox
    assert reminder.to == [booker.email]
    assert reminder.subject.startswith(f"Reminder: {resource.name_en} at ")
    assert soon.strftime("%H:%M") in reminder.subject
    assert f"{SITE}/facilities/b/{due.pk}/" in reminder.body
    due.refresh_from_db()
    assert due.reminder_sent_at is not None


def test_two_workers_sending_reminders_at_once_remind_each_booking_once():
    resource = ResourceFactory(
        open_all_hours=True, closed_on_public_holidays=False, hours=[], capacity=10
    )
    soon = next_half_hour(timezone.now()) + timedelta(hours=1)
    bookers = [member() for _ in range(6)]
    for booker in bookers:
        book_resource(user=booker, resource=resource, start=soon, end=soon + timedelta(hours=1))
    mail.outbox.clear()
    start = threading.Barrier(3)
    counts: list[int] = []

    def remind():
        try:
            start.wait()
            counts.append(notifications.send_due_reminders(now=timezone.now()))
        finally:
            connection.close()

    threads = [threading.Thread(target=remind) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 6
    assert sorted(m.to[0] for m in mail.outbox) == sorted(b.email for b in bookers)
    assert not Booking.objects.filter(reminder_sent_at__isnull=True).exists()
