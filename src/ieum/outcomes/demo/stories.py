"""The demo's records told one by one: the rare IPOs and M&As, the partnering week's
deals carried into outcomes, and the records cluster staff sent back with a reason.
"""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from ieum.outcomes.demo.texts import REJECTIONS
from ieum.outcomes.demo.world import Company, Planned, World
from ieum.outcomes.enums import (
    Currency,
    OutcomeKind,
    OutcomeSubtype,
    RecordSource,
    VerificationStatus,
)

K, S, V = OutcomeKind, OutcomeSubtype, VerificationStatus
# A partnering deal this recent still waits for the cluster's check.
RECENT_DAYS = 120


def _largest(world: World, slug: str, rank: int = 0) -> Company | None:
    cluster = world.clusters.get(slug)
    if cluster is None:
        return None
    members = sorted(
        (c for c in world.members(cluster) if not c.written_by_hand),
        key=lambda c: (-c.revenue_krw, c.organization.slug),
    )
    return members[rank] if len(members) > rank else None


# (cluster, rank by revenue, day, subtype, counterparty, KRW, confidential, status)
EXITS = [
    ("gimhae-biomedical", 0, date(2021, 9, 28), S.IPO, "한국거래소 코스닥시장", 32_000_000_000,
     False, V.VERIFIED),
    ("wonju-medical-device", 1, date(2024, 6, 11), S.MA, "캐스케이디아 이미징", 48_000_000_000,
     True, V.VERIFIED),
    ("daejeon-biohealth", 0, date(2025, 11, 20), S.IPO, "한국거래소 코스닥시장", 21_500_000_000,
     False, V.PENDING),
]  # fmt: skip


def exit_plans(world: World) -> list[Planned]:
    plans = []
    for slug, rank, day, subtype, counterparty, amount, confidential, status in EXITS:
        company = _largest(world, slug, rank)
        if company is None or not company.clusters_in(day.year):
            continue
        data = {
            "occurred_on": day,
            "subtype": subtype,
            "title": "코스닥 상장" if subtype == S.IPO else "인수합병",
            "counterparty": counterparty,
            "amount": amount,
            "currency": Currency.KRW,
            "is_confidential": confidential,
        }
        plans.append(
            Planned(company, K.EXIT, data, company.clusters_in(day.year), status, by_staff=True)
        )
    return plans


def partnering_plans(world: World, *, today: date) -> list[Planned]:
    """The licences, investments and supply deals agreed after partnering meetings, as
    the startups' outcome records attributed to the event."""
    plans = []
    for outcome in world.partnering:
        company = world.companies[outcome.company_id]
        clusters = company.clusters_in(outcome.agreed_on.year)
        if not clusters or outcome.amount_krw is None or outcome.agreed_on > today:
            continue
        money = {"amount": outcome.amount_krw, "currency": Currency.KRW}
        if outcome.kind == "licensing":
            kind, data = K.TECH_TRANSFER, {"subtype": S.LICENSE, "title": "파트너링 후속 라이선스"}
        elif outcome.kind == "investment":
            subtype = S.STRATEGIC if outcome.counterparty_kind == "demand_company" else S.SERIES_A
            kind, data = K.INVESTMENT, {"subtype": subtype}
        elif outcome.kind == "supply" and outcome.counterparty_country not in ("", "KR"):
            kind = K.EXPORT
            data = {"country": outcome.counterparty_country, "title": "파트너링 후속 공급 계약"}
        else:
            continue
        recent = (today - outcome.agreed_on).days < RECENT_DAYS
        plans.append(
            Planned(
                company=company,
                kind=kind,
                data={
                    "occurred_on": outcome.agreed_on,
                    "counterparty": outcome.counterparty,
                    **data,
                    **money,
                },
                clusters=clusters,
                status=V.PENDING if recent else V.VERIFIED,
                programs=company.programs_on(outcome.agreed_on),
                events=(outcome.event_id,),
            )
        )
    return plans


def rejected_plans(world: World, plans: list[Planned], rng: random.Random) -> list[Planned]:
    """In each cluster, one record of 2023–2025 entered a second time, or wrongly, and
    sent back by its staff with the reason."""
    rejected = []
    for cluster in sorted(world.clusters.values(), key=lambda c: c.slug):
        candidates = [
            plan
            for plan in plans
            if plan.clusters[:1] == (cluster.pk,)
            and plan.kind in REJECTIONS
            and 2023 <= plan.day.year <= 2025
            and plan.status == V.VERIFIED
            and not plan.company.written_by_hand
        ]
        if not candidates:
            continue
        plan = rng.choice(candidates)
        data = dict(plan.data)
        if plan.kind == K.REVENUE:
            data["amount"] = round(int(data["amount"]) * 1.1)
        rejected.append(
            replace(
                plan,
                data=data,
                status=V.REJECTED,
                reason=rng.choice(REJECTIONS[plan.kind]),
                source=RecordSource.FORM,
            )
        )
    return rejected
