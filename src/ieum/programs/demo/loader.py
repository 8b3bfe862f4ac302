"""Loads and removes the programs demo; `manage.py seed_demo` calls these after the
linkage demo (support cases point to its requests and to the facility demo's bookings).

The reviewers are looked up before they are made, so a second load creates nothing.
The programs are written once, when no demo program exists yet: walked through the
domain functions inside `silenced()` (no e-mail about the past), in an order that keeps
each call's conflicts of interest as they stood when it was reviewed, then dated.
"""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ieum.core.business_days import SEOUL
from ieum.core.db_stats import analyzes_afterwards
from ieum.core.jobs import silenced
from ieum.core.private_files import private_storage
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, ClusterMember, Organization
from ieum.linkage.demo.people import People
from ieum.linkage.demo.walkthrough import COMPANY_SLUG
from ieum.programs.demo import gimhae, gwangju, national, open_calls
from ieum.programs.demo.history import Clock
from ieum.programs.demo.people import REVIEWERS, ensure_reviewers, platform_admin
from ieum.programs.demo.plans import seoul
from ieum.programs.demo.review import Review
from ieum.programs.demo.support_plans import (
    cohort_cases,
    gwangju_cases,
    linked_cases,
)
from ieum.programs.demo.support_walk import record_cases
from ieum.programs.demo.walk import Walker
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, ConflictKind
from ieum.programs.models import (
    Application,
    ApplicationFile,
    Call,
    Cohort,
    CohortMember,
    ConflictOfInterest,
    Decision,
    Deliverable,
    Program,
    ReviewAssignment,
    SupportCase,
)
from ieum.programs.support import linkable_bookings, linkable_requests

CLUSTERS = (gimhae.PROGRAM.cluster, gwangju.CLUSTER)


@analyzes_afterwards
def load_programs_demo(*, now: datetime | None = None) -> Counter[str]:
    """Create whatever programs demo data is missing; returns what was created, by kind."""
    now = now or timezone.now()
    created: Counter[str] = Counter()
    clusters = {c.slug: c for c in Cluster.objects.filter(slug__in=CLUSTERS)}
    admin = platform_admin()
    if len(clusters) < len(CLUSTERS) or admin is None:
        return created
    first_load = not Program.objects.filter(is_demo=True).exists()
    people = People()
    if first_load:
        people.ensure(clusters=clusters.values(), companies=_applicants())
    reviewers, made = ensure_reviewers(spec.local for spec in REVIEWERS)
    created["users"] = made + people.created
    created["memberships"] = made + people.created
    if not first_load:
        return +created
    clock = Clock()
    walker = Walker(now=now, people=people, reviewers=reviewers, admin=admin, clock=clock)
    with silenced():
        _walk(walker, clusters)
    clock.write()
    created.update(_contents(Program.objects.filter(is_demo=True)))
    return +created


def _applicants() -> list[Organization]:
    slugs = {
        applicant.slug
        for applicants in (
            gimhae.APPLICANTS,
            gwangju.APPLICANTS,
            open_calls.ACADEMY_APPLICANTS,
            open_calls.VOUCHER_APPLICANTS,
        )
        for applicant in applicants
    }
    return list(Organization.objects.filter(slug__in=slugs))


def _walk(walker: Walker, clusters: dict[str, Cluster]) -> None:
    review = Review(walker)
    _national(walker, review)
    # 김해's cohort is reviewed before its support is recorded, as it happened: support
    # given later must not turn into conflicts of the review that came before it.
    _gimhae(walker, review, clusters[gimhae.PROGRAM.cluster])
    # 광주's support history comes before its call under review: the support 조선대
    # gave keeps reviewer@ off those companies' applications.
    _gwangju(walker, review, clusters[gwangju.CLUSTER])
    for program_plan, call_plan in (
        (open_calls.ACADEMY, open_calls.academy_call(walker.now)),
        (open_calls.VOUCHER, open_calls.voucher_call(walker.now)),
    ):
        program = walker.program(program_plan, since=call_plan.created_at)
        walker.call(call_plan, program)


def _national(walker: Walker, review: Review) -> None:
    program = walker.program(national.PROGRAM, since=seoul(date(2022, 1, 10)))
    plan = national.call_plan()
    review.run(plan, walker.call(plan, program))


def _gimhae(walker: Walker, review: Review, cluster: Cluster) -> None:
    program = walker.program(gimhae.PROGRAM, since=seoul(date(2019, 1, 7)))
    plan = gimhae.call_plan()
    cohort = review.run(plan, walker.call(plan, program))
    if cohort is None:
        return
    staff = walker.people.staff[cluster.pk]
    companies = list(cohort.companies.prefetch_related("company_profile__technology_fields"))
    fields = {
        company.pk: [t.code for t in company.company_profile.technology_fields.all()]
        for company in companies
    }
    today = walker.now.astimezone(SEOUL).date()
    plans = cohort_cases(companies, fields=fields, today=today)
    plans += _linked(companies, staff, walker.now, since=plan.results_at)
    record_cases(
        plans,
        actor=staff,
        cluster=cluster,
        program=program,
        cohort=cohort,
        today=today,
        clock=walker.clock,
        files_for=_login_company(),
    )


def _gwangju(walker: Walker, review: Review, cluster: Cluster) -> None:
    since = seoul(date(2023, 1, 16))
    program = walker.program(gwangju.PROGRAM, since=since)
    staff = walker.people.staff[cluster.pk]
    members = list(
        Organization.objects.filter(
            pk__in=ClusterMember.objects.filter(cluster=cluster).values("organization_id"),
            kind=OrganizationKind.COMPANY,
        ).select_related("company_profile")
    )
    today = walker.now.astimezone(SEOUL).date()
    plans = gwangju_cases(members, today=today)
    plans += _linked(members, staff, walker.now, since=since)
    record_cases(
        plans, actor=staff, cluster=cluster, program=program, today=today, clock=walker.clock
    )
    plan = gwangju.reviewing_call(walker.now)
    review.run(plan, walker.call(plan, program))


def _login_company() -> set[int]:
    return set(Organization.objects.filter(slug=COMPANY_SLUG).values_list("pk", flat=True))


def _linked(companies, staff, now: datetime, *, since: datetime) -> list:
    """Cases carried by the companies' linkage requests and facility bookings since the
    support began that the cluster's staff can see (the support functions refuse others)."""
    plans = []
    for company in companies:
        requests = list(
            linkable_requests(user=staff, company=company)
            .filter(submitted_at__gte=since)
            .order_by("submitted_at")
        )
        bookings = list(
            linkable_bookings(user=staff, company=company)
            .filter(start__gte=since, start__lte=now)
            .order_by("start")[:20]
        )
        today = now.astimezone(SEOUL).date()
        plans += linked_cases(company, requests=requests, bookings=bookings, today=today)
    return plans


def _contents(programs) -> dict[str, int]:
    calls = Call.objects.filter(program__in=programs)
    applications = Application.objects.filter(call__in=calls)
    assignments = ReviewAssignment.objects.filter(stage__call__in=calls)
    return {
        "programs": programs.count(),
        "calls": calls.count(),
        "applications": applications.count(),
        "review assignments": assignments.count(),
        "conflicts of interest": ConflictOfInterest.objects.filter(
            application__in=applications
        ).count(),
        "decisions": Decision.objects.filter(application__in=applications).count(),
        "cohorts": Cohort.objects.filter(program__in=programs).count(),
        "support cases": SupportCase.objects.filter(program__in=programs).count(),
    }


def reset_programs_demo() -> Counter[str]:
    """Delete the demo programs with everything in them, and the support cases and
    programs people made in the demo that involve a demo cluster or company (clusters
    protect them)."""
    removed: Counter[str] = Counter()
    programs = Program.objects.filter(Q(is_demo=True) | Q(cluster__is_demo=True))
    cases = SupportCase.objects.filter(
        Q(program__in=programs) | Q(cluster__is_demo=True) | Q(company__is_demo=True)
    )
    names = list(
        Deliverable.objects.filter(case__in=cases).exclude(file="").values_list("file", flat=True)
    )
    names += list(
        ApplicationFile.objects.filter(application__call__program__in=programs).values_list(
            "file", flat=True
        )
    )
    _total, by_model = cases.delete()
    removed["support cases"] = by_model.get("programs.SupportCase", 0)
    _total, by_model = programs.delete()
    removed["programs"] = by_model.get("programs.Program", 0)
    removed["applications"] = by_model.get("programs.Application", 0)
    # Files do not roll back with the transaction: they go once the deletion is committed.
    transaction.on_commit(lambda: _delete_files(names))
    return removed


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        if name:
            storage.delete(name)


def programs_demo_totals() -> dict[str, int]:
    """How much programs demo data the database holds now."""
    programs = Program.objects.filter(is_demo=True)
    calls = Call.objects.filter(program__in=programs)
    applications = Application.objects.filter(call__in=calls)
    statuses = Counter(applications.values_list("status", flat=True))
    assignments = ReviewAssignment.objects.filter(stage__call__in=calls)
    conflicts = ConflictOfInterest.objects.filter(application__in=applications)
    cases = SupportCase.objects.filter(program__in=programs)
    totals = {
        "support programs": programs.count(),
        "program calls": calls.count(),
        "program applications": applications.count(),
    }
    for status in ApplicationStatus:
        totals[f"  applications {status.value.replace('_', ' ')}"] = statuses[status.value]
    totals["review assignments"] = assignments.count()
    totals["  reviews handed in"] = assignments.filter(status=AssignmentStatus.SUBMITTED).count()
    totals["conflicts of interest"] = conflicts.count()
    totals["  declared by reviewers"] = conflicts.filter(kind=ConflictKind.DECLARED).count()
    totals["stage decisions"] = Decision.objects.filter(application__in=applications).count()
    totals["cohorts"] = Cohort.objects.filter(program__in=programs).count()
    totals["cohort members"] = CohortMember.objects.filter(cohort__program__in=programs).count()
    totals["support cases"] = cases.count()
    totals["  with a linkage request or booking"] = cases.filter(
        Q(service_request__isnull=False) | Q(booking__isnull=False)
    ).count()
    totals["support deliverables"] = Deliverable.objects.filter(case__in=cases).count()
    return totals
