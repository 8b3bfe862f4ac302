"""The applicant's pages: the form built from the call, saving and submitting, refusals
that write nothing, withdrawal, the announced result, the company's list, downloads,
and who sees what (a reviewer with a conflict sees nothing, of either kind)."""

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.programs import applications
from ieum.programs.conflicts import declare_conflict, record_conflicts
from ieum.programs.enums import ApplicationStatus, QuestionKind
from ieum.programs.models import Affiliation
from tests.programs.application_factories import (
    complete_draft,
    draft,
    fake_pdf,
    oversized_pdf,
    pdf_upload,
    png_upload,
)
from tests.programs.factories import CallFactory
from tests.programs.test_applications import snapshot

pytestmark = pytest.mark.django_db
S = ApplicationStatus
MINE = "/programs/applications/"


def address(application, suffix: str = "") -> str:
    return f"/programs/applications/{application.pk}/{suffix}"


def file_address(stored) -> str:
    return f"/programs/applications/files/{stored.pk}/"


def form_data(world, **changes) -> dict:
    data = {
        "title": "패치형 심전도 사업화",
        "summary": "양산 준비",
        "requested_krw": "50000000",
        f"question-{world.questions[QuestionKind.TEXT].pk}": "부정맥 판독 알고리즘",
        f"question-{world.questions[QuestionKind.NUMBER].pk}": "12",
        f"question-{world.questions[QuestionKind.CHOICE].pk}": "clinical",
        "then": "draft",
    }
    data.update(changes)
    return data


# The form


def test_the_form_asks_the_calls_questions_in_the_active_language(client, program_world):
    world = program_world
    application = draft(world)
    client.force_login(world.company_member)
    body = client.get(address(application, "edit/")).content.decode()
    assert "핵심 기술" in body and "개발 단계" in body and "시제품" in body and "사업계획서" in body
    client.cookies["django_language"] = "en"
    body = client.get(address(application, "edit/")).content.decode()
    assert "Core technology" in body and "Prototype" in body and "Business plan" in body
    assert "핵심 기술" not in body
    assert 'type="file" name="question-' in body and 'maxlength="2000"' in body


def test_saving_a_draft_with_files(client, program_world):
    world = program_world
    application = draft(world)
    client.force_login(world.company_member)
    photo = world.questions[QuestionKind.FILE]
    data = form_data(
        world,
        **{f"document-{world.document.pk}": pdf_upload(), f"question-{photo.pk}": png_upload()},
    )
    response = client.post(address(application, "edit/"), data)
    assert response.status_code == 302 and response["Location"] == address(application)
    application.refresh_from_db()
    assert application.title == "패치형 심전도 사업화" and application.status == S.DRAFT
    assert application.requested_krw == 50_000_000
    assert application.answers[str(world.questions[QuestionKind.CHOICE].pk)] == "clinical"
    assert application.files.count() == 2
    page = client.get(address(application)).content.decode()
    assert 'id="complete"' in page and "사업계획서.pdf" in page


BAD_POSTS = {
    "wrong number": ("question", QuestionKind.NUMBER, "열두", "Enter a number"),
    "unknown choice": ("question", QuestionKind.CHOICE, "marketed", "Choose one of the options"),
    "too long text": ("question", QuestionKind.TEXT, "가" * 2001, "at most 2000 characters"),
    "fake pdf": ("document", None, fake_pdf, "not an accepted type"),
    "oversized upload": ("document", None, oversized_pdf, "larger than 20"),
    "amount in words": ("field", "requested_krw", "오천만원", "whole number"),
}


@pytest.mark.parametrize("case", BAD_POSTS)
def test_bad_input_is_shown_on_the_form_and_nothing_is_written(
    client, program_world, english, case
):
    world = program_world
    application = complete_draft(world)
    before = snapshot(application)
    where, target, value, message = BAD_POSTS[case]
    if where == "question":
        changes = {f"question-{world.questions[target].pk}": value}
    elif where == "document":
        changes = {f"document-{world.document.pk}": value()}
    else:
        changes = {target: value}
    client.force_login(world.company_member)
    response = client.post(
        address(application, "edit/"), form_data(world, title="바뀐 제목", then="submit", **changes)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert snapshot(application) == before


def test_save_and_submit_sends_a_complete_draft(client, program_world, english):
    world = program_world
    application = complete_draft(world)
    client.force_login(world.company_member)
    response = client.post(address(application, "edit/"), form_data(world, then="submit"))
    assert response["Location"] == address(application)
    application.refresh_from_db()
    assert application.status == S.SUBMITTED
    page = client.get(address(application)).content.decode()
    assert "The application is submitted." in page


def test_save_and_submit_keeps_an_incomplete_draft_and_says_what_is_missing(
    client, program_world, english
):
    world = program_world
    application = draft(world)
    client.force_login(world.company_member)
    response = client.post(
        address(application, "edit/"), form_data(world, then="submit"), follow=True
    )
    body = response.content.decode()
    assert "The application was not submitted." in body
    assert "Attach the document “Business plan”." in body
    application.refresh_from_db()
    assert application.status == S.DRAFT and application.title == "패치형 심전도 사업화"


def test_a_file_is_removed_with_its_button(client, program_world):
    world = program_world
    application = complete_draft(world)
    stored = application.files.get()
    client.force_login(world.company_member)
    assert (
        f'name="remove" value="{stored.pk}"'
        in client.get(address(application, "edit/")).content.decode()
    )
    response = client.post(address(application, "edit/"), {"remove": stored.pk})
    assert response["Location"] == address(application, "edit/")
    assert not application.files.exists()


def test_a_submitted_application_is_not_edited(client, program_world, english):
    world = program_world
    application = world.application()
    client.force_login(world.company_member)
    response = client.post(
        address(application, "edit/"), form_data(world, title="수정"), follow=True
    )
    assert "Only a draft can be changed." in response.content.decode()
    assert snapshot(application)["title"] != "수정"


# The application's page


def test_the_draft_page_names_eligibility_problems_and_missing_items(
    client, program_world, english
):
    world = program_world
    world.call.members_only = True
    world.call.save()
    application = draft(world, company=world.other_company)
    client.force_login(world.other_company_member)
    body = client.get(address(application)).content.decode()
    assert "Only member companies of Gimhae Bio-Health Cluster may apply." in body
    assert "Answer the question “Core technology”." in body
    assert 'id="submit-button"' in body and "disabled" in body


def test_submitting_from_the_page(client, program_world, english):
    world = program_world
    application = complete_draft(world)
    client.force_login(world.company_member)
    body = client.get(address(application)).content.decode()
    assert 'id="submit-dialog"' in body
    response = client.post(address(application, "submit/"), follow=True)
    assert "The application is submitted." in response.content.decode()
    assert snapshot(application)["status"] == S.SUBMITTED


def test_a_late_submission_from_the_page_is_refused_with_the_closing_time(
    client, program_world, english
):
    world = program_world
    application = complete_draft(world)
    world.call.closes_at = timezone.now() - timedelta(seconds=1)
    world.call.save()
    before = snapshot(application)
    client.force_login(world.company_member)
    response = client.post(address(application, "submit/"), follow=True)
    closes = applications.seoul_time(world.call.closes_at)
    assert f"The call closed on {closes} (Seoul time)" in response.content.decode()
    assert snapshot(application) == before
    # The form is closed too.
    response = client.get(address(application, "edit/"), follow=True)
    assert "applications are no longer accepted" in response.content.decode()


def test_withdrawing_from_the_page(client, program_world, english):
    world = program_world
    application = world.application()
    client.force_login(world.company_member)
    assert 'id="withdraw-dialog"' in client.get(address(application)).content.decode()
    response = client.post(address(application, "withdraw/"), {"reason": "일정 변경"}, follow=True)
    assert "The application is withdrawn." in response.content.decode()
    assert snapshot(application)["status"] == S.WITHDRAWN


def test_the_result_shows_only_once_announced(client, program_world, english):
    world = program_world
    application = world.application(status=S.SELECTED)
    client.force_login(world.company_member)
    response = client.get(address(application))
    assert (
        response.context["status"] == S.SUBMITTED and 'id="result"' not in response.content.decode()
    )
    world.call.results_published_at = timezone.now()
    world.call.save()
    response = client.get(address(application))
    body = response.content.decode()
    assert response.context["status"] == S.SELECTED and 'id="result"' in body
    assert "Result: Selected" in body and 'id="withdraw-button"' not in body


def test_the_pages_render_in_korean(client, program_world):
    world = program_world
    application = complete_draft(world)
    client.force_login(world.company_member)
    for path in (address(application), address(application, "edit/"), MINE):
        response = client.get(path)
        assert response.status_code == 200
        assert '<html lang="ko">' in response.content.decode()
    assert "개발 단계" in client.get(address(application)).content.decode()


# Who sees what


def test_another_company_gets_404_everywhere(client, program_world):
    world = program_world
    application = complete_draft(world)
    stored = application.files.get()
    client.force_login(world.other_company_member)
    assert client.get(address(application)).status_code == 404
    assert client.get(address(application, "edit/")).status_code == 404
    assert client.post(address(application, "submit/")).status_code == 404
    assert client.post(address(application, "withdraw/")).status_code == 404
    assert client.get(file_address(stored)).status_code == 404
    assert snapshot(application)["status"] == S.DRAFT


def test_strangers_are_sent_to_log_in(client, program_world):
    application = complete_draft(program_world)
    for path in (address(application), address(application, "edit/"), MINE):
        response = client.get(path)
        assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(program_world.stranger)
    assert client.get(address(application)).status_code == 404


def test_staff_see_submitted_applications_but_do_not_edit_them(client, program_world):
    world = program_world
    application = complete_draft(world)
    client.force_login(world.staff)
    assert client.get(address(application)).status_code == 404  # drafts are the company's
    applications.submit_application(actor=world.company_member, application=application)
    assert client.get(address(application)).status_code == 200
    assert client.get(file_address(application.files.get())).status_code == 200
    assert client.get(address(application, "edit/")).status_code == 403
    assert client.post(address(application, "withdraw/")).status_code == 403


@pytest.fixture
def submitted(program_world):
    world = program_world
    application = complete_draft(world)
    applications.submit_application(actor=world.company_member, application=application)
    return application


def test_an_assigned_reviewer_without_a_conflict_reads_the_application(
    client, program_world, submitted
):
    world = program_world
    world.assign(submitted, world.reviewers[2])
    client.force_login(world.reviewers[2])
    response = client.get(address(submitted))
    assert response.status_code == 200 and world.company.name_ko in response.content.decode()
    assert client.get(file_address(submitted.files.get())).status_code == 200
    assert client.get(address(submitted, "edit/")).status_code == 403


def test_a_blind_stage_hides_the_company_from_its_reviewers(client, program_world, submitted):
    world = program_world
    world.stage.is_blind = True
    world.stage.save()
    world.assign(submitted, world.reviewers[2])
    client.force_login(world.reviewers[2])
    assert world.company.name_ko not in client.get(address(submitted)).content.decode()


def test_a_reviewer_with_an_automatic_conflict_gets_404_on_the_page_and_the_file(
    client, program_world, submitted
):
    world = program_world
    reviewer = world.reviewers[0]
    # The reviewer advised the applicant until last year: a recent affiliation. (A
    # current member of the company would see it as an applicant, not as a reviewer.)
    Affiliation.objects.create(
        profile=reviewer.reviewer_profile,
        organization=world.company,
        role="자문위원",
        ended_on=date.today() - timedelta(days=365),
    )
    world.assign(submitted, reviewer)
    client.force_login(reviewer)
    assert client.get(address(submitted)).status_code == 200
    assert record_conflicts(call=world.call) == 1
    # The assignment row is left behind; the conflict still wins.
    assert client.get(address(submitted)).status_code == 404
    assert client.get(file_address(submitted.files.get())).status_code == 404


def test_a_reviewer_who_declared_a_conflict_gets_404_on_the_page_and_the_file(
    client, program_world, submitted
):
    world = program_world
    reviewer = world.reviewers[1]
    world.assign(submitted, reviewer)
    client.force_login(reviewer)
    assert client.get(address(submitted)).status_code == 200
    declare_conflict(actor=reviewer, application=submitted, reason="공동연구 수행 중")
    assert client.get(address(submitted)).status_code == 404
    assert client.get(file_address(submitted.files.get())).status_code == 404


def test_the_download_is_a_sandboxed_attachment(client, program_world):
    world = program_world
    application = complete_draft(world)
    client.force_login(world.company_member)
    response = client.get(file_address(application.files.get()))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "filename*=utf-8''%EC%82%AC%EC%97%85" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    policy = response["Content-Security-Policy"]
    assert "sandbox" in policy and "default-src 'none'" in policy
    assert b"".join(response.streaming_content).startswith(b"%PDF")


# The company's applications


def test_my_applications_by_tab(client, program_world, english):
    world = program_world
    mine = {
        "draft": draft(world),
        "submitted": world.application(
            company=world.company, call=_another_call(world), status=S.SUBMITTED
        ),
        "undisclosed": world.application(
            company=world.company, call=_another_call(world), status=S.SELECTED
        ),
        "announced": world.application(
            company=world.company,
            call=_another_call(world, results_published_at=timezone.now()),
            status=S.NOT_SELECTED,
        ),
    }
    world.application(company=world.other_company)
    client.force_login(world.company_member)

    def shown(tab: str = "") -> set[int]:
        response = client.get(MINE, {"show": tab} if tab else {})
        return {application.pk for application in response.context["page"].object_list}

    assert shown() == {application.pk for application in mine.values()}
    assert shown("drafts") == {mine["draft"].pk}
    assert shown("submitted") == {mine["submitted"].pk, mine["undisclosed"].pk}
    assert shown("results") == {mine["announced"].pk}
    body = client.get(MINE).content.decode()
    assert body.count('data-status="selected"') == 0  # not announced yet
    assert 'data-status="not_selected"' in body


def _another_call(world, **values):
    return CallFactory(program=world.program, **values)


def test_my_applications_query_count_does_not_grow(client, program_world):
    world = program_world
    client.force_login(world.company_member)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(MINE).status_code == 200
        return len(captured)

    world.application()
    few = queries()
    for _ in range(9):
        world.application(call=_another_call(world), status=S.SUBMITTED)
    assert len(client.get(MINE).context["page"].object_list) == 10
    assert queries() == few
