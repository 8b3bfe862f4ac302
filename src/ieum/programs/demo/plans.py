"""The shape of the demo's stories: a program, its calls, and how far each call got.

A plan says what staff, applicants and reviewers did and when; `walk.py` does it
through the domain functions and `history.py` then puts the planned moments on the rows.
Times are Seoul times.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from ieum.core.business_days import SEOUL


def seoul(day: date, hour: int = 10, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), SEOUL)


@dataclass(frozen=True)
class ProgramPlan:
    slug: str
    # Cluster slug; None for a national program run by the platform admins.
    cluster: str | None
    kind: str
    name_ko: str
    name_en: str
    summary_ko: str
    summary_en: str


@dataclass(frozen=True)
class Applicant:
    slug: str
    # How strong the project is, from 0 to 1: the reviewers' scores center on it.
    quality: float
    # One reviewer sees it very differently from the others (a disagreement to flag).
    split: bool = False
    # Started and never submitted.
    draft_only: bool = False
    requested_krw: int = 0


@dataclass
class StagePlan:
    data: dict
    criteria: list[dict]
    assigned_at: datetime
    # Decided at this moment; None while the stage is still under review.
    decided_at: datetime | None = None
    # While under review: the share of their reviews each reviewer (by address part)
    # has handed in; the others have handed in `default_share`.
    handed_in: dict[str, int] = field(default_factory=dict)
    default_share: float = 1.0
    # How the ranking turns into outcomes: how many advance or are selected, how many
    # are kept in reserve.
    reserve: int = 0
    # Reviewer address part → reason: recusals declared after assignment.
    recusals: dict[str, str] = field(default_factory=dict)
    # Reason for excluding the application at this rank despite its score, and the reason
    # for taking the next one in its place.
    exclusion: tuple[int, str, str] | None = None


@dataclass
class CallPlan:
    program: str
    slug: str
    data: dict
    regions: list[str]
    fields: list[str]
    opens_at: datetime
    closes_at: datetime
    questions: list[dict]
    documents: list[dict]
    stages: list[StagePlan]
    pool: list[str]
    applicants: list[Applicant]
    results_at: datetime | None = None
    # The cohort's (Korean, English) name, as the program numbers its cohorts.
    cohort_name: tuple[str, str] | None = None
    # (posted at, Korean title, English title, Korean text, English text)
    notices: list[tuple] = field(default_factory=list)
    # (asking company slug, asked at, question, answer, answered at, public)
    inquiries: list[tuple] = field(default_factory=list)
    # Company slug → (after which stage position, when, reason)
    withdrawals: dict[str, tuple[int, datetime, str]] = field(default_factory=dict)
    # Applications made directly rather than through `applications` (see national.py).
    direct_applications: bool = False
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)

    @property
    def created_at(self) -> datetime:
        return self.opens_at - timedelta(days=14)
