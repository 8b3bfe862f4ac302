"""The cast of a support call, and applications, assignments and scores made directly.

`ProgramWorld` holds every role the rules distinguish: the running cluster's staff, a
platform admin, an applicant company's member, another company's member, reviewers in
the call's pool (two of them expert in the applicant's field), another cluster's staff
and someone with no membership. Records are created with factories so that tests of one
domain module do not depend on the others; tests of a step call the domain function.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

import factory
import pytest
from django.utils import timezone
from factory.django import DjangoModelFactory

from ieum.accounts.enums import Role
from ieum.directory.models import CompanyProfile
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentMethod,
    AssignmentStatus,
    CallStatus,
    CompanyAge,
    ProgramKind,
    QuestionKind,
    StageKind,
)
from ieum.programs.models import (
    Application,
    Call,
    CallReviewer,
    Criterion,
    Program,
    Question,
    RequiredDocument,
    ReviewAssignment,
    ReviewerProfile,
    ReviewStage,
    Score,
)
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
    term,
)


class ProgramFactory(DjangoModelFactory):
    class Meta:
        model = Program

    cluster = factory.SubFactory(ClusterFactory)
    kind = ProgramKind.GROWTH_COHORT
    name_ko = factory.Sequence(lambda n: f"강소기업 육성 사업 {n}")
    name_en = factory.Sequence(lambda n: f"Strong SME growth program {n}")
    slug = factory.Sequence(lambda n: f"growth-{n}")


class CallFactory(DjangoModelFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    program = factory.SubFactory(ProgramFactory)
    title_ko = factory.Sequence(lambda n: f"2026년 강소기업 육성 지원 공고 {n}")
    title_en = factory.Sequence(lambda n: f"2026 strong-SME support call {n}")
    slug = factory.Sequence(lambda n: f"call-{n}")
    body_ko = "의료기기 분야 창업 7년 미만 기업을 모집합니다."
    status = CallStatus.PUBLISHED
    opens_at = factory.LazyFunction(lambda: timezone.now() - timedelta(days=7))
    closes_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=7))
    eligible_ages = [CompanyAge.UNDER_3, CompanyAge.FROM_3_TO_7]
    quota = 2
    budget_krw = 300_000_000


class StageFactory(DjangoModelFactory):
    class Meta:
        model = ReviewStage

    call = factory.SubFactory(CallFactory)
    position = 1
    kind = StageKind.DOCUMENT
    name_ko = "서면평가"
    name_en = "Document review"
    reviewers_per_application = 3


class CriterionFactory(DjangoModelFactory):
    class Meta:
        model = Criterion

    stage = factory.SubFactory(StageFactory)
    name_ko = factory.Sequence(lambda n: f"평가항목 {n}")
    weight = 25
    scale_min = 1
    scale_max = 5


class ApplicationFactory(DjangoModelFactory):
    class Meta:
        model = Application

    call = factory.SubFactory(CallFactory)
    company = factory.SubFactory(CompanyFactory)
    title = factory.Sequence(lambda n: f"웨어러블 심전도 패치 사업화 {n}")
    summary = "착용형 심전도 패치의 인허가와 양산을 준비합니다."
    status = ApplicationStatus.SUBMITTED
    submitted_at = factory.LazyFunction(timezone.now)


# The criteria of the K-BioHealth regional-center call: 인프라 30 · 역량 25 · 협력체계 20 ·
# 계획 구체성 25.
REGIONAL_CENTER_CRITERIA = [
    ("인프라", "Infrastructure", 30),
    ("역량", "Capability", 25),
    ("협력체계", "Cooperation", 20),
    ("계획 구체성", "Concreteness of the plan", 25),
]


def cardiovascular():
    return term("therapeutic_area", "cardiovascular")


def make_reviewer(*, expertise=(), name: str = "") -> object:
    user = MembershipFactory(
        organization=OrganizationFactory(kind="university"), role=Role.REVIEWER
    ).user
    if name:
        user.full_name = name
        user.save(update_fields=["full_name"])
    profile = ReviewerProfile.objects.create(user=user)
    profile.expertise.set(expertise)
    return user


@dataclass
class ProgramWorld:
    cluster: object
    program: object
    call: object
    stage: object
    criteria: list
    questions: dict
    document: object
    company: object
    company_member: object
    staff: object
    admin: object
    other_company: object
    other_company_member: object
    other_staff: object
    reviewers: list
    stranger: object
    others: dict = field(default_factory=dict)

    @property
    def roles(self) -> dict[str, object]:
        return {
            "company": self.company_member,
            "staff": self.staff,
            "admin": self.admin,
            "other_company": self.other_company_member,
            "other_staff": self.other_staff,
            "reviewer": self.reviewers[0],
            "stranger": self.stranger,
        }

    def application(self, *, company=None, status=ApplicationStatus.SUBMITTED, **data):
        """An application made directly (not through the domain functions)."""
        company = company or self.company
        values = {
            "call": self.call,
            "company": company,
            "status": status,
            "current_stage": self.stage if status != ApplicationStatus.DRAFT else None,
            "submitted_at": None if status == ApplicationStatus.DRAFT else timezone.now(),
        }
        values.update(data)
        application = ApplicationFactory(**values)
        application.fields.set([cardiovascular()])
        return application

    def assign(self, application, reviewer, *, stage=None) -> ReviewAssignment:
        return ReviewAssignment.objects.create(
            stage=stage or self.stage,
            application=application,
            reviewer=reviewer,
            method=AssignmentMethod.MANUAL,
            assigned_by=self.staff,
        )

    def score(self, assignment, values: list, *, submit: bool = True) -> ReviewAssignment:
        """Scores in criterion order, written directly."""
        for criterion, value in zip(self.criteria, values, strict=True):
            Score.objects.create(
                assignment=assignment, criterion=criterion, value=Decimal(str(value))
            )
        if submit:
            assignment.status = AssignmentStatus.SUBMITTED
            assignment.submitted_at = timezone.now()
            assignment.save(update_fields=["status", "submitted_at"])
        return assignment


def make_program_world() -> ProgramWorld:
    cluster = ClusterFactory(name_ko="김해 의생명 클러스터", name_en="Gimhae Bio-Health Cluster")
    company = CompanyFactory(name_ko="에이치바이오진단", name_en="H Bio Diagnostics")
    ClusterMemberFactory(cluster=cluster, organization=company)
    profile, _ = CompanyProfile.objects.get_or_create(organization=company)
    profile.founded_on = date.today() - timedelta(days=2 * 365)
    profile.save(update_fields=["founded_on"])
    profile.therapeutic_areas.set([cardiovascular()])
    other_company = CompanyFactory(name_ko="메디웨이브", name_en="Mediwave")
    other_profile, _ = CompanyProfile.objects.get_or_create(organization=other_company)
    other_profile.founded_on = date.today() - timedelta(days=5 * 365)
    other_profile.save(update_fields=["founded_on"])
    other_cluster = ClusterFactory()

    program = ProgramFactory(cluster=cluster)
    call = CallFactory(program=program)
    stage = StageFactory(call=call)
    criteria = [
        CriterionFactory(stage=stage, position=i, name_ko=ko, name_en=en, weight=w)
        for i, (ko, en, w) in enumerate(REGIONAL_CENTER_CRITERIA)
    ]
    questions = {
        QuestionKind.TEXT: Question.objects.create(
            call=call,
            position=1,
            kind=QuestionKind.TEXT,
            label_ko="핵심 기술",
            label_en="Core technology",
            is_required=True,
            max_length=2000,
        ),
        QuestionKind.NUMBER: Question.objects.create(
            call=call,
            position=2,
            kind=QuestionKind.NUMBER,
            label_ko="상시 근로자 수",
            label_en="Employees",
        ),
        QuestionKind.CHOICE: Question.objects.create(
            call=call,
            position=3,
            kind=QuestionKind.CHOICE,
            label_ko="개발 단계",
            label_en="Development stage",
            is_required=True,
            choices=[
                {"value": "prototype", "ko": "시제품", "en": "Prototype"},
                {"value": "clinical", "ko": "임상", "en": "Clinical"},
            ],
        ),
        QuestionKind.FILE: Question.objects.create(
            call=call,
            position=4,
            kind=QuestionKind.FILE,
            label_ko="제품 사진",
            label_en="Product photo",
        ),
    }
    document = RequiredDocument.objects.create(
        call=call, position=1, name_ko="사업계획서", name_en="Business plan"
    )
    reviewers = [
        make_reviewer(expertise=[cardiovascular()], name="김심장"),
        make_reviewer(expertise=[cardiovascular()], name="이혈관"),
        make_reviewer(name="박일반"),
        make_reviewer(name="최평가"),
    ]
    for reviewer in reviewers:
        CallReviewer.objects.create(call=call, reviewer=reviewer)
    admin_user = MembershipFactory(
        organization=OrganizationFactory(kind="public_agency"), role=Role.PLATFORM_ADMIN
    ).user
    return ProgramWorld(
        cluster=cluster,
        program=program,
        call=call,
        stage=stage,
        criteria=criteria,
        questions=questions,
        document=document,
        company=company,
        company_member=MembershipFactory(organization=company, is_admin=True).user,
        staff=MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user,
        admin=admin_user,
        other_company=other_company,
        other_company_member=MembershipFactory(organization=other_company).user,
        other_staff=MembershipFactory(
            organization=other_cluster.operator, role=Role.CLUSTER_STAFF
        ).user,
        reviewers=reviewers,
        stranger=UserFactory(),
        others={"cluster": other_cluster},
    )


@pytest.fixture
def program_world(db) -> ProgramWorld:
    return make_program_world()
