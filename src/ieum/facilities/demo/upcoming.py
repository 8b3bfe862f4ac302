"""The coming four weeks, booked through `book_resource` as companies book them. Cluster
staff then approve most requests, refuse a few and leave some for the demo to decide;
the Gimhae staff login finds the most waiting."""

from __future__ import annotations

from collections import Counter
from datetime import time, timedelta

from django.core.exceptions import ValidationError

from ieum.core.jobs import silenced
from ieum.facilities.booking import book_resource, cancel_booking, decide_booking
from ieum.facilities.demo.activity import FUTURE_DAYS, Demo
from ieum.facilities.demo.history import backdate
from ieum.facilities.demo.people import Booker
from ieum.facilities.demo.texts import CANCEL_REASONS, REJECT_REASONS
from ieum.facilities.enums import BookingMode, BookingStatus, ResourceStatus
from ieum.facilities.timeline import at_seoul

# What the demo company login has coming: resource and what staff do with the request.
COMPANY_PLANS = [
    ("gimhae-confocal", "approve"),
    ("gimhae-cell-lab", "approve"),
    ("gimhae-gmp-cell", "pending"),
    ("gimhae-qpcr", None),
    ("gimhae-meeting", None),
    ("daegu-hrms", "pending"),
]
PENDING_SHARE = {"gimhae-biomedical": 0.45}
DEFAULT_PENDING_SHARE = 0.25
REJECTED_SHARE = 0.07
CANCELLED_SHARE = 0.04


def book_upcoming(demo: Demo) -> tuple[Counter[str], list[str]]:
    """Book the coming weeks; returns the bookings by status and what was refused, why."""
    plans: list[tuple[str, Booker, str, str | None]] = []
    company = demo.company
    if company is not None:
        for key, outcome in COMPANY_PLANS:
            resource = demo.resources.get(key)
            if resource is not None:
                mode = (
                    BookingMode.DIRECT_USE
                    if resource.allows_direct_use
                    else BookingMode.ANALYSIS_REQUEST
                )
                plans.append((key, company, mode, outcome))
    for key, resource in demo.resources.items():
        if not resource.is_bookable or resource.status != ResourceStatus.IN_USE:
            continue
        for _ in range(max(1, demo.items[key]["demand"] // 12)):
            booker, mode = demo.pick(key)
            plans.append((key, booker, mode, None))
    rows, refused = [], []
    with silenced():
        for key, booker, mode, outcome in plans:
            try:
                row = _book(demo, key, booker, mode, outcome)
            except ValidationError as error:
                refused.append(f"{key}: {'; '.join(error.messages)}")
                continue
            if row is not None:
                rows.append(row)
    backdate(rows)
    return Counter(booking.status for booking, _created, _updated in rows), refused


def _book(demo: Demo, key: str, booker: Booker, mode: str, outcome: str | None):
    rng = demo.rng
    planned = outcome
    resource = demo.resources[key]
    slotter = demo.slotters[key]
    notice_days = -(-resource.min_notice_minutes // 1440)
    interval = slotter.find(
        rng,
        first_day=demo.today + timedelta(days=1 + notice_days),
        days=FUTURE_DAYS - notice_days,
        not_after=at_seoul(demo.today + timedelta(days=FUTURE_DAYS + 60), time(0)),
        organization_id=booker.organization.pk,
        holds=True,
    )
    if interval is None:
        return None
    created = demo.now - timedelta(hours=rng.uniform(1, 24 * 6))
    booking = book_resource(
        user=booker.user,
        resource=resource,
        start=interval.start,
        end=interval.end,
        organization=booker.organization,
        mode=mode,
        purpose=demo.purpose(key),
        now=created,
    )
    slotter.take(interval, booker.organization.pk)
    if booking.status == BookingStatus.REQUESTED:
        outcome = outcome or _outcome(demo, demo.slug_of(resource))
        if outcome != "pending":
            booking = decide_booking(
                user=demo.staff[resource.cluster_id],
                booking=booking,
                approve=outcome == "approve",
                reason="" if outcome == "approve" else rng.choice(REJECT_REASONS),
                now=created + (demo.now - created) * rng.uniform(0.1, 0.9),
            )
    cancel_by = booking.start - timedelta(hours=resource.cancel_notice_hours + 1)
    if (
        planned is None
        and booking.status == BookingStatus.APPROVED
        and cancel_by > demo.now
        and rng.random() < CANCELLED_SHARE
    ):
        booking = cancel_booking(
            user=booker.user,
            booking=booking,
            reason=rng.choice(CANCEL_REASONS),
            now=demo.now,
        )
    return booking, created, booking.cancelled_at or booking.decided_at or created


def _outcome(demo: Demo, slug: str) -> str:
    draw = demo.rng.random()
    if draw < PENDING_SHARE.get(slug, DEFAULT_PENDING_SHARE):
        return "pending"
    if draw > 1 - REJECTED_SHARE:
        return "reject"
    return "approve"
