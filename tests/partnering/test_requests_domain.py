"""Meeting requests: who may ask whom, answers, cancellation, and that refusals write nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ieum.partnering import job_names
from ieum.partnering.enums import MeetingStatus, RequestStatus
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Meeting, MeetingRequest, MeetingSeat
from ieum.partnering.requests import (
    accept_request,
    cancel_request,
    create_request,
    decline_request,
    meeting_weight,
    send_request,
)
from tests.factories import EventFactory, UserFactory
from tests.partnering.factories_needs import (
    MeetingRequestFactory,
    demand_party,
    queued,
    startup_party,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def refused(call, match: str, error=ValidationError):
    with pytest.raises(error) as caught:
        call()
    assert match in " ".join(caught.value.messages)


@pytest.fixture
def event():
    return EventFactory()


def test_a_party_asks_another_and_the_other_is_told(event, django_capture_on_commit_callbacks):
    startup, demand = startup_party(event), demand_party(event)
    person = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        request = send_request(
            requester=startup, recipient=demand, by=person, message=" 안녕하세요 ", priority=3
        )
    assert (request.status, request.priority, request.message) == ("pending", 3, "안녕하세요")
    assert request.requested_by == person and request.event == event
    assert queued(job_names.REQUEST_EMAIL) == [{"request_id": request.pk, "event": "sent"}]


def test_bad_requests_write_nothing(event):
    startup, demand = startup_party(event), demand_party(event)
    stranger = startup_party(EventFactory())
    gone = startup_party(event, is_cancelled=True)
    send = lambda requester, recipient, **kw: send_request(  # noqa: E731
        requester=requester, recipient=recipient, by=None, **kw
    )
    refused(lambda: send(startup, stranger), "same event")
    refused(lambda: send(stranger, startup), "same event")
    refused(lambda: send(startup, startup), "your own party")
    refused(lambda: send(startup, gone), "no longer takes part")
    refused(lambda: send(gone, startup), "cancelled")
    refused(lambda: send(startup, demand, priority=0), "priority")
    event.requests_close_at = timezone.now() - timedelta(minutes=1)
    event.save()
    refused(lambda: send(startup, demand), "closed")
    event.requests_close_at = None
    event.status = "closed"
    event.save()
    refused(lambda: send(startup, demand), "does not take meeting requests")
    assert not MeetingRequest.objects.exists()


def test_one_live_request_per_pair_whoever_asks(event):
    startup, demand = startup_party(event), demand_party(event)
    first = send_request(requester=startup, recipient=demand, by=None)
    refused(lambda: send_request(requester=demand, recipient=startup, by=None), "already")
    refused(lambda: send_request(requester=startup, recipient=demand, by=None), "already")
    decline_request(request=first, by=None, reason="일정이 맞지 않습니다")
    again = send_request(requester=demand, recipient=startup, by=None)
    assert MeetingRequest.objects.filter(status="pending").get() == again


def test_weight_follows_both_priorities():
    assert meeting_weight(3, 3) == 3
    assert meeting_weight(3, 2) == 2
    assert meeting_weight(2, 1) == 2
    assert meeting_weight(1, 1) == 1


def test_accepting_records_the_priority_and_creates_the_meeting(
    event, django_capture_on_commit_callbacks
):
    request = MeetingRequestFactory(requester=startup_party(event), priority=3)
    answerer = UserFactory()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = accept_request(request=request, by=answerer, priority=3)
    request.refresh_from_db()
    assert (request.status, request.recipient_priority, request.answered_by) == (
        RequestStatus.ACCEPTED,
        3,
        answerer,
    )
    assert meeting.status == MeetingStatus.UNSCHEDULED and meeting.weight == 3
    assert queued(job_names.REQUEST_EMAIL) == [{"request_id": request.pk, "event": "accepted"}]
    assert queued(job_names.PLACE_LATE_MEETINGS) == []
    for step in (
        lambda: accept_request(request=request, by=None),
        lambda: decline_request(request=request, by=None, reason="x"),
    ):
        refused(step, "awaiting an answer", IllegalStep)
    assert Meeting.objects.count() == 1


def test_a_party_with_teams_gets_its_least_busy_team(event):
    demand = demand_party(event, teams=3)
    teams = []
    for _ in range(4):
        request = MeetingRequestFactory(requester=startup_party(event), recipient=demand)
        teams.append(accept_request(request=request, by=None).recipient_team)
    assert teams == [1, 2, 3, 1]
    request = MeetingRequestFactory(requester=demand, recipient=startup_party(event))
    assert accept_request(request=request, by=None).requester_team == 2


def test_accepting_after_publication_queues_late_placement(django_capture_on_commit_callbacks):
    event = EventFactory(status="published")
    request = MeetingRequestFactory(requester=startup_party(event))
    with django_capture_on_commit_callbacks(execute=True):
        accept_request(request=request, by=None)
    assert queued(job_names.PLACE_LATE_MEETINGS) == [{"event_id": event.pk}]


def test_declining_needs_a_reason_and_writes_nothing_without_one(event):
    request = MeetingRequestFactory(requester=startup_party(event))
    refused(lambda: decline_request(request=request, by=None, reason="  "), "Say why")
    request.refresh_from_db()
    assert request.status == RequestStatus.PENDING
    decline_request(request=request, by=None, reason="관심 분야가 다릅니다")
    request.refresh_from_db()
    assert (request.status, request.decline_reason) == ("declined", "관심 분야가 다릅니다")
    refused(lambda: cancel_request(request=request, by=None), "already closed", IllegalStep)


def test_cancelling_an_accepted_request_cancels_and_unseats_its_meeting(
    event, django_capture_on_commit_callbacks
):
    request = MeetingRequestFactory(requester=startup_party(event))
    meeting = accept_request(request=request, by=None)
    slot = event.slots.first()
    location = event.locations.create(kind="room", name_ko="회의실", capacity=1)
    Meeting.objects.filter(pk=meeting.pk).update(
        status=MeetingStatus.SCHEDULED,
        slot=slot,
        location=location,
        table_number=1,
        published_at=timezone.now(),
        sequence=2,
    )
    for registration in (request.requester, request.recipient):
        MeetingSeat.objects.create(meeting=meeting, registration=registration, slot=slot)
    with django_capture_on_commit_callbacks(execute=True):
        cancel_request(request=request, by=None, reason="사정이 생겼습니다")
    meeting.refresh_from_db()
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert meeting.status == MeetingStatus.CANCELLED and meeting.cancelled_at is not None
    assert meeting.sequence == 3 and not MeetingSeat.objects.exists()
    assert queued(job_names.MEETING_EMAIL) == [
        {"meeting_id": meeting.pk, "event": "cancelled", "sequence": 3}
    ]
    assert queued(job_names.REQUEST_EMAIL)[-1] == {"request_id": request.pk, "event": "cancelled"}


def test_cancelling_a_pending_request_tells_no_meeting(event, django_capture_on_commit_callbacks):
    request = MeetingRequestFactory(requester=startup_party(event))
    with django_capture_on_commit_callbacks(execute=True):
        cancel_request(request=request, by=None)
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED
    assert queued(job_names.MEETING_EMAIL) == []


def test_the_database_refuses_a_second_live_request_with_a_translated_error(event):
    startup, demand = startup_party(event), demand_party(event)
    create_request(event=event, requester=startup, recipient=demand)
    # Past the locks and the check, as a writer that skipped them would be.
    refused(
        lambda: create_request(event=event, requester=demand, recipient=startup),
        "already is a meeting request",
    )
    assert MeetingRequest.objects.count() == 1
