"""Questions about a call (Q&A): anyone signed in who sees the call asks, its managers
answer, and the person who asked hears of the answer."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import model_to_dict
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.programs import calls, job_names
from ieum.programs.enums import CallStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Inquiry


def queued_answers() -> list[dict]:
    return list(
        ProcrastinateJob.objects.filter(task_name=job_names.INQUIRY_ANSWER_EMAIL)
        .order_by("id")
        .values_list("args", flat=True)
    )


@pytest.mark.parametrize("role", ["company", "other_company", "reviewer", "stranger", "staff"])
def test_anyone_signed_in_asks_about_a_published_call(program_world, role):
    asker = program_world.roles[role]
    inquiry = calls.ask_inquiry(
        actor=asker, call=program_world.call, question="  예비창업자도 신청할 수 있나요? "
    )
    assert (inquiry.asked_by, inquiry.question) == (asker, "예비창업자도 신청할 수 있나요?")
    assert inquiry.answer == "" and inquiry.answered_at is None


def test_a_draft_call_takes_questions_only_from_its_managers(program_world):
    world = program_world
    world.call.status = CallStatus.DRAFT
    world.call.save()
    for asker in (world.company_member, world.other_staff):
        with pytest.raises(PermissionDenied):
            calls.ask_inquiry(actor=asker, call=world.call, question="질문")
    calls.ask_inquiry(actor=world.staff, call=world.call, question="내부 확인")
    assert Inquiry.objects.filter(call=world.call).count() == 1


def test_visitors_empty_questions_and_cancelled_calls_are_refused(program_world, english):
    from django.contrib.auth.models import AnonymousUser

    world = program_world
    with pytest.raises(PermissionDenied):
        calls.ask_inquiry(actor=AnonymousUser(), call=world.call, question="질문")
    with pytest.raises(ValidationError) as refused:
        calls.ask_inquiry(actor=world.company_member, call=world.call, question="   ")
    assert refused.value.message_dict == {"question": ["Write your question."]}
    with pytest.raises(ValidationError):
        calls.ask_inquiry(actor=world.company_member, call=world.call, question="가" * 4001)
    world.call.status = CallStatus.CANCELLED
    world.call.save()
    with pytest.raises(IllegalStep):
        calls.ask_inquiry(actor=world.staff, call=world.call, question="질문")
    assert not Inquiry.objects.exists()


@pytest.fixture
def inquiry(program_world):
    return calls.ask_inquiry(
        actor=program_world.company_member, call=program_world.call, question="설명회는 언제인가요?"
    )


def test_staff_answer_and_the_asker_is_told_once_per_answer(
    program_world, inquiry, django_capture_on_commit_callbacks
):
    world = program_world
    with django_capture_on_commit_callbacks(execute=True):
        answered = calls.answer_inquiry(
            actor=world.staff, inquiry=inquiry, answer=" 3월 4일 오후 2시입니다. ", is_public=True
        )
    assert answered.answer == "3월 4일 오후 2시입니다."
    assert (answered.answered_by, answered.is_public) == (world.staff, True)
    assert answered.answered_at is not None
    assert queued_answers() == [{"inquiry_id": inquiry.pk}]
    # Hiding the answer from the call's page tells nobody anything new.
    first_answered_at = answered.answered_at
    with django_capture_on_commit_callbacks(execute=True):
        calls.answer_inquiry(
            actor=world.admin, inquiry=inquiry, answer="3월 4일 오후 2시입니다.", is_public=False
        )
    inquiry.refresh_from_db()
    assert (inquiry.is_public, inquiry.answered_at) == (False, first_answered_at)
    assert inquiry.answered_by == world.staff
    assert len(queued_answers()) == 1
    with django_capture_on_commit_callbacks(execute=True):
        calls.answer_inquiry(
            actor=world.admin, inquiry=inquiry, answer="3월 5일로 변경되었습니다.", is_public=True
        )
    inquiry.refresh_from_db()
    assert inquiry.answered_by == world.admin
    assert len(queued_answers()) == 2


@pytest.mark.parametrize("role", ["other_staff", "company", "reviewer", "stranger"])
def test_only_the_calls_managers_answer(
    program_world, inquiry, role, django_capture_on_commit_callbacks
):
    before = model_to_dict(inquiry)
    with django_capture_on_commit_callbacks(execute=True), pytest.raises(PermissionDenied):
        calls.answer_inquiry(
            actor=program_world.roles[role], inquiry=inquiry, answer="답변", is_public=True
        )
    inquiry.refresh_from_db()
    assert model_to_dict(inquiry) == before
    assert queued_answers() == []


def test_an_empty_answer_is_refused(program_world, inquiry, english):
    with pytest.raises(ValidationError) as refused:
        calls.answer_inquiry(actor=program_world.staff, inquiry=inquiry, answer=" ", is_public=True)
    assert refused.value.message_dict == {"answer": ["Write the answer."]}
    inquiry.refresh_from_db()
    assert inquiry.answer == ""
