"""People acting on one request at the same moment take turns, and the result adds up."""

import pytest

from ieum.accounts.enums import Role
from ieum.linkage import workflow
from ieum.linkage.enums import RequestStatus, Step
from ieum.linkage.errors import IllegalTransition
from ieum.linkage.models import RequestFile, RequestMessage, ServiceRequest
from tests.factories import MembershipFactory
from tests.linkage.factories import OfferingFactory, cardiovascular, pdf_upload
from tests.linkage.states import CANCELLED_LATE, PARTIES
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)
S = RequestStatus
ROUNDS = 4
# What the provider meets when the company cancelled first: the rules take a cancelled
# request away from its provider (states.PARTIES), so it is gone for them (404), not a
# step out of turn (409).
PROVIDER_AFTER_CANCEL = "illegal" if "coordinator" in PARTIES[CANCELLED_LATE] else "gone"


def outcomes(*actions) -> list[str]:
    return race(
        *actions, refusals={IllegalTransition: "illegal", ServiceRequest.DoesNotExist: "gone"}
    )


def steps_of(request, *steps) -> list[tuple[str, str, str]]:
    events = request.events.filter(step__in=steps).order_by("at", "pk")
    return list(events.values_list("step", "from_status", "to_status"))


def test_two_staff_assigning_at_once_leave_one_provider_and_a_clear_timeline(world):
    second_staff = MembershipFactory(
        organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    ).user
    other = OfferingFactory(provider=world.others["hospital"], therapeutic_areas=[cardiovascular()])
    for _ in range(ROUNDS):
        request = world.request(S.TRIAGED)
        result = outcomes(
            lambda r=request: workflow.assign_request(
                actor=world.staff, request=r, offering=world.offering
            ),
            lambda r=request: workflow.assign_request(
                actor=second_staff, request=r, offering=other
            ),
        )
        # Reassigning is allowed, so both succeed, one after the other.
        assert result == ["done", "done"]
        request.refresh_from_db()
        assert request.status == S.ASSIGNED
        assert request.offering in (world.offering, other)
        assert request.provider_id == request.offering.provider_id
        events = list(request.events.filter(step=Step.ASSIGN).order_by("at", "pk"))
        assert [(e.from_status, e.to_status) for e in events] == [
            (S.TRIAGED, S.ASSIGNED),
            (S.ASSIGNED, S.ASSIGNED),
        ]
        assert {e.actor_id for e in events} == {world.staff.pk, second_staff.pk}
        # The last assignment is the one that holds.
        assert events[-1].provider_id == request.provider_id
        assert events[0].provider_id != request.provider_id


def test_the_provider_accepting_while_the_company_cancels_ends_cancelled(world):
    seen = set()
    for _ in range(ROUNDS):
        request = world.request(S.ASSIGNED, is_confidential=False)
        accepted, cancelled = outcomes(
            lambda r=request: workflow.accept_request(actor=world.coordinator, request=r),
            lambda r=request: workflow.cancel_request(
                actor=world.company_member, request=r, reason="자체 진행"
            ),
        )
        seen.add(accepted)
        # The company may cancel an accepted request, so the cancel always goes through;
        # the accept either came first or finds the request cancelled.
        assert cancelled == "done"
        request.refresh_from_db()
        assert request.status == S.CANCELLED
        if accepted == "done":
            assert request.accepted_at is not None
            assert steps_of(request, Step.ACCEPT, Step.CANCEL) == [
                (Step.ACCEPT, S.ASSIGNED, S.ACCEPTED),
                (Step.CANCEL, S.ACCEPTED, S.CANCELLED),
            ]
        else:
            assert accepted == PROVIDER_AFTER_CANCEL
            assert request.accepted_at is None and request.delivery_due is None
            assert steps_of(request, Step.ACCEPT, Step.CANCEL) == [
                (Step.CANCEL, S.ASSIGNED, S.CANCELLED)
            ]
    assert seen <= {"done", PROVIDER_AFTER_CANCEL}


def test_delivering_while_the_company_cancels_lets_exactly_one_win(world):
    for _ in range(ROUNDS):
        request = world.request(S.IN_PROGRESS)
        result = outcomes(
            lambda r=request: workflow.deliver_request(
                actor=world.coordinator, request=r, note="최종 보고서", uploads=[pdf_upload()]
            ),
            lambda r=request: workflow.cancel_request(actor=world.company_member, request=r),
        )
        # Exactly one wins: a delivered request can no longer be cancelled, and a
        # cancelled one is not delivered.
        assert result in (["done", "illegal"], [PROVIDER_AFTER_CANCEL, "done"])
        request.refresh_from_db()
        deliverables = RequestFile.objects.filter(request=request).count()
        messages = RequestMessage.objects.filter(request=request).count()
        if result[0] == "done":
            assert request.status == S.DELIVERED and request.delivered_at is not None
            assert steps_of(request, Step.DELIVER, Step.CANCEL) == [
                (Step.DELIVER, S.IN_PROGRESS, S.DELIVERED)
            ]
            assert (deliverables, messages) == (1, 1)
        else:
            assert request.status == S.CANCELLED and request.delivered_at is None
            assert steps_of(request, Step.DELIVER, Step.CANCEL) == [
                (Step.CANCEL, S.IN_PROGRESS, S.CANCELLED)
            ]
            assert (deliverables, messages) == (0, 0)


def test_two_coordinators_accepting_at_once_accept_once(world):
    colleague = MembershipFactory(organization=world.hospital, role=Role.HOSPITAL_COORDINATOR).user
    for _ in range(ROUNDS):
        request = world.request(S.ASSIGNED)
        request = workflow.accept_nda(actor=world.coordinator, request=request)
        result = outcomes(
            lambda r=request: workflow.accept_request(actor=world.coordinator, request=r),
            lambda r=request: workflow.accept_request(actor=colleague, request=r),
        )
        assert sorted(result) == ["done", "illegal"]
        request.refresh_from_db()
        assert request.status == S.ACCEPTED
        [event] = request.events.filter(step=Step.ACCEPT)
        winner = world.coordinator if result[0] == "done" else colleague
        assert event.actor_id == winner.pk


def test_two_coordinators_accepting_the_nda_at_once_record_it_once(world):
    colleague = MembershipFactory(organization=world.hospital, role=Role.HOSPITAL_COORDINATOR).user
    for _ in range(ROUNDS):
        request = world.request(S.ASSIGNED)
        result = outcomes(
            lambda r=request: workflow.accept_nda(actor=world.coordinator, request=r),
            lambda r=request: workflow.accept_nda(actor=colleague, request=r),
        )
        assert sorted(result) == ["done", "illegal"]
        request.refresh_from_db()
        assert request.events.filter(step=Step.ACCEPT_NDA).count() == 1
        winner = world.coordinator if result[0] == "done" else colleague
        assert request.nda_accepted_by_id == winner.pk
