"""Who pays which rate, and how much of it a program voucher covers."""

from __future__ import annotations

from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Sum

from ieum.directory.enums import OrganizationKind
from ieum.directory.models import ClusterMember, Organization
from ieum.facilities.enums import ACTIVE_BOOKING_STATUSES, BILLED_BOOKING_STATUSES, UserType
from ieum.facilities.models import Booking, Resource, Voucher
from ieum.facilities.timeline import SEOUL

RATE_FIELDS = {
    UserType.RESIDENT: "rate_resident",
    UserType.MEMBER: "rate_member",
    UserType.EXTERNAL: "rate_external",
    UserType.ACADEMIC: "rate_academic",
}


def fee_class_for(*, organization: Organization, resource: Resource) -> str:
    """Residents of the owning cluster pay least, then its members, then everyone else."""
    if organization.kind == OrganizationKind.UNIVERSITY:
        return UserType.ACADEMIC
    membership = ClusterMember.objects.filter(
        cluster_id=resource.cluster_id, organization=organization
    ).first()
    if membership is None:
        return UserType.EXTERNAL
    return UserType.RESIDENT if membership.is_resident else UserType.MEMBER


def hourly_rate(*, resource: Resource, user_type: str) -> int:
    return getattr(resource, RATE_FIELDS[user_type])


def fee_for(*, hourly_rate_krw: int, start: datetime, end: datetime) -> int:
    hours = Decimal((end - start).total_seconds()) / Decimal(3600)
    return int((hours * hourly_rate_krw).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def voucher_for(*, organization: Organization, start: datetime) -> Voucher | None:
    """The company's voucher valid on the booking day, locked so budgets never overrun."""
    day = start.astimezone(SEOUL).date()
    return (
        Voucher.objects.select_for_update()
        .filter(organization=organization, valid_from__lte=day, valid_until__gte=day)
        .order_by("valid_until", "pk")
        .first()
    )


def voucher_share(*, voucher: Voucher, fee_krw: int, excluding: Booking | None = None) -> int:
    """What the voucher pays of `fee_krw`: its share, up to what is left of its budget.

    The caller holds the voucher's row lock, so two bookings never spend the same won.
    """
    spent = Booking.objects.filter(
        voucher=voucher, status__in=(*ACTIVE_BOOKING_STATUSES, *BILLED_BOOKING_STATUSES)
    )
    if excluding is not None and excluding.pk:
        spent = spent.exclude(pk=excluding.pk)
    used = spent.aggregate(total=Sum("voucher_krw"))["total"] or 0
    share = fee_krw * voucher.coverage_percent // 100
    return max(0, min(share, voucher.budget_krw - used))
