"""Particular workflow steps: declines, the NDA, addressed requests, reassignment,
ratings, bad input and triage corrections."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from ieum.core.business_days import add_business_days, seoul_today
from ieum.linkage import workflow
from ieum.linkage.drafts import update_request
from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.errors import IllegalTransition
from ieum.linkage.models import (
    ServiceOffering,
    ServiceRequest,
)
from ieum.linkage.visibility import visible_requests
from tests.factories import term
from tests.linkage.factories import OfferingFactory, cardiovascular, pdf_upload
from tests.linkage.states import (
    request_in,
)
from tests.linkage.test_workflow_transitions import second_offering, snapshot

S = RequestStatus


def test_decline_needs_a_reason_and_changes_nothing_without_one(world, english):
    request = world.request(S.ASSIGNED)
    before = snapshot(request)
    for reason in ("", "   ", None):
        with pytest.raises(ValidationError) as refused:
            workflow.decline_request(actor=world.coordinator, request=request, reason=reason)
        assert "reason" in refused.value.message_dict
    assert snapshot(request) == before


def test_a_declined_request_goes_back_to_triage_and_the_decliner_loses_it(world):
    request = world.request(S.ASSIGNED)
    workflow.accept_nda(actor=world.coordinator, request=request)
    request = workflow.decline_request(
        actor=world.coordinator, request=request, reason="심혈관 중재 시술 일정이 없습니다"
    )
    request.refresh_from_db()
    assert request.status == S.TRIAGED
    assert (request.offering, request.provider, request.response_due) == (None, None, None)
    assert request.nda_accepted_at is None and request.nda_accepted_by is None
    event = request.events.get(step=Step.DECLINE)
    assert event.provider == world.hospital and event.note == "심혈관 중재 시술 일정이 없습니다"
    assert not world.coordinator.has_perm("linkage.view_request", request)
    assert not visible_requests(world.coordinator).filter(pk=request.pk).exists()
    with pytest.raises(ServiceRequest.DoesNotExist):
        workflow.accept_request(actor=world.coordinator, request=request)
    # Staff can hand it to someone else, who must accept the NDA afresh.
    other = second_offering(world)
    request = workflow.assign_request(actor=world.staff, request=request, offering=other)
    assert request.provider == world.others["hospital"] and request.details_sealed
    assert world.other_coordinator.has_perm("linkage.view_request", request)
    assert not world.other_coordinator.has_perm("linkage.read_request_details", request)


def test_accept_is_refused_while_the_nda_is_pending(world, english):
    request = world.request(S.ASSIGNED)
    before = snapshot(request)
    with pytest.raises(IllegalTransition, match="NDA"):
        workflow.accept_request(actor=world.coordinator, request=request)
    assert snapshot(request) == before
    workflow.accept_nda(actor=world.coordinator, request=request)
    request = workflow.accept_request(actor=world.coordinator, request=request)
    assert request.status == S.ACCEPTED


def test_a_request_that_is_not_confidential_needs_no_nda(world, english):
    request = world.request(S.ASSIGNED, is_confidential=False)
    assert not request.details_sealed
    assert world.coordinator.has_perm("linkage.read_request_details", request)
    before = snapshot(request)
    with pytest.raises(IllegalTransition, match="no NDA"):
        workflow.accept_nda(actor=world.coordinator, request=request)
    assert snapshot(request) == before
    request = workflow.accept_request(actor=world.coordinator, request=request)
    assert request.status == S.ACCEPTED and request.nda_accepted_at is None
    assert not request.events.filter(step=Step.ACCEPT_NDA).exists()


def test_an_addressed_request_goes_straight_to_the_provider_on_submit(world):
    request = world.request(S.DRAFT, addressed_offering=world.offering)
    request = workflow.submit_request(actor=world.company_member, request=request)
    request.refresh_from_db()
    assert request.status == S.ASSIGNED
    assert request.offering == world.offering and request.provider == world.hospital
    assert request.submitted_at is not None and request.assigned_at is not None
    assert request.response_due == add_business_days(seoul_today(), world.offering.response_days)
    steps = list(request.events.values_list("step", "from_status", "to_status", "actor"))
    pk = world.company_member.pk
    assert steps == [
        (Step.CREATE, "", S.DRAFT, pk),
        (Step.SUBMIT, S.DRAFT, S.SUBMITTED, pk),
        (Step.ASSIGN, S.SUBMITTED, S.ASSIGNED, pk),
    ]
    assert world.coordinator.has_perm("linkage.view_request", request)
    assert not world.coordinator.has_perm("linkage.read_request_details", request)


def test_an_addressed_service_closed_since_the_draft_refuses_the_submit(world, english):
    request = world.request(S.DRAFT, addressed_offering=world.offering)
    ServiceOffering.objects.filter(pk=world.offering.pk).update(is_active=False)
    before = snapshot(request)
    with pytest.raises(ValidationError) as refused:
        workflow.submit_request(actor=world.company_member, request=request)
    assert "offering" in refused.value.message_dict
    assert snapshot(request) == before


def test_staff_reassign_an_assigned_request(world):
    request = world.request(S.ASSIGNED)
    workflow.accept_nda(actor=world.coordinator, request=request)
    other = second_offering(world)
    request = workflow.assign_request(
        actor=world.staff, request=request, offering=other, note="응답이 없어 재배정"
    )
    request.refresh_from_db()
    assert request.status == S.ASSIGNED and request.provider == world.others["hospital"]
    assert request.nda_accepted_at is None
    assert list(request.events.filter(step=Step.ASSIGN).values_list("provider", flat=True)) == [
        world.hospital.pk,
        world.others["hospital"].pk,
    ]
    assert not world.coordinator.has_perm("linkage.view_request", request)
    assert world.other_coordinator.has_perm("linkage.view_request", request)
    assert visible_requests(world.other_coordinator).filter(pk=request.pk).exists()


@pytest.mark.parametrize("rating", [0, 6, -1, None, "5"])
def test_close_needs_a_rating_from_1_to_5(world, english, rating):
    request = world.request(S.DELIVERED)
    before = snapshot(request)
    with pytest.raises(ValidationError) as refused:
        workflow.close_request(actor=world.company_member, request=request, rating=rating)
    assert refused.value.message_dict == {"rating": ["Rate the service from 1 to 5."]}
    assert snapshot(request) == before


@pytest.mark.parametrize("rating", [1, 5])
def test_close_takes_the_ends_of_the_scale(world, rating):
    request = world.request(S.DELIVERED)
    request = workflow.close_request(actor=world.company_member, request=request, rating=rating)
    request.refresh_from_db()
    assert request.status == S.CLOSED and request.rating == rating


def bad_inputs(world):
    """Steps with input the domain refuses, each with the field it names."""
    other_type = OfferingFactory(
        provider=world.others["hospital"], service_type=ServiceType.MEDICAL_DATA
    )
    closed = OfferingFactory(provider=world.others["hospital"], is_active=False)
    own = OfferingFactory(provider=world.company)
    region = term("region", "seoul")
    coordinator, staff, company = world.coordinator, world.staff, world.company_member
    return [
        (S.SUBMITTED, "offering", lambda r: workflow.assign_request(
            actor=staff, request=r, offering=other_type)),
        (S.TRIAGED, "offering", lambda r: workflow.assign_request(
            actor=staff, request=r, offering=closed)),
        (S.TRIAGED, "offering", lambda r: workflow.assign_request(
            actor=staff, request=r, offering=own)),
        (S.ASSIGNED, "reason", lambda r: workflow.decline_request(
            actor=coordinator, request=r, reason="")),
        (S.IN_PROGRESS, "note", lambda r: workflow.deliver_request(
            actor=coordinator, request=r, note=" ", uploads=[pdf_upload()])),
        (S.IN_PROGRESS, "files", lambda r: workflow.deliver_request(
            actor=coordinator, request=r, note="보고서", uploads=[pdf_upload(), html_as_pdf()])),
        (S.DRAFT, "title", lambda r: update_request(
            actor=company, request=r, data={"title": "  "})),
        (S.DRAFT, "addressed_offering", lambda r: update_request(
            actor=company, request=r, data={"addressed_offering": own})),
        (S.DRAFT, "therapeutic_area", lambda r: update_request(
            actor=company, request=r, data={"therapeutic_area": region})),
        (S.DRAFT, "device_class", lambda r: update_request(
            actor=company, request=r, data={"device_class": cardiovascular()})),
        (S.SUBMITTED, "service_type", lambda r: workflow.triage_request(
            actor=staff, request=r, service_type="space_travel")),
        (S.SUBMITTED, "therapeutic_area", lambda r: workflow.triage_request(
            actor=staff, request=r, therapeutic_area_id=region.pk)),
        (S.SUBMITTED, "therapeutic_area", lambda r: workflow.triage_request(
            actor=staff, request=r, therapeutic_area_id=0)),
    ]  # fmt: skip


def html_as_pdf() -> SimpleUploadedFile:
    return SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")


def test_bad_input_is_refused_and_changes_nothing(world, english, settings):
    for state, field, step in bad_inputs(world):
        request = request_in(world, state)
        before = snapshot(request)
        with pytest.raises(ValidationError) as refused:
            step(request)
        assert field in refused.value.message_dict, (state, field)
        assert snapshot(request) == before, (state, field)
    private = settings.PRIVATE_MEDIA_ROOT
    assert not private.exists() or not any(p.is_file() for p in private.rglob("*"))


def test_a_draft_without_a_cluster_cannot_be_submitted(world, english):
    request = world.request(S.DRAFT)
    ServiceRequest.objects.filter(pk=request.pk).update(cluster=None)
    before = snapshot(request)
    with pytest.raises(ValidationError) as refused:
        workflow.submit_request(actor=world.company_member, request=request)
    assert "cluster" in refused.value.message_dict
    assert snapshot(request) == before


def test_triage_may_correct_the_service_type_and_the_area(world):
    request = world.request(S.SUBMITTED)
    oncology = term("therapeutic_area", "oncology")
    request = workflow.triage_request(
        actor=world.staff,
        request=request,
        service_type=ServiceType.CLINICAL_VALIDATION,
        therapeutic_area_id=oncology.pk,
    )
    request.refresh_from_db()
    assert (request.service_type, request.therapeutic_area) == (
        ServiceType.CLINICAL_VALIDATION,
        oncology,
    )
