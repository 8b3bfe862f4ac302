"""The organizer's report as an Excel workbook, in the active language.

A summary sheet with the figures of `event_report`, then one row per meeting, per
request and per outcome. Counts, amounts and shares are numbers, times are the event's
local time (Excel has no time zones).
"""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ieum.core.workbooks import add_summary, add_table, workbook_bytes
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.event_report import EventFigures
from ieum.partnering.followup import outcomes_for
from ieum.partnering.models import Event, Meeting, MeetingRequest

COUNT = "#,##0"
KRW = '"₩"#,##0'
SHARE = "0.0%"
RATING = "0.00"
DATE = "yyyy-mm-dd"
DATETIME = "yyyy-mm-dd hh:mm"


def _local(moment, event: Event):
    return timezone.localtime(moment, event.zone).replace(tzinfo=None) if moment else None


def summary_rows(event: Event, figures: EventFigures) -> list[tuple[str, object, str | None]]:
    """The summary sheet's rows: label, value, number format."""
    requests, meetings, check_in = figures.requests, figures.meetings, figures.check_in
    rows: list[tuple[str, object, str | None]] = [
        (_("Event"), event.name, None),
        (_("Dates"), f"{event.starts_on:%Y-%m-%d} – {event.ends_on:%Y-%m-%d}", None),
        (_("Registered parties"), figures.registered, COUNT),
        *[(item.label, item.count, COUNT) for item in figures.registrations],
        (_("Technology needs"), figures.needs, COUNT),
        (_("Proposals"), figures.proposals_total, COUNT),
        (_("Meeting requests"), requests.total, COUNT),
        (_("Accepted requests"), requests.accepted, COUNT),
        (_("Declined requests"), requests.declined, COUNT),
        (_("Requests awaiting an answer"), requests.pending, COUNT),
        (_("Cancelled requests"), requests.cancelled, COUNT),
        (_("Acceptance rate"), requests.acceptance_rate, SHARE),
        (_("Accepted meetings"), meetings.accepted, COUNT),
        (_("Scheduled meetings"), meetings.scheduled, COUNT),
        (_("Scheduled share"), meetings.scheduled_share, SHARE),
        (_("Meetings ended"), check_in.ended, COUNT),
        (_("Meetings held"), check_in.held, COUNT),
        (_("One side absent"), check_in.one_side_absent, COUNT),
        (_("No-shows"), check_in.no_shows, COUNT),
        (_("No-show rate"), check_in.no_show_rate, SHARE),
        (_("Feedback given"), figures.feedback.count, COUNT),
        (_("Mean rating"), figures.feedback.mean_rating, RATING),
        (_("Share wanting to follow up"), figures.feedback.follow_up_share, SHARE),
        (_("Outcomes"), figures.outcomes_total, COUNT),
        (_("Outcome amounts (KRW)"), figures.outcomes_amount_krw, KRW),
    ]
    for item in figures.outcomes:
        rows.append((item.label, item.count, COUNT))
        rows.append((_("%(kind)s (KRW)") % {"kind": item.label}, item.amount_krw, KRW))
    return rows


def _attendance(meeting: Meeting, now) -> str:
    if meeting.status != MeetingStatus.SCHEDULED or meeting.slot.end > now:
        return ""
    came = [meeting.requester_checked_in_at, meeting.recipient_checked_in_at]
    if all(came):
        return _("Held")
    return _("One side absent") if any(came) else _("No-show")


def _meeting_rows(event: Event):
    now = timezone.now()
    meetings = (
        Meeting.objects.filter(event=event)
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related(
            "slot",
            "location",
            "request__requester__organization",
            "request__recipient__organization",
        )
        .prefetch_related("feedback")
        .order_by(F("slot__start").asc(nulls_last=True), "table_number", "pk")
    )
    for meeting in meetings:
        request = meeting.request
        ratings = {feedback.registration_id: feedback.rating for feedback in meeting.feedback.all()}
        slot = meeting.slot
        yield [
            request.requester.organization.name,
            request.recipient.organization.name,
            _local(slot.start, event) if slot else None,
            _local(slot.end, event) if slot else None,
            meeting.location.name if meeting.location else "",
            meeting.table_number,
            meeting.get_status_display(),
            _local(meeting.requester_checked_in_at, event),
            _local(meeting.recipient_checked_in_at, event),
            _attendance(meeting, now),
            ratings.get(request.requester_id),
            ratings.get(request.recipient_id),
        ]


def _request_rows(event: Event):
    requests = (
        MeetingRequest.objects.filter(event=event)
        .select_related("requester__organization", "recipient__organization")
        .order_by("created_at", "pk")
    )
    for request in requests:
        yield [
            request.requester.organization.name,
            request.recipient.organization.name,
            request.get_status_display(),
            request.priority,
            request.recipient_priority,
            _local(request.created_at, event),
            _local(request.answered_at, event),
            _("Yes") if request.proposal_id else _("No"),
            request.decline_reason,
        ]


def _outcome_rows(event: Event):
    for outcome in outcomes_for(event=event):
        request = outcome.meeting.request
        yield [
            outcome.agreed_on,
            outcome.get_kind_display(),
            outcome.amount_krw,
            request.requester.organization.name,
            request.recipient.organization.name,
            outcome.note,
        ]


def event_workbook(*, event: Event, figures: EventFigures) -> bytes:
    workbook = Workbook()
    add_summary(workbook, summary_rows(event, figures), widths=(36, 40))
    party = _("Party")
    add_table(
        workbook,
        _("Meetings"),
        [
            (_("Requesting party"), None),
            (_("Receiving party"), None),
            (_("Start"), DATETIME),
            (_("End"), DATETIME),
            (_("Location"), None),
            (_("Table"), COUNT),
            (_("Status"), None),
            (_("Requesting party checked in"), DATETIME),
            (_("Receiving party checked in"), DATETIME),
            (_("Attendance"), None),
            (_("Requesting party's rating"), COUNT),
            (_("Receiving party's rating"), COUNT),
        ],
        _meeting_rows(event),
    )
    add_table(
        workbook,
        _("Requests"),
        [
            (_("From"), None),
            (_("To"), None),
            (_("Status"), None),
            (_("Priority"), COUNT),
            (_("Recipient's priority"), COUNT),
            (_("Sent"), DATETIME),
            (_("Answered"), DATETIME),
            (_("From a proposal"), None),
            (_("Reason"), None),
        ],
        _request_rows(event),
    )
    add_table(
        workbook,
        _("Outcomes"),
        [
            (_("Date"), DATE),
            (_("Outcome"), None),
            (_("Amount (KRW)"), KRW),
            (party, None),
            (party, None),
            (_("Note"), None),
        ],
        _outcome_rows(event),
    )
    return workbook_bytes(workbook)
