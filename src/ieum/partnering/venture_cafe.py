"""The monthly venture cafe: sessions of IR pitches, mentoring and networking, who comes,
and mentors' office-hour slots that startups book.

Registration locks the session's row, so places are counted in turn and never
over-filled. Booking locks the slot's row, so two startups asking for one slot take
turns; the exclusion constraints on mentor slots are the last line that keeps a mentor
from offering, and a startup from holding, two slots at the same time.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.partnering import notifications
from ieum.partnering.enums import CafeSessionKind, EventKind, EventStatus
from ieum.partnering.errors import IllegalStep, SchedulingConflict
from ieum.partnering.models import CafeAttendance, CafeSession, Event, MentorSlot

# Bookers and mentors may cancel a booking up to this long before it starts; later
# only organizers can, so the mentor is not left waiting for someone who never comes.
CANCEL_NOTICE = timedelta(hours=2)
SESSION_FIELDS = (
    "kind",
    "title_ko",
    "title_en",
    "starts_at",
    "ends_at",
    "room",
    "capacity",
    "description_ko",
    "description_en",
)
LIVE_EVENT_STATUSES = (EventStatus.OPEN, EventStatus.PUBLISHED)


def organizes(user, event: Event) -> bool:
    return user.has_perm("partnering.manage_event", event)


def _local(moment: datetime, event: Event) -> str:
    return date_format(moment.astimezone(event.zone), "Y-m-d H:i")


def _check_session_times(*, event: Event, starts_at: datetime, ends_at: datetime) -> None:
    if starts_at is None or ends_at is None or starts_at.tzinfo is None or ends_at.tzinfo is None:
        raise ValidationError(_("Give times with their time zone."))
    if ends_at <= starts_at:
        raise ValidationError({"ends_at": _("The end must be after the start.")})
    first = starts_at.astimezone(event.zone).date()
    # A session that ends at midnight still belongs to the day before.
    last = (ends_at - timedelta(microseconds=1)).astimezone(event.zone).date()
    if first < event.starts_on or last > event.ends_on:
        raise ValidationError(
            {
                "starts_at": _("The session must take place on the days of the event.")
                if first < event.starts_on or first > event.ends_on
                else _("The session must end on the days of the event.")
            }
        )


def _check_session(session: CafeSession) -> None:
    if session.kind not in CafeSessionKind.values:
        raise ValidationError({"kind": _("Unknown kind of session.")})
    if not session.title_ko.strip():
        raise ValidationError({"title_ko": _("Give the session a Korean title.")})
    if session.capacity is not None and session.capacity < 1:
        raise ValidationError({"capacity": _("A session needs at least one place.")})
    _check_session_times(event=session.event, starts_at=session.starts_at, ends_at=session.ends_at)


@transaction.atomic
def add_cafe_session(
    *,
    event: Event,
    by,
    kind: str,
    title_ko: str,
    starts_at: datetime,
    ends_at: datetime,
    title_en: str = "",
    room: str = "",
    capacity: int | None = None,
    description_ko: str = "",
    description_en: str = "",
) -> CafeSession:
    """Add a part of the evening's programme to a venture cafe."""
    if event.kind != EventKind.VENTURE_CAFE:
        raise ValidationError(_("Sessions can only be added to a venture cafe."))
    session = CafeSession(
        event=event,
        kind=kind,
        title_ko=title_ko,
        title_en=title_en,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        capacity=capacity,
        description_ko=description_ko,
        description_en=description_en,
    )
    _check_session(session)
    with set_actor(by):
        session.save()
    return session


@transaction.atomic
def update_cafe_session(*, session: CafeSession, by, **fields) -> CafeSession:
    """Change a session; places never drop below those taken, slots stay inside its time."""
    unknown = set(fields) - set(SESSION_FIELDS)
    if unknown:
        raise ValidationError(_("Unknown fields: %(fields)s") % {"fields": ", ".join(unknown)})
    session = CafeSession.objects.select_for_update().select_related("event").get(pk=session.pk)
    for name, value in fields.items():
        setattr(session, name, value)
    _check_session(session)
    if session.capacity is not None:
        taken = session.attendances.filter(cancelled_at__isnull=True).count()
        if taken > session.capacity:
            raise ValidationError(
                {
                    "capacity": _("%(count)d people are registered already; keep that many places.")
                    % {"count": taken}
                }
            )
    slots = session.mentor_slots.all()
    if session.kind != CafeSessionKind.MENTORING and slots.exists():
        raise ValidationError({"kind": _("Withdraw the mentors' slots before changing the kind.")})
    if slots.filter(Q(start__lt=session.starts_at) | Q(end__gt=session.ends_at)).exists():
        raise ValidationError(
            {"starts_at": _("Mentors' slots lie outside these times; withdraw them first.")}
        )
    with set_actor(by):
        session.save()
    return session


def _lock_session(session: CafeSession) -> CafeSession:
    return (
        CafeSession.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=session.pk)
    )


@transaction.atomic
def register_for_session(
    *, session: CafeSession, user, organization: Organization | None = None
) -> CafeAttendance:
    """Take a place in a session; registering again after cancelling takes a place anew."""
    if user is None or not user.is_authenticated:
        raise PermissionDenied(_("Log in to register."))
    if organization is not None and organization.pk not in access_for(user).organization_ids:
        raise ValidationError({"organization": _("You do not belong to this organization.")})
    # Registrations of one session take turns behind this lock, so places are counted
    # once each and the last place goes to exactly one person.
    session = _lock_session(session)
    if session.event.status not in LIVE_EVENT_STATUSES:
        raise IllegalStep(_("Registration for this venture cafe is not open."))
    if session.ends_at <= timezone.now():
        raise IllegalStep(_("This session is over."))
    attendance = CafeAttendance.objects.filter(session=session, user=user).first()
    if attendance is not None and attendance.cancelled_at is None:
        raise IllegalStep(_("You are already registered for this session."))
    if session.capacity is not None:
        taken = session.attendances.filter(cancelled_at__isnull=True).count()
        if taken >= session.capacity:
            raise SchedulingConflict(_("This session is full."))
    with set_actor(user):
        if attendance is None:
            return CafeAttendance.objects.create(
                session=session, user=user, organization=organization
            )
        attendance.cancelled_at = None
        attendance.attended_at = None
        attendance.organization = organization
        attendance.save(update_fields=["cancelled_at", "attended_at", "organization", "updated_at"])
    return attendance


@transaction.atomic
def cancel_session_registration(*, attendance: CafeAttendance, by) -> CafeAttendance:
    """Give the place back, up to the start of the session (organizers at any time)."""
    session = _lock_session(attendance.session)
    attendance = CafeAttendance.objects.select_for_update().get(pk=attendance.pk)
    if by.pk != attendance.user_id and not organizes(by, session.event):
        raise PermissionDenied(_("Only the person registered or an organizer can cancel."))
    if attendance.cancelled_at is not None:
        raise IllegalStep(_("This registration is cancelled already."))
    if session.starts_at <= timezone.now() and not organizes(by, session.event):
        raise IllegalStep(_("The session has started; it can no longer be cancelled."))
    attendance.cancelled_at = timezone.now()
    with set_actor(by):
        attendance.save(update_fields=["cancelled_at", "updated_at"])
    return attendance


@transaction.atomic
def mark_attended(*, attendance: CafeAttendance, by, attended: bool = True) -> CafeAttendance:
    """Tick a person off at the door (or undo a wrong tick)."""
    attendance = (
        CafeAttendance.objects.select_for_update(of=("self",))
        .select_related("session__event")
        .get(pk=attendance.pk)
    )
    if not organizes(by, attendance.session.event):
        raise PermissionDenied(_("Only the organizers keep the attendance list."))
    if attendance.cancelled_at is not None:
        raise IllegalStep(_("This registration is cancelled."))
    if attended and attendance.attended_at is None:
        attendance.attended_at = timezone.now()
    elif not attended:
        attendance.attended_at = None
    with set_actor(by):
        attendance.save(update_fields=["attended_at", "updated_at"])
    return attendance


@transaction.atomic
def publish_mentor_slots(
    *,
    session: CafeSession,
    mentor,
    start: datetime,
    end: datetime,
    by,
    minutes: int = 20,
    expertise: str = "",
) -> list[MentorSlot]:
    """Cut [start, end) into whole slots of `minutes` for the mentor: all of them or none."""
    session = _lock_session(session)
    if session.kind != CafeSessionKind.MENTORING:
        raise ValidationError(_("Mentor slots belong to mentoring sessions."))
    if mentor is None or not mentor.is_active:
        raise ValidationError({"mentor": _("Choose an active user as the mentor.")})
    if start is None or end is None or start.tzinfo is None or end.tzinfo is None:
        raise ValidationError(_("Give times with their time zone."))
    if not 5 <= minutes <= 120:
        raise ValidationError({"minutes": _("Slots last between 5 and 120 minutes.")})
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if start < session.starts_at or end > session.ends_at:
        raise ValidationError(
            _("Slots must lie within the session, %(start)s to %(end)s.")
            % {
                "start": _local(session.starts_at, session.event),
                "end": _local(session.ends_at, session.event),
            }
        )
    length = timedelta(minutes=minutes)
    count = int((end - start) / length)
    if count == 0:
        raise ValidationError(
            _("The time is shorter than one %(minutes)d-minute slot.") % {"minutes": minutes}
        )
    slots = [
        MentorSlot(
            session=session,
            mentor=mentor,
            expertise=expertise,
            start=start + i * length,
            end=start + (i + 1) * length,
        )
        for i in range(count)
    ]
    clash = (
        MentorSlot.objects.filter(mentor=mentor, start__lt=slots[-1].end, end__gt=start)
        .select_related("session__event")
        .order_by("start")
        .first()
    )
    if clash is not None:
        raise SchedulingConflict(_mentor_clash_message(clash))
    try:
        with transaction.atomic(), set_actor(by):
            MentorSlot.objects.bulk_create(slots)
    except IntegrityError as error:
        # Another publication for the same mentor got in between the check and the insert.
        if "mentor_slot_no_overlap" in str(error):
            raise SchedulingConflict(_("The mentor already has a slot at this time.")) from error
        raise
    return slots


def _mentor_clash_message(clash: MentorSlot) -> str:
    return _("The mentor already has a slot from %(start)s to %(end)s.") % {
        "start": _local(clash.start, clash.session.event),
        "end": date_format(clash.end.astimezone(clash.session.event.zone), "H:i"),
    }


def _lock_slot(slot: MentorSlot) -> MentorSlot:
    return (
        MentorSlot.objects.select_for_update(of=("self",))
        .select_related("session__event")
        .get(pk=slot.pk)
    )


@transaction.atomic
def book_mentor_slot(
    *, slot: MentorSlot, by, organization: Organization, topic: str = ""
) -> MentorSlot:
    """Book a mentor's slot for a startup the person belongs to; first come, one only."""
    if organization is None or organization.pk not in access_for(by).organization_ids:
        raise ValidationError({"organization": _("You do not belong to this organization.")})
    if organization.kind != OrganizationKind.COMPANY:
        raise ValidationError({"organization": _("Mentor slots are booked by startups.")})
    if len(topic) > 300:
        raise ValidationError({"topic": _("Keep the topic under 300 characters.")})
    # Bookings of one slot take turns behind this lock: the second sees the first.
    slot = _lock_slot(slot)
    if slot.session.event.status not in LIVE_EVENT_STATUSES:
        raise IllegalStep(_("This venture cafe is not open for bookings."))
    if slot.booked_organization_id is not None:
        raise SchedulingConflict(_("This slot is already booked."))
    if slot.start <= timezone.now():
        raise IllegalStep(_("This slot has already started."))
    if slot.mentor_id == by.pk:
        raise ValidationError(_("You cannot book your own slot."))
    held = MentorSlot.objects.filter(
        booked_organization=organization, start__lt=slot.end, end__gt=slot.start
    ).exists()
    if held:
        raise SchedulingConflict(_("Your company already has a mentoring slot at this time."))
    slot.booked_by = by
    slot.booked_organization = organization
    slot.booked_at = timezone.now()
    slot.topic = topic
    try:
        with transaction.atomic(), set_actor(by):
            slot.save(
                update_fields=[
                    "booked_by",
                    "booked_organization",
                    "booked_at",
                    "topic",
                    "updated_at",
                ]
            )
    except IntegrityError as error:
        # The same startup booked another overlapping slot at the same moment.
        if "mentor_slot_startup_no_overlap" in str(error):
            raise SchedulingConflict(
                _("Your company already has a mentoring slot at this time.")
            ) from error
        raise
    notifications.mentor_slot_changed(slot, event="booked", actor=by)
    return slot


def may_cancel_booking(user, slot: MentorSlot) -> bool:
    return (
        slot.mentor_id == user.pk
        or slot.booked_organization_id in access_for(user).organization_ids
        or organizes(user, slot.session.event)
    )


@transaction.atomic
def cancel_mentor_booking(*, slot: MentorSlot, by) -> MentorSlot:
    """Free a booked slot; the startup and the mentor up to two hours before, organizers always."""
    slot = _lock_slot(slot)
    if slot.booked_organization_id is None:
        raise IllegalStep(_("This slot is not booked."))
    if not may_cancel_booking(by, slot):
        raise PermissionDenied(_("Only the startup, the mentor or an organizer can cancel."))
    if slot.start - CANCEL_NOTICE < timezone.now() and not organizes(by, slot.session.event):
        raise IllegalStep(
            _("Bookings can be cancelled up to %(hours)d hours before; ask the organizers.")
            % {"hours": CANCEL_NOTICE.total_seconds() // 3600}
        )
    booker = slot.booked_by
    slot.booked_by = None
    slot.booked_organization = None
    slot.booked_at = None
    slot.topic = ""
    with set_actor(by):
        slot.save(
            update_fields=["booked_by", "booked_organization", "booked_at", "topic", "updated_at"]
        )
    notifications.mentor_slot_changed(slot, event="cancelled", booker=booker, actor=by)
    return slot


@transaction.atomic
def withdraw_mentor_slot(*, slot: MentorSlot, by) -> None:
    """Take back a slot nobody has booked (the mentor or an organizer)."""
    slot = _lock_slot(slot)
    if slot.mentor_id != by.pk and not organizes(by, slot.session.event):
        raise PermissionDenied(_("Only the mentor or an organizer can withdraw a slot."))
    if slot.booked_organization_id is not None:
        raise IllegalStep(_("This slot is booked; cancel the booking first."))
    with set_actor(by):
        slot.delete()
