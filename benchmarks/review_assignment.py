#!/usr/bin/env python3
"""Benchmark of automatic reviewer assignment (the figures of issue 5).

  .venv/bin/python benchmarks/review_assignment.py [--applications 1000] [--reviewers 150]
      [--k 3] [--conflicts 0.05] [--seed 1] [--db]

An instance: applications with 1–2 of 12 fields, reviewers with 2–3, both drawn with
the skew of a real call (a few fields are asked for much more than others, and experts
are not spread the way applications are), and a share of the (application, reviewer)
pairs in conflict. The pure solver (`ieum.programs.assignment_solver`) runs on it and the
script prints the seconds, the load balance (max − min reviews per reviewer), the share
of assignments whose reviewer shares a field with the application, and the applications
left short of k.

With --db it then makes a database of its own (`ieum_bench_review`) on the embedded
PostgreSQL, or on the server of DATABASE_URL, migrates it, writes the same instance as
rows (the conflicts as the relations that cause them: half recent affiliations, four in
ten support cases the reviewer's organization provided, one in ten declared recusals),
runs `assign_reviewers` as the cluster's staff, and prints its seconds and queries (the
conflict check and its records, the solver, the inserts and their audit entries
included). The database is dropped at the end.

Figures depend on the machine; the script prints what it measured, nothing else.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))
sys.path.insert(0, str(REPO / "benchmarks"))

import bench_database  # noqa: E402

from ieum.programs.assignment_solver import (  # noqa: E402
    ApplicationSpec,
    AssignmentProblem,
    ReviewerSpec,
    solve,
)

BENCH_DATABASE = "ieum_bench_review"
FIELDS = 12


@dataclass(frozen=True)
class Instance:
    problem: AssignmentProblem
    conflicts: tuple[tuple[int, int], ...]


def make_instance(a: argparse.Namespace) -> Instance:
    rng = random.Random(a.seed)
    fields = list(range(FIELDS))
    # Applications crowd into a few fields (cardiovascular, oncology, diagnostics…);
    # reviewers' expertise is skewed too, but less and not in the same order.
    asked = [1.0 / (i + 1) ** 0.8 for i in fields]
    known = [1.0 / (((i * 5) % FIELDS) + 1) ** 0.4 for i in fields]

    def draw(weights, low, high) -> frozenset[int]:
        chosen: set[int] = set()
        size = rng.randint(low, high)
        while len(chosen) < size:
            chosen.add(rng.choices(fields, weights=weights)[0])
        return frozenset(chosen)

    applications = tuple(
        ApplicationSpec(id=i + 1, fields=draw(asked, 1, 2)) for i in range(a.applications)
    )
    reviewers = tuple(
        ReviewerSpec(id=a.applications + j + 1, expertise=draw(known, 2, 3))
        for j in range(a.reviewers)
    )
    pairs = [(x.id, r.id) for x in applications for r in reviewers]
    conflicts = tuple(sorted(rng.sample(pairs, round(len(pairs) * a.conflicts))))
    problem = AssignmentProblem(applications, reviewers, a.k, frozenset(conflicts))
    return Instance(problem=problem, conflicts=conflicts)


def chance_of_match(instance: Instance) -> float:
    problem, excluded = instance.problem, instance.problem.excluded
    allowed = [
        bool(x.fields & r.expertise)
        for x in problem.applications
        for r in problem.reviewers
        if (x.id, r.id) not in excluded
    ]
    return sum(allowed) / len(allowed)


def run_solver(instance: Instance) -> None:
    started = time.perf_counter()
    plan = solve(instance.problem)
    seconds = time.perf_counter() - started
    loads = plan.loads.values()
    problem = instance.problem
    pairs = len(problem.applications) * len(problem.reviewers)
    print(
        f"solver: {len(problem.applications)} applications × {len(problem.reviewers)} "
        f"reviewers × k={problem.per_application}, {len(instance.conflicts)} pairs in "
        f"conflict ({len(instance.conflicts) / pairs:.1%})"
    )
    print(f"  time                {seconds:.2f} s")
    print(f"  assignments         {len(plan.pairs)}")
    print(f"  load max − min      {max(loads) - min(loads)} ({min(loads)}–{max(loads)})")
    print(f"  expertise share     {plan.expertise_share:.1%}")
    print(f"    (a random allowed pair shares a field {chance_of_match(instance):.1%} of the time)")
    print(f"  unfilled            {len(plan.unfilled)}")
    assert not set(plan.pairs) & set(instance.conflicts), "a conflict was paired"


# --db: the same instance through assign_reviewers


def setup_django(url: str) -> None:
    bench_database.setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def build_rows(instance: Instance):
    """The instance as rows; returns (staff user, stage)."""
    from datetime import timedelta

    from django.utils import timezone

    from ieum.accounts.enums import Role
    from ieum.accounts.models import Membership, User
    from ieum.directory.enums import OrganizationKind, Vocabulary
    from ieum.directory.models import Cluster, Organization, Term
    from ieum.programs.enums import (
        ApplicationStatus,
        ConflictKind,
        ProgramKind,
        StageKind,
        SupportStage,
    )
    from ieum.programs.models import (
        Affiliation,
        Application,
        Call,
        CallReviewer,
        ConflictOfInterest,
        Criterion,
        Program,
        ReviewerProfile,
        ReviewStage,
        SupportCase,
    )

    problem = instance.problem
    terms = list(
        Term.objects.filter(
            vocabulary__in=[Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD]
        ).order_by("vocabulary", "pk")[:FIELDS]
    )
    assert len(terms) == FIELDS, "the vocabularies have fewer than 12 fields"
    operator = Organization.objects.create(
        kind=OrganizationKind.CLUSTER_OPERATOR, name_ko="벤치 클러스터 운영기관", slug="bench-op"
    )
    region = Term.objects.get(vocabulary=Vocabulary.REGION, code="gyeongnam")
    cluster = Cluster.objects.create(
        name_ko="벤치 클러스터", slug="bench", operator=operator, region=region
    )
    staff = User.objects.create(email="staff@bench.kr", full_name="벤치 담당자", password="!")
    Membership.objects.create(user=staff, organization=operator, role=Role.CLUSTER_STAFF)
    program = Program.objects.create(
        cluster=cluster, kind=ProgramKind.GROWTH_COHORT, name_ko="벤치 사업", slug="bench"
    )
    now = timezone.now()
    call = Call.objects.create(
        program=program,
        title_ko="벤치 공고",
        slug="bench",
        opens_at=now - timedelta(days=30),
        closes_at=now - timedelta(days=1),
        quota=100,
    )
    stage = ReviewStage.objects.create(
        call=call,
        kind=StageKind.DOCUMENT,
        name_ko="서면평가",
        reviewers_per_application=problem.per_application,
    )
    Criterion.objects.bulk_create(
        Criterion(stage=stage, position=i, name_ko=name, weight=weight)
        for i, (name, weight) in enumerate([("인프라", 30), ("역량", 25), ("협력", 20)])
    )

    companies = Organization.objects.bulk_create(
        Organization(kind=OrganizationKind.COMPANY, name_ko=f"기업{x.id}", slug=f"bench-c{x.id}")
        for x in problem.applications
    )
    applications = Application.objects.bulk_create(
        Application(
            call=call,
            company=company,
            status=ApplicationStatus.SUBMITTED,
            title=f"과제 {x.id}",
            submitted_at=now - timedelta(days=2),
            current_stage=stage,
        )
        for x, company in zip(problem.applications, companies, strict=True)
    )
    Application.fields.through.objects.bulk_create(
        Application.fields.through(application=application, term=terms[f])
        for x, application in zip(problem.applications, applications, strict=True)
        for f in sorted(x.fields)
    )
    universities = Organization.objects.bulk_create(
        Organization(kind=OrganizationKind.UNIVERSITY, name_ko=f"대학{r.id}", slug=f"bench-u{r.id}")
        for r in problem.reviewers
    )
    users = User.objects.bulk_create(
        User(email=f"r{r.id}@bench.kr", full_name=f"평가위원 {r.id}", password="!")
        for r in problem.reviewers
    )
    Membership.objects.bulk_create(
        Membership(user=user, organization=university, role=Role.REVIEWER)
        for user, university in zip(users, universities, strict=True)
    )
    profiles = ReviewerProfile.objects.bulk_create(ReviewerProfile(user=user) for user in users)
    ReviewerProfile.expertise.through.objects.bulk_create(
        ReviewerProfile.expertise.through(reviewerprofile=profile, term=terms[f])
        for r, profile in zip(problem.reviewers, profiles, strict=True)
        for f in sorted(r.expertise)
    )
    CallReviewer.objects.bulk_create(CallReviewer(call=call, reviewer=user) for user in users)

    application_of = {x.id: row for x, row in zip(problem.applications, applications, strict=True)}
    index_of = {r.id: i for i, r in enumerate(problem.reviewers)}
    affiliations, cases, declared = [], [], []
    for n, (application_id, reviewer_id) in enumerate(instance.conflicts):
        application, i = application_of[application_id], index_of[reviewer_id]
        if n % 10 < 5:
            affiliations.append(
                Affiliation(
                    profile=profiles[i],
                    organization_id=application.company_id,
                    role="자문위원",
                    ended_on=(now - timedelta(days=400)).date(),
                )
            )
        elif n % 10 < 9:
            cases.append(
                SupportCase(
                    company_id=application.company_id,
                    provider=universities[i],
                    stage=SupportStage.NONCLINICAL,
                    title="비임상 시험",
                )
            )
        else:
            declared.append(
                ConflictOfInterest(
                    application=application,
                    reviewer=users[i],
                    kind=ConflictKind.DECLARED,
                    reason="공동 연구",
                )
            )
    Affiliation.objects.bulk_create(affiliations)
    SupportCase.objects.bulk_create(cases)
    ConflictOfInterest.objects.bulk_create(declared)
    return staff, stage


def run_database(instance: Instance) -> None:
    url = bench_database.bench_database_url(BENCH_DATABASE)
    bench_database.admin_execute(
        url,
        f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)',
        f'CREATE DATABASE "{BENCH_DATABASE}"',
    )
    try:
        started = time.perf_counter()
        setup_django(url)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from ieum.core.jobs import silenced
        from ieum.programs.assignment import assign_reviewers
        from ieum.programs.models import ConflictOfInterest, ReviewAssignment

        staff, stage = build_rows(instance)
        print(f"\ndatabase: migrated and filled in {time.perf_counter() - started:.1f} s")
        # The e-mail to reviewers is not part of the figure (and there is no worker).
        with silenced(), CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            summary = assign_reviewers(actor=staff, stage=stage)
            seconds = time.perf_counter() - started
        conflicted = set(ConflictOfInterest.objects.values_list("application_id", "reviewer_id"))
        paired = set(ReviewAssignment.objects.values_list("application_id", "reviewer_id"))
        print("assign_reviewers (conflict check and records, solver, inserts, audit entries):")
        print(f"  time                {seconds:.2f} s")
        print(f"  queries             {len(queries)}")
        print(f"  conflicts recorded  {len(conflicted)} pairs")
        print(f"  assignments         {summary.created}")
        print(f"  load max − min      {summary.max_load - summary.min_load}")
        print(f"  expertise share     {summary.expertise_share:.1%}")
        print(f"  unfilled            {len(summary.unfilled)}")
        assert not conflicted & paired, "a conflict was paired"
        connection.close()
    finally:
        bench_database.admin_execute(
            url, f'DROP DATABASE IF EXISTS "{BENCH_DATABASE}" WITH (FORCE)'
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--applications", type=int, default=1000)
    parser.add_argument("--reviewers", type=int, default=150)
    parser.add_argument("--k", type=int, default=3)
    parser.add_argument("--conflicts", type=float, default=0.05, help="share of pairs")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--db", action="store_true", help="also run assign_reviewers")
    args = parser.parse_args()
    instance = make_instance(args)
    run_solver(instance)
    if args.db:
        run_database(instance)


if __name__ == "__main__":
    main()
