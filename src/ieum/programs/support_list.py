"""The list of support cases: filters, counts and amounts per stage, in fixed queries.

It starts from `visibility.visible_support_cases`, so nobody finds a case they may not
see, whichever filter or search they try. The counts per stage are taken before the
stage filter, so the stage buttons keep telling how many cases each stage has.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet, Sum
from django.db.models.functions import Coalesce

from ieum.directory.models import Cluster
from ieum.programs.enums import SupportStage
from ieum.programs.models import Program, SupportCase
from ieum.programs.visibility import visible_support_cases


@dataclass(frozen=True)
class SupportFilters:
    query: str = ""
    stage: str = ""
    status: str = ""
    cluster: Cluster | None = None
    program: Program | None = None
    year: int | None = None


@dataclass(frozen=True)
class StageCount:
    stage: str
    label: str
    cases: int
    amount: int


@dataclass(frozen=True)
class SupportCaseList:
    cases: QuerySet[SupportCase]
    stages: list[StageCount]
    total_cases: int
    total_amount: int


def _filtered(user, filters: SupportFilters) -> QuerySet[SupportCase]:
    cases = visible_support_cases(user)
    if filters.status:
        cases = cases.filter(status=filters.status)
    if filters.cluster is not None:
        cases = cases.filter(cluster=filters.cluster)
    if filters.program is not None:
        cases = cases.filter(program=filters.program)
    if filters.year:
        cases = cases.filter(starts_on__year=filters.year)
    words = filters.query.split()
    for word in words:
        cases = cases.filter(
            Q(company__name_ko__icontains=word)
            | Q(company__name_en__icontains=word)
            | Q(title__icontains=word)
        )
    return cases


def find_support_cases(*, user, filters: SupportFilters) -> SupportCaseList:
    cases = _filtered(user, filters)
    per_stage = {
        row["stage"]: row
        for row in cases.order_by()
        .values("stage")
        .annotate(cases=Count("pk"), amount=Coalesce(Sum("amount_krw"), 0))
    }
    stages = [
        StageCount(
            stage=value,
            label=label,
            cases=per_stage.get(value, {}).get("cases", 0),
            amount=per_stage.get(value, {}).get("amount", 0),
        )
        for value, label in SupportStage.choices
    ]
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
        chosen = [count for count in stages if count.stage == filters.stage]
    else:
        chosen = stages
    listed = cases.select_related("company", "cluster", "program", "provider").order_by(
        "-starts_on", "-pk"
    )
    return SupportCaseList(
        cases=listed,
        stages=stages,
        total_cases=sum(count.cases for count in chosen),
        total_amount=sum(count.amount for count in chosen),
    )


def case_years(user) -> list[int]:
    """The years in which visible cases started, newest first, for the year filter."""
    days = visible_support_cases(user).filter(starts_on__isnull=False).dates("starts_on", "year")
    return sorted({day.year for day in days}, reverse=True)


def listed_programs(user) -> QuerySet[Program]:
    """Programs that have visible cases, for the program filter."""
    return Program.objects.filter(
        pk__in=visible_support_cases(user).filter(program__isnull=False).values("program_id")
    ).order_by("name_ko")


def listed_clusters(user) -> QuerySet[Cluster]:
    return Cluster.objects.filter(
        pk__in=visible_support_cases(user).filter(cluster__isnull=False).values("cluster_id")
    ).order_by("name_ko")
