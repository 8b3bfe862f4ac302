"""Loads and removes the partnering demo; `manage.py seed_demo` calls these after the
directory and facility demos.

Each event is built once, when no event has its address yet: the 2025 week and its
venture cafe (fixed dates), then next month's cafe and the partnering day a few weeks
ahead (dated from the day of loading). Nothing e-mails while it loads.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from ieum.core.db_stats import analyzes_afterwards, refresh_statistics
from ieum.core.jobs import silenced
from ieum.partnering.demo.cafe import build_next_cafe, build_past_cafe
from ieum.partnering.demo.cast import gather_cast
from ieum.partnering.demo.upcoming import build_upcoming
from ieum.partnering.demo.week2025 import build_week
from ieum.partnering.enums import EventKind, MeetingStatus, RequestStatus
from ieum.partnering.models import (
    CafeAttendance,
    Event,
    FollowUpOutcome,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MentorSlot,
    Proposal,
    Registration,
    TechnologyNeed,
)

SEED = 20251113


@analyzes_afterwards
def load_partnering_demo(*, now: datetime | None = None) -> Counter[str]:
    """Create whatever partnering demo data is missing; returns what was created, by kind."""
    now = now or timezone.now()
    cast = gather_cast(now=now, seed=SEED)
    if cast is None:
        return Counter()
    built = []
    with silenced():
        for offset, build in enumerate(
            [build_week, build_past_cafe, build_next_cafe, build_upcoming], start=1
        ):
            event = build(cast, seed=SEED + offset)
            if event is not None:
                built.append(event)
                refresh_statistics()
    created = Counter(cast.created)
    if built:
        created["partnering events"] += sum(1 for e in built if e.kind == EventKind.PARTNERING)
        created["venture cafes"] += sum(1 for e in built if e.kind == EventKind.VENTURE_CAFE)
        created.update(_contents(Q(pk__in=[e.pk for e in built])))
    return +created


def _contents(events: Q) -> dict[str, int]:
    ids = Event.objects.filter(events).values_list("pk", flat=True)
    return {
        "partnering registrations": Registration.objects.filter(event__in=ids).count(),
        "technology needs": TechnologyNeed.objects.filter(event__in=ids).count(),
        "proposals": Proposal.objects.filter(need__event__in=ids).count(),
        "meeting requests": MeetingRequest.objects.filter(event__in=ids).count(),
        "meetings": Meeting.objects.filter(event__in=ids).count(),
        "meeting feedback": MeetingFeedback.objects.filter(meeting__event__in=ids).count(),
        "follow-up outcomes": FollowUpOutcome.objects.filter(meeting__event__in=ids).count(),
        "mentor slots": MentorSlot.objects.filter(session__event__in=ids).count(),
        "venture cafe registrations": CafeAttendance.objects.filter(session__event__in=ids).count(),
    }


def reset_partnering_demo() -> Counter[str]:
    """Delete the demo events with everything in them (before their organizations go),
    and the events people made in the demo as a demo organization's organizers."""
    removed: Counter[str] = Counter()
    events = Event.objects.filter(Q(is_demo=True) | Q(organizer__is_demo=True))
    # Meetings hold their slots and locations (PROTECT): they go first.
    _total, by_model = Meeting.objects.filter(event__in=events).delete()
    removed["meetings"] = by_model.get("partnering.Meeting", 0)
    _total, by_model = events.delete()
    removed["partnering events"] = by_model.get("partnering.Event", 0)
    return removed


def partnering_demo_totals() -> dict[str, int]:
    """How much partnering demo data the database holds now."""
    events = Event.objects.filter(is_demo=True)
    meetings = Meeting.objects.filter(event__in=events)
    scheduled = meetings.filter(status=MeetingStatus.SCHEDULED)
    contents = _contents(Q(is_demo=True))
    return {
        "partnering events": events.filter(kind=EventKind.PARTNERING).count(),
        "venture cafes": events.filter(kind=EventKind.VENTURE_CAFE).count(),
        "partnering registrations": contents["partnering registrations"],
        "technology needs": contents["technology needs"],
        "proposals": contents["proposals"],
        "meeting requests": contents["meeting requests"],
        "  awaiting an answer": MeetingRequest.objects.filter(
            event__in=events, status=RequestStatus.PENDING
        ).count(),
        "meetings scheduled": scheduled.count(),
        "  both sides checked in": scheduled.filter(
            requester_checked_in_at__isnull=False, recipient_checked_in_at__isnull=False
        ).count(),
        "meeting feedback": contents["meeting feedback"],
        "follow-up outcomes": contents["follow-up outcomes"],
        "mentor slots": contents["mentor slots"],
        "  booked": MentorSlot.objects.filter(
            session__event__in=events, booked_organization__isnull=False
        ).count(),
        "venture cafe registrations": contents["venture cafe registrations"],
    }
