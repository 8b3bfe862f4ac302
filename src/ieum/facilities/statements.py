"""Monthly statements: what a company's facility bookings of one month cost it.

A booking belongs to the month (Asia/Seoul) in which it starts. Approved bookings and
no-shows are billed: the time was held for the company until it passed. Requests still
awaiting approval are listed apart and not added to what is due.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.models import Organization
from ieum.facilities.enums import BILLED_BOOKING_STATUSES, BookingStatus
from ieum.facilities.models import Booking
from ieum.facilities.timeline import SEOUL, at_seoul

STATEMENT_STATUSES = (*BILLED_BOOKING_STATUSES, BookingStatus.REQUESTED)


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def month_window(first: date, last: date | None = None) -> tuple[datetime, datetime]:
    """From the first of `first` to the end of `last` (or of `first`), in Seoul time."""
    return (
        at_seoul(month_start(first), datetime.min.time()),
        at_seoul(next_month(last or first), datetime.min.time()),
    )


def hours_between(start: datetime, end: datetime) -> Decimal:
    hours = Decimal((end - start).total_seconds()) / Decimal(3600)
    return hours.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class StatementLine:
    booking_id: int
    start: datetime  # in Seoul time
    end: datetime
    resource: str
    cluster: str
    mode: str
    hours: Decimal
    fee_class: str
    hourly_rate_krw: int
    fee_krw: int
    voucher_krw: int
    amount_due_krw: int
    status: str
    status_label: str

    @property
    def day(self) -> date:
        return self.start.date()

    @property
    def is_billed(self) -> bool:
        return self.status in BILLED_BOOKING_STATUSES

    @property
    def is_no_show(self) -> bool:
        return self.status == BookingStatus.NO_SHOW


@dataclass
class StatementTotals:
    bookings: int = 0
    hours: Decimal = Decimal("0.00")
    fee_krw: int = 0
    voucher_krw: int = 0
    amount_due_krw: int = 0

    def add(self, line: StatementLine) -> None:
        self.bookings += 1
        self.hours += line.hours
        self.fee_krw += line.fee_krw
        self.voucher_krw += line.voucher_krw
        self.amount_due_krw += line.amount_due_krw


@dataclass
class Statement:
    organization: Organization
    month: date
    lines: list[StatementLine]
    # Approved bookings and no-shows: what is due.
    billed: StatementTotals = field(default_factory=StatementTotals)
    no_shows: StatementTotals = field(default_factory=StatementTotals)
    # Requests not yet approved: shown, not billed.
    pending: StatementTotals = field(default_factory=StatementTotals)
    # Set when only some clusters' lines are shown (to their staff).
    cluster_ids: frozenset[int] | None = None

    @property
    def is_partial(self) -> bool:
        return self.cluster_ids is not None


def _line(booking: Booking) -> StatementLine:
    return StatementLine(
        booking_id=booking.pk,
        start=booking.start.astimezone(SEOUL),
        end=booking.end.astimezone(SEOUL),
        resource=booking.resource.name,
        cluster=booking.resource.cluster.name,
        mode=booking.get_mode_display(),
        hours=hours_between(booking.start, booking.end),
        fee_class=booking.get_user_type_display(),
        hourly_rate_krw=booking.hourly_rate_krw,
        fee_krw=booking.fee_krw,
        voucher_krw=booking.voucher_krw,
        amount_due_krw=booking.amount_due_krw,
        status=booking.status,
        status_label=booking.get_status_display(),
    )


def _check_month(year: int, month: int) -> date:
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError({"month": _("Choose a month between 2000 and 2100.")})
    return date(year, month, 1)


def build_monthly_statement(
    *, organization: Organization, year: int, month: int, clusters: Iterable[int] | None = None
) -> Statement:
    """The organization's bookings that start in the month, with what is due.

    `clusters` limits the lines to resources of those clusters (ids); None shows all.
    """
    first = _check_month(year, month)
    start, end = month_window(first)
    bookings = (
        Booking.objects.filter(
            organization=organization,
            status__in=STATEMENT_STATUSES,
            start__gte=start,
            start__lt=end,
        )
        .select_related("resource__cluster")
        .order_by("start", "pk")
    )
    cluster_ids = None if clusters is None else frozenset(clusters)
    if cluster_ids is not None:
        bookings = bookings.filter(resource__cluster_id__in=cluster_ids)
    statement = Statement(
        organization=organization,
        month=first,
        lines=[_line(booking) for booking in bookings],
        cluster_ids=cluster_ids,
    )
    for line in statement.lines:
        if line.is_billed:
            statement.billed.add(line)
        else:
            statement.pending.add(line)
        if line.is_no_show:
            statement.no_shows.add(line)
    return statement


def statement_clusters_for(*, user, organization: Organization) -> frozenset[int] | None:
    """Which clusters' lines the person may see: None for all of them.

    The company's own members and platform admins see the whole statement; cluster
    staff see what their company booked on their own clusters' resources only.
    """
    if not user.has_perm("facilities.see_statement", organization):
        raise PermissionDenied(_("You may not see this organization's statement."))
    access = access_for(user)
    if access.is_platform_admin or organization.pk in access.organization_ids:
        return None
    return access.staffed_cluster_ids


def get_statement(*, user, organization: Organization, month: date) -> Statement:
    clusters = statement_clusters_for(user=user, organization=organization)
    return build_monthly_statement(
        organization=organization, year=month.year, month=month.month, clusters=clusters
    )


def list_statement_organizations(*, user, month: date) -> QuerySet[Organization]:
    """Organizations whose statement the person may open, with the month's billed totals.

    Those with bookings in the month that the person may see, and always the person's
    own organizations. Staff's totals count their own clusters' bookings only.
    """
    access = access_for(user)
    start, end = month_window(month)
    in_month = Q(
        facility_bookings__start__gte=start,
        facility_bookings__start__lt=end,
        facility_bookings__status__in=BILLED_BOOKING_STATUSES,
    )
    own = Q(pk__in=access.organization_ids)
    visible = in_month
    if not access.is_platform_admin:
        visible &= own | Q(facility_bookings__resource__cluster_id__in=access.staffed_cluster_ids)
    return (
        Organization.objects.annotate(
            billed_bookings=Count("facility_bookings", filter=visible),
            billed_fee_krw=Sum("facility_bookings__fee_krw", filter=visible, default=0),
            billed_due_krw=Sum(
                F("facility_bookings__fee_krw") - F("facility_bookings__voucher_krw"),
                filter=visible,
                default=0,
            ),
        )
        .filter(Q(billed_bookings__gt=0) | own)
        .order_by("name_ko", "pk")
    )
