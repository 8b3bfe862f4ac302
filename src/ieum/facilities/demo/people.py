"""People of the facility demo: a facility manager for each cluster that has no demo
staff login, and one researcher for each company that books.

All addresses end in `@demo.ieum.kr`, so `seed_demo --reset` deletes them with the other
demo accounts, and all share the demo password.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from ieum.accounts.enums import Role
from ieum.accounts.models import Membership, User
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, ClusterMember, Organization

SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
# fmt: off
GIVEN_NAMES = [
    "민서", "지훈", "서연", "현우", "지민", "예준", "수빈", "도현", "하준", "유진", "은지", "승민",
    "지원", "태윤", "서진", "예린", "준호", "가은", "동현", "소율", "재원", "나연", "시우", "다인",
    "성민", "하린", "건우", "채원", "윤서", "민재",
]
# fmt: on
RESEARCHER_TITLES = ["책임연구원", "선임연구원", "연구원", "품질관리팀장", "개발팀 주임"]
STAFF_TITLE = "장비·시설 운영 담당"
COMPANY_LOGIN = next(login for login in DEMO_LOGINS if login.role == Role.COMPANY_MEMBER)
ACADEMIC_LOGIN = next(login for login in DEMO_LOGINS if login.role == Role.REVIEWER)
# Companies per cluster that use its facilities, besides the demo company login's.
BOOKING_COMPANIES = {"gimhae-biomedical": (4, 4)}
DEFAULT_BOOKING_COMPANIES = (3, 3)  # residents, other members


@dataclass(frozen=True)
class Booker:
    user: User
    organization: Organization
    cluster_slug: str | None
    weight: float


def korean_name(email: str) -> str:
    """A name that goes with the address, whatever else exists already."""
    rng = random.Random(email)
    return rng.choice(SURNAMES) + rng.choice(GIVEN_NAMES)


def _ensure_users(rows: list[tuple[str, str, Organization, str, str]]) -> tuple[dict, int]:
    """Users with one membership each: (email, name, organization, role, title).

    Those that exist are used as they are; returns users by address and how many were made.
    """
    emails = [email for email, *_rest in rows]
    existing = {user.email: user for user in User.objects.filter(email__in=emails)}
    missing = [row for row in rows if row[0] not in existing]
    if missing:
        password = make_password(DEMO_PASSWORD)
        made = User.objects.bulk_create(
            [User(email=email, full_name=name, password=password) for email, name, *_ in missing]
        )
        existing.update({user.email: user for user in made})
    Membership.objects.bulk_create(
        [
            Membership(user=existing[email], organization=organization, role=role, title=title)
            for email, _name, organization, role, title in rows
        ],
        ignore_conflicts=True,
    )
    # Fresh objects: nothing cached about what they may reach.
    users = {user.email: user for user in User.objects.filter(email__in=emails)}
    return users, len(missing)


def ensure_staff(clusters: dict[str, Cluster]) -> tuple[dict[int, User], int]:
    """Who runs each cluster's facilities: its demo staff login, or a manager made here."""
    staffed = {}
    for membership in (
        Membership.objects.filter(
            role=Role.CLUSTER_STAFF, user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}"
        )
        .select_related("user")
        .order_by("user_id")
    ):
        staffed.setdefault(membership.organization_id, membership.user)
    rows = []
    for slug, cluster in clusters.items():
        if cluster.operator_id not in staffed:
            email = f"{slug.split('-')[0]}.staff@{DEMO_EMAIL_DOMAIN}"
            rows.append(
                (email, korean_name(email), cluster.operator, Role.CLUSTER_STAFF, STAFF_TITLE)
            )
    users, made = _ensure_users(rows)
    by_cluster = {}
    for slug, cluster in clusters.items():
        by_cluster[cluster.pk] = (
            staffed.get(cluster.operator_id)
            or users[f"{slug.split('-')[0]}.staff@{DEMO_EMAIL_DOMAIN}"]
        )
    return by_cluster, made


def ensure_bookers(
    rng: random.Random, clusters: dict[str, Cluster]
) -> tuple[dict[str, list[Booker]], Booker | None, int]:
    """The companies of each cluster that book, each with a researcher; and a professor."""
    members = (
        ClusterMember.objects.filter(
            cluster__in=clusters.values(), organization__kind=OrganizationKind.COMPANY
        )
        .select_related("organization", "cluster")
        .order_by("cluster__slug", "organization__slug")
    )
    residents: dict[str, list] = {slug: [] for slug in clusters}
    others: dict[str, list] = {slug: [] for slug in clusters}
    for member in members:
        (residents if member.is_resident else others)[member.cluster.slug].append(member)
    chosen: dict[str, list[tuple[Organization, float]]] = {}
    for slug in clusters:
        want_residents, want_others = BOOKING_COMPANIES.get(slug, DEFAULT_BOOKING_COMPANIES)
        pool_r = [
            m for m in residents[slug] if m.organization.slug != COMPANY_LOGIN.organization_slug
        ]
        picked = rng.sample(pool_r, min(want_residents, len(pool_r)))
        picked_others = rng.sample(others[slug], min(want_others, len(others[slug])))
        chosen[slug] = [(m.organization, 1.5) for m in picked] + [
            (m.organization, 1.0) for m in picked_others
        ]
    rows = []
    emails: dict[int, str] = {}
    for organizations in chosen.values():
        for organization, _weight in organizations:
            email = f"lab.{organization.slug}@{DEMO_EMAIL_DOMAIN}"
            emails[organization.pk] = email
            title = rng.choice(RESEARCHER_TITLES)
            rows.append((email, korean_name(email), organization, Role.COMPANY_MEMBER, title))
    users, made = _ensure_users(rows)
    bookers = {
        slug: [
            Booker(users[emails[organization.pk]], organization, slug, weight)
            for organization, weight in organizations
        ]
        for slug, organizations in chosen.items()
    }
    company = _login_booker(COMPANY_LOGIN, clusters, weight=2.5)
    if company is not None and company.cluster_slug in bookers:
        bookers[company.cluster_slug].insert(0, company)
    return bookers, _login_booker(ACADEMIC_LOGIN, clusters, weight=1.0), made


def _login_booker(login, clusters: dict[str, Cluster], *, weight: float) -> Booker | None:
    user = User.objects.filter(email=login.email).first()
    organization = Organization.objects.filter(slug=login.organization_slug).first()
    if user is None or organization is None:
        return None
    slug = (
        ClusterMember.objects.filter(organization=organization, cluster__in=clusters.values())
        .order_by("cluster__slug")
        .values_list("cluster__slug", flat=True)
        .first()
    )
    return Booker(user, organization, slug, weight)
