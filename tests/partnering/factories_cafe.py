"""Factories and helpers for venture cafe tests: an evening a week ahead, in Seoul."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import factory
from factory.django import DjangoModelFactory

from ieum.accounts.enums import Role
from ieum.directory.enums import OrganizationKind
from tests.factories import (
    CompanyFactory,
    EventFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)

SEOUL = ZoneInfo("Asia/Seoul")


def at(day: date, clock: str, zone=SEOUL) -> datetime:
    return datetime.combine(day, time.fromisoformat(clock), tzinfo=zone)


def cafe_event(**fields):
    """An open venture cafe one evening a week from now, without meeting days."""
    return EventFactory(kind="venture_cafe", days=[], **fields)


def organizer_of(event):
    return MembershipFactory(organization=event.organizer, role=Role.EVENT_ORGANIZER).user


def startup_member(organization=None):
    """A member of a startup (a company), and the startup."""
    membership = MembershipFactory(organization=organization or CompanyFactory())
    return membership.user, membership.organization


def member_of_kind(kind=OrganizationKind.INVESTOR):
    """A member of an organization that is not a startup."""
    return MembershipFactory(organization=OrganizationFactory(kind=kind)).user


class CafeSessionFactory(DjangoModelFactory):
    """A session 19:00–21:00 on the evening of the cafe."""

    class Meta:
        model = "partnering.CafeSession"

    event = factory.LazyFunction(cafe_event)
    kind = "ir"
    title_ko = factory.Sequence(lambda n: f"IR 피칭 {n}")
    title_en = factory.Sequence(lambda n: f"IR pitches {n}")
    starts_at = factory.LazyAttribute(lambda s: at(s.event.starts_on, "19:00"))
    ends_at = factory.LazyAttribute(lambda s: at(s.event.starts_on, "21:00"))


class MentoringSessionFactory(CafeSessionFactory):
    kind = "mentoring"
    title_ko = factory.Sequence(lambda n: f"멘토링 오피스아워 {n}")
    title_en = factory.Sequence(lambda n: f"Mentoring office hours {n}")


class MentorSlotFactory(DjangoModelFactory):
    """A free 20-minute slot at the start of a mentoring session."""

    class Meta:
        model = "partnering.MentorSlot"

    session = factory.SubFactory(MentoringSessionFactory)
    mentor = factory.SubFactory(UserFactory)
    start = factory.LazyAttribute(lambda s: s.session.starts_at)
    end = factory.LazyAttribute(lambda s: s.start + timedelta(minutes=20))
