"""Who may see and do what with outcome records, KPIs, dashboards and imports.

A company's members see and enter their own records. Cluster staff see, enter and
verify the records attributed to their cluster, and enter records for their cluster's
member companies. Platform admins see all and alone edit KPI definitions and exchange
rates. Dashboards with pending figures and drill-down are for staff and admins;
everyone else sees only the public figures (`kpi_values`, `public=True`).
"""

import rules

from ieum.accounts.access import access_for
from ieum.directory.rules import is_platform_admin
from ieum.outcomes.enums import VerificationStatus


def record_cluster_ids(record) -> set[int]:
    """The clusters a record is attributed to; a list that annotates or prefetches them
    (`cluster_ids`, or a prefetched `clusters`) costs no query per row."""
    annotated = getattr(record, "cluster_ids", None)
    if annotated is not None:
        return {pk for pk in annotated if pk is not None}
    return {cluster.pk for cluster in record.clusters.all()}


@rules.predicate
def is_record_company_member(user, record) -> bool:
    return record is not None and record.company_id in access_for(user).organization_ids


@rules.predicate
def staffs_record_cluster(user, record) -> bool:
    if record is None:
        return False
    staffed = access_for(user).staffed_cluster_ids
    return bool(staffed) and bool(record_cluster_ids(record) & staffed)


@rules.predicate
def is_not_verified(user, record) -> bool:
    return record is not None and record.status != VerificationStatus.VERIFIED


@rules.predicate
def is_company_member(user, company) -> bool:
    return company is not None and company.pk in access_for(user).organization_ids


@rules.predicate
def is_staff_for_company(user, company) -> bool:
    return company is not None and company.pk in access_for(user).staffed_organization_ids


@rules.predicate
def staffs_cluster(user, cluster) -> bool:
    return cluster is not None and cluster.pk in access_for(user).staffed_cluster_ids


@rules.predicate
def staffs_program_cluster(user, program) -> bool:
    return (
        program is not None
        and program.cluster_id is not None
        and program.cluster_id in access_for(user).staffed_cluster_ids
    )


@rules.predicate
def is_cluster_staff(user) -> bool:
    return bool(access_for(user).staffed_cluster_ids)


@rules.predicate
def belongs_to_an_organization(user) -> bool:
    return bool(access_for(user).organization_ids)


@rules.predicate
def started_import(user, outcome_import) -> bool:
    return outcome_import is not None and outcome_import.uploaded_by_id == user.pk


can_see_record = is_platform_admin | is_record_company_member | staffs_record_cluster

rules.add_perm("outcomes.see_record", can_see_record)
# The company corrects its own record until it is verified; staff and admins any time
# (a change sends a verified record back to pending, see `recording.update_record`).
rules.add_perm(
    "outcomes.change_record",
    is_platform_admin | staffs_record_cluster | (is_record_company_member & is_not_verified),
)
rules.add_perm("outcomes.verify_record", is_platform_admin | staffs_record_cluster)
rules.add_perm("outcomes.see_evidence", can_see_record)
rules.add_perm(
    "outcomes.record_for_company", is_platform_admin | is_company_member | is_staff_for_company
)
rules.add_perm("outcomes.see_my_records", belongs_to_an_organization | is_platform_admin)
rules.add_perm("outcomes.see_cluster_dashboard", is_platform_admin | staffs_cluster)
rules.add_perm("outcomes.see_program_dashboard", is_platform_admin | staffs_program_cluster)
rules.add_perm("outcomes.see_national_dashboard", is_platform_admin)
rules.add_perm("outcomes.see_staff_menu", is_platform_admin | is_cluster_staff)
rules.add_perm("outcomes.import_records", is_platform_admin | staffs_cluster)
rules.add_perm("outcomes.see_import", is_platform_admin | started_import)
rules.add_perm("outcomes.manage_kpis", is_platform_admin)
rules.add_perm("outcomes.manage_exchange_rates", is_platform_admin)
