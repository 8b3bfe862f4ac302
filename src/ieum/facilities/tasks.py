"""Facility work for the background worker (`ieum procrastinate worker`).

Tasks only turn their JSON arguments back into rows and call the domain.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from ieum.facilities import notifications, waitlist
from ieum.facilities.models import Resource

# A mail server that is briefly away gets a few more tries, a minute or more apart.
EMAIL_RETRY = RetryStrategy(max_attempts=5, linear_wait=60)


@app.task(name=notifications.BOOKING_EMAIL_TASK, retry=EMAIL_RETRY)
def send_booking_email(*, booking_id: int, event: str) -> None:
    notifications.send_booking_emails(booking_id=booking_id, event=event)


@app.task(name=notifications.WAITLIST_OFFER_EMAIL_TASK, retry=EMAIL_RETRY)
def send_waitlist_offer_email(*, entry_id: int) -> None:
    notifications.send_waitlist_offer_email(entry_id=entry_id)


@app.task(name=notifications.TIME_FREED_TASK)
def offer_freed_time(*, resource_id: int, start: str, end: str) -> None:
    resource = Resource.objects.filter(pk=resource_id).first()
    if resource is not None:
        waitlist.offer_freed_time(
            resource=resource, start=datetime.fromisoformat(start), end=datetime.fromisoformat(end)
        )


# The queueing lock keeps at most one of each waiting, however long a run takes.
@app.periodic(cron="*/15 * * * *")
@app.task(name="facilities.send_booking_reminders", queueing_lock="facilities.reminders")
def send_booking_reminders(timestamp: int) -> None:
    notifications.send_due_reminders(now=timezone.now())


@app.periodic(cron="*/5 * * * *")
@app.task(name="facilities.expire_waitlist_offers", queueing_lock="facilities.waitlist_expiry")
def expire_waitlist_offers(timestamp: int) -> None:
    waitlist.expire_waitlist_offers(now=timezone.now())


# The worker loads each app's `tasks` module; the import task lives beside the import
# code, so it is registered through here.
from ieum.facilities.import_tasks import import_resources  # noqa: E402, F401
