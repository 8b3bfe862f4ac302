"""A company's full-cycle timeline: everything it went through, across programs and clusters.

The timeline gathers the company's support cases, its program applications (submitted,
withdrawn, each stage's decision, the result once announced), its cohort seats, its
linkage service requests and its facility bookings. It is for the company's members,
the staff of clusters the company belongs to or that hold its cases, and platform
admins; every entry is filtered by what the reader may see on its own page, so a
cluster's staff find only the requests and bookings that pass through their clusters.
It runs a fixed number of queries however long the company's history.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime
from itertools import groupby

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy

from ieum.accounts.access import access_for
from ieum.core.business_days import SEOUL
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, Organization
from ieum.facilities.enums import BookingStatus
from ieum.facilities.visibility import visible_bookings
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.visibility import visible_requests
from ieum.programs.enums import ApplicationStatus, SupportStage, SupportStatus
from ieum.programs.models import CohortMember, Decision, Program, SupportCase
from ieum.programs.rules import manages_cluster_id
from ieum.programs.visibility import visible_applications, visible_support_cases


class TimelineKind(models.TextChoices):
    SUPPORT = "support", gettext_lazy("Support case")
    APPLICATION = "application", gettext_lazy("Application")
    DECISION = "decision", gettext_lazy("Review decision")
    RESULT = "result", gettext_lazy("Selection result")
    COHORT = "cohort", gettext_lazy("Cohort")
    SERVICE_REQUEST = "service_request", gettext_lazy("Hospital linkage")
    BOOKING = "booking", gettext_lazy("Facility booking")


KIND_ICONS = {
    TimelineKind.SUPPORT: "bi-rocket-takeoff",
    TimelineKind.APPLICATION: "bi-file-earmark-text",
    TimelineKind.DECISION: "bi-clipboard-check",
    TimelineKind.RESULT: "bi-award",
    TimelineKind.COHORT: "bi-people",
    TimelineKind.SERVICE_REQUEST: "bi-hospital",
    TimelineKind.BOOKING: "bi-microscope",
}

# The stage of full-cycle support a linkage service serves, so requests take their place
# among the support cases.
SERVICE_STAGES = {
    ServiceType.CLINICAL_TRIAL_CONSULTING: SupportStage.CLINICAL,
    ServiceType.INVESTIGATOR_INITIATED_TRIAL: SupportStage.CLINICAL,
    ServiceType.CLINICAL_VALIDATION: SupportStage.CLINICAL,
    ServiceType.MEDICAL_DATA: SupportStage.RND,
    ServiceType.TESTING_ANALYSIS: SupportStage.NONCLINICAL,
    ServiceType.CLINICIAN_MENTORING: SupportStage.RND,
    ServiceType.UNMET_NEEDS: SupportStage.RND,
    ServiceType.REGULATORY_CONSULTING: SupportStage.APPROVAL,
    ServiceType.GMP_CONSULTING: SupportStage.GMP,
    ServiceType.IP_STRATEGY: SupportStage.RND,
    ServiceType.OVERSEAS_CERTIFICATION: SupportStage.APPROVAL,
}


@dataclass(frozen=True)
class TimelineEntry:
    date: date
    kind: str
    title: str
    stage: str = ""
    status: str = ""
    cluster: Cluster | None = None
    program: Program | None = None
    amount: int | None = None
    link: str = ""
    # A line under the title: the provider, the application's title, the review stage.
    detail: str = ""
    # The status's value where `status` is its label (support cases, requests, bookings).
    status_code: str = ""

    @property
    def kind_label(self) -> str:
        return TimelineKind(self.kind).label

    @property
    def icon(self) -> str:
        return KIND_ICONS[TimelineKind(self.kind)]

    @property
    def stage_label(self) -> str:
        return SupportStage(self.stage).label if self.stage else ""

    @property
    def context_line(self) -> str:
        """The detail, cluster and program, those there are, joined for the line below."""
        parts = [self.detail, self.cluster.name if self.cluster else ""]
        parts.append(self.program.name if self.program else "")
        return " · ".join(part for part in parts if part)


@dataclass(frozen=True)
class StageTotal:
    stage: str
    label: str
    cases: int
    amount: int


def _day(moment: datetime | date | None) -> date | None:
    if isinstance(moment, datetime):
        return moment.astimezone(SEOUL).date()
    return moment


def may_see_company_timeline(user, company: Organization) -> bool:
    if company.kind != OrganizationKind.COMPANY:
        return False
    access = access_for(user)
    if access.is_platform_admin or company.pk in access.organization_ids:
        return True
    if not access.staffed_cluster_ids:
        return False
    # Staff's organizations include every member of their clusters.
    if company.pk in access.staffed_organization_ids:
        return True
    return SupportCase.objects.filter(
        company=company, cluster_id__in=access.staffed_cluster_ids
    ).exists()


def timeline_companies_of(user, cases) -> set[int]:
    """Of these cases' companies, those whose timeline the person may open; no queries
    (a case of a cluster they staff is itself a reason to see its company's timeline)."""
    access = access_for(user)
    return {
        case.company_id
        for case in cases
        if access.is_platform_admin
        or case.company_id in access.organization_ids
        or case.company_id in access.staffed_organization_ids
        or case.cluster_id in access.staffed_cluster_ids
    }


def company_timeline(*, user, company: Organization) -> list[TimelineEntry]:
    """The company's history as this person may see it, oldest first.

    Raises `Organization.DoesNotExist` for a person who may not see the company's
    timeline (pages answer 404)."""
    if not may_see_company_timeline(user, company):
        raise Organization.DoesNotExist
    entries = [
        *_support_entries(user, company),
        *_application_entries(user, company),
        *_cohort_entries(user, company),
        *_request_entries(user, company),
        *_booking_entries(user, company),
    ]
    kinds = list(TimelineKind.values)
    entries.sort(key=lambda entry: (entry.date, kinds.index(entry.kind), entry.title))
    return entries


def _support_entries(user, company):
    cases = (
        visible_support_cases(user)
        .filter(company=company)
        .select_related("cluster", "program", "provider")
    )
    for case in cases:
        yield TimelineEntry(
            date=case.starts_on or _day(case.created_at),
            kind=TimelineKind.SUPPORT,
            title=case.title,
            stage=case.stage,
            status=case.get_status_display(),
            status_code=case.status,
            cluster=case.cluster,
            program=case.program,
            amount=case.amount_krw,
            link=reverse("programs:support_case", args=[case.pk]),
            detail=case.provider.name if case.provider else "",
        )


def _application_entries(user, company):
    access = access_for(user)
    applications = (
        visible_applications(user)
        .filter(company=company)
        .exclude(status=ApplicationStatus.DRAFT)
        .select_related("call__program__cluster")
    )
    if not (access.is_platform_admin or company.pk in access.organization_ids):
        # Staff follow the applications to their own clusters' calls; being a reviewer of
        # another one does not put it on the company's history for them.
        applications = applications.filter(call__program__cluster_id__in=access.staffed_cluster_ids)
    applications = list(applications)
    for application in applications:
        call = application.call
        program = call.program
        link = reverse("programs:application", args=[application.pk])
        common = {"cluster": program.cluster, "program": program, "link": link}
        if application.submitted_at:
            yield TimelineEntry(
                date=_day(application.submitted_at),
                kind=TimelineKind.APPLICATION,
                title=call.title,
                status=ApplicationStatus.SUBMITTED.label,
                amount=application.requested_krw,
                detail=application.title,
                **common,
            )
        if application.status == ApplicationStatus.WITHDRAWN and application.withdrawn_at:
            yield TimelineEntry(
                date=_day(application.withdrawn_at),
                kind=TimelineKind.APPLICATION,
                title=call.title,
                status=ApplicationStatus.WITHDRAWN.label,
                detail=application.title,
                **common,
            )
        announced = call.results_published_at
        if announced and application.status in (
            ApplicationStatus.SELECTED,
            ApplicationStatus.NOT_SELECTED,
        ):
            yield TimelineEntry(
                date=_day(announced),
                kind=TimelineKind.RESULT,
                title=call.title,
                status=application.get_status_display(),
                detail=application.title,
                **common,
            )
    managed = [
        application.pk
        for application in applications
        if manages_cluster_id(user, application.call.program.cluster_id)
    ]
    if managed:
        # Each stage's decision is internal until results are announced, so only the
        # call's managers see them.
        decisions = Decision.objects.filter(application_id__in=managed).select_related(
            "stage", "application__call__program__cluster"
        )
        for decision in decisions:
            call = decision.application.call
            yield TimelineEntry(
                date=_day(decision.created_at),
                kind=TimelineKind.DECISION,
                title=call.title,
                status=decision.get_outcome_display(),
                cluster=call.program.cluster,
                program=call.program,
                link=reverse("programs:application", args=[decision.application_id]),
                detail=decision.stage.name,
            )


def _cohort_entries(user, company):
    access = access_for(user)
    own = access.is_platform_admin or company.pk in access.organization_ids
    seats = CohortMember.objects.filter(company=company).select_related(
        "cohort__program__cluster", "cohort__call"
    )
    for seat in seats:
        cohort = seat.cohort
        call = cohort.call
        announced = call is None or call.results_published_at is not None
        if not (own or announced or manages_cluster_id(user, cohort.program.cluster_id)):
            continue
        joined = call.results_published_at if call and call.results_published_at else None
        yield TimelineEntry(
            date=_day(joined or seat.created_at),
            kind=TimelineKind.COHORT,
            title=cohort.name,
            cluster=cohort.program.cluster,
            program=cohort.program,
            detail=str(cohort.year),
        )


def _request_entries(user, company):
    requests = (
        visible_requests(user)
        .filter(company=company, submitted_at__isnull=False)
        .exclude(status=RequestStatus.DRAFT)
        .select_related("cluster", "provider")
    )
    for request in requests:
        readable = user.has_perm("linkage.read_request_details", request)
        yield TimelineEntry(
            date=_day(request.submitted_at),
            kind=TimelineKind.SERVICE_REQUEST,
            title=request.title if readable else request.get_service_type_display(),
            stage=SERVICE_STAGES.get(request.service_type, ""),
            status=request.get_status_display(),
            status_code=request.status,
            cluster=request.cluster,
            link=reverse("linkage:request", args=[request.pk]),
            detail=request.provider.name if request.provider else "",
        )


def _booking_entries(user, company):
    bookings = (
        visible_bookings(user=user)
        .filter(organization=company)
        .exclude(status__in=[BookingStatus.CANCELLED, BookingStatus.REJECTED])
    )
    for booking in bookings:
        yield TimelineEntry(
            date=_day(booking.start),
            kind=TimelineKind.BOOKING,
            title=booking.resource.name,
            status=booking.get_status_display(),
            status_code=booking.status,
            cluster=booking.resource.cluster,
            amount=booking.fee_krw,
            link=booking.get_absolute_url(),
        )


def by_year(entries: list[TimelineEntry]) -> list[tuple[int, list[TimelineEntry]]]:
    """The entries in groups of one year each, in the entries' order."""
    return [(year, list(group)) for year, group in groupby(entries, key=lambda e: e.date.year)]


def stage_totals(entries: list[TimelineEntry]) -> list[StageTotal]:
    """Support cases and their amounts per stage, in the order of the support cycle;
    cancelled cases do not count."""
    cases: dict[str, int] = defaultdict(int)
    amounts: dict[str, int] = defaultdict(int)
    for entry in entries:
        if entry.kind == TimelineKind.SUPPORT and entry.status_code != SupportStatus.CANCELLED:
            cases[entry.stage] += 1
            amounts[entry.stage] += entry.amount or 0
    return [
        StageTotal(stage=value, label=label, cases=cases[value], amount=amounts[value])
        for value, label in SupportStage.choices
    ]
