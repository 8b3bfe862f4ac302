"""Factories for the tests: real rows in the real database."""

import importlib
from datetime import timedelta

import factory
from factory.django import DjangoModelFactory

from ieum.accounts.enums import Role
from ieum.accounts.models import Membership, User
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import (
    Cluster,
    ClusterMember,
    CompanyProfile,
    HospitalProfile,
    Organization,
    Term,
)

PASSWORD = "correct horse battery staple"


def term(vocabulary: str, code: str) -> Term:
    return Term.objects.get(vocabulary=vocabulary, code=code)


def load_vocabularies() -> None:
    from django.apps import apps

    migration = importlib.import_module("ieum.directory.migrations.0002_vocabularies")
    migration.load_vocabularies(apps, None)


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.kr")
    full_name = factory.Sequence(lambda n: f"사용자 {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    kind = OrganizationKind.COMPANY
    name_ko = factory.Sequence(lambda n: f"테스트기관{n}")
    name_en = factory.Sequence(lambda n: f"Test Organization {n}")
    slug = factory.Sequence(lambda n: f"test-org-{n}")
    region = factory.LazyFunction(lambda: term("region", "gyeongnam"))


class CompanyFactory(OrganizationFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = OrganizationKind.COMPANY
    profile = factory.RelatedFactory(
        "tests.factories.CompanyProfileFactory", factory_related_name="organization"
    )


class CompanyProfileFactory(DjangoModelFactory):
    class Meta:
        model = CompanyProfile

    stage = factory.LazyFunction(lambda: term("stage", "under-3"))
    employees = 12
    annual_revenue_krw = 1_234_000_000
    confidential_technology = "비공개 나노섬유 공정 조건"


class HospitalFactory(OrganizationFactory):
    class Meta:
        skip_postgeneration_save = True

    kind = OrganizationKind.HOSPITAL
    profile = factory.RelatedFactory(
        "tests.factories.HospitalProfileFactory", factory_related_name="organization"
    )


class HospitalProfileFactory(DjangoModelFactory):
    class Meta:
        model = HospitalProfile

    confidential_notes = "내부 협력 메모"


class ClusterFactory(DjangoModelFactory):
    class Meta:
        model = Cluster

    name_ko = factory.Sequence(lambda n: f"테스트 클러스터 {n}")
    name_en = factory.Sequence(lambda n: f"Test Cluster {n}")
    slug = factory.Sequence(lambda n: f"test-cluster-{n}")
    operator = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.CLUSTER_OPERATOR)
    region = factory.LazyFunction(lambda: term("region", "gyeongnam"))


class ClusterMemberFactory(DjangoModelFactory):
    class Meta:
        model = ClusterMember

    cluster = factory.SubFactory(ClusterFactory)
    organization = factory.SubFactory(CompanyFactory)


class MembershipFactory(DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organization = factory.SubFactory(CompanyFactory)
    role = Role.COMPANY_MEMBER


class ResourceFactory(DjangoModelFactory):
    """A piece of equipment open weekdays 09:00–18:00, one booking at a time."""

    class Meta:
        model = "facilities.Resource"
        skip_postgeneration_save = True

    cluster = factory.SubFactory(ClusterFactory)
    kind = "equipment"
    name_ko = factory.Sequence(lambda n: f"유세포분석기 {n}")
    name_en = factory.Sequence(lambda n: f"Flow cytometer {n}")
    maker = "BD Biosciences"
    model_name = "FACSCanto II"
    category = "analysis"
    requires_approval = False
    min_notice_minutes = 0
    rate_resident = 20_000
    rate_member = 30_000
    rate_external = 50_000
    rate_academic = 25_000

    @factory.post_generation
    def hours(obj, create, extracted, **kwargs):
        # `hours=[(weekday, "09:00", "18:00"), ...]`; weekdays 09–18 unless given.
        if not create:
            return
        from ieum.facilities.models import OpeningHours

        weekly = extracted if extracted is not None else [(d, "09:00", "18:00") for d in range(5)]
        OpeningHours.objects.bulk_create(
            OpeningHours(resource=obj, weekday=d, opens=o, closes=c) for d, o, c in weekly
        )


class DemandCompanyFactory(OrganizationFactory):
    kind = OrganizationKind.DEMAND_COMPANY
    name_ko = factory.Sequence(lambda n: f"수요기업{n}")
    name_en = factory.Sequence(lambda n: f"Demand Pharma {n}")
    slug = factory.Sequence(lambda n: f"demand-{n}")


class EventFactory(DjangoModelFactory):
    """A partnering event, open for requests, with two meeting days of 30-minute slots.

    `days=[(date, "10:00", "17:00", [("12:00", "13:00")]), ...]` sets other days and
    breaks; the slots are generated from them.
    """

    class Meta:
        model = "partnering.Event"
        skip_postgeneration_save = True

    kind = "partnering"
    status = "open"
    name_ko = factory.Sequence(lambda n: f"오픈이노베이션 위크 {n}")
    name_en = factory.Sequence(lambda n: f"Open Innovation Week {n}")
    slug = factory.Sequence(lambda n: f"oi-week-{n}")
    organizer = factory.SubFactory(OrganizationFactory, kind=OrganizationKind.PUBLIC_AGENCY)
    starts_on = factory.LazyFunction(lambda: _next_week())
    ends_on = factory.LazyAttribute(lambda e: e.starts_on + timedelta(days=1))
    slot_minutes = 30

    @factory.post_generation
    def days(obj, create, extracted, **kwargs):
        if not create:
            return
        from ieum.partnering.models import EventBreak, EventDay
        from ieum.partnering.slots import generate_slots

        plan = extracted
        if plan is None:
            plan = [
                (obj.starts_on + timedelta(days=i), "10:00", "17:00", [("12:00", "13:00")])
                for i in range((obj.ends_on - obj.starts_on).days + 1)
            ]
        for date, opens, closes, breaks in plan:
            day = EventDay.objects.create(event=obj, date=date, opens_at=opens, closes_at=closes)
            for starts, ends in breaks:
                EventBreak.objects.create(day=day, starts_at=starts, ends_at=ends)
        generate_slots(event=obj)


def _next_week():
    from django.utils import timezone

    return timezone.localdate() + timedelta(days=7)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = "partnering.Registration"

    event = factory.SubFactory(EventFactory)
    organization = factory.SubFactory(CompanyFactory)
    kind = "startup"


class DelegateFactory(DjangoModelFactory):
    class Meta:
        model = "partnering.Delegate"

    registration = factory.SubFactory(RegistrationFactory)
    full_name = factory.Sequence(lambda n: f"참가자 {n}")
    email = factory.Sequence(lambda n: f"delegate{n}@example.kr")


class TechnologyNeedFactory(DjangoModelFactory):
    class Meta:
        model = "partnering.TechnologyNeed"

    registration = factory.SubFactory(
        RegistrationFactory, kind="demand", organization=factory.SubFactory(DemandCompanyFactory)
    )
    event = factory.SelfAttribute("registration.event")
    title_ko = factory.Sequence(lambda n: f"항암 신규 타깃 {n}")
    title_en = factory.Sequence(lambda n: f"Novel oncology target {n}")
    description_ko = "전임상 단계의 항암 후보물질을 찾습니다."
    deal_types = factory.LazyFunction(lambda: ["licensing", "joint_rd"])
