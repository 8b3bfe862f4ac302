"""Factories and people for the needs, proposals and requests tests."""

import factory
from factory.django import DjangoModelFactory

from ieum.accounts.enums import Role
from tests.factories import (
    DemandCompanyFactory,
    EventFactory,
    MembershipFactory,
    RegistrationFactory,
    TechnologyNeedFactory,
    UserFactory,
)


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = "partnering.Proposal"

    need = factory.SubFactory(TechnologyNeedFactory)
    registration = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..need.event"), kind="startup"
    )
    title = factory.Sequence(lambda n: f"나노 항체 플랫폼 {n}")
    summary = "비공개 정보 없이 요약한 기술 소개입니다."


class MeetingRequestFactory(DjangoModelFactory):
    class Meta:
        model = "partnering.MeetingRequest"

    requester = factory.SubFactory(RegistrationFactory)
    recipient = factory.SubFactory(
        RegistrationFactory, event=factory.SelfAttribute("..requester.event")
    )
    event = factory.SelfAttribute("requester.event")
    message = "만나서 협력 가능성을 논의하고 싶습니다."
    priority = 2


def demand_party(event, **fields):
    """A demand company registered at the event."""
    return RegistrationFactory(
        event=event, organization=DemandCompanyFactory(), kind="demand", **fields
    )


def startup_party(event, **fields):
    return RegistrationFactory(event=event, kind="startup", **fields)


def member_of(registration, role=Role.COMPANY_MEMBER, **user_fields):
    """A person who belongs to the registered organization."""
    return MembershipFactory(
        user=UserFactory(**user_fields), organization=registration.organization, role=role
    ).user


def organizer_of(event):
    return MembershipFactory(organization=event.organizer, role=Role.EVENT_ORGANIZER).user


__all__ = [
    "EventFactory",
    "MeetingRequestFactory",
    "ProposalFactory",
    "demand_party",
    "member_of",
    "organizer_of",
    "queued",
    "startup_party",
]


def queued(task_name: str) -> list[dict]:
    """Arguments of the jobs queued for the worker under this task name."""
    from procrastinate.contrib.django.models import ProcrastinateJob

    return list(
        ProcrastinateJob.objects.filter(task_name=task_name)
        .order_by("id")
        .values_list("args", flat=True)
    )
