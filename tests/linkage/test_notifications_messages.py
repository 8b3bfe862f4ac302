"""A message on a request's thread is e-mailed to the other parties who may read it."""

from __future__ import annotations

import pytest
from django.core import mail

from ieum.accounts.enums import Role
from ieum.linkage.enums import RequestStatus
from ieum.linkage.mailings import send_message_emails
from ieum.linkage.threads import post_message
from tests.factories import MembershipFactory, UserFactory
from tests.linkage.factories import pdf_upload, xlsx_upload
from tests.worker import run_worker

SITE = "https://ieum.example.kr"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def recipients() -> set[str]:
    return {message.to[0] for message in mail.outbox}


def by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


@pytest.mark.django_db(transaction=True)
def test_the_real_worker_sends_a_message_to_the_other_sides_in_their_language(world):
    world.coordinator.preferred_language = "en"
    world.coordinator.save(update_fields=["preferred_language"])
    colleague = MembershipFactory(organization=world.company).user
    request = world.request(RequestStatus.ACCEPTED)
    run_worker()
    mail.outbox.clear()

    post_message(
        actor=world.company_member,
        request=request,
        body="프로토콜 초안을 보내드립니다. 검토 부탁드립니다.",
        uploads=[pdf_upload("protocol-v2.pdf"), xlsx_upload("sample-size.xlsx")],
    )
    run_worker()
    # Not the author, nor the author's own side.
    assert recipients() == {world.coordinator.email, world.staff.email}
    assert colleague.email not in recipients()
    sent = by_recipient()
    english = sent[world.coordinator.email]
    assert english.subject == f"[{request.reference}] New message · {request.title}"
    assert f"of {world.company.name_en} wrote on the request:" in english.body
    assert "프로토콜 초안을 보내드립니다. 검토 부탁드립니다." in english.body
    assert "- protocol-v2.pdf\n- sample-size.xlsx" in english.body
    assert f"{SITE}/linkage/requests/{request.pk}/" in english.body
    korean = sent[world.staff.email]
    assert "에이치바이오진단" in korean.body
    assert "심혈관질환" in korean.body


def test_a_provider_before_the_nda_is_not_sent_the_thread(world):
    staff_colleague = MembershipFactory(
        organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    ).user
    request = world.request(RequestStatus.ASSIGNED)
    message = post_message(
        actor=world.staff, request=request, body="HB-Stent 임상 설계는 300명 규모로 보입니다."
    )
    assert send_message_emails(message_id=message.pk) == 1
    assert recipients() == {world.company_member.email}
    assert staff_colleague.email not in recipients()


def test_a_providers_message_goes_to_the_company_and_the_staff(world):
    second_coordinator = MembershipFactory(
        organization=world.hospital,
        role=Role.HOSPITAL_COORDINATOR,
        user=UserFactory(preferred_language="en"),
    ).user
    request = world.request(RequestStatus.IN_PROGRESS, is_confidential=False)
    message = post_message(actor=world.coordinator, request=request, body="중간 보고입니다.")
    send_message_emails(message_id=message.pk)
    assert recipients() == {world.company_member.email, world.staff.email}
    assert second_coordinator.email not in recipients()
    assert "연세의료원" in by_recipient()[world.staff.email].body


def test_no_outsider_is_sent_a_message(world):
    request = world.request(RequestStatus.ACCEPTED)
    message = post_message(actor=world.admin, request=request, body="플랫폼 공지입니다.")
    send_message_emails(message_id=message.pk)
    # An admin writes for no party: all three parties hear of it, and no one else.
    assert recipients() == {
        world.company_member.email,
        world.coordinator.email,
        world.staff.email,
    }
