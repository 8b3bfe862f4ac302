"""Program report figures worked out by hand, who reports on which programs, the outcome
figures, and a query count that does not grow with the data.

All times are Seoul times in 2024 and 2025; the year edges are crossed on purpose (a call
opening at 00:30 on New Year's Day in Seoul, still 2024 in UTC; a case recorded then).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.accounts.access import access_for
from ieum.core.business_days import SEOUL
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentStatus,
    CallStatus,
    SupportStage,
    SupportStatus,
)
from ieum.programs.models import Cohort, CohortMember, SupportCase
from ieum.programs.reports import (
    ReportFilters,
    get_program_report,
    programs_outcome_figures,
)
from tests.factories import CompanyFactory
from tests.programs.factories import CallFactory, ProgramFactory, ProgramWorld

pytestmark = pytest.mark.django_db

YEAR_2025 = ReportFilters(year=2025)
MILLION = 1_000_000


def kst(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


def make_call(program, opens_at: datetime, *, budget: int, status=CallStatus.PUBLISHED):
    return CallFactory(
        program=program,
        opens_at=opens_at,
        closes_at=opens_at + timedelta(days=20),
        budget_krw=budget,
        status=status,
    )


def apply(world: ProgramWorld, call, company, status=ApplicationStatus.SUBMITTED, **data):
    if call != world.call:
        data.setdefault("current_stage", None)
    return world.application(call=call, company=company, status=status, **data)


def support_case(
    program, company, stage, amount: int, *, starts_on=None, status=SupportStatus.PLANNED, **data
):
    values = {"cluster": program.cluster if program else None, "program": program}
    values.update(data)
    return SupportCase.objects.create(
        company=company,
        stage=stage,
        title=f"{stage} support",
        amount_krw=amount,
        starts_on=starts_on,
        ends_on=None,
        status=status,
        **values,
    )


def recorded_at(case: SupportCase, moment: datetime) -> None:
    SupportCase.objects.filter(pk=case.pk).update(created_at=moment)


def cohort(program, call, year: int, companies) -> Cohort:
    made = Cohort.objects.create(program=program, call=call, name_ko=f"{year}년 기수", year=year)
    for company in companies:
        CohortMember.objects.create(cohort=made, company=company)
    return made


@dataclass
class ReportFixture:
    world: ProgramWorld
    third: object
    fourth: object
    other_program: object
    national_program: object
    selected: object
    withdrawn: object


def make_report_fixture(world: ProgramWorld) -> ReportFixture:
    """The figures in the comments are the ones the tests expect."""
    program, company, other = world.program, world.company, world.other_company
    third, fourth = CompanyFactory(name_ko="셋째바이오"), CompanyFactory(name_ko="넷째메드")

    # The world's call, moved into March 2025: 5 started, 3 submitted (one later
    # withdrawn), 1 selected, 1 not selected, a draft, and a draft withdrawn unsubmitted.
    call = world.call
    call.opens_at, call.closes_at = kst(2025, 3, 1), kst(2025, 3, 31)
    call.save(update_fields=["opens_at", "closes_at"])
    selected = apply(world, call, company, ApplicationStatus.SELECTED)
    not_selected = apply(world, call, other, ApplicationStatus.NOT_SELECTED)
    withdrawn = apply(world, call, third, ApplicationStatus.WITHDRAWN)
    apply(world, call, fourth, ApplicationStatus.DRAFT)
    apply(world, call, CompanyFactory(), ApplicationStatus.WITHDRAWN, submitted_at=None)
    # Reviews: 4 assigned (not recused, application not withdrawn), 3 done, 1 recusal.
    r0, r1, r2, r3 = world.reviewers
    world.score(world.assign(selected, r0), [5, 4, 3, 4])
    world.score(world.assign(selected, r1), [4, 4, 4, 4])
    world.assign(selected, r2)
    world.score(world.assign(not_selected, r0), [3, 3, 3, 3])
    recused = world.assign(not_selected, r3)
    recused.status = AssignmentStatus.RECUSED
    recused.save(update_fields=["status"])
    world.assign(withdrawn, r1)

    # A call opening at 00:30 on 1 January 2025 in Seoul (15:30 on 31 December in UTC).
    new_year = make_call(program, datetime(2024, 12, 31, 15, 30, tzinfo=UTC), budget=100 * MILLION)
    apply(world, new_year, company)
    # Left out: a draft call and a cancelled one.
    make_call(program, kst(2025, 5, 1), budget=999 * MILLION, status=CallStatus.DRAFT)
    cancelled = make_call(
        program, kst(2025, 5, 2), budget=999 * MILLION, status=CallStatus.CANCELLED
    )
    apply(world, cancelled, company)
    # 2024: a call at 23:00 on New Year's Eve in Seoul, 2 submitted, 1 selected.
    last_year = make_call(program, kst(2024, 12, 31, 23), budget=50 * MILLION)
    apply(world, last_year, company, ApplicationStatus.SELECTED)
    apply(world, last_year, other, ApplicationStatus.NOT_SELECTED)

    # Another cluster's program and a national one, each with a 2025 call.
    other_program = ProgramFactory(
        cluster=world.others["cluster"], name_ko="타 클러스터 사업", name_en="Other cluster program"
    )
    apply(world, make_call(other_program, kst(2025, 4, 1), budget=200 * MILLION), fourth)
    national_program = ProgramFactory(cluster=None, name_ko="전국 사업", name_en="National program")
    make_call(national_program, kst(2025, 6, 1), budget=10 * MILLION)

    # Support of the program in 2025: 4 cases (105M KRW) for 2 companies, 1 cancelled.
    support_case(
        program,
        company,
        SupportStage.PROTOTYPE,
        50 * MILLION,
        starts_on=date(2025, 4, 1),
        status=SupportStatus.COMPLETED,
    )
    support_case(
        program,
        company,
        SupportStage.CLINICAL,
        30 * MILLION,
        starts_on=date(2025, 6, 1),
        status=SupportStatus.IN_PROGRESS,
    )
    no_start = support_case(program, other, SupportStage.PROTOTYPE, 20 * MILLION)
    recorded_at(no_start, kst(2025, 5, 1))
    support_case(
        program,
        other,
        SupportStage.EXPORT,
        40 * MILLION,
        starts_on=date(2025, 7, 1),
        status=SupportStatus.CANCELLED,
    )
    new_year_case = support_case(program, company, SupportStage.MARKETING, 5 * MILLION)
    recorded_at(new_year_case, datetime(2024, 12, 31, 16, tzinfo=UTC))
    # 2024, outside any program, and another cluster's program.
    support_case(program, company, SupportStage.RND, 70 * MILLION, starts_on=date(2024, 11, 1))
    support_case(
        None,
        third,
        SupportStage.GMP,
        8 * MILLION,
        starts_on=date(2025, 2, 1),
        cluster=world.cluster,
    )
    support_case(
        other_program, fourth, SupportStage.APPROVAL, 10 * MILLION, starts_on=date(2025, 3, 1)
    )

    cohort(program, call, 2025, [company, third])
    cohort(program, last_year, 2024, [company])
    return ReportFixture(
        world=world,
        third=third,
        fourth=fourth,
        other_program=other_program,
        national_program=national_program,
        selected=selected,
        withdrawn=withdrawn,
    )


@pytest.fixture
def fixture(program_world) -> ReportFixture:
    return make_report_fixture(program_world)


def test_the_year_s_figures_are_those_worked_out_by_hand(fixture):
    report = get_program_report(user=fixture.world.staff, filters=YEAR_2025)
    total = report.total
    assert total.calls == 2
    assert total.budget_krw == 400 * MILLION
    assert (total.started, total.submitted, total.withdrawn) == (6, 4, 1)
    assert (total.selected, total.not_selected) == (1, 1)
    assert total.submission_rate == pytest.approx(4 / 6)
    assert total.selection_rate == pytest.approx(1 / 4)
    assert (total.reviews_assigned, total.reviews_done, total.reviews_recused) == (4, 3, 1)
    assert total.review_completion == pytest.approx(3 / 4)
    assert total.cases == 4
    assert total.amount_krw == 105 * MILLION
    assert total.companies_supported == 2
    assert total.cohort_companies == 2
    assert total.budget_used_share == pytest.approx(105 / 400)


def test_support_cases_by_stage_and_status(fixture):
    report = get_program_report(user=fixture.world.staff, filters=YEAR_2025)
    stages = {line.key: (line.cases, line.amount_krw) for line in report.by_stage}
    assert stages[SupportStage.PROTOTYPE] == (2, 70 * MILLION)
    assert stages[SupportStage.CLINICAL] == (1, 30 * MILLION)
    assert stages[SupportStage.MARKETING] == (1, 5 * MILLION)
    # Cancelled: in the status table only.
    assert stages[SupportStage.EXPORT] == (0, 0)
    assert [line.key for line in report.by_stage] == list(SupportStage)
    assert report.by_status == [
        (SupportStatus.PLANNED, 2),
        (SupportStatus.IN_PROGRESS, 1),
        (SupportStatus.COMPLETED, 1),
        (SupportStatus.CANCELLED, 1),
    ]


def test_years_cover_five_years_up_to_the_one_chosen(fixture):
    report = get_program_report(user=fixture.world.staff, filters=YEAR_2025)
    assert [row.key for row in report.by_year] == [2021, 2022, 2023, 2024, 2025]
    last_year = report.by_year[3]
    assert (last_year.calls, last_year.submitted, last_year.selected) == (1, 2, 1)
    assert last_year.budget_krw == 50 * MILLION
    assert last_year.cases == 1 and last_year.amount_krw == 70 * MILLION
    assert last_year.cohort_companies == 1
    assert report.by_year[4].submitted == report.total.submitted
    assert all(row.calls == 0 and row.cases == 0 for row in report.by_year[:3])


def test_calls_of_the_year_list_published_calls_only(fixture):
    report = get_program_report(user=fixture.world.staff, filters=YEAR_2025)
    new_year, march = report.calls
    assert march.pk == fixture.world.call.pk
    figures = march.figures
    assert (figures.started, figures.submitted, figures.selected, figures.reviews_done) == (
        5,
        3,
        1,
        3,
    )
    assert new_year.figures.budget_krw == 100 * MILLION and new_year.figures.submitted == 1


def test_staff_report_on_their_clusters_programs_and_admins_on_all(fixture):
    world = fixture.world
    staff = get_program_report(user=world.staff, filters=YEAR_2025)
    assert [row.key for row in staff.by_program] == [world.program.pk]
    assert [row.key for row in staff.by_cluster] == [world.cluster.pk]

    other = get_program_report(user=world.other_staff, filters=YEAR_2025)
    assert [row.key for row in other.by_program] == [fixture.other_program.pk]
    assert other.total.submitted == 1 and other.total.amount_krw == 10 * MILLION
    assert other.total.budget_krw == 200 * MILLION

    admin = get_program_report(user=world.admin, filters=YEAR_2025)
    assert {row.key for row in admin.by_program} == {
        world.program.pk,
        fixture.other_program.pk,
        fixture.national_program.pk,
    }
    clusters = [row.key for row in admin.by_cluster]
    # National programs come last.
    assert clusters[-1] is None and set(clusters[:-1]) == {
        world.cluster.pk,
        world.others["cluster"].pk,
    }
    assert admin.total.budget_krw == 610 * MILLION
    assert admin.total.submitted == 5


def test_filters_narrow_to_a_cluster_or_a_program(fixture):
    world = fixture.world
    by_cluster = get_program_report(
        user=world.admin, filters=ReportFilters(year=2025, cluster_id=world.others["cluster"].pk)
    )
    assert [row.key for row in by_cluster.by_program] == [fixture.other_program.pk]
    by_program = get_program_report(
        user=world.admin, filters=ReportFilters(year=2025, program_id=world.program.pk)
    )
    assert by_program.total.budget_krw == 400 * MILLION
    # A program out of reach gives nothing, even when asked for by its number.
    outside = get_program_report(
        user=world.staff, filters=ReportFilters(year=2025, program_id=fixture.other_program.pk)
    )
    assert outside.total.calls == 0 and outside.by_program == []


def test_only_cluster_staff_and_platform_admins_get_the_report(fixture):
    world = fixture.world
    for role in ("company", "other_company", "reviewer", "stranger"):
        with pytest.raises(PermissionDenied):
            get_program_report(user=world.roles[role], filters=YEAR_2025)


def test_outcome_figures_of_a_cluster_and_of_all(fixture):
    world = fixture.world
    assert programs_outcome_figures(year=2025, cluster_id=world.cluster.pk) == {
        "support_cases": 5,
        "companies_supported": 3,
        "amount_krw": 113 * MILLION,
        "cohort_companies": 2,
    }
    assert programs_outcome_figures(year=2025, cluster_id=None) == {
        "support_cases": 6,
        "companies_supported": 4,
        "amount_krw": 123 * MILLION,
        "cohort_companies": 2,
    }
    assert programs_outcome_figures(year=2024, cluster_id=world.cluster.pk) == {
        "support_cases": 1,
        "companies_supported": 1,
        "amount_krw": 70 * MILLION,
        "cohort_companies": 1,
    }
    assert programs_outcome_figures(year=2023, cluster_id=None) == {
        "support_cases": 0,
        "companies_supported": 0,
        "amount_krw": 0,
        "cohort_companies": 0,
    }


def report_queries(user) -> int:
    access_for(user)
    with CaptureQueriesContext(connection) as queries:
        report = get_program_report(user=user, filters=YEAR_2025)
        report.chart_data()
    return len(queries)


def test_the_report_s_queries_do_not_grow_with_the_data(fixture):
    world = fixture.world
    few = report_queries(world.admin)
    for number in range(4):
        program = ProgramFactory(cluster=world.cluster)
        for month in (2, 9):
            call = make_call(program, kst(2025, month, 1), budget=10 * MILLION)
            for _ in range(3):
                company = CompanyFactory()
                application = apply(world, call, company, ApplicationStatus.SELECTED)
                world.assign(application, world.reviewers[number])
                support_case(
                    program,
                    company,
                    SupportStage.GMP,
                    MILLION,
                    starts_on=date(2025, month, 2),
                )
            cohort(program, call, 2025 - month % 2, [company])
    many = report_queries(world.admin)
    assert many == few
    assert get_program_report(user=world.admin, filters=YEAR_2025).total.calls == 12
