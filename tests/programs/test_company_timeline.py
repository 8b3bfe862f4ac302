"""A company's full-cycle timeline: what each reader finds on it, and who may open it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ieum.accounts.enums import Role
from ieum.core.business_days import SEOUL
from ieum.directory.models import Organization
from ieum.facilities.enums import BookingStatus
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.programs.enums import ApplicationStatus, DecisionOutcome, SupportStage, SupportStatus
from ieum.programs.models import Cohort, CohortMember, Decision
from ieum.programs.timeline import (
    TimelineKind,
    by_year,
    company_timeline,
    stage_totals,
)
from tests.factories import ClusterFactory, MembershipFactory, ResourceFactory
from tests.programs.factories import CallFactory
from tests.programs.support_factories import (
    booking,
    make_support_setting,
    service_request,
    support_case,
)

K = TimelineKind


def seoul(day: date, hour: int = 10) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=SEOUL)


@pytest.fixture
def history(program_world):
    """The company's history over two clusters: the world's cluster, where it is a member
    and applied, and another cluster that supports it for an export show."""
    world = program_world
    setting = make_support_setting(world)
    other_cluster = world.others["cluster"]
    made = {
        "prototype": support_case(world, title="시제품 고도화", starts_on=date(2024, 5, 1)),
        "export": support_case(
            world,
            cluster=other_cluster,
            program=None,
            stage=SupportStage.EXPORT,
            title="MEDICA 공동관 참가",
            amount_krw=8_000_000,
            starts_on=date(2026, 1, 10),
            ends_on=date(2026, 1, 20),
            created_by=world.other_staff,
        ),
        "cancelled": support_case(
            world,
            title="취소된 마케팅",
            stage=SupportStage.MARKETING,
            status=SupportStatus.CANCELLED,
        ),
        "application": world.application(
            title="심전도 패치 사업화",
            requested_krw=50_000_000,
            submitted_at=seoul(date(2025, 2, 3)),
        ),
        "request_here": service_request(
            world.company,
            cluster=world.cluster,
            provider=setting.hospital,
            title="임상 설계 자문 (김해 경유)",
            submitted=seoul(date(2025, 4, 7)),
        ),
        "request_there": service_request(
            world.company,
            cluster=other_cluster,
            service_type=ServiceType.REGULATORY_CONSULTING,
            status=RequestStatus.SUBMITTED,
            title="CE 인증 자문 (다른 클러스터)",
            submitted=seoul(date(2025, 8, 1)),
        ),
        "request_draft": service_request(
            world.company, cluster=world.cluster, status=RequestStatus.DRAFT, title="초안"
        ),
        "booking_here": booking(
            world.company,
            resource=setting.resource,
            booked_by=world.company_member,
            start=seoul(date(2025, 5, 12)),
        ),
        "booking_there": booking(
            world.company,
            resource=ResourceFactory(cluster=other_cluster, name_ko="3D 프린터"),
            booked_by=world.company_member,
            start=seoul(date(2025, 6, 2)),
        ),
        "booking_cancelled": booking(
            world.company,
            resource=setting.resource,
            booked_by=world.company_member,
            status=BookingStatus.CANCELLED,
            start=seoul(date(2025, 5, 19)),
        ),
    }
    Decision.objects.create(
        application=made["application"],
        stage=world.stage,
        outcome=DecisionOutcome.SELECTED,
        rank=1,
        decided_by=world.staff,
    )
    # Another company's case in the same cluster never shows on this timeline.
    support_case(world, company=world.other_company, title="다른 회사의 지원")
    return made


def publish(world, application) -> None:
    announced = seoul(date(2025, 3, 20))
    world.call.results_published_at = announced
    world.call.save(update_fields=["results_published_at"])
    application.status = ApplicationStatus.SELECTED
    application.save(update_fields=["status"])
    cohort = Cohort.objects.create(
        program=world.program, call=world.call, name_ko="강소기업 3기", year=2025
    )
    CohortMember.objects.create(cohort=cohort, company=world.company, application=application)


def titles(user, company, kind=None) -> set[str]:
    entries = company_timeline(user=user, company=company)
    return {entry.title for entry in entries if kind is None or entry.kind == kind}


def test_the_companys_members_see_their_whole_history(program_world, history):
    world = program_world
    publish(world, history["application"])
    entries = company_timeline(user=world.company_member, company=world.company)
    kinds = {(entry.kind, entry.title) for entry in entries}
    call = world.call.title
    assert kinds == {
        (K.SUPPORT, "시제품 고도화"),
        (K.SUPPORT, "MEDICA 공동관 참가"),
        (K.SUPPORT, "취소된 마케팅"),
        (K.APPLICATION, call),
        (K.RESULT, call),
        (K.COHORT, "강소기업 3기"),
        (K.SERVICE_REQUEST, "임상 설계 자문 (김해 경유)"),
        (K.SERVICE_REQUEST, "CE 인증 자문 (다른 클러스터)"),
        (K.BOOKING, history["booking_here"].resource.name),
        (K.BOOKING, "3D 프린터"),
    }
    # Oldest first, across clusters and programs.
    assert [entry.date for entry in entries] == sorted(entry.date for entry in entries)
    assert [year for year, _ in by_year(entries)] == [2024, 2025, 2026]


def test_the_result_shows_only_once_announced_and_decisions_only_to_managers(
    program_world, history
):
    world = program_world
    for reader in (world.company_member, world.staff, world.admin):
        assert not titles(reader, world.company, K.RESULT)
    assert not titles(world.company_member, world.company, K.DECISION)
    assert titles(world.staff, world.company, K.DECISION) == {world.call.title}
    assert titles(world.admin, world.company, K.DECISION) == {world.call.title}
    publish(world, history["application"])
    assert titles(world.company_member, world.company, K.RESULT) == {world.call.title}
    assert not titles(world.company_member, world.company, K.DECISION)


def test_staff_see_their_clusters_part_and_the_requests_they_may_see_only(program_world, history):
    world = program_world
    publish(world, history["application"])
    assert titles(world.staff, world.company) == {
        "시제품 고도화",
        "취소된 마케팅",
        world.call.title,
        "강소기업 3기",
        "임상 설계 자문 (김해 경유)",
        history["booking_here"].resource.name,
    }
    # The other cluster holds a case of the company, so its staff open the timeline and
    # find that case, the request it routes and the booking of its own equipment.
    assert titles(world.other_staff, world.company) == {
        "MEDICA 공동관 참가",
        "CE 인증 자문 (다른 클러스터)",
        "3D 프린터",
        "강소기업 3기",
    }


def test_platform_admins_see_everything_but_drafts(program_world, history):
    world = program_world
    seen = titles(world.admin, world.company)
    assert "초안" not in seen
    assert {"MEDICA 공동관 참가", "시제품 고도화", "CE 인증 자문 (다른 클러스터)"} <= seen


@pytest.mark.parametrize("role", ["other_company", "reviewer", "stranger"])
def test_outsiders_may_not_open_the_timeline(program_world, history, role):
    world = program_world
    with pytest.raises(Organization.DoesNotExist):
        company_timeline(user=world.roles[role], company=world.company)


def test_providers_and_unrelated_staff_may_not_open_it(program_world, history):
    world = program_world
    provider_member = MembershipFactory(organization=history["request_here"].provider).user
    unrelated_staff = MembershipFactory(
        organization=ClusterFactory().operator, role=Role.CLUSTER_STAFF
    ).user
    for reader in (provider_member, unrelated_staff):
        with pytest.raises(Organization.DoesNotExist):
            company_timeline(user=reader, company=world.company)
    with pytest.raises(Organization.DoesNotExist):
        company_timeline(user=world.admin, company=history["request_here"].provider)


def test_entries_carry_stage_status_cluster_program_amount_and_link(
    program_world, history, english
):
    world = program_world
    entries = company_timeline(user=world.staff, company=world.company)
    case = next(entry for entry in entries if entry.title == "시제품 고도화")
    assert (case.kind_label, case.stage_label, case.status) == (
        "Support case",
        "Prototyping and refinement",
        "Planned",
    )
    assert (case.cluster, case.program, case.amount) == (world.cluster, world.program, 15_000_000)
    assert case.link == f"/programs/support/{history['prototype'].pk}/"
    request = next(entry for entry in entries if entry.kind == K.SERVICE_REQUEST)
    assert request.stage == SupportStage.CLINICAL
    assert request.link == f"/linkage/requests/{history['request_here'].pk}/"
    assert request.date == date(2025, 4, 7)
    booked = next(entry for entry in entries if entry.kind == K.BOOKING)
    assert booked.amount == 30_000 and booked.date == date(2025, 5, 12)
    applied = next(entry for entry in entries if entry.kind == K.APPLICATION)
    assert applied.link == f"/programs/applications/{history['application'].pk}/"
    assert (applied.date, applied.amount, applied.detail) == (
        date(2025, 2, 3),
        50_000_000,
        "심전도 패치 사업화",
    )


def test_stage_totals_follow_the_support_cycle_and_skip_cancelled_cases(program_world, history):
    world = program_world
    totals = stage_totals(company_timeline(user=world.company_member, company=world.company))
    assert [total.stage for total in totals] == list(SupportStage.values)
    counted = {total.stage: (total.cases, total.amount) for total in totals if total.cases}
    assert counted == {"prototype": (1, 15_000_000), "export": (1, 8_000_000)}


def test_a_request_title_stays_sealed_for_a_reader_kept_out_of_its_details(program_world):
    world = program_world
    setting = make_support_setting(world)
    # Staff of the other cluster, which holds a case of the company, who also coordinate
    # for the hospital a confidential request was assigned to before its NDA.
    reader = world.other_staff
    MembershipFactory(user=reader, organization=setting.hospital, role=Role.HOSPITAL_COORDINATOR)
    support_case(world, cluster=world.others["cluster"], program=None, title="수출 상담회")
    service_request(
        world.company,
        cluster=world.cluster,
        provider=setting.hospital,
        status=RequestStatus.ASSIGNED,
        title="비밀 임상 설계",
    )
    entries = company_timeline(user=reader, company=world.company)
    requests = [entry for entry in entries if entry.kind == K.SERVICE_REQUEST]
    assert [entry.title for entry in requests] == [str(ServiceType.CLINICAL_TRIAL_CONSULTING.label)]
    assert "비밀 임상 설계" not in {entry.title for entry in entries}


def test_the_timeline_runs_a_fixed_number_of_queries(program_world):
    world = program_world
    setting = make_support_setting(world)

    def grow(count: int) -> None:
        for n in range(count):
            support_case(world, title=f"지원 {n}", starts_on=date(2024, 1, 1) + timedelta(days=n))
            service_request(world.company, cluster=world.cluster, provider=setting.hospital)
            booking(world.company, resource=setting.resource, booked_by=world.company_member)
            call = CallFactory(program=world.program, results_published_at=timezone.now())
            application = world.application(call=call, status=ApplicationStatus.SELECTED)
            Decision.objects.create(
                application=application, stage=world.stage, outcome=DecisionOutcome.SELECTED
            )
            cohort = Cohort.objects.create(
                program=world.program, call=call, name_ko=f"{n}기", year=2025
            )
            CohortMember.objects.create(cohort=cohort, company=world.company)

    def queries(role: str) -> int:
        reader = type(world.roles[role]).objects.get(pk=world.roles[role].pk)
        with CaptureQueriesContext(connection) as captured:
            entries = company_timeline(user=reader, company=world.company)
        assert entries
        return len(captured)

    grow(2)
    few = {role: queries(role) for role in ("company", "staff", "admin")}
    grow(8)
    many = {role: queries(role) for role in ("company", "staff", "admin")}
    assert few == many
