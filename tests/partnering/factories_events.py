"""People and meetings for the events and registration tests."""

from ieum.accounts.enums import Role
from ieum.partnering.enums import MeetingStatus, RequestStatus
from ieum.partnering.models import Meeting, MeetingRequest, MeetingSeat
from tests.factories import MembershipFactory, OrganizationFactory, RegistrationFactory


def organizer_of(event):
    """A person who runs events for the event's organizing organization."""
    return MembershipFactory(organization=event.organizer, role=Role.EVENT_ORGANIZER).user


def platform_admin():
    return MembershipFactory(
        organization=OrganizationFactory(kind="public_agency"), role=Role.PLATFORM_ADMIN
    ).user


def member_of(organization, role=Role.COMPANY_MEMBER):
    return MembershipFactory(organization=organization, role=role).user


def scheduled_meeting(registration, slot, *, team: int = 1):
    """A meeting of `registration`'s team with another party, in `slot`, with both seats."""
    other = RegistrationFactory(event=registration.event)
    request = MeetingRequest.objects.create(
        event=registration.event,
        requester=other,
        recipient=registration,
        status=RequestStatus.ACCEPTED,
    )
    location = registration.event.locations.create(kind="tables", name_ko="홀", capacity=50)
    meeting = Meeting.objects.create(
        event=registration.event,
        request=request,
        status=MeetingStatus.SCHEDULED,
        slot=slot,
        location=location,
        table_number=1,
        recipient_team=team,
    )
    MeetingSeat.objects.create(meeting=meeting, registration=registration, team=team, slot=slot)
    MeetingSeat.objects.create(meeting=meeting, registration=other, team=1, slot=slot)
    return meeting
