from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from ieum.facilities.booking import (
    book_resource,
    book_series,
    cancel_booking,
    decide_booking,
    reschedule_booking,
)
from ieum.facilities.enums import BookingStatus, DowntimeKind, UserType
from ieum.facilities.errors import BookingConflict
from ieum.facilities.models import Booking, Downtime, Qualification, Voucher
from tests.facilities.conftest import seoul, working_day
from tests.factories import (
    ClusterMemberFactory,
    MembershipFactory,
    ResourceFactory,
    UserFactory,
)

# These tests are about the rules; they read the messages in English.
pytestmark = pytest.mark.usefixtures("english")


def test_a_member_books_free_time(member, resource, day):
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    assert booking.status == BookingStatus.APPROVED
    assert booking.user_type == UserType.EXTERNAL
    assert booking.fee_krw == 100_000  # two hours at the external rate


def test_overlapping_and_buffer_conflicts_are_refused(member, day):
    resource = ResourceFactory(buffer_minutes=30)
    book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    with pytest.raises(BookingConflict):
        book_resource(
            user=member, resource=resource, start=seoul(day, "11:00"), end=seoul(day, "13:00")
        )
    # Starting inside the previous booking's buffer is a conflict too.
    with pytest.raises(BookingConflict, match="30"):
        book_resource(
            user=member, resource=resource, start=seoul(day, "12:00"), end=seoul(day, "13:00")
        )
    # So is a booking whose own buffer runs into the next one.
    with pytest.raises(BookingConflict):
        book_resource(
            user=member, resource=resource, start=seoul(day, "09:00"), end=seoul(day, "10:00")
        )
    book_resource(
        user=member, resource=resource, start=seoul(day, "12:30"), end=seoul(day, "13:30")
    )
    assert Booking.objects.count() == 2


def test_the_database_refuses_overlaps_even_without_the_checks(member, resource, day):
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "12:00")
    )
    copy = Booking.objects.get(pk=booking.pk)
    copy.pk = None
    copy.start = seoul(day, "11:30")
    copy.end = copy.blocked_until = seoul(day, "12:30")
    with pytest.raises(IntegrityError, match="booking_no_overlap"), transaction.atomic():
        copy.save()


def test_a_capacity_n_resource_takes_n_at_once(day):
    resource = ResourceFactory(capacity=2)
    people = [MembershipFactory().user for _ in range(3)]
    for person in people[:2]:
        book_resource(
            user=person, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
        )
    with pytest.raises(BookingConflict):
        book_resource(
            user=people[2], resource=resource, start=seoul(day, "10:30"), end=seoul(day, "11:30")
        )
    book_resource(
        user=people[2], resource=resource, start=seoul(day, "11:00"), end=seoul(day, "12:00")
    )


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        ("12:00", "10:00", "end must be after"),
        ("08:00", "10:00", "not open"),
        ("17:00", "19:00", "not open"),
        ("10:15", "11:00", "30-minute grid"),
        ("10:00", "10:00", "end must be after"),
    ],
)
def test_rule_violations_are_refused_and_write_nothing(member, resource, day, start, end, message):
    with pytest.raises(ValidationError, match=message):
        book_resource(user=member, resource=resource, start=seoul(day, start), end=seoul(day, end))
    assert not Booking.objects.exists()


def test_past_notice_and_length_rules(member, day):
    resource = ResourceFactory(min_notice_minutes=24 * 60, max_notice_days=7, max_minutes=120)
    past = working_day(weeks_ahead=-2)
    with pytest.raises(ValidationError, match="already passed"):
        book_resource(
            user=member, resource=resource, start=seoul(past, "10:00"), end=seoul(past, "11:00")
        )
    far = working_day(weeks_ahead=3)
    with pytest.raises(ValidationError, match="7 days ahead"):
        book_resource(
            user=member, resource=resource, start=seoul(far, "10:00"), end=seoul(far, "11:00")
        )
    with pytest.raises(ValidationError, match="at most 120 minutes"):
        book_resource(
            user=member,
            resource=ResourceFactory(max_minutes=120),
            start=seoul(day, "10:00"),
            end=seoul(day, "13:00"),
        )
    assert not Booking.objects.exists()


def test_blackouts_and_public_holidays_are_conflicts(member, resource, day):
    Downtime.objects.create(
        resource=resource,
        kind=DowntimeKind.MAINTENANCE,
        start=seoul(day, "13:00"),
        end=seoul(day, "15:00"),
        description="레이저 정렬",
    )
    with pytest.raises(BookingConflict, match="레이저 정렬"):
        book_resource(
            user=member, resource=resource, start=seoul(day, "14:00"), end=seoul(day, "16:00")
        )
    assert not Booking.objects.exists()


def test_korean_public_holiday_blocks_the_day(member):
    from datetime import date

    resource = ResourceFactory(max_notice_days=800, hours=[(d, "09:00", "18:00") for d in range(7)])
    chuseok = date(2027, 9, 15)  # 추석
    with pytest.raises(BookingConflict):
        book_resource(
            user=member,
            resource=resource,
            start=seoul(chuseok, "10:00"),
            end=seoul(chuseok, "11:00"),
        )


def test_bookings_cross_midnight_when_open_through_the_night(member, day):
    resource = ResourceFactory(
        max_minutes=12 * 60,
        hours=[(d, "18:00", "00:00") for d in range(7)] + [(d, "00:00", "06:00") for d in range(7)],
    )
    booking = book_resource(
        user=member,
        resource=resource,
        start=seoul(day, "22:00"),
        end=seoul(day + timedelta(days=1), "02:00"),
    )
    assert booking.hours == 4
    with pytest.raises(BookingConflict):
        book_resource(
            user=member,
            resource=resource,
            start=seoul(day + timedelta(days=1), "01:00"),
            end=seoul(day + timedelta(days=1), "03:00"),
        )


def test_qualification_is_required_and_expires(member, day):
    resource = ResourceFactory(requires_qualification=True)
    with pytest.raises(ValidationError, match="training"):
        book_resource(
            user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
        )
    Qualification.objects.create(
        user=member,
        resource=resource,
        granted_on=day - timedelta(days=400),
        expires_on=day - timedelta(days=1),
    )
    with pytest.raises(ValidationError, match="training"):
        book_resource(
            user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
        )
    Qualification.objects.filter(user=member).update(expires_on=day + timedelta(days=30))
    book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )


def test_monthly_quota_per_company(day):
    resource = ResourceFactory(monthly_quota_hours=3)
    membership = MembershipFactory()
    colleague = MembershipFactory(organization=membership.organization).user
    book_resource(
        user=membership.user, resource=resource, start=seoul(day, "09:00"), end=seoul(day, "11:00")
    )
    with pytest.raises(ValidationError, match="3 hours a month"):
        book_resource(
            user=colleague, resource=resource, start=seoul(day, "13:00"), end=seoul(day, "15:00")
        )
    book_resource(
        user=colleague, resource=resource, start=seoul(day, "13:00"), end=seoul(day, "14:00")
    )


def test_people_without_an_organization_cannot_book(resource, day):
    with pytest.raises(PermissionDenied):
        book_resource(
            user=UserFactory(),
            resource=resource,
            start=seoul(day, "10:00"),
            end=seoul(day, "11:00"),
        )


def test_fee_classes_and_voucher_budget(day):
    resource = ResourceFactory()
    membership = MembershipFactory()
    ClusterMemberFactory(
        cluster=resource.cluster, organization=membership.organization, is_resident=True
    )
    Voucher.objects.create(
        organization=membership.organization,
        name_ko="장비활용 바우처",
        coverage_percent=70,
        budget_krw=50_000,
        valid_from=day - timedelta(days=30),
        valid_until=day + timedelta(days=30),
    )
    first = book_resource(
        user=membership.user, resource=resource, start=seoul(day, "09:00"), end=seoul(day, "12:00")
    )
    assert (first.user_type, first.fee_krw, first.voucher_krw) == (
        UserType.RESIDENT,
        60_000,
        42_000,
    )
    second = book_resource(
        user=membership.user, resource=resource, start=seoul(day, "13:00"), end=seoul(day, "15:00")
    )
    # Only 8,000 won of the budget is left.
    assert (second.fee_krw, second.voucher_krw, second.amount_due_krw) == (40_000, 8_000, 32_000)


def test_approval_flow_and_rejection_needs_a_reason(day):
    resource = ResourceFactory(requires_approval=True)
    company_member = MembershipFactory().user
    staff = MembershipFactory(organization=resource.cluster.operator, role="cluster_staff").user
    booking = book_resource(
        user=company_member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    assert booking.status == BookingStatus.REQUESTED
    with pytest.raises(PermissionDenied):
        decide_booking(user=company_member, booking=booking, approve=True)
    with pytest.raises(ValidationError, match="why"):
        decide_booking(user=staff, booking=booking, approve=False, reason=" ")
    booking = decide_booking(user=staff, booking=booking, approve=True)
    assert booking.status == BookingStatus.APPROVED and booking.decided_by == staff
    assert booking.sequence == 1


def test_reschedule_keeps_rules_and_cancel_respects_notice(member, day):
    resource = ResourceFactory(cancel_notice_hours=24)
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    other = book_resource(
        user=member, resource=resource, start=seoul(day, "14:00"), end=seoul(day, "15:00")
    )
    with pytest.raises(BookingConflict):
        reschedule_booking(
            user=member, booking=booking, start=seoul(day, "14:00"), end=seoul(day, "15:00")
        )
    moved = reschedule_booking(
        user=member, booking=booking, start=seoul(day, "11:00"), end=seoul(day, "12:30")
    )
    assert (moved.start, moved.sequence, moved.fee_krw) == (seoul(day, "11:00"), 1, 75_000)
    late = seoul(day, "14:00") - timedelta(hours=2)
    with pytest.raises(ValidationError, match="24 hours"):
        cancel_booking(user=member, booking=other, now=late)
    cancelled = cancel_booking(user=member, booking=other)
    assert cancelled.status == BookingStatus.CANCELLED
    book_resource(
        user=member, resource=resource, start=seoul(day, "14:00"), end=seoul(day, "15:00")
    )


def test_a_stranger_cannot_change_someone_elses_booking(member, resource, day):
    booking = book_resource(
        user=member, resource=resource, start=seoul(day, "10:00"), end=seoul(day, "11:00")
    )
    with pytest.raises(PermissionDenied):
        cancel_booking(user=MembershipFactory().user, booking=booking)


def test_recurring_bookings_skip_or_refuse_conflicts(member, resource, day):
    book_resource(
        user=member,
        resource=resource,
        start=seoul(day + timedelta(days=14), "10:00"),
        end=seoul(day + timedelta(days=14), "11:00"),
    )
    with pytest.raises(BookingConflict):
        book_series(
            user=member,
            resource=resource,
            start=seoul(day, "10:00"),
            end=seoul(day, "11:00"),
            every_days=7,
            count=4,
            skip_conflicts=False,
        )
    assert Booking.objects.count() == 1
    result = book_series(
        user=member,
        resource=resource,
        start=seoul(day, "10:00"),
        end=seoul(day, "11:00"),
        every_days=7,
        count=4,
        skip_conflicts=True,
    )
    assert len(result.booked) == 3 and [s for s, _ in result.skipped] == [
        seoul(day + timedelta(days=14), "10:00")
    ]
    assert len({b.series for b in result.booked}) == 1
