import pytest

from ieum.accounts.enums import Role
from ieum.directory.domain import visible_organizations
from tests.factories import (
    ClusterFactory,
    ClusterMemberFactory,
    CompanyFactory,
    MembershipFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setting():
    cluster = ClusterFactory()
    company = CompanyFactory(is_listed=False)
    ClusterMemberFactory(cluster=cluster, organization=company)
    other_company = CompanyFactory()
    staff = MembershipFactory(organization=cluster.operator, role=Role.CLUSTER_STAFF).user
    member = MembershipFactory(organization=company).user
    admin = UserFactory(is_superuser=True)
    outsider = MembershipFactory(organization=other_company).user
    return {
        "cluster": cluster,
        "company": company,
        "other": other_company,
        "staff": staff,
        "member": member,
        "admin": admin,
        "outsider": outsider,
    }


@pytest.mark.parametrize(
    ("person", "allowed"),
    [("member", True), ("staff", True), ("admin", True), ("outsider", False)],
)
def test_confidential_part_only_for_those_with_a_reason(setting, person, allowed):
    user = setting[person]
    assert user.has_perm("directory.see_confidential", setting["company"]) is allowed
    assert user.has_perm("directory.edit_profile", setting["company"]) is allowed
    assert user.has_perm("directory.see_organization", setting["company"]) is allowed


def test_anonymous_sees_only_listed_organizations(setting):
    from django.contrib.auth.models import AnonymousUser

    anonymous = AnonymousUser()
    assert anonymous.has_perm("directory.see_organization", setting["other"])
    assert not anonymous.has_perm("directory.see_organization", setting["company"])
    assert not anonymous.has_perm("directory.see_confidential", setting["other"])
    visible = set(visible_organizations(user=anonymous))
    assert setting["company"] not in visible and setting["other"] in visible


def test_cluster_staff_reach_only_their_clusters_companies(setting):
    staff = setting["staff"]
    assert not staff.has_perm("directory.see_confidential", setting["other"])
    assert staff.has_perm("directory.invite_member", setting["company"])
    assert not staff.has_perm("directory.invite_member", setting["other"])


def test_only_platform_admins_read_the_audit_log(setting):
    assert setting["admin"].has_perm("directory.see_audit_log")
    assert not setting["staff"].has_perm("directory.see_audit_log")
    platform_admin = MembershipFactory(
        organization=CompanyFactory(kind="public_agency"), role=Role.PLATFORM_ADMIN
    ).user
    assert platform_admin.has_perm("directory.see_audit_log")
    assert platform_admin.has_perm("directory.change_term")
