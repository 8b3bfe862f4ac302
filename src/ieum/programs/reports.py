"""Reports on support programs: calls, applicants, review work, support given and budget,
by program, by cluster and by year.

What counts where (the page says the same to its readers):

- A call counts in the year it opens (Asia/Seoul), once published; draft and cancelled
  calls are left out, and so are their applications. Its budget is `Call.budget_krw`.
- Applications count with their call: started (every application, drafts included),
  submitted (ever submitted, including those later withdrawn or decided), withdrawn
  after submitting, selected and not selected (published results).
- Submission rate = submitted / started. Submitting passes the eligibility check, so a
  submitted application was eligible and complete; a draft never submitted may have been
  ineligible, incomplete or abandoned. It is therefore not the share of eligible
  applicants, only of those who were eligible *and* finished.
- Selection rate = selected / submitted.
- Reviews: assignments of the call's stages on applications not withdrawn; assigned
  leaves out recusals, done are submitted reviews. No score is read.
- Support cases count in the year they start (`starts_on`), or without a start date in
  the year they were recorded. The program report counts the cases of the programs in
  scope. Cancelled cases appear in the status table only: they count neither as
  support given nor toward the budget used.
- Budget used = Σ amount of the year's cases that are not cancelled / Σ budget of the
  year's calls, per program.
- Cohort companies: distinct companies of the cohorts of the year.

A fixed number of queries reads grouped rows; everything else is Python over them, so
the report costs the same however many calls, applications and cases there are.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractYear
from django.utils.translation import gettext as _

from ieum.core.business_days import SEOUL
from ieum.core.models import pick_language
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, CallStatus, SupportStatus
from ieum.programs.models import Call, CohortMember, Program, ReviewAssignment, SupportCase
from ieum.programs.report_figures import (
    CallLine,
    Figures,
    ProgramReport,
    ReportFilters,
)
from ieum.programs.visibility import managed_programs

__all__ = [
    "Figures",
    "ProgramReport",
    "ReportFilters",
    "build_program_report",
    "get_program_report",
    "programs_outcome_figures",
    "reportable_programs",
]

# Reading: one grouped query per kind of record.


@dataclass(frozen=True)
class ProgramInfo:
    name: str
    cluster_id: int | None
    cluster: str


def _programs(programs: QuerySet[Program]) -> dict[int, ProgramInfo]:
    national = _("National programs")
    rows = programs.values(
        "pk", "name_ko", "name_en", "cluster_id", "cluster__name_ko", "cluster__name_en"
    ).order_by("name_ko", "pk")
    return {
        row["pk"]: ProgramInfo(
            name=pick_language(row["name_ko"], row["name_en"]),
            cluster_id=row["cluster_id"],
            cluster=pick_language(row["cluster__name_ko"] or "", row["cluster__name_en"] or "")
            or national,
        )
        for row in rows
    }


def _seoul_year_span(first: int, last: int) -> tuple[datetime, datetime]:
    return datetime(first, 1, 1, tzinfo=SEOUL), datetime(last + 1, 1, 1, tzinfo=SEOUL)


def _read_calls(program_ids, filters: ReportFilters) -> list[dict]:
    start, end = _seoul_year_span(filters.first_trend_year, filters.year)
    submitted = Q(applications__submitted_at__isnull=False)
    return list(
        Call.objects.filter(
            program_id__in=program_ids,
            status=CallStatus.PUBLISHED,
            opens_at__gte=start,
            opens_at__lt=end,
        )
        .values(
            "pk",
            "program_id",
            "title_ko",
            "title_en",
            "opens_at",
            "closes_at",
            "quota",
            "budget_krw",
        )
        .annotate(
            started=Count("applications"),
            submitted=Count("applications", filter=submitted),
            withdrawn=Count(
                "applications",
                filter=submitted & Q(applications__status=ApplicationStatus.WITHDRAWN),
            ),
            selected=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.SELECTED)
            ),
            not_selected=Count(
                "applications", filter=Q(applications__status=ApplicationStatus.NOT_SELECTED)
            ),
        )
        .order_by("opens_at", "pk")
    )


def _read_reviews(call_ids: list[int]) -> dict[int, dict]:
    rows = (
        ReviewAssignment.objects.filter(stage__call_id__in=call_ids)
        .exclude(application__status=ApplicationStatus.WITHDRAWN)
        .values("stage__call_id")
        .annotate(
            assigned=Count("pk", filter=~Q(status=AssignmentStatus.RECUSED)),
            done=Count("pk", filter=Q(status=AssignmentStatus.SUBMITTED)),
            recused=Count("pk", filter=Q(status=AssignmentStatus.RECUSED)),
        )
        .order_by()
    )
    return {row["stage__call_id"]: row for row in rows}


def case_year():
    """A case's year: that of its start, or without one, of its recording in Seoul."""
    return Coalesce(
        ExtractYear("starts_on"),
        ExtractYear("created_at", tzinfo=SEOUL),
        output_field=IntegerField(),
    )


def _read_cases(program_ids, filters: ReportFilters):
    return (
        SupportCase.objects.filter(program_id__in=program_ids)
        .annotate(year=case_year())
        .filter(year__gte=filters.first_trend_year, year__lte=filters.year)
        .values("program_id", "year", "stage", "status", "company_id")
        .annotate(count=Count("pk"), amount=Coalesce(Sum("amount_krw"), 0))
        .order_by()
    )


def _read_cohort_companies(program_ids, filters: ReportFilters):
    return (
        CohortMember.objects.filter(
            cohort__program_id__in=program_ids,
            cohort__year__gte=filters.first_trend_year,
            cohort__year__lte=filters.year,
        )
        .values_list("cohort__program_id", "cohort__year", "company_id")
        .distinct()
        .order_by()
    )


# Building


def _call_figures(row: dict, reviews: dict | None) -> Figures:
    reviews = reviews or {}
    return Figures(
        calls=1,
        budget_krw=row["budget_krw"],
        started=row["started"],
        submitted=row["submitted"],
        withdrawn=row["withdrawn"],
        selected=row["selected"],
        not_selected=row["not_selected"],
        reviews_assigned=reviews.get("assigned", 0),
        reviews_done=reviews.get("done", 0),
        reviews_recused=reviews.get("recused", 0),
    )


def _group(cells: dict[tuple[int, int], Figures], key_of, label_of, order_of) -> list[Figures]:
    groups: dict[object, Figures] = {}
    for (program_id, year), figures in cells.items():
        key = key_of(program_id, year)
        if key not in groups:
            groups[key] = Figures(key=key, label=label_of(program_id, year))
        groups[key].add(figures)
    return sorted(groups.values(), key=order_of)


def build_program_report(programs: QuerySet[Program], filters: ReportFilters) -> ProgramReport:
    """The figures of the programs given, in the filters' year and the years before it."""
    if filters.cluster_id is not None:
        programs = programs.filter(cluster_id=filters.cluster_id)
    if filters.program_id is not None:
        programs = programs.filter(pk=filters.program_id)
    info = _programs(programs)
    program_ids = list(info)
    cells: dict[tuple[int, int], Figures] = defaultdict(Figures)
    calls = _read_calls(program_ids, filters)
    reviews = _read_reviews([row["pk"] for row in calls])
    call_lines = []
    for row in calls:
        year = row["opens_at"].astimezone(SEOUL).year
        figures = _call_figures(row, reviews.get(row["pk"]))
        cells[row["program_id"], year].add(figures)
        if year == filters.year:
            program = info[row["program_id"]]
            call_lines.append(
                CallLine(
                    pk=row["pk"],
                    title=pick_language(row["title_ko"], row["title_en"]),
                    program_id=row["program_id"],
                    program=program.name,
                    cluster=program.cluster,
                    opens_at=row["opens_at"],
                    closes_at=row["closes_at"],
                    quota=row["quota"],
                    figures=figures,
                )
            )
    for row in _read_cases(program_ids, filters):
        cell = cells[row["program_id"], row["year"]]
        cell.cases_by_status[row["status"]] += row["count"]
        if row["status"] != SupportStatus.CANCELLED:
            cell.cases_by_stage[row["stage"]] += row["count"]
            cell.amount_by_stage[row["stage"]] += row["amount"]
            cell.supported_company_ids.add(row["company_id"])
    for program_id, year, company_id in _read_cohort_companies(program_ids, filters):
        cells[program_id, year].cohort_company_ids.add(company_id)

    this_year = {key: figures for key, figures in cells.items() if key[1] == filters.year}
    total = Figures(key=filters.year, label=str(filters.year))
    for figures in this_year.values():
        total.add(figures)
    by_year = {year: Figures(key=year, label=str(year)) for year in _trend_years(filters)}
    for (_program_id, year), figures in cells.items():
        by_year[year].add(figures)
    return ProgramReport(
        filters=filters,
        total=total,
        by_program=_group(
            this_year,
            key_of=lambda program_id, _year: program_id,
            label_of=lambda program_id, _year: info[program_id].name,
            order_of=lambda row: (-row.submitted, -row.cases, row.label),
        ),
        by_cluster=_group(
            this_year,
            key_of=lambda program_id, _year: info[program_id].cluster_id,
            label_of=lambda program_id, _year: info[program_id].cluster,
            order_of=lambda row: (row.key is None, row.label),
        ),
        by_year=list(by_year.values()),
        calls=call_lines,
    )


def _trend_years(filters: ReportFilters) -> range:
    return range(filters.first_trend_year, filters.year + 1)


def reportable_programs(user) -> QuerySet[Program]:
    """Programs a person reports on: their clusters' programs, all for platform admins."""
    return managed_programs(user)


def get_program_report(*, user, filters: ReportFilters) -> ProgramReport:
    """The report over the programs the person reports on; 403 for everyone else."""
    if not user.has_perm("programs.see_reports"):
        raise PermissionDenied(_("Only cluster staff and platform admins see reports."))
    return build_program_report(reportable_programs(user), filters)


# Figures for the outcomes report: not scoped to a person; the caller decides who sees them.


def programs_outcome_figures(*, year: int, cluster_id: int | None) -> dict:
    """Support given in `year`, for one cluster or (None) everywhere.

    - support_cases: cases not cancelled that count in `year` (their start, or without
      one, their recording in Seoul), run by the cluster (`SupportCase.cluster`);
    - companies_supported: distinct companies among those cases;
    - amount_krw: the sum of their amounts;
    - cohort_companies: distinct companies of the cohorts of `year` of the cluster's
      programs.
    """
    cases = (
        SupportCase.objects.exclude(status=SupportStatus.CANCELLED)
        .annotate(year=case_year())
        .filter(year=year)
    )
    cohort_members = CohortMember.objects.filter(cohort__year=year)
    if cluster_id is not None:
        cases = cases.filter(cluster_id=cluster_id)
        cohort_members = cohort_members.filter(cohort__program__cluster_id=cluster_id)
    row = cases.aggregate(
        support_cases=Count("pk"),
        companies_supported=Count("company_id", distinct=True),
        amount_krw=Coalesce(Sum("amount_krw"), 0),
    )
    row["cohort_companies"] = cohort_members.values("company_id").distinct().count()
    return row
