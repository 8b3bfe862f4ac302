"""Each company's yearly revenue and employment, one record of each per year.

A company's figures are drawn back from what its directory profile says today, with
its own growth, from the year it joined its cluster (2020 at the earliest). Where the
reports pin a cluster-year (`figures.TARGETS`), the companies of that cluster are
scaled together, every year alike so their growth stays as drawn, and the largest
takes the rounding, so the cluster's total is the reported figure to the won.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from ieum.outcomes.demo.figures import (
    CONFIDENTIAL_REVENUE_SHARE,
    FIRST_YEAR,
    LAST_FULL_YEAR,
    PENDING_CHANCE,
    TARGETS,
    YEARS,
)
from ieum.outcomes.demo.world import Company, Planned, World
from ieum.outcomes.enums import Currency, OutcomeKind, VerificationStatus

MILLION = 1_000_000
# Below this a company reports no revenue yet.
SMALLEST_REVENUE = 10 * MILLION


@dataclass
class YearFigures:
    revenue: int
    headcount: int
    youth_share: float
    hire_rate: float


def _draw(company: Company, rng: random.Random) -> dict[int, YearFigures]:
    first = max(FIRST_YEAR, min(company.joined.values()), company.founded_year or 0)
    revenue_growth = rng.uniform(0.04, 0.25)
    staff_growth = rng.uniform(0.03, 0.14)
    revenue_now = company.revenue_krw or rng.choice([0, 0, 150, 400, 900]) * MILLION
    figures = {}
    for year in range(first, LAST_FULL_YEAR + 1):
        back = LAST_FULL_YEAR - year
        revenue = revenue_now / (1 + revenue_growth) ** back * rng.uniform(0.92, 1.08)
        headcount = company.employees / (1 + staff_growth) ** back * rng.uniform(0.95, 1.05)
        figures[year] = YearFigures(
            revenue=round(revenue / MILLION) * MILLION if revenue >= SMALLEST_REVENUE else 0,
            headcount=max(1, round(headcount)),
            youth_share=rng.uniform(0.25, 0.5),
            hire_rate=rng.uniform(0.05, 0.15),
        )
    return figures


def _pin(companies: list[Company], drawn, *, year: int, target: int, name: str, unit: int):
    """Scale the companies' `name` figure in every year so that `year` adds up to
    `target`; the largest company of that year takes the rounding."""
    reporting = [c for c in companies if getattr(drawn[c.pk][year], name) > 0]
    total = sum(getattr(drawn[c.pk][year], name) for c in reporting)
    factor = target / total
    for company in reporting:
        for figures in drawn[company.pk].values():
            value = getattr(figures, name)
            setattr(figures, name, max(unit, round(value * factor / unit) * unit) if value else 0)
    largest = max(reporting, key=lambda c: getattr(drawn[c.pk][year], name))
    rest = sum(getattr(drawn[c.pk][year], name) for c in reporting if c is not largest)
    setattr(drawn[largest.pk][year], name, target - rest)


def _status(rng: random.Random, year: int, pinned: bool) -> str:
    if not pinned and rng.random() < PENDING_CHANCE.get(year, 0):
        return VerificationStatus.PENDING
    return VerificationStatus.VERIFIED


def yearly_plans(world: World, rng: random.Random) -> list[Planned]:
    """A revenue record (when there is revenue) and an employment record per company
    and year, each dated the last day of its year."""
    drawn = {pk: _draw(company, rng) for pk, company in world.companies.items()}
    for (slug, year), target in TARGETS.items():
        cluster = world.clusters.get(slug)
        if cluster is None:
            continue
        cohort = [c for c in world.members(cluster) if cluster.pk in c.clusters_in(year)]
        cohort = [c for c in cohort if year in drawn[c.pk]]
        if target.revenue_krw and cohort:
            _pin(cohort, drawn, year=year, target=target.revenue_krw, name="revenue", unit=MILLION)
        if target.headcount and cohort:
            _pin(cohort, drawn, year=year, target=target.headcount, name="headcount", unit=1)
    pinned_years = {
        (world.clusters[slug].pk, year) for slug, year in TARGETS if slug in world.clusters
    }
    plans = []
    for pk, company in world.companies.items():
        confidential = rng.random() < CONFIDENTIAL_REVENUE_SHARE
        previous = None
        for year, figures in drawn[pk].items():
            clusters = company.clusters_in(year)
            if not clusters or year not in YEARS:
                continue
            pinned = any((cluster, year) in pinned_years for cluster in clusters)
            day = date(year, 12, 31)
            by_staff = company.user is None or rng.random() < 0.05
            if figures.revenue:
                plans.append(
                    Planned(
                        company=company,
                        kind=OutcomeKind.REVENUE,
                        data={
                            "occurred_on": day,
                            "title": f"{year}년 매출액",
                            "amount": figures.revenue,
                            "currency": Currency.KRW,
                            "is_confidential": confidential,
                        },
                        clusters=clusters,
                        status=_status(rng, year, pinned),
                        by_staff=by_staff,
                    )
                )
            grown = figures.headcount - previous if previous is not None else 0
            hires = max(grown, 0) + round(figures.headcount * figures.hire_rate)
            plans.append(
                Planned(
                    company=company,
                    kind=OutcomeKind.EMPLOYMENT,
                    data={
                        "occurred_on": day,
                        "title": f"{year}년 말 고용 현황",
                        "headcount": figures.headcount,
                        "youth_headcount": round(figures.headcount * figures.youth_share),
                        "new_hires": min(hires, figures.headcount),
                    },
                    clusters=clusters,
                    status=_status(rng, year, pinned),
                    by_staff=by_staff,
                )
            )
            previous = figures.headcount
    return plans
