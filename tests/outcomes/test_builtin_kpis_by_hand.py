"""Every built-in KPI recomputed by hand, in plain Python over the fixture's objects, and
compared with the engine: nationally, per cluster and per program, by year and by
quarter, verified records only and with pending ones.

The fixture has records of every kind over two clusters and two years (pending,
rejected and confidential ones among them, one attributed to both clusters, one to
none), and the other apps' rows the built-ins read: facility bookings, service
requests, support cases, partnering meetings and their follow-up outcomes, some of them
on the eve of a new year in Seoul, which is still the old year in UTC.

`RECORD_HAND` and `SOURCE_HAND` hold one hand computation per built-in code; a built-in
added to the catalog without one fails `test_every_builtin_has_a_hand_computation`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.utils import timezone

from ieum.core.business_days import SEOUL
from ieum.facilities.enums import BookingMode, BookingStatus, UserType
from ieum.facilities.models import Booking
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.outcomes.enums import OutcomeKind as K
from ieum.outcomes.enums import VerificationStatus as Status
from ieum.outcomes.kpi_catalog import BUILTIN_KPIS, ensure_builtin_kpis
from ieum.outcomes.kpi_values import compute_kpi_table
from ieum.outcomes.periods import NATIONAL, Scope, quarters, years
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import FollowUpOutcome, Slot
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
from tests.outcomes.factories import money_fields
from tests.partnering.factories_followup import scheduled_meeting
from tests.programs.factories import ProgramFactory
from tests.programs.support_factories import service_request

pytestmark = pytest.mark.django_db

MILLION = 1_000_000


def kst(year, month, day, hour=10, minute=0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=SEOUL)


@dataclass
class Fixture:
    world: object
    program: object
    records: list = field(default_factory=list)
    bookings: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    cases: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    outcomes: list = field(default_factory=list)


def add_records(fx: Fixture) -> None:
    w = fx.world
    a, b = w.cluster, w.other_cluster

    def rec(company, clusters, kind, day, subtype="", *, programs=(), **fields):
        fields.setdefault("patent_scope", "")
        fields.setdefault("country", "")
        record = w.record(
            company=company,
            clusters=clusters,
            kind=kind,
            subtype=subtype,
            occurred_on=day,
            **fields,
        )
        record.programs.set(programs)
        record.cluster_ids = {cluster.pk for cluster in clusters}
        record.program_ids = {program.pk for program in programs}
        fx.records.append(record)

    co, other, lone = w.company, w.other_company, w.lone_company
    third = CompanyFactory(name_ko="셀리드", name_en="Cellid")
    patent = {"kind": K.PATENT, "country": "KR", "patent_scope": "domestic"}
    app, reg = "patent_application", "patent_registration"
    rec(co, [a], day=date(2023, 2, 10), subtype=app, programs=[fx.program], **patent)
    rec(other, [b], K.PATENT, date(2023, 11, 3), app, patent_scope="pct", country="WO")
    rec(co, [a], K.PATENT, date(2024, 5, 5), app, patent_scope="foreign", country="US")
    rec(co, [a, b], day=date(2024, 8, 1), subtype=reg, **patent)
    rec(co, [a], day=date(2024, 3, 1), subtype=app, status=Status.PENDING, **patent)
    rec(
        co,
        [a],
        day=date(2024, 3, 2),
        subtype=app,
        status=Status.REJECTED,
        rejection_reason="중복 등록",
        **patent,
    )
    rec(other, [b], day=date(2024, 6, 1), subtype=app, is_confidential=True, **patent)
    rec(lone, [], day=date(2024, 9, 9), subtype=app, **patent)
    rec(third, [a], K.PATENT, date(2024, 12, 31), reg, patent_scope="pct", country="WO")
    # Approvals: MFDS at home, FDA, CE, and others at home and abroad.
    rec(co, [a], K.APPROVAL, date(2023, 4, 1), "mfds", country="KR", device_class="2")
    rec(co, [a], K.APPROVAL, date(2024, 2, 1), "fda_510k", country="US")
    rec(other, [b], K.APPROVAL, date(2024, 10, 10), "ce_mdr", country="EU")
    rec(other, [b], K.APPROVAL, date(2024, 1, 5), "other_approval", country="KR")
    rec(third, [a, b], K.APPROVAL, date(2024, 11, 20), "other_approval", country="JP")
    rec(co, [a], K.APPROVAL, date(2024, 4, 4), "fda_pma", country="US", status=Status.PENDING)
    # Exports in three currencies, one pending.
    rec(co, [a], K.EXPORT, date(2023, 5, 1), country="US", **money_fields(100_000, "USD"))
    rec(other, [b], K.EXPORT, date(2024, 7, 1), country="DE", **money_fields(50_000, "EUR"))
    rec(third, [a], K.EXPORT, date(2024, 7, 2), country="JP", **money_fields(2_000_000, "JPY"))
    rec(
        co,
        [a],
        K.EXPORT,
        date(2024, 8, 8),
        country="CN",
        status=Status.PENDING,
        **money_fields(300_000, "CNY"),
    )
    # Revenue: the latest of a company in the period counts.
    rec(co, [a], K.REVENUE, date(2023, 12, 31), **money_fields(1_000 * MILLION))
    rec(co, [a], K.REVENUE, date(2024, 6, 30), **money_fields(500 * MILLION))
    rec(
        co,
        [a],
        K.REVENUE,
        date(2024, 12, 31),
        programs=[fx.program],
        **money_fields(1_200 * MILLION),
    )
    rec(other, [b], K.REVENUE, date(2024, 12, 31), **money_fields(800 * MILLION))
    rec(
        other,
        [b],
        K.REVENUE,
        date(2024, 12, 30),
        status=Status.PENDING,
        **money_fields(900 * MILLION),
    )
    # Employment: headcounts are latest values, new hires add up.
    rec(co, [a], K.EMPLOYMENT, date(2023, 12, 31), headcount=20, youth_headcount=8, new_hires=5)
    rec(co, [a], K.EMPLOYMENT, date(2024, 3, 31), headcount=22, youth_headcount=9, new_hires=2)
    rec(co, [a], K.EMPLOYMENT, date(2024, 12, 31), headcount=25, youth_headcount=10, new_hires=4)
    rec(other, [b], K.EMPLOYMENT, date(2024, 9, 30), headcount=12, youth_headcount=3, new_hires=6)
    rec(third, [a, b], K.EMPLOYMENT, date(2024, 9, 30), headcount=7, new_hires=1)
    rec(
        other,
        [b],
        K.EMPLOYMENT,
        date(2024, 12, 31),
        headcount=30,
        youth_headcount=5,
        new_hires=9,
        status=Status.PENDING,
    )
    # Investment, trials, transfers, national R&D and exits.
    rec(co, [a], K.INVESTMENT, date(2024, 4, 15), "series_a", **money_fields(3_000 * MILLION))
    rec(other, [b], K.INVESTMENT, date(2023, 9, 1), "seed", **money_fields(500_000, "USD"))
    rec(co, [a], K.CLINICAL_TRIAL, date(2024, 5, 20), "phase_1", reference="KCT0009999")
    rec(other, [b], K.CLINICAL_TRIAL, date(2023, 8, 8), "device_pilot")
    rec(co, [a], K.TECH_TRANSFER, date(2024, 11, 11), "license", **money_fields(200 * MILLION))
    rec(other, [b], K.TECH_TRANSFER, date(2023, 3, 3), "transfer", **money_fields(100_000, "USD"))
    rec(
        co,
        [a],
        K.NATIONAL_RND,
        date(2023, 6, 1),
        programs=[fx.program],
        **money_fields(1_500 * MILLION),
    )
    rec(co, [a, b], K.NATIONAL_RND, date(2024, 6, 1), **money_fields(800 * MILLION))
    rec(
        other, [b], K.NATIONAL_RND, date(2024, 7, 1), status=Status.PENDING, **money_fields(MILLION)
    )
    rec(co, [a], K.EXIT, date(2024, 12, 1), "ipo")
    rec(other, [b], K.EXIT, date(2023, 10, 10), "ma", is_confidential=True)


def add_bookings(fx: Fixture) -> None:
    w = fx.world
    resources = {w.cluster.pk: ResourceFactory(cluster=w.cluster)}
    resources[w.other_cluster.pk] = ResourceFactory(cluster=w.other_cluster)
    booker = UserFactory()
    hospital = HospitalFactory()

    def book(organization, cluster, start, hours, status=BookingStatus.APPROVED, used=None):
        end = start + timedelta(hours=hours)
        checked_in = start + timedelta(minutes=5) if used is not None else None
        booking = Booking.objects.create(
            resource=resources[cluster.pk],
            booked_by=booker,
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
        fx.bookings.append(booking)

    a, b = w.cluster, w.other_cluster
    # 00:30 on New Year's Day in Seoul is still 2023 in UTC.
    book(w.company, a, kst(2024, 1, 1, 0, 30), 2, used=timedelta(minutes=90))
    book(w.company, a, kst(2023, 5, 10), 1)  # ended, never checked in: used all the same
    book(w.company, a, kst(2023, 5, 11), 3, used=timedelta(hours=1, minutes=20))
    book(w.other_company, b, kst(2024, 3, 5), 2, used=timedelta(hours=2))
    book(w.lone_company, a, kst(2024, 7, 1), 2, status=BookingStatus.NO_SHOW)
    book(w.other_company, a, kst(2024, 8, 1), 3, used=timedelta(hours=3))
    book(hospital, b, kst(2024, 8, 2), 1, used=timedelta(minutes=50))  # not a company
    book(w.company, b, kst(2024, 9, 3), 1, status=BookingStatus.REQUESTED)
    book(w.company, b, kst(2024, 9, 4), 1, status=BookingStatus.CANCELLED)


def add_requests(fx: Fixture) -> None:
    w = fx.world
    provider = HospitalFactory()

    def request(company, cluster, service_type, status, delivered_at=None):
        made = service_request(
            company, cluster=cluster, provider=provider, service_type=service_type, status=status
        )
        made.delivered_at = delivered_at
        made.save(update_fields=["delivered_at"])
        fx.requests.append(made)

    s, t = RequestStatus, ServiceType
    request(w.company, w.cluster, t.CLINICAL_TRIAL_CONSULTING, s.DELIVERED, kst(2023, 12, 31, 23))
    request(w.company, w.cluster, t.IP_STRATEGY, s.CLOSED, kst(2024, 2, 2))
    request(w.other_company, w.other_cluster, t.REGULATORY_CONSULTING, s.CLOSED, kst(2024, 5, 5))
    request(w.other_company, w.other_cluster, t.MEDICAL_DATA, s.DELIVERED, kst(2024, 10, 1))
    request(w.lone_company, None, t.GMP_CONSULTING, s.DELIVERED, kst(2024, 1, 1, 1))
    request(w.company, w.cluster, t.CLINICAL_VALIDATION, s.IN_PROGRESS)
    request(w.company, w.other_cluster, t.OVERSEAS_CERTIFICATION, s.CANCELLED, kst(2024, 6, 6))


def add_cases(fx: Fixture) -> None:
    w = fx.world

    def case(company, cluster, amount, starts_on, *, program=None, status=SupportStatus.PLANNED):
        made = SupportCase.objects.create(
            company=company,
            cluster=cluster,
            program=program,
            stage=SupportStage.PROTOTYPE,
            title="시제품 제작 지원",
            amount_krw=amount,
            starts_on=starts_on,
            status=status,
        )
        fx.cases.append(made)
        return made

    p = fx.program
    case(w.company, w.cluster, 30 * MILLION, date(2023, 3, 1), program=p)
    case(w.company, w.cluster, 20 * MILLION, date(2024, 4, 1), program=p)
    case(w.other_company, w.cluster, 10 * MILLION, date(2024, 4, 2), program=p)
    case(w.other_company, w.other_cluster, 15 * MILLION, date(2024, 11, 1))
    case(w.lone_company, None, 5 * MILLION, date(2024, 2, 1))
    case(w.company, w.cluster, 99 * MILLION, date(2024, 5, 1), status=SupportStatus.CANCELLED)
    # No start: the day it was recorded in Seoul counts, 1 January 2024 (UTC: 2023).
    undated = case(w.other_company, w.other_cluster, 7 * MILLION, None)
    SupportCase.objects.filter(pk=undated.pk).update(created_at=kst(2024, 1, 1, 8))
    undated.refresh_from_db()


def add_partnering(fx: Fixture) -> None:
    w = fx.world
    a, b = w.cluster, w.other_cluster
    first = EventFactory(cluster=a, starts_on=date(2023, 11, 14), ends_on=date(2023, 11, 15))
    second = EventFactory(cluster=b, starts_on=date(2024, 4, 9), ends_on=date(2024, 4, 10))
    national = EventFactory(cluster=None, starts_on=date(2024, 9, 3), ends_on=date(2024, 9, 3))
    # A late-night session: Seoul's New Year, UTC's old year.
    midnight = Slot.objects.create(
        event=first, day_number=9, start=kst(2024, 1, 1, 0, 10), end=kst(2024, 1, 1, 0, 40)
    )

    def party(event, organization):
        return RegistrationFactory(event=event, organization=organization, kind="startup")

    def meet(requester, recipient, *, slot_index=0, slot=None, both=True, cancelled=False):
        event = requester.event
        slot = slot or event.slots.order_by("start")[slot_index]
        meeting = scheduled_meeting(
            requester, recipient, slot=slot, requester_in=True, recipient_in=both
        )
        if cancelled:
            meeting.status = MeetingStatus.CANCELLED
            meeting.save(update_fields=["status"])
        meeting.cluster_id = event.cluster_id
        meeting.organization_ids = {
            requester.organization_id,
            recipient.organization_id,
        }
        fx.meetings.append(meeting)
        return meeting

    demand_a = RegistrationFactory(event=first, organization=DemandCompanyFactory(), kind="demand")
    demand_b = RegistrationFactory(event=second, organization=DemandCompanyFactory(), kind="demand")
    m1 = meet(party(first, w.company), demand_a)
    meet(party(first, w.other_company), demand_a, slot_index=1, both=False)
    meet(party(first, w.lone_company), demand_a, slot_index=2)
    meet(party(first, CompanyFactory()), demand_a, slot=midnight)
    m4 = meet(party(second, w.other_company), demand_b)
    m5 = meet(party(second, w.company), demand_b, slot_index=1)
    meet(party(second, CompanyFactory()), demand_b, slot_index=2, cancelled=True)
    hospital = RegistrationFactory(event=national, organization=HospitalFactory(), kind="hospital")
    meet(party(national, w.company), hospital)

    def outcome(meeting, kind, agreed_on, amount=None):
        made = FollowUpOutcome.objects.create(
            meeting=meeting, kind=kind, agreed_on=agreed_on, amount_krw=amount
        )
        made.cluster_id = meeting.cluster_id
        fx.outcomes.append(made)

    outcome(m1, "nda", date(2023, 12, 20))
    outcome(m1, "licensing", date(2024, 2, 1), 300 * MILLION)
    outcome(m4, "investment", date(2024, 5, 1), 1_000 * MILLION)
    outcome(m5, "poc", date(2024, 6, 15))


@pytest.fixture
def fx(outcome_world) -> Fixture:
    ensure_builtin_kpis()
    fixture = Fixture(world=outcome_world, program=ProgramFactory(cluster=outcome_world.cluster))
    add_records(fixture)
    add_bookings(fixture)
    add_requests(fixture)
    add_cases(fixture)
    add_partnering(fixture)
    return fixture


# The hand computations.


def in_period(day: date, period) -> bool:
    quarter = (day.month - 1) // 3 + 1
    return day.year == period.year and period.quarter in (None, quarter)


def seoul_day(moment: datetime) -> date:
    return moment.astimezone(SEOUL).date()


def in_scope(scope, *, cluster_id, program_id=None) -> bool:
    if scope.cluster is not None:
        return cluster_id == scope.cluster.pk
    if scope.program is not None:
        return program_id == scope.program.pk
    return True


def latest(records, figure):
    newest = {}
    for record in records:
        if getattr(record, figure) is None:
            continue
        key = (record.occurred_on, record.pk)
        if record.company_id not in newest or key > newest[record.company_id][0]:
            newest[record.company_id] = (key, getattr(record, figure))
    return sum(value for _key, value in newest.values())


def of(records, kind, *subtypes):
    return [r for r in records if r.kind == kind and (not subtypes or r.subtype in subtypes)]


def total(records, figure):
    return sum(getattr(r, figure) for r in records if getattr(r, figure) is not None)


RECORD_HAND = {
    "patent_applications": lambda rs: len(of(rs, K.PATENT, "patent_application")),
    "patent_registrations": lambda rs: len(of(rs, K.PATENT, "patent_registration")),
    "overseas_patent_applications": lambda rs: len(
        [r for r in of(rs, K.PATENT, "patent_application") if r.patent_scope in ("pct", "foreign")]
    ),
    "domestic_approvals": lambda rs: len(of(rs, K.APPROVAL, "mfds")),
    "overseas_approvals": lambda rs: len(
        [r for r in of(rs, K.APPROVAL) if r.country not in ("KR", "")]
    ),
    "export_contracts": lambda rs: len(of(rs, K.EXPORT)),
    "export_amount": lambda rs: total(of(rs, K.EXPORT), "amount_usd"),
    "revenue": lambda rs: latest(of(rs, K.REVENUE), "amount_krw"),
    "employees": lambda rs: latest(of(rs, K.EMPLOYMENT), "headcount"),
    "youth_employees": lambda rs: latest(of(rs, K.EMPLOYMENT), "youth_headcount"),
    "new_hires": lambda rs: total(of(rs, K.EMPLOYMENT), "new_hires"),
    "investment_amount": lambda rs: total(of(rs, K.INVESTMENT), "amount_krw"),
    "investment_deals": lambda rs: len(of(rs, K.INVESTMENT)),
    "clinical_trials": lambda rs: len(of(rs, K.CLINICAL_TRIAL)),
    "tech_transfers": lambda rs: len(of(rs, K.TECH_TRANSFER)),
    "tech_transfer_amount": lambda rs: total(of(rs, K.TECH_TRANSFER), "amount_krw"),
    "national_rnd_projects": lambda rs: len(of(rs, K.NATIONAL_RND)),
    "national_rnd_amount": lambda rs: total(of(rs, K.NATIONAL_RND), "amount_krw"),
    "ipos_and_mas": lambda rs: len(of(rs, K.EXIT)),
    "companies_with_outcomes": lambda rs: len({r.company_id for r in rs}),
}


def counted_records(fx, scope, period, *, include_pending):
    statuses = {Status.VERIFIED, Status.PENDING} if include_pending else {Status.VERIFIED}
    return [
        r
        for r in fx.records
        if r.status in statuses
        and in_period(r.occurred_on, period)
        and (scope.cluster is None or scope.cluster.pk in r.cluster_ids)
        and (scope.program is None or scope.program.pk in r.program_ids)
    ]


def _used(booking) -> bool:
    return booking.status == BookingStatus.APPROVED and (
        booking.checked_in_at is not None or booking.end <= timezone.now()
    )


def _bookings(fx, scope, period):
    return [
        b
        for b in fx.bookings
        if b.status in (BookingStatus.APPROVED, BookingStatus.NO_SHOW)
        and in_period(seoul_day(b.start), period)
        and in_scope(scope, cluster_id=b.resource.cluster_id)
    ]


def _hours(bookings):
    seconds = sum(
        (b.checked_out_at - b.checked_in_at).total_seconds() for b in bookings if b.checked_in_at
    )
    return (Decimal(seconds) / 3600).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _delivered(fx, scope, period, *, trials_only=False):
    trials = {"clinical_trial_consulting", "investigator_initiated_trial", "clinical_validation"}
    trials |= {"regulatory_consulting", "gmp_consulting", "overseas_certification"}
    return [
        r
        for r in fx.requests
        if r.status in (RequestStatus.DELIVERED, RequestStatus.CLOSED)
        and in_period(seoul_day(r.delivered_at), period)
        and in_scope(scope, cluster_id=r.cluster_id)
        and (not trials_only or r.service_type in trials)
    ]


def _cases(fx, scope, period):
    return [
        c
        for c in fx.cases
        if c.status != SupportStatus.CANCELLED
        and in_period(c.starts_on or seoul_day(c.created_at), period)
        and in_scope(scope, cluster_id=c.cluster_id, program_id=c.program_id)
    ]


def _held(fx, scope, period):
    return [
        m
        for m in fx.meetings
        if m.status == MeetingStatus.SCHEDULED
        and m.slot.end <= timezone.now()
        and m.requester_checked_in_at
        and m.recipient_checked_in_at
        and in_period(seoul_day(m.slot.start), period)
        and in_scope(scope, cluster_id=m.cluster_id)
    ]


def _followups(fx, scope, period):
    return [
        o
        for o in fx.outcomes
        if in_period(o.agreed_on, period) and in_scope(scope, cluster_id=o.cluster_id)
    ]


def _company_kind(booking) -> bool:
    return booking.organization.kind == "company"


# None: the source has no meaning for a program.
SOURCE_HAND = {
    "facility_companies": lambda fx, s, p: len(
        {b.organization_id for b in _bookings(fx, s, p) if _used(b) and _company_kind(b)}
    ),
    "facility_hours": lambda fx, s, p: _hours(_bookings(fx, s, p)),
    "service_requests": lambda fx, s, p: len(_delivered(fx, s, p)),
    "trials_and_approvals_supported": lambda fx, s, p: len(_delivered(fx, s, p, trials_only=True)),
    "support_cases": lambda fx, s, p: len(_cases(fx, s, p)),
    "companies_supported": lambda fx, s, p: len({c.company_id for c in _cases(fx, s, p)}),
    "support_amount": lambda fx, s, p: sum(c.amount_krw for c in _cases(fx, s, p)),
    "partnering_meetings": lambda fx, s, p: len(_held(fx, s, p)),
    "partnering_outcomes": lambda fx, s, p: len(_followups(fx, s, p)),
}
PROGRAM_SOURCES = {"support_cases", "companies_supported", "support_amount"}


def by_hand(fx, code, scope, period, *, include_pending):
    if code in RECORD_HAND:
        records = counted_records(fx, scope, period, include_pending=include_pending)
        return RECORD_HAND[code](records)
    if scope.program is not None and code not in PROGRAM_SOURCES:
        return None
    return SOURCE_HAND[code](fx, scope, period)


def test_every_builtin_has_a_hand_computation():
    codes = {kpi.code for kpi in BUILTIN_KPIS}
    assert codes == set(RECORD_HAND) | set(SOURCE_HAND)
    assert not set(RECORD_HAND) & set(SOURCE_HAND)


@pytest.mark.parametrize("include_pending", [False, True], ids=["verified", "with-pending"])
def test_every_builtin_kpi_matches_its_hand_computation(fx, include_pending):
    w = fx.world
    scopes = [NATIONAL, Scope(cluster=w.cluster), Scope(cluster=w.other_cluster)]
    scopes.append(Scope(program=fx.program))
    compared = 0
    for periods in (years(2023, 2024), quarters(2023, 2024)):
        for scope in scopes:
            table = compute_kpi_table(scope=scope, periods=periods, include_pending=include_pending)
            assert {kpi.code for kpi in table.kpis} == set(RECORD_HAND) | set(SOURCE_HAND)
            for code in RECORD_HAND.keys() | SOURCE_HAND.keys():
                for period in periods:
                    expected = by_hand(fx, code, scope, period, include_pending=include_pending)
                    assert table.cell(code, period).value == expected, (code, scope.kind, period)
                    compared += 1
    assert compared == len(scopes) * len(BUILTIN_KPIS) * (2 + 8)


def test_the_fixture_gives_every_builtin_something_to_count(fx):
    """A comparison of zeros with zeros proves nothing: each built-in has a value in
    some period nationally, and the boundary rows land in Seoul's year."""
    for code in RECORD_HAND.keys() | SOURCE_HAND.keys():
        values = [
            by_hand(fx, code, NATIONAL, period, include_pending=False)
            for period in years(2023, 2024)
        ]
        assert any(values), code
    # Seoul's 1 January 2024 is UTC's 31 December 2023: these count in 2024's first quarter.
    first_quarter = quarters(2024, 2024)[0]
    cluster = Scope(cluster=fx.world.cluster)
    assert by_hand(fx, "facility_hours", cluster, first_quarter, include_pending=False) == Decimal(
        "1.5"
    )
    assert by_hand(fx, "companies_supported", NATIONAL, first_quarter, include_pending=False) == 2
    assert by_hand(fx, "partnering_meetings", NATIONAL, first_quarter, include_pending=False) == 1
