"""Applications: drafts started once per company, filled in, checked, submitted and
withdrawn; every refusal leaves the application as it was."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ieum.programs import applications, job_names
from ieum.programs.enums import ApplicationStatus, QuestionKind
from ieum.programs.errors import IllegalStep, Incomplete, NotEligible
from ieum.programs.models import Application, ApplicationFile
from tests.factories import MembershipFactory, OrganizationFactory, term
from tests.programs.application_factories import (
    complete_answers,
    complete_draft,
    draft,
    fake_pdf,
    oversized_pdf,
    pdf_upload,
    png_upload,
    queued,
)
from tests.programs.factories import cardiovascular

pytestmark = pytest.mark.django_db
S = ApplicationStatus


def snapshot(application) -> dict:
    application.refresh_from_db()
    return {
        "status": application.status,
        "title": application.title,
        "summary": application.summary,
        "requested_krw": application.requested_krw,
        "answers": application.answers,
        "fields": sorted(application.fields.values_list("pk", flat=True)),
        "files": sorted(application.files.values_list("pk", "name")),
        "submitted_at": application.submitted_at,
        "stage": application.current_stage_id,
    }


# Starting


def test_a_member_starts_one_draft_per_company_and_call(program_world):
    world = program_world
    first = applications.start_application(
        actor=world.company_member, call=world.call, company=world.company
    )
    assert (first.status, first.created_by, first.title) == (S.DRAFT, world.company_member, "")
    colleague = MembershipFactory(organization=world.company).user
    again = applications.start_application(actor=colleague, call=world.call, company=world.company)
    assert again.pk == first.pk
    assert Application.objects.count() == 1


def test_a_withdrawn_application_makes_room_for_a_new_one(program_world):
    world = program_world
    old = draft(world)
    applications.withdraw_application(actor=world.company_member, application=old)
    new = applications.start_application(
        actor=world.company_member, call=world.call, company=world.company
    )
    assert new.pk != old.pk and new.status == S.DRAFT


@pytest.mark.parametrize("role", ["other_company", "stranger", "staff"])
def test_only_a_member_starts_an_application_for_the_company(program_world, role):
    world = program_world
    with pytest.raises(PermissionDenied):
        applications.start_application(
            actor=world.roles[role], call=world.call, company=world.company
        )
    assert not Application.objects.exists()


def test_an_organization_that_is_not_a_company_cannot_apply(program_world):
    university = OrganizationFactory(kind="university")
    member = MembershipFactory(organization=university).user
    with pytest.raises(PermissionDenied):
        applications.start_application(actor=member, call=program_world.call, company=university)


def test_applying_companies_are_the_persons_companies(program_world):
    world = program_world
    assert list(applications.applying_companies(world.company_member)) == [world.company]
    assert not applications.applying_companies(world.staff).exists()
    assert not applications.applying_companies(world.stranger).exists()


# Saving a draft


def test_saving_writes_data_answers_fields_and_files(program_world):
    world = program_world
    application = draft(world)
    photo = world.questions[QuestionKind.FILE]
    applications.save_application(
        actor=world.company_member,
        application=application,
        data={
            "title": "  패치형 심전도 사업화 ",
            "summary": "양산 준비",
            "requested_krw": "50,000,000",
            "fields": [cardiovascular(), term("technology_field", "medical-device")],
        },
        answers=complete_answers(world) | {str(world.questions[QuestionKind.NUMBER].pk): "1,200"},
        uploads={
            f"document-{world.document.pk}": pdf_upload(),
            f"question-{photo.pk}": png_upload(),
        },
    )
    application.refresh_from_db()
    assert application.title == "패치형 심전도 사업화"
    assert application.requested_krw == 50_000_000
    assert application.answers[str(world.questions[QuestionKind.NUMBER].pk)] == "1200"
    assert application.answers[str(world.questions[QuestionKind.CHOICE].pk)] == "prototype"
    assert application.fields.count() == 2
    document_file = application.files.get(document=world.document)
    assert (document_file.name, document_file.content_type) == ("사업계획서.pdf", "application/pdf")
    assert application.files.get(question=photo).content_type == "image/png"
    assert applications.missing_items(application) == []


def test_an_upload_replaces_the_slots_file_and_its_stored_copy(
    program_world, django_capture_on_commit_callbacks
):
    world = program_world
    application = complete_draft(world)
    old = application.files.get()
    storage = old.file.storage
    assert storage.exists(old.file.name)
    with django_capture_on_commit_callbacks(execute=True):
        applications.save_application(
            actor=world.company_member,
            application=application,
            data={},
            answers={},
            uploads={f"document-{world.document.pk}": pdf_upload("v2.pdf")},
        )
    assert list(application.files.values_list("name", flat=True)) == ["v2.pdf"]
    assert not storage.exists(old.file.name)


def test_a_cleared_answer_is_removed(program_world):
    world = program_world
    application = complete_draft(world)
    key = str(world.questions[QuestionKind.NUMBER].pk)
    applications.save_application(
        actor=world.company_member, application=application, data={}, answers={key: ""}, uploads={}
    )
    application.refresh_from_db()
    assert key not in application.answers


BAD_INPUT = {
    "wrong number": ("answers", QuestionKind.NUMBER, "열두 명", "Enter a number"),
    "infinite number": ("answers", QuestionKind.NUMBER, "Infinity", "Enter a number"),
    "unknown choice": ("answers", QuestionKind.CHOICE, "marketed", "Choose one of the options"),
    "too long text": ("answers", QuestionKind.TEXT, "가" * 2001, "at most 2000 characters"),
    "fake pdf": ("uploads", "document", fake_pdf, "not an accepted type"),
    "oversized upload": ("uploads", "document", oversized_pdf, "larger than 20"),
    "file for a text question": ("uploads", QuestionKind.TEXT, pdf_upload, "not on the call"),
}


@pytest.mark.parametrize("case", BAD_INPUT)
def test_bad_input_is_refused_with_a_message_per_field_and_nothing_is_written(
    program_world, english, case
):
    world = program_world
    application = complete_draft(world)
    before = snapshot(application)
    where, target, value, message = BAD_INPUT[case]
    if target == "document":
        key = f"document-{world.document.pk}"
    else:
        key = f"question-{world.questions[target].pk}"
    answers, uploads = {}, {}
    if where == "answers":
        answers[str(world.questions[target].pk)] = value
    else:
        uploads[key] = value()
    with pytest.raises(ValidationError) as refused:
        applications.save_application(
            actor=world.company_member,
            application=application,
            # A valid change beside the bad one is not written either.
            data={"title": "바뀐 제목"},
            answers=answers,
            uploads=uploads,
        )
    assert list(refused.value.message_dict) == [key]
    assert message in refused.value.message_dict[key][0]
    assert snapshot(application) == before
    assert ApplicationFile.objects.count() == 1


def test_every_problem_is_reported_at_once(program_world, english):
    world = program_world
    application = draft(world)
    with pytest.raises(ValidationError) as refused:
        applications.save_application(
            actor=world.company_member,
            application=application,
            data={"title": " ", "requested_krw": "많이", "fields": [term("region", "seoul")]},
            answers={str(world.questions[QuestionKind.CHOICE].pk): "x", "999999": "?"},
            uploads={"document-999999": pdf_upload()},
        )
    assert set(refused.value.message_dict) == {
        "title",
        "requested_krw",
        "fields",
        f"question-{world.questions[QuestionKind.CHOICE].pk}",
        "question-999999",
        "document-999999",
    }


def test_a_request_above_the_calls_budget_is_refused(program_world, english):
    world = program_world
    application = draft(world)
    with pytest.raises(ValidationError) as refused:
        applications.save_application(
            actor=world.company_member,
            application=application,
            data={"requested_krw": world.call.budget_krw + 1},
            answers={},
            uploads={},
        )
    assert "whole budget (300,000,000 won)" in refused.value.message_dict["requested_krw"][0]


def test_nobody_else_changes_the_draft(program_world):
    world = program_world
    application = draft(world)
    before = snapshot(application)
    for role in ("other_company", "staff", "admin", "stranger", "reviewer"):
        with pytest.raises((Application.DoesNotExist, PermissionDenied)):
            applications.save_application(
                actor=world.roles[role],
                application=application,
                data={"title": "남의 제목"},
                answers={},
                uploads={},
            )
    assert snapshot(application) == before


def test_a_submitted_application_is_not_changed(program_world):
    world = program_world
    application = world.application()
    before = snapshot(application)
    with pytest.raises(IllegalStep):
        applications.save_application(
            actor=world.company_member,
            application=application,
            data={"title": "제출 후 수정"},
            answers={},
            uploads={},
        )
    assert snapshot(application) == before


def test_removing_a_file_takes_it_off_the_draft(program_world, django_capture_on_commit_callbacks):
    world = program_world
    application = complete_draft(world)
    stored = application.files.get()
    with pytest.raises(Application.DoesNotExist):
        applications.remove_file(actor=world.other_company_member, file=stored)
    with django_capture_on_commit_callbacks(execute=True):
        applications.remove_file(actor=world.company_member, file=stored)
    assert not application.files.exists()
    assert not stored.file.storage.exists(stored.file.name)


# Missing items


def test_missing_items_name_the_title_required_answers_and_documents(program_world, english):
    world = program_world
    application = draft(world, title="")
    assert applications.missing_items(application) == [
        "Give the project a title.",
        "Answer the question “Core technology”.",
        "Answer the question “Development stage”.",
        "Attach the document “Business plan”.",
    ]
    world.questions[QuestionKind.FILE].is_required = True
    world.questions[QuestionKind.FILE].save()
    assert "Upload a file for “Product photo”." in applications.missing_items(application)


# Submitting


def test_submitting_a_complete_draft(program_world, django_capture_on_commit_callbacks):
    world = program_world
    application = complete_draft(world)
    with django_capture_on_commit_callbacks(execute=True):
        applications.submit_application(actor=world.company_member, application=application)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    assert application.current_stage == world.stage
    assert abs((timezone.now() - application.submitted_at).total_seconds()) < 60
    assert queued(job_names.SUBMISSION_EMAIL) == [{"application_id": application.pk}]
    entry = LogEntry.objects.get_for_object(application).order_by("-pk").first()
    assert entry.actor == world.company_member


def test_an_incomplete_draft_is_not_submitted(program_world, english):
    world = program_world
    application = draft(world)
    before = snapshot(application)
    with pytest.raises(Incomplete) as refused:
        applications.submit_application(actor=world.company_member, application=application)
    assert "Attach the document “Business plan”." in refused.value.messages
    assert snapshot(application) == before


def test_an_ineligible_company_is_told_why(program_world, english):
    world = program_world
    application = complete_draft(world)
    world.call.members_only = True
    world.call.save()
    world.company.cluster_memberships.all().delete()
    before = snapshot(application)
    with pytest.raises(NotEligible) as refused:
        applications.submit_application(actor=world.company_member, application=application)
    assert refused.value.messages == [
        "Only member companies of Gimhae Bio-Health Cluster may apply."
    ]
    assert snapshot(application) == before


def test_a_submitted_application_is_not_submitted_again(program_world):
    world = program_world
    application = complete_draft(world)
    applications.submit_application(actor=world.company_member, application=application)
    with pytest.raises(IllegalStep):
        applications.submit_application(actor=world.company_member, application=application)


def test_only_the_company_submits(program_world):
    world = program_world
    application = complete_draft(world)
    for role in ("other_company", "staff", "stranger"):
        with pytest.raises((Application.DoesNotExist, PermissionDenied)):
            applications.submit_application(actor=world.roles[role], application=application)
    assert snapshot(application)["status"] == S.DRAFT


# Withdrawing


def test_withdrawing_keeps_the_reason_in_the_audit_log(program_world):
    world = program_world
    application = world.application()
    applications.withdraw_application(
        actor=world.company_member, application=application, reason="사업 방향 변경"
    )
    application.refresh_from_db()
    assert application.status == S.WITHDRAWN and application.withdrawn_at is not None
    entry = LogEntry.objects.get_for_object(application).order_by("-pk").first()
    assert entry.actor == world.company_member
    assert entry.additional_data == {"reason": "사업 방향 변경"}


def test_nothing_is_withdrawn_after_the_results_are_announced(program_world):
    world = program_world
    application = world.application(status=S.NOT_SELECTED)
    world.call.results_published_at = timezone.now()
    world.call.save()
    with pytest.raises(IllegalStep):
        applications.withdraw_application(actor=world.company_member, application=application)
    assert snapshot(application)["status"] == S.NOT_SELECTED


def test_a_withdrawn_application_stays_withdrawn(program_world):
    world = program_world
    application = world.application(status=S.WITHDRAWN)
    with pytest.raises(IllegalStep):
        applications.withdraw_application(actor=world.company_member, application=application)


def test_staff_do_not_withdraw_for_the_company(program_world):
    world = program_world
    application = world.application()
    with pytest.raises(PermissionDenied):
        applications.withdraw_application(actor=world.staff, application=application)
    assert snapshot(application)["status"] == S.SUBMITTED


def test_applicants_see_a_decision_only_once_results_are_announced(program_world):
    world = program_world
    application = world.application(status=S.SELECTED)
    assert applications.applicant_status(application)[0] == S.SUBMITTED
    world.call.results_published_at = timezone.now()
    assert applications.applicant_status(application)[0] == S.SELECTED
