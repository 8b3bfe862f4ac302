"""Suggested providers for a request: by specialty, region, load and speed, with reasons."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.core.business_days import SEOUL
from ieum.directory.models import HospitalProfile
from ieum.linkage import workflow
from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.models import RequestEvent, ServiceRequest
from ieum.linkage.routing import suggest_providers
from tests.factories import HospitalFactory, OrganizationFactory, term
from tests.linkage.factories import OfferingFactory, cardiovascular

S = RequestStatus


def hospital(name: str, *, region: str = "gyeongnam", specialties=()):
    organization = HospitalFactory(name_ko=name, name_en=name, region=term("region", region))
    HospitalProfile.objects.get(organization=organization).specialties.set(specialties)
    return organization


def oncology():
    return term("therapeutic_area", "oncology")


def providers(suggestions) -> list[str]:
    return [s.offering.provider.name_ko for s in suggestions]


def test_the_cardiovascular_hospital_comes_first_with_its_reason(world, english):
    OfferingFactory(provider=hospital("가톨릭중앙의료원", specialties=[oncology()]))
    request = world.request(S.SUBMITTED)
    first, second = suggest_providers(request)
    assert first.offering == world.offering and first.matches_specialty
    assert first.reasons[:2] == [
        "Cardiovascular diseases specialty",
        "offers Clinical-trial consulting",
    ]
    assert first.reason.startswith(
        "Cardiovascular diseases specialty · offers Clinical-trial consulting"
    )
    assert not second.matches_specialty and "specialty" not in second.reason
    assert first.score > second.score


def test_the_hospital_profile_counts_as_a_specialty(world, english):
    # The service lists no area, but the hospital is known for cardiology.
    specialist = hospital("분당서울대병원", specialties=[cardiovascular()])
    offering = OfferingFactory(provider=specialist)
    request = world.request(S.SUBMITTED)
    suggestion = next(s for s in suggest_providers(request) if s.offering == offering)
    assert suggestion.matches_specialty


def test_a_provider_in_the_companys_region_ranks_above_an_equal_one_elsewhere(world, english):
    far = OfferingFactory(
        provider=hospital("가나병원", region="seoul"), therapeutic_areas=[oncology()]
    )
    near = OfferingFactory(provider=hospital("하나병원"), therapeutic_areas=[oncology()])
    request = world.request(S.SUBMITTED, therapeutic_area=oncology())
    suggestions = suggest_providers(request)
    assert [s.offering for s in suggestions] == [near, far, world.offering]
    assert "same region (Gyeongnam)" in suggestions[0].reasons
    assert not any("region" in reason for reason in suggestions[1].reasons)
    assert suggestions[0].score - suggestions[1].score == pytest.approx(1.0)


def hold_open(offering, count: int, world) -> None:
    for status in [S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS][:count]:
        ServiceRequest.objects.create(
            company=world.others["company"],
            service_type=offering.service_type,
            title="다른 과제",
            description="다른 과제",
            status=status,
            offering=offering,
            provider=offering.provider,
        )


def test_open_requests_push_an_equal_provider_down(world, english):
    busy = OfferingFactory(provider=hospital("가나병원", specialties=[cardiovascular()]))
    request = world.request(S.SUBMITTED)
    suggestions = suggest_providers(request)
    # Equal fit: the name decides, and 가나병원 comes before 연세의료원.
    assert [s.offering for s in suggestions] == [busy, world.offering]
    hold_open(busy, 2, world)
    # Finished and draft requests are no load.
    ServiceRequest.objects.create(
        company=world.others["company"],
        service_type=busy.service_type,
        title="끝난 과제",
        description="끝난 과제",
        status=S.CLOSED,
        offering=busy,
        provider=busy.provider,
    )
    suggestions = suggest_providers(request)
    assert [s.offering for s in suggestions] == [world.offering, busy]
    assert (suggestions[1].open_requests, suggestions[0].open_requests) == (2, 0)
    assert "2 open requests" in suggestions[1].reasons
    assert suggestions[0].score - suggestions[1].score == pytest.approx(1.0)


def test_one_open_request_reads_in_the_singular(world, english):
    hold_open(world.offering, 1, world)
    [suggestion] = suggest_providers(world.request(S.SUBMITTED))
    assert "1 open request" in suggestion.reasons


def answered(world, *, assigned: datetime, answered: datetime, decline: bool = False) -> None:
    """A past request the hospital answered, with the times of the timeline moved."""
    request = world.request(S.ASSIGNED, is_confidential=False)
    if decline:
        workflow.decline_request(actor=world.coordinator, request=request, reason="여력 없음")
    else:
        workflow.accept_request(actor=world.coordinator, request=request)
    answer = Step.DECLINE if decline else Step.ACCEPT
    RequestEvent.objects.filter(request=request, step=Step.ASSIGN).update(at=assigned)
    RequestEvent.objects.filter(request=request, step=answer).update(at=answered)


def seoul(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SEOUL)


def test_the_average_response_counts_business_days_between_assignment_and_answer(world, english):
    # Monday 4 May 10:00 → Thursday 7 May: Tuesday 5 May is Children's Day, so 2 days.
    answered(world, assigned=seoul(2026, 5, 4, 10), answered=seoul(2026, 5, 7, 15))
    # Friday 8 May → Wednesday 13 May, declined: 3 days.
    answered(world, assigned=seoul(2026, 5, 8, 10), answered=seoul(2026, 5, 13, 11), decline=True)
    request = world.request(S.SUBMITTED)
    [suggestion] = suggest_providers(request)
    # The accepted one is still open, so it also counts as load.
    assert suggestion.open_requests == 1
    assert suggestion.average_response_days == pytest.approx(2.5)
    assert "answers in 2.5 business days on average" in suggestion.reasons
    assert suggestion.reason == (
        "Cardiovascular diseases specialty · offers Clinical-trial consulting · "
        "same region (Gyeongnam) · 1 open request · answers in 2.5 business days on average"
    )


def test_the_answer_day_is_counted_in_seoul_time(world, english):
    # Assigned Friday 23:30 in Seoul (14:30 UTC), accepted Monday 08:00 in Seoul
    # (Sunday 23:00 UTC): one business day, not zero or two.
    answered(
        world,
        assigned=datetime(2026, 5, 15, 14, 30, tzinfo=UTC),
        answered=datetime(2026, 5, 17, 23, 0, tzinfo=UTC),
    )
    [suggestion] = suggest_providers(world.request(S.SUBMITTED))
    assert suggestion.average_response_days == 1
    assert "answers in 1 business days on average" in suggestion.reasons


def test_a_faster_provider_ranks_above_a_slower_one_of_equal_fit(world, english):
    slow = OfferingFactory(
        provider=hospital("가나병원", specialties=[cardiovascular()]), response_days=7
    )
    request = world.request(S.SUBMITTED)
    # Without history the promised days count: 3 for 연세의료원, 7 for 가나병원.
    assert [s.offering for s in suggest_providers(request)] == [world.offering, slow]
    assert all(s.average_response_days is None for s in suggest_providers(request))


def test_a_provider_that_declined_goes_last_and_says_so(world, english):
    other = OfferingFactory(provider=hospital("가나병원", region="seoul"))
    request = world.request(S.ASSIGNED)
    request = workflow.decline_request(actor=world.coordinator, request=request, reason="여력 없음")
    suggestions = suggest_providers(request)
    assert [s.offering for s in suggestions] == [other, world.offering]
    decliner = suggestions[-1]
    assert decliner.declined_before and decliner.matches_specialty
    assert decliner.score > suggestions[0].score
    assert decliner.reasons[-1] == "declined this request before"
    assert not suggestions[0].declined_before


def test_only_active_services_of_the_type_from_others_are_candidates(world):
    OfferingFactory(
        provider=hospital("비활성병원", specialties=[cardiovascular()]), is_active=False
    )
    OfferingFactory(
        provider=hospital("데이터병원", specialties=[cardiovascular()]),
        service_type=ServiceType.MEDICAL_DATA,
    )
    OfferingFactory(provider=world.company, therapeutic_areas=[cardiovascular()])
    request = world.request(S.SUBMITTED)
    assert [s.offering for s in suggest_providers(request)] == [world.offering]


def test_no_candidates_gives_an_empty_list(world):
    request = world.request(S.SUBMITTED, service_type=ServiceType.IP_STRATEGY)
    assert suggest_providers(request) == []


def test_a_request_without_a_therapeutic_area_is_ranked_without_specialty(world):
    request = world.request(S.SUBMITTED, therapeutic_area=None)
    [suggestion] = suggest_providers(request)
    assert not suggestion.matches_specialty and suggestion.offering == world.offering


def test_the_limit_cuts_the_list(world):
    for index in range(4):
        OfferingFactory(provider=hospital(f"병원{index}"))
    request = world.request(S.SUBMITTED)
    assert len(suggest_providers(request)) == 5
    assert len(suggest_providers(request, limit=2)) == 2
    assert suggest_providers(request, limit=1)[0].offering == world.offering


def add_offerings(numbers: range, world) -> None:
    for index in numbers:
        if index % 3 == 0:
            provider = OrganizationFactory(kind="cluster_operator", name_ko=f"인허가센터{index}")
            OfferingFactory(provider=provider, therapeutic_areas=[oncology()])
        else:
            provider = hospital(f"병원{index}", specialties=[cardiovascular(), oncology()])
            offering = OfferingFactory(provider=provider, therapeutic_areas=[cardiovascular()])
            hold_open(offering, index % 3, world)


def count_queries(request) -> tuple[int, int]:
    request = ServiceRequest.objects.get(pk=request.pk)
    with CaptureQueriesContext(connection) as queries:
        suggestions = suggest_providers(request, limit=100)
        for suggestion in suggestions:
            assert suggestion.reason
    return len(queries), len(suggestions)


def test_the_number_of_queries_does_not_grow_with_the_offerings(world, english):
    request = world.request(S.ASSIGNED)
    workflow.decline_request(actor=world.coordinator, request=request, reason="여력 없음")
    add_offerings(range(1), world)
    few, few_count = count_queries(request)
    add_offerings(range(1, 10), world)
    many, many_count = count_queries(request)
    assert (few_count, many_count) == (2, 11)
    assert many == few
