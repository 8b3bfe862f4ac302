"""A verified or rejected record is told to the company's members by the worker, each in
their language, with the reason of a rejection; nobody else hears of it."""

from __future__ import annotations

import pytest
from django.core import mail
from django.db import transaction
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.outcomes import notifications, tasks
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.recording import reject_record, update_record, verify_record
from tests.factories import MembershipFactory, UserFactory
from tests.worker import run_worker

SITE = "https://ieum.example.kr"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def queued() -> list[dict]:
    jobs = ProcrastinateJob.objects.filter(task_name=notifications.RECORD_REVIEWED_EMAIL)
    return list(jobs.values_list("args", flat=True))


def english_member(company):
    user = UserFactory(preferred_language="en", full_name="Jane Park")
    return MembershipFactory(organization=company, user=user).user


def test_a_verification_is_told_to_each_company_member_in_their_language(outcome_world):
    world = outcome_world
    jane = english_member(world.company)
    entry = world.record(status=VerificationStatus.PENDING, title="스텐트 코팅 특허")
    verify_record(by=world.staff, record=entry)
    assert len(queued()) == 1
    run_worker()

    [korean] = mails_to(world.company_member)
    [english] = mails_to(jane)
    link = f"{SITE}/outcomes/records/{entry.pk}/"
    for message in (korean, english):
        assert "스텐트 코팅 특허" in message.subject
        assert link in message.body
        assert world.company.name_ko in korean.body
    assert english.subject.startswith("Outcome record verified · Patent · ")
    assert "was verified" in english.body
    assert "Mediwave" in english.body
    assert "Reason for rejection" not in english.body
    assert len(mail.outbox) == 2


def test_a_rejection_carries_its_reason_and_reaches_nobody_else(outcome_world):
    world = outcome_world
    jane = english_member(world.company)
    entry = world.record(status=VerificationStatus.PENDING)
    reject_record(by=world.staff, record=entry, reason="The filing number does not match.")
    run_worker()
    [english] = mails_to(jane)
    assert english.subject.startswith("Outcome record rejected")
    assert "Reason for rejection:\nThe filing number does not match." in english.body
    assert {tuple(message.to) for message in mail.outbox} == {
        (jane.email,),
        (world.company_member.email,),
    }


def test_a_decision_undone_before_the_job_runs_sends_nothing(outcome_world):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    verified = verify_record(by=world.staff, record=entry)
    update_record(by=world.staff, record=verified, data={"title": "정정"})
    run_worker()
    assert mail.outbox == []


def test_a_decision_that_rolls_back_queues_nothing(outcome_world):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    with pytest.raises(RuntimeError), transaction.atomic():
        verify_record(by=world.staff, record=entry)
        raise RuntimeError("rolled back")
    assert queued() == []


def test_a_member_who_left_or_the_deciding_person_hears_nothing(outcome_world):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    world.company_member.memberships.all().delete()
    # An admin who is also a member of the company decides; they know already.
    MembershipFactory(organization=world.company, user=world.admin)
    verified = verify_record(by=world.admin, record=entry)
    assert (
        tasks.send_record_reviewed_emails(
            record_id=entry.pk,
            status=verified.status,
            reviewed_at=verified.reviewed_at.isoformat(),
        )
        == 0
    )
