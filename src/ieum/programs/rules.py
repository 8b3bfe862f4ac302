"""Who may see and do what with programs, calls, applications, reviews and support cases.

A call is managed by the staff of its program's cluster (platform admins manage all,
and alone manage national programs). An application is seen by its company's members,
by the call's managers once it is submitted, and by reviewers assigned to it who have
no conflict of interest with it. A conflict always wins: a reviewer with a conflict
row for an application cannot see it, even if an assignment row remains.
"""

import rules

from ieum.accounts.access import access_for
from ieum.directory.rules import is_platform_admin
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, CallStatus


def manages_cluster_id(user, cluster_id: int | None) -> bool:
    access = access_for(user)
    if access.is_platform_admin:
        return True
    return cluster_id is not None and cluster_id in access.staffed_cluster_ids


@rules.predicate
def manages_program(user, program) -> bool:
    return program is not None and manages_cluster_id(user, program.cluster_id)


@rules.predicate
def manages_call(user, call) -> bool:
    return call is not None and manages_cluster_id(user, call.program.cluster_id)


@rules.predicate
def is_published(user, call) -> bool:
    return call is not None and call.status == CallStatus.PUBLISHED


@rules.predicate
def is_applicant(user, application) -> bool:
    return application is not None and application.company_id in access_for(user).organization_ids


@rules.predicate
def is_draft(user, application) -> bool:
    return application is not None and application.status == ApplicationStatus.DRAFT


@rules.predicate
def manages_application(user, application) -> bool:
    return (
        application is not None
        and application.status != ApplicationStatus.DRAFT
        and manages_cluster_id(user, application.call.program.cluster_id)
    )


def has_conflict(user, application) -> bool:
    from ieum.programs.models import ConflictOfInterest

    return ConflictOfInterest.objects.filter(application=application, reviewer=user).exists()


@rules.predicate
def reviews_application(user, application) -> bool:
    if application is None or not user.is_authenticated:
        return False
    from ieum.programs.models import ReviewAssignment

    if application.status == ApplicationStatus.WITHDRAWN:
        return False
    assigned = (
        ReviewAssignment.objects.filter(application=application, reviewer=user)
        .exclude(status=AssignmentStatus.RECUSED)
        .exists()
    )
    return assigned and not has_conflict(user, application)


@rules.predicate
def holds_assignment(user, assignment) -> bool:
    return (
        assignment is not None
        and assignment.reviewer_id == user.pk
        and assignment.status != AssignmentStatus.RECUSED
        and assignment.application.status != ApplicationStatus.WITHDRAWN
        and not has_conflict(user, assignment.application)
    )


@rules.predicate
def submitted_own_review(user, assignment) -> bool:
    return assignment is not None and assignment.status == AssignmentStatus.SUBMITTED


@rules.predicate
def manages_assignment(user, assignment) -> bool:
    return assignment is not None and manages_cluster_id(
        user, assignment.stage.call.program.cluster_id
    )


@rules.predicate
def belongs_to_any_organization(user) -> bool:
    return bool(access_for(user).organization_ids)


@rules.predicate
def staffs_any_cluster(user) -> bool:
    return bool(access_for(user).staffed_cluster_ids)


@rules.predicate
def is_reviewer(user) -> bool:
    return access_for(user).is_reviewer


@rules.predicate
def is_supported_company(user, case) -> bool:
    return case is not None and case.company_id in access_for(user).organization_ids


@rules.predicate
def provides_case(user, case) -> bool:
    return case is not None and case.provider_id in access_for(user).organization_ids


@rules.predicate
def manages_case(user, case) -> bool:
    return case is not None and manages_cluster_id(user, case.cluster_id)


rules.add_perm("programs.manage_program", manages_program)
rules.add_perm("programs.add_program", staffs_any_cluster | is_platform_admin)
rules.add_perm("programs.view_call", is_published | manages_call)
rules.add_perm("programs.manage_call", manages_call)
rules.add_perm("programs.apply_to_call", is_published & belongs_to_any_organization)
rules.add_perm(
    "programs.view_application", is_applicant | manages_application | reviews_application
)
rules.add_perm("programs.edit_application", is_applicant & is_draft)
rules.add_perm("programs.submit_application", is_applicant)
rules.add_perm("programs.withdraw_application", is_applicant)
rules.add_perm("programs.manage_application", manages_application)
# Scores of other reviewers: a reviewer sees them for an application only once their own
# review of it is submitted; managers always.
rules.add_perm("programs.review", holds_assignment)
rules.add_perm(
    "programs.see_other_scores", (holds_assignment & submitted_own_review) | manages_assignment
)
rules.add_perm("programs.manage_assignment", manages_assignment)
rules.add_perm("programs.see_reviews_inbox", rules.is_authenticated)
# The menu offers "Reviews" to evaluators by their membership role, which costs no query;
# anyone else in a pool reaches the page from the assignment e-mail.
rules.add_perm("programs.see_reviews_menu", is_reviewer)
rules.add_perm("programs.view_support_case", is_supported_company | provides_case | manages_case)
rules.add_perm("programs.manage_support_case", manages_case)
rules.add_perm("programs.add_support_case", staffs_any_cluster | is_platform_admin)
rules.add_perm("programs.see_reports", staffs_any_cluster | is_platform_admin)
