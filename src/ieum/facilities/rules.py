"""Who may book, run and see what in facilities: one definition for pages, API and feeds."""

import rules

from ieum.accounts.access import access_for
from ieum.directory.rules import is_platform_admin


@rules.predicate
def is_signed_in_member(user) -> bool:
    # Booking is done for an organization, so the person must belong to one.
    return bool(access_for(user).organization_ids)


@rules.predicate
def staffs_resource_cluster(user, resource) -> bool:
    return resource is not None and resource.cluster_id in access_for(user).staffed_cluster_ids


@rules.predicate
def is_any_cluster_staff(user) -> bool:
    return bool(access_for(user).staffed_cluster_ids)


@rules.predicate
def staffs_booking_cluster(user, booking) -> bool:
    return (
        booking is not None and booking.resource.cluster_id in access_for(user).staffed_cluster_ids
    )


@rules.predicate
def made_booking(user, booking) -> bool:
    return booking is not None and booking.booked_by_id == user.pk


@rules.predicate
def belongs_to_booking_organization(user, booking) -> bool:
    return booking is not None and booking.organization_id in access_for(user).organization_ids


@rules.predicate
def administers_booking_organization(user, booking) -> bool:
    return (
        booking is not None and booking.organization_id in access_for(user).admin_organization_ids
    )


@rules.predicate
def belongs_to(user, organization) -> bool:
    return organization is not None and organization.pk in access_for(user).organization_ids


manages_resource = is_platform_admin | staffs_resource_cluster
manages_booking = is_platform_admin | staffs_booking_cluster

rules.add_perm("facilities.book_resource", is_signed_in_member)
rules.add_perm("facilities.manage_resource", manages_resource)
rules.add_perm("facilities.see_booking", manages_booking | belongs_to_booking_organization)
rules.add_perm(
    "facilities.modify_booking",
    manages_booking | made_booking | administers_booking_organization,
)
rules.add_perm("facilities.decide_booking", manages_booking)
rules.add_perm("facilities.record_usage", manages_booking)
rules.add_perm("facilities.see_statement", is_platform_admin | belongs_to | is_any_cluster_staff)
rules.add_perm("facilities.see_reports", is_platform_admin | is_any_cluster_staff)

# Platform admins edit the catalog in the Django admin.
rules.add_perm("facilities", is_platform_admin)
for model in [
    "resource",
    "openinghours",
    "downtime",
    "qualification",
    "trainingrequest",
    "booking",
    "voucher",
    "waitlistentry",
    "analysisresult",
]:
    for action in ["view", "add", "change", "delete"]:
        rules.add_perm(f"facilities.{action}_{model}", is_platform_admin)
