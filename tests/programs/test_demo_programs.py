"""The programs demo that `seed_demo` loads: 김해 opens a call, thirty companies apply,
reviewers are assigned without conflicts and score, the normalized ranking selects a
cohort of twenty, the cohort gets support over several stages, and the report shows it;
the national call selected its six host institutions, 광주's full-cycle support spans
every stage over several years, and the demo logins find their walk ready.

One load for all checks, after the demos it builds on: loading takes a while.
"""

import time
from collections import Counter

from auditlog.context import disable_auditlog
from django.db.models import Exists, OuterRef

from ieum.accounts.models import User
from ieum.core.business_days import seoul_today
from ieum.directory.demo.loader import load_demo, reset_demo
from ieum.directory.models import Organization
from ieum.facilities.demo.loader import load_facility_demo, reset_facility_demo
from ieum.linkage.demo.loader import load_linkage_demo, reset_linkage_demo
from ieum.partnering.demo.loader import load_partnering_demo, reset_partnering_demo
from ieum.programs.aggregation import rank_stage
from ieum.programs.applications import call_phase, start_application
from ieum.programs.conflicts import find_conflicts
from ieum.programs.demo.loader import (
    load_programs_demo,
    programs_demo_totals,
    reset_programs_demo,
)
from ieum.programs.eligibility import eligibility_reasons
from ieum.programs.enums import (
    AUTOMATIC_CONFLICTS,
    ApplicationStatus,
    AssignmentStatus,
    CallPhase,
    ConflictKind,
    DecisionOutcome,
    StageStatus,
    SupportStage,
    SupportStatus,
)
from ieum.programs.models import (
    Application,
    Call,
    Cohort,
    ConflictOfInterest,
    Decision,
    Program,
    ReviewAssignment,
    SupportCase,
)
from ieum.programs.reports import ReportFilters, build_program_report
from ieum.programs.visibility import reviewer_assignments, visible_applications

SIX_HOSTS = {
    "gimhae-biomedical-agency",
    "daejeon-technopark",
    "wonju-medical-technovalley",
    "jeonnam-bio-foundation",
    "jeonbuk-economy-agency",
    "chungbuk-bio-convergence-institute",
}


def test_the_programs_demo_loads_once_and_tells_the_whole_cycle(db):
    with disable_auditlog():
        load_demo()
        load_facility_demo()
        load_partnering_demo()
        load_linkage_demo()
        started = time.monotonic()
        created = load_programs_demo()
        print(f"programs demo loaded in {time.monotonic() - started:.1f} s")
    assert created["programs"] == 5 and created["calls"] == 5

    check_the_gimhae_cohort_call()
    check_no_reviewer_meets_a_conflict()
    check_the_cohort_support_and_the_report()
    check_the_national_call()
    check_the_gwangju_support_history()
    check_what_the_demo_logins_find()

    totals = programs_demo_totals()
    with disable_auditlog():
        assert not load_programs_demo()
    assert programs_demo_totals() == totals

    # The programs go first; then everything they point to can go too.
    removed = reset_programs_demo()
    assert removed["programs"] == 5
    assert removed["support cases"] == totals["support cases"]
    assert not Program.objects.exists() and not SupportCase.objects.exists()
    reset_linkage_demo()
    reset_partnering_demo()
    reset_facility_demo()
    assert reset_demo()["clusters"] > 0


def gimhae_call() -> Call:
    return Call.objects.get(slug="gimhae-strong-sme-2026")


def check_the_gimhae_cohort_call():
    call = gimhae_call()
    assert call.program.cluster.slug == "gimhae-biomedical"
    assert call_phase(call) == CallPhase.ANNOUNCED
    applications = call.applications.all()
    # Thirty companies applied before the deadline; one draft was never sent.
    submitted = applications.exclude(submitted_at=None)
    assert submitted.count() == 30
    assert not submitted.filter(submitted_at__gte=call.closes_at).exists()
    assert not submitted.filter(submitted_at__lt=call.opens_at).exists()
    assert applications.filter(status=ApplicationStatus.DRAFT).count() == 1
    assert applications.filter(status=ApplicationStatus.WITHDRAWN).count() == 1
    assert all(a.files.exists() for a in submitted)

    document, presentation = call.stages.order_by("position")
    assert document.status == presentation.status == StageStatus.DECIDED
    assert document.normalize and presentation.normalize
    # Every submitted application got three complete reviews in the document stage.
    ranking = rank_stage(document)
    assert len(ranking) == 29 and all(row.complete and row.normalized for row in ranking)
    assert any(row.disagreement for row in ranking)
    loads = Counter(
        ReviewAssignment.objects.filter(stage=document)
        .exclude(status=AssignmentStatus.RECUSED)
        .values_list("reviewer_id", flat=True)
    )
    assert len(loads) == 9 and max(loads.values()) - min(loads.values()) <= 2
    advanced = Decision.objects.filter(stage=document, outcome=DecisionOutcome.ADVANCE)
    assert advanced.count() == 26

    # The presentations pick twenty; normalization changed who is in the top twenty.
    final = rank_stage(presentation)
    raw = rank_stage(presentation, normalize=False)
    top = {row.application_id for row in final[:20]}
    assert top != {row.application_id for row in raw[:20]}
    decisions = Decision.objects.filter(stage=presentation)
    outcomes = Counter(decisions.values_list("outcome", flat=True))
    assert outcomes[DecisionOutcome.SELECTED] == call.quota == 20
    assert outcomes[DecisionOutcome.RESERVE] == 2
    # One departure from the ranking, with its reasons both ways.
    excluded = decisions.get(rank=19)
    assert excluded.outcome == DecisionOutcome.NOT_SELECTED and "중복 수혜" in excluded.reason
    assert decisions.get(rank=21).outcome == DecisionOutcome.SELECTED

    cohort = Cohort.objects.get(call=call)
    assert cohort.name_ko == "김해 강소기업 8기" and cohort.year == 2026
    selected = set(applications.filter(status=ApplicationStatus.SELECTED).values_list(
        "company_id", flat=True
    ))  # fmt: skip
    assert set(cohort.members.values_list("company_id", flat=True)) == selected
    assert len(selected) == 20
    assert cohort.members.filter(company__slug="h-bio-diagnostics").exists()
    assert call.notices.count() == 3 and call.inquiries.filter(is_public=True).count() == 2


def check_no_reviewer_meets_a_conflict():
    conflicted = ConflictOfInterest.objects.filter(
        application=OuterRef("application"), reviewer=OuterRef("reviewer")
    )
    live = ReviewAssignment.objects.filter(stage__call__program__is_demo=True).exclude(
        status=AssignmentStatus.RECUSED
    )
    assert live.exists() and not live.filter(Exists(conflicted)).exists()

    # The conflicts recorded when 김해's call was reviewed: every automatic kind, and
    # 정태호's advisory role at (주)바른자세랩, ended more than three years ago, is none.
    call = gimhae_call()
    recorded = ConflictOfInterest.objects.filter(application__call=call)
    assert set(recorded.values_list("kind", flat=True)) == {
        *AUTOMATIC_CONFLICTS,
        ConflictKind.DECLARED,
    }
    jung = User.objects.get(email="review.jung@demo.ieum.kr")
    bareun = call.applications.get(company__slug="bareun-posture-lab")
    nanofit = call.applications.get(company__slug="nanofit")
    assert not find_conflicts(applications=[bareun], reviewers=[jung], years=3)
    assert recorded.filter(application=nanofit, reviewer=jung).exists()

    # A declared recusal: the assignment is recused and the application out of sight.
    declared = ConflictOfInterest.objects.get(application__call=call, kind=ConflictKind.DECLARED)
    assert declared.reason
    recused = ReviewAssignment.objects.get(
        application=declared.application, reviewer=declared.reviewer
    )
    assert recused.status == AssignmentStatus.RECUSED and recused.recused_at
    assert not visible_applications(declared.reviewer).filter(pk=declared.application_id).exists()
    assert not reviewer_assignments(declared.reviewer).filter(pk=recused.pk).exists()


def check_the_cohort_support_and_the_report():
    call = gimhae_call()
    cohort = Cohort.objects.get(call=call)
    cases = SupportCase.objects.filter(cohort=cohort)
    assert set(cases.values_list("company_id", flat=True)) == set(
        cohort.members.values_list("company_id", flat=True)
    )
    assert len(set(cases.values_list("stage", flat=True))) >= 5
    assert not cases.filter(starts_on__lt=call.results_published_at.date()).exists()
    statuses = set(cases.values_list("status", flat=True))
    assert {SupportStatus.COMPLETED, SupportStatus.IN_PROGRESS} <= statuses
    # Cases carried by the company's own linkage requests and facility bookings.
    linked = cases.exclude(service_request=None)
    assert linked.exists()
    assert all(c.service_request.company_id == c.company_id for c in linked)
    booked = cases.exclude(booking=None)
    assert booked.exists() and all(c.booking.organization_id == c.company_id for c in booked)
    company = Organization.objects.get(slug="h-bio-diagnostics")
    assert cases.filter(company=company).exclude(deliverables__file="").exists()

    report = build_program_report(
        Program.objects.filter(pk=call.program_id), ReportFilters(year=2026)
    )
    assert report.total.submitted == 30
    assert report.total.selected == 20
    assert report.total.cases > 0 and report.total.amount_krw > 0
    assert report.total.cohort_companies == 20


def check_the_national_call():
    call = Call.objects.get(slug="kbiohealth-regional-center-2025")
    assert call.program.cluster is None
    selected = call.applications.filter(status=ApplicationStatus.SELECTED)
    assert set(selected.values_list("company__slug", flat=True)) == SIX_HOSTS
    stage = call.stages.get()
    assert list(stage.criteria.values_list("name_ko", "weight")) == [
        ("인프라", 30),
        ("역량", 25),
        ("협력체계", 20),
        ("계획 구체성", 25),
    ]
    assert all(row.method == "trimmed_mean" for row in rank_stage(stage))
    assert call.results_published_at.astimezone().date().isoformat() in {
        "2025-04-15",
        "2025-04-16",
    }
    # 정태호 sat on the Gimhae agency's steering committee until the end of 2024.
    assert ConflictOfInterest.objects.filter(
        application__call=call,
        application__company__slug="gimhae-biomedical-agency",
        reviewer__email="review.jung@demo.ieum.kr",
        kind=ConflictKind.PAST_AFFILIATION,
    ).exists()


def check_the_gwangju_support_history():
    cases = SupportCase.objects.filter(program__slug="gwangju-implant-full-cycle")
    assert 100 <= cases.count() <= 160
    assert cases.values("company").distinct().count() >= 25
    assert set(cases.values_list("stage", flat=True)) == set(SupportStage.values)
    assert len({day.year for day in cases.values_list("starts_on", flat=True)}) >= 3
    assert cases.exclude(service_request=None).exists() and cases.exclude(booking=None).exists()
    assert cases.filter(status=SupportStatus.CANCELLED).exists()
    assert not cases.exclude(cluster__slug="gwangju-biomaterials").exists()


def check_what_the_demo_logins_find():
    # company@ may apply to the voucher call now, and reads why not to the academy.
    company_user = User.objects.get(email="company@demo.ieum.kr")
    company = Organization.objects.get(slug="h-bio-diagnostics")
    voucher = Call.objects.get(slug="gimhae-global-voucher-2027-1")
    academy = Call.objects.get(slug="gimhae-startup-academy-2027")
    assert call_phase(voucher) == call_phase(academy) == CallPhase.OPEN
    assert eligibility_reasons(call=voucher, company=company) == []
    assert eligibility_reasons(call=academy, company=company)
    assert not voucher.applications.filter(company=company).exists()
    assert voucher.applications.filter(status=ApplicationStatus.SUBMITTED).count() == 3
    draft = start_application(actor=company_user, call=voucher, company=company)
    assert draft.status == ApplicationStatus.DRAFT

    # reviewer@ has reviews waiting in a blind stage under review, two handed in, and
    # none of the company 조선대 supported.
    reviewer = User.objects.get(email="reviewer@demo.ieum.kr")
    call = Call.objects.get(slug="gwangju-implant-prototype-2026-h2")
    stage = call.stages.get()
    assert stage.is_blind and stage.status == StageStatus.REVIEWING
    assert stage.reviews_due_at.date() > seoul_today()
    mine = Counter(
        reviewer_assignments(reviewer).filter(stage=stage).values_list("status", flat=True)
    )
    assert mine[AssignmentStatus.SUBMITTED] == 2 and mine[AssignmentStatus.ASSIGNED] >= 2
    supported = SupportCase.objects.filter(provider__slug="chosun-university-rnd").values(
        "company_id"
    )
    conflicted = call.applications.filter(company_id__in=supported)
    assert conflicted.exists()
    assert not reviewer_assignments(reviewer).filter(application__in=conflicted).exists()
    # Past reviews: reviewer@ scored in the 김해 call too.
    assert ReviewAssignment.objects.filter(
        reviewer=reviewer, stage__call=gimhae_call(), status=AssignmentStatus.SUBMITTED
    ).exists()
    assert Application.objects.filter(call=call, status=ApplicationStatus.SUBMITTED).count() == 12
