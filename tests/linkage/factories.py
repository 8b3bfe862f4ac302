"""The cast of a service request, and requests walked to any state through the domain.

`LinkageWorld` holds every role the rules distinguish: the requesting company's member,
the assigned hospital's coordinator, the routing cluster's staff, a platform admin, and
outsiders who must learn nothing (another company, another hospital's coordinator,
another cluster's staff, a reviewer, someone with no membership at all).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

import factory
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from factory.django import DjangoModelFactory
from openpyxl import Workbook

from ieum.accounts.enums import Role
from ieum.directory.models import HospitalProfile
from ieum.linkage import workflow
from ieum.linkage.drafts import create_request
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import ServiceOffering, ServiceRequest
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    HospitalFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    term,
)


class OfferingFactory(DjangoModelFactory):
    class Meta:
        model = ServiceOffering
        skip_postgeneration_save = True

    provider = factory.SubFactory(HospitalFactory)
    service_type = ServiceType.CLINICAL_TRIAL_CONSULTING
    name_ko = factory.Sequence(lambda n: f"임상시험 설계 컨설팅 {n}")
    name_en = factory.Sequence(lambda n: f"Clinical-trial design consulting {n}")
    description_ko = "임상시험 계획서 검토와 설계 자문"
    lead_time_days = 10
    response_days = 3

    @factory.post_generation
    def therapeutic_areas(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.therapeutic_areas.set(extracted)


def pdf_upload(name: str = "protocol.pdf", body: bytes = b"trial synopsis") -> SimpleUploadedFile:
    content = b"%PDF-1.4\n" + body + b"\n%%EOF\n"
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def xlsx_upload(name: str = "data.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    book.active["A1"] = "환자 수"
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def cardiovascular():
    return term("therapeutic_area", "cardiovascular")


@dataclass
class LinkageWorld:
    cluster: object
    company: object
    hospital: object
    offering: object
    company_member: object
    coordinator: object
    staff: object
    admin: object
    other_company_member: object
    other_coordinator: object
    other_staff: object
    reviewer: object
    stranger: object
    others: dict = field(default_factory=dict)

    @property
    def roles(self) -> dict[str, object]:
        return {
            "company": self.company_member,
            "coordinator": self.coordinator,
            "staff": self.staff,
            "admin": self.admin,
            "other_company": self.other_company_member,
            "other_coordinator": self.other_coordinator,
            "other_staff": self.other_staff,
            "reviewer": self.reviewer,
            "stranger": self.stranger,
        }

    def request(self, status: str = RequestStatus.DRAFT, **data) -> ServiceRequest:
        """A request of the company walked through the workflow up to `status`."""
        values = {
            "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
            "title": "심혈관 스텐트 임상시험 설계 자문",
            "description": "관상동맥 스텐트의 확증 임상 설계를 함께 검토해 주실 병원을 찾습니다.",
            "therapeutic_area": cardiovascular(),
            "product_name": "HB-Stent",
            "is_confidential": True,
        }
        values.update(data)
        request = create_request(actor=self.company_member, company=self.company, data=values)
        return walk_to(self, request, status)


def walk_to(world: LinkageWorld, request: ServiceRequest, status: str) -> ServiceRequest:
    order = [
        RequestStatus.DRAFT,
        RequestStatus.SUBMITTED,
        RequestStatus.TRIAGED,
        RequestStatus.ASSIGNED,
        RequestStatus.ACCEPTED,
        RequestStatus.IN_PROGRESS,
        RequestStatus.DELIVERED,
        RequestStatus.CLOSED,
    ]
    if status == RequestStatus.CANCELLED:
        return workflow.cancel_request(actor=world.company_member, request=request)
    steps = {
        RequestStatus.SUBMITTED: lambda r: workflow.submit_request(
            actor=world.company_member, request=r
        ),
        RequestStatus.TRIAGED: lambda r: workflow.triage_request(actor=world.staff, request=r),
        RequestStatus.ASSIGNED: lambda r: workflow.assign_request(
            actor=world.staff, request=r, offering=world.offering
        ),
        RequestStatus.ACCEPTED: lambda r: workflow.accept_request(
            actor=world.coordinator,
            request=workflow.accept_nda(actor=world.coordinator, request=r)
            if r.details_sealed
            else r,
        ),
        RequestStatus.IN_PROGRESS: lambda r: workflow.start_work(
            actor=world.coordinator, request=r
        ),
        RequestStatus.DELIVERED: lambda r: workflow.deliver_request(
            actor=world.coordinator,
            request=r,
            note="임상시험 설계 검토 보고서를 첨부합니다.",
            uploads=[pdf_upload("report.pdf")],
        ),
        RequestStatus.CLOSED: lambda r: workflow.close_request(
            actor=world.company_member, request=r, rating=5, comment="큰 도움이 되었습니다."
        ),
    }
    for next_status in order[1 : order.index(status) + 1]:
        request = steps[next_status](request)
    return request


def make_world() -> LinkageWorld:
    cluster = ClusterFactory()
    company = CompanyFactory(name_ko="에이치바이오진단")
    ClusterMemberFactory(cluster=cluster, organization=company)
    hospital = HospitalFactory(name_ko="연세의료원", name_en="Yonsei University Health System")
    HospitalProfile.objects.get(organization=hospital).specialties.set([cardiovascular()])
    offering = OfferingFactory(provider=hospital, therapeutic_areas=[cardiovascular()])
    other_hospital = HospitalFactory(name_ko="서울아산병원")
    other_cluster = ClusterFactory()
    other_company = CompanyFactory()
    ClusterMemberFactory(cluster=other_cluster, organization=other_company)
    admin_user = MembershipFactory(
        organization=OrganizationFactory(kind="public_agency"), role=Role.PLATFORM_ADMIN
    ).user
    return LinkageWorld(
        cluster=cluster,
        company=company,
        hospital=hospital,
        offering=offering,
        company_member=MembershipFactory(organization=company, is_admin=True).user,
        coordinator=MembershipFactory(organization=hospital, role=Role.HOSPITAL_COORDINATOR).user,
        staff=MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user,
        admin=admin_user,
        other_company_member=MembershipFactory(organization=other_company).user,
        other_coordinator=MembershipFactory(
            organization=other_hospital, role=Role.HOSPITAL_COORDINATOR
        ).user,
        other_staff=MembershipFactory(
            organization=other_cluster.operator, role=Role.CLUSTER_STAFF
        ).user,
        reviewer=MembershipFactory(
            organization=OrganizationFactory(kind="university"), role=Role.REVIEWER
        ).user,
        stranger=UserFactory(),
        others={"hospital": other_hospital, "cluster": other_cluster, "company": other_company},
    )


@pytest.fixture
def world(db) -> LinkageWorld:
    return make_world()
