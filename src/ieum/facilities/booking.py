"""Booking a resource, changing and cancelling it, and deciding on requests.

Every change locks the resource's row first, so two people booking the same resource
take turns and each sees the other's booking; the exclusion constraint on bookings is
the last line that nothing can cross. Pages, API and tasks all call these functions.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.models import ClusterMember, Organization
from ieum.facilities import notifications
from ieum.facilities.availability import blackouts_for, buffer_of, held_intervals
from ieum.facilities.enums import (
    ACTIVE_BOOKING_STATUSES,
    BILLED_BOOKING_STATUSES,
    BookingMode,
    BookingStatus,
    UseScope,
)
from ieum.facilities.errors import BookingConflict
from ieum.facilities.fees import fee_class_for, fee_for, hourly_rate, voucher_for, voucher_share
from ieum.facilities.models import Booking, Qualification, Resource
from ieum.facilities.timeline import SEOUL, Interval, at_seoul, opening_intervals, peak
from ieum.facilities.timeline import merge as merge_intervals


def _local(moment: datetime) -> str:
    return date_format(moment.astimezone(SEOUL), "Y-m-d H:i")


def choose_organization(*, user, organization: Organization | None) -> Organization:
    """The organization a booking is for: the one given, if the person belongs to it."""
    member_of = access_for(user).organization_ids
    if organization is None:
        if not member_of:
            raise PermissionDenied(_("You need to belong to an organization to book."))
        return Organization.objects.filter(pk__in=member_of).order_by("kind", "pk").first()
    if organization.pk not in member_of and not access_for(user).is_platform_admin:
        raise ValidationError({"organization": _("You do not belong to this organization.")})
    return organization


def _check_rules(
    *,
    user,
    resource: Resource,
    organization: Organization,
    mode: str,
    start: datetime,
    end: datetime,
    now: datetime,
    by_manager: bool,
) -> None:
    """Rules of the resource that do not depend on other bookings (400 when broken)."""
    if start.tzinfo is None or end.tzinfo is None:
        raise ValidationError(_("Give times with their time zone."))
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    if not resource.is_bookable:
        raise ValidationError(_("This resource cannot be booked."))
    if mode == BookingMode.DIRECT_USE and not resource.allows_direct_use:
        raise ValidationError({"mode": _("This resource takes test and analysis requests only.")})
    if mode == BookingMode.ANALYSIS_REQUEST and not resource.allows_analysis_request:
        raise ValidationError({"mode": _("This resource does not take analysis requests.")})
    if mode not in BookingMode.values:
        raise ValidationError({"mode": _("Unknown booking mode.")})
    if (
        resource.use_scope == UseScope.MEMBERS
        and not by_manager
        and not ClusterMember.objects.filter(
            cluster_id=resource.cluster_id, organization=organization
        ).exists()
    ):
        raise ValidationError(_("Only members of the owning cluster may book this resource."))
    step = resource.slot_minutes * 60
    local_start = start.astimezone(SEOUL)
    midnight = at_seoul(local_start.date(), datetime.min.time())
    if (start - midnight).total_seconds() % step or (end - start).total_seconds() % step:
        raise ValidationError(
            _("Bookings start and end on a %(minutes)d-minute grid.")
            % {"minutes": resource.slot_minutes}
        )
    if start < now:
        raise ValidationError({"start": _("This time has already passed.")})
    minutes = (end - start).total_seconds() / 60
    if minutes < resource.min_minutes:
        raise ValidationError(
            _("Bookings of this resource last at least %(minutes)d minutes.")
            % {"minutes": resource.min_minutes}
        )
    if minutes > resource.max_minutes:
        raise ValidationError(
            _("Bookings of this resource last at most %(minutes)d minutes.")
            % {"minutes": resource.max_minutes}
        )
    if not by_manager:
        if start < now + timedelta(minutes=resource.min_notice_minutes):
            raise ValidationError(
                {
                    "start": _("Book at least %(minutes)d minutes ahead.")
                    % {"minutes": resource.min_notice_minutes}
                }
            )
        if start > now + timedelta(days=resource.max_notice_days):
            raise ValidationError(
                {
                    "start": _("This resource can be booked at most %(days)d days ahead.")
                    % {"days": resource.max_notice_days}
                }
            )
    window = Interval(start, end)
    opened = opening_intervals(
        weekly_hours=[(h.weekday, h.opens, h.closes) for h in resource.opening_hours.all()],
        open_all_hours=resource.open_all_hours,
        window=window,
    )
    if not any(piece.contains(window) for piece in merge_intervals(opened)):
        raise ValidationError(_("The resource is not open for all of this time."))
    if (
        mode == BookingMode.DIRECT_USE
        and resource.requires_qualification
        and not Qualification.objects.filter(
            user=user, resource=resource, expires_on__gte=end.astimezone(SEOUL).date()
        ).exists()
    ):
        raise ValidationError(
            _("You need valid training on this equipment before using it yourself.")
        )


def _check_quota(
    *, resource: Resource, organization: Organization, start: datetime, end: datetime, excluding
) -> None:
    if resource.monthly_quota_hours is None:
        return
    local = start.astimezone(SEOUL)
    month_start = at_seoul(local.date().replace(day=1), datetime.min.time())
    month_end = at_seoul(
        (local.date().replace(day=28) + timedelta(days=4)).replace(day=1), datetime.min.time()
    )
    taken = Booking.objects.filter(
        resource=resource,
        organization=organization,
        status__in=(*ACTIVE_BOOKING_STATUSES, *BILLED_BOOKING_STATUSES),
        start__gte=month_start,
        start__lt=month_end,
    )
    if excluding is not None:
        taken = taken.exclude(pk=excluding.pk)
    duration = taken.aggregate(total=Sum(F("end") - F("start")))["total"] or timedelta()
    if duration + (end - start) > timedelta(hours=resource.monthly_quota_hours):
        raise ValidationError(
            _("This would take your company over its %(hours)d hours a month on this resource.")
            % {"hours": resource.monthly_quota_hours}
        )


def _check_conflicts(*, resource: Resource, start: datetime, end: datetime, excluding) -> None:
    """Other bookings, buffers and blackouts (409 when the time is taken)."""
    window = Interval(start, end)
    for blackout in blackouts_for(resource, window):
        raise BookingConflict(
            _("The resource is unavailable from %(start)s to %(end)s: %(reason)s.")
            % {
                "start": _local(blackout.start),
                "end": _local(blackout.end),
                "reason": blackout.reason,
            }
        )
    held = Interval(start, end + buffer_of(resource))
    # Our own buffer must not run into the next booking, nor our start into another's.
    others = [i for i in held_intervals(resource, held, excluding=excluding) if i.overlaps(held)]
    if peak(others, held) >= resource.capacity:
        raise BookingConflict(
            _(
                "This time is already booked, counting the %(minutes)d-minute buffer "
                "between bookings."
            )
            % {"minutes": resource.buffer_minutes}
            if resource.buffer_minutes
            else _("This time is already booked.")
        )


def _price(booking: Booking) -> None:
    booking.user_type = fee_class_for(organization=booking.organization, resource=booking.resource)
    booking.hourly_rate_krw = hourly_rate(resource=booking.resource, user_type=booking.user_type)
    booking.fee_krw = fee_for(
        hourly_rate_krw=booking.hourly_rate_krw, start=booking.start, end=booking.end
    )
    booking.voucher = voucher_for(organization=booking.organization, start=booking.start)
    booking.voucher_krw = (
        voucher_share(voucher=booking.voucher, fee_krw=booking.fee_krw, excluding=booking)
        if booking.voucher
        else 0
    )
    if booking.voucher_krw == 0:
        booking.voucher = None


def _save(booking: Booking) -> None:
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError as error:
        if "booking_no_overlap" in str(error):
            raise BookingConflict(_("This time is already booked.")) from error
        raise


def lock_resource(resource: Resource) -> Resource:
    """The resource's row, locked: changes to its bookings take turns behind this."""
    return (
        Resource.objects.select_for_update(of=("self",))
        .prefetch_related("opening_hours")
        .get(pk=resource.pk)
    )


def manages(user, resource: Resource) -> bool:
    return user.has_perm("facilities.manage_resource", resource)


@transaction.atomic
def book_resource(
    *,
    user,
    resource: Resource,
    start: datetime,
    end: datetime,
    organization: Organization | None = None,
    mode: str = BookingMode.DIRECT_USE,
    purpose: str = "",
    series: uuid.UUID | None = None,
    now: datetime | None = None,
) -> Booking:
    """Book `resource` for the person's organization; staff approve it if the rules say so."""
    if not user.has_perm("facilities.book_resource"):
        raise PermissionDenied(_("You need to belong to an organization to book."))
    now = now or timezone.now()
    organization = choose_organization(user=user, organization=organization)
    resource = lock_resource(resource)
    by_manager = manages(user, resource)
    _check_rules(
        user=user,
        resource=resource,
        organization=organization,
        mode=mode,
        start=start,
        end=end,
        now=now,
        by_manager=by_manager,
    )
    _check_quota(resource=resource, organization=organization, start=start, end=end, excluding=None)
    _check_conflicts(resource=resource, start=start, end=end, excluding=None)
    booking = Booking(
        resource=resource,
        booked_by=user,
        organization=organization,
        mode=mode,
        status=BookingStatus.REQUESTED if resource.requires_approval else BookingStatus.APPROVED,
        start=start,
        end=end,
        blocked_until=end + buffer_of(resource),
        is_exclusive=resource.capacity == 1,
        purpose=purpose,
        series=series,
    )
    _price(booking)
    with set_actor(user):
        _save(booking)
    notifications.booking_changed(
        booking, event="requested" if booking.status == BookingStatus.REQUESTED else "approved"
    )
    return booking


@dataclass
class SeriesResult:
    booked: list[Booking]
    skipped: list[tuple[datetime, str]]


@transaction.atomic
def book_series(
    *,
    user,
    resource: Resource,
    start: datetime,
    end: datetime,
    every_days: int,
    count: int,
    skip_conflicts: bool,
    organization: Organization | None = None,
    mode: str = BookingMode.DIRECT_USE,
    purpose: str = "",
    now: datetime | None = None,
) -> SeriesResult:
    """Repeat a booking every `every_days` days (1 daily, 7 weekly), `count` times.

    With `skip_conflicts`, taken dates are left out and reported; without it, one taken
    date books none of them.
    """
    if not 1 <= count <= 52:
        raise ValidationError({"count": _("Repeat between 1 and 52 times.")})
    if every_days not in (1, 7, 14):
        raise ValidationError({"every_days": _("Repeat daily, weekly or every two weeks.")})
    series = uuid.uuid4()
    result = SeriesResult(booked=[], skipped=[])
    local_start, local_end = start.astimezone(SEOUL), end.astimezone(SEOUL)
    for n in range(count):
        # Repeat in Seoul wall-clock time, so a series keeps its hour.
        shift = timedelta(days=every_days * n)
        occurrence_start = (local_start.replace(tzinfo=None) + shift).replace(tzinfo=SEOUL)
        occurrence_end = (local_end.replace(tzinfo=None) + shift).replace(tzinfo=SEOUL)
        try:
            with transaction.atomic():
                booking = book_resource(
                    user=user,
                    resource=resource,
                    start=occurrence_start,
                    end=occurrence_end,
                    organization=organization,
                    mode=mode,
                    purpose=purpose,
                    series=series,
                    now=now,
                )
        except BookingConflict as conflict:
            if not skip_conflicts:
                raise
            result.skipped.append((occurrence_start, conflict.messages[0]))
            continue
        result.booked.append(booking)
    return result


@transaction.atomic
def reschedule_booking(
    *, user, booking: Booking, start: datetime, end: datetime, now: datetime | None = None
) -> Booking:
    """Move a booking; the calendar entry keeps its UID and is updated in place."""
    if not user.has_perm("facilities.modify_booking", booking):
        raise PermissionDenied
    now = now or timezone.now()
    resource = lock_resource(booking.resource)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError(_("Only requested or approved bookings can be changed."))
    by_manager = manages(user, resource)
    if not by_manager and booking.start < now + timedelta(hours=resource.cancel_notice_hours):
        raise ValidationError(
            _("This booking can no longer be changed; please contact the cluster staff.")
        )
    _check_rules(
        user=booking.booked_by,
        resource=resource,
        organization=booking.organization,
        mode=booking.mode,
        start=start,
        end=end,
        now=now,
        by_manager=by_manager,
    )
    _check_quota(
        resource=resource,
        organization=booking.organization,
        start=start,
        end=end,
        excluding=booking,
    )
    _check_conflicts(resource=resource, start=start, end=end, excluding=booking)
    old_start, old_end = booking.start, booking.end
    booking.resource = resource
    booking.start, booking.end = start, end
    booking.blocked_until = end + buffer_of(resource)
    booking.sequence += 1
    if resource.requires_approval and not by_manager:
        booking.status = BookingStatus.REQUESTED
    _price(booking)
    with set_actor(user):
        _save(booking)
    notifications.booking_changed(booking, event="rescheduled")
    # The time left behind may be what someone on the waiting list wants.
    notifications.time_freed(resource, start=old_start, end=old_end)
    return booking


@transaction.atomic
def cancel_booking(
    *, user, booking: Booking, reason: str = "", now: datetime | None = None
) -> Booking:
    if not user.has_perm("facilities.modify_booking", booking):
        raise PermissionDenied
    now = now or timezone.now()
    resource = lock_resource(booking.resource)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if not booking.is_active:
        raise ValidationError(_("This booking is not active."))
    if booking.end <= now:
        raise ValidationError(_("A booking that has ended cannot be cancelled."))
    if not manages(user, resource) and booking.start < now + timedelta(
        hours=resource.cancel_notice_hours
    ):
        raise ValidationError(
            _(
                "Bookings can be cancelled up to %(hours)d hours before they start; "
                "please contact the cluster staff."
            )
            % {"hours": resource.cancel_notice_hours}
        )
    booking.status = BookingStatus.CANCELLED
    booking.cancelled_at = now
    booking.decision_reason = reason
    booking.sequence += 1
    with set_actor(user):
        booking.save()
    notifications.booking_changed(booking, event="cancelled")
    notifications.time_freed(resource, start=booking.start, end=booking.end)
    return booking


@transaction.atomic
def decide_booking(
    *, user, booking: Booking, approve: bool, reason: str = "", now: datetime | None = None
) -> Booking:
    """Cluster staff approve or reject a requested booking; a rejection says why."""
    if not user.has_perm("facilities.decide_booking", booking):
        raise PermissionDenied
    lock_resource(booking.resource)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status != BookingStatus.REQUESTED:
        raise ValidationError(_("This booking is not awaiting a decision."))
    if not approve and not reason.strip():
        raise ValidationError({"reason": _("Say why the booking is rejected.")})
    booking.status = BookingStatus.APPROVED if approve else BookingStatus.REJECTED
    booking.decided_by = user
    booking.decided_at = now or timezone.now()
    booking.decision_reason = reason.strip()
    booking.sequence += 1
    with set_actor(user):
        booking.save()
    notifications.booking_changed(booking, event="approved" if approve else "rejected")
    if not approve:
        notifications.time_freed(booking.resource, start=booking.start, end=booking.end)
    return booking
