"""Meeting requests at the 2025 week besides accepted proposals: startups asking demand
companies, demand companies scouting startups, investors and startups among themselves;
most answered before the requests closed, some declined with a reason, a few never
answered."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from ieum.directory.models import Organization
from ieum.partnering import requests
from ieum.partnering.demo.cast import at
from ieum.partnering.demo.people import PARTIES
from ieum.partnering.demo.texts import (
    INVESTOR_MESSAGES,
    REQUEST_DECLINE_REASONS,
    REQUEST_MESSAGES_EN,
    REQUEST_MESSAGES_KO,
)

if TYPE_CHECKING:
    from ieum.partnering.demo.week2025 import Week


def ask_for_meetings(week: Week) -> None:
    """Requests besides accepted proposals, answered (or not) before the event."""
    cast = week.cast
    demand = [cast.demand[p.slug] for p in PARTIES]
    startups = [s for s in cast.startups if s != cast.company]
    company = cast.company
    plans: list[tuple[Organization, Organization, str, str]] = [
        (company, cast.demand["northbridge-medical"],
         "현장형 심근경색 바이오마커(트로포닌) 신속진단 키트의 미국 공동 인허가를 논의하고 "
         "싶습니다.", "accept"),
    ]  # fmt: skip
    for startup in week.rng.sample(startups, 60):
        partner = week.rng.choice(demand)
        english = cast.party(partner.slug).language == "en"
        message = week.rng.choice(REQUEST_MESSAGES_EN if english else REQUEST_MESSAGES_KO)
        answer = week.rng.choices(["accept", "decline", "pending"], [55, 30, 15])[0]
        plans.append((startup, partner, message, answer))
    for startup in week.rng.sample(startups, 24):
        partner = week.rng.choice(demand)
        message = week.rng.choice(REQUEST_MESSAGES_EN)
        plans.append((partner, startup, message, week.rng.choice(["accept"] * 5 + ["decline"])))
    for investor in cast.investors.values():
        for startup in week.rng.sample(startups, 8):
            message = week.rng.choice(INVESTOR_MESSAGES)
            plans.append(
                (investor, startup, message, week.rng.choice(["accept"] * 4 + ["pending"]))
            )
    for first, second in zip(
        week.rng.sample(startups, 6), week.rng.sample(startups, 6), strict=True
    ):
        plans.append((first, second, "공동 제품 개발 가능성을 이야기 나누고 싶습니다.", "accept"))
    for requester, recipient, message, answer in plans:
        _request(week, requester, recipient, message, answer)


def _request(week: Week, requester, recipient, message: str, answer: str) -> None:
    first, second = week.registrations[requester.pk], week.registrations[recipient.pk]
    pair = frozenset((first.pk, second.pk))
    if first.pk == second.pk or pair in week.live_pairs:
        return
    week.live_pairs.add(pair)
    request = requests.send_request(
        requester=first,
        recipient=second,
        by=week.speaker(requester),
        message=message,
        priority=week.rng.choice([3, 2, 2, 1]),
    )
    sent = week.moment(at(date(2025, 10, 20), "09:00"), at(date(2025, 11, 5), "18:00"))
    answered = sent + timedelta(hours=week.rng.randint(3, 60))
    week.history.set(request, created_at=sent)
    if answer == "accept":
        meeting = requests.accept_request(
            request=request, by=week.speaker(recipient), priority=week.rng.choice([3, 2, 2, 1])
        )
        week.history.set(request, answered_at=answered)
        week.history.set(meeting, created_at=answered)
    elif answer == "decline":
        week.live_pairs.discard(pair)
        requests.decline_request(
            request=request,
            by=week.speaker(recipient),
            reason=week.rng.choice(REQUEST_DECLINE_REASONS),
        )
        week.history.set(request, answered_at=answered)
