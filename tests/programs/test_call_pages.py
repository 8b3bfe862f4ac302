"""Public call pages: the list and its filters, a call's page with its dates in Seoul,
rules, notices and answers, each company's eligibility and Apply button, questions."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.programs.enums import ApplicationStatus, CallStatus
from ieum.programs.models import Application, Inquiry, Notice
from tests.factories import ClusterFactory, term
from tests.programs.factories import CallFactory, ProgramFactory, cardiovascular

pytestmark = pytest.mark.django_db

LIST = "/programs/"


def page(call) -> str:
    return f"/programs/calls/{call.slug}/"


def listed(response) -> list[str]:
    return [call.slug for call in response.context["page"].object_list]


# The list


def test_the_list_shows_published_calls_in_both_languages(client, program_world):
    world = program_world
    response = client.get(LIST)
    assert response.status_code == 200
    assert world.call.title_ko in response.content.decode()
    client.cookies["django_language"] = "en"
    response = client.get(LIST)
    body = response.content.decode()
    assert world.call.title_en in body and world.call.title_ko not in body
    assert "Support calls" in body and "Open for applications" in body


def test_drafts_are_listed_only_for_their_clusters_staff(client, program_world):
    world = program_world
    hidden = CallFactory(program=world.program, status=CallStatus.DRAFT)
    assert hidden.slug not in listed(client.get(LIST))
    client.force_login(world.other_staff)
    assert hidden.slug not in listed(client.get(LIST))
    client.force_login(world.staff)
    assert hidden.slug in listed(client.get(LIST))


@pytest.fixture
def three_periods(program_world):
    now = timezone.now()
    world = program_world
    return {
        "open": world.call,
        "upcoming": CallFactory(
            program=world.program, opens_at=now + timedelta(days=3), closes_at=now + timedelta(9)
        ),
        "closed": CallFactory(
            program=world.program, opens_at=now - timedelta(30), closes_at=now - timedelta(days=1)
        ),
    }


def test_open_calls_come_first_then_upcoming_then_closed(client, three_periods):
    assert listed(client.get(LIST)) == [
        three_periods["open"].slug,
        three_periods["upcoming"].slug,
        three_periods["closed"].slug,
    ]


@pytest.mark.parametrize("phase", ["open", "upcoming", "closed"])
def test_the_period_filter(client, three_periods, phase):
    assert listed(client.get(LIST, {"phase": phase})) == [three_periods[phase].slug]


def test_the_cluster_filter(client, program_world):
    elsewhere = CallFactory(program=ProgramFactory(cluster=ClusterFactory()))
    response = client.get(LIST, {"cluster": program_world.cluster.slug})
    assert listed(response) == [program_world.call.slug]
    assert listed(client.get(LIST, {"cluster": elsewhere.program.cluster.slug})) == [elsewhere.slug]


def test_the_field_filter_keeps_calls_open_to_every_field(client, program_world):
    world = program_world
    ivd_only = CallFactory(program=world.program)
    ivd_only.eligible_fields.set([term("technology_field", "ivd")])
    heart = CallFactory(program=world.program)
    heart.eligible_fields.set([cardiovascular(), term("technology_field", "ivd")])
    found = listed(client.get(LIST, {"field": cardiovascular().pk}))
    assert sorted(found) == sorted([world.call.slug, heart.slug])


def test_the_search_reads_titles_programs_and_clusters(client, program_world):
    world = program_world
    other = CallFactory(title_ko="스타트업 아카데미 3기 모집", title_en="Startup academy 3")
    assert listed(client.get(LIST, {"q": "아카데미"})) == [other.slug]
    assert listed(client.get(LIST, {"q": "김해 강소기업"})) == [world.call.slug]
    assert listed(client.get(LIST, {"q": "없는말"})) == []


def test_an_htmx_request_gets_only_the_results(client, program_world):
    response = client.get(LIST, {"q": "강소기업"}, headers={"HX-Request": "true"})
    body = response.content.decode()
    assert 'id="call-list"' in body and "<html" not in body


def test_the_list_query_count_does_not_grow(client, program_world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST)
        assert response.status_code == 200
        return len(captured)

    client.force_login(program_world.company_member)
    few = queries()
    for _ in range(9):
        call = CallFactory(program=ProgramFactory(cluster=ClusterFactory()))
        call.eligible_fields.set([cardiovascular()])
        call.eligible_regions.set([term("region", "seoul")])
    assert len(client.get(LIST).context["page"].object_list) == 10
    assert queries() == few


# A call's page


def test_the_call_page_shows_its_dates_in_seoul_and_its_rules(client, program_world, english):
    world = program_world
    call = world.call
    # 09:00 and 18:00 in Seoul are midnight and 09:00 in UTC.
    call.opens_at = datetime(2026, 11, 2, 0, 0, tzinfo=UTC)
    call.closes_at = datetime(2026, 11, 30, 9, 0, tzinfo=UTC)
    call.members_only = True
    call.save()
    body = client.get(page(call)).content.decode()
    assert "2026-11-02 09:00" in body and "2026-11-30 18:00" in body
    assert "Company age: Under 3 years, 3 to 7 years." in body
    assert "Member companies of Gimhae Bio-Health Cluster only." in body
    assert "Business plan" in body and "Document review" in body


def test_notices_and_public_answers_show_others_do_not(client, program_world):
    world = program_world
    Notice.objects.create(call=world.call, title_ko="설명회 안내", body_ko="11월 5일 14시")
    Inquiry.objects.create(
        call=world.call, question="공개 질문", answer="공개 답변", is_public=True
    )
    Inquiry.objects.create(
        call=world.call, question="비공개 질문", answer="개별 답변", is_public=False
    )
    Inquiry.objects.create(call=world.call, question="답 없는 질문")
    body = client.get(page(world.call)).content.decode()
    assert "설명회 안내" in body and "공개 답변" in body
    assert "비공개 질문" not in body and "답 없는 질문" not in body


def test_askers_see_their_own_questions_and_private_answers(client, program_world):
    world = program_world
    Inquiry.objects.create(
        call=world.call,
        asked_by=world.company_member,
        question="제 질문",
        answer="개별 답변",
        is_public=False,
    )
    client.force_login(world.company_member)
    assert "개별 답변" in client.get(page(world.call)).content.decode()
    client.force_login(world.other_company_member)
    assert "개별 답변" not in client.get(page(world.call)).content.decode()


def test_a_member_sees_the_eligibility_of_each_company_and_applies(client, program_world, english):
    world = program_world
    world.call.members_only = True
    world.call.save()
    world.company_member.memberships.create(organization=world.other_company)
    client.force_login(world.company_member)
    response = client.get(page(world.call))
    applicants = {item["company"]: item for item in response.context["applicants"]}
    assert applicants[world.company]["reasons"] == []
    assert applicants[world.other_company]["reasons"] == [
        "Only member companies of Gimhae Bio-Health Cluster may apply."
    ]
    body = response.content.decode()
    assert body.count("apply-button") == 2 and "Not eligible as registered" in body
    started = client.post(f"{page(world.call)}apply/", {"company": world.company.pk})
    application = Application.objects.get(company=world.company)
    assert started["Location"] == f"/programs/applications/{application.pk}/edit/"
    body = client.get(page(world.call)).content.decode()
    assert body.count("apply-button") == 1
    assert f"/programs/applications/{application.pk}/" in body


def test_applying_for_someone_elses_company_is_forbidden(client, program_world):
    world = program_world
    client.force_login(world.other_company_member)
    response = client.post(f"{page(world.call)}apply/", {"company": world.company.pk})
    assert response.status_code == 403
    assert not Application.objects.exists()
    assert client.get(f"{page(world.call)}apply/").status_code == 405


def test_a_closed_call_offers_no_apply_button_and_refuses_a_late_start(
    client, program_world, english
):
    world = program_world
    world.call.opens_at = timezone.now() - timedelta(days=30)
    world.call.closes_at = timezone.now() - timedelta(seconds=1)
    world.call.save()
    client.force_login(world.company_member)
    body = client.get(page(world.call)).content.decode()
    assert "apply-button" not in body and "does not take applications now" in body
    response = client.post(f"{page(world.call)}apply/", {"company": world.company.pk}, follow=True)
    assert "applications are no longer accepted" in response.content.decode()
    assert not Application.objects.exists()


def test_visitors_are_asked_to_log_in(client, program_world, english):
    body = client.get(page(program_world.call)).content.decode()
    assert "Log in to check your company" in body and 'id="ask-form"' not in body
    response = client.post(f"{page(program_world.call)}ask/", {"question": "질문"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert not Inquiry.objects.exists()


def test_a_signed_in_person_asks_a_question(client, program_world, english):
    world = program_world
    client.force_login(world.stranger)
    response = client.post(f"{page(world.call)}ask/", {"question": "  예비창업자도 되나요? "})
    assert response.status_code == 302 and response["Location"].endswith("#questions")
    inquiry = Inquiry.objects.get()
    assert (inquiry.question, inquiry.asked_by) == ("예비창업자도 되나요?", world.stranger)


def test_an_empty_question_is_refused_on_the_page(client, program_world, english):
    client.force_login(program_world.stranger)
    response = client.post(f"{page(program_world.call)}ask/", {"question": "  "})
    assert response.status_code == 400
    assert "Write your question." in response.content.decode()
    assert not Inquiry.objects.exists()


def test_a_draft_call_is_404_except_for_its_managers(client, program_world):
    world = program_world
    world.call.status = CallStatus.DRAFT
    world.call.save()
    assert client.get(page(world.call)).status_code == 404
    client.force_login(world.company_member)
    assert client.get(page(world.call)).status_code == 404
    client.force_login(world.staff)
    response = client.get(page(world.call))
    assert response.status_code == 200 and response.context["can_manage"]


def test_the_call_page_query_count_does_not_grow_with_its_content(client, program_world):
    world = program_world
    client.force_login(world.company_member)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(page(world.call)).status_code == 200
        return len(captured)

    few = queries()
    for number in range(8):
        Notice.objects.create(call=world.call, title_ko=f"공지 {number}", body_ko="내용")
        Inquiry.objects.create(call=world.call, question=f"질문 {number}", answer="답")
    assert queries() == few


# The menu


def test_the_programs_menu_fits_the_person(client, program_world):
    world = program_world
    body = client.get(LIST).content.decode()
    assert 'id="programs-menu"' in body and "/programs/applications/" not in body
    client.force_login(world.company_member)
    body = client.get(LIST).content.decode()
    assert "/programs/applications/" in body and "/programs/reviews/" not in body
    assert "/programs/manage/" not in body and "/programs/reports/" not in body
    client.force_login(world.reviewers[2])
    assert "/programs/reviews/" in client.get(LIST).content.decode()
    client.force_login(world.staff)
    body = client.get(LIST).content.decode()
    assert "/programs/manage/" in body and "/programs/reports/" in body


def test_a_call_list_entry_names_its_program_and_an_applied_draft_stays_private(
    client, program_world
):
    world = program_world
    world.application(status=ApplicationStatus.DRAFT, title="비공개 초안 제목")
    body = client.get(LIST).content.decode()
    assert world.program.name_ko in body and "비공개 초안 제목" not in body
