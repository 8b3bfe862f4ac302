"""Who may see and change what in the directory: one definition for pages, API and templates."""

import rules

from ieum.accounts.access import access_for


@rules.predicate
def is_platform_admin(user) -> bool:
    return access_for(user).is_platform_admin


@rules.predicate
def is_member(user, organization) -> bool:
    return organization is not None and organization.pk in access_for(user).organization_ids


@rules.predicate
def is_organization_admin(user, organization) -> bool:
    return organization is not None and organization.pk in access_for(user).admin_organization_ids


@rules.predicate
def is_cluster_staff_for(user, organization) -> bool:
    return organization is not None and organization.pk in access_for(user).staffed_organization_ids


@rules.predicate
def is_listed(user, organization) -> bool:
    return organization is not None and organization.is_listed


@rules.predicate
def is_cluster_staff_of_cluster(user, cluster) -> bool:
    return cluster is not None and cluster.pk in access_for(user).staffed_cluster_ids


has_reason_to_see_confidential = is_platform_admin | is_member | is_cluster_staff_for

rules.add_perm("directory.see_organization", is_listed | has_reason_to_see_confidential)
rules.add_perm("directory.see_confidential", has_reason_to_see_confidential)
rules.add_perm("directory.edit_profile", has_reason_to_see_confidential)
rules.add_perm(
    "directory.invite_member", is_platform_admin | is_organization_admin | is_cluster_staff_for
)
rules.add_perm("directory.manage_cluster", is_platform_admin | is_cluster_staff_of_cluster)
rules.add_perm("directory.see_audit_log", is_platform_admin)

# Platform admins run the Django admin: vocabularies, organizations, people.
rules.add_perm("directory", is_platform_admin)
rules.add_perm("accounts", is_platform_admin)
rules.add_perm("auditlog", is_platform_admin)
for model in [
    "term",
    "organization",
    "cluster",
    "clustermember",
    "companyprofile",
    "product",
    "hospitalprofile",
    "investorprofile",
    "demandcompanyprofile",
]:
    for action in ["view", "add", "change", "delete"]:
        rules.add_perm(f"directory.{action}_{model}", is_platform_admin)
for model in ["user", "membership", "invitation"]:
    for action in ["view", "add", "change", "delete"]:
        rules.add_perm(f"accounts.{action}_{model}", is_platform_admin)
rules.add_perm("auditlog.view_logentry", is_platform_admin)
