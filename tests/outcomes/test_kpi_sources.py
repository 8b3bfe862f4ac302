"""KPIs from the other apps' records: scopes (national, cluster, program, company),
years and quarters in Seoul, public views that hide cells of fewer than three
companies, the clusters side by side, and one query per source whatever the periods.

The builders at the top make the other apps' rows directly (as their own tests do);
`test_builtin_kpis_by_hand` uses them too.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from ieum.core.business_days import SEOUL
from ieum.facilities.enums import BookingMode, BookingStatus, UserType
from ieum.facilities.models import Booking
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.outcomes.enums import KPISource
from ieum.outcomes.kpi_sources import compute_source, compute_source_by_cluster
from ieum.outcomes.kpi_values import compute_kpi_table
from ieum.outcomes.models import KPIDefinition
from ieum.outcomes.periods import NATIONAL, Period, Scope, quarters, years
from ieum.partnering.models import FollowUpOutcome
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.models import SupportCase
from tests.factories import (
    CompanyFactory,
    DemandCompanyFactory,
    EventFactory,
    HospitalFactory,
    RegistrationFactory,
    ResourceFactory,
    UserFactory,
)
from tests.partnering.factories_followup import scheduled_meeting
from tests.programs.factories import ProgramFactory
from tests.programs.support_factories import service_request

pytestmark = pytest.mark.django_db

MILLION = 1_000_000
ALL_SOURCES = [source for source in KPISource.values if source != KPISource.RECORDS]


def kst(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


def book(organization, resource, start, hours, *, status=BookingStatus.APPROVED, used=None):
    """A booking of `hours` from `start`; `used` (a timedelta) checks it in and out."""
    end = start + timedelta(hours=hours)
    checked_in = start + timedelta(minutes=5) if used is not None else None
    return Booking.objects.create(
        resource=resource,
        booked_by=UserFactory(),
        organization=organization,
        mode=BookingMode.DIRECT_USE,
        status=status,
        start=start,
        end=end,
        blocked_until=end,
        user_type=UserType.MEMBER,
        hourly_rate_krw=30_000,
        fee_krw=30_000 * hours,
        checked_in_at=checked_in,
        checked_out_at=checked_in + used if used is not None else None,
    )


def delivered_request(company, cluster, service_type, status, delivered_at=None):
    """A request held by a hospital, delivered at `delivered_at` (None: not yet)."""
    made = service_request(
        company,
        cluster=cluster,
        provider=HospitalFactory(),
        service_type=service_type,
        status=status,
    )
    made.delivered_at = delivered_at
    made.save(update_fields=["delivered_at"])
    return made


def support_case(company, cluster, amount, starts_on, *, program=None, status=None):
    return SupportCase.objects.create(
        company=company,
        cluster=cluster,
        program=program,
        stage=SupportStage.PROTOTYPE,
        title="시제품 제작 지원",
        amount_krw=amount,
        starts_on=starts_on,
        status=status or SupportStatus.PLANNED,
    )


def party(event, organization, kind="startup"):
    return RegistrationFactory(event=event, organization=organization, kind=kind)


def meet(requester, recipient, *, slot, both=True):
    """A meeting in `slot` that the requester came to, and the recipient if `both`."""
    return scheduled_meeting(requester, recipient, slot=slot, requester_in=True, recipient_in=both)


def followup(meeting, kind, agreed_on, amount=None):
    return FollowUpOutcome.objects.create(
        meeting=meeting, kind=kind, agreed_on=agreed_on, amount_krw=amount
    )


def values(cells: dict) -> dict:
    return {period.key: cell.value for period, cell in cells.items()}


@pytest.fixture
def rows(outcome_world):
    """2024 in cluster A (the world's cluster) and B: the world's company and two others
    use A's equipment; the other company is supported by B; meetings at A's event."""
    w = outcome_world
    a, b = w.cluster, w.other_cluster
    first, second = CompanyFactory(), CompanyFactory()
    resource = ResourceFactory(cluster=a)
    book(w.company, resource, kst(2024, 2, 1), 2, used=timedelta(hours=2))
    book(first, resource, kst(2024, 5, 1), 2, used=timedelta(minutes=30))
    book(second, resource, kst(2024, 5, 2), 1)
    book(w.other_company, ResourceFactory(cluster=b), kst(2024, 5, 3), 1, used=timedelta(hours=1))
    trial = ServiceType.CLINICAL_TRIAL_CONSULTING
    delivered_request(
        w.company,
        a,
        trial,
        RequestStatus.DELIVERED,
        kst(2024, 3, 3),
    )
    delivered_request(
        first,
        a,
        ServiceType.IP_STRATEGY,
        RequestStatus.CLOSED,
        kst(2024, 7, 7),
    )
    program = ProgramFactory(cluster=b)
    support_case(w.other_company, b, 40 * MILLION, date(2024, 4, 1), program=program)
    support_case(w.other_company, b, 10 * MILLION, date(2024, 8, 1))
    event = EventFactory(cluster=a, starts_on=date(2024, 6, 11), ends_on=date(2024, 6, 11))
    slots = list(event.slots.order_by("start"))
    demand = party(event, DemandCompanyFactory(), "demand")
    held = meet(party(event, w.company), demand, slot=slots[0])
    meet(party(event, first), demand, slot=slots[1], both=False)
    followup(held, "nda", date(2024, 6, 20))
    return {"world": w, "program": program, "first": first, "second": second}


def test_national_cluster_and_company_scopes_by_year_and_quarter(rows):
    w = rows["world"]
    a = Scope(cluster=w.cluster)
    company = Scope(company=w.company)
    year = years(2024, 2024)

    def value(source, scope, periods=year):
        return values(compute_source(source=source, scope=scope, periods=periods, public=False))

    assert value(KPISource.FACILITY_COMPANIES, NATIONAL) == {"2024": 4}
    assert value(KPISource.FACILITY_COMPANIES, a) == {"2024": 3}
    assert value(KPISource.FACILITY_COMPANIES, company) == {"2024": 1}
    assert value(KPISource.FACILITY_HOURS, a, quarters(2024, 2024)) == {
        "2024-Q1": 2,
        "2024-Q2": 0.5,
        "2024-Q3": 0,
        "2024-Q4": 0,
    }
    assert value(KPISource.FACILITY_HOURS, NATIONAL) == {"2024": 3.5}
    assert value(KPISource.SERVICE_REQUESTS, a) == {"2024": 2}
    assert value(KPISource.TRIALS_AND_APPROVALS, a) == {"2024": 1}
    assert value(KPISource.SERVICE_REQUESTS, Scope(cluster=w.other_cluster)) == {"2024": 0}
    assert value(KPISource.SUPPORT_AMOUNT, Scope(cluster=w.other_cluster)) == {"2024": 50 * MILLION}
    assert value(KPISource.COMPANIES_SUPPORTED, Scope(company=w.other_company)) == {"2024": 1}
    assert value(KPISource.PARTNERING_MEETINGS, a) == {"2024": 1}
    assert value(KPISource.PARTNERING_MEETINGS, company) == {"2024": 1}
    assert value(KPISource.PARTNERING_MEETINGS, Scope(company=rows["first"])) == {"2024": 0}
    assert value(KPISource.PARTNERING_OUTCOMES, company) == {"2024": 1}
    assert value(KPISource.SUPPORT_CASES, NATIONAL, years(2023, 2025)) == {
        "2023": 0,
        "2024": 2,
        "2025": 0,
    }


def test_a_program_has_only_its_support(rows):
    program = Scope(program=rows["program"])
    periods = years(2024, 2024)
    for source in ALL_SOURCES:
        cells = compute_source(source=source, scope=program, periods=periods, public=False)
        if source in (KPISource.SUPPORT_CASES, KPISource.COMPANIES_SUPPORTED):
            assert values(cells) == {"2024": 1}, source
        elif source == KPISource.SUPPORT_AMOUNT:
            assert values(cells) == {"2024": 40 * MILLION}
        else:
            assert cells is None, source
    table = compute_kpi_table(scope=program, periods=periods)
    assert not table.cell("facility_hours", periods[0]).applicable
    assert table.cell("support_amount", periods[0]).value == 40 * MILLION


def test_a_public_cell_of_fewer_than_three_companies_is_hidden(rows):
    a = Scope(cluster=rows["world"].cluster)
    q2 = Period(2024, 2)

    def cell(source, scope=a, period=q2):
        return compute_source(source=source, scope=scope, periods=[period], public=True)[period]

    # Q2 in A: two companies used the equipment, one of them for 30 minutes.
    assert cell(KPISource.FACILITY_COMPANIES).suppressed
    assert cell(KPISource.FACILITY_HOURS).suppressed
    assert cell(KPISource.FACILITY_COMPANIES).value is None
    # The whole year: three companies, shown; the hours come from two, hidden.
    year = Period(2024)
    assert cell(KPISource.FACILITY_COMPANIES, period=year).value == 3
    assert cell(KPISource.FACILITY_HOURS, period=year).suppressed
    # A meeting counts both sides: the company and the demand company are two.
    assert cell(KPISource.PARTNERING_MEETINGS, period=year).companies == 2
    assert cell(KPISource.PARTNERING_MEETINGS, period=year).suppressed
    # Nothing at all is not hidden: it reveals nobody.
    empty = cell(KPISource.SUPPORT_CASES, period=Period(2023))
    assert (empty.value, empty.suppressed) == (0, False)
    # The same cells for staff.
    staff = compute_source(source=KPISource.FACILITY_HOURS, scope=a, periods=[q2], public=False)
    assert staff[q2].value == 0.5
    book(
        CompanyFactory(),
        ResourceFactory(cluster=a.cluster),
        kst(2024, 12, 1),
        1,
        used=timedelta(hours=1),
    )
    assert cell(KPISource.FACILITY_HOURS, period=year).value == 3.5


def test_the_public_table_hides_small_source_cells(rows):
    kpis = KPIDefinition.objects.filter(code__in=["facility_companies", "facility_hours"])
    table = compute_kpi_table(
        scope=Scope(cluster=rows["world"].cluster),
        periods=years(2024, 2024),
        kpis=kpis,
        public=True,
    )
    assert table.cell("facility_companies", Period(2024)).value == 3
    assert table.cell("facility_hours", Period(2024)).suppressed


def test_clusters_side_by_side(rows):
    w = rows["world"]
    ids = [w.cluster.pk, w.other_cluster.pk]
    by_cluster = {
        source: compute_source_by_cluster(source=source, cluster_ids=ids, period=Period(2024))
        for source in ALL_SOURCES
    }
    figures = {source: [cells[pk].value for pk in ids] for source, cells in by_cluster.items()}
    assert figures == {
        KPISource.FACILITY_COMPANIES: [3, 1],
        KPISource.FACILITY_HOURS: [2.5, 1],
        KPISource.SERVICE_REQUESTS: [2, 0],
        KPISource.TRIALS_AND_APPROVALS: [1, 0],
        KPISource.SUPPORT_CASES: [0, 2],
        KPISource.COMPANIES_SUPPORTED: [0, 1],
        KPISource.SUPPORT_AMOUNT: [0, 50 * MILLION],
        KPISource.PARTNERING_MEETINGS: [1, 0],
        KPISource.PARTNERING_OUTCOMES: [1, 0],
    }
    second_quarter = compute_source_by_cluster(
        source=KPISource.FACILITY_COMPANIES, cluster_ids=ids, period=Period(2024, 2)
    )
    assert [second_quarter[pk].value for pk in ids] == [2, 1]
    assert (
        compute_source_by_cluster(
            source=KPISource.FACILITY_HOURS, cluster_ids=[], period=Period(2024)
        )
        == {}
    )


@pytest.mark.parametrize("source", ALL_SOURCES)
def test_one_query_per_source_whatever_the_periods(rows, source, django_assert_num_queries):
    w = rows["world"]
    partnering = source in (KPISource.PARTNERING_MEETINGS, KPISource.PARTNERING_OUTCOMES)
    for periods in (years(2024, 2024), years(2015, 2024), quarters(2015, 2024)):
        for scope in (NATIONAL, Scope(cluster=w.cluster), Scope(company=w.company)):
            with django_assert_num_queries(1):
                compute_source(source=source, scope=scope, periods=periods, public=False)
            with django_assert_num_queries(2 if partnering else 1):
                compute_source(source=source, scope=scope, periods=periods, public=True)
    clusters = [w.cluster.pk, w.other_cluster.pk, *range(10_000, 10_020)]
    with django_assert_num_queries(1):
        compute_source_by_cluster(source=source, cluster_ids=clusters, period=Period(2024, 3))
