"""Support given by year or quarter, which the outcomes app reads for its KPIs.

The figures mean what `reports.programs_outcome_figures` means by them: support cases
that are not cancelled, counted in the year of their start or, without one, of their
recording in Seoul (`reports.case_year`; the quarter likewise), run by the case's
cluster; the distinct companies among them; the sum of their amounts in KRW. A case
also belongs to its program, so the figures can be read per program.

One query, whatever the number of years, quarters or clusters. Not scoped to a person:
the caller decides who sees the figures.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, F, IntegerField, Sum
from django.db.models.functions import Coalesce, ExtractQuarter

from ieum.core.business_days import SEOUL
from ieum.core.period_groups import PeriodKey, period_key
from ieum.programs.enums import SupportStatus
from ieum.programs.models import SupportCase
from ieum.programs.reports import case_year


@dataclass(frozen=True)
class SupportGiven:
    support_cases: int = 0
    companies_supported: int = 0
    amount_krw: int = 0


def case_quarter():
    """A case's quarter, from the same date as its year (`reports.case_year`)."""
    return Coalesce(
        ExtractQuarter("starts_on"),
        ExtractQuarter("created_at", tzinfo=SEOUL),
        output_field=IntegerField(),
    )


def support_by_period(
    *,
    years: Iterable[int],
    quarterly: bool = False,
    cluster_ids: Iterable[int] | None = None,
    program_id: int | None = None,
    company_id: int | None = None,
    by_cluster: bool = False,
) -> dict[PeriodKey, SupportGiven]:
    """Support in each of `years` (and each quarter when `quarterly`), run by
    `cluster_ids` (all when None), under one program or all, to one company or all."""
    years = sorted(set(years))
    if not years:
        return {}
    cases = (
        SupportCase.objects.exclude(status=SupportStatus.CANCELLED)
        .annotate(g_year=case_year())
        .filter(g_year__in=years)
    )
    if cluster_ids is not None:
        cases = cases.filter(cluster_id__in=list(cluster_ids))
    if program_id is not None:
        cases = cases.filter(program_id=program_id)
    if company_id is not None:
        cases = cases.filter(company_id=company_id)
    group = ["g_year"]
    if quarterly:
        cases = cases.annotate(g_quarter=case_quarter())
        group.append("g_quarter")
    if by_cluster:
        cases = cases.annotate(g_cluster=F("cluster_id"))
        group.append("g_cluster")
    rows = (
        cases.values(*group)
        .annotate(
            support_cases=Count("pk"),
            companies_supported=Count("company_id", distinct=True),
            amount_krw=Coalesce(Sum("amount_krw"), 0),
        )
        .order_by()
    )
    return {
        period_key(row): SupportGiven(
            support_cases=row["support_cases"],
            companies_supported=row["companies_supported"],
            amount_krw=row["amount_krw"],
        )
        for row in rows
    }
