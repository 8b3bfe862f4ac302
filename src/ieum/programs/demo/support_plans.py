"""Which support each demo company gets, when, from whom and for how much.

광주's member companies move through the stages of the support cycle from 2023, each
from where it stood (young companies from development, older ones from approvals or
markets), about four items each. 김해's eighth cohort gets the items its grants pay for
from April 2026, in the order its field needs them. Where a company's linkage request or
facility booking carries the support, the case points to it (the provider then follows
from the request or the booked facility).

The status follows the dates: finished cases are completed (a few were cancelled),
running ones in progress, later ones planned.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta

from ieum.core.business_days import SEOUL
from ieum.facilities.enums import BookingStatus, ResourceKind
from ieum.facilities.models import Booking
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import ServiceRequest
from ieum.programs.demo.support_items import (
    GIMHAE_FALLBACK_PATH,
    GIMHAE_ITEMS,
    GIMHAE_PATHS,
    GWANGJU_ITEMS,
    Item,
)
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.timeline import SERVICE_STAGES

M = 1_000_000
STAGES = list(SupportStage.values)
GWANGJU_STARTS = date(2023, 3, 2)
COHORT_STARTS = date(2026, 4, 6)
# The MEDICA week of 2026 and Arab Health in January 2027, for 김해's export items.
EXPORT_DATES = {
    "MEDICA 2026 김해관 참가": (date(2026, 11, 12), date(2026, 11, 20)),
    "아랍헬스 2027 참가 준비": (date(2027, 1, 11), date(2027, 1, 30)),
}
# A linked request's support item, and what it costs (millions of won).
SERVICE_ITEMS = {
    ServiceType.CLINICAL_TRIAL_CONSULTING: ("임상시험 설계 자문 (병원 연계)", 10),
    ServiceType.INVESTIGATOR_INITIATED_TRIAL: ("연구자 주도 임상 지원 (병원 연계)", 40),
    ServiceType.CLINICAL_VALIDATION: ("임상 실증 지원 (병원 연계)", 25),
    ServiceType.MEDICAL_DATA: ("의료 데이터 활용 지원", 8),
    ServiceType.TESTING_ANALYSIS: ("시험·분석 지원", 15),
    ServiceType.CLINICIAN_MENTORING: ("임상의 멘토링", 3),
    ServiceType.UNMET_NEEDS: ("임상 현장 수요 발굴", 3),
    ServiceType.REGULATORY_CONSULTING: ("인허가 컨설팅 (연계)", 15),
    ServiceType.GMP_CONSULTING: ("GMP 컨설팅 (연계)", 10),
    ServiceType.IP_STRATEGY: ("특허 전략 자문", 6),
    ServiceType.OVERSEAS_CERTIFICATION: ("해외 인증 컨설팅 (연계)", 20),
}
LINKED_DESCRIPTION = (
    "이음의 병원·전문가 연계 의뢰로 진행한 지원입니다. / Support given through an Ieum "
    "linkage request."
)
BOOKED_DESCRIPTION = (
    "클러스터 공동 장비 이용료를 지원했습니다. / The cluster's shared equipment, paid for "
    "by the program."
)


@dataclass
class CasePlan:
    company: object
    stage: str
    title: str
    description: str
    provider: str | None
    amount_krw: int
    starts_on: date
    ends_on: date
    cancelled: bool = False
    deliverable: str = ""
    request: ServiceRequest | None = None
    booking: Booking | None = None

    def status(self, today: date) -> str:
        if self.cancelled:
            return SupportStatus.CANCELLED
        if self.ends_on < today:
            return SupportStatus.COMPLETED
        if self.starts_on <= today:
            return SupportStatus.IN_PROGRESS
        return SupportStatus.PLANNED


def _amount(rng: random.Random, item: Item) -> int:
    low, high = item.amount
    return rng.randint(low * 10, high * 10) * 100_000


def _from_item(rng, company, item: Item, starts_on: date, today: date) -> CasePlan:
    ends_on = starts_on + timedelta(days=item.days)
    return CasePlan(
        company=company,
        stage=item.stage,
        title=item.title,
        description=item.description,
        provider=item.provider,
        amount_krw=_amount(rng, item),
        starts_on=starts_on,
        ends_on=ends_on,
        cancelled=ends_on < today and rng.random() < 0.05,
        deliverable=item.deliverable,
    )


def _first_stage(rng, founded: date | None) -> int:
    if founded is None or founded.year >= 2023:
        return 0
    if founded.year >= 2019:
        return rng.randint(1, 2)
    return rng.randint(3, 5)


def gwangju_cases(companies, *, today: date, seed: str = "gwangju") -> list[CasePlan]:
    """About four cases a company, along the cycle from where each company stood.

    Two companies in five are still being supported: their latest item starts in the
    last months or the next ones. The others' support ran its course earlier."""
    rng = random.Random(seed)
    plans = []
    for company in sorted(companies, key=lambda c: c.slug):
        profile = getattr(company, "company_profile", None)
        index = _first_stage(rng, profile.founded_on if profile else None)
        gaps = [rng.randint(80, 190) for _ in range(rng.randint(3, 6) - 1)]
        if rng.random() < 0.4:
            last = today + timedelta(days=rng.randint(-150, 60))
            starts_on = last - timedelta(days=sum(gaps))
        else:
            starts_on = GWANGJU_STARTS + timedelta(days=rng.randint(0, 500))
        for gap in [*gaps, 0]:
            item = rng.choice(GWANGJU_ITEMS[STAGES[index]])
            if starts_on >= GWANGJU_STARTS:
                plans.append(_from_item(rng, company, item, starts_on, today))
            starts_on += timedelta(days=gap)
            index += rng.choice((1, 1, 1, 0))
            if index >= len(STAGES):
                index = rng.choice((len(STAGES) - 2, len(STAGES) - 1))
    return plans


def cohort_cases(companies, *, fields: dict[int, list[str]], today: date) -> list[CasePlan]:
    """Three items for each company of the cohort, in the order its field needs them."""
    rng = random.Random("gimhae-cohort-8")
    plans = []
    for company in sorted(companies, key=lambda c: c.slug):
        own = fields.get(company.pk, [])
        path = next((GIMHAE_PATHS[code] for code in GIMHAE_PATHS if code in own), None)
        starts_on = COHORT_STARTS + timedelta(days=rng.randint(0, 14))
        for stage in path or GIMHAE_FALLBACK_PATH:
            item = rng.choice(GIMHAE_ITEMS[stage])
            plan = _from_item(rng, company, item, starts_on, today)
            if item.title in EXPORT_DATES:
                plan.starts_on, plan.ends_on = EXPORT_DATES[item.title]
                plan.cancelled = False
            plans.append(plan)
            starts_on += timedelta(days=rng.randint(45, 100))
    return plans


def linked_cases(
    company, *, requests: list[ServiceRequest], bookings: list[Booking], today: date
) -> list[CasePlan]:
    """Cases carried by the company's sent linkage requests (two at most) and by one of
    its facility bookings."""
    plans = []
    for request in requests[:2]:
        title, millions = SERVICE_ITEMS[request.service_type]
        starts_on = request.submitted_at.astimezone(SEOUL).date()
        finished = request.delivered_at or request.closed_at
        ends_on = (
            finished.astimezone(SEOUL).date()
            if finished
            else max(today, starts_on) + timedelta(days=45)
        )
        plans.append(
            CasePlan(
                company=company,
                stage=SERVICE_STAGES[request.service_type],
                title=title,
                description=LINKED_DESCRIPTION,
                provider=None,
                amount_krw=millions * M,
                starts_on=starts_on,
                ends_on=max(ends_on, starts_on),
                cancelled=request.status == RequestStatus.CANCELLED,
                deliverable="연계 의뢰 결과보고서" if request.delivered_at else "",
                request=request,
            )
        )
    usable = [
        booking
        for booking in bookings
        if booking.status == BookingStatus.APPROVED
        and booking.resource.kind not in (ResourceKind.OFFICE, ResourceKind.MEETING_ROOM)
    ]
    if usable:
        booking = usable[0]
        day = booking.start.astimezone(SEOUL).date()
        plans.append(
            CasePlan(
                company=company,
                stage=SupportStage.NONCLINICAL,
                title=f"장비 활용 지원: {booking.resource.name_ko}"[:200],
                description=BOOKED_DESCRIPTION,
                provider=None,
                amount_krw=booking.fee_krw,
                starts_on=day,
                ends_on=day,
                booking=booking,
            )
        )
    return plans
