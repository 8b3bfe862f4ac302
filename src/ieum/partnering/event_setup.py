"""Organizers set up an event: its details, meeting days and breaks, locations and status.

Slots are cut from the days and breaks by `generate_slots`; any change to the days or
the slot length regenerates them, which `generate_slots` refuses once meetings are
scheduled or times blocked. Every function locks the event's row, so two organizers
editing the same event at once take turns.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ieum.directory.models import Cluster, Organization
from ieum.partnering.enums import EventKind, EventStatus, LocationKind
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import Event, EventBreak, EventDay, Location, Registration
from ieum.partnering.slots import generate_slots

# What `update_event` may change; status has its own steps and the organizer stays.
EDITABLE_FIELDS = (
    "kind",
    "name_ko",
    "name_en",
    "slug",
    "summary_ko",
    "summary_en",
    "venue_ko",
    "venue_en",
    "cluster",
    "time_zone",
    "starts_on",
    "ends_on",
    "slot_minutes",
    "max_meetings_per_party",
    "max_meetings_per_day",
    "requests_close_at",
    "is_public",
)

# (from, to) steps organizers take by hand; publishing belongs to the scheduling run.
STATUS_STEPS = {
    (EventStatus.DRAFT, EventStatus.OPEN),
    (EventStatus.OPEN, EventStatus.CLOSED),
    (EventStatus.PUBLISHED, EventStatus.CLOSED),
    (EventStatus.CLOSED, EventStatus.OPEN),
}

# Addresses the event pages use themselves (events/new/, events/mine/).
RESERVED_SLUGS = frozenset({"new", "mine"})

# A break is (starts_at, ends_at) or (starts_at, ends_at, label_ko[, label_en]).
BreakSpec = tuple


def _check_event(event: Event) -> None:
    """Field rules, the unique address and the date order, all reported together."""
    try:
        # The date order is checked below, with a message that names the field.
        event.full_clean(validate_constraints=False)
    except ValidationError as error:
        errors = error.error_dict
    else:
        errors = {}
    if event.starts_on and event.ends_on and event.ends_on < event.starts_on:
        errors.setdefault("ends_on", []).append(
            ValidationError(_("The last day cannot be before the first day."))
        )
    if event.slug in RESERVED_SLUGS:
        errors.setdefault("slug", []).append(
            ValidationError(_("This address is reserved; choose another."))
        )
    if errors:
        raise ValidationError(errors)


def _save(event: Event) -> None:
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError as error:
        # Another organizer took the address between the check and the write.
        if "slug" in str(error):
            raise ValidationError(
                {"slug": _("Another event already uses this address.")}
            ) from error
        raise


@transaction.atomic
def create_event(
    *,
    organizer: Organization,
    by,
    kind: str,
    name_ko: str,
    slug: str,
    starts_on: date,
    ends_on: date,
    name_en: str = "",
    slot_minutes: int = 30,
    venue_ko: str = "",
    venue_en: str = "",
    summary_ko: str = "",
    summary_en: str = "",
    cluster: Cluster | None = None,
    time_zone: str = "Asia/Seoul",
) -> Event:
    """A new event in draft: the organizer adds days and locations, then opens it."""
    event = Event(
        organizer=organizer,
        kind=kind,
        status=EventStatus.DRAFT,
        name_ko=name_ko,
        name_en=name_en,
        slug=slug,
        starts_on=starts_on,
        ends_on=ends_on,
        slot_minutes=slot_minutes,
        venue_ko=venue_ko,
        venue_en=venue_en,
        summary_ko=summary_ko,
        summary_en=summary_en,
        cluster=cluster,
        time_zone=time_zone,
    )
    _check_event(event)
    _save(event)
    return event


@transaction.atomic
def update_event(*, event: Event, by, **fields: Any) -> Event:
    """Change an event's details; a new slot length regenerates its slots."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"update_event cannot change {sorted(unknown)}")
    event = Event.objects.select_for_update().get(pk=event.pk)
    previous_minutes = event.slot_minutes
    for name, value in fields.items():
        setattr(event, name, value)
    _check_event(event)
    outside = event.days.exclude(date__range=(event.starts_on, event.ends_on))
    if outside.exists():
        raise ValidationError(
            {"starts_on": _("Meeting days fall outside the new dates; remove or move them first.")}
        )
    _save(event)
    if event.slot_minutes != previous_minutes:
        generate_slots(event=event)
    return event


def _as_break(spec: BreakSpec) -> EventBreak:
    starts_at, ends_at, *labels = spec
    label_ko, label_en = ([*labels, "", ""])[:2]
    return EventBreak(starts_at=starts_at, ends_at=ends_at, label_ko=label_ko, label_en=label_en)


def day_problems(
    *, event: Event, date: date, opens_at: time, closes_at: time, breaks: list[EventBreak]
) -> list[str]:
    """Why a meeting day cannot be set as given; empty when it can."""
    problems = []
    if not event.starts_on <= date <= event.ends_on:
        problems.append(
            _("The day must fall between %(first)s and %(last)s.")
            % {"first": event.starts_on, "last": event.ends_on}
        )
    if closes_at <= opens_at:
        problems.append(_("Meetings must end after they start."))
        return problems
    length = datetime.combine(date, closes_at) - datetime.combine(date, opens_at)
    if length.total_seconds() < event.slot_minutes * 60:
        problems.append(
            _("The day is shorter than one %(minutes)d-minute meeting.")
            % {"minutes": event.slot_minutes}
        )
    for pause in breaks:
        span = {"from": f"{pause.starts_at:%H:%M}", "until": f"{pause.ends_at:%H:%M}"}
        if pause.ends_at <= pause.starts_at:
            problems.append(_("The break %(from)s–%(until)s must end after it starts.") % span)
        elif pause.starts_at < opens_at or pause.ends_at > closes_at:
            problems.append(
                _("The break %(from)s–%(until)s must lie within the meeting hours.") % span
            )
    ordered = sorted(breaks, key=lambda b: b.starts_at)
    for earlier, later in pairwise(ordered):
        if later.starts_at < earlier.ends_at:
            problems.append(
                _("The breaks %(first)s and %(second)s overlap.")
                % {
                    "first": f"{earlier.starts_at:%H:%M}–{earlier.ends_at:%H:%M}",
                    "second": f"{later.starts_at:%H:%M}–{later.ends_at:%H:%M}",
                }
            )
    return problems


@transaction.atomic
def set_event_day(
    *,
    event: Event,
    date: date,
    opens_at: time,
    closes_at: time,
    breaks: Iterable[BreakSpec] = (),
) -> EventDay:
    """Add a meeting day or replace its hours and breaks; the slots are regenerated."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    pauses = [_as_break(spec) for spec in breaks]
    problems = day_problems(
        event=event, date=date, opens_at=opens_at, closes_at=closes_at, breaks=pauses
    )
    if problems:
        raise ValidationError(problems)
    day, _created = EventDay.objects.update_or_create(
        event=event, date=date, defaults={"opens_at": opens_at, "closes_at": closes_at}
    )
    day.breaks.all().delete()
    for pause in pauses:
        pause.day = day
    EventBreak.objects.bulk_create(pauses)
    # Refuses, and so rolls all of this back, once meetings or blocks hold slots.
    generate_slots(event=event)
    return day


@transaction.atomic
def remove_event_day(*, day: EventDay, by) -> None:
    """Drop a meeting day and its slots (refused once meetings or blocks hold slots)."""
    event = Event.objects.select_for_update().get(pk=day.event_id)
    EventDay.objects.filter(pk=day.pk).delete()
    generate_slots(event=event)


def _location_problems(location: Location) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    if location.kind not in LocationKind.values:
        errors["kind"] = [_("Choose a kind of location.")]
    if not (location.name_ko or "").strip():
        errors["name_ko"] = [_("Give the location a Korean name.")]
    if not isinstance(location.capacity, int) or not 1 <= location.capacity <= 500:
        errors["capacity"] = [_("A location holds between 1 and 500 meetings at once.")]
    if location.meeting_link:
        try:
            URLValidator(schemes=["https", "http"])(location.meeting_link)
        except ValidationError:
            errors["meeting_link"] = [_("Enter the full address of the meeting link.")]
    if location.kind == LocationKind.ONLINE and not location.meeting_link:
        errors["meeting_link"] = [_("An online location needs a meeting link.")]
    registration = location.registration
    if location.kind == LocationKind.BOOTH and registration is None:
        errors["registration"] = [_("A booth belongs to a registered party; choose it.")]
    if location.kind != LocationKind.BOOTH and registration is not None:
        errors["registration"] = [_("Only a booth belongs to a party.")]
    if registration is not None and registration.event_id != location.event_id:
        errors["registration"] = [_("That party is not registered at this event.")]
    elif (
        registration is not None
        and Location.objects.filter(registration=registration).exclude(pk=location.pk).exists()
    ):
        errors["registration"] = [_("That party already has a booth.")]
    return errors


@transaction.atomic
def add_location(
    *,
    event: Event,
    by,
    kind: str,
    name_ko: str,
    name_en: str = "",
    capacity: int = 1,
    registration: Registration | None = None,
    meeting_link: str = "",
) -> Location:
    """A booth, a hall of numbered tables, a room or an online meeting place."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    location = Location(
        event=event,
        kind=kind,
        name_ko=name_ko,
        name_en=name_en,
        capacity=capacity,
        registration=registration,
        meeting_link=meeting_link,
    )
    errors = _location_problems(location)
    if errors:
        raise ValidationError(errors)
    location.save()
    return location


@transaction.atomic
def update_location(*, location: Location, by, **fields: Any) -> Location:
    """Rename a location, change its capacity or link; fewer tables than are in use is refused."""
    unknown = set(fields) - {"name_ko", "name_en", "capacity", "meeting_link"}
    if unknown:
        raise ValueError(f"update_location cannot change {sorted(unknown)}")
    Event.objects.select_for_update().get(pk=location.event_id)
    location = Location.objects.select_related("registration").get(pk=location.pk)
    for name, value in fields.items():
        setattr(location, name, value)
    errors = _location_problems(location)
    if not errors and location.meetings.filter(table_number__gt=location.capacity).exists():
        errors["capacity"] = [
            _("Meetings are scheduled at tables beyond this number; move them first.")
        ]
    if errors:
        raise ValidationError(errors)
    location.save()
    return location


@transaction.atomic
def remove_location(*, location: Location, by) -> None:
    """Drop a location that no meeting uses."""
    Event.objects.select_for_update().get(pk=location.event_id)
    if location.meetings.exists():
        raise IllegalStep(_("Meetings use this location; move them before removing it."))
    Location.objects.filter(pk=location.pk).delete()


@transaction.atomic
def set_event_status(*, event: Event, status: str, by) -> Event:
    """Open registration, close the event, reopen it, or take it back to draft."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if status == event.status:
        return event
    if status == EventStatus.DRAFT:
        if Registration.objects.filter(event=event).exists():
            raise IllegalStep(_("Organizations are registered; the event cannot go back to draft."))
    elif (event.status, status) not in STATUS_STEPS:
        raise IllegalStep(
            _("An event cannot go from “%(from)s” to “%(to)s”.")
            % {"from": event.get_status_display(), "to": EventStatus(status).label}
            if status in EventStatus.values
            else _("Unknown status.")
        )
    if (
        status == EventStatus.OPEN
        and event.kind == EventKind.PARTNERING
        and not event.slots.exists()
    ):
        raise IllegalStep(_("Add at least one meeting day before opening the event."))
    # Reopening an event whose agendas were published keeps them published.
    if status == EventStatus.OPEN and event.published_at is not None:
        status = EventStatus.PUBLISHED
    event.status = status
    event.save(update_fields=["status", "updated_at"])
    return event
