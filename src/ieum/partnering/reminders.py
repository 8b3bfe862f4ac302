"""Morning reminders: each delegate hears once a day, about two hours before their first
meeting, with the list of that day's meetings.

One reminder a day rather than one a meeting: a demand company's delegate may have a
dozen meetings a day. The claim is per meeting: every published meeting is claimed
once (its `reminder_sent_at` set) as it comes within two hours, and a side whose
first meeting of the day it is gets its reminder then. So each side is reminded once
a day however many workers run, and a meeting placed late still brings a reminder if
it became the side's first of the day.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.db import transaction
from django.utils import translation

from ieum.partnering import emails
from ieum.partnering.agendas import delegate_agenda, meeting_entries, team_meetings
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Delegate, Meeting, Registration

logger = logging.getLogger(__name__)

REMINDER_AHEAD = timedelta(hours=2)


def _claim(now: datetime) -> list[int]:
    """Mark the meetings coming within the window; a second worker skips the rows this one
    has locked and, once it commits, no longer finds them."""
    with transaction.atomic():
        claimed = list(
            Meeting.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(
                status=MeetingStatus.SCHEDULED,
                published_at__isnull=False,
                reminder_sent_at__isnull=True,
                slot__start__gt=now,
                slot__start__lte=now + REMINDER_AHEAD,
            )
            .values_list("pk", flat=True)
        )
        Meeting.objects.filter(pk__in=claimed).update(reminder_sent_at=now)
    return claimed


def _first_of_day(meeting: Meeting, registration: Registration, team: int) -> bool:
    first = (
        team_meetings(registration=registration, team=team)
        .filter(
            status=MeetingStatus.SCHEDULED,
            published_at__isnull=False,
            slot__day_number=meeting.slot.day_number,
        )
        .order_by("slot__start")
        .values_list("pk", flat=True)
        .first()
    )
    return first == meeting.pk


def _reminder(recipient, *, registration: Registration, team: int, day_number: int):
    # Someone without a delegate row (a member told instead) sees the team's agenda in
    # their own language and the event's time zone.
    delegate = recipient.delegate or Delegate(
        registration=registration,
        team=team,
        time_zone=recipient.time_zone,
        language=recipient.language,
    )
    with translation.override(recipient.language):
        meetings = [
            entry
            for entry in meeting_entries(delegate_agenda(delegate=delegate))
            if entry.day_number == day_number
        ]
        if not meetings:
            return None
        return emails.reminder_email(
            recipient=recipient, delegate=recipient.delegate, meetings=meetings
        )


def send_due_reminders(*, now: datetime) -> int:
    """Claim the meetings starting within two hours and remind the sides they open the day
    for. A reminder whose sending fails is not retried: one too few beats one twice."""
    claimed = _claim(now)
    meetings = Meeting.objects.filter(pk__in=claimed).select_related(
        "slot", "event", "request__requester__event", "request__recipient__event"
    )
    sent = 0
    for meeting in meetings.order_by("slot__start", "pk"):
        request = meeting.request
        for registration, team in (
            (request.requester, meeting.requester_team),
            (request.recipient, meeting.recipient_team),
        ):
            if not _first_of_day(meeting, registration, team):
                continue
            for recipient in emails.party_recipients(registration=registration, team=team):
                try:
                    message = _reminder(
                        recipient,
                        registration=registration,
                        team=team,
                        day_number=meeting.slot.day_number,
                    )
                    if message is not None:
                        get_connection().send_messages([message])
                        sent += 1
                except Exception:
                    logger.exception("Could not send the reminder of meeting %s.", meeting.pk)
    return sent
