"""Each programs e-mail reaches only the people it concerns, each in their own language,
with their rights checked when the job runs."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.accounts.models import Membership
from ieum.core.business_days import SEOUL
from ieum.programs import job_names, notifications, tasks
from ieum.programs.decisions import decide_stage, publish_results
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentStatus,
    CallStatus,
    ConflictKind,
    DecisionOutcome,
    StageStatus,
)
from ieum.programs.models import ConflictOfInterest, Inquiry
from tests.factories import CompanyFactory, MembershipFactory, UserFactory
from tests.worker import run_worker

SITE = "https://ieum.example.kr"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def english_member(organization, name="Jane Park"):
    return MembershipFactory(
        organization=organization, user=UserFactory(preferred_language="en", full_name=name)
    ).user


def everyone(world) -> list:
    return [
        world.company_member,
        world.other_company_member,
        world.staff,
        world.admin,
        world.other_staff,
        world.stranger,
        *world.reviewers,
    ]


# --- The receipt ------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_receipt_goes_to_each_company_member_in_their_language(program_world):
    world = program_world
    jane = english_member(world.company)
    application = world.application()
    assert tasks.send_submission_emails(application_id=application.pk) == 2

    [korean] = mails_to(world.company_member)
    [english] = mails_to(jane)
    link = f"{SITE}/programs/applications/{application.pk}/"
    reference = application.reference
    assert korean.subject.startswith(f"[{reference}] ")
    assert korean.subject.endswith(world.call.title_ko)
    for text in (world.call.title_ko, world.company.name_ko, application.title, link):
        assert text in korean.body
    assert world.call.title_en not in korean.body

    assert english.subject == f"[{reference}] Application received · {world.call.title_en}"
    assert "Hello Jane Park," in english.body
    assert (
        f"We received the application of {world.company.name_en} to {world.call.title_en}."
        in english.body
    )
    submitted = timezone.localtime(application.submitted_at, SEOUL).strftime("%Y-%m-%d")
    assert f"Submitted: {submitted}" in english.body
    assert f"Application: {reference} · {application.title}" in english.body
    assert link in english.body
    assert {m.to[0] for m in mail.outbox} == {world.company_member.email, jane.email}


@pytest.mark.django_db
def test_no_receipt_for_a_draft_a_missing_application_or_a_member_who_left(program_world):
    world = program_world
    draft = world.application(status=ApplicationStatus.DRAFT)
    assert tasks.send_submission_emails(application_id=draft.pk) == 0
    assert tasks.send_submission_emails(application_id=draft.pk + 1000) == 0
    draft.delete()
    application = world.application()
    Membership.objects.filter(user=world.company_member).delete()
    leaver = english_member(world.company)
    leaver.is_active = False
    leaver.save()
    assert tasks.send_submission_emails(application_id=application.pk) == 0
    assert mail.outbox == []


# --- Assignments ------------------------------------------------------------------------


@pytest.fixture
def assigned(program_world):
    """Reviewer 0 holds two open assignments, one submitted, one recused and one on an
    application found in conflict since."""
    world = program_world
    world.stage.reviews_due_at = datetime(2026, 4, 10, 9, 0, tzinfo=SEOUL)
    world.stage.status = StageStatus.REVIEWING
    world.stage.save()
    reviewer = world.reviewers[0]
    world.open = [
        world.application(company=world.company),
        world.application(company=world.other_company),
    ]
    for application in world.open:
        world.assign(application, reviewer)
    done = world.application(company=CompanyFactory(name_ko="완료기업", name_en="Done Co"))
    world.score(world.assign(done, reviewer), [4, 4, 4, 4])
    recused = world.application(company=CompanyFactory(name_ko="회피기업", name_en="Recused Co"))
    assignment = world.assign(recused, reviewer)
    assignment.status = AssignmentStatus.RECUSED
    assignment.save()
    conflicted = world.application(
        company=CompanyFactory(name_ko="충돌기업", name_en="Conflict Co")
    )
    world.assign(conflicted, reviewer)
    ConflictOfInterest.objects.create(
        application=conflicted, reviewer=reviewer, kind=ConflictKind.SAME_ORGANIZATION
    )
    world.hidden = [done, recused, conflicted]
    reviewer.preferred_language = "en"
    reviewer.save()
    return world


def send_assignments(world, *reviewers) -> int:
    return tasks.send_assignment_emails(
        stage_id=world.stage.pk, reviewer_ids=[reviewer.pk for reviewer in reviewers]
    )


@pytest.mark.django_db
def test_a_reviewer_hears_of_the_applications_waiting_for_them(assigned):
    world = assigned
    reviewer = world.reviewers[0]
    assert send_assignments(world, reviewer) == 1
    [message] = mails_to(reviewer)
    assert message.subject == f"2 applications to review · {world.call.title_en}"
    assert "2 applications wait for your review in Document review:" in message.body
    for application in world.open:
        assert f"- {application.reference} · {application.title} · " in message.body
    assert world.company.name_en in message.body
    assert "Reviews due: 2026-04-10 (Fri) 09:00" in message.body
    assert f"{SITE}/programs/reviews/" in message.body
    # Submitted, recused and conflicted ones are not waiting, and are not named.
    for application in world.hidden:
        assert application.reference not in message.body
        assert application.company.name_en not in message.body


@pytest.mark.django_db
def test_a_blind_stage_names_no_applicant(assigned):
    world = assigned
    world.stage.is_blind = True
    world.stage.save()
    reviewer = world.reviewers[0]
    send_assignments(world, reviewer)
    [message] = mails_to(reviewer)
    for application in world.open:
        assert f"- {application.reference} · {application.title}\n" in message.body
        for name in (application.company.name_ko, application.company.name_en):
            assert name not in message.subject + message.body


@pytest.mark.django_db
def test_reviewers_with_nothing_waiting_and_decided_stages_send_nothing(assigned):
    world = assigned
    # Reviewer 1 has no assignment; the stranger is not in the pool.
    assert send_assignments(world, world.reviewers[1], world.stranger) == 0
    world.stage.status = StageStatus.DECIDED
    world.stage.save()
    assert send_assignments(world, world.reviewers[0]) == 0
    assert tasks.send_assignment_emails(stage_id=world.stage.pk + 1000, reviewer_ids=[1]) == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_korean_reviewer_reads_the_call_in_korean(assigned):
    world = assigned
    reviewer = world.reviewers[1]
    world.assign(world.open[0], reviewer)
    send_assignments(world, reviewer)
    [message] = mails_to(reviewer)
    assert world.call.title_ko in message.subject
    assert world.stage.name_ko in message.body
    assert "2026-04-10 (금요일) 09:00" in message.body
    assert world.call.title_en not in message.body


# --- Inquiries --------------------------------------------------------------------------


def inquiry(world, *, answered=True, asker=None):
    return Inquiry.objects.create(
        call=world.call,
        asked_by=asker or world.other_company_member,
        question="예비창업자도 신청할 수 있나요?",
        answer="아니요, 이번 공고는 창업 7년 미만 기업만 신청할 수 있습니다." if answered else "",
        answered_by=world.staff if answered else None,
        answered_at=timezone.now() if answered else None,
    )


@pytest.mark.django_db
def test_the_asker_receives_the_answer(program_world):
    world = program_world
    asker = english_member(world.other_company, name="Sam Lee")
    question = inquiry(world, asker=asker)
    assert tasks.send_inquiry_answer_email(inquiry_id=question.pk) == 1
    [message] = mail.outbox
    assert message.to == [asker.email]
    assert message.subject == f"Your question was answered · {world.call.title_en}"
    assert question.question in message.body
    assert question.answer in message.body
    assert f"{SITE}/programs/calls/{world.call.slug}/" in message.body


@pytest.mark.django_db
def test_no_answer_e_mail_without_an_answer_or_to_someone_who_cannot_see_the_call(program_world):
    world = program_world
    assert tasks.send_inquiry_answer_email(inquiry_id=inquiry(world, answered=False).pk) == 0
    answered = inquiry(world)
    world.call.status = CallStatus.DRAFT
    world.call.save()
    assert tasks.send_inquiry_answer_email(inquiry_id=answered.pk) == 0
    world.call.status = CallStatus.PUBLISHED
    world.call.save()
    world.other_company_member.is_active = False
    world.other_company_member.save()
    assert tasks.send_inquiry_answer_email(inquiry_id=answered.pk) == 0
    assert mail.outbox == []


# --- Results ----------------------------------------------------------------------------


@pytest.fixture
def decided(program_world):
    """A closed call whose only stage selected the first, put the second on the reserve
    list and did not select the third."""
    world = program_world
    world.call.opens_at = timezone.now() - timedelta(days=20)
    world.call.closes_at = timezone.now() - timedelta(days=1)
    world.call.save()
    third_company = CompanyFactory(name_ko="바이오넥스", name_en="Bionex")
    world.third_member = MembershipFactory(organization=third_company).user
    world.english = english_member(world.other_company)
    world.apps = [
        world.application(company=world.company),
        world.application(company=world.other_company),
        world.application(company=third_company),
    ]
    for application, value in zip(world.apps, (5, 4, 3), strict=True):
        for reviewer in world.reviewers[:3]:
            world.score(world.assign(application, reviewer), [value] * 4)
    first, second, third = world.apps
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (first, DecisionOutcome.SELECTED, ""),
            (second, DecisionOutcome.RESERVE, "예비 1순위"),
            (third, DecisionOutcome.NOT_SELECTED, ""),
        ],
    )
    return world


@pytest.mark.django_db
def test_each_applicant_learns_its_own_result_in_its_language(decided):
    world = decided
    assert tasks.send_result_emails(call_id=world.call.pk) == 0  # not published yet
    publish_results(actor=world.staff, call=world.call)
    withdrawn = world.application(company=CompanyFactory(), status=ApplicationStatus.WITHDRAWN)
    withdrawn_member = MembershipFactory(organization=withdrawn.company).user
    assert tasks.send_result_emails(call_id=world.call.pk) == 4

    first, second, third = world.apps
    [selected] = mails_to(world.company_member)
    assert first.reference in selected.subject and world.call.title_ko in selected.subject
    assert f"{SITE}/programs/applications/{first.pk}/" in selected.body
    assert second.reference not in selected.body and third.reference not in selected.body

    [reserve_en] = mails_to(world.english)
    assert (
        reserve_en.subject == f"[{second.reference}] Result: Reserve list · {world.call.title_en}"
    )
    assert "it is on the reserve list" in reserve_en.body
    assert "Result: Reserve list" in reserve_en.body
    # The staff's reason stays with the staff.
    assert "예비 1순위" not in reserve_en.body
    [reserve_ko] = mails_to(world.other_company_member)
    assert second.reference in reserve_ko.subject

    [not_selected] = mails_to(world.third_member)
    assert third.reference in not_selected.subject
    assert f"{SITE}/programs/applications/{third.pk}/" in not_selected.body

    for person in (world.staff, world.stranger, withdrawn_member, *world.reviewers):
        assert mails_to(person) == []


@pytest.mark.django_db
def test_english_result_messages_for_each_outcome(decided):
    world = decided
    for application in decided.apps:
        english_member(application.company, name=f"Reader {application.pk}")
    publish_results(actor=world.staff, call=world.call)
    tasks.send_result_emails(call_id=world.call.pk)
    english = [m for m in mail.outbox if "Hello Reader" in m.body]
    bodies = {m.subject.split("]")[0][1:]: m.body for m in english}
    first, second, third = world.apps
    assert "was selected." in bodies[first.reference]
    assert "Result: Selected" in bodies[first.reference]
    assert "reserve list" in bodies[second.reference]
    assert "was not selected this time" in bodies[third.reference]
    assert "Result: Not selected" in bodies[third.reference]


# --- Queueing, through the real worker --------------------------------------------------


def queued(name: str) -> list[dict]:
    return list(ProcrastinateJob.objects.filter(task_name=name).values_list("args", flat=True))


@pytest.mark.django_db(transaction=True)
def test_jobs_are_queued_on_commit_and_run_by_the_worker(program_world):
    world = program_world
    application = world.application()
    world.assign(application, world.reviewers[0])
    with transaction.atomic():
        notifications.application_submitted(application)
        notifications.reviewers_assigned(
            stage=world.stage, reviewer_ids=[world.reviewers[0].pk, world.reviewers[0].pk]
        )
        notifications.reviewers_assigned(stage=world.stage, reviewer_ids=[])
    assert queued(job_names.SUBMISSION_EMAIL) == [{"application_id": application.pk}]
    assert queued(job_names.ASSIGNMENT_EMAIL) == [
        {"stage_id": world.stage.pk, "reviewer_ids": [world.reviewers[0].pk]}
    ]
    run_worker()
    assert len(mails_to(world.company_member)) == 1
    assert len(mails_to(world.reviewers[0])) == 1
    assert len(mail.outbox) == 2


@pytest.mark.django_db(transaction=True)
def test_a_change_that_rolls_back_queues_nothing(program_world):
    world = program_world
    application = world.application()
    with pytest.raises(RuntimeError), transaction.atomic():
        notifications.application_submitted(application)
        notifications.results_published(world.call)
        raise RuntimeError("rolled back")
    assert ProcrastinateJob.objects.count() == 0
    run_worker()
    assert mail.outbox == []
