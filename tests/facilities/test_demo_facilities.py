"""The facility demo that `seed_demo` loads: a catalog in every demo cluster, six months
of activity that keeps the booking rules, fees that follow the rates, and work waiting
for the demo logins."""

import re
from collections import Counter

from auditlog.context import disable_auditlog
from django.db import connection
from django.utils import timezone

from ieum.accounts.models import User
from ieum.directory.demo.loader import load_demo
from ieum.directory.models import Cluster
from ieum.facilities.booking import decide_booking
from ieum.facilities.demo.loader import load_facility_demo
from ieum.facilities.enums import (
    BILLED_BOOKING_STATUSES,
    BookingStatus,
    ResourceKind,
    ResourceStatus,
)
from ieum.facilities.fees import RATE_FIELDS, fee_class_for, fee_for
from ieum.facilities.models import (
    Booking,
    Downtime,
    Qualification,
    Resource,
    TrainingRequest,
    Voucher,
)
from ieum.facilities.timeline import SEOUL

NFEC = re.compile(r"^NFEC-20[0-2]\d-(0[1-9]|1[0-2])-\d{6}$")


def overlapping_active_bookings() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*)
            FROM facilities_booking a
            JOIN facilities_booking b
              ON a.resource_id = b.resource_id AND a.id < b.id
            WHERE a.status IN ('requested', 'approved') AND b.status IN ('requested', 'approved')
              AND a.is_exclusive AND b.is_exclusive
              AND tstzrange(a.start, a.blocked_until) && tstzrange(b.start, b.blocked_until)
            """
        )
        return cursor.fetchone()[0]


def bookings_over_capacity() -> int:
    """Moments where more bookings hold a shared resource than it has room for."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM (
              SELECT a.id
              FROM facilities_booking a
              JOIN facilities_resource r ON r.id = a.resource_id
              JOIN facilities_booking b
                ON b.resource_id = a.resource_id
               AND b.status IN ('requested', 'approved', 'no_show')
               AND b.start <= a.start AND a.start < b.blocked_until
              WHERE a.status IN ('requested', 'approved', 'no_show')
              GROUP BY a.id, r.capacity
              HAVING count(b.id) > r.capacity
            ) AS crowded
            """
        )
        return cursor.fetchone()[0]


def used_during_downtime() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*)
            FROM facilities_booking b
            JOIN facilities_downtime d ON d.resource_id = b.resource_id
            WHERE b.status IN ('requested', 'approved', 'no_show')
              AND tstzrange(b.start, b.end) && tstzrange(d.start, d.end)
            """
        )
        return cursor.fetchone()[0]


def test_seed_demo_loads_facilities_with_consistent_activity(db):
    # The directory and facility steps of `seed_demo` alone: the later steps take most
    # of its time, and re-seeding and resetting are tested with the whole command in
    # tests/directory/test_demo_data.py.
    with disable_auditlog():
        load_demo()
        load_facility_demo()
    check_the_catalog_covers_every_demo_cluster()
    check_the_activity_keeps_the_rules_and_the_rates()
    check_the_demo_logins_find_work_waiting()


def check_the_catalog_covers_every_demo_cluster():
    resources = Resource.objects.filter(is_demo=True).select_related("cluster")
    assert 60 <= resources.count() <= 90
    for cluster in Cluster.objects.filter(is_demo=True):
        mine = resources.filter(cluster=cluster)
        assert mine.filter(kind=ResourceKind.EQUIPMENT).count() >= 2, cluster.slug
        assert mine.exclude(kind=ResourceKind.EQUIPMENT).exists(), cluster.slug
    assert set(resources.values_list("kind", flat=True)) == set(ResourceKind.values)

    numbers = [r.nfec_number for r in resources if r.nfec_number]
    assert len(numbers) >= 40 and len(set(numbers)) == len(numbers)
    assert all(NFEC.match(number) for number in numbers)
    assert not resources.filter(kind=ResourceKind.EQUIPMENT, nfec_number="").exists()
    assert resources.filter(status=ResourceStatus.DISUSED).count() == 1
    assert resources.filter(status=ResourceStatus.IDLE).count() >= 3

    for resource in resources:
        assert resource.name_en and resource.specifications_ko and resource.specifications_en
        assert resource.location and resource.contact_email
        assert 0 < resource.rate_resident < resource.rate_member
        assert resource.rate_member < resource.rate_academic < resource.rate_external
        assert resource.open_all_hours or resource.opening_hours.exists()
    assert resources.filter(capacity__gt=1).count() >= 5
    assert resources.filter(open_all_hours=True).count() >= 5
    assert resources.filter(buffer_minutes__gt=0).count() >= 5
    assert resources.filter(requires_qualification=True).count() >= 10
    assert resources.filter(monthly_quota_hours__isnull=False).count() >= 3
    assert resources.filter(allows_analysis_request=True, allows_direct_use=False).exists()
    assert resources.filter(requires_approval=True).count() > resources.count() / 2
    # Weekdays 09–18 for most; a few run through the night.
    office_hours = resources.filter(
        opening_hours__opens="09:00", opening_hours__closes="18:00"
    ).distinct()
    assert office_hours.count() > resources.count() / 3
    assert resources.filter(opening_hours__closes="00:00").exists()


def check_the_activity_keeps_the_rules_and_the_rates():
    now = timezone.now()
    bookings = Booking.objects.filter(resource__is_demo=True).select_related(
        "resource", "organization", "voucher"
    )
    assert bookings.count() >= 1500
    past = bookings.filter(end__lte=now)
    statuses = Counter(past.values_list("status", flat=True))
    assert statuses[BookingStatus.APPROVED] > 0.7 * past.count()
    for status in (BookingStatus.NO_SHOW, BookingStatus.CANCELLED, BookingStatus.REJECTED):
        assert statuses[status] >= 10, status
    assert not past.filter(status=BookingStatus.REQUESTED).exists()
    # Used bookings were checked in and out; the others say why they did not happen.
    used = past.filter(status=BookingStatus.APPROVED)
    assert not used.filter(checked_in_at__isnull=True).exists()
    assert not used.filter(checked_out_at__isnull=True).exists()
    assert not past.filter(status=BookingStatus.NO_SHOW, checked_in_at__isnull=False).exists()
    for booking in past.filter(status__in=[BookingStatus.CANCELLED, BookingStatus.REJECTED]):
        assert booking.created_at < booking.start
        if booking.status == BookingStatus.REJECTED:
            assert booking.decision_reason and booking.decided_by_id
        else:
            assert booking.created_at < booking.cancelled_at < booking.start
    assert not bookings.filter(resource__status=ResourceStatus.DISUSED).exists()

    # The database's own rules, and the ones it cannot hold.
    assert overlapping_active_bookings() == 0
    assert bookings_over_capacity() == 0
    assert used_during_downtime() == 0
    assert Downtime.objects.filter(kind="incident").exists()
    assert Downtime.objects.filter(kind="maintenance", start__gt=now).exists()

    # Every fee follows the resource's rate for the company's fee class.
    classes = {}
    for booking in bookings:
        key = (booking.organization_id, booking.resource.cluster_id)
        if key not in classes:
            classes[key] = fee_class_for(
                organization=booking.organization, resource=booking.resource
            )
        assert booking.user_type == classes[key]
        assert booking.hourly_rate_krw == getattr(booking.resource, RATE_FIELDS[booking.user_type])
        assert booking.fee_krw == fee_for(
            hourly_rate_krw=booking.hourly_rate_krw, start=booking.start, end=booking.end
        )
        assert (booking.voucher_id is None) == (booking.voucher_krw == 0)
        if booking.voucher_id:
            assert booking.voucher.organization_id == booking.organization_id
            assert booking.voucher_krw <= booking.fee_krw * booking.voucher.coverage_percent // 100
            day = booking.start.astimezone(SEOUL).date()
            assert booking.voucher.valid_from <= day <= booking.voucher.valid_until
    assert len({user_type for _key, user_type in classes.items()}) == 4
    spending = (*BILLED_BOOKING_STATUSES, BookingStatus.REQUESTED)
    for voucher in Voucher.objects.filter(organization__is_demo=True):
        spent = sum(
            voucher.bookings.filter(status__in=spending).values_list("voucher_krw", flat=True)
        )
        assert spent <= voucher.budget_krw
    assert bookings.filter(voucher__isnull=False, end__lte=now).count() >= 50


def check_the_demo_logins_find_work_waiting():
    now = timezone.now()
    today = now.astimezone(SEOUL).date()

    staff = User.objects.get(email="gimhae.staff@demo.ieum.kr")
    waiting = Booking.objects.filter(
        status=BookingStatus.REQUESTED, resource__cluster__slug="gimhae-biomedical"
    )
    assert waiting.count() >= 5
    assert all(booking.start > now for booking in waiting)
    assert all(staff.has_perm("facilities.decide_booking", booking) for booking in waiting)
    decided = decide_booking(user=staff, booking=waiting.first(), approve=True)
    assert decided.status == BookingStatus.APPROVED
    assert (
        TrainingRequest.objects.filter(
            status="requested", resource__cluster__slug="gimhae-biomedical"
        ).count()
        >= 2
    )
    # Other clusters have their facility managers, and requests of their own.
    assert (
        Booking.objects.filter(status=BookingStatus.REQUESTED)
        .exclude(resource__cluster__slug="gimhae-biomedical")
        .exists()
    )
    assert not Booking.objects.filter(
        status=BookingStatus.APPROVED, decided_by__isnull=True, resource__requires_approval=True
    ).exists()

    company = User.objects.get(email="company@demo.ieum.kr")
    valid = Qualification.objects.filter(user=company, expires_on__gte=today)
    assert valid.count() >= 3
    assert Qualification.objects.filter(user=company, expires_on__lt=today).exists()
    mine = Booking.objects.filter(booked_by=company)
    assert mine.filter(end__lte=now, checked_out_at__isnull=False).count() >= 10
    assert mine.filter(start__gt=now, status=BookingStatus.APPROVED).exists()
    assert mine.filter(start__gt=now, status=BookingStatus.REQUESTED).exists()
    assert mine.filter(voucher__isnull=False).exists()
    # Direct use of equipment that needs training only by those trained for it.
    for booking in Booking.objects.filter(
        mode="direct_use", resource__requires_qualification=True
    ).select_related("resource"):
        assert Qualification.objects.filter(
            user_id=booking.booked_by_id,
            resource=booking.resource,
            granted_on__lte=booking.start.astimezone(SEOUL).date(),
            expires_on__gte=booking.end.astimezone(SEOUL).date(),
        ).exists()
