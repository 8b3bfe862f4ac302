"""What a delegate's agenda and a location's door sheet hold, in whose time zone, and at
what cost in queries."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from ieum.partnering.agendas import delegate_agenda, location_sheet, meeting_entries
from ieum.partnering.enums import LocationKind
from ieum.partnering.models import Block
from tests.factories import DelegateFactory, EventFactory, RegistrationFactory
from tests.partnering.factories_agendas import demand_party, hall, scheduled_meeting

pytestmark = pytest.mark.django_db

# A Monday in January: Seoul is UTC+9, New York UTC−5 (EST), so 10:00 in Seoul is
# 20:00 the evening before in New York.
MONDAY = date(2030, 1, 14)


@pytest.fixture
def event():
    return EventFactory(
        starts_on=MONDAY,
        ends_on=MONDAY,
        days=[(MONDAY, "10:00", "12:00", [("11:00", "11:30")])],
    )


def slots(event):
    return list(event.slots.order_by("start"))


def test_a_delegate_abroad_sees_times_in_their_zone_and_at_the_venue(event):
    pharma = demand_party(event)
    startup = RegistrationFactory(event=event)
    guest = DelegateFactory(registration=pharma, time_zone="America/New_York")
    DelegateFactory(registration=startup, full_name="Kim Startup", job_title="CEO")
    _first, second, _third = slots(event)  # 10:00, 10:30, 11:30 (break 11:00–11:30)
    scheduled_meeting(requester=startup, recipient=pharma, slot=second, table_number=4)

    with translation.override("en"):
        entries = delegate_agenda(delegate=guest)

    assert [e.kind for e in entries] == ["free", "meeting", "break", "free"]
    meeting = entries[1]
    assert meeting.time_label == "01-13 (Sun) 20:30–21:00 EST"
    assert meeting.event_time_label == "10:30–11:00 KST"
    assert meeting.day == MONDAY
    assert meeting.other_party == startup
    assert [d.full_name for d in meeting.other_delegates] == ["Kim Startup"]
    assert meeting.place == "Hall A, table 4"
    assert meeting.side == "recipient"
    assert entries[2].label == "Break"
    assert entries[2].time_label == "01-13 (Sun) 21:00–21:30 EST"


def test_a_delegate_at_the_venue_sees_venue_times_only(event):
    startup = RegistrationFactory(event=event)
    delegate = DelegateFactory(registration=startup)
    pharma = demand_party(event)
    scheduled_meeting(requester=startup, recipient=pharma, slot=slots(event)[0])
    [meeting] = meeting_entries(delegate_agenda(delegate=delegate))
    assert meeting.time_label == "10:00–10:30 KST"
    assert meeting.event_time_label == ""
    assert meeting.side == "requester"


def test_unpublished_meetings_show_only_to_organizers_and_blocked_time_is_marked(event):
    startup = RegistrationFactory(event=event)
    delegate = DelegateFactory(registration=startup)
    first, second, third = slots(event)
    scheduled_meeting(requester=startup, recipient=demand_party(event), slot=first, published=False)
    Block.objects.create(registration=startup, team=1, slot=third)

    entries = delegate_agenda(delegate=delegate)
    assert [e.kind for e in entries] == ["free", "break", "blocked"]
    # The two free slots before the break are one line.
    assert entries[0].start == first.start and entries[0].end == second.end

    organizer_view = delegate_agenda(delegate=delegate, include_unpublished=True)
    assert [e.kind for e in organizer_view] == ["meeting", "free", "break", "blocked"]
    assert not organizer_view[0].is_published


def test_only_the_delegates_team_and_scheduled_meetings_appear(event):
    pharma = demand_party(event, teams=2)
    team_two = DelegateFactory(registration=pharma, team=2)
    first, second, _third = slots(event)
    booth = hall(event, kind=LocationKind.BOOTH, tables=2, registration=pharma)
    scheduled_meeting(
        requester=RegistrationFactory(event=event),
        recipient=pharma,
        slot=first,
        location=booth,
        table_number=1,
        recipient_team=1,
    )
    mine = scheduled_meeting(
        requester=RegistrationFactory(event=event),
        recipient=pharma,
        slot=second,
        location=booth,
        table_number=2,
        recipient_team=2,
    )
    cancelled = scheduled_meeting(
        requester=RegistrationFactory(event=event),
        recipient=pharma,
        slot=first,
        location=hall(event),
        recipient_team=2,
    )
    cancelled.status = "cancelled"
    cancelled.save()
    with translation.override("en"):
        meetings = meeting_entries(delegate_agenda(delegate=team_two))
    assert [e.meeting for e in meetings] == [mine]
    assert meetings[0].place == f"{booth.name_en}, team 2"


def _agenda_queries(delegate) -> int:
    with CaptureQueriesContext(connection) as queries:
        delegate_agenda(delegate=delegate)
    return len(queries)


def test_the_agenda_runs_the_same_queries_however_many_meetings():
    event = EventFactory()  # two days of fourteen slots
    startup = RegistrationFactory(event=event)
    delegate = DelegateFactory(registration=startup)
    place = hall(event, tables=20)
    all_slots = slots(event)
    pharma = demand_party(event)
    DelegateFactory(registration=pharma)
    scheduled_meeting(requester=startup, recipient=pharma, slot=all_slots[0], location=place)
    delegate = type(delegate).objects.select_related("registration__event").get(pk=delegate.pk)
    one = _agenda_queries(delegate)
    for number, slot in enumerate(all_slots[1:12], start=2):
        other = demand_party(event)
        DelegateFactory(registration=other)
        DelegateFactory(registration=other)
        scheduled_meeting(
            requester=other, recipient=startup, slot=slot, location=place, table_number=number
        )
    assert len(meeting_entries(delegate_agenda(delegate=delegate))) == 12
    assert _agenda_queries(delegate) == one


def test_the_door_sheet_lists_each_table_of_each_slot_with_both_parties(event):
    place = hall(event, tables=3)
    pharma, startup = demand_party(event), RegistrationFactory(event=event)
    DelegateFactory(registration=startup, full_name="Lee Founder")
    first, second, _third = slots(event)
    meeting = scheduled_meeting(
        requester=startup, recipient=pharma, slot=second, location=place, table_number=3
    )
    elsewhere = scheduled_meeting(
        requester=RegistrationFactory(event=event), recipient=demand_party(event), slot=first
    )

    sheet = location_sheet(location=place, day=MONDAY)
    assert [row.slot for row in sheet] == slots(event)
    assert all(len(row.tables) == 3 for row in sheet)
    assert sheet[0].is_empty  # the other meeting is in another hall
    table = sheet[1].tables[2]
    assert table.meeting == meeting
    assert [(party, [p.full_name for p in people]) for party, people in table.parties] == [
        (startup, ["Lee Founder"]),
        (pharma, []),
    ]
    assert sheet[1].time_label == "10:30–11:00 KST"
    assert location_sheet(location=place, day=date(2030, 1, 15)) == []
    assert elsewhere.location != place
