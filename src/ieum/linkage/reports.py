"""Reports on service requests: how many, for what, by whom, how fast and how well.

A request counts once it has been submitted (drafts never count), in the period in
which it was submitted (Asia/Seoul). Figures:

- Funnel: submitted; assigned, accepted (from the timeline: at least one ASSIGN or
  ACCEPT step); delivered (`delivered_at` set); closed and cancelled (status now);
  declines (DECLINE steps: a request declined twice counts twice).
- Response time: business days (Korean holidays skipped, `core.business_days`) from
  the first assignment to the first answer (accepted or declined), Seoul dates.
- Completion time: business days from submission to delivery.
- On time: delivered no later than `delivery_due`, among delivered requests with one.
- Satisfaction: the company's rating (1 to 5) given when it closes a request.
- Overdue now: held past the deadline of its current state (`deadlines.py`).

One query reads a row per request (its events aggregated in the database); everything
else is Python over those rows, so the report runs the same queries however many
requests there are. Cluster staff see the clusters they staff; platform admins all.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from statistics import mean, median

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Avg, Count, Q, QuerySet
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.business_days import seoul_today
from ieum.linkage.enums import TRIAL_AND_APPROVAL_SERVICES, RequestStatus
from ieum.linkage.models import ServiceRequest
from ieum.linkage.report_lines import (
    DELIVERED_STATUSES,
    ReportFilters,
    RequestLine,
    months_of,
    read_lines,
    seoul_span,
    submitted_requests,
)
from ieum.linkage.visibility import visible_requests

MAX_MONTHS = 36


@dataclass(frozen=True)
class Durations:
    """Business days of a set of requests: how many were measured, mean and median."""

    days: tuple[int, ...] = ()

    @property
    def count(self) -> int:
        return len(self.days)

    @property
    def mean(self) -> float | None:
        return round(mean(self.days), 1) if self.days else None

    @property
    def median(self) -> float | None:
        return median(self.days) if self.days else None


@dataclass
class Breakdown:
    """The requests of one service type, provider, area, cluster or month."""

    key: object
    label: str
    lines: list[RequestLine] = field(default_factory=list)

    @cached_property
    def requests(self) -> int:
        return len(self.lines)

    @cached_property
    def delivered(self) -> int:
        return sum(1 for line in self.lines if line.delivered_on)

    @cached_property
    def response(self) -> Durations:
        return _durations(line.response_days for line in self.lines)

    @cached_property
    def completion(self) -> Durations:
        return _durations(line.completion_days for line in self.lines)

    @cached_property
    def mean_rating(self) -> float | None:
        ratings = [line.rating for line in self.lines if line.rating]
        return round(mean(ratings), 2) if ratings else None


def _durations(values) -> Durations:
    return Durations(tuple(value for value in values if value is not None))


@dataclass(frozen=True)
class Funnel:
    submitted: int
    assigned: int
    accepted: int
    delivered: int
    closed: int
    cancelled: int
    declines: int


@dataclass(frozen=True)
class Satisfaction:
    ratings: tuple[int, ...]

    @property
    def count(self) -> int:
        return len(self.ratings)

    @property
    def mean(self) -> float | None:
        return round(mean(self.ratings), 2) if self.ratings else None

    @property
    def distribution(self) -> list[tuple[int, int]]:
        counts = Counter(self.ratings)
        return [(rating, counts.get(rating, 0)) for rating in range(1, 6)]


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class RequestReport:
    filters: ReportFilters
    lines: list[RequestLine]
    months: list[Breakdown]
    by_type: list[Breakdown]
    by_provider: list[Breakdown]
    by_area: list[Breakdown]
    by_cluster: list[Breakdown]

    @cached_property
    def funnel(self) -> Funnel:
        lines = self.lines
        return Funnel(
            submitted=len(lines),
            assigned=sum(1 for line in lines if line.was_assigned),
            accepted=sum(1 for line in lines if line.was_accepted),
            delivered=sum(1 for line in lines if line.delivered_on),
            closed=sum(1 for line in lines if line.status == RequestStatus.CLOSED),
            cancelled=sum(1 for line in lines if line.status == RequestStatus.CANCELLED),
            declines=sum(line.declines for line in lines),
        )

    @cached_property
    def response(self) -> Durations:
        return _durations(line.response_days for line in self.lines)

    @cached_property
    def completion(self) -> Durations:
        return _durations(line.completion_days for line in self.lines)

    @cached_property
    def on_time(self) -> int:
        return sum(1 for line in self.lines if line.on_time)

    @cached_property
    def with_due_date(self) -> int:
        return sum(1 for line in self.lines if line.on_time is not None)

    @cached_property
    def on_time_share(self) -> float | None:
        return share(self.on_time, self.with_due_date)

    @cached_property
    def satisfaction(self) -> Satisfaction:
        return Satisfaction(tuple(line.rating for line in self.lines if line.rating))

    @cached_property
    def overdue_now(self) -> int:
        return sum(1 for line in self.lines if line.is_overdue)

    @cached_property
    def trials_and_approvals_delivered(self) -> int:
        """Of the requests above, trial and approval services delivered (or closed)."""
        return sum(
            1
            for line in self.lines
            if line.service_type in TRIAL_AND_APPROVAL_SERVICES
            and line.status in DELIVERED_STATUSES
        )

    def chart_data(self) -> dict:
        """What charts.js draws: requests by month, by service type, and the ratings."""
        requests = _("requests")
        return {
            "months": {
                "type": "line",
                "integer": True,
                "unit": requests,
                "axis": _("Requests"),
                "labels": [f"{month.key:%Y-%m}" for month in self.months],
                "datasets": [
                    {"label": _("Submitted"), "data": [m.requests for m in self.months]},
                    {"label": _("Delivered"), "data": [m.delivered for m in self.months]},
                ],
            },
            "types": {
                "type": "bar",
                "horizontal": True,
                "integer": True,
                "unit": requests,
                "labels": [row.label for row in self.by_type],
                "datasets": [
                    {"label": _("Requests"), "data": [row.requests for row in self.by_type]}
                ],
            },
            "ratings": {
                "type": "bar",
                "integer": True,
                "unit": _("ratings"),
                "axis": _("Ratings"),
                "labels": [f"{rating} ★" for rating in range(1, 6)],
                "datasets": [
                    {
                        "label": _("Ratings"),
                        "data": [count for _rating, count in self.satisfaction.distribution],
                    }
                ],
            },
        }


def _check_period(filters: ReportFilters) -> None:
    first, last = filters.first_day, filters.last_day
    if last < first:
        raise ValidationError({"date_to": _("The end of the period comes before its start.")})
    if len(months_of(first, last)) > MAX_MONTHS:
        raise ValidationError(
            {"date_to": _("Choose at most %(months)d months.") % {"months": MAX_MONTHS}}
        )


def _breakdown(lines: list[RequestLine], key: str, label: str) -> list[Breakdown]:
    groups: dict[object, Breakdown] = {}
    for line in lines:
        value = getattr(line, key)
        if value not in groups:
            groups[value] = Breakdown(key=value, label=getattr(line, label))
        groups[value].lines.append(line)
    return sorted(groups.values(), key=lambda row: (-row.requests, row.label))


def build_request_report(
    requests: QuerySet[ServiceRequest], filters: ReportFilters, *, today: date | None = None
) -> RequestReport:
    """The figures of the requests given, submitted in the filters' period."""
    _check_period(filters)
    lines = read_lines(submitted_requests(requests, filters), today=today or seoul_today())
    months = {
        month: Breakdown(key=month, label=f"{month:%Y-%m}")
        for month in months_of(filters.first_day, filters.last_day)
    }
    for line in lines:
        months[line.month].lines.append(line)
    return RequestReport(
        filters=filters,
        lines=lines,
        months=list(months.values()),
        by_type=_breakdown(lines, "service_type", "service_label"),
        by_provider=_breakdown(lines, "provider_id", "provider"),
        by_area=_breakdown(lines, "area_id", "area"),
        by_cluster=_breakdown(lines, "cluster_id", "cluster"),
    )


def reportable_requests(user) -> QuerySet[ServiceRequest]:
    """Requests a person reports on: all for platform admins, else their clusters' ones.

    Starts from `visible_requests`, so nothing outside a person's reach gets in; staff
    who also belong to a provider do not get that provider's other clusters' requests.
    """
    requests = visible_requests(user)
    access = access_for(user)
    if access.is_platform_admin:
        return requests
    return requests.filter(cluster_id__in=access.staffed_cluster_ids)


def get_request_report(*, user, filters: ReportFilters, today: date | None = None) -> RequestReport:
    """The report over the requests the person reports on; 403 for everyone else."""
    if not user.has_perm("linkage.see_reports"):
        raise PermissionDenied(_("Only cluster staff and platform admins see reports."))
    return build_request_report(reportable_requests(user), filters, today=today)


# KPI for the outcomes report: not scoped to a person; the caller decides who sees it.


def supported_trials_and_approvals(*, year: int, cluster_id: int | None = None) -> int:
    """Clinical trials and approvals supported in `year`.

    The requests for a trial or approval service (`TRIAL_AND_APPROVAL_SERVICES`) that
    the provider delivered in that year (Asia/Seoul) and that are delivered or closed
    now. A request counts once, in the year of its delivery, whenever it closes;
    demo requests count like any other. `cluster_id` narrows to a routing cluster.
    """
    start, end = seoul_span(date(year, 1, 1), date(year, 12, 31))
    requests = ServiceRequest.objects.filter(
        service_type__in=TRIAL_AND_APPROVAL_SERVICES,
        status__in=DELIVERED_STATUSES,
        delivered_at__gte=start,
        delivered_at__lt=end,
    )
    if cluster_id is not None:
        requests = requests.filter(cluster_id=cluster_id)
    return requests.count()


@dataclass(frozen=True)
class CompanyRequestFigures:
    submitted: int
    delivered: int
    trials_and_approvals: int
    mean_rating: float | None


def requests_figures_for_company(company, year: int) -> CompanyRequestFigures:
    """A company's requests in `year`: submitted that year; delivered that year (of
    them, trial and approval services, as in `supported_trials_and_approvals`); the mean
    rating it gave to requests delivered that year. Not scoped to a person."""
    start, end = seoul_span(date(year, 1, 1), date(year, 12, 31))
    delivered = Q(status__in=DELIVERED_STATUSES, delivered_at__gte=start, delivered_at__lt=end)
    row = ServiceRequest.objects.filter(company=company).aggregate(
        submitted=Count("pk", filter=Q(submitted_at__gte=start, submitted_at__lt=end)),
        delivered=Count("pk", filter=delivered),
        trials=Count("pk", filter=delivered & Q(service_type__in=TRIAL_AND_APPROVAL_SERVICES)),
        mean_rating=Avg("rating", filter=delivered),
    )
    return CompanyRequestFigures(
        submitted=row["submitted"],
        delivered=row["delivered"],
        trials_and_approvals=row["trials"],
        mean_rating=round(float(row["mean_rating"]), 2) if row["mean_rating"] else None,
    )
