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
from ieum.facilities.enums import BookingStatus
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.outcomes.enums import OutcomeKind as K
from ieum.outcomes.enums import VerificationStatus as Status
from ieum.outcomes.kpi_catalog import BUILTIN_KPIS, ensure_builtin_kpis
from ieum.outcomes.kpi_values import compute_kpi_table
from ieum.outcomes.periods import NATIONAL, Scope, quarters, years
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Meeting, Slot
from ieum.programs.enums import SupportStatus
from ieum.programs.models import SupportCase
from tests.factories import (
    CompanyFactory,
    DemandCompanyFactory,
    EventFactory,
    HospitalFactory,
    ResourceFactory,
)
from tests.outcomes.factories import money_fields
from tests.outcomes.test_kpi_sources import (
    book,
    delivered_request,
    followup,
    kst,
    meet,
    party,
    support_case,
)
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db

MILLION = 1_000_000


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
    co, other, lone = w.company, w.other_company, w.lone_company
    third = CompanyFactory(name_ko="셀리드", name_en="Cellid")

    def rec(company, clusters, kind, day, subtype="", *, programs=(), **fields):
        fields = {"patent_scope": "", "country": "", **fields}
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

    def patent(company, clusters, day, subtype="patent_application", office="domestic", **kw):
        country = {"domestic": "KR", "pct": "WO"}.get(office, "US")
        rec(company, clusters, K.PATENT, day, subtype, patent_scope=office, country=country, **kw)

    def money(company, clusters, kind, day, amount, currency="KRW", **kw):
        rec(company, clusters, kind, day, **money_fields(amount, currency), **kw)

    def jobs(company, clusters, day, headcount, youth, hires, **kw):
        figures = {"headcount": headcount, "youth_headcount": youth, "new_hires": hires}
        rec(company, clusters, K.EMPLOYMENT, day, **figures, **kw)

    pending, rejected = {"status": Status.PENDING}, {"status": Status.REJECTED}
    patent(co, [a], date(2023, 2, 10), programs=[fx.program])
    patent(other, [b], date(2023, 11, 3), office="pct")
    patent(co, [a], date(2024, 5, 5), office="foreign")
    patent(co, [a, b], date(2024, 8, 1), "patent_registration")
    patent(co, [a], date(2024, 3, 1), **pending)
    patent(co, [a], date(2024, 3, 2), rejection_reason="중복 등록", **rejected)
    patent(other, [b], date(2024, 6, 1), is_confidential=True)
    patent(lone, [], date(2024, 9, 9))
    patent(third, [a], date(2024, 12, 31), "patent_registration", office="pct")
    # Approvals: MFDS at home, FDA, CE, and others at home and abroad.
    rec(co, [a], K.APPROVAL, date(2023, 4, 1), "mfds", country="KR", device_class="2")
    rec(co, [a], K.APPROVAL, date(2024, 2, 1), "fda_510k", country="US")
    rec(other, [b], K.APPROVAL, date(2024, 10, 10), "ce_mdr", country="EU")
    rec(other, [b], K.APPROVAL, date(2024, 1, 5), "other_approval", country="KR")
    rec(third, [a, b], K.APPROVAL, date(2024, 11, 20), "other_approval", country="JP")
    rec(co, [a], K.APPROVAL, date(2024, 4, 4), "fda_pma", country="US", **pending)
    # Exports in four currencies, one pending.
    money(co, [a], K.EXPORT, date(2023, 5, 1), 100_000, "USD", country="US")
    money(other, [b], K.EXPORT, date(2024, 7, 1), 50_000, "EUR", country="DE")
    money(third, [a], K.EXPORT, date(2024, 7, 2), 2_000_000, "JPY", country="JP")
    money(co, [a], K.EXPORT, date(2024, 8, 8), 300_000, "CNY", country="CN", **pending)
    # Revenue: a company's latest in the period counts.
    money(co, [a], K.REVENUE, date(2023, 12, 31), 1_000 * MILLION)
    money(co, [a], K.REVENUE, date(2024, 6, 30), 500 * MILLION)
    money(co, [a], K.REVENUE, date(2024, 12, 31), 1_200 * MILLION, programs=[fx.program])
    money(other, [b], K.REVENUE, date(2024, 12, 31), 800 * MILLION)
    money(other, [b], K.REVENUE, date(2024, 12, 30), 900 * MILLION, **pending)
    # Employment: headcounts are latest values, new hires add up.
    jobs(co, [a], date(2023, 12, 31), 20, 8, 5)
    jobs(co, [a], date(2024, 3, 31), 22, 9, 2)
    jobs(co, [a], date(2024, 12, 31), 25, 10, 4)
    jobs(other, [b], date(2024, 9, 30), 12, 3, 6)
    jobs(third, [a, b], date(2024, 9, 30), 7, None, 1)
    jobs(other, [b], date(2024, 12, 31), 30, 5, 9, **pending)
    # Investment, trials, transfers, national R&D and exits.
    money(co, [a], K.INVESTMENT, date(2024, 4, 15), 3_000 * MILLION, subtype="series_a")
    money(other, [b], K.INVESTMENT, date(2023, 9, 1), 500_000, "USD", subtype="seed")
    rec(co, [a], K.CLINICAL_TRIAL, date(2024, 5, 20), "phase_1", reference="KCT0009999")
    rec(other, [b], K.CLINICAL_TRIAL, date(2023, 8, 8), "device_pilot")
    money(co, [a], K.TECH_TRANSFER, date(2024, 11, 11), 200 * MILLION, subtype="license")
    money(other, [b], K.TECH_TRANSFER, date(2023, 3, 3), 100_000, "USD", subtype="transfer")
    money(co, [a], K.NATIONAL_RND, date(2023, 6, 1), 1_500 * MILLION, programs=[fx.program])
    money(co, [a, b], K.NATIONAL_RND, date(2024, 6, 1), 800 * MILLION)
    money(other, [b], K.NATIONAL_RND, date(2024, 7, 1), MILLION, **pending)
    rec(co, [a], K.EXIT, date(2024, 12, 1), "ipo")
    rec(other, [b], K.EXIT, date(2023, 10, 10), "ma", is_confidential=True)


def add_bookings(fx: Fixture) -> None:
    w = fx.world
    a, b = ResourceFactory(cluster=w.cluster), ResourceFactory(cluster=w.other_cluster)
    co, other, used = w.company, w.other_company, timedelta(hours=1)
    fx.bookings += [
        # 00:30 on New Year's Day in Seoul is still 2023 in UTC.
        book(co, a, kst(2024, 1, 1, 0, 30), 2, used=used * 1.5),
        book(co, a, kst(2023, 5, 10), 1),  # ended, never checked in: used all the same
        book(co, a, kst(2023, 5, 11), 3, used=used * 4 / 3),
        book(other, b, kst(2024, 3, 5), 2, used=used * 2),
        book(w.lone_company, a, kst(2024, 7, 1), 2, status=BookingStatus.NO_SHOW),
        book(other, a, kst(2024, 8, 1), 3, used=used * 3),
        book(HospitalFactory(), b, kst(2024, 8, 2), 1, used=used * 5 / 6),  # not a company
        book(co, b, kst(2024, 9, 3), 1, status=BookingStatus.REQUESTED),
        book(co, b, kst(2024, 9, 4), 1, status=BookingStatus.CANCELLED),
    ]


def add_requests(fx: Fixture) -> None:
    w, s, t, deliver = fx.world, RequestStatus, ServiceType, delivered_request
    a, b, co, other = w.cluster, w.other_cluster, w.company, w.other_company
    fx.requests += [
        deliver(co, a, t.CLINICAL_TRIAL_CONSULTING, s.DELIVERED, kst(2023, 12, 31, 23)),
        deliver(co, a, t.IP_STRATEGY, s.CLOSED, kst(2024, 2, 2)),
        deliver(other, b, t.REGULATORY_CONSULTING, s.CLOSED, kst(2024, 5, 5)),
        deliver(other, b, t.MEDICAL_DATA, s.DELIVERED, kst(2024, 10, 1)),
        # 01:00 on New Year's Day in Seoul is still 2023 in UTC.
        deliver(w.lone_company, None, t.GMP_CONSULTING, s.DELIVERED, kst(2024, 1, 1, 1)),
        deliver(co, a, t.CLINICAL_VALIDATION, s.IN_PROGRESS),
        deliver(co, b, t.OVERSEAS_CERTIFICATION, s.CANCELLED, kst(2024, 6, 6)),
    ]


def add_cases(fx: Fixture) -> None:
    w = fx.world
    a, b, p = w.cluster, w.other_cluster, fx.program
    co, other = w.company, w.other_company
    # No start: the day it was recorded in Seoul counts, 1 January 2024 (UTC: 2023).
    undated = support_case(other, b, 7 * MILLION, None)
    SupportCase.objects.filter(pk=undated.pk).update(created_at=kst(2024, 1, 1, 8))
    undated.refresh_from_db()
    fx.cases += [
        undated,
        support_case(co, a, 30 * MILLION, date(2023, 3, 1), program=p),
        support_case(co, a, 20 * MILLION, date(2024, 4, 1), program=p),
        support_case(other, a, 10 * MILLION, date(2024, 4, 2), program=p),
        support_case(other, b, 15 * MILLION, date(2024, 11, 1)),
        support_case(w.lone_company, None, 5 * MILLION, date(2024, 2, 1)),
        support_case(co, a, 99 * MILLION, date(2024, 5, 1), status=SupportStatus.CANCELLED),
    ]


def add_partnering(fx: Fixture) -> None:
    w = fx.world
    first = EventFactory(
        cluster=w.cluster, starts_on=date(2023, 11, 14), ends_on=date(2023, 11, 15)
    )
    second = EventFactory(
        cluster=w.other_cluster, starts_on=date(2024, 4, 9), ends_on=date(2024, 4, 10)
    )
    national = EventFactory(cluster=None, starts_on=date(2024, 9, 3), ends_on=date(2024, 9, 3))
    first_slots, second_slots = (list(e.slots.order_by("start")) for e in (first, second))
    # A late-night session: Seoul's New Year, UTC's old year.
    midnight = Slot.objects.create(
        event=first, day_number=9, start=kst(2024, 1, 1, 0, 10), end=kst(2024, 1, 1, 0, 40)
    )
    demand_a = party(first, DemandCompanyFactory(), "demand")
    demand_b = party(second, DemandCompanyFactory(), "demand")
    m1 = meet(party(first, w.company), demand_a, slot=first_slots[0])
    m4 = meet(party(second, w.other_company), demand_b, slot=second_slots[0])
    m5 = meet(party(second, w.company), demand_b, slot=second_slots[1])
    cancelled = meet(party(second, CompanyFactory()), demand_b, slot=second_slots[2])
    Meeting.objects.filter(pk=cancelled.pk).update(status=MeetingStatus.CANCELLED)
    cancelled.refresh_from_db()
    fx.meetings += [
        m1,
        m4,
        m5,
        cancelled,
        meet(party(first, w.other_company), demand_a, slot=first_slots[1], both=False),
        meet(party(first, w.lone_company), demand_a, slot=first_slots[2]),
        meet(party(first, CompanyFactory()), demand_a, slot=midnight),
        meet(
            party(national, w.company),
            party(national, HospitalFactory(), "hospital"),
            slot=national.slots.order_by("start").first(),
        ),
    ]
    fx.outcomes += [
        followup(m1, "nda", date(2023, 12, 20)),
        followup(m1, "licensing", date(2024, 2, 1), 300 * MILLION),
        followup(m4, "investment", date(2024, 5, 1), 1_000 * MILLION),
        followup(m5, "poc", date(2024, 6, 15)),
    ]


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
        and in_scope(scope, cluster_id=m.event.cluster_id)
    ]


def _followups(fx, scope, period):
    return [
        o
        for o in fx.outcomes
        if in_period(o.agreed_on, period) and in_scope(scope, cluster_id=o.meeting.event.cluster_id)
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
