"""Where a figure is computed (a scope) and over what time (a period)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True, order=True)
class Period:
    year: int
    quarter: int | None = None

    @property
    def label(self) -> str:
        if self.quarter is None:
            return str(self.year)
        return _("%(year)d Q%(quarter)d") % {"year": self.year, "quarter": self.quarter}

    @property
    def key(self) -> str:
        """The period as a query-string value: 2024 or 2024-Q3."""
        return str(self.year) if self.quarter is None else f"{self.year}-Q{self.quarter}"

    @classmethod
    def parse(cls, text: str) -> Period:
        """The inverse of `key`; ValueError for anything else."""
        year, _sep, quarter = text.partition("-Q")
        period = cls(int(year), int(quarter) if quarter else None)
        if not 1990 <= period.year <= 2100 or period.quarter not in (None, 1, 2, 3, 4):
            raise ValueError(text)
        return period


def years(first: int, last: int) -> list[Period]:
    return [Period(year) for year in range(first, last + 1)]


def quarters(first: int, last: int) -> list[Period]:
    return [Period(year, quarter) for year in range(first, last + 1) for quarter in (1, 2, 3, 4)]


@dataclass(frozen=True)
class Scope:
    """National (nothing set), one cluster, one program or one company.

    `within_clusters` narrows a company's figures to what belongs to those clusters:
    the records attributed to them and the activity in them (a company's dashboard as
    the staff of its clusters see it, `dashboard_access.narrowed_for`).
    """

    cluster: object | None = None
    program: object | None = None
    company: object | None = None
    within_clusters: frozenset[int] = frozenset()

    @property
    def kind(self) -> str:
        if self.cluster is not None:
            return "cluster"
        if self.program is not None:
            return "program"
        if self.company is not None:
            return "company"
        return "national"

    @property
    def label(self) -> str:
        target = self.cluster or self.program or self.company
        return str(target) if target is not None else _("National")


NATIONAL = Scope()
