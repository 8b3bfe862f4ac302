"""Linkage work for the background worker (`ieum procrastinate worker`).

Tasks only turn their JSON arguments back into calls of `mailings` and `reminders`,
which read the rows afresh.
"""

from __future__ import annotations

from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from ieum.core.business_days import seoul_today
from ieum.linkage import job_names, mailings, reminders

# A mail server that is briefly away gets a few more tries, a minute or more apart.
EMAIL_RETRY = RetryStrategy(max_attempts=5, linear_wait=60)


@app.task(name=job_names.STEP_EMAIL, retry=EMAIL_RETRY)
def send_step_email(*, event_id: int) -> None:
    mailings.send_step_emails(event_id=event_id)


@app.task(name=job_names.MESSAGE_EMAIL, retry=EMAIL_RETRY)
def send_message_email(*, message_id: int) -> None:
    mailings.send_message_emails(message_id=message_id)


# Cron runs in UTC: hourly from 09:00 to 17:00 in Seoul (UTC+9, no daylight saving) on
# weekdays; holidays are skipped inside. The first run of a day reminds; later ones find
# nothing left to claim, unless the worker was down at 09:00 or a row was locked then.
# The queueing lock keeps at most one run waiting.
@app.periodic(cron="0 0-8 * * 1-5")
@app.task(name=job_names.OVERDUE_REMINDERS, queueing_lock=job_names.OVERDUE_REMINDERS)
def send_overdue_reminders(timestamp: int) -> None:
    reminders.send_overdue_reminders(today=seoul_today())
