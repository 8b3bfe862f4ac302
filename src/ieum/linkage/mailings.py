"""The worker's e-mail jobs: read the step or message afresh and tell its readers.

Who is told what is decided in `notifications.py`; the e-mails are composed in
`emails.py`. A step or message that is gone by the time the job runs sends nothing.
"""

from __future__ import annotations

from django.core.mail import get_connection

from ieum.linkage import emails
from ieum.linkage.enums import FileKind, Step
from ieum.linkage.models import RequestEvent, RequestFile, RequestMessage
from ieum.linkage.notifications import message_readers, step_readers

REQUEST_RELATED = (
    "request__company",
    "request__cluster",
    "request__therapeutic_area",
)


def _send(messages: list) -> int:
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def send_step_emails(*, event_id: int) -> int:
    """Tell the parties of the step recorded as `event_id`; returns how many were sent."""
    event = (
        RequestEvent.objects.select_related(*REQUEST_RELATED, "provider")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return 0
    files = []
    if event.step == Step.DELIVER:
        files = list(
            RequestFile.objects.filter(request_id=event.request_id, kind=FileKind.DELIVERABLE)
            .order_by("pk")
            .values_list("original_name", flat=True)
        )
    return _send(
        [
            emails.step_email(event=event, reader=reader, files=files)
            for reader in step_readers(event)
        ]
    )


def send_message_emails(*, message_id: int) -> int:
    """Tell the other parties of a message on the thread."""
    message = (
        RequestMessage.objects.select_related(*REQUEST_RELATED, "author", "organization")
        .filter(pk=message_id)
        .first()
    )
    if message is None:
        return 0
    files = list(message.files.order_by("pk").values_list("original_name", flat=True))
    return _send(
        [
            emails.message_email(message=message, reader=reader, files=files)
            for reader in message_readers(message)
        ]
    )
