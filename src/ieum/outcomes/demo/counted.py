"""The counted outcomes of each cluster's companies: patents, approvals, export
contracts, investments, trials, technology transfers and national R&D projects.

Per cluster and year, how many of each comes from the rates in `figures` (or the
report's figure where a target pins it); each goes to a member company, bigger ones
and those whose field fits more often, and gets the raw input a company would type:
numbers in the formats of KIPO, the MFDS, the FDA, CRIS and IRIS.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from ieum.outcomes.demo import records
from ieum.outcomes.demo.figures import (
    API_SHARE,
    BASE_RATES,
    CLUSTER_MIX,
    CONFIDENTIAL_CHANCE,
    COUNTED,
    CURRENT_YEAR,
    DEFAULT_OVERSEAS_SHARE,
    FIRST_YEAR,
    FIXED_COUNTS,
    OVERSEAS_APPROVAL_SHARE,
    PENDING_CHANCE,
    TARGETS,
    YEARLY_RISE,
    YEARS,
    Target,
)
from ieum.outcomes.demo.world import Company, Planned, World
from ieum.outcomes.enums import RecordSource, VerificationStatus

# Fields whose companies approve and export devices more often.
DEVICE_FIELDS = frozenset(
    {
        "medical-device",
        "ivd",
        "biomaterials",
        "wearables",
        "medical-robotics",
        "nanomaterials",
        "infection-control",
        "medical-ai",
    }
)
AFFINITY = {"approval": DEVICE_FIELDS, "export": DEVICE_FIELDS}
GLOBAL_VOUCHER = "gimhae-global-voucher"
VOUCHER_SINCE = 2024


def _days_in(year: int, today: date) -> tuple[date, date]:
    last = min(date(year, 12, 31), today - timedelta(days=7))
    return date(year, 1, 1), last


def _count(slug: str, key: str, year: int, companies: int, target, rng, share: float) -> int:
    if target is not None and key in target.counts:
        return target.counts[key]
    fixed = FIXED_COUNTS.get((slug, key), {})
    if year in fixed:
        return fixed[year]
    rate = BASE_RATES[key] * CLUSTER_MIX.get(slug, {}).get(key, 1.0)
    expected = rate * companies * (1 + YEARLY_RISE * (year - FIRST_YEAR)) * share
    return max(0, round(expected * rng.uniform(0.8, 1.2)))


def split_total(total: int, parts: int, rng: random.Random, *, unit: int) -> list[int]:
    """`total` cut into `parts` uneven multiples of `unit`, adding up exactly."""
    weights = [rng.lognormvariate(0, 0.7) for _ in range(parts)]
    scale = total / sum(weights)
    amounts = [max(unit, int(weight * scale / unit) * unit) for weight in weights]
    largest = max(range(parts), key=amounts.__getitem__)
    amounts[largest] += total - sum(amounts)
    return amounts


class ClusterYear:
    """The counted records of one cluster in one year."""

    def __init__(self, world: World, slug: str, year: int, today: date, rng: random.Random):
        self.world, self.slug, self.year, self.rng = world, slug, year, rng
        self.cluster = world.clusters[slug]
        self.first_day, self.last_day = _days_in(year, today)
        self.target: Target | None = TARGETS.get((slug, year))
        self.members = [
            company
            for company in world.members(self.cluster)
            if company.first_year(self.cluster.pk) <= year and not company.written_by_hand
        ]

    def plans(self) -> list[Planned]:
        if not self.members or self.last_day < self.first_day:
            return []
        span = (self.last_day - self.first_day).days + 1
        share = min(1.0, span / 365)
        plans = []
        for key in COUNTED:
            count = _count(
                self.slug, key, self.year, len(self.members), self.target, self.rng, share
            )
            plans += self._records(key, count)
        return plans

    def _records(self, key: str, count: int) -> list[Planned]:
        if count <= 0:
            return []
        usd = cents = None
        if key == "export" and self.target and self.target.export_usd:
            cents = split_total(int(self.target.export_usd * 100), count, self.rng, unit=100_000)
            usd = [Decimal(c) / 100 for c in cents]
        krw = None
        if key == "national_rnd" and self.target and self.target.national_rnd_krw:
            krw = split_total(self.target.national_rnd_krw, count, self.rng, unit=1_000_000)
        overseas = self._overseas_flags(count) if key == "approval" else None
        plans = []
        for index in range(count):
            company = self._pick(key)
            day = self._day()
            if key == "export":
                kind, data = records.export(
                    company, day, self.rng, slug=self.slug, usd=usd[index] if usd else None
                )
            elif key == "national_rnd":
                kind, data = records.national_rnd(
                    company, day, self.rng, slug=self.slug, krw=krw[index] if krw else None
                )
            elif key == "approval":
                kind, data = records.approval(company, day, self.rng, overseas=overseas[index])
            else:
                kind, data = records.BUILDERS[key](company, day, self.rng)
            plans.append(self._planned(company, kind, data, key))
        return plans

    def _overseas_flags(self, count: int) -> list[bool]:
        if self.target and self.target.overseas_approvals is not None:
            flags = [True] * self.target.overseas_approvals
            flags += [False] * (count - len(flags))
            self.rng.shuffle(flags)
            return flags
        share = OVERSEAS_APPROVAL_SHARE.get(self.slug, DEFAULT_OVERSEAS_SHARE)
        return [self.rng.random() < share for _ in range(count)]

    def _pick(self, key: str) -> Company:
        fits = AFFINITY.get(key)
        weights = [
            company.weight * (1.5 if fits and fits & set(company.fields) else 1.0)
            for company in self.members
        ]
        return self.rng.choices(self.members, weights=weights)[0]

    def _day(self) -> date:
        span = (self.last_day - self.first_day).days
        return self.first_day + timedelta(days=self.rng.randint(0, span))

    def _planned(self, company: Company, kind: str, data: dict, key: str) -> Planned:
        pinned = self.target is not None and (
            key in self.target.counts
            or (key == "approval" and self.target.overseas_approvals is not None)
        )
        status = VerificationStatus.VERIFIED
        if not pinned and self.rng.random() < PENDING_CHANCE.get(self.year, 0):
            status = VerificationStatus.PENDING
        data["is_confidential"] = self.rng.random() < CONFIDENTIAL_CHANCE.get(kind, 0)
        day = data["occurred_on"]
        programs = company.programs_on(day)
        voucher = self.world.programs.get(GLOBAL_VOUCHER)
        if (
            voucher
            and self.slug == "gimhae-biomedical"
            and day.year >= VOUCHER_SINCE
            and records.is_overseas(kind, data)
            and self.rng.random() < 0.5
        ):
            programs = tuple(sorted({*programs, voucher}))
        by_staff = company.user is None or self.rng.random() < 0.1
        api = not by_staff and self.rng.random() < API_SHARE
        return Planned(
            company=company,
            kind=kind,
            data=data,
            clusters=company.clusters_in(day.year),
            status=status,
            programs=programs,
            by_staff=by_staff,
            source=RecordSource.API if api else RecordSource.FORM,
        )


def counted_plans(world: World, rng: random.Random, *, today: date) -> list[Planned]:
    plans = []
    for slug in sorted(world.clusters):
        for year in (*YEARS, CURRENT_YEAR):
            plans += ClusterYear(world, slug, year, today, rng).plans()
    return plans
