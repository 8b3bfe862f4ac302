"""Facility use by year or quarter, which the outcomes app reads for its KPIs.

The figures mean what the utilization report (`reports.py`) means by them: a booking
counts in the year and quarter (Asia/Seoul) in which it starts, and belongs to the
cluster that owns the resource.

- companies: distinct companies (organizations of kind company) with an approved
  booking that was checked in or has ended, as the report's "companies served";
- hours: hours from check-in to check-out of approved bookings and no-shows, the
  report's used hours, rounded to a tenth;
- hour_users: the distinct organizations behind those hours, so that a public figure
  made of one or two organizations can be hidden.

One query, whatever the number of years, quarters or clusters. Not scoped to a person:
the caller decides who sees the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from ieum.core.period_groups import PeriodKey, group_by_period, period_key, seoul_year_bounds
from ieum.directory.enums import OrganizationKind
from ieum.facilities.enums import BILLED_BOOKING_STATUSES, BookingStatus
from ieum.facilities.models import Booking

TENTH = Decimal("0.1")


@dataclass(frozen=True)
class FacilityUse:
    companies: int = 0
    hours: Decimal = Decimal(0)
    hour_users: int = 0


def _hours(duration) -> Decimal:
    if not duration:
        return Decimal(0)
    seconds = Decimal(duration.days * 86400 + duration.seconds)
    return (seconds / 3600).quantize(TENTH, rounding=ROUND_HALF_UP)


def facility_use_by_period(
    *,
    years: Iterable[int],
    quarterly: bool = False,
    cluster_ids: Iterable[int] | None = None,
    company_id: int | None = None,
    by_cluster: bool = False,
) -> dict[PeriodKey, FacilityUse]:
    """Facility use in each of `years` (and each quarter when `quarterly`), of the
    resources of `cluster_ids` (all when None), of one company or of all."""
    years = sorted(set(years))
    if not years:
        return {}
    first, after = seoul_year_bounds(years)
    bookings = Booking.objects.filter(
        status__in=BILLED_BOOKING_STATUSES,
        start__gte=first,
        start__lt=after,
    )
    if cluster_ids is not None:
        bookings = bookings.filter(resource__cluster_id__in=list(cluster_ids))
    if company_id is not None:
        bookings = bookings.filter(organization_id=company_id)
    bookings, group = group_by_period(
        bookings,
        moment="start",
        quarterly=quarterly,
        by_cluster=by_cluster,
        cluster="resource__cluster_id",
    )
    used = Q(status=BookingStatus.APPROVED, organization__kind=OrganizationKind.COMPANY) & (
        Q(checked_in_at__isnull=False) | Q(end__lte=timezone.now())
    )
    checked = Q(checked_in_at__isnull=False, checked_out_at__gt=F("checked_in_at"))
    rows = (
        bookings.values(*group)
        .annotate(
            companies=Count("organization_id", filter=used, distinct=True),
            duration=Sum(F("checked_out_at") - F("checked_in_at"), filter=checked),
            hour_users=Count("organization_id", filter=checked, distinct=True),
        )
        .order_by()
    )
    wanted = set(years)
    return {
        period_key(row): FacilityUse(
            companies=row["companies"],
            hours=_hours(row["duration"]),
            hour_users=row["hour_users"],
        )
        for row in rows
        if row["g_year"] in wanted
    }
