"""People, clients and scheduled meetings for the partnering API tests."""

from django.conf import settings
from django.db.models import Model
from django.utils import timezone
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from ieum.accounts.enums import Role
from ieum.partnering.enums import MeetingStatus, RequestStatus
from ieum.partnering.models import Location, Meeting, MeetingSeat
from tests.factories import CompanyFactory, MembershipFactory, OrganizationFactory
from tests.partnering.factories_needs import MeetingRequestFactory


def client_for(user=None, *, language: str = "ko") -> APIClient:
    """A token client for the person, or an anonymous one, in the language they chose."""
    client = APIClient()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    if user is not None:
        client.credentials(
            HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}"
        )
    return client


def stranger():
    """A member of a company that takes no part in anything."""
    return MembershipFactory(organization=CompanyFactory()).user


def platform_admin():
    return MembershipFactory(organization=OrganizationFactory(), role=Role.PLATFORM_ADMIN).user


def counts(*models: type[Model]) -> tuple[int, ...]:
    return tuple(model.objects.count() for model in models)


def hall(event, *, tables: int = 5) -> Location:
    return Location.objects.create(
        event=event, kind="tables", name_ko="상담홀", name_en="Hall", capacity=tables
    )


def scheduled_meeting(requester, recipient, *, slot, location, table=1, published=True):
    """An accepted request with its meeting in a place, and the seats that hold it."""
    request = MeetingRequestFactory(
        requester=requester, recipient=recipient, status=RequestStatus.ACCEPTED
    )
    meeting = Meeting.objects.create(
        event=requester.event,
        request=request,
        status=MeetingStatus.SCHEDULED,
        slot=slot,
        location=location,
        table_number=table,
        published_at=timezone.now() if published else None,
    )
    MeetingSeat.objects.bulk_create(
        [
            MeetingSeat(meeting=meeting, registration=requester, team=1, slot=slot),
            MeetingSeat(meeting=meeting, registration=recipient, team=1, slot=slot),
        ]
    )
    return meeting
