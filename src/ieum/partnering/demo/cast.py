"""Everyone the partnering demo needs, read or made once: the organizer, the demand
companies and their people, the 104 startups with a speaker each, the investors, the
vocabulary terms, and how well each startup fits a need."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import connection

from ieum.accounts.enums import Role
from ieum.accounts.models import User
from ieum.directory.demo.loader import Terms
from ieum.directory.demo.people import DEMO_LOGINS
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import CompanyProfile, Organization
from ieum.partnering.demo.people import (
    PARTIES,
    Party,
    ensure_demand_companies,
    ensure_demand_people,
    ensure_mentors,
    ensure_startup_people,
    ensure_users,
    party_email,
)
from ieum.partnering.demo.texts import NeedText
from ieum.partnering.models import Delegate, Registration

SEOUL = ZoneInfo("Asia/Seoul")
STARTUP_COUNT = 104
COMPANY_SLUG = next(
    login.organization_slug for login in DEMO_LOGINS if login.email.startswith("company@")
)
ORGANIZER_EMAIL = "events@demo.ieum.kr"
# Investors that meet startups at the hall tables, with the person who speaks for them
# (the investor login, a mentor of the venture cafe, and a deal lead made here).
INVESTORS = {
    "hanbit-health-investment": "investor@demo.ieum.kr",
    "medibridge-partners": "mentor.licensing@demo.ieum.kr",
    "openmed-investment": "deal.openmed-investment@demo.ieum.kr",
}
DEAL_LEAD = ("deal.openmed-investment@demo.ieum.kr", "최민호", "openmed-investment", "심사역")


def at(day: date, hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return datetime.combine(day, time(hours, minutes), SEOUL)


@dataclass
class Cast:
    rng: random.Random
    now: datetime
    organizer: User
    khidi: Organization
    terms: Terms
    demand: dict[str, Organization]
    demand_people: dict[str, User]  # by address
    startups: list[Organization]
    speakers: dict[int, User]  # organization id -> who acts for the startup
    profiles: dict[int, set[str]]  # organization id -> its area, field and modality codes
    investors: dict[str, Organization]
    investor_people: dict[str, User]
    mentors: list[tuple[User, str]]  # with what each advises on
    created: Counter = field(default_factory=Counter)

    @property
    def company(self) -> Organization:
        return next(s for s in self.startups if s.slug == COMPANY_SLUG)

    def party(self, slug: str) -> Party:
        return next(p for p in PARTIES if p.slug == slug)

    def demand_user(self, slug: str, team: int = 1) -> User:
        return self.demand_people[party_email(self.party(slug), team)]

    def fit(self, organization: Organization, need: NeedText) -> int:
        """How many of the need's areas, fields and modalities the startup works in."""
        mine = self.profiles.get(organization.pk, set())
        return len(mine & {*need.areas, *need.fields, *need.modalities})


def gather_cast(*, now: datetime, seed: int) -> Cast | None:
    """Read or make the people of the demo; None when the directory demo is missing."""
    rng = random.Random(seed)
    organizer = User.objects.filter(email=ORGANIZER_EMAIL).first()
    khidi = Organization.objects.filter(slug="khidi").first()
    if organizer is None or khidi is None:
        return None
    created: Counter = Counter()
    demand, made = ensure_demand_companies()
    created["organizations (demand_company)"] += made
    demand_people, made = ensure_demand_people(demand)
    created["users"] += made
    startups = choose_startups(rng)
    speakers, made = ensure_startup_people(rng, startups)
    created["users"] += made
    mentors, made = ensure_mentors()
    created["users"] += made
    investors = {o.slug: o for o in Organization.objects.filter(slug__in=INVESTORS)}
    email, name, slug, title = DEAL_LEAD
    if slug in investors:
        _users, made = ensure_users([(email, name, investors[slug], Role.INVESTOR, title)])
        created["users"] += made
    people = {u.email: u for u in User.objects.filter(email__in=INVESTORS.values())}
    investor_people = {slug: people[email] for slug, email in INVESTORS.items() if email in people}
    investors = {slug: o for slug, o in investors.items() if slug in investor_people}
    created["memberships"] = created["users"]  # one each
    return Cast(
        rng=rng,
        now=now,
        organizer=organizer,
        khidi=khidi,
        terms=Terms(),
        demand=demand,
        demand_people=demand_people,
        startups=startups,
        speakers=speakers,
        profiles=startup_profiles(startups),
        investors=investors,
        investor_people=investor_people,
        mentors=mentors,
        created=created,
    )


def choose_startups(rng: random.Random) -> list[Organization]:
    """The company login's startup and 103 other listed demo companies, the same each run."""
    companies = list(
        Organization.objects.filter(
            kind=OrganizationKind.COMPANY, is_demo=True, is_listed=True
        ).order_by("slug")
    )
    own = [c for c in companies if c.slug == COMPANY_SLUG]
    others = [c for c in companies if c.slug != COMPANY_SLUG]
    picked = rng.sample(others, min(STARTUP_COUNT - len(own), len(others)))
    return own + sorted(picked, key=lambda c: c.slug)


def startup_profiles(startups: list[Organization]) -> dict[int, set[str]]:
    """Each startup's therapeutic areas, technology fields and modalities (three queries)."""
    profiles: dict[int, set[str]] = {s.pk: set() for s in startups}
    for relation in ("therapeutic_areas", "technology_fields", "modalities"):
        through = getattr(CompanyProfile, relation).through
        rows = through.objects.filter(companyprofile_id__in=profiles).values_list(
            "companyprofile_id", "term__code"
        )
        for organization_id, code in rows:
            profiles[organization_id].add(code)
    return profiles


def add_speakers_as_delegates(rows: list[tuple[Registration, User]]) -> list[Delegate]:
    """Each startup's or investor's speaker as its one delegate (team 1, Seoul, Korean).

    One statement for the hundred-odd plain rows; `add_delegate`, used for the demand
    companies' delegates abroad, checks each time zone against the system's list,
    which takes seconds at this count.
    """
    return Delegate.objects.bulk_create(
        [
            Delegate(registration=reg, user=user, full_name=user.full_name, email=user.email)
            for reg, user in rows
        ]
    )


class History:
    """The times things happened, collected while the week is built and written at the end."""

    def __init__(self) -> None:
        self.rows: dict[type, dict[int, dict[str, datetime]]] = defaultdict(dict)

    def set(self, obj, **times: datetime) -> None:
        values = self.rows[type(obj)].setdefault(obj.pk, {})
        values.update(times)
        values["updated_at"] = max(v for v in values.values() if v is not None)

    def write(self) -> None:
        for model, rows in self.rows.items():
            stamp(model, rows)


def stamp(model, rows: dict[int, dict[str, datetime | None]]) -> None:
    """Give rows the times they would have had (one statement per set of columns).

    The demo writes history that happened before today; domain functions stamp `now`.
    """
    by_columns: dict[tuple[str, ...], list[tuple]] = {}
    for pk, values in rows.items():
        columns = tuple(sorted(values))
        by_columns.setdefault(columns, []).append((pk, *(values[c] for c in columns)))
    table = model._meta.db_table
    for columns, values in by_columns.items():
        assignments = ", ".join(f"{c} = row.{c}" for c in columns)
        arrays = ", ".join(["%s::bigint[]", *["%s::timestamptz[]"] * len(columns)])
        names = ", ".join(["id", *columns])
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS target SET {assignments} "
                f"FROM unnest({arrays}) AS row({names}) WHERE target.id = row.id",
                [list(column) for column in zip(*values, strict=True)],
            )
