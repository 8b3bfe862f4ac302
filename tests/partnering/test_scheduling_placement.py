"""Late placement after publishing, and the organizer's moves, swaps and unscheduling."""

import pytest
from django.db import IntegrityError

from ieum.partnering import job_names, placement
from ieum.partnering.enums import EventStatus, MeetingStatus
from ieum.partnering.errors import IllegalStep, SchedulingConflict
from ieum.partnering.models import Block, Meeting, MeetingSeat
from ieum.partnering.placement import (
    conflicts_for,
    move_meeting,
    move_options,
    place_late_meetings,
    swap_meetings,
    unschedule_meeting,
)
from tests.factories import EventFactory
from tests.partnering.factories_scheduling import (
    HallFactory,
    accepted_meeting,
    demand_company,
    double_bookings,
    organizer_of,
    place,
    queued_jobs,
    startup,
)
from tests.worker import run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture
def event():
    event = EventFactory(status=EventStatus.PUBLISHED)
    HallFactory(event=event, capacity=2, name_en="Hall A")
    return event


def state(meeting):
    meeting.refresh_from_db()
    seats = sorted(MeetingSeat.objects.filter(meeting=meeting).values_list("slot_id", flat=True))
    return (meeting.status, meeting.slot_id, meeting.location_id, meeting.table_number, seats)


def test_late_meetings_are_placed_around_published_ones_which_never_move(
    event, django_capture_on_commit_callbacks
):
    pharma = demand_company(event, teams=2)
    slots = list(event.slots.order_by("start"))
    companies = [startup(event) for _ in range(4)]
    published = [
        place(
            accepted_meeting(c, pharma, recipient_team=1 + n % 2), slots[n], pharma.booth, 1 + n % 2
        )
        for n, c in enumerate(companies)
    ]
    before = [state(m) for m in published]
    # The booth's second team is free only when it already meets (slots 1 and 3): a
    # heavy late meeting with it fits only if a published meeting gives way.
    Block.objects.bulk_create(
        Block(registration=pharma, team=2, slot=slot)
        for slot in slots
        if slot not in (slots[1], slots[3])
    )
    heavy = accepted_meeting(startup(event), pharma, recipient_team=2, weight=3)
    light = accepted_meeting(startup(event), pharma, recipient_team=1)

    with django_capture_on_commit_callbacks(execute=True):
        placed = place_late_meetings(event=event)

    assert [state(m) for m in published] == before
    assert [m.pk for m in placed] == [light.pk]
    assert state(light)[0] == MeetingStatus.SCHEDULED and light.table_number == 1
    assert light.slot not in (slots[0], slots[2])
    assert light.published_at and light.sequence == 1
    assert state(heavy)[0] == MeetingStatus.UNSCHEDULED
    assert queued_jobs(job_names.MEETING_EMAIL) == [
        {"meeting_id": light.pk, "event": "scheduled", "sequence": 1}
    ]
    assert double_bookings(event) == 0


def test_nothing_is_placed_late_before_the_agendas_are_published():
    event = EventFactory()
    HallFactory(event=event)
    meeting = accepted_meeting(startup(event), startup(event))
    assert place_late_meetings(event=event) == []
    assert state(meeting)[0] == MeetingStatus.UNSCHEDULED


def test_moving_keeps_the_place_takes_a_free_table_and_tells_the_parties(
    event, django_capture_on_commit_callbacks
):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    a, b, c = startup(event), startup(event), startup(event)
    meeting = place(accepted_meeting(a, b), slots[0], hall, 1)
    place(accepted_meeting(c, startup(event)), slots[3], hall, 1)

    with django_capture_on_commit_callbacks(execute=True):
        move_meeting(meeting=meeting, slot=slots[3], by=organizer_of(event))

    assert state(meeting) == (MeetingStatus.SCHEDULED, slots[3].pk, hall.pk, 2, [slots[3].pk] * 2)
    assert meeting.sequence == 1
    assert queued_jobs(job_names.MEETING_EMAIL) == [
        {"meeting_id": meeting.pk, "event": "moved", "sequence": 1}
    ]


def test_a_move_into_a_clash_names_it_and_writes_nothing(event, english):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    pharma = demand_company(event)
    company = startup(event, organization__name_en="Alpha Bio")
    pharma.organization.name_en = "Big Pharma"
    pharma.organization.save()
    meeting = place(accepted_meeting(company, startup(event)), slots[0], hall, 1)
    place(accepted_meeting(company, pharma), slots[1], pharma.booth, 1)
    place(accepted_meeting(startup(event), startup(event)), slots[2], hall, 2)
    Block.objects.create(registration=company, slot=slots[4], reason="flight")
    before = state(meeting)
    organizer = organizer_of(event)

    with pytest.raises(SchedulingConflict, match="Alpha Bio already meets Big Pharma"):
        move_meeting(meeting=meeting, slot=slots[1], by=organizer)
    with pytest.raises(SchedulingConflict, match="Table 2 of Hall A is taken"):
        move_meeting(meeting=meeting, slot=slots[2], by=organizer, table_number=2)
    with pytest.raises(SchedulingConflict, match=r"Alpha Bio blocked this time \(flight\)"):
        move_meeting(meeting=meeting, slot=slots[4], by=organizer)
    with pytest.raises(Exception, match="booth of another party"):
        move_meeting(meeting=meeting, slot=slots[5], by=organizer, location=pharma.booth)
    with pytest.raises(Exception, match="tables 1 to 2"):
        move_meeting(meeting=meeting, slot=slots[5], by=organizer, table_number=3)

    assert state(meeting) == before
    assert meeting.sequence == 0


def test_conflicts_are_shown_per_slot_before_moving(event, english):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    company = startup(event)
    meeting = place(accepted_meeting(company, startup(event)), slots[0], hall, 1)
    other = place(accepted_meeting(company, startup(event)), slots[1], hall, 1)
    place(accepted_meeting(startup(event), startup(event)), slots[2], hall, 1)
    place(accepted_meeting(startup(event), startup(event)), slots[2], hall, 2)

    assert [c.meeting_id for c in conflicts_for(meeting=meeting, slot=slots[1])] == [other.pk]
    options = {o.slot.pk: o for o in move_options(meeting=meeting)}
    assert options[slots[0].pk].clashes == [] and options[slots[0].pk].free_tables == [1, 2]
    assert [c.kind for c in options[slots[1].pk].clashes] == ["party"]
    assert [c.kind for c in options[slots[2].pk].clashes] == ["full"]
    assert options[slots[3].pk].free_tables == [1, 2]


def test_the_constraints_refuse_a_clash_the_checks_missed(event, monkeypatch):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    company = startup(event)
    meeting = place(accepted_meeting(company, startup(event)), slots[0], hall, 1)
    place(accepted_meeting(company, startup(event)), slots[1], hall, 1)
    before = state(meeting)
    monkeypatch.setattr(placement, "conflicts_for", lambda **kwargs: [])

    with pytest.raises(SchedulingConflict) as refused:
        move_meeting(meeting=meeting, slot=slots[1], by=organizer_of(event), table_number=2)

    assert isinstance(refused.value.__cause__, IntegrityError)
    assert state(meeting) == before


def test_an_unscheduled_meeting_placed_by_hand_on_a_published_event_is_published(event):
    pharma = demand_company(event, teams=2)
    slot = event.slots.order_by("start").first()
    meeting = accepted_meeting(startup(event), pharma, recipient_team=2)

    move_meeting(meeting=meeting, slot=slot, by=organizer_of(event))

    assert state(meeting) == (MeetingStatus.SCHEDULED, slot.pk, pharma.booth.pk, 2, [slot.pk] * 2)
    assert meeting.published_at is not None


def test_swapping_exchanges_times_and_places_and_checks_both_sides(
    event, english, django_capture_on_commit_callbacks
):
    hall = event.locations.get()
    slots = list(event.slots.order_by("start"))
    a, b, c = startup(event), startup(event), startup(event)
    first = place(accepted_meeting(a, b), slots[0], hall, 1)
    second = place(accepted_meeting(c, startup(event)), slots[1], hall, 2)
    organizer = organizer_of(event)

    with django_capture_on_commit_callbacks(execute=True):
        swap_meetings(first=first, second=second, by=organizer)

    assert state(first)[1:4] == (slots[1].pk, hall.pk, 2)
    assert state(second)[1:4] == (slots[0].pk, hall.pk, 1)
    assert (first.sequence, second.sequence) == (1, 1)
    assert len(queued_jobs(job_names.MEETING_EMAIL)) == 2

    # c now meets in slot 0; b's other meeting with c in slot 1 would clash after a swap.
    third = place(accepted_meeting(b, startup(event)), slots[2], hall, 1)
    Block.objects.create(registration=b, slot=slots[0])
    before = [state(first), state(third)]
    with pytest.raises(SchedulingConflict, match="blocked this time"):
        swap_meetings(first=third, second=second, by=organizer)
    assert [state(first), state(third)] == before
    assert double_bookings(event) == 0


def test_unscheduling_frees_the_seats_and_tells_the_parties(
    event, django_capture_on_commit_callbacks
):
    hall = event.locations.get()
    meeting = place(accepted_meeting(startup(event), startup(event)), event.slots.first(), hall)
    with django_capture_on_commit_callbacks(execute=True):
        unschedule_meeting(meeting=meeting, by=organizer_of(event))
    assert state(meeting) == (MeetingStatus.UNSCHEDULED, None, None, None, [])
    assert meeting.sequence == 1 and meeting.published_at is None
    assert queued_jobs(job_names.MEETING_EMAIL)[0]["event"] == "moved"
    with pytest.raises(IllegalStep):
        unschedule_meeting(meeting=meeting, by=organizer_of(event))


def test_cancelled_meetings_cannot_be_moved(event):
    meeting = accepted_meeting(startup(event), startup(event))
    Meeting.objects.filter(pk=meeting.pk).update(status=MeetingStatus.CANCELLED)
    with pytest.raises(IllegalStep):
        move_meeting(meeting=meeting, slot=event.slots.first(), by=organizer_of(event))


@pytest.mark.django_db(transaction=True)
def test_the_worker_places_a_late_acceptance_queued_by_name():
    from django.db import transaction

    from ieum.core.jobs import defer_on_commit

    event = EventFactory(status=EventStatus.PUBLISHED)
    pharma = demand_company(event)
    slots = list(event.slots.order_by("start"))
    published = place(accepted_meeting(startup(event), pharma), slots[0], pharma.booth)
    late = accepted_meeting(startup(event), pharma, weight=3)
    with transaction.atomic():
        defer_on_commit(job_names.PLACE_LATE_MEETINGS, event_id=event.pk)

    run_worker()

    assert state(published)[1] == slots[0].pk
    assert state(late)[0] == MeetingStatus.SCHEDULED and late.slot != slots[0]
    assert double_bookings(event) == 0
