"""The event's rows as a scheduler instance, and the scheduler's answer back."""

from datetime import timedelta

import pytest
from django.utils import timezone

from ieum.partnering.enums import LocationKind
from ieum.partnering.models import Block
from ieum.partnering.scheduling_input import (
    build_instance,
    load_snapshot,
    number_tables,
    published_places,
    unscheduled_reasons,
)
from tests.factories import EventFactory
from tests.partnering.factories_scheduling import (
    HallFactory,
    accepted_meeting,
    demand_company,
    place,
    startup,
)

pytestmark = pytest.mark.django_db


def one_morning_event(**fields):
    """One day with two 30-minute slots."""
    day = timezone.localdate() + timedelta(days=10)
    return EventFactory(starts_on=day, ends_on=day, days=[(day, "10:00", "11:00", [])], **fields)


def instance_meeting(instance, meeting):
    return instance.meeting(meeting.code)


def test_booth_meetings_go_to_the_booth_and_others_to_shared_places():
    event = EventFactory()
    hall = HallFactory(event=event, capacity=5)
    online = HallFactory(event=event, kind=LocationKind.ONLINE, capacity=3)
    pharma = demand_company(event, teams=2)
    medtech = demand_company(event)
    first, second = startup(event), startup(event)
    at_booth = accepted_meeting(first, pharma)
    two_booths = accepted_meeting(pharma, medtech)
    startups = accepted_meeting(first, second)

    instance, placeless = build_instance(load_snapshot(event=event))

    assert placeless == []
    assert instance_meeting(instance, at_booth).locations == (pharma.booth.code,)
    assert set(instance_meeting(instance, two_booths).locations) == {
        pharma.booth.code,
        medtech.booth.code,
    }
    assert instance_meeting(instance, startups).locations == (hall.code, online.code)
    assert {loc.id: loc.capacity for loc in instance.locations}[pharma.booth.code] == 2
    # Each team of a party is a participant of its own.
    ids = {p.id for p in instance.participants}
    assert {pharma.party_code(1), pharma.party_code(2), first.party_code(1)} <= ids
    assert instance_meeting(instance, at_booth).participants == (
        first.party_code(1),
        pharma.party_code(1),
    )


def test_a_meeting_no_place_takes_is_left_out():
    event = EventFactory()
    first, second = startup(event), startup(event)
    meeting = accepted_meeting(first, second)
    instance, placeless = build_instance(load_snapshot(event=event))
    assert placeless == [meeting]
    assert instance.meetings == ()
    reasons = unscheduled_reasons(load_snapshot(event=event), {}, [meeting])
    assert reasons == {meeting.pk: "no_location"}


def test_published_meetings_are_fixed_in_their_slot_and_place_and_others_are_free():
    event = EventFactory()
    hall = HallFactory(event=event)
    pharma = demand_company(event)
    first, second = startup(event), startup(event)
    slots = list(event.slots.order_by("start"))
    published = place(accepted_meeting(first, pharma, weight=3), slots[2], pharma.booth)
    draft = place(accepted_meeting(first, second), slots[4], hall, published=False)
    waiting = accepted_meeting(second, pharma)

    snapshot = load_snapshot(event=event)
    kept, _ = build_instance(snapshot, fixed=published_places(snapshot))
    free, _ = build_instance(snapshot)

    assert instance_meeting(kept, published).fixed_slot == slots[2].code
    assert instance_meeting(kept, published).locations == (pharma.booth.code,)
    assert instance_meeting(kept, published).weight == 3
    assert instance_meeting(kept, draft).fixed_slot is None
    assert instance_meeting(kept, waiting).fixed_slot is None
    assert instance_meeting(free, published).fixed_slot is None


def test_blocks_and_limits_become_unavailable_slots_and_meeting_limits():
    event = EventFactory(max_meetings_per_party=8, max_meetings_per_day=5)
    pharma = demand_company(event, teams=2, max_meetings=12)
    company = startup(event)
    slots = list(event.slots.order_by("start"))
    Block.objects.create(registration=pharma, team=2, slot=slots[0], reason="keynote")
    Block.objects.create(registration=company, slot=slots[3])

    instance, _ = build_instance(load_snapshot(event=event))
    parties = {p.id: p for p in instance.participants}

    assert parties[pharma.party_code(1)].unavailable == frozenset()
    assert parties[pharma.party_code(2)].unavailable == {slots[0].code}
    assert parties[company.party_code(1)].unavailable == {slots[3].code}
    assert parties[pharma.party_code(1)].max_meetings == 12
    assert parties[company.party_code(1)].max_meetings == 8
    assert parties[company.party_code(1)].max_per_day == 5
    assert [s.id for s in instance.slots] == [s.code for s in slots]
    assert {s.day for s in instance.slots} == {1, 2}


def test_cancelled_registrations_and_meetings_stay_out():
    event = EventFactory()
    pharma = demand_company(event)
    gone = startup(event, is_cancelled=True)
    cancelled = accepted_meeting(startup(event), pharma)
    cancelled.status = "cancelled"
    cancelled.save()
    accepted_meeting(gone, pharma)
    live = accepted_meeting(startup(event), pharma)

    snapshot = load_snapshot(event=event)

    assert snapshot.meetings == [live]
    assert gone.party_code(1) not in {p.id for p in build_instance(snapshot)[0].participants}


def test_the_snapshot_costs_the_same_few_queries_however_many_meetings(
    django_assert_num_queries,
):
    event = EventFactory()
    HallFactory(event=event)
    pharmas = [demand_company(event) for _ in range(3)]
    for n in range(12):
        company = startup(event)
        Block.objects.create(registration=company, slot=event.slots.first())
        accepted_meeting(company, pharmas[n % 3])
    with django_assert_num_queries(5):
        build_instance(load_snapshot(event=event))


def test_tables_are_host_teams_at_booths_numbered_in_halls_and_kept_when_staying():
    event = EventFactory()
    hall = HallFactory(event=event, capacity=4)
    pharma = demand_company(event, teams=2)
    a, b, c = startup(event), startup(event), startup(event)
    slot = event.slots.order_by("start").first()
    second_team = accepted_meeting(a, pharma, recipient_team=2)
    staying = place(accepted_meeting(a, b), slot, hall, table=3)
    newcomer = accepted_meeting(b, c)
    other = accepted_meeting(c, a)

    snapshot = load_snapshot(event=event)
    tables = number_tables(
        snapshot,
        {
            second_team.pk: (slot.pk, pharma.booth.pk),
            staying.pk: (slot.pk, hall.pk),
            newcomer.pk: (slot.pk, hall.pk),
            other.pk: (slot.pk, hall.pk),
        },
    )

    assert tables == {second_team.pk: 2, staying.pk: 3, newcomer.pk: 1, other.pk: 2}


def test_unscheduled_meetings_get_the_reason_they_did_not_fit():
    event = one_morning_event()
    hall = HallFactory(event=event, capacity=1)
    first_slot, second_slot = event.slots.order_by("start")
    pharma = demand_company(event, booth=False)
    busy = startup(event)
    blocked = startup(event)
    full = startup(event, max_meetings=0)
    crowded = startup(event)
    Block.objects.create(registration=blocked, slot=first_slot)
    Block.objects.create(registration=pharma, slot=second_slot)
    held = place(accepted_meeting(busy, pharma, weight=3), first_slot, hall)
    other = place(accepted_meeting(busy, startup(event)), second_slot, hall)
    no_common = accepted_meeting(blocked, pharma)
    no_room = accepted_meeting(crowded, startup(event))
    lost = accepted_meeting(crowded, pharma)
    limited = accepted_meeting(full, pharma)

    snapshot = load_snapshot(event=event)
    places = {held.pk: (first_slot.pk, hall.pk), other.pk: (second_slot.pk, hall.pk)}
    reasons = unscheduled_reasons(snapshot, places, [no_common, no_room, lost, limited])

    assert reasons == {
        no_common.pk: "no_common_slot",
        no_room.pk: "location_full",
        lost.pk: "crowded_out",
        limited.pk: "party_full",
    }
