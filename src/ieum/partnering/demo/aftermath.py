"""What happened at the 2025 week's meetings and after: check-ins at the tables (with
some no-shows), each side's feedback, and the outcomes that followed over the next
months (NDAs, PoCs, joint R&D, investments, a supply contract and one licence).

Check-ins are written directly with the times they happened: `check_in` stamps the
present moment. Feedback and outcomes go through their domain functions and are then
dated back.
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from ieum.partnering import followup
from ieum.partnering.demo.cast import SEOUL
from ieum.partnering.demo.texts import FEEDBACK_EN, FEEDBACK_KO, OUTCOME_NOTES
from ieum.partnering.enums import MeetingStatus, OutcomeKind
from ieum.partnering.models import Event, Meeting

if TYPE_CHECKING:
    from ieum.partnering.demo.week2025 import Week

# How often a side gave feedback; Northbridge left most of its own to the demand login.
FEEDBACK_SHARE = 0.75
SLOW_TO_ANSWER = {"northbridge-medical": 0.3}
# How many meetings led to what, besides the company login's own outcomes.
OUTCOME_COUNTS = {
    OutcomeKind.NDA: 16,
    OutcomeKind.POC: 6,
    OutcomeKind.JOINT_RD: 3,
    OutcomeKind.SUPPLY: 1,
}
# (kind, agreed after the meeting in days, amount in won)
LICENCE = (OutcomeKind.LICENSING, 250, 4_200_000_000)
INVESTMENTS = [
    (OutcomeKind.INVESTMENT, 120, 2_000_000_000),
    (OutcomeKind.INVESTMENT, 160, 1_500_000_000),
]
SUPPLY_AMOUNT = 360_000_000
LICENSORS = ("rheinfeld-pharma", "calloway-therapeutics", "nordvik-biologics")


def hold_meetings(week: Week, event: Event) -> None:
    meetings = list(
        Meeting.objects.filter(event=event, status=MeetingStatus.SCHEDULED)
        .select_related(
            "slot", "request__requester__organization", "request__recipient__organization"
        )
        .order_by("pk")
    )
    check_in(week, meetings)
    rated = give_feedback(week, meetings)
    record_outcomes(week, rated)


def check_in(week: Week, meetings: list[Meeting]) -> None:
    rng = week.rng
    for meeting in meetings:
        came = rng.choices(["both", "requester", "recipient", "none"], [87, 5, 5, 3])[0]
        times = {}
        for side in ("requester", "recipient"):
            if came in ("both", side):
                times[f"{side}_checked_in_at"] = meeting.slot.start + timedelta(
                    seconds=rng.randint(-6 * 60, 4 * 60)
                )
                setattr(meeting, f"{side}_checked_in_at", times[f"{side}_checked_in_at"])
        if times:
            week.history.set(meeting, **times)


def _side_user(week: Week, registration):
    return week.speaker(registration.organization)


def give_feedback(week: Week, meetings: list[Meeting]) -> list[tuple[Meeting, int]]:
    """Feedback from the sides that met; returns the meetings both want to follow up, with
    the better rating."""
    rng = week.rng
    promising = []
    for meeting in meetings:
        if meeting.requester_checked_in_at is None or meeting.recipient_checked_in_at is None:
            continue
        wants, best = [], 0
        for registration in (meeting.request.requester, meeting.request.recipient):
            organization = registration.organization
            if rng.random() > SLOW_TO_ANSWER.get(organization.slug, FEEDBACK_SHARE):
                continue
            english = organization.slug in week.cast.demand and (
                week.cast.party(organization.slug).language == "en"
            )
            rating, comment, follow = rng.choice(FEEDBACK_EN if english else FEEDBACK_KO)
            feedback = followup.give_feedback(
                meeting=meeting,
                registration=registration,
                by=_side_user(week, registration),
                rating=rating,
                comment=comment,
                wants_follow_up=follow,
            )
            given = meeting.slot.end + timedelta(hours=rng.randint(3, 24 * 6))
            week.history.set(feedback, created_at=given)
            wants.append(follow)
            best = max(best, rating)
        if any(wants):
            promising.append((meeting, best))
    return promising


def record_outcomes(week: Week, promising: list[tuple[Meeting, int]]) -> None:
    rng = week.rng
    cast = week.cast
    today = cast.now.astimezone(SEOUL).date()
    company = cast.company

    def slugs(meeting: Meeting) -> set[str]:
        return {
            meeting.request.requester.organization.slug,
            meeting.request.recipient.organization.slug,
        }

    used: set[int] = set()
    plans: list[tuple[Meeting, str, int, int | None]] = []
    mine = [m for m, _r in promising if company.slug in slugs(m)]
    for meeting in mine[:1]:
        plans += [(meeting, OutcomeKind.NDA, 21, None), (meeting, OutcomeKind.POC, 96, None)]
        used.add(meeting.pk)
    pool = [m for m, rating in sorted(promising, key=lambda row: -row[1]) if m.pk not in used]
    licence = next((m for m in pool if slugs(m) & set(LICENSORS)), None)
    if licence is not None:
        kind, days, amount = LICENCE
        plans += [(licence, OutcomeKind.NDA, 14, None), (licence, kind, days, amount)]
        used.add(licence.pk)
    investor_slugs = set(cast.investors)
    for (kind, days, amount), meeting in zip(
        INVESTMENTS,
        [m for m in pool if slugs(m) & investor_slugs and m.pk not in used],
        strict=False,
    ):
        plans.append((meeting, kind, days, amount))
        used.add(meeting.pk)
    rest = [m for m in pool if m.pk not in used and not slugs(m) & investor_slugs]
    rng.shuffle(rest)
    for kind, count in OUTCOME_COUNTS.items():
        for meeting in rest[:count]:
            days = {OutcomeKind.NDA: rng.randint(10, 60), OutcomeKind.POC: rng.randint(60, 150)}
            amount = SUPPLY_AMOUNT if kind == OutcomeKind.SUPPLY else None
            plans.append((meeting, kind, days.get(kind, rng.randint(90, 200)), amount))
        rest = rest[count:]
    for meeting, kind, days, amount in plans:
        day = meeting.slot.start.astimezone(meeting.event.zone).date()
        agreed = min(day + timedelta(days=days), today)
        outcome = followup.record_outcome(
            meeting=meeting,
            by=_side_user(week, meeting.request.recipient),
            kind=kind,
            agreed_on=agreed,
            amount_krw=amount,
            note=OUTCOME_NOTES[kind],
        )
        recorded = meeting.slot.start + timedelta(days=(agreed - day).days + 1)
        week.history.set(outcome, created_at=min(recorded, cast.now))
