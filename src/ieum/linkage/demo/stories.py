"""The steps a demo request goes through, from its draft to the state it is left in.

A `Plan` is one request: what the company asks and the `Step`s that follow, each a
number of business days after the one before. `story` writes the steps the way people
work: staff triage within a day or two, providers answer within one to five business
days (confidential requests after accepting the NDA), some decline and the request goes
to another provider, work takes about the service's lead time, and the company closes
with a rating a few days after the delivery.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ieum.directory.models import Organization
from ieum.linkage.demo.thread_texts import (
    CANCEL_REASONS,
    CLOSE_COMMENTS,
    DECLINE_REASONS,
    EXCHANGES,
    STAFF_NOTES,
    TRIAGE_NOTES,
)
from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceOffering

S = RequestStatus
ORDER = [S.DRAFT, S.SUBMITTED, S.TRIAGED, S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS, S.DELIVERED]
# Steps that write a RequestEvent; a submit addressed to a service writes two.
EVENT_STEPS = frozenset(
    {"create", "submit", "triage", "assign", "nda", "accept", "decline", "start", "deliver"}
    | {"close", "cancel"}
)
# Ratings given for work delivered on time, and for work delivered late.
RATINGS = [5] * 11 + [4] * 7 + [3] * 2
LATE_RATINGS = [4] * 8 + [3] * 9 + [2] * 3


@dataclass
class Step:
    kind: str
    gap: int = 0  # business days after the step before
    by: str = "company"  # company, staff or provider
    offering: ServiceOffering | None = None
    text: str = ""
    rating: int | None = None
    at: datetime | None = None


@dataclass
class Plan:
    company: Organization
    data: dict[str, Any]
    steps: list[Step]
    status: str  # where the request is left
    overdue: bool = False
    age: int | None = None  # open requests: business days from the last step to today
    attachment: bool = False
    wanted_in_days: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def finished(self) -> bool:
        return self.status in (S.CLOSED, S.CANCELLED)

    @property
    def addressed(self) -> ServiceOffering | None:
        return self.data.get("addressed_offering")


def story(
    rng: random.Random,
    *,
    target: str,
    offerings: list[ServiceOffering],
    declines: int = 0,
    addressed: bool = False,
    confidential: bool = True,
    sealed: bool | None = None,
    area_name: str = "",
) -> list[Step]:
    """Steps up to `target` (closed included). The last of `offerings` holds the request;
    the ones before it declined. A triaged request with declines ends after the last one.
    `sealed`: an assigned confidential request still waits for the NDA."""
    steps = [Step("create")]
    if target == S.DRAFT:
        return steps
    steps.append(Step("submit", gap=rng.choice([0, 0, 1, 1, 2, 3])))
    if not addressed:
        if target == S.SUBMITTED:
            return steps
        note = rng.choice(TRIAGE_NOTES).format(area=area_name or "해당 분야")
        steps.append(Step("triage", by="staff", gap=rng.choice([0, 1, 1, 2]), text=note))
        if confidential:
            steps.append(Step("read", by="staff"))
        if target == S.TRIAGED and not declines:
            return steps
    for index, offering in enumerate(offerings):
        if index > 0 or not addressed:
            steps.append(Step("assign", by="staff", gap=rng.choice([0, 0, 1]), offering=offering))
        answer = rng.randint(1, min(5, offering.response_days))
        declining = index < declines
        if target == S.ASSIGNED and not declining:
            if confidential and not (sealed if sealed is not None else rng.random() < 0.5):
                steps += [Step("nda", by="provider", gap=answer - 1), Step("read", by="provider")]
            return steps
        if confidential and (not declining or rng.random() < 0.5):
            before = rng.randint(0, answer)
            steps += [Step("nda", by="provider", gap=before), Step("read", by="provider")]
            answer -= before
        if declining:
            steps.append(
                Step("decline", by="provider", gap=answer, text=rng.choice(DECLINE_REASONS))
            )
            continue
        steps.append(Step("accept", by="provider", gap=answer))
        return steps + _work(rng, target, offering)
    return steps


def _work(rng: random.Random, target: str, offering: ServiceOffering) -> list[Step]:
    if target == S.ACCEPTED:
        return []
    steps = []
    if rng.random() < 0.6:
        question, answer = rng.choice(EXCHANGES)
        steps += [
            Step("message", gap=rng.randint(0, 2), text=question),
            Step("message", by="provider", gap=rng.randint(0, 1), text=answer),
        ]
    steps.append(Step("start", by="provider", gap=rng.randint(0, 3)))
    if rng.random() < 0.25:
        steps.append(
            Step("message", by="staff", gap=rng.randint(0, 3), text=rng.choice(STAFF_NOTES))
        )
    if target == S.IN_PROGRESS:
        return steps
    spent = sum(step.gap for step in steps)
    work = round(offering.lead_time_days * rng.uniform(0.45, 1.15))
    steps.append(Step("deliver", by="provider", gap=max(1, work - spent)))
    if target == S.DELIVERED:
        return steps
    rating = rng.choice(LATE_RATINGS if work > offering.lead_time_days else RATINGS)
    comment = rng.choice(CLOSE_COMMENTS[rating])
    steps.append(Step("close", gap=rng.randint(1, 6), rating=rating, text=comment))
    return steps


def cancelled(rng: random.Random, steps: list[Step]) -> list[Step]:
    """The company calls the request off some days after its last step."""
    reason = rng.choice(CANCEL_REASONS)
    return [*steps, Step("cancel", gap=rng.randint(1, 8), text=reason)]


def age_for(rng: random.Random, plan: Plan) -> int:
    """Business days from the last step to today, so that the request is overdue now or
    not, as planned (deadlines: triage 2 days after submission, the provider's answer
    within the service's promised days, delivery within its lead time)."""
    status, steps = plan.status, plan.steps
    holder = next((s.offering for s in reversed(steps) if s.offering is not None), None)
    holder = holder or plan.addressed
    if status == S.SUBMITTED:
        return rng.randint(3, 7) if plan.overdue else rng.randint(0, 1)
    if status == S.ASSIGNED:
        since = _gaps_after(steps, ("assign", "submit"))
        due = holder.response_days
        if plan.overdue:
            return max(0, due + rng.randint(1, 4) - since)
        return rng.randint(0, max(0, due - since - 1))
    if status == S.IN_PROGRESS:
        since = _gaps_after(steps, ("accept",))
        due = holder.lead_time_days
        if plan.overdue:
            return max(0, due + rng.randint(2, 8) - since)
        return rng.randint(0, max(0, min(12, due - since - 2)))
    if status == S.DRAFT:
        return rng.randint(0, 10)
    return rng.randint(0, 4)


def _gaps_after(steps: list[Step], kinds: tuple[str, ...]) -> int:
    """Business days from the last step of one of `kinds` to the last step."""
    total = 0
    for step in reversed(steps):
        if step.kind in kinds:
            return total
        total += step.gap
    return total
