"""What a support case may run through, made directly: a hospital's service request, a
facility booking, and cases themselves, for tests of the support domain and pages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import count

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from ieum.accounts.enums import Role
from ieum.facilities.enums import BookingMode, BookingStatus, UserType
from ieum.facilities.models import Booking
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import ServiceRequest
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.models import SupportCase
from tests.factories import HospitalFactory, MembershipFactory, ResourceFactory

_hours = count()


def pdf_upload(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\nprototype test report\n%%EOF\n")


def fake_pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    """A text file that only pretends to be a PDF by its name."""
    return SimpleUploadedFile(name, b"just some text, not a PDF at all")


def service_request(
    company,
    *,
    cluster,
    provider=None,
    status: str = RequestStatus.ACCEPTED,
    service_type: str = ServiceType.CLINICAL_TRIAL_CONSULTING,
    title: str = "심혈관 스텐트 임상시험 설계 자문",
    submitted: datetime | None = None,
) -> ServiceRequest:
    """A request that was sent (submitted, unless `status` is draft), made directly."""
    sent = status != RequestStatus.DRAFT
    return ServiceRequest.objects.create(
        company=company,
        cluster=cluster,
        provider=provider,
        status=status,
        service_type=service_type,
        title=title,
        description="확증 임상 설계를 검토해 주실 병원을 찾습니다.",
        is_confidential=True,
        submitted_at=(submitted or timezone.now()) if sent else None,
    )


def booking(company, *, resource, booked_by, status: str = BookingStatus.APPROVED, start=None):
    """An hour on `resource` for `company`; each call takes a later hour than the last."""
    start = start or timezone.now().replace(minute=0, second=0, microsecond=0) + timedelta(
        days=30, hours=next(_hours) * 2
    )
    end = start + timedelta(hours=1)
    return Booking.objects.create(
        resource=resource,
        booked_by=booked_by,
        organization=company,
        mode=BookingMode.DIRECT_USE,
        status=status,
        start=start,
        end=end,
        blocked_until=end,
        user_type=UserType.MEMBER,
        hourly_rate_krw=30_000,
        fee_krw=30_000,
        purpose="세포 분석",
    )


def support_case(world, *, company=None, cluster=None, **data) -> SupportCase:
    """A case made directly (not through the domain functions)."""
    values = {
        "company": company or world.company,
        "cluster": cluster if cluster is not None else world.cluster,
        "program": world.program,
        "stage": SupportStage.PROTOTYPE,
        "title": "웨어러블 심전도 패치 시제품 제작",
        "amount_krw": 15_000_000,
        "starts_on": date(2025, 3, 2),
        "ends_on": date(2025, 6, 30),
        "status": SupportStatus.PLANNED,
        "created_by": world.staff,
    }
    values.update(data)
    return SupportCase.objects.create(**values)


@dataclass
class SupportSetting:
    """Around a ProgramWorld: a hospital with a coordinator, the cluster's equipment."""

    hospital: object
    coordinator: object
    resource: object


def make_support_setting(world) -> SupportSetting:
    hospital = HospitalFactory(name_ko="연세의료원", name_en="Yonsei University Health System")
    coordinator = MembershipFactory(organization=hospital, role=Role.HOSPITAL_COORDINATOR).user
    return SupportSetting(
        hospital=hospital,
        coordinator=coordinator,
        resource=ResourceFactory(cluster=world.cluster),
    )
