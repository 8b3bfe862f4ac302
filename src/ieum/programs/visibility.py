"""The query forms of the rules in `rules.py`; every list, export, report, search and API
list starts from these, so what a person may not see is absent everywhere."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from ieum.accounts.access import access_for
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, CallStatus
from ieum.programs.models import (
    Application,
    Call,
    ConflictOfInterest,
    Program,
    ReviewAssignment,
    SupportCase,
)


def managed_programs(user) -> QuerySet[Program]:
    access = access_for(user)
    if access.is_platform_admin:
        return Program.objects.all()
    return Program.objects.filter(cluster_id__in=access.staffed_cluster_ids)


def managed_calls(user) -> QuerySet[Call]:
    access = access_for(user)
    if access.is_platform_admin:
        return Call.objects.all()
    return Call.objects.filter(program__cluster_id__in=access.staffed_cluster_ids)


def visible_calls(user) -> QuerySet[Call]:
    access = access_for(user)
    if access.is_platform_admin:
        return Call.objects.all()
    reach = Q(status=CallStatus.PUBLISHED)
    if access.staffed_cluster_ids:
        reach |= Q(program__cluster_id__in=access.staffed_cluster_ids)
    return Call.objects.filter(reach)


def conflict_exists(user, application_ref: str = "application") -> Exists:
    return Exists(
        ConflictOfInterest.objects.filter(application=OuterRef(application_ref), reviewer=user)
    )


def reviewer_assignments(user) -> QuerySet[ReviewAssignment]:
    """A reviewer's live assignments: never one for an application they conflict with,
    nor for one that was withdrawn."""
    if not user.is_authenticated:
        return ReviewAssignment.objects.none()
    return (
        ReviewAssignment.objects.filter(reviewer=user)
        .exclude(status=AssignmentStatus.RECUSED)
        .exclude(application__status=ApplicationStatus.WITHDRAWN)
        .exclude(conflict_exists(user))
    )


def visible_applications(user) -> QuerySet[Application]:
    access = access_for(user)
    applications = Application.objects.all()
    if not user.is_authenticated:
        return applications.none()
    reach = Q(company_id__in=access.organization_ids)
    if access.is_platform_admin:
        reach |= ~Q(status=ApplicationStatus.DRAFT)
    elif access.staffed_cluster_ids:
        reach |= Q(call__program__cluster_id__in=access.staffed_cluster_ids) & ~Q(
            status=ApplicationStatus.DRAFT
        )
    reviewed = Exists(
        ReviewAssignment.objects.filter(application=OuterRef("pk"), reviewer=user).exclude(
            status=AssignmentStatus.RECUSED
        )
    )
    # A withdrawn application leaves its reviewers' sight, as it leaves the ranking.
    reach |= Q(reviewed) & ~Q(conflict_exists(user, "pk")) & ~Q(status=ApplicationStatus.WITHDRAWN)
    return applications.filter(reach)


def visible_support_cases(user) -> QuerySet[SupportCase]:
    access = access_for(user)
    if access.is_platform_admin:
        return SupportCase.objects.all()
    if not access.organization_ids:
        return SupportCase.objects.none()
    reach = Q(company_id__in=access.organization_ids) | Q(provider_id__in=access.organization_ids)
    if access.staffed_cluster_ids:
        reach |= Q(cluster_id__in=access.staffed_cluster_ids)
    return SupportCase.objects.filter(reach)
