"""Agendas: a delegate's day by day, and the door sheet of each meeting location.

Both only read. Times are kept as aware datetimes and also given as ready labels in
the reader's time zone, because templates would otherwise convert every datetime
back to the site's time zone (Asia/Seoul).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.db.models import Q, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ieum.partnering.enums import LocationKind, MeetingStatus
from ieum.partnering.models import (
    Block,
    Delegate,
    Event,
    EventDay,
    Location,
    Meeting,
    Registration,
    Slot,
)


@dataclass
class AgendaEntry:
    """One line of an agenda: a meeting, a break, free time or time the team blocked."""

    kind: str  # "meeting", "break", "free" or "blocked"
    start: datetime
    end: datetime
    day_number: int
    day: date  # the event day, in the event's time zone
    time_label: str  # in the delegate's time zone
    event_time_label: str = ""  # at the venue, only when its clock differs
    label: str = ""  # the break's name
    meeting: Meeting | None = None
    side: str = ""  # "requester" or "recipient": which side of the meeting the delegate is
    other_party: Registration | None = None
    other_delegates: list[Delegate] = field(default_factory=list)
    place: str = ""
    link: str = ""

    @property
    def is_published(self) -> bool:
        return self.meeting is not None and self.meeting.published_at is not None

    @property
    def checked_in_at(self) -> datetime | None:
        if self.meeting is None:
            return None
        return getattr(self.meeting, f"{self.side}_checked_in_at")


def clock_label(start: datetime, end: datetime, zone: ZoneInfo) -> str:
    """`20:00–20:30 EDT`: the span in `zone`, with the zone's abbreviation."""
    local_start, local_end = start.astimezone(zone), end.astimezone(zone)
    return f"{local_start:%H:%M}–{local_end:%H:%M} {local_start.tzname()}"


def span_labels(
    start: datetime, end: datetime, *, zone: ZoneInfo, event_zone: ZoneInfo
) -> tuple[str, str]:
    """The span for the reader, and at the venue when the venue's clock differs.

    The reader's label carries the date when it is another date than at the venue, as
    it is for delegates in the Americas of a morning meeting in Seoul.
    """
    local = clock_label(start, end, zone)
    at_venue = ""
    if start.astimezone(zone).utcoffset() != start.astimezone(event_zone).utcoffset():
        at_venue = clock_label(start, end, event_zone)
        if start.astimezone(zone).date() != start.astimezone(event_zone).date():
            local = f"{date_format(start.astimezone(zone), 'm-d (D)')} {local}"
    return local, at_venue


def place_label(meeting: Meeting) -> str:
    location = meeting.location
    if location is None:
        return ""
    if location.kind == LocationKind.TABLES:
        return _("%(place)s, table %(number)s") % {
            "place": location.name,
            "number": meeting.table_number,
        }
    if location.kind == LocationKind.BOOTH and location.capacity > 1:
        return _("%(place)s, team %(number)s") % {
            "place": location.name,
            "number": meeting.table_number,
        }
    return location.name


def team_meetings(*, registration: Registration, team: int) -> QuerySet[Meeting]:
    """Every meeting of one team of a party, whatever its status."""
    return Meeting.objects.filter(
        Q(request__requester=registration, requester_team=team)
        | Q(request__recipient=registration, recipient_team=team)
    )


def delegates_for(*, event: Event, user) -> list[Delegate]:
    """The person's own delegations at the event: linked to them, or under their address."""
    if not user.is_authenticated:
        return []
    return list(
        Delegate.objects.filter(registration__event=event, registration__is_cancelled=False)
        .filter(Q(user=user) | Q(user__isnull=True, email__iexact=user.email))
        .select_related("registration__organization", "registration__event")
        .order_by("registration__organization__name_ko", "team", "pk")
    )


def _event_days(event: Event) -> list[EventDay]:
    return list(EventDay.objects.filter(event=event).prefetch_related("breaks").order_by("date"))


def delegate_agenda(*, delegate: Delegate, include_unpublished: bool = False) -> list[AgendaEntry]:
    """The delegate's team's scheduled meetings in time order, with breaks and free time.

    Meetings not yet published appear only when `include_unpublished` (for organizers);
    to others their slots look free. Runs the same few queries however long the agenda.
    """
    registration = delegate.registration
    event = registration.event
    zone, event_zone = delegate.zone, event.zone
    meetings = (
        team_meetings(registration=registration, team=delegate.team)
        .filter(status=MeetingStatus.SCHEDULED)
        .select_related(
            "slot",
            "location",
            "request__requester__organization",
            "request__recipient__organization",
        )
    )
    if not include_unpublished:
        meetings = meetings.filter(published_at__isnull=False)
    by_slot = {meeting.slot_id: meeting for meeting in meetings}
    other_ids = set()
    for meeting in by_slot.values():
        request = meeting.request
        other_ids.add(
            request.recipient_id
            if request.requester_id == registration.pk
            else request.requester_id
        )
    others: dict[tuple[int, int], list[Delegate]] = {}
    for person in Delegate.objects.filter(registration_id__in=other_ids).order_by("full_name"):
        others.setdefault((person.registration_id, person.team), []).append(person)
    blocked = set(
        Block.objects.filter(registration=registration, team=delegate.team).values_list(
            "slot_id", flat=True
        )
    )
    days = _event_days(event)
    dates = {number: day.date for number, day in enumerate(days, start=1)}

    def entry(kind: str, start: datetime, end: datetime, number: int, **extra) -> AgendaEntry:
        local, at_venue = span_labels(start, end, zone=zone, event_zone=event_zone)
        return AgendaEntry(
            kind=kind,
            start=start,
            end=end,
            day_number=number,
            day=dates.get(number, start.astimezone(event_zone).date()),
            time_label=local,
            event_time_label=at_venue,
            **extra,
        )

    entries = []
    for slot in Slot.objects.filter(event=event).order_by("start"):
        meeting = by_slot.get(slot.pk)
        if meeting is None:
            kind = "blocked" if slot.pk in blocked else "free"
            entries.append(entry(kind, slot.start, slot.end, slot.day_number))
            continue
        request = meeting.request
        mine = request.requester_id == registration.pk and meeting.requester_team == delegate.team
        side = "requester" if mine else "recipient"
        other = request.recipient if mine else request.requester
        other_team = meeting.recipient_team if mine else meeting.requester_team
        entries.append(
            entry(
                "meeting",
                slot.start,
                slot.end,
                slot.day_number,
                meeting=meeting,
                side=side,
                other_party=other,
                other_delegates=others.get((other.pk, other_team), []),
                place=place_label(meeting),
                link=meeting.location.meeting_link if meeting.location else "",
            )
        )
    for number, day in enumerate(days, start=1):
        for pause in day.breaks.all():
            start = datetime.combine(day.date, pause.starts_at, event_zone)
            end = datetime.combine(day.date, pause.ends_at, event_zone)
            entries.append(entry("break", start, end, number, label=pause.label or _("Break")))
    entries.sort(key=lambda item: (item.start, item.kind != "break"))
    return _merge_idle(entries, zone=zone, event_zone=event_zone)


def _merge_idle(
    entries: list[AgendaEntry], *, zone: ZoneInfo, event_zone: ZoneInfo
) -> list[AgendaEntry]:
    """Join back-to-back free (or blocked) slots into one line, so printed agendas stay short."""
    merged: list[AgendaEntry] = []
    for item in entries:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and item.kind in ("free", "blocked")
            and previous.kind == item.kind
            and previous.end == item.start
            and previous.day_number == item.day_number
        ):
            previous.end = item.end
            previous.time_label, previous.event_time_label = span_labels(
                previous.start, previous.end, zone=zone, event_zone=event_zone
            )
            continue
        merged.append(item)
    return merged


def meeting_entries(entries: list[AgendaEntry]) -> list[AgendaEntry]:
    return [item for item in entries if item.kind == "meeting"]


@dataclass
class SheetTable:
    number: int
    meeting: Meeting | None = None
    parties: list[tuple[Registration, list[Delegate]]] = field(default_factory=list)


@dataclass
class SheetSlot:
    slot: Slot
    time_label: str
    tables: list[SheetTable]

    @property
    def is_empty(self) -> bool:
        return all(table.meeting is None for table in self.tables)


def location_sheet(*, location: Location, day: date | None = None) -> list[SheetSlot]:
    """The door sheet: for each slot (of one event day, or all), each table and who meets there.

    Shows every scheduled meeting, published or not: it is for the organizer's desk.
    """
    event = location.event
    zone = event.zone
    slots = Slot.objects.filter(event=event).order_by("start")
    if day is not None:
        first = datetime.combine(day, datetime.min.time(), zone)
        slots = slots.filter(start__gte=first, start__lt=first + timedelta(days=1))
    slots = list(slots)
    meetings = Meeting.objects.filter(
        location=location, status=MeetingStatus.SCHEDULED, slot__in=slots
    ).select_related("request__requester__organization", "request__recipient__organization")
    at = {(meeting.slot_id, meeting.table_number): meeting for meeting in meetings}
    party_ids = {m.request.requester_id for m in at.values()} | {
        m.request.recipient_id for m in at.values()
    }
    people: dict[tuple[int, int], list[Delegate]] = {}
    for person in Delegate.objects.filter(registration_id__in=party_ids).order_by("full_name"):
        people.setdefault((person.registration_id, person.team), []).append(person)
    numbers = range(1, location.capacity + 1)
    sheet = []
    for slot in slots:
        tables = []
        for number in numbers:
            meeting = at.get((slot.pk, number))
            table = SheetTable(number=number, meeting=meeting)
            if meeting is not None:
                request = meeting.request
                table.parties = [
                    (
                        request.requester,
                        people.get((request.requester_id, meeting.requester_team), []),
                    ),
                    (
                        request.recipient,
                        people.get((request.recipient_id, meeting.recipient_team), []),
                    ),
                ]
            tables.append(table)
        sheet.append(
            SheetSlot(slot=slot, time_label=clock_label(slot.start, slot.end, zone), tables=tables)
        )
    return sheet
