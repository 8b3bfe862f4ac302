"""Programs work for the background worker (`ieum procrastinate worker`).

Each job reads its rows afresh, asks `notifications` who may hear of them now, and
sends one e-mail per person composed in `emails`. A row that is gone by the time the
job runs sends nothing. The `send_*` functions return how many e-mails went out.
"""

from __future__ import annotations

from django.core.mail import get_connection
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from ieum.accounts.models import User
from ieum.programs import emails, job_names, notifications
from ieum.programs.models import Application, Call, Inquiry, ReviewStage

# A mail server that is briefly away gets a few more tries, a minute or more apart.
EMAIL_RETRY = RetryStrategy(max_attempts=5, linear_wait=60)


def _send(messages: list) -> int:
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def send_submission_emails(*, application_id: int) -> int:
    application = (
        Application.objects.select_related("company", "call__program")
        .filter(pk=application_id)
        .first()
    )
    if application is None:
        return 0
    return _send(
        [
            emails.submission_email(user=user, application=application)
            for user in notifications.receipt_readers(application)
        ]
    )


def send_assignment_emails(*, stage_id: int, reviewer_ids: list[int]) -> int:
    stage = ReviewStage.objects.select_related("call__program").filter(pk=stage_id).first()
    if stage is None:
        return 0
    messages = []
    for reviewer in User.objects.filter(pk__in=reviewer_ids).order_by("pk"):
        waiting = notifications.waiting_reviews(stage=stage, reviewer=reviewer)
        if waiting:
            messages.append(
                emails.assignment_email(user=reviewer, stage=stage, assignments=waiting)
            )
    return _send(messages)


def send_inquiry_answer_email(*, inquiry_id: int) -> int:
    inquiry = (
        Inquiry.objects.select_related("call__program", "asked_by").filter(pk=inquiry_id).first()
    )
    if inquiry is None:
        return 0
    asker = notifications.inquiry_reader(inquiry)
    if asker is None:
        return 0
    return _send([emails.inquiry_answer_email(user=asker, inquiry=inquiry)])


def send_result_emails(*, call_id: int) -> int:
    call = Call.objects.select_related("program").filter(pk=call_id).first()
    if call is None:
        return 0
    return _send(
        [
            emails.result_email(user=user, application=application, outcome=outcome)
            for application, outcome in notifications.announced_results(call)
            for user in notifications.company_people(application)
        ]
    )


@app.task(name=job_names.SUBMISSION_EMAIL, retry=EMAIL_RETRY)
def send_submission_email(*, application_id: int) -> None:
    send_submission_emails(application_id=application_id)


@app.task(name=job_names.ASSIGNMENT_EMAIL, retry=EMAIL_RETRY)
def send_assignment_email(*, stage_id: int, reviewer_ids: list[int]) -> None:
    send_assignment_emails(stage_id=stage_id, reviewer_ids=reviewer_ids)


@app.task(name=job_names.INQUIRY_ANSWER_EMAIL, retry=EMAIL_RETRY)
def send_inquiry_answer(*, inquiry_id: int) -> None:
    send_inquiry_answer_email(inquiry_id=inquiry_id)


@app.task(name=job_names.RESULTS_EMAIL, retry=EMAIL_RETRY)
def send_results_email(*, call_id: int) -> None:
    send_result_emails(call_id=call_id)
