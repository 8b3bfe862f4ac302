"""The organizer's report of a partnering event: from registration to what came of it.

- Acceptance rate: accepted requests among those answered (accepted or declined).
- Accepted meetings: meetings not cancelled; the scheduled share is of those.
- Check-in figures count scheduled meetings whose slot has ended: held (both sides
  checked in), one side absent, no-shows (neither side came). The no-show rate is the
  share of those meetings that did not take place because a side was absent.
- Feedback and outcomes cover every meeting of the event.

Every figure is aggregated in the database; the report runs the same dozen queries
however large the event.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Avg, Count, F, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.core.models import pick_language
from ieum.partnering.enums import (
    MeetingStatus,
    OutcomeKind,
    PartyKind,
    ProposalStatus,
    RequestStatus,
)
from ieum.partnering.models import (
    Event,
    FollowUpOutcome,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSeat,
    Proposal,
    Registration,
    TechnologyNeed,
)

TOP_PARTIES = 10

BOTH_IN = Q(requester_checked_in_at__isnull=False, recipient_checked_in_at__isnull=False)
NEITHER_IN = Q(requester_checked_in_at__isnull=True, recipient_checked_in_at__isnull=True)


def share(part: int, whole: int) -> float | None:
    """part / whole, or None when there is nothing to divide by."""
    return part / whole if whole else None


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class RequestFigures:
    total: int
    accepted: int
    declined: int
    pending: int
    cancelled: int

    @property
    def acceptance_rate(self) -> float | None:
        return share(self.accepted, self.accepted + self.declined)


@dataclass(frozen=True)
class MeetingFigures:
    accepted: int
    scheduled: int

    @property
    def scheduled_share(self) -> float | None:
        return share(self.scheduled, self.accepted)


@dataclass(frozen=True)
class CheckInFigures:
    ended: int
    held: int
    one_side_absent: int
    no_shows: int

    @property
    def no_show_rate(self) -> float | None:
        return share(self.one_side_absent + self.no_shows, self.ended)


@dataclass(frozen=True)
class FeedbackFigures:
    count: int
    mean_rating: float | None
    wanting_follow_up: int

    @property
    def follow_up_share(self) -> float | None:
        return share(self.wanting_follow_up, self.count)


@dataclass(frozen=True)
class OutcomeFigures:
    kind: str
    label: str
    count: int
    amount_krw: int


@dataclass(frozen=True)
class DayFigures:
    date: date
    scheduled: int
    ended: int
    held: int
    one_side_absent: int
    no_shows: int


@dataclass(frozen=True)
class PartyFigures:
    registration_id: int
    name: str
    kind_label: str
    meetings: int
    attended: int


@dataclass(frozen=True)
class EventFigures:
    registrations: tuple[KindCount, ...]
    needs: int
    proposals: tuple[KindCount, ...]
    requests: RequestFigures
    meetings: MeetingFigures
    check_in: CheckInFigures
    feedback: FeedbackFigures
    outcomes: tuple[OutcomeFigures, ...]
    days: tuple[DayFigures, ...]
    top_parties: tuple[PartyFigures, ...]

    @property
    def registered(self) -> int:
        return sum(item.count for item in self.registrations)

    @property
    def proposals_total(self) -> int:
        return sum(item.count for item in self.proposals)

    @property
    def outcomes_total(self) -> int:
        return sum(item.count for item in self.outcomes)

    @property
    def outcomes_amount_krw(self) -> int:
        return sum(item.amount_krw for item in self.outcomes)

    def chart_data(self) -> dict:
        """What charts.js draws: the request funnel, meetings per day, outcomes by kind."""
        return {
            "funnel": {
                "type": "bar",
                "horizontal": True,
                "integer": True,
                "unit": _("meetings"),
                "labels": [_("Requested"), _("Accepted"), _("Scheduled"), _("Held")],
                "datasets": [
                    {
                        "label": _("Meetings"),
                        "data": [
                            self.requests.total,
                            self.requests.accepted,
                            self.meetings.scheduled,
                            self.check_in.held,
                        ],
                    }
                ],
            },
            "days": {
                "type": "bar",
                "integer": True,
                "unit": _("meetings"),
                "axis": _("Meetings"),
                "labels": [day.date.isoformat() for day in self.days],
                "datasets": [
                    {"label": _("Scheduled"), "data": [day.scheduled for day in self.days]},
                    {"label": _("Held"), "data": [day.held for day in self.days]},
                    {
                        "label": _("A side absent"),
                        "data": [day.one_side_absent + day.no_shows for day in self.days],
                    },
                ],
            },
            "outcomes": {
                "type": "bar",
                "horizontal": True,
                "integer": True,
                "unit": _("outcomes"),
                "labels": [item.label for item in self.outcomes],
                "datasets": [
                    {"label": _("Outcomes"), "data": [item.count for item in self.outcomes]}
                ],
            },
        }


def _counts_by(rows, key: str, choices) -> tuple[KindCount, ...]:
    counts = {row[key]: row["count"] for row in rows}
    return tuple(
        KindCount(kind=value, label=str(label), count=counts.get(value, 0))
        for value, label in choices
    )


def _requests(event: Event) -> RequestFigures:
    counts = {
        row["status"]: row["count"]
        for row in MeetingRequest.objects.filter(event=event)
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    }
    return RequestFigures(
        total=sum(counts.values()),
        accepted=counts.get(RequestStatus.ACCEPTED, 0),
        declined=counts.get(RequestStatus.DECLINED, 0),
        pending=counts.get(RequestStatus.PENDING, 0),
        cancelled=counts.get(RequestStatus.CANCELLED, 0),
    )


def _attendance(ended: Q) -> dict:
    return {
        "ended": Count("pk", filter=ended),
        "held": Count("pk", filter=ended & BOTH_IN),
        "no_shows": Count("pk", filter=ended & NEITHER_IN),
    }


def _check_in_figures(row: dict) -> dict:
    return {
        "ended": row["ended"],
        "held": row["held"],
        "one_side_absent": row["ended"] - row["held"] - row["no_shows"],
        "no_shows": row["no_shows"],
    }


def _meetings(event: Event, now) -> tuple[MeetingFigures, CheckInFigures]:
    ended = Q(status=MeetingStatus.SCHEDULED, slot__end__lte=now)
    row = Meeting.objects.filter(event=event).aggregate(
        accepted=Count("pk", filter=~Q(status=MeetingStatus.CANCELLED)),
        scheduled=Count("pk", filter=Q(status=MeetingStatus.SCHEDULED)),
        **_attendance(ended),
    )
    return (
        MeetingFigures(accepted=row["accepted"], scheduled=row["scheduled"]),
        CheckInFigures(**_check_in_figures(row)),
    )


def _days(event: Event, now) -> tuple[DayFigures, ...]:
    rows = (
        Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED)
        .annotate(day=TruncDate("slot__start", tzinfo=event.zone))
        .values("day")
        .annotate(scheduled=Count("pk"), **_attendance(Q(slot__end__lte=now)))
        .order_by()
    )
    by_day = {row["day"]: row for row in rows}
    # Every meeting day, those without meetings too, and any day a meeting was moved to.
    dates = sorted(set(event.days.values_list("date", flat=True)) | set(by_day))
    empty = {"scheduled": 0, "ended": 0, "held": 0, "no_shows": 0}
    return tuple(
        DayFigures(
            date=day,
            scheduled=by_day.get(day, empty)["scheduled"],
            **_check_in_figures(by_day.get(day, empty)),
        )
        for day in dates
    )


def _feedback(event: Event) -> FeedbackFigures:
    row = MeetingFeedback.objects.filter(meeting__event=event).aggregate(
        count=Count("pk"),
        mean=Avg("rating"),
        wanting=Count("pk", filter=Q(wants_follow_up=True)),
    )
    mean = round(float(row["mean"]), 2) if row["mean"] is not None else None
    return FeedbackFigures(count=row["count"], mean_rating=mean, wanting_follow_up=row["wanting"])


def _outcomes(event: Event) -> tuple[OutcomeFigures, ...]:
    rows = {
        row["kind"]: row
        for row in FollowUpOutcome.objects.filter(meeting__event=event)
        .values("kind")
        .annotate(count=Count("pk"), amount=Sum("amount_krw"))
        .order_by()
    }
    return tuple(
        OutcomeFigures(
            kind=kind,
            label=str(label),
            count=rows[kind]["count"] if kind in rows else 0,
            amount_krw=(rows[kind]["amount"] or 0) if kind in rows else 0,
        )
        for kind, label in OutcomeKind.choices
    )


def _top_parties(event: Event) -> tuple[PartyFigures, ...]:
    # A seat is one side of a scheduled meeting; the side checked in is on its meeting.
    attended = Q(
        registration=F("meeting__request__requester"),
        meeting__requester_checked_in_at__isnull=False,
    ) | Q(
        registration=F("meeting__request__recipient"),
        meeting__recipient_checked_in_at__isnull=False,
    )
    rows = (
        MeetingSeat.objects.filter(meeting__event=event, meeting__status=MeetingStatus.SCHEDULED)
        .values(
            "registration_id",
            "registration__kind",
            "registration__organization__name_ko",
            "registration__organization__name_en",
        )
        .annotate(meetings=Count("pk"), attended=Count("pk", filter=attended))
        .order_by("-meetings", "registration__organization__name_ko", "registration_id")
    )[:TOP_PARTIES]
    kinds = dict(PartyKind.choices)
    return tuple(
        PartyFigures(
            registration_id=row["registration_id"],
            name=pick_language(
                row["registration__organization__name_ko"],
                row["registration__organization__name_en"],
            ),
            kind_label=str(kinds.get(row["registration__kind"], row["registration__kind"])),
            meetings=row["meetings"],
            attended=row["attended"],
        )
        for row in rows
    )


def event_figures(*, event: Event, now=None) -> EventFigures:
    """Every figure of the organizer's report, as it stands now."""
    now = now or timezone.now()
    registrations = (
        Registration.objects.filter(event=event, is_cancelled=False)
        .values("kind")
        .annotate(count=Count("pk"))
        .order_by()
    )
    proposals = (
        Proposal.objects.filter(need__event=event)
        .values("status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    meetings, check_in = _meetings(event, now)
    return EventFigures(
        registrations=_counts_by(registrations, "kind", PartyKind.choices),
        needs=TechnologyNeed.objects.filter(event=event).count(),
        proposals=_counts_by(proposals, "status", ProposalStatus.choices),
        requests=_requests(event),
        meetings=meetings,
        check_in=check_in,
        feedback=_feedback(event),
        outcomes=_outcomes(event),
        days=_days(event, now),
        top_parties=_top_parties(event),
    )
