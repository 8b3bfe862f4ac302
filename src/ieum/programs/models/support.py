from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel
from ieum.core.private_files import private_storage
from ieum.programs.enums import SupportStage, SupportStatus


class Cohort(BilingualNameMixin, TimeStampedModel):
    """The companies a call selected (e.g. 김해 강소기업 3기), supported together."""

    program = models.ForeignKey(
        "programs.Program", on_delete=models.CASCADE, related_name="cohorts"
    )
    call = models.OneToOneField(
        "programs.Call", on_delete=models.SET_NULL, null=True, blank=True, related_name="cohort"
    )
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    year = models.PositiveSmallIntegerField(_("year"))
    companies = models.ManyToManyField(
        "directory.Organization", through="programs.CohortMember", related_name="cohorts"
    )

    class Meta:
        ordering = ["-year", "name_ko"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name


class CohortMember(TimeStampedModel):
    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="members")
    company = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="cohort_memberships"
    )
    application = models.OneToOneField(
        "programs.Application",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="cohort_member",
    )

    class Meta:
        ordering = ["cohort", "pk"]
        verbose_name = _("cohort member")
        verbose_name_plural = _("cohort members")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "company"], name="one_seat_per_cohort"),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} · {self.company}"


class SupportCase(TimeStampedModel):
    """One item of support given to a company (a prototype, a trial consult, a booth at
    MEDICA), with who provides it and what it costs."""

    company = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="support_cases",
    )
    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="support_cases",
    )
    program = models.ForeignKey(
        "programs.Program",
        verbose_name=_("program"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cases",
    )
    cohort = models.ForeignKey(
        Cohort,
        verbose_name=_("cohort"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cases",
    )
    stage = models.CharField(_("stage"), max_length=16, choices=SupportStage.choices)
    title = models.CharField(_("support item"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    # Who provides it: an organization, and where it runs through the platform, the
    # linkage request or facility booking that carries it.
    provider = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("provider"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="provided_support_cases",
    )
    service_request = models.ForeignKey(
        "linkage.ServiceRequest",
        verbose_name=_("service request"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cases",
    )
    booking = models.ForeignKey(
        "facilities.Booking",
        verbose_name=_("facility booking"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="support_cases",
    )
    amount_krw = models.BigIntegerField(
        _("amount (KRW)"), default=0, validators=[MinValueValidator(0)]
    )
    starts_on = models.DateField(_("starts"), null=True, blank=True)
    ends_on = models.DateField(_("ends"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=SupportStatus.choices, default=SupportStatus.PLANNED
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("support case")
        verbose_name_plural = _("support cases")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="support_case_ends_after_start",
            ),
            models.CheckConstraint(
                condition=Q(amount_krw__gte=0), name="support_case_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Deliverable(TimeStampedModel):
    """What a support case produced: a report, a prototype, a certificate."""

    case = models.ForeignKey(SupportCase, on_delete=models.CASCADE, related_name="deliverables")
    title = models.CharField(_("deliverable"), max_length=200)
    delivered_on = models.DateField(_("delivered"), null=True, blank=True)
    file = models.FileField(storage=private_storage, upload_to="support/%Y/%m/", blank=True)
    file_name = models.CharField(max_length=200, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["case", "delivered_on", "pk"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")

    def __str__(self) -> str:
        return self.title
