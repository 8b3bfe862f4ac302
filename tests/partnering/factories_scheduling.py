"""Rows for the scheduling tests: places, accepted meetings, placed meetings, organizers."""

from __future__ import annotations

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from ieum.accounts.enums import Role
from ieum.partnering.enums import LocationKind, MeetingStatus, RequestStatus
from ieum.partnering.models import Meeting, MeetingRequest, MeetingSeat
from tests.factories import (
    DemandCompanyFactory,
    MembershipFactory,
    RegistrationFactory,
    UserFactory,
)


class HallFactory(DjangoModelFactory):
    """Numbered tables in a hall, any meeting may use them."""

    class Meta:
        model = "partnering.Location"

    kind = LocationKind.TABLES
    name_ko = factory.Sequence(lambda n: f"상담홀 {n}")
    name_en = factory.Sequence(lambda n: f"Meeting hall {n}")
    capacity = 10


def demand_company(event, *, teams: int = 1, booth: bool = True, **fields):
    """A demand company registered at the event, with its booth (one seat per team)."""
    registration = RegistrationFactory(
        event=event,
        kind="demand",
        organization=DemandCompanyFactory(),
        teams=teams,
        **fields,
    )
    if booth:
        HallFactory(
            event=event,
            kind=LocationKind.BOOTH,
            registration=registration,
            capacity=teams,
            name_ko=f"{registration.organization.name_ko} 부스",
            name_en=f"{registration.organization.name_en} booth",
        )
    return registration


def startup(event, **fields):
    return RegistrationFactory(event=event, kind="startup", **fields)


def accepted_meeting(requester, recipient, *, weight=1, requester_team=1, recipient_team=1):
    """An accepted request between two registered parties and its (unscheduled) meeting."""
    request = MeetingRequest.objects.create(
        event=requester.event,
        requester=requester,
        recipient=recipient,
        status=RequestStatus.ACCEPTED,
        answered_at=timezone.now(),
    )
    return Meeting.objects.create(
        event=requester.event,
        request=request,
        weight=weight,
        requester_team=requester_team,
        recipient_team=recipient_team,
    )


def place(meeting, slot, location, table=1, *, published=True):
    """Put a meeting in a place directly, as a published schedule would have it."""
    meeting.status = MeetingStatus.SCHEDULED
    meeting.slot, meeting.location, meeting.table_number = slot, location, table
    meeting.published_at = timezone.now() if published else None
    meeting.save()
    request = meeting.request
    MeetingSeat.objects.bulk_create(
        [
            MeetingSeat(
                meeting=meeting,
                registration_id=request.requester_id,
                team=meeting.requester_team,
                slot=slot,
            ),
            MeetingSeat(
                meeting=meeting,
                registration_id=request.recipient_id,
                team=meeting.recipient_team,
                slot=slot,
            ),
        ]
    )
    return meeting


def organizer_of(event):
    """A person who runs events for the event's organizing organization."""
    return MembershipFactory(
        user=UserFactory(), organization=event.organizer, role=Role.EVENT_ORGANIZER
    ).user


def double_bookings(event) -> int:
    """Pairs of scheduled meetings sharing a team or a table in a slot, plus scheduled
    meetings whose seats do not match them, counted in SQL from the meetings themselves."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT
              (SELECT count(*)
                 FROM partnering_meeting a JOIN partnering_meetingrequest ra ON ra.id = a.request_id
                 JOIN partnering_meeting b ON b.event_id = a.event_id AND a.id < b.id
                  AND b.slot_id = a.slot_id AND b.status = 'scheduled'
                 JOIN partnering_meetingrequest rb ON rb.id = b.request_id
                WHERE a.event_id = %s AND a.status = 'scheduled'
                  AND ((ra.requester_id, a.requester_team) IN
                         ((rb.requester_id, b.requester_team), (rb.recipient_id, b.recipient_team))
                    OR (ra.recipient_id, a.recipient_team) IN
                         ((rb.requester_id, b.requester_team), (rb.recipient_id, b.recipient_team))
                    OR (a.location_id = b.location_id AND a.table_number = b.table_number)))
            + (SELECT count(*) FROM partnering_meeting m
                WHERE m.event_id = %s AND m.status = 'scheduled'
                  AND (SELECT count(*) FROM partnering_meetingseat s
                        WHERE s.meeting_id = m.id AND s.slot_id = m.slot_id) <> 2)
            + (SELECT count(*) FROM partnering_meetingseat s
                 JOIN partnering_meeting m ON m.id = s.meeting_id
                WHERE m.event_id = %s AND m.status <> 'scheduled')
            """,
            [event.pk, event.pk, event.pk],
        )
        return cursor.fetchone()[0]


def queued_jobs(task_name: str) -> list[dict]:
    """The arguments of the worker jobs queued under a task name, oldest first."""
    from procrastinate.contrib.django.models import ProcrastinateJob

    return list(
        ProcrastinateJob.objects.filter(task_name=task_name)
        .order_by("id")
        .values_list("args", flat=True)
    )
