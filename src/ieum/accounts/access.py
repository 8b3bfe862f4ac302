"""What a signed-in person can reach, computed once per request from their memberships.

Permission predicates ask this instead of querying memberships themselves, so a page
that checks a rule for every row of a list still runs a fixed number of queries.
"""

from __future__ import annotations

from dataclasses import dataclass

from ieum.accounts.enums import Role

_CACHE_ATTRIBUTE = "_ieum_access"


@dataclass(frozen=True)
class Access:
    is_platform_admin: bool = False
    # Organizations the person belongs to, and those where they are organization admin.
    organization_ids: frozenset[int] = frozenset()
    admin_organization_ids: frozenset[int] = frozenset()
    # Clusters whose operator employs them as cluster staff, and every organization of
    # those clusters (the operator and the member organizations).
    staffed_cluster_ids: frozenset[int] = frozenset()
    staffed_organization_ids: frozenset[int] = frozenset()
    # Organizations for which the person runs events (the event organizer role).
    organizer_organization_ids: frozenset[int] = frozenset()
    # Holds a reviewer membership somewhere (an external evaluator).
    is_reviewer: bool = False


ANONYMOUS = Access()


def access_for(user) -> Access:
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, _CACHE_ATTRIBUTE, None)
    if cached is not None:
        return cached
    access = _compute_access(user)
    setattr(user, _CACHE_ATTRIBUTE, access)
    return access


def forget_access(user) -> None:
    """Drop the cached access, after the person's memberships changed."""
    if hasattr(user, _CACHE_ATTRIBUTE):
        delattr(user, _CACHE_ATTRIBUTE)


def _compute_access(user) -> Access:
    from ieum.accounts.models import Membership
    from ieum.directory.models import Cluster, ClusterMember

    memberships = list(
        Membership.objects.filter(user=user).values_list("organization_id", "role", "is_admin")
    )
    organization_ids = frozenset(org for org, _role, _admin in memberships)
    admin_ids = frozenset(org for org, _role, is_admin in memberships if is_admin)
    staff_operator_ids = {org for org, role, _admin in memberships if role == Role.CLUSTER_STAFF}
    organizer_ids = frozenset(
        org for org, role, _admin in memberships if role == Role.EVENT_ORGANIZER
    )
    is_admin = user.is_superuser or any(
        role == Role.PLATFORM_ADMIN for _org, role, _admin in memberships
    )
    cluster_ids: frozenset[int] = frozenset()
    staffed_ids: frozenset[int] = frozenset()
    if staff_operator_ids:
        cluster_ids = frozenset(
            Cluster.objects.filter(operator_id__in=staff_operator_ids).values_list("pk", flat=True)
        )
        member_ids = ClusterMember.objects.filter(cluster_id__in=cluster_ids).values_list(
            "organization_id", flat=True
        )
        staffed_ids = frozenset(member_ids) | frozenset(staff_operator_ids)
    return Access(
        is_platform_admin=is_admin,
        organization_ids=organization_ids,
        admin_organization_ids=admin_ids,
        staffed_cluster_ids=cluster_ids,
        staffed_organization_ids=staffed_ids,
        organizer_organization_ids=organizer_ids,
        is_reviewer=any(role == Role.REVIEWER for _org, role, _admin in memberships),
    )
