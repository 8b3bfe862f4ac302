"""Who acts in the linkage demo: a coordinator for each provider, a staff member for each
routing cluster, and a member for each requesting company.

Existing demo accounts come first (the demo logins, then the facility and partnering
demos' people); an organization without one gets an account here, named the way the
other demos name theirs so that whichever loads first makes it. Addresses end in
`@demo.ieum.kr`, so `seed_demo --reset` removes them with the other demo accounts.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth.hashers import make_password

from ieum.accounts.enums import Role
from ieum.accounts.models import Membership, User
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN, DEMO_LOGINS, DEMO_PASSWORD
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, Organization
from ieum.facilities.demo.people import korean_name

LOGIN_EMAILS = frozenset(login.email for login in DEMO_LOGINS)
# Providers other than cluster operators: the address an account gets when the
# organization has no demo member yet, and the person's title. The testing institute's
# contact takes the coordinator role too: it answers requests as a hospital's does.
PROVIDER_CONTACTS = {
    "asan-medical-center": ("asan.coordinator", "임상연구지원팀 코디네이터"),
    "yonsei-health-system": ("yonsei.coordinator", "오픈이노베이션 코디네이터"),
    "seoul-st-marys": ("stmarys.coordinator", "임상연구센터 코디네이터"),
    "gachon-gil": ("gachon.coordinator", "T2B 센터 매니저"),
    "inha-university-hospital": ("inha.coordinator", "임상시험센터 코디네이터"),
    "busan-paik": ("paik.coordinator", "임상연구지원실 코디네이터"),
    "snu-bundang": ("snubh.coordinator", "의료혁신실 코디네이터"),
    "cha-bundang": ("cha.coordinator", "연구지원팀 코디네이터"),
    "kit-toxicology": ("kitox.coordinator", "시험의뢰 접수 담당"),
}
EXPERT_TITLE = "RA 컨설턴트"
COMPANY_TITLE = "사업개발 이사"
STAFF_TITLE = "기업지원팀 매니저"


class People:
    """One person acting for each organization (by id) and for each cluster (by id)."""

    def __init__(self) -> None:
        self.members: dict[int, User] = {}
        self.staff: dict[int, User] = {}
        self.created = 0
        self._password: str | None = None

    def of(self, organization_id: int) -> User:
        return self.members[organization_id]

    def ensure(
        self,
        *,
        providers: Iterable[Organization] = (),
        clusters: Iterable[Cluster] = (),
        companies: Iterable[Organization] = (),
    ) -> None:
        """Find or make who acts for every provider, routing cluster and company.

        A cluster operator answers for its services through the cluster's staff."""
        providers, companies = list(providers), list(companies)
        by_operator = {cluster.operator_id: cluster for cluster in clusters}
        for cluster in Cluster.objects.filter(operator__in=providers).select_related("operator"):
            by_operator.setdefault(cluster.operator_id, cluster)
        staff = _existing(list(by_operator), roles=[Role.CLUSTER_STAFF])
        rows = [
            (staff_address(c), c.operator, Role.CLUSTER_STAFF, STAFF_TITLE)
            for operator_id, c in by_operator.items()
            if operator_id not in staff
        ]
        others = [o for o in providers if o.pk not in by_operator] + companies
        members = _existing([o.pk for o in others], roles=None)
        for organization in others:
            if organization.pk not in members:
                local, title, role = _new_member(organization)
                rows.append((_address(local), organization, role, title))
        users = self._make(rows)
        for email, organization, role, _title in rows:
            (staff if role == Role.CLUSTER_STAFF else members)[organization.pk] = users[email]
        self.members.update(members)
        self.members.update(staff)
        self.staff.update(
            {cluster.pk: staff[operator_id] for operator_id, cluster in by_operator.items()}
        )

    def _make(self, rows: list[tuple[str, Organization, str, str]]) -> dict[str, User]:
        """Accounts with a membership each: (address, organization, role, title)."""
        emails = [row[0] for row in rows]
        taken = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
        missing = [row for row in rows if row[0] not in taken]
        if missing:
            if self._password is None:
                self._password = make_password(DEMO_PASSWORD)
            User.objects.bulk_create(
                [
                    User(email=email, full_name=korean_name(email), password=self._password)
                    for email, *_rest in missing
                ]
            )
            self.created += len(missing)
        users = {user.email: user for user in User.objects.filter(email__in=emails)}
        Membership.objects.bulk_create(
            [
                Membership(user=users[email], organization=organization, role=role, title=title)
                for email, organization, role, title in rows
            ],
            ignore_conflicts=True,
        )
        return users


def _address(local: str) -> str:
    return f"{local}@{DEMO_EMAIL_DOMAIN}"


def staff_address(cluster: Cluster) -> str:
    """The facility demo's name for a cluster's staff account (gimhae.staff@...)."""
    return _address(f"{cluster.slug.split('-')[0]}.staff")


def _new_member(organization: Organization) -> tuple[str, str, str]:
    """Address, title and role of the account made for an organization without one."""
    if organization.slug in PROVIDER_CONTACTS:
        local, title = PROVIDER_CONTACTS[organization.slug]
        return local, title, Role.HOSPITAL_COORDINATOR
    if organization.kind == OrganizationKind.COMPANY and "인허가 대행" in organization.summary_ko:
        return f"ra.{organization.slug}", EXPERT_TITLE, Role.COMPANY_MEMBER
    return f"bd.{organization.slug}", COMPANY_TITLE, Role.COMPANY_MEMBER


def _existing(organization_ids: list[int], *, roles) -> dict[int, User]:
    """A demo member of each organization: a demo login first, then by address."""
    memberships = Membership.objects.filter(
        organization_id__in=organization_ids,
        user__email__iendswith=f"@{DEMO_EMAIL_DOMAIN}",
        user__is_active=True,
    ).select_related("user")
    if roles is not None:
        memberships = memberships.filter(role__in=roles)
    found: dict[int, User] = {}
    # The demo logins first, then by address.
    ordered = sorted(memberships, key=lambda m: (m.user.email not in LOGIN_EMAILS, m.user.email))
    for membership in ordered:
        found.setdefault(membership.organization_id, membership.user)
    return found
