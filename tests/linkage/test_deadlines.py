"""Deadlines in business days from the day of each step, and who is late on a given day."""

from datetime import date

import pytest

from ieum.core.business_days import add_business_days
from ieum.linkage import workflow
from ieum.linkage.deadlines import due_date, is_overdue, overdue_requests
from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceRequest
from tests.linkage.factories import OfferingFactory
from tests.linkage.states import ASSIGNED_OPEN, CANCELLED_LATE, STATES, request_in

S = RequestStatus
# Tuesday before Chuseok 2026 (Thursday 24 to Saturday 26 September).
TUESDAY = date(2026, 9, 22)


@pytest.fixture
def today(monkeypatch):
    """The date the workflow takes as today in Seoul; tests move it with `.set()`."""

    class Clock:
        day = TUESDAY

        def set(self, day: date) -> None:
            self.day = day

    clock = Clock()
    monkeypatch.setattr(workflow, "seoul_today", lambda: clock.day)
    return clock


def test_staff_have_two_business_days_to_triage(world, today):
    request = world.request(S.SUBMITTED)
    # Wednesday 23, then Chuseok and the weekend, then Monday 28.
    assert request.triage_due == date(2026, 9, 28)


def test_the_provider_answers_within_its_response_days(world, today):
    request = world.request(S.TRIAGED)
    today.set(date(2026, 9, 23))
    request = workflow.assign_request(actor=world.staff, request=request, offering=world.offering)
    # Three business days from Wednesday 23: Monday 28, Tuesday 29, Wednesday 30.
    assert world.offering.response_days == 3
    assert request.response_due == date(2026, 9, 30)
    assert request.delivery_due is None


def test_delivery_is_due_lead_time_business_days_after_accepting(world, today):
    request = world.request(S.ASSIGNED)
    request = workflow.accept_nda(actor=world.coordinator, request=request)
    today.set(date(2026, 10, 2))
    request = workflow.accept_request(actor=world.coordinator, request=request)
    # Ten business days from Friday 2 October skip Monday 5 (substitute for 3 October)
    # and Friday 9 (Hangul Day): 6, 7, 8, 12, 13, 14, 15, 16, 19, 20.
    assert world.offering.lead_time_days == 10
    assert request.delivery_due == date(2026, 10, 20)


def test_an_addressed_request_gets_its_answer_deadline_on_submit(world, today):
    request = world.request(S.DRAFT, addressed_offering=world.offering)
    request = workflow.submit_request(actor=world.company_member, request=request)
    assert request.status == S.ASSIGNED
    assert request.response_due == date(2026, 9, 29)
    assert due_date(request) == date(2026, 9, 29)


def test_reassigning_restarts_the_answer_clock_and_declining_stops_it(world, today):
    request = world.request(S.ASSIGNED)
    assert request.response_due == date(2026, 9, 29)
    today.set(date(2026, 9, 30))
    slower = OfferingFactory(provider=world.others["hospital"], response_days=5)
    request = workflow.assign_request(actor=world.staff, request=request, offering=slower)
    # Five business days from Wednesday 30: 1, 2, 6, 7, 8 October.
    assert request.response_due == date(2026, 10, 8)
    today.set(date(2026, 10, 2))
    request = workflow.decline_request(
        actor=world.other_coordinator, request=request, reason="여력 없음"
    )
    # Back in triage: staff owe a new assignment two business days after the decline,
    # skipping the substitute holiday on Monday 5 October.
    assert request.response_due is None
    assert request.triage_due == date(2026, 10, 7)
    assert due_date(request) == date(2026, 10, 7)


def walked(world) -> dict[str, ServiceRequest]:
    """One request in each state, every step taken on TUESDAY."""
    return {state: request_in(world, state) for state in STATES}


def test_each_state_is_due_by_its_own_deadline(world, today):
    requests = walked(world)
    triage = add_business_days(TUESDAY, 2)
    answer = add_business_days(TUESDAY, world.offering.response_days)
    delivery = add_business_days(TUESDAY, world.offering.lead_time_days)
    assert (triage, answer, delivery) == (date(2026, 9, 28), date(2026, 9, 29), date(2026, 10, 12))
    expected = {
        S.DRAFT: None,
        S.SUBMITTED: triage,
        S.TRIAGED: triage,
        S.ASSIGNED: answer,
        ASSIGNED_OPEN: answer,
        S.ACCEPTED: delivery,
        S.IN_PROGRESS: delivery,
        S.DELIVERED: None,
        S.CLOSED: None,
        S.CANCELLED: None,
        CANCELLED_LATE: None,
    }
    assert {state: due_date(request) for state, request in requests.items()} == expected


@pytest.mark.parametrize(
    ("day", "late"),
    [
        (TUESDAY, set()),
        # The day a deadline falls on is still in time.
        (date(2026, 9, 28), set()),
        (date(2026, 9, 29), {S.SUBMITTED, S.TRIAGED}),
        (date(2026, 9, 30), {S.SUBMITTED, S.TRIAGED, S.ASSIGNED, ASSIGNED_OPEN}),
        (date(2026, 10, 12), {S.SUBMITTED, S.TRIAGED, S.ASSIGNED, ASSIGNED_OPEN}),
        (
            date(2026, 10, 13),
            {S.SUBMITTED, S.TRIAGED, S.ASSIGNED, ASSIGNED_OPEN, S.ACCEPTED, S.IN_PROGRESS},
        ),
        (
            date(2027, 1, 4),
            {S.SUBMITTED, S.TRIAGED, S.ASSIGNED, ASSIGNED_OPEN, S.ACCEPTED, S.IN_PROGRESS},
        ),
    ],
)
def test_overdue_requests_are_exactly_the_late_ones(world, today, day, late):
    requests = walked(world)
    found = set(overdue_requests(ServiceRequest.objects.all(), today=day))
    assert found == {requests[state] for state in late}
    for state, request in requests.items():
        request.refresh_from_db()
        assert is_overdue(request, today=day) == (state in late), state


def test_overdue_requests_narrow_a_given_list(world, today):
    late = world.request(S.SUBMITTED)
    world.request(S.DELIVERED)
    after = date(2026, 10, 1)
    assert list(overdue_requests(ServiceRequest.objects.filter(pk=late.pk), today=after)) == [late]
    assert not overdue_requests(ServiceRequest.objects.exclude(pk=late.pk), today=after).exists()
