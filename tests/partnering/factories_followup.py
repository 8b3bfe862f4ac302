"""Rows for the follow-up and report tests: meetings that took place, built directly.

Scheduled meetings are written as the scheduler leaves them (status, slot, location,
table and one seat per side), so these tests do not depend on scheduling code.
"""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from ieum.accounts.enums import Role
from ieum.partnering.enums import LocationKind, MeetingStatus, RequestStatus
from ieum.partnering.models import (
    Location,
    Meeting,
    MeetingRequest,
    MeetingSeat,
    Registration,
    Slot,
)
from tests.factories import (
    CompanyFactory,
    DemandCompanyFactory,
    EventFactory,
    MembershipFactory,
    RegistrationFactory,
)


def past_event(**kwargs):
    """A two-day event that ended a week ago, its agendas published."""
    starts_on = timezone.localdate() - timedelta(days=10)
    kwargs.setdefault("status", "published")
    return EventFactory(starts_on=starts_on, ends_on=starts_on + timedelta(days=1), **kwargs)


# A name given is Korean only, so pages in either language show it.
def startup(event, name: str | None = None, **kwargs) -> Registration:
    organization = CompanyFactory(**({"name_ko": name, "name_en": ""} if name else {}))
    return RegistrationFactory(event=event, organization=organization, kind="startup", **kwargs)


def demand(event, name: str | None = None, **kwargs) -> Registration:
    organization = DemandCompanyFactory(**({"name_ko": name, "name_en": ""} if name else {}))
    return RegistrationFactory(event=event, organization=organization, kind="demand", **kwargs)


def hall(event) -> Location:
    return Location.objects.get_or_create(
        event=event,
        kind=LocationKind.TABLES,
        name_ko="상담홀",
        defaults={"name_en": "Meeting hall", "capacity": 50},
    )[0]


def future_slot(event, *, days: int = 1) -> Slot:
    start = (timezone.now() + timedelta(days=days)).replace(second=0, microsecond=0)
    return Slot.objects.create(
        event=event, day_number=9, start=start, end=start + timedelta(minutes=30)
    )


def current_slot(event) -> Slot:
    """A slot that started ten minutes ago and has not ended."""
    start = (timezone.now() - timedelta(minutes=10)).replace(second=0, microsecond=0)
    return Slot.objects.create(
        event=event, day_number=8, start=start, end=start + timedelta(minutes=30)
    )


def request_between(requester, recipient, *, status=RequestStatus.ACCEPTED, **kwargs):
    return MeetingRequest.objects.create(
        event=requester.event, requester=requester, recipient=recipient, status=status, **kwargs
    )


def accepted_meeting(requester, recipient, *, status=MeetingStatus.UNSCHEDULED) -> Meeting:
    request = request_between(requester, recipient)
    return Meeting.objects.create(event=requester.event, request=request, status=status)


def scheduled_meeting(
    requester: Registration,
    recipient: Registration,
    *,
    slot: Slot | None = None,
    requester_in: bool = False,
    recipient_in: bool = False,
) -> Meeting:
    """An accepted request met at a table of the hall, in the first slot unless given."""
    event = requester.event
    slot = slot or event.slots.order_by("start").first()
    location = hall(event)
    table = Meeting.objects.filter(slot=slot, location=location).count() + 1
    checked_in = slot.start + timedelta(minutes=2)
    meeting = Meeting.objects.create(
        event=event,
        request=request_between(requester, recipient),
        status=MeetingStatus.SCHEDULED,
        slot=slot,
        location=location,
        table_number=table,
        published_at=timezone.now(),
        requester_checked_in_at=checked_in if requester_in else None,
        recipient_checked_in_at=checked_in if recipient_in else None,
    )
    MeetingSeat.objects.bulk_create(
        [
            MeetingSeat(meeting=meeting, registration=requester, team=1, slot=slot),
            MeetingSeat(meeting=meeting, registration=recipient, team=1, slot=slot),
        ]
    )
    return meeting


def member_of(registration: Registration):
    return MembershipFactory(organization=registration.organization).user


def organizer_of(event):
    return MembershipFactory(organization=event.organizer, role=Role.EVENT_ORGANIZER).user


def platform_admin():
    return MembershipFactory(role=Role.PLATFORM_ADMIN).user
