"""Outcomes work for the background worker (`ieum procrastinate worker`).

Each job reads its rows afresh, asks `notifications` whether the news still holds and
who may hear it now, and sends one e-mail per person composed in `outcome_emails`. The
`send_*` functions return how many e-mails went out.
"""

from __future__ import annotations

from django.core.mail import get_connection
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from ieum.outcomes import notifications, outcome_emails
from ieum.outcomes.models import OutcomeRecord

# A mail server that is briefly away gets a few more tries, a minute or more apart.
EMAIL_RETRY = RetryStrategy(max_attempts=5, linear_wait=60)


def send_record_reviewed_emails(*, record_id: int, status: str, reviewed_at: str) -> int:
    record = OutcomeRecord.objects.select_related("company").filter(pk=record_id).first()
    if record is None or not notifications.still_decided(
        record, status=status, reviewed_at=reviewed_at
    ):
        return 0
    messages = [
        outcome_emails.record_reviewed_email(user=user, record=record)
        for user in notifications.company_people(record)
    ]
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


@app.task(name=notifications.RECORD_REVIEWED_EMAIL, retry=EMAIL_RETRY)
def send_record_reviewed_email(*, record_id: int, status: str, reviewed_at: str) -> None:
    send_record_reviewed_emails(record_id=record_id, status=status, reviewed_at=reviewed_at)


# The import's tasks live beside the import (`import_tasks.py`); the worker loads each
# app's `tasks` module, so they are registered through here.
from ieum.outcomes import import_tasks  # noqa: E402, F401
