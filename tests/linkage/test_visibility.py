"""Who knows of a request, and who reads its details, in every state.

`visible_requests` (the query every list starts from) and the rule
`linkage.view_request` (what a detail page checks) must agree for every person and
every state, or a request would show in a list and 404 on its page, or worse.
"""

import pytest
from django.core.exceptions import PermissionDenied

from ieum.accounts.enums import Role
from ieum.linkage import workflow
from ieum.linkage.enums import ReadChannel, RequestStatus
from ieum.linkage.models import RequestMessage, RequestRead, ServiceRequest
from ieum.linkage.threads import post_message
from ieum.linkage.visibility import record_read, record_reads, visible_requests
from tests.factories import HospitalFactory, MembershipFactory
from tests.linkage.factories import OfferingFactory
from tests.linkage.states import (
    ASSIGNED_OPEN,
    CANCELLED_LATE,
    PARTIES,
    ROLES,
    STATES,
    request_in,
)

S = RequestStatus


@pytest.mark.parametrize("state", STATES)
def test_the_list_and_the_rule_agree_for_every_role(world, state):
    request = request_in(world, state)
    # Another company's request, to be sure lists do not leak across companies.
    other = request_in(world, S.SUBMITTED)
    other.company = world.others["company"]
    other.save(update_fields=["company"])
    for role in ROLES:
        user = world.roles[role]
        listed = visible_requests(user).filter(pk=request.pk).exists()
        allowed = user.has_perm("linkage.view_request", request)
        assert listed == allowed, role
        assert allowed == (role in PARTIES[state]), role
    assert set(visible_requests(world.company_member)) == {request}
    assert set(visible_requests(world.other_company_member)) == {other}


@pytest.mark.parametrize("state", STATES)
def test_details_are_read_by_the_parties_but_a_provider_before_the_nda(world, state):
    request = request_in(world, state)
    for role in ROLES:
        user = world.roles[role]
        reads = user.has_perm("linkage.read_request_details", request)
        expected = role in PARTIES[state] and not (role == "coordinator" and state == S.ASSIGNED)
        assert reads == expected, role


def test_the_coordinator_reads_a_sealed_request_only_after_accepting_the_nda(world):
    request = world.request(S.ASSIGNED)
    assert request.details_sealed
    assert world.coordinator.has_perm("linkage.view_request", request)
    assert not world.coordinator.has_perm("linkage.read_request_details", request)
    assert not world.coordinator.has_perm("linkage.post_message", request)
    request = workflow.accept_nda(actor=world.coordinator, request=request)
    assert world.coordinator.has_perm("linkage.read_request_details", request)
    assert world.coordinator.has_perm("linkage.post_message", request)


def test_the_decliner_and_other_hospitals_never_see_the_request_again(world):
    request = world.request(S.ASSIGNED)
    request = workflow.decline_request(actor=world.coordinator, request=request, reason="여력 없음")
    third = HospitalFactory(name_ko="삼성서울병원")
    third_coordinator = MembershipFactory(organization=third, role=Role.HOSPITAL_COORDINATOR).user
    request = workflow.assign_request(
        actor=world.staff, request=request, offering=OfferingFactory(provider=third)
    )
    outsiders = (world.coordinator, world.other_coordinator)
    steps = [
        lambda r: workflow.accept_nda(actor=third_coordinator, request=r),
        lambda r: workflow.accept_request(actor=third_coordinator, request=r),
        lambda r: workflow.deliver_request(actor=third_coordinator, request=r, note="결과 보고"),
        lambda r: workflow.close_request(actor=world.company_member, request=r, rating=3),
    ]
    for step in [*steps, None]:
        assert third_coordinator.has_perm("linkage.view_request", request), request.status
        for user in outsiders:
            assert not user.has_perm("linkage.view_request", request), request.status
            assert not visible_requests(user).filter(pk=request.pk).exists(), request.status
        if step is not None:
            request = step(request)
    assert request.status == S.CLOSED


@pytest.mark.parametrize("state", [S.DRAFT, S.CANCELLED])
def test_a_draft_is_the_companys_alone_and_the_platform_admins(world, state):
    request = request_in(world, state)
    seeing = {role for role in ROLES if visible_requests(world.roles[role]).filter(pk=request.pk)}
    assert seeing == {"company", "admin"}


def test_only_reads_of_confidential_requests_are_logged(world):
    secret = world.request(S.SUBMITTED)
    plain = world.request(S.SUBMITTED, is_confidential=False)
    for request in (secret, plain):
        record_read(user=world.staff, request=request, channel=ReadChannel.PAGE)
    record_reads(user=world.admin, requests=[secret, plain], channel=ReadChannel.EXPORT)
    logged = set(RequestRead.objects.values_list("request", "user", "channel"))
    assert logged == {
        (secret.pk, world.staff.pk, ReadChannel.PAGE),
        (secret.pk, world.admin.pk, ReadChannel.EXPORT),
    }
    assert world.staff.has_perm("linkage.see_read_log", secret)
    assert not world.company_member.has_perm("linkage.see_read_log", secret)
    assert not world.coordinator.has_perm("linkage.see_read_log", secret)


# Who writes on the thread: the parties that read the details, while it is open.
ALL_SIDES = {"company", "coordinator", "staff", "admin"}
WRITERS = {
    S.DRAFT: set(),
    S.SUBMITTED: {"company", "staff", "admin"},
    S.TRIAGED: {"company", "staff", "admin"},
    S.ASSIGNED: {"company", "staff", "admin"},  # the provider before the NDA
    ASSIGNED_OPEN: ALL_SIDES,
    S.ACCEPTED: ALL_SIDES,
    S.IN_PROGRESS: ALL_SIDES,
    S.DELIVERED: ALL_SIDES,
    S.CLOSED: set(),
    S.CANCELLED: set(),
    CANCELLED_LATE: set(),
}


@pytest.mark.parametrize("state", STATES)
def test_only_parties_reading_the_details_write_on_an_open_thread(world, state):
    request = request_in(world, state)
    wrote = set()
    for role in ROLES:
        user = world.roles[role]
        before = RequestMessage.objects.filter(request=request).count()
        try:
            message = post_message(actor=user, request=request, body=f"{role} 의견")
        except ServiceRequest.DoesNotExist:
            assert role not in PARTIES[state], role
        except PermissionDenied:
            assert role in PARTIES[state] and role not in WRITERS[state], role
        else:
            wrote.add(role)
            assert message.author == user
            assert RequestMessage.objects.filter(request=request).count() == before + 1
            continue
        assert RequestMessage.objects.filter(request=request).count() == before, role
    assert wrote == WRITERS[state]
