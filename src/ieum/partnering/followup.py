"""After the event: each side's feedback on a meeting, and what came of it.

Feedback is one row per side of a scheduled meeting, given once its slot has started
and replaced when given again. Outcomes (an NDA, a PoC, joint R&D, a licence, an
investment, a supply contract) are dated, with an amount where money changes hands;
`outcomes_for` is how other apps (the outcomes and KPI figures) read them.
"""

from __future__ import annotations

from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.partnering.enums import MeetingStatus, OutcomeKind
from ieum.partnering.errors import IllegalStep
from ieum.partnering.models import (
    Event,
    FollowUpOutcome,
    Meeting,
    MeetingFeedback,
    Registration,
)

MAX_TEXT = 4000
# No deal at an event is worth a thousand trillion won; larger numbers are typing errors.
MAX_AMOUNT_KRW = 10**15
# Money changes hands in these; an NDA, a PoC or joint R&D may have no amount.
OUTCOMES_WITH_AMOUNT = (OutcomeKind.LICENSING, OutcomeKind.INVESTMENT, OutcomeKind.SUPPLY)


def _locked_meeting(meeting: Meeting) -> Meeting:
    return (
        Meeting.objects.select_for_update(of=("self",))
        .select_related("event", "slot", "request")
        .get(pk=meeting.pk)
    )


def _require_started(meeting: Meeting, *, now=None) -> None:
    if meeting.status != MeetingStatus.SCHEDULED or meeting.slot is None:
        raise IllegalStep(_("Only meetings that were scheduled have feedback and outcomes."))
    if meeting.slot.start > (now or timezone.now()):
        raise IllegalStep(_("This meeting has not started yet."))


def meeting_day(meeting: Meeting) -> date:
    """The meeting's date where the event takes place."""
    return meeting.slot.start.astimezone(meeting.event.zone).date()


def side_of(meeting: Meeting, organization_ids) -> Registration | None:
    """The side of the meeting that one of these organizations takes part as, if any."""
    request = meeting.request
    for registration in (request.requester, request.recipient):
        if registration.organization_id in organization_ids:
            return registration
    return None


@transaction.atomic
def give_feedback(
    *,
    meeting: Meeting,
    registration: Registration,
    by,
    rating: int,
    comment: str = "",
    wants_follow_up: bool = False,
) -> MeetingFeedback:
    """Record one side's verdict on a meeting; giving it again replaces the earlier one."""
    meeting = _locked_meeting(meeting)
    if registration is None or registration.pk not in (
        meeting.request.requester_id,
        meeting.request.recipient_id,
    ):
        raise ValidationError(_("Only the two parties of a meeting give feedback on it."))
    _require_started(meeting)
    errors = {}
    if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 5:
        errors["rating"] = _("Rate the meeting from 1 to 5.")
    comment = (comment or "").strip()
    if len(comment) > MAX_TEXT:
        errors["comment"] = _("Keep the comment under %(count)d characters.") % {"count": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    with set_actor(by):
        feedback, _created = MeetingFeedback.objects.update_or_create(
            meeting=meeting,
            registration=registration,
            defaults={
                "author": by,
                "rating": rating,
                "comment": comment,
                "wants_follow_up": bool(wants_follow_up),
            },
        )
    return feedback


def _clean_outcome(
    meeting: Meeting, *, kind, agreed_on, amount_krw, note: str
) -> tuple[int | None, str]:
    """Check an outcome's fields against its meeting; all problems at once, by field."""
    errors = {}
    if kind not in OutcomeKind.values:
        errors["kind"] = _("Choose what came of the meeting.")
    if not isinstance(agreed_on, date) or hasattr(agreed_on, "hour"):
        errors["agreed_on"] = _("Give the date it was agreed.")
    elif agreed_on < meeting_day(meeting):
        errors["agreed_on"] = _("The date cannot be before the meeting (%(day)s).") % {
            "day": meeting_day(meeting).isoformat()
        }
    elif agreed_on > timezone.now().astimezone(meeting.event.zone).date():
        errors["agreed_on"] = _("The date cannot be in the future.")
    if amount_krw is None:
        if kind in OUTCOMES_WITH_AMOUNT:
            errors["amount_krw"] = _(
                "Give the amount of a licence, an investment or a supply contract."
            )
    elif isinstance(amount_krw, bool) or not isinstance(amount_krw, int):
        errors["amount_krw"] = _("Give the amount in whole won.")
    elif amount_krw < 0:
        errors["amount_krw"] = _("The amount cannot be negative.")
    elif amount_krw >= MAX_AMOUNT_KRW:
        errors["amount_krw"] = _("The amount is too large.")
    note = (note or "").strip()
    if len(note) > MAX_TEXT:
        errors["note"] = _("Keep the note under %(count)d characters.") % {"count": MAX_TEXT}
    if errors:
        raise ValidationError(errors)
    return amount_krw, note


@transaction.atomic
def record_outcome(
    *,
    meeting: Meeting,
    by,
    kind: str,
    agreed_on: date,
    amount_krw: int | None = None,
    note: str = "",
) -> FollowUpOutcome:
    """Record what came of a meeting that took place."""
    meeting = _locked_meeting(meeting)
    _require_started(meeting)
    amount_krw, note = _clean_outcome(
        meeting, kind=kind, agreed_on=agreed_on, amount_krw=amount_krw, note=note
    )
    with set_actor(by):
        return FollowUpOutcome.objects.create(
            meeting=meeting,
            kind=kind,
            agreed_on=agreed_on,
            amount_krw=amount_krw,
            note=note,
            recorded_by=by,
        )


@transaction.atomic
def update_outcome(
    *,
    outcome: FollowUpOutcome,
    by,
    kind: str,
    agreed_on: date,
    amount_krw: int | None = None,
    note: str = "",
) -> FollowUpOutcome:
    """Correct an outcome; the same rules hold as when it was recorded."""
    outcome = FollowUpOutcome.objects.select_for_update().get(pk=outcome.pk)
    meeting = _locked_meeting(outcome.meeting)
    amount_krw, note = _clean_outcome(
        meeting, kind=kind, agreed_on=agreed_on, amount_krw=amount_krw, note=note
    )
    outcome.kind, outcome.agreed_on = kind, agreed_on
    outcome.amount_krw, outcome.note = amount_krw, note
    with set_actor(by):
        outcome.save(update_fields=["kind", "agreed_on", "amount_krw", "note", "updated_at"])
    return outcome


@transaction.atomic
def delete_outcome(*, outcome: FollowUpOutcome, by) -> None:
    """Remove an outcome recorded by mistake."""
    locked = FollowUpOutcome.objects.select_for_update().filter(pk=outcome.pk).first()
    if locked is None:
        raise IllegalStep(_("This outcome was already removed."))
    with set_actor(by):
        locked.delete()


def outcomes_for(
    *, event: Event | None = None, organization=None, year: int | None = None
) -> QuerySet[FollowUpOutcome]:
    """Outcomes of partnering meetings: of an event, of an organization (either side),
    agreed in a year; any combination. Each row brings its meeting, both parties and event.
    """
    outcomes = FollowUpOutcome.objects.select_related(
        "meeting__event",
        "meeting__request__requester__organization",
        "meeting__request__recipient__organization",
    ).order_by("-agreed_on", "-pk")
    if event is not None:
        outcomes = outcomes.filter(meeting__event=event)
    if organization is not None:
        outcomes = outcomes.filter(
            Q(meeting__request__requester__organization=organization)
            | Q(meeting__request__recipient__organization=organization)
        )
    if year is not None:
        outcomes = outcomes.filter(agreed_on__year=year)
    return outcomes
