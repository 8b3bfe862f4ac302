"""Calendar feeds (RFC 5545) that calendar apps subscribe to.

Each event keeps one UID for life and raises its SEQUENCE on every change, so a
moved or cancelled entry is updated in place in the subscriber's calendar instead of
appearing twice. Cancelled events stay in the feed for a while with STATUS:CANCELLED
so that calendars that already hold them remove them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urlparse

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    sequence: int
    start: datetime
    end: datetime
    summary: str
    modified: datetime
    description: str = ""
    location: str = ""
    url: str = ""
    cancelled: bool = False
    tentative: bool = False


def event_uid(kind: str, pk: int) -> str:
    host = urlparse(settings.IEUM_SITE_URL).hostname or "ieum"
    return f"{kind}-{pk}@{host}"


def build_calendar(*, name: str, events: list[CalendarEvent]) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Ieum//Bio-health network//KO")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for item in events:
        event = Event()
        event.add("uid", item.uid)
        event.add("sequence", item.sequence)
        event.add("dtstamp", item.modified)
        event.add("last-modified", item.modified)
        event.add("dtstart", item.start)
        event.add("dtend", item.end)
        event.add("summary", item.summary)
        if item.description:
            event.add("description", item.description)
        if item.location:
            event.add("location", item.location)
        if item.url:
            event.add("url", item.url)
        status = "CANCELLED" if item.cancelled else "TENTATIVE" if item.tentative else "CONFIRMED"
        event.add("status", status)
        calendar.add_component(event)
    return calendar.to_ical()


def calendar_response(*, name: str, events: list[CalendarEvent], filename: str) -> HttpResponse:
    response = HttpResponse(
        build_calendar(name=name, events=events), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    response["Cache-Control"] = "private, max-age=300"
    return response
