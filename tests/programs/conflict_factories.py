"""The relations that make a conflict of interest, made directly in the database."""

from __future__ import annotations

from datetime import date

from django.utils import timezone

from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.models import RequestEvent, ServiceRequest
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.enums import RequestStatus as MeetingRequestStatus
from ieum.partnering.models import Meeting, MeetingRequest
from ieum.programs.enums import SupportStage
from ieum.programs.models import Affiliation, ReviewerProfile, SupportCase
from tests.factories import EventFactory, RegistrationFactory


def organization_of(reviewer):
    """The organization the reviewer works for (make_reviewer gives each a university)."""
    return reviewer.memberships.order_by("pk").first().organization


def affiliate(reviewer, organization, *, ended_on: date | None, role: str = "연구원"):
    profile, _ = ReviewerProfile.objects.get_or_create(user=reviewer)
    return Affiliation.objects.create(
        profile=profile, organization=organization, role=role, ended_on=ended_on
    )


def support_case(company, provider, *, title: str = "시제품 제작 지원") -> SupportCase:
    return SupportCase.objects.create(
        company=company, provider=provider, stage=SupportStage.PROTOTYPE, title=title
    )


def service_request(company, provider, *, title: str = "임상 자문 요청") -> ServiceRequest:
    return ServiceRequest.objects.create(
        company=company,
        service_type=ServiceType.CLINICAL_TRIAL_CONSULTING,
        title=title,
        description=title,
        status=RequestStatus.ASSIGNED,
        provider=provider,
    )


def handed_over_request(company, earlier_provider, *, now_with=None) -> ServiceRequest:
    """A request that `earlier_provider` held and declined; it now waits for triage."""
    request = service_request(company, now_with, title="인허가 자문 요청")
    RequestEvent.objects.create(
        request=request,
        step=Step.ASSIGN,
        from_status=RequestStatus.TRIAGED,
        to_status=RequestStatus.ASSIGNED,
        provider=earlier_provider,
        at=timezone.now(),
    )
    return request


def meeting(company, organization, *, status: str = MeetingStatus.UNSCHEDULED) -> Meeting:
    """A partnering meeting between two organizations, at an event of its own."""
    event = EventFactory(name_ko="오픈이노베이션 위크")
    requester = RegistrationFactory(event=event, organization=company)
    recipient = RegistrationFactory(event=event, organization=organization, kind="hospital")
    request = MeetingRequest.objects.create(
        event=event,
        requester=requester,
        recipient=recipient,
        status=MeetingRequestStatus.ACCEPTED,
    )
    return Meeting.objects.create(event=event, request=request, status=status)
