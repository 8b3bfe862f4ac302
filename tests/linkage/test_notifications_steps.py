"""Each workflow step e-mails the parties it concerns, in their language, and a provider
before the NDA of a confidential request learns nothing of its details."""

from __future__ import annotations

import pytest
from django.core import mail

from ieum.accounts.enums import Role
from ieum.core.business_days import SEOUL
from ieum.linkage import workflow
from ieum.linkage.drafts import create_request
from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.mailings import send_step_emails
from ieum.linkage.models import RequestEvent
from tests.factories import HospitalFactory, MembershipFactory, UserFactory
from tests.linkage.factories import OfferingFactory, cardiovascular, pdf_upload, walk_to
from tests.worker import run_worker

SITE = "https://ieum.example.kr"
DESCRIPTION = "관상동맥 스텐트의 확증 임상 설계를 함께 검토해 주실 병원을 찾습니다."
TITLE = "심혈관 스텐트 임상시험 설계 자문"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def languages(world, *, company="ko", coordinator="en", staff="ko"):
    for user, language in (
        (world.company_member, company),
        (world.coordinator, coordinator),
        (world.staff, staff),
    ):
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def mails_to(user) -> list:
    return [message for message in mail.outbox if message.to == [user.email]]


def subjects_to(user) -> list[str]:
    return [message.subject for message in mails_to(user)]


def tell(request, step: str) -> int:
    """Run the e-mail job of the request's latest step of that kind."""
    event = RequestEvent.objects.filter(request=request, step=step).latest("pk")
    return send_step_emails(event_id=event.pk)


def confidential_request(world, *, status: str, **data):
    values = {
        "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
        "title": TITLE,
        "description": DESCRIPTION,
        "goal": "식약처 확증 임상 승인",
        "therapeutic_area": cardiovascular(),
        "product_name": "HB-Stent",
        "is_confidential": True,
        **data,
    }
    request = create_request(
        actor=world.company_member,
        company=world.company,
        data=values,
        uploads=[pdf_upload("hb-stent-protocol.pdf")],
    )
    return walk_to(world, request, status)


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_tells_each_party_of_every_step_of_a_request(world):
    languages(world, company="ko", coordinator="en", staff="ko")
    english_staff = MembershipFactory(
        organization=world.cluster.operator,
        role=Role.CLUSTER_STAFF,
        user=UserFactory(preferred_language="en", full_name="Jane Staff"),
    ).user
    request = world.request(RequestStatus.ASSIGNED)
    run_worker()
    # The provider hears of the assignment while the NDA seals the request.
    [assigned] = mails_to(world.coordinator)
    reference = request.reference
    assert assigned.subject == f"[{reference}] Request assigned · Clinical-trial consulting"
    assert "Please accept or decline it on the platform." in assigned.body
    assert "accept its NDA" in assigned.body
    assert "Therapeutic area: Cardiovascular diseases" in assigned.body
    for secret in (TITLE, DESCRIPTION, "HB-Stent", "에이치바이오진단", world.company.name_en):
        assert secret not in assigned.subject + assigned.body

    request = workflow.accept_nda(actor=world.coordinator, request=request)
    request = workflow.accept_request(actor=world.coordinator, request=request)
    request = workflow.start_work(actor=world.coordinator, request=request)
    request = workflow.deliver_request(
        actor=world.coordinator,
        request=request,
        note="임상시험 설계 검토 보고서를 첨부합니다.",
        uploads=[pdf_upload("report.pdf")],
    )
    workflow.close_request(
        actor=world.company_member, request=request, rating=5, comment="큰 도움이 되었습니다."
    )
    run_worker()

    link = f"{SITE}/linkage/requests/{request.pk}/"
    parties = {world.company_member.email, world.coordinator.email, world.staff.email}
    assert {message.to[0] for message in mail.outbox} == parties | {english_staff.email}
    assert all(len(message.to) == 1 and link in message.body for message in mail.outbox)

    # The company hears of every step it did not take itself, in Korean.
    assert [s.split(" · ")[0] for s in subjects_to(world.company_member)] == [
        f"[{reference}] {step}"
        for step in (
            "의뢰 검토 완료",
            "의뢰 배정",
            "비밀유지계약(NDA) 동의",
            "의뢰 수락",
            "업무 착수",
            "결과 전달",
        )
    ]
    delivered = mails_to(world.company_member)[-1]
    assert "연세의료원" in delivered.body
    assert "임상시험 설계 검토 보고서를 첨부합니다." in delivered.body
    assert "- report.pdf" in delivered.body
    assert "심혈관질환" in delivered.body

    # The staff: the submission, then the provider's answers and the close.
    staff_steps = [s.split(" · ")[0] for s in subjects_to(english_staff)]
    assert staff_steps == [
        f"[{reference}] {step}"
        for step in (
            "New request to triage",
            "NDA accepted",
            "Request accepted",
            "Work started",
            "Result delivered",
            "Request closed",
        )
    ]
    submitted = mails_to(english_staff)[0]
    assert submitted.subject == f"[{reference}] New request to triage · {TITLE}"
    assert "Hello Jane Staff," in submitted.body
    assert f"{world.company.name_en} submitted a request to your cluster." in submitted.body
    assert "Therapeutic area: Cardiovascular diseases" in submitted.body
    # Times are Seoul's, in the reader's language.
    submit_at = request.events.get(step=Step.SUBMIT).at.astimezone(SEOUL)
    assert f"When: {submit_at:%Y-%m-%d} ({submit_at:%a}) {submit_at:%H:%M}" in submitted.body
    assert len(mails_to(world.staff)) == len(mails_to(english_staff))
    assert "에이치바이오진단" in mails_to(world.staff)[0].body

    # The provider, after the NDA, reads the close with its rating.
    _assigned, closed = mails_to(world.coordinator)
    assert closed.subject == f"[{reference}] Request closed · {TITLE}"
    assert (
        f"{world.company.name_en} closed the request and rated the service 5 out of 5."
        in closed.body
    )
    assert "큰 도움이 되었습니다." in closed.body


def test_a_sealed_assignment_names_only_reference_service_area_and_link(world):
    languages(world, coordinator="ko")
    request = confidential_request(world, status=RequestStatus.TRIAGED)
    workflow.assign_request(
        actor=world.staff,
        request=request,
        offering=world.offering,
        note="HB-Stent 확증 임상, 대상자 300명 규모",
    )
    tell(request, Step.ASSIGN)
    [sealed] = mails_to(world.coordinator)
    assert sealed.subject == f"[{request.reference}] 의뢰 배정 · 임상시험 컨설팅"
    assert request.reference in sealed.body
    assert "심혈관질환" in sealed.body
    assert f"{SITE}/linkage/requests/{request.pk}/" in sealed.body
    for secret in (
        TITLE,
        DESCRIPTION,
        "식약처 확증 임상 승인",
        "HB-Stent",
        "hb-stent-protocol.pdf",
        "대상자 300명",
        "에이치바이오진단",
        world.company.name_en,
    ):
        assert secret not in sealed.subject + sealed.body
    # The company reads its own request in full, with the staff's note.
    [company] = mails_to(world.company_member)
    assert TITLE in company.subject
    assert "HB-Stent 확증 임상, 대상자 300명 규모" in company.body

    # After the NDA the provider reads the details: a later close names the title.
    mail.outbox.clear()
    request = workflow.accept_nda(actor=world.coordinator, request=request)
    request = workflow.accept_request(actor=world.coordinator, request=request)
    request = workflow.deliver_request(actor=world.coordinator, request=request, note="보고서")
    workflow.close_request(actor=world.company_member, request=request, rating=4)
    tell(request, Step.CLOSE)
    [closed] = mails_to(world.coordinator)
    assert TITLE in closed.subject and "에이치바이오진단" in closed.body


def test_an_open_request_shows_its_title_to_the_provider_at_once(world):
    languages(world, coordinator="en")
    request = world.request(RequestStatus.ASSIGNED, is_confidential=False)
    tell(request, Step.ASSIGN)
    [assigned] = mails_to(world.coordinator)
    assert assigned.subject.endswith(f" · {TITLE}")
    assert "accept its NDA" not in assigned.body
    assert f"Company: {world.company.name_en}" in assigned.body
    assert "Answer due: " in assigned.body


def test_a_decline_tells_the_company_and_staff_the_reason_and_the_provider_no_more(world):
    languages(world, company="en", staff="en")
    request = world.request(RequestStatus.ASSIGNED)
    workflow.decline_request(
        actor=world.coordinator, request=request, reason="No cardiologist free this quarter."
    )
    tell(request, Step.DECLINE)
    [for_staff] = mails_to(world.staff)
    assert for_staff.subject == f"[{request.reference}] Request declined · {TITLE}"
    assert "Yonsei University Health System declined the request." in for_staff.body
    assert "Please assign it to another provider." in for_staff.body
    assert "Reason:\nNo cardiologist free this quarter." in for_staff.body
    [for_company] = mails_to(world.company_member)
    assert "The cluster staff will assign it to another provider." in for_company.body
    assert "No cardiologist free this quarter." in for_company.body
    assert mails_to(world.coordinator) == []

    # The first assignment's job, run late, no longer reaches the provider that declined;
    # the next provider hears of its own assignment.
    mail.outbox.clear()
    other = OfferingFactory(provider=world.others["hospital"])
    workflow.assign_request(actor=world.staff, request=request, offering=other)
    first, second = RequestEvent.objects.filter(request=request, step=Step.ASSIGN).order_by("pk")
    send_step_emails(event_id=first.pk)
    send_step_emails(event_id=second.pk)
    assert mails_to(world.coordinator) == []
    assert len(mails_to(world.other_coordinator)) == 1


def test_cancelling_tells_the_provider_that_held_it_and_the_staff(world):
    languages(world, coordinator="en", staff="en")
    request = world.request(RequestStatus.IN_PROGRESS)
    workflow.cancel_request(
        actor=world.company_member, request=request, reason="Budget moved to next year."
    )
    tell(request, Step.CANCEL)
    assert {m.to[0] for m in mail.outbox} == {world.coordinator.email, world.staff.email}
    [for_provider] = mails_to(world.coordinator)
    assert for_provider.subject.startswith(f"[{request.reference}] Request cancelled · ")
    assert "cancelled the request." in for_provider.body

    # Cancelled before it was assigned, it tells the staff only; unsent, nobody.
    mail.outbox.clear()
    triaged = world.request(RequestStatus.TRIAGED)
    workflow.cancel_request(actor=world.company_member, request=triaged)
    tell(triaged, Step.CANCEL)
    assert [m.to for m in mail.outbox] == [[world.staff.email]]
    mail.outbox.clear()
    draft = world.request(RequestStatus.DRAFT)
    workflow.cancel_request(actor=world.company_member, request=draft)
    assert tell(draft, Step.CANCEL) == 0


def test_a_cancelled_confidential_request_stays_sealed_for_a_provider_before_the_nda(world):
    request = world.request(RequestStatus.ASSIGNED)
    workflow.cancel_request(actor=world.company_member, request=request, reason="HB-Stent 보류")
    tell(request, Step.CANCEL)
    [for_provider] = mails_to(world.coordinator)
    for secret in (TITLE, "HB-Stent", "에이치바이오진단", world.company.name_en):
        assert secret not in for_provider.subject + for_provider.body


def test_an_addressed_request_goes_to_the_staff_and_straight_to_the_provider(world):
    languages(world, staff="en")
    colleague = MembershipFactory(organization=world.company).user
    request = world.request(RequestStatus.DRAFT, addressed_offering=world.offering)
    workflow.submit_request(actor=world.company_member, request=request)
    assert tell(request, Step.SUBMIT) == 1
    [submitted] = mails_to(world.staff)
    assert "The company addressed it to a provider, so it went on to them." in submitted.body
    tell(request, Step.ASSIGN)
    # The provider and the company, but not the member who took the step.
    assert len(mails_to(world.coordinator)) == 1
    assert len(mails_to(colleague)) == 1
    assert mails_to(world.company_member) == []


def test_the_provider_is_told_through_its_coordinators_or_else_all_its_members(world):
    clerk = MembershipFactory(organization=world.hospital, role=Role.COMPANY_MEMBER).user
    request = world.request(RequestStatus.ASSIGNED)
    tell(request, Step.ASSIGN)
    assert len(mails_to(world.coordinator)) == 1
    assert mails_to(clerk) == []

    firm = HospitalFactory()
    partners = [MembershipFactory(organization=firm, role=Role.COMPANY_MEMBER).user for _ in "ab"]
    MembershipFactory(organization=firm, user=UserFactory(is_active=False))
    mail.outbox.clear()
    other = world.request(RequestStatus.TRIAGED)
    workflow.assign_request(
        actor=world.staff, request=other, offering=OfferingFactory(provider=firm)
    )
    tell(other, Step.ASSIGN)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.company_member.email, *(p.email for p in partners)]
    )
