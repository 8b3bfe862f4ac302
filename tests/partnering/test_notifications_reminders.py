"""Each delegate is reminded once a day, about two hours before their first meeting,
however many workers run."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from ieum.partnering import notification_tasks
from ieum.partnering.models import Meeting, Slot
from ieum.partnering.reminders import send_due_reminders
from tests.factories import DelegateFactory, EventFactory, RegistrationFactory
from tests.partnering.factories_agendas import demand_party, hall, scheduled_meeting
from tests.worker import queue_periodic, run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def soon(minutes: int):
    now = timezone.now().replace(second=0, microsecond=0)
    return now + timedelta(minutes=minutes)


def slot_at(event, start):
    return Slot.objects.create(
        event=event, day_number=1, start=start, end=start + timedelta(minutes=30)
    )


def test_a_delegate_gets_one_reminder_listing_the_days_meetings():
    event = EventFactory(days=[], published_at=timezone.now(), status="published")
    place = hall(event)
    startup = RegistrationFactory(event=event)
    founder = DelegateFactory(registration=startup, language="en", time_zone="Europe/Berlin")
    first_pharma, second_pharma = demand_party(event), demand_party(event)
    DelegateFactory(registration=first_pharma, language="ko")
    early, later = slot_at(event, soon(90)), slot_at(event, soon(150))
    first = scheduled_meeting(requester=startup, recipient=first_pharma, slot=early, location=place)
    scheduled_meeting(
        requester=second_pharma, recipient=startup, slot=later, location=place, table_number=2
    )
    # Not on the published agendas, so no reason to remind anyone of it.
    scheduled_meeting(
        requester=RegistrationFactory(event=event),
        recipient=demand_party(event),
        slot=early,
        location=place,
        table_number=3,
        published=False,
    )

    for _ in range(2):
        queue_periodic(notification_tasks.send_meeting_reminders)
        run_worker()

    sent = {m.to[0]: m for m in mail.outbox}
    # The founder (first meeting in 90 minutes) and the first pharma's delegate; the
    # second pharma has no delegates and no members, and its meeting is the founder's second.
    assert len(mail.outbox) == 2
    reminder = sent[founder.email]
    assert reminder.subject.startswith(f"Today at {event.name_en}: your first meeting at ")
    assert early.start.astimezone(founder.zone).strftime("%H:%M") in reminder.subject
    assert first_pharma.organization.name_en in reminder.body
    assert second_pharma.organization.name_en in reminder.body
    assert "(at the venue: " in reminder.body
    assert Meeting.objects.get(pk=first.pk).reminder_sent_at is not None

    # An hour on, the founder's second meeting comes within the window: it is claimed,
    # but it is not the founder's first of the day, so no second reminder.
    mail.outbox.clear()
    send_due_reminders(now=timezone.now() + timedelta(hours=1))
    assert (
        Meeting.objects.filter(reminder_sent_at__isnull=False, published_at__isnull=False).count()
        == 2
    )
    assert mail.outbox == []


def test_two_workers_reminding_at_once_remind_each_delegate_once():
    event = EventFactory(days=[], published_at=timezone.now(), status="published")
    place = hall(event, tables=10)
    slot = slot_at(event, soon(60))
    delegates = []
    for number in range(1, 6):
        startup, pharma = RegistrationFactory(event=event), demand_party(event)
        delegates += [DelegateFactory(registration=startup), DelegateFactory(registration=pharma)]
        scheduled_meeting(
            requester=startup, recipient=pharma, slot=slot, location=place, table_number=number
        )
    start = threading.Barrier(3)
    counts: list[int] = []

    def remind():
        try:
            start.wait()
            counts.append(send_due_reminders(now=timezone.now()))
        finally:
            connection.close()

    threads = [threading.Thread(target=remind) for _ in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(counts) == 10
    assert sorted(m.to[0] for m in mail.outbox) == sorted(d.email for d in delegates)
    assert not Meeting.objects.filter(reminder_sent_at__isnull=True).exists()
