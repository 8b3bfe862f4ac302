from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import RangeOperators
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, TsTzRange
from ieum.facilities.enums import (
    ACTIVE_BOOKING_STATUSES,
    BookingMode,
    BookingStatus,
    UserType,
    WaitlistStatus,
)


class Voucher(BilingualNameMixin, TimeStampedModel):
    """A support program pays part of a company's facility fees, up to a budget."""

    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="facility_vouchers",
    )
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    coverage_percent = models.PositiveSmallIntegerField(
        _("share of fees paid (%)"), validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    budget_krw = models.PositiveBigIntegerField(_("budget (KRW)"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"))

    class Meta:
        verbose_name = _("facility voucher")
        verbose_name_plural = _("facility vouchers")
        ordering = ["valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__gte=F("valid_from")), name="voucher_valid_range"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Booking(TimeStampedModel):
    """Time on a resource held for a company, from request to use and billing."""

    resource = models.ForeignKey(
        "facilities.Resource",
        verbose_name=_("facility or equipment"),
        on_delete=models.PROTECT,
        related_name="bookings",
    )
    booked_by = models.ForeignKey(
        "accounts.User", verbose_name=_("booked by"), on_delete=models.PROTECT, related_name="+"
    )
    organization = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.PROTECT,
        related_name="facility_bookings",
    )
    mode = models.CharField(_("mode"), max_length=20, choices=BookingMode.choices)
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    # The end of the time this booking keeps others out: its end plus the resource's
    # buffer at the time of booking. The exclusion constraint compares these ranges.
    blocked_until = models.DateTimeField()
    # Whether the resource took one booking at a time when this was booked; the
    # exclusion constraint can only read the row's own columns.
    is_exclusive = models.BooleanField(default=True)
    purpose = models.TextField(_("purpose"), blank=True)
    series = models.UUIDField(null=True, blank=True, db_index=True)

    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)

    # The fee as agreed when booking: fee class, hourly rate and the voucher's share.
    user_type = models.CharField(_("fee class"), max_length=10, choices=UserType.choices)
    hourly_rate_krw = models.PositiveIntegerField(_("hourly rate (KRW)"))
    fee_krw = models.PositiveBigIntegerField(_("fee (KRW)"))
    voucher = models.ForeignKey(
        Voucher, on_delete=models.PROTECT, null=True, blank=True, related_name="bookings"
    )
    voucher_krw = models.PositiveBigIntegerField(_("paid by voucher (KRW)"), default=0)

    # Calendar feeds send this with the stable UID, so calendar apps update in place.
    sequence = models.PositiveIntegerField(default=0)
    reminder_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["start"]
        indexes = [
            models.Index(fields=["resource", "start"], name="booking_resource_start"),
            models.Index(fields=["organization", "start"], name="booking_org_start"),
            models.Index(fields=["booked_by", "start"], name="booking_user_start"),
            models.Index(
                fields=["status", "start"],
                condition=Q(status="requested"),
                name="booking_awaiting_approval",
            ),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="booking_end_after_start"),
            models.CheckConstraint(
                condition=Q(blocked_until__gte=F("end")), name="booking_blocked_after_end"
            ),
            models.CheckConstraint(
                condition=Q(voucher_krw__lte=F("fee_krw")), name="booking_voucher_within_fee"
            ),
            # No two active bookings of a one-at-a-time resource overlap, buffers
            # included: PostgreSQL refuses the second whatever the application does.
            ExclusionConstraint(
                name="booking_no_overlap",
                expressions=[
                    ("resource", RangeOperators.EQUAL),
                    (TsTzRange("start", "blocked_until"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=ACTIVE_BOOKING_STATUSES, is_exclusive=True),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("facilities:booking", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE_BOOKING_STATUSES

    @property
    def hours(self) -> float:
        return (self.end - self.start).total_seconds() / 3600

    @property
    def amount_due_krw(self) -> int:
        return self.fee_krw - self.voucher_krw


class AnalysisResult(TimeStampedModel):
    """A result file the operator delivers for a test or analysis request."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="results")
    file = models.FileField(_("file"), upload_to="facilities/results/%Y/%m/")
    note = models.TextField(_("note"), blank=True)
    uploaded_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("analysis result")
        verbose_name_plural = _("analysis results")
        ordering = ["created_at"]

    def __str__(self) -> str:
        return self.file.name


class WaitlistEntry(TimeStampedModel):
    """Someone wants a time that is taken; a freed slot is offered to the first in line."""

    resource = models.ForeignKey(
        "facilities.Resource", on_delete=models.CASCADE, related_name="waitlist"
    )
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    mode = models.CharField(_("mode"), max_length=20, choices=BookingMode.choices)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    purpose = models.TextField(_("purpose"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=WaitlistStatus.choices, default="waiting"
    )
    offered_at = models.DateTimeField(null=True, blank=True)
    offer_expires_at = models.DateTimeField(null=True, blank=True)
    booking = models.OneToOneField(
        Booking, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting list")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["resource", "status", "start"], name="waitlist_lookup")]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="waitlist_end_after_start")
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.start:%Y-%m-%d %H:%M} ({self.user})"
