"""What happens around bookings: use at the instrument, downtime, training and results."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.directory.models import Organization
from ieum.facilities import notifications
from ieum.facilities.booking import choose_organization
from ieum.facilities.enums import (
    ACTIVE_BOOKING_STATUSES,
    BookingMode,
    BookingStatus,
    DowntimeKind,
    TrainingStatus,
)
from ieum.facilities.models import (
    AnalysisResult,
    Booking,
    Downtime,
    Qualification,
    Resource,
    TrainingRequest,
)
from ieum.facilities.timeline import SEOUL

# Check-in opens a little before the booking, so people can set up on time.
CHECK_IN_EARLY = timedelta(minutes=30)


def _locked_booking(*, user, booking: Booking, permission: str) -> Booking:
    if not user.has_perm(permission, booking):
        raise PermissionDenied
    return Booking.objects.select_for_update().select_related("resource").get(pk=booking.pk)


@transaction.atomic
def check_in(*, user, booking: Booking, now: datetime | None = None) -> Booking:
    """Record that use began; staff or the company's own people at the instrument do it."""
    now = now or timezone.now()
    booking = _locked_booking(user=user, booking=booking, permission="facilities.see_booking")
    if booking.status != BookingStatus.APPROVED:
        raise ValidationError(_("Only approved bookings can be checked in."))
    if booking.checked_in_at:
        raise ValidationError(_("This booking is already checked in."))
    if not booking.start - CHECK_IN_EARLY <= now <= booking.end:
        raise ValidationError(_("Check in from 30 minutes before the start until the end."))
    booking.checked_in_at = now
    with set_actor(user):
        booking.save(update_fields=["checked_in_at", "updated_at"])
    return booking


@transaction.atomic
def check_out(*, user, booking: Booking, now: datetime | None = None) -> Booking:
    now = now or timezone.now()
    booking = _locked_booking(user=user, booking=booking, permission="facilities.see_booking")
    if not booking.checked_in_at:
        raise ValidationError(_("Check in before checking out."))
    if booking.checked_out_at:
        raise ValidationError(_("This booking is already checked out."))
    booking.checked_out_at = max(now, booking.checked_in_at)
    with set_actor(user):
        booking.save(update_fields=["checked_out_at", "updated_at"])
    return booking


@transaction.atomic
def mark_no_show(*, user, booking: Booking, now: datetime | None = None) -> Booking:
    """Staff mark a booking nobody came to; it is still billed, and the rest of it is freed."""
    now = now or timezone.now()
    booking = _locked_booking(user=user, booking=booking, permission="facilities.record_usage")
    if booking.status != BookingStatus.APPROVED or booking.checked_in_at:
        raise ValidationError(_("Only approved bookings nobody checked in to can be no-shows."))
    if now < booking.start:
        raise ValidationError(_("A booking can be marked a no-show once it has started."))
    booking.status = BookingStatus.NO_SHOW
    booking.sequence += 1
    with set_actor(user):
        booking.save()
    if now < booking.end:
        notifications.time_freed(booking.resource, start=now, end=booking.end)
    return booking


@transaction.atomic
def record_downtime(
    *,
    user,
    resource: Resource,
    kind: str,
    start: datetime,
    end: datetime,
    description: str = "",
) -> tuple[Downtime, list[Booking]]:
    """Log maintenance, an incident or a closure; it blocks booking for that time.

    Returns the active bookings it collides with, for staff to move or cancel: they are
    not cancelled silently, since the people concerned need to hear it from someone.
    """
    if not user.has_perm("facilities.manage_resource", resource):
        raise PermissionDenied
    if kind not in DowntimeKind.values:
        raise ValidationError({"kind": _("Unknown kind of downtime.")})
    if end <= start:
        raise ValidationError({"end": _("The end must be after the start.")})
    Resource.objects.select_for_update(of=("self",)).get(pk=resource.pk)
    with set_actor(user):
        downtime = Downtime.objects.create(
            resource=resource,
            kind=kind,
            start=start,
            end=end,
            description=description.strip(),
            reported_by=user,
        )
    affected = list(
        Booking.objects.filter(
            resource=resource, status__in=ACTIVE_BOOKING_STATUSES, start__lt=end, end__gt=start
        ).select_related("organization", "booked_by")
    )
    return downtime, affected


@transaction.atomic
def request_training(
    *, user, resource: Resource, organization: Organization | None = None, message: str = ""
) -> TrainingRequest:
    if not resource.requires_qualification:
        raise ValidationError(_("This resource needs no training."))
    organization = choose_organization(user=user, organization=organization)
    if Qualification.objects.filter(
        user=user, resource=resource, expires_on__gte=timezone.localdate()
    ).exists():
        raise ValidationError(_("You are already trained on this resource."))
    try:
        with transaction.atomic(), set_actor(user):
            return TrainingRequest.objects.create(
                user=user, resource=resource, organization=organization, message=message.strip()
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already asked for this training.")) from error


@transaction.atomic
def grant_qualification(
    *, user, resource: Resource, trainee, trained_on: date | None = None
) -> Qualification:
    """Staff record that `trainee` was trained; it lasts the resource's validity period."""
    if not user.has_perm("facilities.manage_resource", resource):
        raise PermissionDenied
    trained_on = trained_on or timezone.now().astimezone(SEOUL).date()
    expires_on = _add_months(trained_on, resource.qualification_months)
    with set_actor(user):
        qualification, _created = Qualification.objects.update_or_create(
            user=trainee,
            resource=resource,
            defaults={"granted_on": trained_on, "expires_on": expires_on, "granted_by": user},
        )
        TrainingRequest.objects.filter(
            user=trainee, resource=resource, status=TrainingStatus.REQUESTED
        ).update(status=TrainingStatus.GRANTED, decided_by=user, decided_at=timezone.now())
    return qualification


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=candidate)
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def deliver_result(*, user, booking: Booking, file: UploadedFile, note: str = "") -> AnalysisResult:
    """The operator of a test or analysis request uploads a result for the company."""
    booking = _locked_booking(user=user, booking=booking, permission="facilities.record_usage")
    if booking.mode != BookingMode.ANALYSIS_REQUEST:
        raise ValidationError(_("Results are delivered for test and analysis requests only."))
    if booking.status not in (BookingStatus.APPROVED,):
        raise ValidationError(_("Results are delivered for approved requests only."))
    with set_actor(user):
        return AnalysisResult.objects.create(
            booking=booking, file=file, note=note.strip(), uploaded_by=user
        )
