"""Request report figures worked out by hand, who gets which requests, and the KPI.

The fixture's requests are walked through the real workflow, then their timestamps
are moved into 2025 so that every time is known. Seoul dates; 2025 holidays used:
5 and 6 May (Children's Day and Buddha's Birthday, and their substitute), 3 June
(presidential election), 6 June (Memorial Day), 15 August (Liberation Day).
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from ieum.accounts.models import User
from ieum.core.business_days import SEOUL
from ieum.linkage import workflow
from ieum.linkage.drafts import create_request
from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.models import RequestEvent, ServiceRequest
from ieum.linkage.reports import (
    ReportFilters,
    build_request_report,
    get_request_report,
    requests_figures_for_company,
    supported_trials_and_approvals,
)
from ieum.linkage.visibility import visible_requests
from tests.factories import MembershipFactory, term
from tests.linkage.factories import LinkageWorld, OfferingFactory

pytestmark = pytest.mark.django_db

YEAR_2025 = ReportFilters.for_year(2025)
TODAY = date(2025, 12, 1)


def kst(month: int, day: int, hour: int = 10, year: int = 2025) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SEOUL)


def set_times(request: ServiceRequest, *, steps: dict | None = None, **fields) -> None:
    """Move a request's timestamps and the times of its timeline's steps (in order)."""
    ServiceRequest.objects.filter(pk=request.pk).update(**fields)
    for step, moments in (steps or {}).items():
        events = RequestEvent.objects.filter(request=request, step=step).order_by("at", "pk")
        assert events.count() == len(moments)
        for event, moment in zip(events, moments, strict=True):
            RequestEvent.objects.filter(pk=event.pk).update(at=moment)


def regulatory_request(world: LinkageWorld, offering) -> ServiceRequest:
    """Declined once by 서울아산병원, assigned again, accepted and delivered."""
    request = create_request(
        actor=world.company_member,
        company=world.company,
        data={
            "service_type": ServiceType.REGULATORY_CONSULTING,
            "title": "FDA 510(k) 전략 자문",
            "description": "미국 510(k) 제출 전략에 대한 자문이 필요합니다.",
            "therapeutic_area": term("therapeutic_area", "oncology"),
            "is_confidential": False,
        },
    )
    staff, coordinator = world.staff, world.other_coordinator
    request = workflow.submit_request(actor=world.company_member, request=request)
    request = workflow.assign_request(actor=staff, request=request, offering=offering)
    request = workflow.decline_request(actor=coordinator, request=request, reason="일정 불가")
    request = workflow.assign_request(actor=staff, request=request, offering=offering)
    request = workflow.accept_request(actor=coordinator, request=request)
    return workflow.deliver_request(actor=coordinator, request=request, note="검토 의견서")


@dataclass
class Fixture:
    world: LinkageWorld
    r1: ServiceRequest
    r2: ServiceRequest
    r3: ServiceRequest
    r4: ServiceRequest
    r5: ServiceRequest
    r7: ServiceRequest
    r8: ServiceRequest
    r9: ServiceRequest
    draft: ServiceRequest
    regulatory: object


def make_report_fixture(world: LinkageWorld) -> Fixture:
    closed = RequestStatus.CLOSED
    # R1: answered across the May holidays, delivered on time, rated 5.
    r1 = world.request(closed)
    set_times(
        r1,
        submitted_at=kst(5, 2),
        delivered_at=kst(5, 20, 15),
        delivery_due=date(2025, 5, 21),
        rating=5,
        steps={Step.ASSIGN: [kst(5, 2, 15)], Step.ACCEPT: [kst(5, 7, 9)]},
    )
    # R2: submitted at 01:00 on 1 June in Seoul (still 31 May in UTC), late, rated 3.
    r2 = world.request(closed, is_confidential=False)
    set_times(
        r2,
        submitted_at=datetime(2025, 5, 31, 16, tzinfo=UTC),
        delivered_at=kst(6, 13, 17),
        delivery_due=date(2025, 6, 12),
        rating=3,
        steps={Step.ASSIGN: [kst(6, 2)], Step.ACCEPT: [kst(6, 5)]},
    )
    # R3: regulatory consulting for oncology at 서울아산병원, declined once, not rated.
    regulatory = OfferingFactory(
        provider=world.others["hospital"], service_type=ServiceType.REGULATORY_CONSULTING
    )
    r3 = regulatory_request(world, regulatory)
    set_times(
        r3,
        submitted_at=kst(6, 30, 9),
        delivered_at=kst(8, 18, 11),
        delivery_due=date(2025, 8, 18),
        steps={
            Step.ASSIGN: [kst(7, 1), kst(7, 3)],
            Step.DECLINE: [kst(7, 2)],
            Step.ACCEPT: [kst(7, 4)],
        },
    )
    # R4: assigned in November and never answered: overdue since 20 November.
    r4 = world.request(RequestStatus.ASSIGNED)
    set_times(
        r4,
        submitted_at=kst(11, 14),
        response_due=date(2025, 11, 20),
        steps={Step.ASSIGN: [kst(11, 14, 14)]},
    )
    # R5: submitted, then cancelled by the company.
    r5 = workflow.cancel_request(
        actor=world.company_member, request=world.request(RequestStatus.SUBMITTED)
    )
    set_times(r5, submitted_at=kst(11, 17))
    # R7: 00:30 on New Year's Day in Seoul, still 2024 in UTC; never triaged.
    r7 = world.request(RequestStatus.SUBMITTED)
    set_times(r7, submitted_at=kst(1, 1, 0).replace(minute=30), triage_due=date(2025, 1, 3))
    # R8: 23:00 on New Year's Eve 2024 in Seoul: not in 2025.
    r8 = world.request(RequestStatus.SUBMITTED)
    set_times(r8, submitted_at=kst(12, 31, 23, year=2024), triage_due=date(2025, 1, 3))
    # R9: another company's request, routed by the other cluster.
    r9 = create_request(
        actor=world.other_company_member,
        company=world.others["company"],
        data={
            "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
            "title": "다른 클러스터의 요청",
            "description": "다른 클러스터가 배정할 요청입니다.",
        },
    )
    r9 = workflow.submit_request(actor=world.other_company_member, request=r9)
    set_times(r9, submitted_at=kst(3, 10), triage_due=date(2025, 3, 12))
    # A draft never counts.
    draft = world.request(RequestStatus.DRAFT)
    return Fixture(world, r1, r2, r3, r4, r5, r7, r8, r9, draft, regulatory)


@pytest.fixture
def fixture(world) -> Fixture:
    return make_report_fixture(world)


def staff_report(fixture: Fixture, filters: ReportFilters = YEAR_2025):
    return get_request_report(user=fixture.world.staff, filters=filters, today=TODAY)


def by_label(rows) -> dict[str, int]:
    return {row.label: row.requests for row in rows}


def test_counts_by_type_provider_area_cluster_and_month(fixture, english):
    report = staff_report(fixture)
    f = fixture
    assert [line.pk for line in report.lines] == [
        f.r7.pk,
        f.r1.pk,
        f.r2.pk,
        f.r3.pk,
        f.r4.pk,
        f.r5.pk,
    ]
    assert by_label(report.by_type) == {
        "Clinical-trial consulting": 5,
        "Regulatory consulting": 1,
    }
    assert by_label(report.by_provider) == {
        "Yonsei University Health System": 3,
        "Not assigned": 2,
        f.world.others["hospital"].name: 1,
    }
    assert report.by_provider[0].label == "Yonsei University Health System"
    assert by_label(report.by_area) == {"Cardiovascular diseases": 5, "Oncology": 1}
    assert by_label(report.by_cluster) == {f.world.cluster.name: 6}
    months = {row.label: row.requests for row in report.months}
    assert list(months) == [f"2025-{month:02d}" for month in range(1, 13)]
    assert months == {
        **{f"2025-{month:02d}": 0 for month in range(1, 13)},
        "2025-01": 1,
        "2025-05": 1,
        "2025-06": 2,
        "2025-11": 2,
    }
    june = report.months[5]
    assert june.delivered == 2
    assert june.mean_rating == 3


def test_the_funnel_counts_steps_from_the_timeline(fixture):
    funnel = staff_report(fixture).funnel
    assert funnel.submitted == 6
    assert funnel.assigned == 4  # R1, R2, R3, R4
    assert funnel.accepted == 3  # R1, R2, R3
    assert funnel.delivered == 3
    assert funnel.closed == 2
    assert funnel.cancelled == 1
    assert funnel.declines == 1


def test_response_and_completion_times_in_business_days(fixture):
    report = staff_report(fixture)
    lines = {line.pk: line for line in report.lines}
    # R1: assigned Fri 2 May, accepted Wed 7 May: the weekend and 5-6 May are off, 1 day.
    assert lines[fixture.r1.pk].response_days == 1
    # Submitted 2 May, delivered Tue 20 May: 7-9, 12-16, 19-20 May.
    assert lines[fixture.r1.pk].completion_days == 10
    # R2: assigned Mon 2 June, accepted Thu 5 June; 3 June is a holiday: 2 days.
    assert lines[fixture.r2.pk].response_days == 2
    # Submitted Sun 1 June, delivered Fri 13 June: 2, 4, 5 and 9-13 June.
    assert lines[fixture.r2.pk].completion_days == 8
    # R3: the first answer was the decline, the day after the first assignment.
    assert lines[fixture.r3.pk].response_days == 1
    # Submitted Mon 30 June, delivered Mon 18 August: 23 days in July, 11 in August.
    assert lines[fixture.r3.pk].completion_days == 34
    assert lines[fixture.r4.pk].response_days is None
    assert report.response.days == (1, 2, 1)
    assert report.response.mean == 1.3
    assert report.response.median == 1
    assert report.completion.mean == 17.3  # (10 + 8 + 34) / 3
    assert report.completion.median == 10


def test_on_time_share_satisfaction_and_overdue_now(fixture):
    report = staff_report(fixture)
    # R1 a day early, R3 on its due day, R2 a day late.
    assert (report.on_time, report.with_due_date) == (2, 3)
    assert report.on_time_share == pytest.approx(2 / 3)
    assert report.satisfaction.count == 2
    assert report.satisfaction.mean == 4
    assert report.satisfaction.distribution == [(1, 0), (2, 0), (3, 1), (4, 0), (5, 1)]
    # R4 past its answer date, R7 past its triage date; R5 is cancelled.
    assert report.overdue_now == 2
    assert report.trials_and_approvals_delivered == 3


def test_filters_narrow_the_report(fixture):
    world = fixture.world
    june = ReportFilters(first_day=date(2025, 6, 1), last_day=date(2025, 6, 30))
    report = staff_report(fixture, june)
    assert {line.pk for line in report.lines} == {fixture.r2.pk, fixture.r3.pk}
    assert [row.label for row in report.months] == ["2025-06"]
    assert [line.pk for line in staff_report(fixture, ReportFilters.for_year(2024)).lines] == [
        fixture.r8.pk
    ]
    regulatory = ReportFilters.for_year(2025, service_type=ServiceType.REGULATORY_CONSULTING)
    assert [line.pk for line in staff_report(fixture, regulatory).lines] == [fixture.r3.pk]
    yonsei = ReportFilters.for_year(2025, provider_id=world.hospital.pk)
    assert {line.pk for line in staff_report(fixture, yonsei).lines} == {
        fixture.r1.pk,
        fixture.r2.pk,
        fixture.r4.pk,
    }
    other = ReportFilters.for_year(2025, cluster_id=world.others["cluster"].pk)
    assert staff_report(fixture, other).lines == []


def test_each_person_reports_on_what_they_may_see(fixture):
    world = fixture.world
    admin = get_request_report(user=world.admin, filters=YEAR_2025, today=TODAY)
    assert {line.pk for line in admin.lines} == {
        fixture.r1.pk,
        fixture.r2.pk,
        fixture.r3.pk,
        fixture.r4.pk,
        fixture.r5.pk,
        fixture.r7.pk,
        fixture.r9.pk,
    }
    other_staff = get_request_report(user=world.other_staff, filters=YEAR_2025, today=TODAY)
    assert [line.pk for line in other_staff.lines] == [fixture.r9.pk]
    for role in ("company", "coordinator", "other_company", "other_coordinator", "reviewer"):
        with pytest.raises(PermissionDenied):
            get_request_report(user=world.roles[role], filters=YEAR_2025)
    with pytest.raises(PermissionDenied):
        get_request_report(user=world.stranger, filters=YEAR_2025)


def test_staff_who_also_work_for_a_provider_report_on_their_clusters_only(fixture):
    world = fixture.world
    MembershipFactory(user=world.other_staff, organization=world.hospital)
    other_staff = User.objects.get(pk=world.other_staff.pk)
    # They may see 연세의료원's requests as its member, but those are not their cluster's.
    assert visible_requests(other_staff).filter(pk=fixture.r1.pk).exists()
    report = get_request_report(user=other_staff, filters=YEAR_2025, today=TODAY)
    assert [line.pk for line in report.lines] == [fixture.r9.pk]


def test_a_period_must_run_forwards_and_not_too_long(world):
    with pytest.raises(ValidationError):
        build_request_report(
            ServiceRequest.objects.all(),
            ReportFilters(first_day=date(2025, 6, 1), last_day=date(2025, 5, 31)),
        )
    with pytest.raises(ValidationError):
        build_request_report(
            ServiceRequest.objects.all(),
            ReportFilters(first_day=date(2023, 1, 1), last_day=date(2026, 1, 1)),
        )


def test_chart_data_follows_the_figures(fixture, english):
    charts = staff_report(fixture).chart_data()
    months = charts["months"]
    assert months["type"] == "line"
    assert months["labels"][0] == "2025-01"
    assert months["datasets"][0]["data"] == [1, 0, 0, 0, 1, 2, 0, 0, 0, 0, 2, 0]
    assert months["datasets"][1]["data"] == [0, 0, 0, 0, 1, 2, 0, 0, 0, 0, 0, 0]
    assert charts["types"]["labels"] == ["Clinical-trial consulting", "Regulatory consulting"]
    assert charts["types"]["datasets"][0]["data"] == [5, 1]
    assert charts["ratings"]["datasets"][0]["data"] == [0, 0, 1, 0, 1]


def test_trials_and_approvals_supported_count_deliveries_of_the_year(fixture):
    world = fixture.world
    # R1, R2 (trial consulting, closed) and R3 (regulatory, delivered) in 2025.
    assert supported_trials_and_approvals(year=2025) == 3
    assert supported_trials_and_approvals(year=2025, cluster_id=world.cluster.pk) == 3
    assert supported_trials_and_approvals(year=2025, cluster_id=world.others["cluster"].pk) == 0
    # Delivered at 23:30 on New Year's Eve in Seoul: 2025.
    set_times(fixture.r1, delivered_at=kst(12, 31, 23).replace(minute=30))
    # Delivered at 15:30 UTC on New Year's Eve, 00:30 on New Year's Day in Seoul: 2026.
    set_times(fixture.r2, delivered_at=datetime(2025, 12, 31, 15, 30, tzinfo=UTC))
    assert supported_trials_and_approvals(year=2025) == 2
    assert supported_trials_and_approvals(year=2026) == 1
    # Mentoring is not a trial or approval service; an undelivered request is not counted.
    ServiceRequest.objects.filter(pk=fixture.r3.pk).update(
        service_type=ServiceType.CLINICIAN_MENTORING
    )
    ServiceRequest.objects.filter(pk=fixture.r4.pk).update(delivered_at=kst(11, 20))
    assert supported_trials_and_approvals(year=2025) == 1


def test_a_company_s_figures_for_the_outcomes_report(fixture):
    figures = requests_figures_for_company(fixture.world.company, 2025)
    assert figures.submitted == 6
    assert figures.delivered == 3
    assert figures.trials_and_approvals == 3
    assert figures.mean_rating == 4
    other = requests_figures_for_company(fixture.world.others["company"], 2025)
    assert (other.submitted, other.delivered, other.mean_rating) == (1, 0, None)
