"""The calls and applications API: a company's application from draft to submitted with a
token client, the server's deadline, bad input, who sees which shape, and lists whose
queries do not grow."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.programs.enums import ApplicationStatus, CallStatus, QuestionKind
from ieum.programs.models import Application, ApplicationFile
from tests.factories import CompanyFactory, MembershipFactory
from tests.linkage.factories import pdf_upload
from tests.partnering.factories_api import client_for
from tests.programs.factories import CallFactory, make_program_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return make_program_world()


CALLS = "/api/v1/calls/"
APPLICATIONS = "/api/v1/applications/"


def ok(response, code: int = 200) -> dict:
    assert response.status_code == code, response.content
    return response.json()


def ids(response) -> list[int]:
    return [row["id"] for row in ok(response)["results"]]


def complete_answers(world) -> dict:
    questions = world.questions
    return {
        str(questions[QuestionKind.TEXT].pk): "심전도 패치 신호처리 알고리즘",
        str(questions[QuestionKind.NUMBER].pk): "12",
        str(questions[QuestionKind.CHOICE].pk): "prototype",
    }


# Calls


def test_calls_show_the_form_and_the_stages_but_no_reviewer(world):
    detail = ok(client_for().get(f"{CALLS}{world.call.slug}/"))
    assert detail["phase"] == "open" and detail["status"] == "published"
    assert detail["program"]["slug"] == world.program.slug
    assert detail["eligible_ages"] == ["under_3", "from_3_to_7"]
    assert [q["kind"] for q in detail["questions"]] == ["text", "number", "choice", "file"]
    assert detail["required_documents"][0]["name_ko"] == "사업계획서"
    (stage,) = detail["stages"]
    assert [c["weight"] for c in stage["criteria"]] == [30, 25, 20, 25]
    text = str(detail)
    for reviewer in world.reviewers:
        assert reviewer.full_name not in text and reviewer.email not in text
    assert "reviewers_per_application" not in stage and "assignments" not in stage


def test_draft_calls_are_seen_by_their_managers_only(world):
    draft = CallFactory(program=world.program, status=CallStatus.DRAFT)
    assert ok(client_for(world.staff).get(f"{CALLS}{draft.slug}/"))["status"] == "draft"
    for person in (None, world.company_member, world.other_staff, world.reviewers[0]):
        assert client_for(person).get(f"{CALLS}{draft.slug}/").status_code == 404
        assert draft.slug not in str(ok(client_for(person).get(CALLS)))


def test_calls_filter_by_phase_program_and_cluster(world):
    now = timezone.now()
    upcoming = CallFactory(
        program=world.program, opens_at=now + timedelta(days=3), closes_at=now + timedelta(days=9)
    )
    slugs = lambda query: [row["slug"] for row in ok(client_for().get(CALLS + query))["results"]]  # noqa: E731
    assert slugs("?phase=upcoming") == [upcoming.slug]
    assert slugs("?phase=open") == [world.call.slug]
    assert slugs("?phase=announced") == []
    assert set(slugs(f"?program={world.program.slug}")) == {upcoming.slug, world.call.slug}
    assert slugs(f"?cluster={world.others['cluster'].slug}") == []
    assert client_for().get(CALLS + "?phase=someday").status_code == 400


# Applications


def test_a_company_applies_from_draft_to_submitted_through_the_api(world):
    company = client_for(world.company_member)

    draft = ok(company.post(APPLICATIONS, {"call": world.call.slug}, format="json"), 201)
    pk = draft["id"]
    assert draft["status"] == "draft" and draft["company"]["slug"] == world.company.slug
    assert draft["eligibility"] == []
    assert len(draft["missing"]) == 4
    # Starting again gives the same live draft.
    again = ok(company.post(APPLICATIONS, {"call": world.call.slug}, format="json"), 200)
    assert again["id"] == pk
    detail = f"{APPLICATIONS}{pk}/"

    changed = ok(
        company.patch(
            detail,
            {
                "title": "웨어러블 심전도 패치 사업화",
                "summary": "착용형 심전도 패치의 인허가를 준비합니다.",
                "requested_krw": 50_000_000,
                "fields": ["cardiovascular"],
                "answers": complete_answers(world),
            },
            format="json",
        )
    )
    assert changed["fields"] == ["cardiovascular"] and changed["requested_krw"] == 50_000_000
    assert changed["answers"][str(world.questions[QuestionKind.CHOICE].pk)] == "prototype"
    assert len(changed["missing"]) == 1

    attached = ok(
        company.post(
            f"{detail}files/",
            {"slot": f"document-{world.document.pk}", "file": pdf_upload("plan.pdf")},
            format="multipart",
        )
    )
    assert [f["name"] for f in attached["files"]] == ["plan.pdf"]
    assert attached["missing"] == []

    submitted = ok(company.post(f"{detail}submit/"))
    assert submitted["status"] == "submitted" and submitted["submitted_at"]
    application = Application.objects.get(pk=pk)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.current_stage == world.stage
    # A submitted application is no longer a draft: 409, nothing changes.
    refused = company.patch(detail, {"title": "바뀐 제목"}, format="json")
    assert refused.status_code == 409
    assert Application.objects.get(pk=pk).title == "웨어러블 심전도 패치 사업화"

    withdrawn = ok(company.post(f"{detail}withdraw/", {"reason": "일정 변경"}, format="json"))
    assert withdrawn["status"] == "withdrawn"


def test_a_late_submission_is_refused_with_the_closing_time_and_nothing_changes(world):
    application = world.application(status=ApplicationStatus.DRAFT, title="마감 직전 신청")
    closes = timezone.now() - timedelta(seconds=1)
    type(world.call).objects.filter(pk=world.call.pk).update(closes_at=closes)
    response = client_for(world.company_member, language="en").post(
        f"{APPLICATIONS}{application.pk}/submit/"
    )
    assert response.status_code == 409
    closing = timezone.localtime(closes).strftime("%Y-%m-%d %H:%M")
    assert closing in response.json()["detail"] and "Seoul" in response.json()["detail"]
    application.refresh_from_db()
    assert application.status == ApplicationStatus.DRAFT and application.submitted_at is None


def test_bad_input_is_a_400_with_every_problem_and_nothing_is_written(world):
    application = world.application(status=ApplicationStatus.DRAFT, title="원래 제목")
    company = client_for(world.company_member, language="en")
    detail = f"{APPLICATIONS}{application.pk}/"
    response = company.patch(
        detail,
        {
            "title": "",
            "requested_krw": 10**12,
            "answers": {str(world.questions[QuestionKind.CHOICE].pk): "moon"},
        },
        format="json",
    )
    assert response.status_code == 400
    errors = response.json()
    assert {"title", "requested_krw", f"question-{world.questions[QuestionKind.CHOICE].pk}"} <= set(
        errors
    )
    assert company.patch(detail, {"fields": ["no-such-field"]}, format="json").status_code == 400
    bad_file = company.post(
        f"{detail}files/",
        {"slot": f"document-{world.document.pk}", "file": SimpleUploadedFile("empty.pdf", b"")},
        format="multipart",
    )
    assert bad_file.status_code == 400
    not_a_pdf = company.post(
        f"{detail}files/",
        {"slot": f"document-{world.document.pk}", "file": _script_upload()},
        format="multipart",
    )
    assert not_a_pdf.status_code == 400
    application.refresh_from_db()
    assert application.title == "원래 제목" and application.requested_krw is None
    assert not ApplicationFile.objects.filter(application=application, name="evil.pdf").exists()
    incomplete = company.post(f"{detail}submit/")
    assert incomplete.status_code == 400
    assert Application.objects.get(pk=application.pk).status == ApplicationStatus.DRAFT


def _script_upload():
    return SimpleUploadedFile(
        "evil.pdf", b"<script>alert(1)</script>", content_type="application/pdf"
    )


def test_each_caller_sees_the_applications_they_may_and_no_other(world):
    draft = world.application(status=ApplicationStatus.DRAFT)
    submitted = world.application(company=world.other_company)
    world.assign(submitted, world.reviewers[0])
    assert set(ids(client_for(world.company_member).get(APPLICATIONS))) == {draft.pk}
    assert set(ids(client_for(world.other_company_member).get(APPLICATIONS))) == {submitted.pk}
    # Managers never see drafts; reviewers only what they are assigned.
    assert set(ids(client_for(world.staff).get(APPLICATIONS))) == {submitted.pk}
    assert set(ids(client_for(world.admin).get(APPLICATIONS))) == {submitted.pk}
    assert set(ids(client_for(world.reviewers[0]).get(APPLICATIONS))) == {submitted.pk}
    for person in (world.reviewers[1], world.other_staff, world.stranger):
        assert ids(client_for(person).get(APPLICATIONS)) == []
        assert client_for(person).get(f"{APPLICATIONS}{submitted.pk}/").status_code == 404
    assert client_for(world.staff).get(f"{APPLICATIONS}{draft.pk}/").status_code == 404
    assert client_for().get(APPLICATIONS).status_code in (401, 403)


def test_a_decision_shows_to_the_applicant_only_once_results_are_announced(world):
    application = world.application(status=ApplicationStatus.SELECTED)
    company = client_for(world.company_member)
    url = f"{APPLICATIONS}{application.pk}/"
    assert ok(company.get(url))["status"] == "submitted"
    assert ok(client_for(world.staff).get(url))["status"] == "selected"
    world.call.results_published_at = timezone.now()
    world.call.save(update_fields=["results_published_at"])
    assert ok(company.get(url))["status"] == "selected"


def test_only_the_company_changes_submits_or_withdraws(world):
    draft = world.application(status=ApplicationStatus.DRAFT, title="초안")
    submitted = world.application(company=world.other_company)
    world.assign(submitted, world.reviewers[0])
    staff, reviewer = client_for(world.staff), client_for(world.reviewers[0])
    url = f"{APPLICATIONS}{submitted.pk}/"
    for client in (staff, reviewer):
        assert client.patch(url, {"title": "x"}, format="json").status_code == 403
        assert client.post(f"{url}withdraw/").status_code == 403
        assert client.post(f"{url}submit/").status_code == 403
    other = client_for(world.other_company_member)
    assert (
        other.patch(f"{APPLICATIONS}{draft.pk}/", {"title": "x"}, format="json").status_code == 404
    )
    assert Application.objects.get(pk=draft.pk).title == "초안"
    assert Application.objects.get(pk=submitted.pk).status == ApplicationStatus.SUBMITTED


def test_starting_needs_a_company_and_an_open_visible_call(world):
    draft_call = CallFactory(program=world.program, status=CallStatus.DRAFT)
    company = client_for(world.company_member)
    assert company.post(APPLICATIONS, {"call": draft_call.slug}, format="json").status_code == 400
    closed = CallFactory(
        program=world.program,
        opens_at=timezone.now() - timedelta(days=9),
        closes_at=timezone.now() - timedelta(days=1),
    )
    assert company.post(APPLICATIONS, {"call": closed.slug}, format="json").status_code == 409
    assert (
        client_for(world.stranger).post(APPLICATIONS, {"call": world.call.slug}).status_code == 403
    )
    two = MembershipFactory(organization=world.company).user
    MembershipFactory(user=two, organization=CompanyFactory())
    response = client_for(two).post(APPLICATIONS, {"call": world.call.slug}, format="json")
    assert response.status_code == 400 and "company" in response.json()
    assert not Application.objects.exists()


def list_queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_lists_queries_do_not_grow(world):
    staff, reviewer = client_for(world.staff), client_for(world.reviewers[0])
    first = world.application(company=world.other_company)
    world.assign(first, world.reviewers[0])
    few = (list_queries(staff, APPLICATIONS), list_queries(reviewer, APPLICATIONS))
    few_calls = list_queries(client_for(), CALLS)
    for _ in range(6):
        application = world.application(company=CompanyFactory())
        world.assign(application, world.reviewers[0])
        CallFactory(program=world.program)
    many = (list_queries(staff, APPLICATIONS), list_queries(reviewer, APPLICATIONS))
    assert many == few
    assert list_queries(client_for(), CALLS) == few_calls
