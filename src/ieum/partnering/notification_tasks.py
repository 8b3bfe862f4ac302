"""Partnering e-mail for the background worker: one task per job name of `job_names`.

Tasks only turn their JSON arguments back into calls of `mailings` and `reminders`,
which read the rows afresh.
"""

from __future__ import annotations

from django.utils import timezone
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from ieum.partnering import job_names, mailings, reminders

# A mail server that is briefly away gets a few more tries, a minute or more apart.
EMAIL_RETRY = RetryStrategy(max_attempts=5, linear_wait=60)


@app.task(name=job_names.REQUEST_EMAIL, retry=EMAIL_RETRY)
def send_request_email(*, request_id: int, event: str) -> None:
    mailings.send_request_emails(request_id=request_id, event=event)


@app.task(name=job_names.PROPOSAL_EMAIL, retry=EMAIL_RETRY)
def send_proposal_email(*, proposal_id: int, event: str) -> None:
    mailings.send_proposal_emails(proposal_id=proposal_id, event=event)


@app.task(name=job_names.MEETING_EMAIL, retry=EMAIL_RETRY)
def send_meeting_email(*, meeting_id: int, event: str, sequence: int) -> None:
    mailings.send_meeting_emails(meeting_id=meeting_id, event=event, sequence=sequence)


@app.task(name=job_names.AGENDAS_PUBLISHED_EMAIL, retry=EMAIL_RETRY)
def send_agendas_published_email(*, event_id: int) -> None:
    mailings.send_agenda_emails(event_id=event_id)


@app.task(name=job_names.MENTOR_SLOT_EMAIL, retry=EMAIL_RETRY)
def send_mentor_slot_email(
    *, slot_id: int, event: str, booker_id: int | None = None, actor_id: int | None = None
) -> None:
    mailings.send_mentor_slot_emails(
        slot_id=slot_id, event=event, booker_id=booker_id, actor_id=actor_id
    )


# The queueing lock keeps at most one of each waiting, however long a run takes.
@app.periodic(cron="*/15 * * * *")
@app.task(name="partnering.send_meeting_reminders", queueing_lock="partnering.reminders")
def send_meeting_reminders(timestamp: int) -> None:
    reminders.send_due_reminders(now=timezone.now())
