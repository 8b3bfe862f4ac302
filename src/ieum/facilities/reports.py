"""Utilization of facilities and equipment: open, booked and used hours by month.

- Open hours: the weekly opening hours, less downtime and, where the resource closes
  on them, Korean public holidays.
- Booked hours: approved bookings and no-shows, the time held for a company. A booking
  counts in the month (Asia/Seoul) in which it starts.
- Used hours: from check-in to check-out.

Disused and internal-only resources are left out: nobody can book them. The report
runs the same handful of queries however many resources and bookings there are.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, DateField, F, Prefetch, Q, QuerySet, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.models import pick_language
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster
from ieum.facilities.enums import (
    BILLED_BOOKING_STATUSES,
    BookingStatus,
    ResourceStatus,
    UseScope,
)
from ieum.facilities.models import Booking, Downtime, Resource
from ieum.facilities.statements import month_window, next_month
from ieum.facilities.timeline import (
    SEOUL,
    Interval,
    opening_intervals,
    public_holidays,
    subtract,
    total_minutes,
)

MAX_MONTHS = 24
TOP_COMPANIES = 10


@dataclass
class Figures:
    """Hours of one resource or cluster in one month or the whole period."""

    open_hours: float = 0.0
    booked_hours: float = 0.0
    used_hours: float = 0.0

    def add(self, other: Figures) -> None:
        self.open_hours += other.open_hours
        self.booked_hours += other.booked_hours
        self.used_hours += other.used_hours

    @property
    def booked_percent(self) -> float | None:
        return _percent(self.booked_hours, self.open_hours)

    @property
    def used_percent(self) -> float | None:
        return _percent(self.used_hours, self.open_hours)


def _percent(part: float, whole: float) -> float | None:
    return round(100 * part / whole, 1) if whole else None


@dataclass
class ResourceRow:
    resource: Resource
    months: list[Figures]
    total: Figures = field(default_factory=Figures)

    @property
    def is_idle(self) -> bool:
        return self.resource.status == ResourceStatus.IDLE or not self.total.booked_hours


@dataclass
class ClusterRow:
    cluster: Cluster
    months: list[Figures]
    total: Figures = field(default_factory=Figures)
    resources: int = 0


@dataclass(frozen=True)
class CompanyHours:
    organization_id: int
    name: str
    bookings: int
    booked_hours: float


@dataclass
class UtilizationReport:
    months: list[date]
    clusters: list[ClusterRow]
    resources: list[ResourceRow]
    top_companies: list[CompanyHours]
    # Companies that used a resource in the period: "N startups used the facilities".
    companies_served: int
    total: Figures = field(default_factory=Figures)

    @property
    def first_month(self) -> date:
        return self.months[0]

    @property
    def last_month(self) -> date:
        return self.months[-1]

    @property
    def idle(self) -> list[ResourceRow]:
        return [row for row in self.resources if row.is_idle]

    def chart_data(self) -> dict:
        """What charts.js draws: monthly booked share by cluster, and top companies."""
        return {
            "utilization": {
                "type": "bar",
                "unit": "%",
                "axis": _("Booked share of open hours (%)"),
                "labels": [f"{month:%Y-%m}" for month in self.months],
                "datasets": [
                    {
                        "label": row.cluster.name,
                        "data": [figures.booked_percent or 0 for figures in row.months],
                    }
                    for row in self.clusters
                ],
            },
            "companies": {
                "type": "bar",
                "horizontal": True,
                "unit": _("h"),
                "axis": _("Booked hours"),
                "labels": [company.name for company in self.top_companies],
                "datasets": [
                    {
                        "label": _("Booked hours"),
                        "data": [company.booked_hours for company in self.top_companies],
                    }
                ],
            },
        }


def months_between(first: date, last: date) -> list[date]:
    months = [first.replace(day=1)]
    while months[-1] < last.replace(day=1):
        months.append(next_month(months[-1]))
    return months


def _hours(duration: timedelta | None) -> float:
    return duration.total_seconds() / 3600 if duration else 0.0


def _open_hours(resource: Resource, window: Interval, holidays: list[Interval]) -> float:
    opened = opening_intervals(
        weekly_hours=[(h.weekday, h.opens, h.closes) for h in resource.opening_hours.all()],
        open_all_hours=resource.open_all_hours,
        window=window,
    )
    closed = [Interval(d.start, d.end) for d in resource.period_downtimes]
    if resource.closed_on_public_holidays:
        closed += holidays
    return total_minutes(subtract(opened, closed)) / 60


def _booked_by_resource_month(bookings: QuerySet[Booking]) -> dict[tuple[int, date], Figures]:
    rows = (
        bookings.annotate(month=TruncMonth("start", tzinfo=SEOUL, output_field=DateField()))
        .values("resource_id", "month")
        .annotate(
            booked=Sum(F("end") - F("start")),
            used=Sum(
                F("checked_out_at") - F("checked_in_at"),
                filter=Q(checked_in_at__isnull=False, checked_out_at__gt=F("checked_in_at")),
            ),
        )
        .order_by()
    )
    return {
        (row["resource_id"], row["month"]): Figures(
            booked_hours=_hours(row["booked"]), used_hours=_hours(row["used"])
        )
        for row in rows
    }


def _top_companies(bookings: QuerySet[Booking]) -> list[CompanyHours]:
    rows = (
        bookings.values("organization_id", "organization__name_ko", "organization__name_en")
        .annotate(hours=Sum(F("end") - F("start")), count=Count("pk"))
        .order_by("-hours", "organization__name_ko", "organization_id")[:TOP_COMPANIES]
    )
    return [
        CompanyHours(
            organization_id=row["organization_id"],
            name=pick_language(row["organization__name_ko"], row["organization__name_en"]),
            bookings=row["count"],
            booked_hours=_hours(row["hours"]),
        )
        for row in rows
    ]


def _companies_served(bookings: QuerySet[Booking]) -> int:
    # Approved bookings of companies that were checked in or have ended: they used it.
    return (
        bookings.filter(status=BookingStatus.APPROVED, organization__kind=OrganizationKind.COMPANY)
        .filter(Q(checked_in_at__isnull=False) | Q(end__lte=timezone.now()))
        .values("organization_id")
        .distinct()
        .count()
    )


def build_utilization_report(
    *, first_month: date, last_month: date, clusters: Iterable[Cluster]
) -> UtilizationReport:
    """Open, booked and used hours of the clusters' resources, month by month."""
    first_month, last_month = first_month.replace(day=1), last_month.replace(day=1)
    if last_month < first_month:
        raise ValidationError({"month_to": _("The last month comes before the first.")})
    span = (last_month.year - first_month.year) * 12 + last_month.month - first_month.month
    if span >= MAX_MONTHS:
        raise ValidationError(
            {"month_to": _("Choose at most %(months)d months.") % {"months": MAX_MONTHS}}
        )
    months = months_between(first_month, last_month)
    clusters = sorted(clusters, key=lambda cluster: (cluster.name, cluster.pk))
    cluster_ids = [cluster.pk for cluster in clusters]
    period_start, period_end = month_window(months[0], months[-1])
    resources = (
        Resource.objects.filter(cluster_id__in=cluster_ids)
        .exclude(status=ResourceStatus.DISUSED)
        .exclude(use_scope=UseScope.INTERNAL)
        .order_by("cluster_id", "name_ko", "pk")
        .prefetch_related(
            "opening_hours",
            Prefetch(
                "downtimes",
                queryset=Downtime.objects.filter(start__lt=period_end, end__gt=period_start),
                to_attr="period_downtimes",
            ),
        )
    )
    bookings = Booking.objects.filter(
        resource__cluster_id__in=cluster_ids,
        status__in=BILLED_BOOKING_STATUSES,
        start__gte=period_start,
        start__lt=period_end,
    )
    booked = _booked_by_resource_month(bookings)
    windows = [Interval(*month_window(month)) for month in months]
    holidays = [[Interval(b.start, b.end) for b in public_holidays(w)] for w in windows]

    cluster_rows = {
        cluster.pk: ClusterRow(cluster=cluster, months=[Figures() for _month in months])
        for cluster in clusters
    }
    report = UtilizationReport(
        months=months,
        clusters=list(cluster_rows.values()),
        resources=[],
        top_companies=_top_companies(bookings),
        companies_served=_companies_served(bookings),
    )
    for resource in resources:
        cluster_row = cluster_rows[resource.cluster_id]
        resource.cluster = cluster_row.cluster  # already loaded; saves a query per row
        row = ResourceRow(resource=resource, months=[])
        for index, month in enumerate(months):
            figures = booked.get((resource.pk, month), Figures())
            figures.open_hours = _open_hours(resource, windows[index], holidays[index])
            row.months.append(figures)
            row.total.add(figures)
            cluster_row.months[index].add(figures)
        cluster_row.total.add(row.total)
        cluster_row.resources += 1
        report.total.add(row.total)
        report.resources.append(row)
    return report


def reportable_clusters(*, user) -> QuerySet[Cluster]:
    """Clusters whose reports the person may read: all for platform admins, else staffed."""
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    if access.is_platform_admin:
        return clusters
    return clusters.filter(pk__in=access.staffed_cluster_ids)


def get_utilization_report(
    *, user, first_month: date, last_month: date, cluster: Cluster | None = None
) -> UtilizationReport:
    """The report for one cluster, or for every cluster the person may report on."""
    if not user.has_perm("facilities.see_reports"):
        raise PermissionDenied(_("Only cluster staff and platform admins see reports."))
    clusters = reportable_clusters(user=user)
    if cluster is not None:
        clusters = clusters.filter(pk=cluster.pk)
        if not clusters:
            raise PermissionDenied(_("You do not staff this cluster."))
    return build_utilization_report(
        first_month=first_month, last_month=last_month, clusters=clusters
    )
