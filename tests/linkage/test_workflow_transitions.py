"""Every role against every step of the workflow, from every state of a request.

The right role in the right state changes exactly what the step should (status,
timestamps, deadlines, one timeline row, an e-mail queued). Everyone else is refused,
with the error that says why, and the request stays as it was:

- someone who cannot see the request: `ServiceRequest.DoesNotExist` (404);
- a party without that right: `PermissionDenied` (403);
- the right role in the wrong state: `IllegalTransition` (409).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from ieum.core.business_days import add_business_days, seoul_today
from ieum.linkage import workflow
from ieum.linkage.drafts import update_request
from ieum.linkage.enums import FileKind, RequestStatus, Step
from ieum.linkage.errors import IllegalTransition
from ieum.linkage.models import (
    RequestEvent,
    RequestFile,
    RequestMessage,
    ServiceOffering,
    ServiceRequest,
)
from ieum.linkage.visibility import visible_requests
from tests.linkage.factories import OfferingFactory, cardiovascular, pdf_upload
from tests.linkage.states import (
    ASSIGNED_OPEN,
    PARTIES,
    ROLES,
    STATES,
    request_in,
    status_of,
)

S = RequestStatus
# The company may cancel until the provider delivered.
OPEN_STATES = frozenset(
    {S.DRAFT, S.SUBMITTED, S.TRIAGED, S.ASSIGNED, ASSIGNED_OPEN, S.ACCEPTED, S.IN_PROGRESS}
)

NOW = object()  # a timestamp the step sets to the time it ran


def sees(role: str, state: str) -> bool:
    return role in PARTIES[state]


@dataclass(frozen=True)
class StepCase:
    roles: frozenset[str]  # who has the right to take the step
    states: frozenset[str]  # the states it starts from


STEPS = {
    "submit": StepCase(frozenset({"company"}), frozenset({S.DRAFT})),
    "update": StepCase(frozenset({"company"}), frozenset({S.DRAFT})),
    "triage": StepCase(frozenset({"staff", "admin"}), frozenset({S.SUBMITTED})),
    "assign": StepCase(
        frozenset({"staff", "admin"}),
        frozenset({S.SUBMITTED, S.TRIAGED, S.ASSIGNED, ASSIGNED_OPEN}),
    ),
    "accept_nda": StepCase(frozenset({"coordinator"}), frozenset({S.ASSIGNED})),
    # A confidential request is accepted only after its NDA.
    "accept": StepCase(frozenset({"coordinator"}), frozenset({ASSIGNED_OPEN})),
    "decline": StepCase(frozenset({"coordinator"}), frozenset({S.ASSIGNED, ASSIGNED_OPEN})),
    "start": StepCase(frozenset({"coordinator"}), frozenset({S.ACCEPTED})),
    "deliver": StepCase(frozenset({"coordinator"}), frozenset({S.ACCEPTED, S.IN_PROGRESS})),
    "close": StepCase(frozenset({"company"}), frozenset({S.DELIVERED})),
    "cancel": StepCase(frozenset({"company"}), OPEN_STATES),
}


def expected_outcome(step: str, role: str, state: str):
    if not sees(role, state):
        return ServiceRequest.DoesNotExist
    if role not in STEPS[step].roles:
        return PermissionDenied
    if state not in STEPS[step].states:
        return IllegalTransition
    return None


def second_offering(world) -> ServiceOffering:
    """Another hospital's cardiovascular service, for (re)assigning."""
    offering = ServiceOffering.objects.filter(provider=world.others["hospital"]).first()
    return offering or OfferingFactory(
        provider=world.others["hospital"], therapeutic_areas=[cardiovascular()], response_days=5
    )


def take(step: str, world, actor, request: ServiceRequest):
    if step == "submit":
        return workflow.submit_request(actor=actor, request=request)
    if step == "update":
        return update_request(actor=actor, request=request, data={"title": "수정한 제목"})
    if step == "triage":
        return workflow.triage_request(actor=actor, request=request, note="심혈관 임상 설계 건")
    if step == "assign":
        return workflow.assign_request(
            actor=actor, request=request, offering=second_offering(world), note="전문 병원 배정"
        )
    if step == "accept_nda":
        return workflow.accept_nda(actor=actor, request=request)
    if step == "accept":
        return workflow.accept_request(actor=actor, request=request)
    if step == "decline":
        return workflow.decline_request(actor=actor, request=request, reason="일정이 가득 찼습니다")
    if step == "start":
        return workflow.start_work(actor=actor, request=request)
    if step == "deliver":
        return workflow.deliver_request(
            actor=actor, request=request, note="보고서를 보냅니다", uploads=[pdf_upload("r.pdf")]
        )
    if step == "close":
        return workflow.close_request(actor=actor, request=request, rating=4, comment=" 좋았음 ")
    if step == "cancel":
        return workflow.cancel_request(actor=actor, request=request, reason=" 일정 변경 ")
    raise AssertionError(step)


def snapshot(request: ServiceRequest) -> dict:
    row = ServiceRequest.objects.filter(pk=request.pk).values().get()
    return {
        "row": row,
        "events": RequestEvent.objects.filter(request=request).count(),
        "messages": RequestMessage.objects.filter(request=request).count(),
        "files": RequestFile.objects.filter(request=request).count(),
    }


def expected_changes(step: str, world, actor, state: str, today) -> dict:
    """The columns the step sets, by attribute name; every other column stays."""
    if step == "submit":
        return {
            "status": S.SUBMITTED,
            "submitted_at": NOW,
            "triage_due": add_business_days(today, workflow.TRIAGE_BUSINESS_DAYS),
        }
    if step == "update":
        return {"title": "수정한 제목"}
    if step == "triage":
        return {"status": S.TRIAGED, "triage_note": "심혈관 임상 설계 건"}
    if step == "assign":
        offering = second_offering(world)
        return {
            "status": S.ASSIGNED,
            "offering_id": offering.pk,
            "provider_id": offering.provider_id,
            "assigned_at": NOW,
            "response_due": add_business_days(today, offering.response_days),
            "delivery_due": None,
            "nda_accepted_at": None,
            "nda_accepted_by_id": None,
        }
    if step == "accept_nda":
        return {"nda_accepted_at": NOW, "nda_accepted_by_id": actor.pk}
    if step == "accept":
        return {
            "status": S.ACCEPTED,
            "accepted_at": NOW,
            "delivery_due": add_business_days(today, world.offering.lead_time_days),
        }
    if step == "decline":
        return {
            "status": S.TRIAGED,
            "offering_id": None,
            "provider_id": None,
            "response_due": None,
            "nda_accepted_at": None,
            "nda_accepted_by_id": None,
        }
    if step == "start":
        return {"status": S.IN_PROGRESS}
    if step == "deliver":
        return {"status": S.DELIVERED, "delivered_at": NOW}
    if step == "close":
        return {"status": S.CLOSED, "rating": 4, "rating_comment": "좋았음", "closed_at": NOW}
    if step == "cancel":
        return {"status": S.CANCELLED}
    raise AssertionError(step)


EVENT_STEPS = {
    "submit": Step.SUBMIT,
    "triage": Step.TRIAGE,
    "assign": Step.ASSIGN,
    "accept_nda": Step.ACCEPT_NDA,
    "accept": Step.ACCEPT,
    "decline": Step.DECLINE,
    "start": Step.START,
    "deliver": Step.DELIVER,
    "close": Step.CLOSE,
    "cancel": Step.CANCEL,
}
EVENT_NOTES = {
    "triage": "심혈관 임상 설계 건",
    "assign": "전문 병원 배정",
    "decline": "일정이 가득 찼습니다",
    "deliver": "보고서를 보냅니다",
    "close": "좋았음",
    "cancel": "일정 변경",
}


def assert_changed_exactly(before: dict, after: dict, expected: dict, started: datetime) -> None:
    for column, value in after.items():
        if column == "updated_at":
            assert value >= before[column]
        elif column not in expected:
            assert value == before[column], f"{column} changed: {before[column]!r} → {value!r}"
        elif expected[column] is NOW:
            assert value is not None and started <= value <= timezone.now(), column
        else:
            assert value == expected[column], column


def assert_refused(step, world, actor, request, error) -> None:
    before = snapshot(request)
    with pytest.raises(error):
        take(step, world, actor, request)
    after = snapshot(request)
    assert after == before


def assert_succeeds(step, world, role, state, django_capture_on_commit_callbacks) -> None:
    actor = world.roles[role]
    request = request_in(world, state)
    provider_before = request.provider_id
    before = snapshot(request)
    today = seoul_today()
    started = timezone.now()
    with django_capture_on_commit_callbacks() as callbacks:
        returned = take(step, world, actor, request)
    after = snapshot(request)
    expected = expected_changes(step, world, actor, state, today)
    assert_changed_exactly(before["row"], after["row"], expected, started)
    assert returned.status == after["row"]["status"]

    new_events = list(RequestEvent.objects.filter(request=request).order_by("pk"))[
        before["events"] :
    ]
    if step == "update":
        assert new_events == [] and callbacks == []
        return
    [event] = new_events
    from_status = status_of(state)
    assert (event.step, event.from_status, event.to_status) == (
        EVENT_STEPS[step],
        from_status,
        after["row"]["status"],
    )
    assert event.actor == actor
    assert event.note == EVENT_NOTES.get(step, "")
    # The timeline names the provider concerned: the new one on assignment, the one
    # that declined on a decline.
    assert event.provider_id == (after["row"]["provider_id"] or provider_before)
    assert started <= event.at <= timezone.now()
    # One e-mail job per step, queued when the transaction commits.
    assert len(callbacks) == 1

    if step == "deliver":
        message = RequestMessage.objects.filter(request=request).latest("pk")
        assert message.body == "보고서를 보냅니다" and message.author == actor
        [file] = RequestFile.objects.filter(request=request, kind=FileKind.DELIVERABLE)
        assert file.message == message and file.original_name == "r.pdf"
    else:
        assert after["messages"] == before["messages"] and after["files"] == before["files"]
    if step == "decline":
        assert not actor.has_perm("linkage.view_request", ServiceRequest.objects.get(pk=request.pk))
        assert not visible_requests(actor).filter(pk=request.pk).exists()


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("step", list(STEPS))
def test_every_role_takes_every_step_from_every_state(
    world, step, state, django_capture_on_commit_callbacks
):
    request = request_in(world, state)
    allowed = []
    for role in ROLES:
        outcome = expected_outcome(step, role, state)
        if outcome is None:
            allowed.append(role)
        else:
            assert_refused(step, world, world.roles[role], request, outcome)
    for role in allowed:
        assert_succeeds(step, world, role, state, django_capture_on_commit_callbacks)
    # The matrix means something: each step succeeds from some state for some role.
    assert any(expected_outcome(step, role, s) is None for role in ROLES for s in STATES)


def test_the_matrix_lets_exactly_the_right_roles_through():
    allowed = {
        step: {
            (role, state)
            for role in ROLES
            for state in STATES
            if not expected_outcome(step, role, state)
        }
        for step in STEPS
    }
    assert {role for pairs in allowed.values() for role, _state in pairs} == {
        "company",
        "coordinator",
        "staff",
        "admin",
    }
    assert allowed["accept"] == {("coordinator", ASSIGNED_OPEN)}
    assert allowed["close"] == {("company", S.DELIVERED)}
