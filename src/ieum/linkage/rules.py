"""Who may see and do what with service offerings and requests.

A request has up to three parties besides platform admins: the requesting company's
members, the members of the provider it is assigned to (its coordinators) and the
staff of the cluster that routes it. Nobody else learns that it exists. A provider
that declined, or was never assigned, is not a party. While a confidential request
waits for the provider to accept the NDA, the provider sees only what it needs to
decide (service, therapeutic area, stage, deadline), not the details or the files.
"""

import rules

from ieum.accounts.access import access_for
from ieum.directory.rules import is_platform_admin
from ieum.linkage.enums import PROVIDER_STATUSES, RequestStatus

THREAD_CLOSED_STATUSES = (RequestStatus.DRAFT, RequestStatus.CLOSED, RequestStatus.CANCELLED)


@rules.predicate
def is_requesting_company(user, request) -> bool:
    return request is not None and request.company_id in access_for(user).organization_ids


@rules.predicate
def is_assigned_provider(user, request) -> bool:
    return (
        request is not None
        and request.provider_id is not None
        and request.status in PROVIDER_STATUSES
        and request.provider_id in access_for(user).organization_ids
    )


def was_sent(request) -> bool:
    """Submitted at some point: not a draft, nor a draft the company cancelled unsent."""
    if request.status == RequestStatus.DRAFT:
        return False
    return request.status != RequestStatus.CANCELLED or request.submitted_at is not None


@rules.predicate
def routes_request(user, request) -> bool:
    return (
        request is not None
        and request.cluster_id is not None
        and was_sent(request)
        and request.cluster_id in access_for(user).staffed_cluster_ids
    )


@rules.predicate
def is_sealed(user, request) -> bool:
    return request is not None and request.details_sealed


@rules.predicate
def is_open_thread(user, request) -> bool:
    return request is not None and request.status not in THREAD_CLOSED_STATUSES


@rules.predicate
def is_draft(user, request) -> bool:
    return request is not None and request.status == RequestStatus.DRAFT


@rules.predicate
def belongs_to_any_organization(user) -> bool:
    return bool(access_for(user).organization_ids)


@rules.predicate
def staffs_any_cluster(user) -> bool:
    return bool(access_for(user).staffed_cluster_ids)


@rules.predicate
def offers_services(user, offering) -> bool:
    return offering is not None and offering.provider_id in access_for(user).organization_ids


@rules.predicate
def provides_any_service(user) -> bool:
    from ieum.linkage.models import ServiceOffering

    ids = access_for(user).organization_ids
    return bool(ids) and ServiceOffering.objects.filter(provider_id__in=ids).exists()


is_party = is_requesting_company | is_assigned_provider | routes_request | is_platform_admin
# Reading the details (description, goal, product, thread and files) is for the parties,
# except a provider still before the NDA of a confidential request.
reads_details = (
    is_requesting_company | routes_request | is_platform_admin | (is_assigned_provider & ~is_sealed)
)

rules.add_perm("linkage.view_request", is_party)
rules.add_perm("linkage.read_request_details", reads_details)
rules.add_perm("linkage.create_request", belongs_to_any_organization)
rules.add_perm("linkage.edit_request", is_requesting_company & is_draft)
rules.add_perm("linkage.submit_request", is_requesting_company)
rules.add_perm("linkage.cancel_request", is_requesting_company)
rules.add_perm("linkage.close_request", is_requesting_company)
rules.add_perm("linkage.triage_request", routes_request | is_platform_admin)
rules.add_perm("linkage.answer_request", is_assigned_provider)
rules.add_perm("linkage.post_message", reads_details & is_open_thread)
rules.add_perm("linkage.see_read_log", routes_request | is_platform_admin)
rules.add_perm("linkage.manage_offering", offers_services | is_platform_admin)
rules.add_perm("linkage.add_offering", belongs_to_any_organization)
rules.add_perm("linkage.see_triage_inbox", staffs_any_cluster | is_platform_admin)
rules.add_perm("linkage.see_provider_inbox", provides_any_service)
rules.add_perm("linkage.see_reports", staffs_any_cluster | is_platform_admin)
