from django.contrib.postgres.indexes import GinIndex, OpClass
from django.core.validators import FileExtensionValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, pick_language
from ieum.facilities.enums import (
    DowntimeKind,
    EquipmentCategory,
    ResourceKind,
    ResourceStatus,
    UseScope,
)


class Resource(BilingualNameMixin, TimeStampedModel):
    """A bookable facility, space or piece of equipment owned by a cluster.

    The descriptive fields follow ZEUS, the national research-equipment registry, so a
    catalog can be exchanged with it; the rest are the booking rules and hourly rates.
    """

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("owning cluster"),
        on_delete=models.PROTECT,
        related_name="resources",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    nfec_number = models.CharField(
        _("NFEC registration number"),
        max_length=30,
        blank=True,
        help_text=_(
            "The number ZEUS gives registered research equipment, e.g. NFEC-2019-05-253412."
        ),
    )
    maker = models.CharField(_("maker"), max_length=120, blank=True)
    model_name = models.CharField(_("model"), max_length=120, blank=True)
    category = models.CharField(
        _("category"), max_length=20, choices=EquipmentCategory.choices, default="other"
    )
    specifications_ko = models.TextField(_("Korean specifications"), blank=True)
    specifications_en = models.TextField(_("English specifications"), blank=True)
    location = models.CharField(_("location"), max_length=200, blank=True)
    status = models.CharField(
        _("use status"), max_length=10, choices=ResourceStatus.choices, default="in_use"
    )
    use_scope = models.CharField(
        _("who may use it"), max_length=10, choices=UseScope.choices, default="open"
    )
    photo = models.FileField(
        _("photo"),
        upload_to="facilities/photos/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"])],
    )
    manual = models.FileField(
        _("manual"),
        upload_to="facilities/manuals/",
        blank=True,
        validators=[FileExtensionValidator(["pdf"])],
    )
    contact_name = models.CharField(_("contact person"), max_length=80, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    # Booking rules.
    slot_minutes = models.PositiveSmallIntegerField(
        _("time grid (minutes)"),
        default=30,
        validators=[MinValueValidator(5), MaxValueValidator(240)],
        help_text=_("Bookings start and end on this grid."),
    )
    min_minutes = models.PositiveIntegerField(_("shortest booking (minutes)"), default=30)
    max_minutes = models.PositiveIntegerField(_("longest booking (minutes)"), default=480)
    min_notice_minutes = models.PositiveIntegerField(_("minimum notice (minutes)"), default=60)
    max_notice_days = models.PositiveIntegerField(_("bookable this many days ahead"), default=90)
    buffer_minutes = models.PositiveIntegerField(
        _("buffer after each booking (minutes)"),
        default=0,
        help_text=_("Time kept free after a booking for cleaning or set-up."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"),
        default=1,
        validators=[MinValueValidator(1)],
        help_text=_("How many bookings may share the same time, e.g. benches of a shared lab."),
    )
    requires_approval = models.BooleanField(_("staff approve each booking"), default=True)
    requires_qualification = models.BooleanField(_("users must be trained"), default=False)
    qualification_months = models.PositiveSmallIntegerField(
        _("training valid for (months)"), default=12
    )
    monthly_quota_hours = models.PositiveIntegerField(
        _("monthly hours per company"), null=True, blank=True
    )
    allows_direct_use = models.BooleanField(_("direct use"), default=True)
    allows_analysis_request = models.BooleanField(_("test or analysis requests"), default=False)
    cancel_notice_hours = models.PositiveIntegerField(_("cancel up to (hours before)"), default=24)
    open_all_hours = models.BooleanField(_("open around the clock"), default=False)
    closed_on_public_holidays = models.BooleanField(_("closed on public holidays"), default=True)

    # Hourly rates in KRW by fee class.
    rate_resident = models.PositiveIntegerField(_("hourly rate, resident company"), default=0)
    rate_member = models.PositiveIntegerField(_("hourly rate, cluster member"), default=0)
    rate_external = models.PositiveIntegerField(_("hourly rate, external"), default=0)
    rate_academic = models.PositiveIntegerField(_("hourly rate, university"), default=0)

    # Field groups, declared once for the edit page, the import, the admin and the API.
    DESCRIPTION_FIELDS = (
        "kind",
        "name_ko",
        "name_en",
        "status",
        "use_scope",
        "category",
        "nfec_number",
        "maker",
        "model_name",
        "location",
        "specifications_ko",
        "specifications_en",
    )
    CONTACT_FIELDS = ("contact_name", "contact_email", "contact_phone")
    FILE_FIELDS = ("photo", "manual")
    RULE_FIELDS = (
        "slot_minutes",
        "min_minutes",
        "max_minutes",
        "min_notice_minutes",
        "max_notice_days",
        "buffer_minutes",
        "capacity",
        "cancel_notice_hours",
        "monthly_quota_hours",
        "qualification_months",
        "requires_approval",
        "requires_qualification",
        "allows_direct_use",
        "allows_analysis_request",
        "open_all_hours",
        "closed_on_public_holidays",
    )
    RATE_FIELDS = ("rate_resident", "rate_member", "rate_external", "rate_academic")

    class Meta:
        verbose_name = _("facility or equipment")
        verbose_name_plural = _("facilities and equipment")
        ordering = ["cluster_id", "name_ko"]
        indexes = [
            GinIndex(OpClass(Upper("name_ko"), name="gin_trgm_ops"), name="resource_name_ko_trgm"),
            GinIndex(OpClass(Upper("name_en"), name="gin_trgm_ops"), name="resource_name_en_trgm"),
            models.Index(fields=["cluster", "kind"], name="resource_cluster_kind"),
        ]
        constraints = [
            models.UniqueConstraint(
                "nfec_number", condition=~Q(nfec_number=""), name="resource_unique_nfec"
            ),
            models.CheckConstraint(
                condition=Q(max_minutes__gte=models.F("min_minutes")),
                name="resource_min_le_max",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("facilities:resource", kwargs={"pk": self.pk})

    @property
    def specifications(self) -> str:
        return pick_language(self.specifications_ko, self.specifications_en)

    @property
    def is_bookable(self) -> bool:
        return self.status != ResourceStatus.DISUSED and self.use_scope != UseScope.INTERNAL


class OpeningHours(models.Model):
    """One open interval on a weekday, in Asia/Seoul time. Closing at 00:00 means midnight."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(
        _("weekday"),
        choices=[
            (0, _("Monday")),
            (1, _("Tuesday")),
            (2, _("Wednesday")),
            (3, _("Thursday")),
            (4, _("Friday")),
            (5, _("Saturday")),
            (6, _("Sunday")),
        ],
    )
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(
                condition=Q(closes__gt=models.F("opens")) | Q(closes="00:00"),
                name="opening_hours_closes_after_opens",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}–{self.closes:%H:%M}"


class Downtime(TimeStampedModel):
    """Maintenance, an incident or a closure: the resource cannot be booked meanwhile."""

    resource = models.ForeignKey(Resource, on_delete=models.CASCADE, related_name="downtimes")
    kind = models.CharField(_("kind"), max_length=12, choices=DowntimeKind.choices)
    start = models.DateTimeField(_("from"))
    end = models.DateTimeField(_("until"))
    description = models.TextField(_("description"), blank=True)
    reported_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("downtime")
        verbose_name_plural = _("downtime log")
        ordering = ["-start"]
        indexes = [models.Index(fields=["resource", "start", "end"], name="downtime_resource_time")]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gt=models.F("start")), name="downtime_end_after_start"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.get_kind_display()} {self.start:%Y-%m-%d}"
