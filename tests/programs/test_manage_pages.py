"""The program managers' pages: who reaches them, what they write, and what they refuse."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.programs.enums import ApplicationStatus, CallStatus
from ieum.programs.models import (
    Application,
    Call,
    CallReviewer,
    Inquiry,
    Notice,
    Program,
    ReviewerProfile,
)
from tests.factories import CompanyFactory, UserFactory
from tests.programs.factories import CallFactory, ProgramFactory
from tests.programs.manage_posts import CRITERIA, call_page, lines, question_lines, stage_post

CALL_PAGES = ("", "form/", "stages/", "pool/", "notices/", "inquiries/", "applications/")


# Who reaches the pages


@pytest.mark.parametrize("page", CALL_PAGES)
def test_a_calls_pages_are_for_its_managers_only_even_once_published(client, program_world, page):
    world = program_world
    assert world.call.status == CallStatus.PUBLISHED
    expected = {"staff": 200, "admin": 200}
    for role, user in world.roles.items():
        client.force_login(user)
        status = client.get(call_page(world.call, page)).status_code
        assert status == expected.get(role, 404), role
    client.logout()
    assert client.get(call_page(world.call, page)).status_code == 302


@pytest.mark.parametrize("role", ["other_staff", "company", "reviewer"])
def test_posts_to_a_calls_pages_by_others_are_not_found_and_change_nothing(
    client, program_world, role
):
    world = program_world
    seat = CallReviewer.objects.get(call=world.call, reviewer=world.reviewers[3])
    asked = Inquiry.objects.create(call=world.call, question="질문")
    posts = {
        "": {**call_post(), "action": "cancel", "reason": "취소"},
        "form/": question_lines(world),
        "stages/": stage_post("new", criteria=CRITERIA),
        "pool/": {"action": "remove", "seat": seat.pk},
        "notices/": {"title_ko": "공지", "body_ko": "본문"},
        "inquiries/": {"inquiry": asked.pk, f"answer-{asked.pk}-answer": "답"},
    }
    client.force_login(world.roles[role])
    for page, data in posts.items():
        assert client.post(call_page(world.call, page), data).status_code == 404, page
    world.call.refresh_from_db()
    asked.refresh_from_db()
    assert world.call.status == CallStatus.PUBLISHED
    assert world.call.questions.count() == 4 and world.call.stages.count() == 1
    assert CallReviewer.objects.filter(pk=seat.pk).exists()
    assert not Notice.objects.exists() and asked.answer == ""


def test_the_desk_lists_the_programs_a_person_runs_with_counts(client, program_world, english):
    world = program_world
    world.application()
    world.application(company=world.other_company, status=ApplicationStatus.WITHDRAWN)
    Inquiry.objects.create(call=world.call, asked_by=world.company_member, question="질문")
    client.force_login(world.staff)
    response = client.get("/programs/manage/")
    assert response.status_code == 200
    [program] = response.context["page"].object_list
    [call] = program.calls.all()
    assert (call.submitted_count, call.withdrawn_count, call.open_inquiry_count) == (1, 1, 1)
    assert world.call.title_en in response.content.decode()
    client.force_login(world.other_staff)
    assert list(client.get("/programs/manage/").context["page"].object_list) == []
    for role in ("company", "reviewer", "stranger"):
        client.force_login(world.roles[role])
        assert client.get("/programs/manage/").status_code == 403, role


def test_the_desk_runs_the_same_queries_for_two_calls_or_ten(client, program_world):
    world = program_world
    client.force_login(world.staff)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/programs/manage/").status_code == 200
        return len(queries)

    CallFactory(program=world.program)
    two = count()
    for _ in range(4):
        program = ProgramFactory(cluster=world.cluster)
        CallFactory(program=program)
        CallFactory(program=program)
    assert count() == two


# Programs and calls


def program_post(world, **changes) -> dict:
    data = {
        "cluster": world.cluster.pk,
        "kind": "academy",
        "name_ko": "바이오 창업 아카데미",
        "name_en": "Bio Startup Academy",
        "slug": "",
        "summary_ko": "",
        "summary_en": "",
    }
    return {**data, **changes}


def test_staff_create_a_program_and_go_on_to_its_first_call(client, program_world):
    world = program_world
    client.force_login(world.staff)
    assert client.get("/programs/manage/programs/new/").status_code == 200
    response = client.post("/programs/manage/programs/new/", program_post(world))
    program = Program.objects.get(slug="bio-startup-academy")
    assert response.url == f"/programs/manage/programs/{program.slug}/calls/new/"
    assert program.cluster == world.cluster
    before = Program.objects.count()
    refused = client.post("/programs/manage/programs/new/", program_post(world, name_ko=""))
    assert refused.status_code == 400
    # Staff of one cluster cannot choose a national program or another cluster.
    other = client.post(
        "/programs/manage/programs/new/", program_post(world, cluster=world.others["cluster"].pk)
    )
    assert other.status_code == 400
    assert Program.objects.count() == before
    client.force_login(world.company_member)
    assert client.get("/programs/manage/programs/new/").status_code == 403


def test_a_programs_page_is_its_managers_only(client, program_world):
    world = program_world
    address = f"/programs/manage/programs/{world.program.slug}/"
    client.force_login(world.other_staff)
    assert client.get(address).status_code == 404
    assert client.get(address + "calls/new/").status_code == 404
    client.force_login(world.staff)
    response = client.post(address, program_post(world, name_ko="김해 강소기업 육성"))
    assert response.status_code == 302
    world.program.refresh_from_db()
    assert world.program.name_ko == "김해 강소기업 육성"


def call_post(**changes) -> dict:
    data = {
        "title_ko": "2027년 시제품 제작 지원",
        "title_en": "2027 prototyping support",
        "slug": "",
        "body_ko": "지원 내용",
        "body_en": "",
        "opens_at": "2027-03-02T09:00",
        "closes_at": "2027-03-31T18:00",
        "eligible_ages": ["under_3", "from_3_to_7"],
        "quota": "5",
        "budget_krw": "300000000",
        "conflict_years": "3",
    }
    return {**data, **changes}


def test_a_call_is_created_with_its_times_read_in_korea_time(client, program_world):
    world = program_world
    client.force_login(world.staff)
    address = f"/programs/manage/programs/{world.program.slug}/calls/new/"
    assert client.get(address).status_code == 200
    response = client.post(address, call_post(members_only="on"))
    call = Call.objects.get(slug="2027-prototyping-support")
    assert response.url == f"/programs/manage/calls/{call.slug}/form/"
    assert call.opens_at == datetime(2027, 3, 2, 0, 0, tzinfo=UTC)
    assert call.closes_at == datetime(2027, 3, 31, 9, 0, tzinfo=UTC)
    assert (call.status, call.members_only, call.eligible_ages) == (
        CallStatus.DRAFT,
        True,
        ["under_3", "from_3_to_7"],
    )
    page = client.get(call_page(call)).content.decode()
    assert 'value="2027-03-02T09:00"' in page


def test_a_call_closing_before_it_opens_is_refused_with_the_reason(client, program_world, english):
    world = program_world
    client.force_login(world.staff)
    before = Call.objects.count()
    response = client.post(
        f"/programs/manage/programs/{world.program.slug}/calls/new/",
        call_post(closes_at="2027-03-01T09:00"),
    )
    assert response.status_code == 400
    assert "Applications must close after they open." in response.content.decode()
    assert Call.objects.count() == before


def test_the_settings_page_saves_publishes_and_cancels(client, program_world, english):
    world = program_world
    client.force_login(world.staff)
    draft = CallFactory(program=world.program, status=CallStatus.DRAFT)
    refused = client.post(call_page(draft), {"action": "publish"})
    assert refused.status_code == 400
    assert "Set up at least one review stage" in refused.content.decode()
    draft.refresh_from_db()
    assert draft.status == CallStatus.DRAFT

    closes = world.call.closes_at + timedelta(days=2)
    data = {
        **call_post(),
        "action": "save",
        "slug": world.call.slug,
        "opens_at": timezone.localtime(world.call.opens_at).strftime("%Y-%m-%dT%H:%M"),
        "closes_at": timezone.localtime(closes).strftime("%Y-%m-%dT%H:%M"),
    }
    assert client.post(call_page(world.call), data).status_code == 302
    world.call.refresh_from_db()
    assert world.call.title_ko == "2027년 시제품 제작 지원"
    assert world.call.closes_at == closes.replace(second=0, microsecond=0)

    assert client.post(call_page(world.call), {"action": "cancel", "reason": ""}).status_code == 400
    response = client.post(call_page(world.call), {"action": "cancel", "reason": "예산 부족"})
    assert response.status_code == 302
    world.call.refresh_from_db()
    assert world.call.status == CallStatus.CANCELLED
    assert Notice.objects.get(call=world.call).body_ko == "예산 부족"
    again = client.post(call_page(world.call), {"action": "publish"})
    assert again.status_code == 409
    assert "This call is cancelled" in again.content.decode()


# Pool, notices, inquiries


def test_the_pool_page_adds_limits_and_removes_reviewers(client, program_world, english):
    world = program_world
    client.force_login(world.staff)
    newcomer = UserFactory(email="reviewer.kim@example.kr")
    address = call_page(world.call, "pool/")
    response = client.post(
        address, {"action": "add", "reviewer": "Reviewer.Kim@example.kr", "max_reviews": "8"}
    )
    assert response.status_code == 302
    seat = CallReviewer.objects.get(call=world.call, reviewer=newcomer)
    assert seat.max_reviews == 8
    assert ReviewerProfile.objects.filter(user=newcomer).exists()
    unknown = client.post(address, {"action": "add", "reviewer": "nobody@example.kr"})
    assert unknown.status_code == 400
    assert "No one has an account with this address" in unknown.content.decode()
    client.post(address, {"action": "update", "seat": seat.pk, "max_reviews": ""})
    seat.refresh_from_db()
    assert seat.max_reviews is None
    client.post(address, {"action": "remove", "seat": seat.pk})
    assert not CallReviewer.objects.filter(pk=seat.pk).exists()


def test_the_pool_page_refuses_to_remove_a_reviewer_holding_reviews(client, program_world):
    world = program_world
    world.assign(world.application(), world.reviewers[0])
    seat = CallReviewer.objects.get(call=world.call, reviewer=world.reviewers[0])
    client.force_login(world.staff)
    response = client.post(call_page(world.call, "pool/"), {"action": "remove", "seat": seat.pk})
    assert response.status_code == 409
    assert CallReviewer.objects.filter(pk=seat.pk).exists()
    page = client.get(call_page(world.call, "pool/"))
    held = {s.reviewer_id: s.review_count for s in page.context["page"].object_list}
    assert held[world.reviewers[0].pk] == 1 and held[world.reviewers[1].pk] == 0


def test_notices_are_posted_from_their_page(client, program_world):
    world = program_world
    client.force_login(world.staff)
    address = call_page(world.call, "notices/")
    data = {"title_ko": "설명회", "title_en": "", "body_ko": "3월 4일", "body_en": ""}
    assert client.post(address, data).status_code == 302
    assert client.post(address, {**data, "body_ko": ""}).status_code == 400
    assert Notice.objects.filter(call=world.call).count() == 1
    assert "설명회" in client.get(address).content.decode()


def test_questions_wait_for_an_answer_on_their_page(client, program_world):
    world = program_world
    asked = Inquiry.objects.create(call=world.call, asked_by=world.company_member, question="Q1")
    Inquiry.objects.create(call=world.call, question="Q2", answer="A2")
    client.force_login(world.staff)
    address = call_page(world.call, "inquiries/")
    assert [i.question for i, _form in client.get(address).context["rows"]] == ["Q1"]
    assert len(client.get(address, {"show": "all"}).context["rows"]) == 2
    response = client.post(
        address,
        {"inquiry": asked.pk, f"answer-{asked.pk}-answer": "네, 가능합니다."},
    )
    assert response.status_code == 302
    asked.refresh_from_db()
    assert (asked.answer, asked.is_public, asked.answered_by) == (
        "네, 가능합니다.",
        False,
        world.staff,
    )
    empty = client.post(address, {"inquiry": asked.pk, f"answer-{asked.pk}-answer": ""})
    assert empty.status_code == 400
    other = CallFactory(program=world.program)
    foreign = Inquiry.objects.create(call=other, question="다른 공고")
    stray = {"inquiry": foreign.pk, f"answer-{foreign.pk}-answer": "x"}
    assert client.post(address, stray).status_code == 404


# Applications


def test_the_applications_list_filters_and_searches(client, program_world):
    world = program_world
    first = world.application()
    second = world.application(company=world.other_company, status=ApplicationStatus.SELECTED)
    world.application(company=CompanyFactory(), status=ApplicationStatus.DRAFT)
    client.force_login(world.staff)
    address = call_page(world.call, "applications/")

    def shown(**query) -> list[int]:
        response = client.get(address, query)
        assert response.status_code == 200
        return [a.pk for a in response.context["page"].object_list]

    assert shown() == [first.pk, second.pk]
    assert shown(status="selected") == [second.pk]
    assert shown(stage=world.stage.pk) == [first.pk, second.pk]
    assert shown(q="메디웨이브") == [second.pk]
    assert shown(q="Mediwave") == [second.pk]
    assert shown(q=first.reference) == [first.pk]
    counts = {v: n for v, _label, n in client.get(address).context["status_counts"]}
    assert (counts["submitted"], counts["selected"]) == (1, 1)
    partial = client.get(address, {"q": "메디"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and f"/programs/applications/{second.pk}/" in (
        partial.content.decode()
    )


def test_the_applications_list_runs_the_same_queries_for_two_or_ten(client, program_world):
    world = program_world
    client.force_login(world.staff)
    address = call_page(world.call, "applications/")

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(address).status_code == 200
        return len(queries)

    for _ in range(2):
        world.application(company=CompanyFactory())
    two = count()
    for _ in range(8):
        world.application(company=CompanyFactory())
    assert count() == two
    assert Application.objects.filter(call=world.call).count() == 10


# Reviewer profiles


def test_a_reviewer_edits_their_own_profile(client, program_world):
    world = program_world
    reviewer = world.reviewers[2]
    client.force_login(reviewer)
    assert client.get("/programs/reviewer-profile/").status_code == 200
    data = {
        "expertise": [],
        "bio": "임상시험 설계 20년",
        **lines(
            "affiliations",
            [
                {"organization": world.company.pk, "role": "고문", "ended_on": "2024-06-30"},
                {"organization": "", "role": ""},
            ],
        ),
    }
    response = client.post("/programs/reviewer-profile/", data)
    assert response.status_code == 302
    profile = ReviewerProfile.objects.get(user=reviewer)
    assert profile.bio == "임상시험 설계 20년"
    assert list(profile.affiliations.values_list("organization", "role")) == [
        (world.company.pk, "고문")
    ]


def test_a_pooled_reviewers_profile_is_open_to_the_calls_managers_only(client, program_world):
    world = program_world
    address = f"/programs/reviewer-profile/?user={world.reviewers[0].pk}"
    client.force_login(world.staff)
    response = client.get(address)
    assert response.status_code == 200
    assert response.context["owner"] == world.reviewers[0]
    for role in ("other_staff", "company", "reviewer"):
        if world.roles[role] == world.reviewers[0]:
            continue
        client.force_login(world.roles[role])
        assert client.get(address).status_code == 404, role
    client.force_login(world.reviewers[1])
    assert client.get(address).status_code == 404
