"""The rows of the request report: one line per submitted request, read in one query.

A line holds what a report may show of a request (reference, parties, service, area,
cluster, status, dates, rating), never its description, goal or thread. The request's
timeline is aggregated in the same query: its first assignment, its first answer
(accepted or declined), whether it was ever accepted and how often declined.
Dates are Seoul dates.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

from django.db.models import BooleanField, Count, ExpressionWrapper, Min, Q, QuerySet
from django.utils.translation import gettext as _

from ieum.core.business_days import SEOUL, business_days_between
from ieum.core.models import pick_language
from ieum.linkage.deadlines import overdue_condition
from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.models import ServiceRequest

DELIVERED_STATUSES = (RequestStatus.DELIVERED, RequestStatus.CLOSED)


@dataclass(frozen=True)
class ReportFilters:
    """The period (Seoul dates, both included) and the optional narrowing of a report."""

    first_day: date
    last_day: date
    cluster_id: int | None = None
    service_type: str | None = None
    provider_id: int | None = None

    @classmethod
    def for_year(cls, year: int, **narrowing) -> ReportFilters:
        return cls(first_day=date(year, 1, 1), last_day=date(year, 12, 31), **narrowing)


def seoul_span(first_day: date, last_day: date) -> tuple[datetime, datetime]:
    """The instants from the start of `first_day` to the end of `last_day` in Seoul."""
    start = datetime.combine(first_day, time.min, tzinfo=SEOUL)
    return start, datetime.combine(last_day + timedelta(days=1), time.min, tzinfo=SEOUL)


def _seoul_date(moment: datetime | None) -> date | None:
    return moment.astimezone(SEOUL).date() if moment else None


@dataclass(frozen=True)
class RequestLine:
    """One submitted request as the report sees it: no description, goal or thread."""

    pk: int
    reference: str
    is_confidential: bool
    company: str
    provider_id: int | None
    provider: str
    service_type: str
    service_label: str
    area_id: int | None
    area: str
    cluster_id: int | None
    cluster: str
    status: str
    status_label: str
    submitted_on: date
    assigned_on: date | None
    answered_on: date | None
    delivered_on: date | None
    closed_on: date | None
    delivery_due: date | None
    was_assigned: bool
    was_accepted: bool
    declines: int
    rating: int | None
    is_overdue: bool

    @cached_property
    def month(self) -> date:
        return self.submitted_on.replace(day=1)

    @cached_property
    def response_days(self) -> int | None:
        if self.assigned_on is None or self.answered_on is None:
            return None
        return business_days_between(self.assigned_on, self.answered_on)

    @cached_property
    def completion_days(self) -> int | None:
        if self.delivered_on is None:
            return None
        return business_days_between(self.submitted_on, self.delivered_on)

    @cached_property
    def on_time(self) -> bool | None:
        if self.delivered_on is None or self.delivery_due is None:
            return None
        return self.delivered_on <= self.delivery_due


def months_of(first_day: date, last_day: date) -> list[date]:
    months = [first_day.replace(day=1)]
    while months[-1] < last_day.replace(day=1):
        last = months[-1]
        months.append(date(last.year + last.month // 12, last.month % 12 + 1, 1))
    return months


def submitted_requests(requests: QuerySet[ServiceRequest], filters: ReportFilters) -> QuerySet:
    """The requests submitted in the period, narrowed as the filters say."""
    start, end = seoul_span(filters.first_day, filters.last_day)
    requests = requests.filter(submitted_at__gte=start, submitted_at__lt=end)
    if filters.cluster_id is not None:
        requests = requests.filter(cluster_id=filters.cluster_id)
    if filters.service_type:
        requests = requests.filter(service_type=filters.service_type)
    if filters.provider_id is not None:
        requests = requests.filter(provider_id=filters.provider_id)
    return requests


def read_lines(requests: QuerySet[ServiceRequest], *, today: date) -> list[RequestLine]:
    """One line per request, in one query: its timeline's steps are aggregated there."""
    rows = (
        requests.values(
            "pk",
            "created_at",
            "is_confidential",
            "status",
            "service_type",
            "company__name_ko",
            "company__name_en",
            "provider_id",
            "provider__name_ko",
            "provider__name_en",
            "therapeutic_area_id",
            "therapeutic_area__name_ko",
            "therapeutic_area__name_en",
            "cluster_id",
            "cluster__name_ko",
            "cluster__name_en",
            "submitted_at",
            "delivered_at",
            "closed_at",
            "delivery_due",
            "rating",
        )
        .annotate(
            first_assigned_at=Min("events__at", filter=Q(events__step=Step.ASSIGN)),
            first_answered_at=Min(
                "events__at", filter=Q(events__step__in=(Step.ACCEPT, Step.DECLINE))
            ),
            accepts=Count("events", filter=Q(events__step=Step.ACCEPT)),
            declines=Count("events", filter=Q(events__step=Step.DECLINE)),
            overdue=ExpressionWrapper(overdue_condition(today), output_field=BooleanField()),
        )
        .order_by("submitted_at", "pk")
    )
    not_assigned, not_given = _("Not assigned"), _("Not given")
    return [
        RequestLine(
            pk=row["pk"],
            reference=ServiceRequest(pk=row["pk"], created_at=row["created_at"]).reference,
            is_confidential=row["is_confidential"],
            company=pick_language(row["company__name_ko"], row["company__name_en"]),
            provider_id=row["provider_id"],
            provider=pick_language(row["provider__name_ko"] or "", row["provider__name_en"] or "")
            or not_assigned,
            service_type=row["service_type"],
            service_label=str(ServiceType(row["service_type"]).label),
            area_id=row["therapeutic_area_id"],
            area=pick_language(
                row["therapeutic_area__name_ko"] or "", row["therapeutic_area__name_en"] or ""
            )
            or not_given,
            cluster_id=row["cluster_id"],
            cluster=pick_language(row["cluster__name_ko"] or "", row["cluster__name_en"] or "")
            or not_given,
            status=row["status"],
            status_label=str(RequestStatus(row["status"]).label),
            submitted_on=_seoul_date(row["submitted_at"]),
            assigned_on=_seoul_date(row["first_assigned_at"]),
            answered_on=_seoul_date(row["first_answered_at"]),
            delivered_on=_seoul_date(row["delivered_at"]),
            closed_on=_seoul_date(row["closed_at"]),
            delivery_due=row["delivery_due"],
            was_assigned=row["first_assigned_at"] is not None,
            was_accepted=row["accepts"] > 0,
            declines=row["declines"],
            rating=row["rating"],
            is_overdue=row["overdue"],
        )
        for row in rows
    ]
