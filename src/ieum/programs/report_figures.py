"""The figures of the program report: additive counts per program and year, the rates
worked out from them, and the report's tables and charts. `reports` reads and fills them;
what each figure counts is written there."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.utils.translation import gettext as _

from ieum.programs.enums import SupportStage, SupportStatus

YEARS_IN_TREND = 5


@dataclass(frozen=True)
class ReportFilters:
    year: int
    cluster_id: int | None = None
    program_id: int | None = None

    @property
    def first_trend_year(self) -> int:
        return self.year - YEARS_IN_TREND + 1


def share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class Figures:
    """The additive figures of a program in a year, or of any group of them."""

    key: object = None
    label: str = ""
    calls: int = 0
    budget_krw: int = 0
    started: int = 0
    submitted: int = 0
    withdrawn: int = 0
    selected: int = 0
    not_selected: int = 0
    reviews_assigned: int = 0
    reviews_done: int = 0
    reviews_recused: int = 0
    cases_by_stage: Counter = field(default_factory=Counter)
    amount_by_stage: Counter = field(default_factory=Counter)
    cases_by_status: Counter = field(default_factory=Counter)
    supported_company_ids: set = field(default_factory=set)
    cohort_company_ids: set = field(default_factory=set)

    def add(self, other: Figures) -> None:
        for name in (
            "calls",
            "budget_krw",
            "started",
            "submitted",
            "withdrawn",
            "selected",
            "not_selected",
            "reviews_assigned",
            "reviews_done",
            "reviews_recused",
        ):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.cases_by_stage.update(other.cases_by_stage)
        self.amount_by_stage.update(other.amount_by_stage)
        self.cases_by_status.update(other.cases_by_status)
        self.supported_company_ids |= other.supported_company_ids
        self.cohort_company_ids |= other.cohort_company_ids

    @property
    def cases(self) -> int:
        """Support cases given (cancelled ones left out)."""
        return sum(self.cases_by_stage.values())

    @property
    def amount_krw(self) -> int:
        return sum(self.amount_by_stage.values())

    @property
    def companies_supported(self) -> int:
        return len(self.supported_company_ids)

    @property
    def cohort_companies(self) -> int:
        return len(self.cohort_company_ids)

    @property
    def submission_rate(self) -> float | None:
        return share(self.submitted, self.started)

    @property
    def selection_rate(self) -> float | None:
        return share(self.selected, self.submitted)

    @property
    def review_completion(self) -> float | None:
        return share(self.reviews_done, self.reviews_assigned)

    @property
    def budget_used_share(self) -> float | None:
        return share(self.amount_krw, self.budget_krw)


@dataclass(frozen=True)
class CallLine:
    """One call of the report's year with its applicant and review counts."""

    pk: int
    title: str
    program_id: int
    program: str
    cluster: str
    opens_at: datetime
    closes_at: datetime
    quota: int
    figures: Figures


@dataclass(frozen=True)
class StageLine:
    key: str
    label: str
    cases: int
    amount_krw: int


@dataclass
class ProgramReport:
    filters: ReportFilters
    total: Figures
    by_program: list[Figures]
    by_cluster: list[Figures]
    by_year: list[Figures]
    calls: list[CallLine]

    @property
    def by_stage(self) -> list[StageLine]:
        return [
            StageLine(
                key=stage,
                label=str(stage.label),
                cases=self.total.cases_by_stage.get(stage.value, 0),
                amount_krw=self.total.amount_by_stage.get(stage.value, 0),
            )
            for stage in SupportStage
        ]

    @property
    def by_status(self) -> list[tuple[SupportStatus, int]]:
        counts = self.total.cases_by_status
        return [(status, counts.get(status.value, 0)) for status in SupportStatus]

    def chart_data(self) -> dict:
        """What charts.js draws: applicants by year, cases by stage, budget by program."""
        applications, cases = _("applications"), _("support cases")
        return {
            "years": {
                "type": "bar",
                "integer": True,
                "unit": applications,
                "axis": _("Applications"),
                "labels": [str(row.key) for row in self.by_year],
                "datasets": [
                    {"label": _("Submitted"), "data": [row.submitted for row in self.by_year]},
                    {"label": _("Selected"), "data": [row.selected for row in self.by_year]},
                ],
            },
            "stages": {
                "type": "bar",
                "horizontal": True,
                "integer": True,
                "unit": cases,
                "labels": [line.label for line in self.by_stage],
                "datasets": [
                    {"label": _("Support cases"), "data": [line.cases for line in self.by_stage]}
                ],
            },
            "budget": {
                "type": "bar",
                "horizontal": True,
                "unit": _("million KRW"),
                "labels": [row.label for row in self.by_program],
                "datasets": [
                    {
                        "label": _("Budget"),
                        "data": [round(row.budget_krw / 1_000_000, 1) for row in self.by_program],
                    },
                    {
                        "label": _("Used"),
                        "data": [round(row.amount_krw / 1_000_000, 1) for row in self.by_program],
                    },
                ],
            },
        }
