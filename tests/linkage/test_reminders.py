"""Once a business day, whoever holds overdue requests gets one e-mail listing them,
however many workers run."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core import mail

from ieum.accounts.enums import Role
from ieum.linkage import tasks
from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceRequest
from ieum.linkage.reminders import send_overdue_reminders
from tests.factories import MembershipFactory, UserFactory
from tests.race import race
from tests.worker import queue_periodic, run_worker

SITE = "https://ieum.example.kr"
TUESDAY = date(2030, 1, 15)
WEDNESDAY = date(2030, 1, 16)
SATURDAY = date(2030, 1, 19)
INDEPENDENCE_DAY = date(2030, 3, 1)  # a Friday and a public holiday
TITLE = "심혈관 스텐트 임상시험 설계 자문"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.IEUM_SITE_URL = SITE


def overdue(world, status: str, *, due: date, **data) -> ServiceRequest:
    request = world.request(status, **data)
    field = {
        RequestStatus.SUBMITTED: "triage_due",
        RequestStatus.TRIAGED: "triage_due",
        RequestStatus.ASSIGNED: "response_due",
        RequestStatus.ACCEPTED: "delivery_due",
        RequestStatus.IN_PROGRESS: "delivery_due",
    }[status]
    ServiceRequest.objects.filter(pk=request.pk).update(**{field: due})
    request.refresh_from_db()
    return request


def by_recipient() -> dict:
    return {message.to[0]: message for message in mail.outbox}


def test_each_holder_gets_one_list_of_their_overdue_requests_once_a_day(world):
    world.coordinator.preferred_language = "en"
    world.coordinator.save(update_fields=["preferred_language"])
    untriaged = overdue(world, RequestStatus.SUBMITTED, due=TUESDAY - timedelta(days=1))
    sealed = overdue(
        world, RequestStatus.ASSIGNED, due=date(2030, 1, 10), title="비공개 스텐트 설계 의뢰"
    )
    late = overdue(world, RequestStatus.IN_PROGRESS, due=date(2030, 1, 14), title="진행 중 의뢰")
    # Due today is not late yet.
    overdue(world, RequestStatus.ASSIGNED, due=TUESDAY)
    overdue(world, RequestStatus.TRIAGED, due=TUESDAY)

    assert send_overdue_reminders(today=TUESDAY) == 2
    sent = by_recipient()
    assert set(sent) == {world.staff.email, world.coordinator.email}

    for_provider = sent[world.coordinator.email]
    assert for_provider.subject == "2 requests are overdue"
    body = for_provider.body
    # Before the NDA the provider sees the reference, service and area, not the title.
    assert f"- {sealed.reference} · Clinical-trial consulting · Cardiovascular diseases" in body
    assert "비공개 스텐트 설계 의뢰" not in body and "HB-Stent" not in body
    assert "Answer due: 2030-01-10 (Thu) (3 business days late)" in body
    assert f"- {late.reference} · 진행 중 의뢰" in body
    assert "Delivery due: 2030-01-14 (Mon) (1 business day late)" in body
    assert f"{SITE}/linkage/requests/{sealed.pk}/" in body

    for_staff = sent[world.staff.email]
    assert f"{untriaged.reference} · {TITLE}" in for_staff.body
    assert "2030-01-14 (월요일)" in for_staff.body
    assert sealed.reference not in for_staff.body

    assert set(
        ServiceRequest.objects.filter(last_reminded_on=TUESDAY).values_list("pk", flat=True)
    ) == {untriaged.pk, sealed.pk, late.pk}

    # Not twice the same day; again the next business day; never on days off.
    mail.outbox.clear()
    assert send_overdue_reminders(today=TUESDAY) == 0
    assert send_overdue_reminders(today=SATURDAY) == 0
    assert send_overdue_reminders(today=INDEPENDENCE_DAY) == 0
    assert mail.outbox == []
    assert send_overdue_reminders(today=WEDNESDAY) == 2


def test_no_one_outside_the_holders_is_reminded(world):
    MembershipFactory(organization=world.hospital, role=Role.COMPANY_MEMBER)
    inactive = MembershipFactory(
        organization=world.hospital,
        role=Role.HOSPITAL_COORDINATOR,
        user=UserFactory(is_active=False),
    ).user
    overdue(world, RequestStatus.ASSIGNED, due=date(2030, 1, 10))
    send_overdue_reminders(today=TUESDAY)
    assert [message.to for message in mail.outbox] == [[world.coordinator.email]]
    assert inactive.email not in by_recipient()


@pytest.mark.django_db(transaction=True)
def test_workers_reminding_at_once_send_each_holder_one_list(world):
    requests = [
        overdue(world, RequestStatus.SUBMITTED, due=date(2030, 1, 10)),
        overdue(world, RequestStatus.SUBMITTED, due=date(2030, 1, 11)),
        overdue(world, RequestStatus.ASSIGNED, due=date(2030, 1, 10)),
        overdue(world, RequestStatus.ACCEPTED, due=date(2030, 1, 14)),
    ]
    outcomes = race(*[lambda: str(send_overdue_reminders(today=TUESDAY))] * 3)
    assert sorted(outcomes) == ["0", "0", "2"]
    sent = by_recipient()
    assert len(mail.outbox) == 2 and set(sent) == {world.staff.email, world.coordinator.email}
    for request in requests:
        assert sum(request.reference in message.body for message in mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_the_periodic_task_reminds_through_the_real_worker(world, monkeypatch):
    request = overdue(world, RequestStatus.SUBMITTED, due=date(2030, 1, 10))
    run_worker()  # the steps' own e-mails
    mail.outbox.clear()
    monkeypatch.setattr(tasks, "seoul_today", lambda: TUESDAY)
    for _ in range(2):
        queue_periodic(tasks.send_overdue_reminders)
        run_worker()
    [reminder] = mail.outbox
    assert reminder.to == [world.staff.email]
    assert request.reference in reminder.body
