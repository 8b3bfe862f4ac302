"""Scheduled meetings built directly (request, meeting and its two seats), for the
agenda, check-in and notification tests."""

from django.utils import timezone

from ieum.partnering.enums import LocationKind, MeetingStatus, RequestStatus
from ieum.partnering.models import Location, Meeting, MeetingRequest, MeetingSeat
from tests.factories import DemandCompanyFactory, RegistrationFactory


def hall(event, *, tables: int = 10, **fields) -> Location:
    return Location.objects.create(
        event=event,
        kind=fields.pop("kind", LocationKind.TABLES),
        name_ko=fields.pop("name_ko", "전시홀 A"),
        name_en=fields.pop("name_en", "Hall A"),
        capacity=tables,
        **fields,
    )


def demand_party(event, **fields):
    return RegistrationFactory(
        event=event, kind="demand", organization=DemandCompanyFactory(), **fields
    )


def scheduled_meeting(
    *,
    requester,
    recipient,
    slot,
    location=None,
    table_number: int = 1,
    published: bool = True,
    requester_team: int = 1,
    recipient_team: int = 1,
    sequence: int = 0,
) -> Meeting:
    event = requester.event
    request = MeetingRequest.objects.create(
        event=event, requester=requester, recipient=recipient, status=RequestStatus.ACCEPTED
    )
    meeting = Meeting.objects.create(
        event=event,
        request=request,
        status=MeetingStatus.SCHEDULED,
        slot=slot,
        location=location or hall(event),
        table_number=table_number,
        requester_team=requester_team,
        recipient_team=recipient_team,
        published_at=timezone.now() if published else None,
        sequence=sequence,
    )
    MeetingSeat.objects.bulk_create(
        [
            MeetingSeat(meeting=meeting, registration=requester, team=requester_team, slot=slot),
            MeetingSeat(meeting=meeting, registration=recipient, team=recipient_team, slot=slot),
        ]
    )
    return meeting
