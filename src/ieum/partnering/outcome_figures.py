"""Partnering by year or quarter, which the outcomes app reads for its KPIs.

- Meetings held: scheduled meetings whose slot has ended and to which both sides
  checked in, as the organizer's report counts them (`event_report.py`), in the year
  and quarter (Asia/Seoul) in which their slot started.
- Follow-up outcomes: the outcomes recorded after meetings (`followup.outcomes_for`),
  in the year and quarter of the day they were agreed.

Both belong to the cluster of the meeting's event and to both organizations that met.
With `count_companies`, each figure also carries the distinct organizations on either
side, so that a public figure made of one or two organizations can be hidden.

One query per figure (two with `count_companies`), whatever the number of years,
quarters or clusters. Not scoped to a person: the caller decides who sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db import connection
from django.db.models import Count, F, Q, QuerySet
from django.utils import timezone

from ieum.core.business_days import SEOUL
from ieum.core.period_groups import PeriodKey, group_by_period, period_key, seoul_year_bounds
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import FollowUpOutcome, Meeting


@dataclass(frozen=True)
class PartneringCount:
    count: int = 0
    # Distinct organizations on either side; None unless asked for.
    companies: int | None = None


def _company_counts(rows: QuerySet, group: list[str], meeting: str) -> dict[tuple, int]:
    """Distinct organizations on either side per group: the requester's and the
    recipient's organizations are put together (UNION drops repeats) and counted."""
    sides = [
        rows.values(*group, organization=F(f"{meeting}request__{side}__organization_id"))
        .order_by()
        .distinct()
        for side in ("requester", "recipient")
    ]
    sql, params = sides[0].union(sides[1]).query.sql_with_params()
    columns = ", ".join(f'sides."{name}"' for name in group)
    wrapped = f"SELECT {columns}, COUNT(*) FROM ({sql}) AS sides GROUP BY {columns}"
    with connection.cursor() as cursor:
        cursor.execute(wrapped, params)
        return {tuple(row[:-1]): row[-1] for row in cursor.fetchall()}


def _read(
    rows: QuerySet,
    *,
    years: list[int],
    group: list[str],
    meeting: str,
    count_companies: bool,
) -> dict[PeriodKey, PartneringCount]:
    companies = _company_counts(rows, group, meeting) if count_companies else {}
    wanted = set(years)
    result = {}
    for row in rows.values(*group).annotate(count=Count("pk")).order_by():
        if row["g_year"] not in wanted:
            continue
        result[period_key(row)] = PartneringCount(
            count=row["count"],
            companies=companies.get(tuple(row[name] for name in group), 0)
            if count_companies
            else None,
        )
    return result


def _either_side(company_id: int, meeting: str = "") -> Q:
    return Q(**{f"{meeting}request__requester__organization_id": company_id}) | Q(
        **{f"{meeting}request__recipient__organization_id": company_id}
    )


def meetings_held_by_period(
    *,
    years: Iterable[int],
    quarterly: bool = False,
    cluster_ids: Iterable[int] | None = None,
    company_id: int | None = None,
    by_cluster: bool = False,
    count_companies: bool = False,
) -> dict[PeriodKey, PartneringCount]:
    """Meetings held in each of `years` (and each quarter when `quarterly`) at events of
    `cluster_ids` (all when None), by one organization or all."""
    years = sorted(set(years))
    if not years:
        return {}
    first, after = seoul_year_bounds(years)
    meetings = Meeting.objects.filter(
        status=MeetingStatus.SCHEDULED,
        slot__end__lte=timezone.now(),
        slot__start__gte=first,
        slot__start__lt=after,
        requester_checked_in_at__isnull=False,
        recipient_checked_in_at__isnull=False,
    )
    if cluster_ids is not None:
        meetings = meetings.filter(event__cluster_id__in=list(cluster_ids))
    if company_id is not None:
        meetings = meetings.filter(_either_side(company_id))
    meetings, group = group_by_period(
        meetings,
        moment="slot__start",
        tzinfo=SEOUL,
        quarterly=quarterly,
        by_cluster=by_cluster,
        cluster="event__cluster_id",
    )
    return _read(meetings, years=years, group=group, meeting="", count_companies=count_companies)


def followup_outcomes_by_period(
    *,
    years: Iterable[int],
    quarterly: bool = False,
    cluster_ids: Iterable[int] | None = None,
    company_id: int | None = None,
    by_cluster: bool = False,
    count_companies: bool = False,
) -> dict[PeriodKey, PartneringCount]:
    """Follow-up outcomes agreed in each of `years` (and each quarter when `quarterly`)
    after meetings at events of `cluster_ids` (all when None), of one organization or
    all."""
    years = sorted(set(years))
    if not years:
        return {}
    outcomes = FollowUpOutcome.objects.filter(
        agreed_on__gte=date(years[0], 1, 1), agreed_on__lt=date(years[-1] + 1, 1, 1)
    )
    if cluster_ids is not None:
        outcomes = outcomes.filter(meeting__event__cluster_id__in=list(cluster_ids))
    if company_id is not None:
        outcomes = outcomes.filter(_either_side(company_id, "meeting__"))
    outcomes, group = group_by_period(
        outcomes,
        moment="agreed_on",
        tzinfo=None,
        quarterly=quarterly,
        by_cluster=by_cluster,
        cluster="meeting__event__cluster_id",
    )
    return _read(
        outcomes, years=years, group=group, meeting="meeting__", count_companies=count_companies
    )
