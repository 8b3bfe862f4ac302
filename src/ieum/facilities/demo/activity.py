"""The demo's state while it writes activity, and what comes before bookings: who is
trained on what, the downtime log, vouchers and training requests."""

from __future__ import annotations

import calendar
import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ieum.accounts.models import User
from ieum.directory.models import Organization
from ieum.facilities.demo.catalog import PRESETS
from ieum.facilities.demo.people import COMPANY_LOGIN, Booker
from ieum.facilities.demo.purposes import PURPOSES_BY_KEY
from ieum.facilities.demo.schedule import Slotter
from ieum.facilities.demo.texts import (
    DOWNTIMES,
    PURPOSES,
    TRAINING_DECLINED_NOTE,
    TRAINING_MESSAGES,
    VOUCHER_PROGRAMS,
)
from ieum.facilities.enums import BookingMode, TrainingStatus, UseScope
from ieum.facilities.fees import fee_class_for
from ieum.facilities.models import Downtime, Qualification, Resource, TrainingRequest, Voucher
from ieum.facilities.timeline import SEOUL, Interval, at_seoul

HISTORY_DAYS = 182
FUTURE_DAYS = 28
# Share of bookings of an open resource made by companies of other clusters, and by a
# university; the national complexes serve the whole country.
EXTERNAL_SHARE = {"osong-medical-complex": 0.2, "daegu-medical-complex": 0.2}
DEFAULT_EXTERNAL_SHARE = 0.06
ACADEMIC_SHARE = {"gwangju-biomaterials": 0.12}
# The demo company login is trained on these, and must train again on the last.
COMPANY_QUALIFIED = [
    "gimhae-confocal",
    "gimhae-flow",
    "gimhae-fesem",
    "gimhae-cell-lab",
    "gimhae-gmp-cell",
]
COMPANY_LAPSED = "gimhae-metal3d"


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


@dataclass
class Demo:
    rng: random.Random
    now: datetime
    today: date
    items: dict[str, dict]
    resources: dict[str, Resource]
    staff: dict[int, User]  # by cluster id
    bookers: dict[str, list[Booker]]  # by cluster slug
    academic: Booker | None
    cluster_slugs: dict[int, str]
    slotters: dict[str, Slotter] = field(default_factory=dict)
    qualified: dict[str, list[Booker]] = field(default_factory=dict)
    vouchers: dict[int, list[Voucher]] = field(default_factory=dict)
    fee_classes: dict[tuple[int, int], str] = field(default_factory=dict)

    @property
    def company(self) -> Booker | None:
        for people in self.bookers.values():
            for booker in people:
                if booker.user.email == COMPANY_LOGIN.email:
                    return booker
        return None

    def slug_of(self, resource: Resource) -> str:
        return self.cluster_slugs[resource.cluster_id]

    def external(self, slug: str) -> list[Booker]:
        return [b for other, people in self.bookers.items() if other != slug for b in people]

    def weighted(self, people: list[Booker]) -> Booker:
        return self.rng.choices(people, weights=[b.weight for b in people])[0]

    def pool(self, resource: Resource) -> list[Booker]:
        slug = self.slug_of(resource)
        draw = self.rng.random()
        if resource.use_scope == UseScope.OPEN:
            if draw < EXTERNAL_SHARE.get(slug, DEFAULT_EXTERNAL_SHARE):
                return self.external(slug)
            if self.academic is not None and draw > 1 - ACADEMIC_SHARE.get(slug, 0):
                return [self.academic]
        return self.bookers[slug]

    def pick(self, key: str) -> tuple[Booker, str]:
        """Who books `key` and how: trained people use it, anyone may send samples."""
        resource = self.resources[key]
        direct, analysis = resource.allows_direct_use, resource.allows_analysis_request
        qualified = self.qualified.get(key)
        if qualified and (not analysis or self.rng.random() < 0.6):
            return self.weighted(qualified), BookingMode.DIRECT_USE
        booker = self.weighted(self.pool(resource))
        if (
            direct
            and not resource.requires_qualification
            and (not analysis or self.rng.random() < 0.5)
        ):
            return booker, BookingMode.DIRECT_USE
        return booker, BookingMode.ANALYSIS_REQUEST

    def fee_class(self, organization: Organization, resource: Resource) -> str:
        key = (organization.pk, resource.cluster_id)
        if key not in self.fee_classes:
            self.fee_classes[key] = fee_class_for(organization=organization, resource=resource)
        return self.fee_classes[key]

    def purpose(self, key: str) -> str:
        choices = PURPOSES_BY_KEY.get(key) or PURPOSES.get(self.resources[key].kind)
        return self.rng.choice(choices or PURPOSES["lab"])

    def voucher_on(self, organization_id: int, moment: datetime) -> Voucher | None:
        day = moment.astimezone(SEOUL).date()
        for voucher in self.vouchers.get(organization_id, []):
            if voucher.valid_from <= day <= voucher.valid_until:
                return voucher
        return None

    # Set-up before bookings.

    def record_downtime(self) -> int:
        rows = []
        for keys, kind, offset, clock, hours, description in DOWNTIMES:
            start = at_seoul(self.today + timedelta(days=offset), time.fromisoformat(clock))
            for key in keys:
                resource = self.resources.get(key)
                if resource is not None:
                    rows.append(
                        Downtime(
                            resource=resource,
                            kind=kind,
                            start=start,
                            end=start + timedelta(hours=hours),
                            description=description,
                            reported_by=self.staff[resource.cluster_id],
                        )
                    )
        Downtime.objects.bulk_create(rows)
        horizon = Interval(
            at_seoul(self.today - timedelta(days=HISTORY_DAYS + 1), time(0)),
            at_seoul(self.today + timedelta(days=FUTURE_DAYS + 60), time(0)),
        )
        for key, resource in self.resources.items():
            blocked = [Interval(d.start, d.end) for d in rows if d.resource is resource]
            preset = PRESETS[self.items[key]["preset"]]
            self.slotters[key] = Slotter.build(resource, preset, horizon, blocked)
        return len(rows)

    def train(self) -> int:
        """Choose who is trained on each instrument that needs it, and record it."""
        company = self.company
        rows = []
        for key, resource in self.resources.items():
            if not (resource.requires_qualification and resource.allows_direct_use):
                continue
            if not resource.is_bookable:
                continue
            slug = self.slug_of(resource)
            local = [b for b in self.bookers[slug] if b is not company]
            people = self.rng.sample(local, min(len(local), self.rng.randint(3, 5)))
            if company is not None and key in COMPANY_QUALIFIED:
                people.insert(0, company)
            if self.academic is not None and slug == self.academic.cluster_slug:
                people.append(self.academic)
            if resource.use_scope == UseScope.OPEN and slug in EXTERNAL_SHARE:
                people.append(self.rng.choice(self.external(slug)))
            self.qualified[key] = people
            for booker in people:
                granted = self.today - timedelta(days=self.rng.randint(185, 300))
                rows.append(self._qualification(booker, resource, granted))
        lapsed = self.resources.get(COMPANY_LAPSED)
        if company is not None and lapsed is not None:
            rows.append(self._qualification(company, lapsed, self.today - timedelta(days=560)))
        unique = {(q.user_id, q.resource_id): q for q in rows}
        Qualification.objects.bulk_create(unique.values())
        return len(unique)

    def _qualification(self, booker: Booker, resource: Resource, granted: date) -> Qualification:
        return Qualification(
            user=booker.user,
            resource=resource,
            granted_on=granted,
            expires_on=add_months(granted, resource.qualification_months),
            granted_by=self.staff[resource.cluster_id],
        )

    def request_training(self) -> int:
        """Open training requests for the Gimhae staff to answer, and one declined."""
        company = self.company
        gimhae = self.bookers.get(company.cluster_slug if company else "", [])
        rows = []
        for key, message in TRAINING_MESSAGES.items():
            resource = self.resources.get(key)
            if resource is None:
                continue
            trained = {b.user.pk for b in self.qualified.get(key, [])}
            if company is not None and key == COMPANY_LAPSED:
                candidates = [company]
            else:
                candidates = [b for b in gimhae if b.user.pk not in trained and b is not company]
            if not candidates:
                continue
            booker = self.rng.choice(candidates)
            declined = key == "gimhae-gmp-cell"
            rows.append(
                TrainingRequest(
                    user=booker.user,
                    resource=resource,
                    organization=booker.organization,
                    message=message,
                    status=TrainingStatus.DECLINED if declined else TrainingStatus.REQUESTED,
                    decided_by=self.staff[resource.cluster_id] if declined else None,
                    decided_at=self.now - timedelta(days=4) if declined else None,
                    decision_note=TRAINING_DECLINED_NOTE if declined else "",
                )
            )
        TrainingRequest.objects.bulk_create(rows)
        return len(rows)

    def grant_vouchers(self) -> int:
        """Program vouchers for some companies, one a year, valid over the demo's dates."""
        company = self.company
        everyone = [b for people in self.bookers.values() for b in people if b is not company]
        chosen = self.rng.sample(everyone, min(len(everyone), 8))
        programs = [("regional", b) for b in chosen[:5]] + [("startup", b) for b in chosen[5:]]
        if company is not None:
            programs.insert(0, ("gimhae", company))
        first_year = (self.today - timedelta(days=HISTORY_DAYS)).year
        # Coming bookings start within FUTURE_DAYS + 1 days; vouchers go by the start day.
        last_year = (self.today + timedelta(days=FUTURE_DAYS + 1)).year
        rows = []
        for program, booker in programs:
            name_ko, name_en, share, budget = VOUCHER_PROGRAMS[program]
            for year in range(first_year, last_year + 1):
                rows.append(
                    Voucher(
                        organization=booker.organization,
                        name_ko=f"{year}년 {name_ko}",
                        name_en=f"{name_en} {year}",
                        coverage_percent=share,
                        budget_krw=budget,
                        valid_from=date(year, 1, 1),
                        valid_until=date(year, 12, 31),
                    )
                )
        Voucher.objects.bulk_create(rows)
        for voucher in sorted(rows, key=lambda v: (v.valid_until, v.pk)):
            self.vouchers.setdefault(voucher.organization_id, []).append(voucher)
        return len(rows)
