"""Check-in at the meeting table, and the attendance figures it gives the organizer."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Event, Meeting, Registration

# Parties may check in from this long before their slot until it ends.
EARLY = timedelta(minutes=30)


def _side(meeting: Meeting, registration: Registration) -> str:
    if registration.pk == meeting.request.requester_id:
        return "requester"
    if registration.pk == meeting.request.recipient_id:
        return "recipient"
    raise ValidationError(_("This party does not take part in this meeting."))


def _check_window(meeting: Meeting, *, by, now: datetime) -> None:
    slot = meeting.slot
    if slot.start - EARLY <= now <= slot.end:
        return
    # Organizers at the desk fix forgotten check-ins later the same day.
    if by is not None and by.has_perm("partnering.manage_event", meeting.event):
        zone = meeting.event.zone
        if slot.start.astimezone(zone).date() == now.astimezone(zone).date():
            return
        raise ValidationError(_("Meetings can be checked in only on the day they take place."))
    raise ValidationError(
        _(
            "Check-in is open from %(minutes)s minutes before the meeting until it ends "
            "(%(start)s–%(end)s)."
        )
        % {
            "minutes": int(EARLY.total_seconds() // 60),
            "start": slot.start.astimezone(meeting.event.zone).strftime("%H:%M"),
            "end": slot.end.astimezone(meeting.event.zone).strftime("%H:%M %Z"),
        }
    )


@transaction.atomic
def check_in(*, meeting: Meeting, registration: Registration, by=None) -> Meeting:
    """Mark that `registration`'s side came to the meeting; doing it twice changes nothing."""
    meeting = (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("slot", "event", "request")
        .get(pk=meeting.pk)
    )
    side = _side(meeting, registration)
    if meeting.status != MeetingStatus.SCHEDULED:
        raise ValidationError(_("Only scheduled meetings can be checked in."))
    field_name = f"{side}_checked_in_at"
    if getattr(meeting, field_name) is not None:
        return meeting
    now = timezone.now()
    _check_window(meeting, by=by, now=now)
    setattr(meeting, field_name, now)
    meeting.save(update_fields=[field_name, "updated_at"])
    return meeting


@dataclass
class PartyAttendance:
    registration: Registration
    meetings: int
    absent: int

    @property
    def absent_share(self) -> float:
        return self.absent / self.meetings if self.meetings else 0.0


@dataclass
class AttendanceFigures:
    due: int  # scheduled meetings whose time has come
    held: int  # both sides checked in
    one_side_absent: int
    no_shows: int  # neither side checked in
    parties: list[PartyAttendance] = field(default_factory=list)

    @property
    def held_share(self) -> float:
        return self.held / self.due if self.due else 0.0

    @property
    def no_show_share(self) -> float:
        return self.no_shows / self.due if self.due else 0.0

    @property
    def one_side_absent_share(self) -> float:
        return self.one_side_absent / self.due if self.due else 0.0


def attendance_figures(*, event: Event, now: datetime | None = None) -> AttendanceFigures:
    """Who came to the scheduled meetings that have started, for the organizer's report.

    Per party, `absent` counts the meetings that party's side did not check in to,
    worst first. Four queries, whatever the size of the event.
    """
    now = now or timezone.now()
    due = Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED, slot__start__lte=now)
    requester_in = Q(requester_checked_in_at__isnull=False)
    recipient_in = Q(recipient_checked_in_at__isnull=False)
    totals = due.aggregate(
        due=Count("pk"),
        held=Count("pk", filter=requester_in & recipient_in),
        no_shows=Count("pk", filter=~requester_in & ~recipient_in),
    )
    counts: dict[int, list[int]] = {}
    for party, absent_filter in (
        ("request__requester", ~requester_in),
        ("request__recipient", ~recipient_in),
    ):
        for row in due.values(party).annotate(
            meetings=Count("pk"), absent=Count("pk", filter=absent_filter)
        ):
            tally = counts.setdefault(row[party], [0, 0])
            tally[0] += row["meetings"]
            tally[1] += row["absent"]
    registrations = Registration.objects.filter(pk__in=counts).select_related("organization")
    parties = sorted(
        (
            PartyAttendance(registration=r, meetings=counts[r.pk][0], absent=counts[r.pk][1])
            for r in registrations
        ),
        key=lambda p: (-p.absent, -p.meetings, p.registration.organization.name_ko),
    )
    return AttendanceFigures(
        due=totals["due"],
        held=totals["held"],
        one_side_absent=totals["due"] - totals["held"] - totals["no_shows"],
        no_shows=totals["no_shows"],
        parties=parties,
    )
