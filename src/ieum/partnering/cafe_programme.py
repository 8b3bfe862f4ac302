"""What the venture cafe pages show: the evening's programme, attendance figures, and a
person's mentoring slots. Each reads in a fixed number of queries, however long the
programme or the list of mentors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet

from ieum.accounts.access import access_for
from ieum.partnering.enums import CafeSessionKind
from ieum.partnering.models import CafeAttendance, CafeSession, Event, MentorSlot

ACTIVE = Q(attendances__cancelled_at__isnull=True)


@dataclass
class MentorHours:
    mentor: object
    expertise: str
    slots: list[MentorSlot] = field(default_factory=list)

    @property
    def free(self) -> int:
        return sum(1 for slot in self.slots if slot.booked_organization_id is None)


@dataclass
class SessionEntry:
    session: CafeSession
    registered: int
    attended: int
    # The person's own registration, if they hold a place.
    registration: CafeAttendance | None = None
    mentors: list[MentorHours] = field(default_factory=list)

    @property
    def places_left(self) -> int | None:
        if self.session.capacity is None:
            return None
        return max(self.session.capacity - self.registered, 0)

    @property
    def is_full(self) -> bool:
        return self.places_left == 0

    @property
    def rate(self) -> float | None:
        """The share of those registered who came, or None before anyone registered."""
        return self.attended / self.registered if self.registered else None


def _sessions(event: Event) -> QuerySet[CafeSession]:
    return event.cafe_sessions.annotate(
        registered=Count("attendances", filter=ACTIVE),
        attended=Count(
            "attendances",
            filter=ACTIVE & Q(attendances__attended_at__isnull=False),
        ),
    ).order_by("starts_at", "pk")


def _mentors(slots: list[MentorSlot]) -> list[MentorHours]:
    by_mentor: dict[int, MentorHours] = {}
    for slot in slots:
        hours = by_mentor.setdefault(
            slot.mentor_id, MentorHours(mentor=slot.mentor, expertise=slot.expertise)
        )
        hours.slots.append(slot)
        hours.expertise = hours.expertise or slot.expertise
    return sorted(by_mentor.values(), key=lambda hours: (hours.slots[0].start, hours.mentor.pk))


def programme(*, event: Event, user) -> list[SessionEntry]:
    """The sessions of the evening by time, with places left, mentors and the person's place."""
    slots = MentorSlot.objects.select_related("mentor", "booked_organization").order_by(
        "start", "pk"
    )
    sessions = list(_sessions(event).prefetch_related(Prefetch("mentor_slots", queryset=slots)))
    mine: dict[int, CafeAttendance] = {}
    if user.is_authenticated:
        mine = {
            attendance.session_id: attendance
            for attendance in CafeAttendance.objects.filter(
                session__event=event, user=user, cancelled_at__isnull=True
            )
        }
    return [
        SessionEntry(
            session=session,
            registered=session.registered,
            attended=session.attended,
            registration=mine.get(session.pk),
            mentors=_mentors(list(session.mentor_slots.all()))
            if session.kind == CafeSessionKind.MENTORING
            else [],
        )
        for session in sessions
    ]


def session_figures(*, event: Event) -> list[SessionEntry]:
    """Registered, attended and the attendance rate of every session (mentors left out)."""
    return [
        SessionEntry(session=session, registered=session.registered, attended=session.attended)
        for session in _sessions(event)
    ]


def registrations(*, event: Event) -> QuerySet[CafeAttendance]:
    """Everyone registered for the evening, for the list at the door."""
    return (
        CafeAttendance.objects.filter(session__event=event, cancelled_at__isnull=True)
        .select_related("session", "user", "organization")
        .order_by("session__starts_at", "session_id", "user__full_name", "pk")
    )


def mentoring_slots(*, user) -> QuerySet[MentorSlot]:
    """The person's own slots as a mentor."""
    return (
        MentorSlot.objects.filter(mentor=user)
        .select_related("session__event", "booked_organization", "booked_by")
        .order_by("start", "pk")
    )


def booked_slots(*, user) -> QuerySet[MentorSlot]:
    """Slots booked by the companies the person belongs to."""
    return (
        MentorSlot.objects.filter(booked_organization_id__in=access_for(user).organization_ids)
        .select_related("session__event", "mentor", "booked_organization", "booked_by")
        .order_by("start", "pk")
    )
