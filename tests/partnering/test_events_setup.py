"""Setting up an event: details, days and breaks, locations and status steps."""

from datetime import date, time, timedelta

import pytest
from django.core.exceptions import ValidationError

from ieum.partnering.errors import IllegalStep
from ieum.partnering.event_setup import (
    add_location,
    create_event,
    remove_event_day,
    remove_location,
    set_event_day,
    set_event_status,
    update_event,
)
from ieum.partnering.models import Block, Event, EventBreak, EventDay, Location, Slot
from tests.factories import EventFactory, OrganizationFactory, RegistrationFactory, UserFactory
from tests.partnering.factories_events import scheduled_meeting

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

FIRST = date(2031, 3, 10)


def _new_event(**overrides):
    arguments = {
        "organizer": OrganizationFactory(kind="public_agency"),
        "by": UserFactory(),
        "kind": "partnering",
        "name_ko": "글로벌 오픈이노베이션 위크",
        "slug": "goiw-2031",
        "starts_on": FIRST,
        "ends_on": FIRST + timedelta(days=1),
    } | overrides
    return create_event(**arguments)


def test_create_event_starts_in_draft():
    event = _new_event(name_en="Global Open Innovation Week", slot_minutes=20)
    assert event.status == "draft"
    assert event.slot_minutes == 20
    assert Event.objects.get().slug == "goiw-2031"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"ends_on": FIRST - timedelta(days=1)}, "ends_on"),
        ({"slot_minutes": 3}, "slot_minutes"),
        ({"time_zone": "Mars/Olympus"}, "time_zone"),
        ({"kind": "party"}, "kind"),
        ({"slug": "new"}, "slug"),
        ({"name_ko": ""}, "name_ko"),
    ],
)
def test_create_event_refuses_bad_input_and_writes_nothing(overrides, field):
    with pytest.raises(ValidationError) as refused:
        _new_event(**overrides)
    assert field in refused.value.error_dict
    assert not Event.objects.exists()


def test_create_event_refuses_a_taken_address():
    _new_event()
    with pytest.raises(ValidationError) as refused:
        _new_event()
    assert "slug" in refused.value.error_dict
    assert Event.objects.count() == 1


def test_set_event_day_cuts_slots_around_breaks():
    event = _new_event()
    day = set_event_day(
        event=event,
        date=FIRST,
        opens_at=time(10),
        closes_at=time(12),
        breaks=[(time(11), time(11, 30), "휴식", "Coffee")],
    )
    assert day.breaks.get().label_en == "Coffee"
    starts = [s.start.astimezone(event.zone).time() for s in Slot.objects.filter(event=event)]
    assert starts == [time(10), time(10, 30), time(11, 30)]
    # Setting the same day again replaces its hours and breaks.
    set_event_day(event=event, date=FIRST, opens_at=time(9), closes_at=time(10))
    assert EventDay.objects.filter(event=event).count() == 1
    assert not EventBreak.objects.exists()
    assert Slot.objects.filter(event=event).count() == 2


@pytest.mark.parametrize(
    ("day", "opens", "closes", "breaks", "message"),
    [
        (FIRST + timedelta(days=5), time(10), time(12), [], "must fall between"),
        (FIRST, time(12), time(10), [], "must end after they start"),
        (FIRST, time(10), time(10, 20), [], "shorter than one 30-minute meeting"),
        (FIRST, time(10), time(12), [(time(9), time(10, 30))], "within the meeting hours"),
        (FIRST, time(10), time(12), [(time(11), time(10, 30))], "must end after it starts"),
        (
            FIRST,
            time(10),
            time(17),
            [(time(12), time(13)), (time(12, 30), time(14))],
            "overlap",
        ),
    ],
)
def test_set_event_day_refuses_bad_days_and_writes_nothing(day, opens, closes, breaks, message):
    event = _new_event()
    with pytest.raises(ValidationError) as refused:
        set_event_day(event=event, date=day, opens_at=opens, closes_at=closes, breaks=breaks)
    assert any(message in text for text in refused.value.messages)
    assert not EventDay.objects.exists() and not Slot.objects.exists()


def test_days_cannot_change_once_times_are_blocked():
    event = EventFactory()
    registration = RegistrationFactory(event=event)
    slot = event.slots.first()
    Block.objects.create(registration=registration, slot=slot)
    slots_before = set(event.slots.values_list("pk", flat=True))
    with pytest.raises(ValidationError):
        set_event_day(event=event, date=event.starts_on, opens_at=time(9), closes_at=time(11))
    with pytest.raises(ValidationError):
        remove_event_day(day=event.days.last(), by=UserFactory())
    assert set(event.slots.values_list("pk", flat=True)) == slots_before
    assert event.days.get(date=event.starts_on).opens_at == time(10)
    assert event.days.count() == 2


def test_days_cannot_change_once_meetings_are_scheduled():
    event = EventFactory()
    scheduled_meeting(RegistrationFactory(event=event), event.slots.first())
    with pytest.raises(ValidationError):
        update_event(event=event, by=UserFactory(), slot_minutes=20)
    event.refresh_from_db()
    assert event.slot_minutes == 30


def test_remove_event_day_drops_its_slots():
    event = EventFactory()
    per_day = event.slots.count() // 2
    remove_event_day(day=event.days.last(), by=UserFactory())
    assert event.slots.count() == per_day


def test_update_event_regenerates_slots_for_a_new_length():
    event = EventFactory()
    update_event(event=event, by=UserFactory(), slot_minutes=60, venue_en="BEXCO")
    event.refresh_from_db()
    assert event.venue_en == "BEXCO"
    # 10–12 and 13–17 give six one-hour slots a day.
    assert event.slots.count() == 12


def test_update_event_keeps_days_inside_the_dates():
    event = EventFactory()
    with pytest.raises(ValidationError) as refused:
        update_event(event=event, by=UserFactory(), ends_on=event.starts_on)
    assert "starts_on" in refused.value.error_dict
    event.refresh_from_db()
    assert event.ends_on == event.starts_on + timedelta(days=1)


def test_update_event_refuses_fields_it_does_not_own():
    event = EventFactory()
    with pytest.raises(ValueError):
        update_event(event=event, by=UserFactory(), status="published")


def test_add_location_rules():
    event = EventFactory()
    hall = add_location(event=event, by=UserFactory(), kind="tables", name_ko="A홀", capacity=40)
    assert hall.capacity == 40
    cases = [
        ({"kind": "online", "name_ko": "온라인"}, "meeting_link"),
        ({"kind": "room", "name_ko": "회의실", "meeting_link": "not a link"}, "meeting_link"),
        ({"kind": "booth", "name_ko": "부스"}, "registration"),
        ({"kind": "room", "name_ko": "회의실", "capacity": 0}, "capacity"),
        (
            {"kind": "room", "name_ko": "회의실", "registration": RegistrationFactory(event=event)},
            "registration",
        ),
        (
            {"kind": "booth", "name_ko": "부스", "registration": RegistrationFactory()},
            "registration",
        ),
    ]
    for arguments, field in cases:
        with pytest.raises(ValidationError) as refused:
            add_location(event=event, by=UserFactory(), **arguments)
        assert field in refused.value.error_dict, arguments
    assert list(Location.objects.all()) == [hall]
    online = add_location(
        event=event, by=UserFactory(), kind="online", name_ko="줌", meeting_link="https://x.kr/m"
    )
    assert online.meeting_link == "https://x.kr/m"


def test_a_location_in_use_is_not_removed():
    event = EventFactory()
    meeting = scheduled_meeting(RegistrationFactory(event=event), event.slots.first())
    with pytest.raises(IllegalStep):
        remove_location(location=meeting.location, by=UserFactory())
    assert Location.objects.filter(pk=meeting.location_id).exists()


def test_status_steps():
    event = _new_event()
    with pytest.raises(IllegalStep, match="meeting day"):
        set_event_status(event=event, status="open", by=UserFactory())
    set_event_day(event=event, date=FIRST, opens_at=time(10), closes_at=time(12))
    assert set_event_status(event=event, status="open", by=UserFactory()).status == "open"
    with pytest.raises(IllegalStep):
        set_event_status(event=event, status="published", by=UserFactory())
    assert set_event_status(event=event, status="closed", by=UserFactory()).status == "closed"
    assert set_event_status(event=event, status="open", by=UserFactory()).status == "open"
    # Back to draft only while nobody is registered.
    RegistrationFactory(event=event)
    with pytest.raises(IllegalStep, match="registered"):
        set_event_status(event=event, status="draft", by=UserFactory())
    event.refresh_from_db()
    assert event.status == "open"


def test_back_to_draft_when_nobody_registered():
    event = EventFactory(status="closed")
    assert set_event_status(event=event, status="draft", by=UserFactory()).status == "draft"


def test_reopening_a_published_event_keeps_it_published():
    from django.utils import timezone

    event = EventFactory(status="closed", published_at=timezone.now())
    assert set_event_status(event=event, status="open", by=UserFactory()).status == "published"
