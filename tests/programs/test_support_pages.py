"""Support-case pages: the list with its filters and totals, the case form, a case with
its steps and deliverables, downloads, and the company timeline, for each reader."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.html import escape

from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.models import Cohort, CohortMember, Deliverable, SupportCase
from ieum.programs.support import add_deliverable
from tests.programs.factories import ProgramFactory
from tests.programs.support_factories import (
    booking,
    fake_pdf,
    make_support_setting,
    pdf_upload,
    service_request,
    support_case,
)

LIST = "/programs/support/"
NEW = "/programs/support/new/"
S = SupportStatus


def page_of(pk: int) -> str:
    return f"/programs/support/{pk}/"


@pytest.fixture
def setting(program_world):
    return make_support_setting(program_world)


@pytest.fixture
def cases(program_world, setting):
    world = program_world
    academy = ProgramFactory(cluster=world.cluster, name_ko="창업 아카데미")
    return {
        "prototype": support_case(world, title="시제품 고도화", provider=setting.hospital),
        "clinical": support_case(
            world,
            title="확증 임상 설계",
            stage=SupportStage.CLINICAL,
            amount_krw=40_000_000,
            status=S.IN_PROGRESS,
            starts_on=date(2026, 2, 1),
            ends_on=None,
        ),
        "academy": support_case(
            world, program=academy, title="해외 전시 참가", stage=SupportStage.EXPORT, amount_krw=5
        ),
        "other_company": support_case(
            world, company=world.other_company, title="메디웨이브 마케팅", stage="marketing"
        ),
        "elsewhere": support_case(
            world,
            cluster=world.others["cluster"],
            program=None,
            title="다른 클러스터의 지원",
        ),
    }


def listed(client, **query) -> set[str]:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return {case.title for case in response.context["page"].object_list}


# The list


def test_each_reader_lists_the_cases_they_may_see(client, program_world, setting, cases):
    world = program_world
    mine = {"시제품 고도화", "확증 임상 설계", "해외 전시 참가"}
    expected = {
        "company": mine | {"다른 클러스터의 지원"},
        "staff": mine | {"메디웨이브 마케팅"},
        "admin": {case.title for case in cases.values()},
        "other_company": {"메디웨이브 마케팅"},
        "other_staff": {"다른 클러스터의 지원"},
        "reviewer": set(),
        "stranger": set(),
    }
    for role, user in world.roles.items():
        client.force_login(user)
        assert listed(client) == expected[role], role
        assert listed(client, q="다른") <= expected[role], role
    client.force_login(setting.coordinator)
    assert listed(client) == {"시제품 고도화"}
    client.logout()
    assert client.get(LIST).status_code == 302


def test_filters_and_totals(client, program_world, cases, english):
    world = program_world
    client.force_login(world.staff)
    assert listed(client, stage="clinical") == {"확증 임상 설계"}
    assert listed(client, status="in_progress") == {"확증 임상 설계"}
    assert listed(client, year="2026") == {"확증 임상 설계"}
    assert listed(client, program=cases["academy"].program.slug) == {"해외 전시 참가"}
    assert listed(client, cluster=world.cluster.slug, q="메디웨이브") == {"메디웨이브 마케팅"}
    assert listed(client, q="Mediwave") == {"메디웨이브 마케팅"}
    response = client.get(LIST)
    found = response.context["found"]
    assert (found.total_cases, found.total_amount) == (4, 15_000_000 * 2 + 40_000_000 + 5)
    per_stage = {count.stage: (count.cases, count.amount) for count in found.stages}
    assert list(per_stage) == list(SupportStage.values)
    assert per_stage["prototype"] == (1, 15_000_000)
    assert per_stage["clinical"] == (1, 40_000_000)
    assert per_stage["gmp"] == (0, 0)
    assert "4 support cases, ₩70,000,005 in all" in response.content.decode()
    chosen = client.get(LIST, {"stage": "clinical"}).context["found"]
    assert (chosen.total_cases, chosen.total_amount) == (1, 40_000_000)
    # The stage buttons still count every stage while one is chosen.
    assert {count.stage: count.cases for count in chosen.stages}["prototype"] == 1
    partial = client.get(LIST, {"stage": "clinical"}, headers={"HX-Request": "true"})
    assert b"<html" not in partial.content and b"case-list" in partial.content


def test_the_list_runs_a_fixed_number_of_queries(client, program_world):
    world = program_world
    client.force_login(world.staff)

    def add(count: int) -> None:
        for n in range(count):
            support_case(world, title=f"지원 {n}", provider=world.other_company)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(8)
    assert queries() == few


def test_the_list_in_korean_and_english(client, program_world, cases, english):
    client.force_login(program_world.staff)
    page = client.get(LIST).content.decode()
    assert 'lang="en"' in page and "H Bio Diagnostics" in page and "Support cases" in page


def test_the_list_in_korean(client, program_world, cases):
    client.force_login(program_world.staff)
    page = client.get(LIST).content.decode()
    assert 'lang="ko"' in page and "에이치바이오진단" in page and "₩15,000,000" in page


# The form


def form_data(world, **changes) -> dict:
    data = {
        "company": world.company.pk,
        "cluster": world.cluster.pk,
        "program": world.program.pk,
        "stage": "approval",
        "title": "MFDS 2등급 허가 컨설팅",
        "amount_krw": "12000000",
        "starts_on": "2025-07-01",
        "ends_on": "2025-12-31",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_staff_record_a_case_through_the_form(client, program_world, setting):
    world = program_world
    request = service_request(world.company, cluster=world.cluster, provider=setting.hospital)
    client.force_login(world.staff)
    assert client.get(NEW).status_code == 200
    response = client.post(NEW, form_data(world, service_request=request.pk))
    case = SupportCase.objects.get()
    assert response.status_code == 302 and response["Location"] == page_of(case.pk)
    assert (case.provider, case.amount_krw, case.stage) == (
        setting.hospital,
        12_000_000,
        "approval",
    )


def test_a_refused_form_shows_why_and_writes_nothing(client, program_world, setting, english):
    world = program_world
    client.force_login(world.staff)
    response = client.post(NEW, form_data(world, amount_krw="-3", ends_on="2025-01-01"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "The amount cannot be negative." in page
    assert "The end date is before the start date." in page
    # Another company's request is not even a choice for this company.
    theirs = service_request(world.other_company, cluster=world.cluster, provider=setting.hospital)
    response = client.post(NEW, form_data(world, service_request=theirs.pk))
    assert response.status_code == 400
    assert response.context["form"].errors["service_request"]
    assert not SupportCase.objects.exists()


def test_choosing_a_company_offers_only_its_requests_and_bookings(client, program_world, setting):
    world = program_world
    ours = service_request(world.company, cluster=world.cluster, provider=setting.hospital)
    service_request(
        world.other_company, cluster=world.cluster, provider=setting.hospital, title="남의 요청"
    )
    held = booking(world.company, resource=setting.resource, booked_by=world.company_member)
    client.force_login(world.staff)
    response = client.get(NEW, {"company": world.company.pk}, headers={"HX-Request": "true"})
    form = response.context["form"]
    assert set(form.fields["service_request"].queryset) == {ours}
    assert set(form.fields["booking"].queryset) == {held}
    assert "남의 요청" not in response.content.decode()
    assert 'hx-get="/programs/support/new/"' in response.content.decode()


@pytest.mark.parametrize("role", ["company", "other_company", "reviewer", "stranger"])
def test_only_staff_open_the_form(client, program_world, role):
    client.force_login(program_world.roles[role])
    assert client.get(NEW).status_code == 403
    assert client.post(NEW, form_data(program_world)).status_code == 403
    assert not SupportCase.objects.exists()


def test_staff_change_a_case(client, program_world, cases):
    world = program_world
    case = cases["prototype"]
    client.force_login(world.staff)
    edit = page_of(case.pk) + "edit/"
    assert client.get(edit).status_code == 200
    response = client.post(
        edit, form_data(world, company=None, title="시제품 2차 고도화", amount_krw="20000000")
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert (case.title, case.amount_krw) == ("시제품 2차 고도화", 20_000_000)
    client.force_login(world.company_member)
    assert client.get(edit).status_code == 403
    client.force_login(world.other_staff)
    assert client.get(edit).status_code == 404


def test_a_cancelled_case_sends_the_editor_back_with_the_reason(client, program_world, english):
    world = program_world
    case = support_case(world, status=S.CANCELLED)
    client.force_login(world.staff)
    response = client.get(page_of(case.pk) + "edit/", follow=True)
    assert response.redirect_chain[-1][0] == page_of(case.pk)
    assert "This support case is cancelled" in response.content.decode()


# A case


def test_a_case_page_for_each_reader(client, program_world, setting, cases, english):
    world = program_world
    case = cases["prototype"]
    for role in ("company", "staff", "admin"):
        client.force_login(world.roles[role])
        response = client.get(page_of(case.pk))
        assert response.status_code == 200, role
        assert ("status-step" in response.content.decode()) == (role != "company"), role
    client.force_login(setting.coordinator)
    page = client.get(page_of(case.pk)).content.decode()
    assert "시제품 고도화" in page and "timeline-link" not in page
    for role in ("other_company", "other_staff", "reviewer", "stranger"):
        client.force_login(world.roles[role])
        assert client.get(page_of(case.pk)).status_code == 404, role


def test_staff_move_a_case_and_a_wrong_step_changes_nothing(client, program_world, english):
    world = program_world
    case = support_case(world)
    client.force_login(world.staff)
    response = client.post(page_of(case.pk), {"action": "status", "status": "in_progress"})
    assert response.status_code == 302
    assert SupportCase.objects.get(pk=case.pk).status == S.IN_PROGRESS
    response = client.post(page_of(case.pk), {"action": "status", "status": "planned"}, follow=True)
    assert "cannot become" in response.content.decode()
    assert SupportCase.objects.get(pk=case.pk).status == S.IN_PROGRESS
    client.force_login(world.company_member)
    refused = client.post(page_of(case.pk), {"action": "status", "status": "completed"})
    assert refused.status_code == 403
    assert SupportCase.objects.get(pk=case.pk).status == S.IN_PROGRESS


def test_deliverables_upload_and_a_fake_file_writes_nothing(client, program_world, english):
    world = program_world
    case = support_case(world)
    client.force_login(world.staff)
    response = client.post(
        page_of(case.pk),
        {"action": "deliverable", "title": "가짜 보고서", "file": fake_pdf()},
    )
    assert response.status_code == 400
    assert "is not an accepted type" in response.content.decode()
    assert not Deliverable.objects.exists()
    response = client.post(
        page_of(case.pk),
        {
            "action": "deliverable",
            "title": "시험 성적서",
            "delivered_on": "2025-06-20",
            "file": pdf_upload("성적서.pdf"),
        },
    )
    assert response.status_code == 302
    deliverable = Deliverable.objects.get()
    assert (deliverable.title, deliverable.file_name) == ("시험 성적서", "성적서.pdf")
    assert "성적서.pdf" in client.get(page_of(case.pk)).content.decode()


def test_a_deliverable_downloads_as_a_sandboxed_attachment_for_its_readers(
    client, program_world, setting
):
    world = program_world
    case = support_case(world, provider=setting.hospital)
    deliverable = add_deliverable(
        actor=world.staff,
        case=case,
        title="성적서",
        delivered_on=None,
        upload=pdf_upload("성적서.pdf"),
    )
    address = f"/programs/support/deliverables/{deliverable.pk}/"
    for reader in (world.company_member, world.staff, world.admin, setting.coordinator):
        client.force_login(reader)
        response = client.get(address)
        assert response.status_code == 200
        assert b"".join(response.streaming_content).startswith(b"%PDF")
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"].startswith("attachment;")
        assert "%EC%84%B1%EC%A0%81%EC%84%9C.pdf" in response["Content-Disposition"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Cache-Control"] == "private, no-store"
        assert "sandbox" in response["Content-Security-Policy"]
    for role in ("other_company", "other_staff", "reviewer", "stranger"):
        client.force_login(world.roles[role])
        assert client.get(address).status_code == 404, role
    bare = add_deliverable(actor=world.staff, case=case, title="파일 없음", delivered_on=None)
    client.force_login(world.staff)
    assert client.get(f"/programs/support/deliverables/{bare.pk}/").status_code == 404


# The timeline page


def timeline(company) -> str:
    return f"/programs/companies/{company.slug}/timeline/"


def test_the_timeline_page_groups_years_and_shows_stages_in_order(
    client, program_world, cases, english
):
    world = program_world
    client.force_login(world.company_member)
    response = client.get(timeline(world.company))
    assert response.status_code == 200
    page = response.content.decode()
    assert [year for year, _ in response.context["years"]] == [2025, 2026]
    with translation.override("en"):
        labels = [escape(str(label)) for label in SupportStage.labels]
    positions = [page.index(f">{label}</span>") for label in labels]
    assert positions == sorted(positions)
    assert "H Bio Diagnostics" in page and "확증 임상 설계" in page
    assert "메디웨이브 마케팅" not in page


def test_the_timeline_page_in_korean(client, program_world, cases):
    client.force_login(program_world.staff)
    page = client.get(timeline(program_world.company)).content.decode()
    assert 'lang="ko"' in page and "에이치바이오진단" in page and "김해 의생명 클러스터" in page


def test_the_timeline_page_is_not_found_for_outsiders(client, program_world, setting, cases):
    world = program_world
    for role in ("other_company", "reviewer", "stranger"):
        client.force_login(world.roles[role])
        assert client.get(timeline(world.company)).status_code == 404, role
    client.force_login(setting.coordinator)
    assert client.get(timeline(world.company)).status_code == 404
    client.force_login(world.admin)
    assert client.get(timeline(setting.hospital)).status_code == 404
    assert client.get("/programs/companies/no-such-company/timeline/").status_code == 404
    client.logout()
    assert client.get(timeline(world.company)).status_code == 302


def test_the_timeline_page_runs_a_fixed_number_of_queries(client, program_world, setting):
    world = program_world
    client.force_login(world.staff)

    def add(count: int) -> None:
        for n in range(count):
            support_case(world, title=f"지원 {n}", stage=SupportStage.values[n % 8])
            service_request(world.company, cluster=world.cluster, provider=setting.hospital)
            booking(world.company, resource=setting.resource, booked_by=world.company_member)
        cohort = Cohort.objects.create(program=world.program, name_ko=f"{count}기", year=2025)
        CohortMember.objects.create(cohort=cohort, company=world.company)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(timeline(world.company)).status_code == 200
        return len(captured)

    add(2)
    few = queries()
    add(8)
    assert queries() == few
