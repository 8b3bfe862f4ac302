"""What the outcomes demo builds on, read once: the demo clusters and their member
companies, who enters and verifies records for them, the programs that supported them
and the partnering outcomes they agreed; and `Planned`, one record still to be written.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

from ieum.accounts.enums import Role
from ieum.accounts.models import Membership, User
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, ClusterMember, Organization
from ieum.facilities.demo.people import ensure_staff
from ieum.outcomes.demo.texts import COUNTRY_CODES
from ieum.outcomes.enums import HOME_COUNTRY, RecordSource, VerificationStatus
from ieum.partnering.models import FollowUpOutcome
from ieum.programs.models import Program, SupportCase


@dataclass
class Company:
    organization: Organization
    # Cluster pk → the year the company joined it (2020 when it was a member before).
    joined: dict[int, int]
    founded_year: int | None
    fields: tuple[str, ...]
    employees: int
    revenue_krw: int
    # The demo account that enters the company's records, if it has one.
    user: User | None = None
    # Program pk → the first day the program supported the company.
    supported_since: dict[int, date] = field(default_factory=dict)
    # The demo company login's records are written by hand (`stories.py`).
    written_by_hand: bool = False

    @property
    def pk(self) -> int:
        return self.organization.pk

    @property
    def weight(self) -> float:
        """How likely a bigger company is to produce a counted outcome."""
        return math.pow(self.employees + 5, 0.7)

    def first_year(self, cluster_id: int) -> int:
        return max(self.joined[cluster_id], self.founded_year or 0)

    def clusters_in(self, year: int) -> tuple[int, ...]:
        """The clusters a record of this year is attributed to: those joined by then."""
        return tuple(sorted(pk for pk, joined in self.joined.items() if joined <= year))

    def programs_on(self, day: date) -> tuple[int, ...]:
        return tuple(sorted(pk for pk, since in self.supported_since.items() if since <= day))


@dataclass
class Planned:
    """One record to write: raw input as a form would send it, and how it stands."""

    company: Company
    kind: str
    data: dict
    clusters: tuple[int, ...]
    status: str = VerificationStatus.VERIFIED
    reason: str = ""
    programs: tuple[int, ...] = ()
    events: tuple[int, ...] = ()
    by_staff: bool = False
    source: str = RecordSource.FORM

    @property
    def day(self) -> date:
        return self.data["occurred_on"]


@dataclass(frozen=True)
class PartneringOutcome:
    kind: str
    amount_krw: int | None
    agreed_on: date
    event_id: int
    company_id: int
    counterparty: str
    counterparty_country: str
    counterparty_kind: str


class World:
    """The demo clusters' companies and people, in a handful of queries."""

    def __init__(self, clusters: dict[str, Cluster], admin: User) -> None:
        self.clusters = clusters
        self.admin = admin
        self.staff, self.staff_made = ensure_staff(clusters)
        self.companies = self._companies()
        self.programs = dict(Program.objects.filter(is_demo=True).values_list("slug", "pk"))
        self._add_users()
        self._add_programs()
        self.partnering = self._partnering()

    def members(self, cluster: Cluster) -> list[Company]:
        return [c for c in self.companies.values() if cluster.pk in c.joined]

    def _companies(self) -> dict[int, Company]:
        members = (
            ClusterMember.objects.filter(
                cluster__in=self.clusters.values(),
                organization__kind=OrganizationKind.COMPANY,
                organization__is_demo=True,
            )
            .select_related("organization__company_profile")
            .prefetch_related("organization__company_profile__technology_fields")
            .order_by("organization__slug", "cluster_id")
        )
        companies: dict[int, Company] = {}
        for member in members:
            organization = member.organization
            company = companies.get(organization.pk)
            if company is None:
                profile = getattr(organization, "company_profile", None)
                founded = profile.founded_on if profile else None
                company = companies[organization.pk] = Company(
                    organization=organization,
                    joined={},
                    founded_year=founded.year if founded else None,
                    fields=tuple(t.code for t in profile.technology_fields.all())
                    if profile
                    else (),
                    employees=(profile.employees if profile else None) or 3,
                    revenue_krw=(profile.annual_revenue_krw if profile else None) or 0,
                )
            joined = member.joined_on.year if member.joined_on else 2016
            company.joined[member.cluster_id] = joined
        return companies

    def _add_users(self) -> None:
        memberships = (
            Membership.objects.filter(
                organization_id__in=self.companies,
                role=Role.COMPANY_MEMBER,
                user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}",
            )
            .select_related("user")
            .order_by("user_id")
        )
        for membership in memberships:
            company = self.companies[membership.organization_id]
            company.user = company.user or membership.user

    def _add_programs(self) -> None:
        starts = SupportCase.objects.filter(
            company_id__in=self.companies, starts_on__isnull=False
        ).values_list("company_id", "program_id", "starts_on")
        for company_id, program_id, starts_on in starts:
            since = self.companies[company_id].supported_since
            since[program_id] = min(since.get(program_id, starts_on), starts_on)

    def _partnering(self) -> list[PartneringOutcome]:
        rows = FollowUpOutcome.objects.select_related(
            "meeting__request__requester__organization__demand_profile",
            "meeting__request__recipient__organization__demand_profile",
        ).order_by("agreed_on", "pk")
        outcomes = []
        for row in rows:
            request = row.meeting.request
            sides = [request.requester.organization, request.recipient.organization]
            ours = [side for side in sides if side.pk in self.companies]
            if len(ours) != 1:
                continue
            other = next(side for side in sides if side is not ours[0])
            profile = getattr(other, "demand_profile", None)
            country = profile.headquarters_country if profile else ""
            outcomes.append(
                PartneringOutcome(
                    kind=row.kind,
                    amount_krw=row.amount_krw,
                    agreed_on=row.agreed_on,
                    event_id=row.meeting.event_id,
                    company_id=ours[0].pk,
                    counterparty=other.name_ko,
                    counterparty_country=COUNTRY_CODES.get(country, HOME_COUNTRY),
                    counterparty_kind=other.kind,
                )
            )
        return outcomes
