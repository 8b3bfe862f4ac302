"""Six months of past bookings, written directly: `book_resource` refuses the past.

Each booking is placed by the resource's rules (see `schedule.py`) and priced with the
functions `book_resource` uses, so the figures are those the platform would have
charged. Most were used (checked in and out), some were no-shows, some cancelled or
refused with a reason; program vouchers paid part of some.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, time, timedelta

from django.db import connection

from ieum.facilities.demo.activity import HISTORY_DAYS, Demo
from ieum.facilities.demo.people import Booker
from ieum.facilities.demo.texts import CANCEL_REASONS, REJECT_REASONS
from ieum.facilities.enums import ACTIVE_BOOKING_STATUSES, BILLED_BOOKING_STATUSES, BookingStatus
from ieum.facilities.fees import fee_for, hourly_rate
from ieum.facilities.models import Booking, Resource
from ieum.facilities.timeline import Interval, at_seoul

SPENDING = {*ACTIVE_BOOKING_STATUSES, *BILLED_BOOKING_STATUSES}
HOLDING = {BookingStatus.APPROVED, BookingStatus.NO_SHOW}
QUICK_KINDS = {"meeting_room"}


def record_history(demo: Demo) -> Counter[str]:
    rng = demo.rng
    first_day = demo.today - timedelta(days=HISTORY_DAYS)
    not_after = at_seoul(demo.today, time(0))
    planned: list[tuple[Booking, datetime, datetime]] = []
    for key, resource in demo.resources.items():
        if not resource.is_bookable:
            continue
        slotter = demo.slotters[key]
        for _ in range(demo.items[key]["demand"]):
            status = _status(demo, resource)
            booker, mode = demo.pick(key)
            holds = status in HOLDING
            interval = slotter.find(
                rng,
                first_day=first_day,
                days=HISTORY_DAYS,
                not_after=not_after,
                organization_id=booker.organization.pk,
                holds=holds,
            )
            if interval is None:
                continue
            if holds:
                slotter.take(interval, booker.organization.pk)
            planned.append(_booking(demo, key, booker, mode, status, interval))
    _pay_with_vouchers(demo, planned)
    Booking.objects.bulk_create([booking for booking, _created, _updated in planned])
    backdate(planned)
    return Counter(booking.status for booking, _created, _updated in planned)


def _status(demo: Demo, resource: Resource) -> str:
    draw = demo.rng.random()
    if resource.requires_approval and draw < 0.06:
        return BookingStatus.REJECTED
    if draw < 0.14:
        return BookingStatus.CANCELLED
    if draw < 0.19:
        return BookingStatus.NO_SHOW
    return BookingStatus.APPROVED


def _booking(
    demo: Demo, key: str, booker: Booker, mode: str, status: str, interval: Interval
) -> tuple[Booking, datetime, datetime]:
    rng = demo.rng
    resource = demo.resources[key]
    start, end = interval.start, interval.end
    shortest = resource.min_notice_minutes / 60 + 1
    if resource.kind in QUICK_KINDS or not resource.requires_approval:
        lead = timedelta(hours=max(shortest, rng.uniform(2, 24 * 7)))
    else:
        lead = timedelta(hours=max(shortest, rng.uniform(24, 24 * 21)))
    created = start - lead
    user_type = demo.fee_class(booker.organization, resource)
    rate = hourly_rate(resource=resource, user_type=user_type)
    booking = Booking(
        resource=resource,
        booked_by=booker.user,
        organization=booker.organization,
        mode=mode,
        status=status,
        start=start,
        end=end,
        blocked_until=end + timedelta(minutes=resource.buffer_minutes),
        is_exclusive=resource.capacity == 1,
        purpose=demo.purpose(key),
        user_type=user_type,
        hourly_rate_krw=rate,
        fee_krw=fee_for(hourly_rate_krw=rate, start=start, end=end),
    )
    updated = created
    decided = status != BookingStatus.CANCELLED or rng.random() < 0.5
    if resource.requires_approval and decided:
        booking.decided_by = demo.staff[resource.cluster_id]
        booking.decided_at = created + min(
            lead * rng.uniform(0.02, 0.3), timedelta(hours=rng.uniform(1, 48))
        )
        booking.sequence = 1
        updated = booking.decided_at
    if status == BookingStatus.REJECTED:
        booking.decision_reason = rng.choice(REJECT_REASONS)
    elif status == BookingStatus.CANCELLED:
        booking.cancelled_at = start - lead * rng.uniform(0.1, 0.6)
        booking.decision_reason = rng.choice(CANCEL_REASONS)
        booking.sequence += 1
        updated = booking.cancelled_at
    elif status == BookingStatus.NO_SHOW:
        updated = start + timedelta(minutes=rng.choice([30, 60]))
    else:
        booking.checked_in_at = start + timedelta(minutes=rng.randint(0, 15))
        booking.checked_out_at = max(
            end - timedelta(minutes=rng.randint(0, 20)),
            booking.checked_in_at + timedelta(minutes=5),
        )
        updated = booking.checked_out_at
    return booking, created, updated


def _pay_with_vouchers(demo: Demo, planned) -> None:
    """What each voucher paid, in the order the bookings were made (as `voucher_share`)."""
    used: Counter[int] = Counter()
    for booking, _created, _updated in sorted(planned, key=lambda row: row[1]):
        voucher = demo.voucher_on(booking.organization.pk, booking.start)
        if voucher is None:
            continue
        share = booking.fee_krw * voucher.coverage_percent // 100
        share = max(0, min(share, voucher.budget_krw - used[voucher.pk]))
        if share == 0:
            continue
        booking.voucher, booking.voucher_krw = voucher, share
        if booking.status in SPENDING:
            used[voucher.pk] += share


def backdate(rows) -> None:
    """Give bookings the creation and change times they would have had (one statement)."""
    if not rows:
        return
    columns = list(
        zip(
            *[
                (booking.pk, created, updated, booking.decided_at, booking.cancelled_at)
                for booking, created, updated in rows
            ],
            strict=True,
        )
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            UPDATE {Booking._meta.db_table} AS booking
            SET created_at = row.created_at, updated_at = row.updated_at,
                decided_at = row.decided_at, cancelled_at = row.cancelled_at
            FROM unnest(%s::bigint[], %s::timestamptz[], %s::timestamptz[],
                        %s::timestamptz[], %s::timestamptz[])
                AS row(id, created_at, updated_at, decided_at, cancelled_at)
            WHERE booking.id = row.id
            """,
            [list(column) for column in columns],
        )
