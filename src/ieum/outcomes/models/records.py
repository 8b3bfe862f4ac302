from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Extract, ExtractYear
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from ieum.core.models import TimeStampedModel
from ieum.core.private_files import private_storage
from ieum.outcomes.enums import (
    Currency,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    RecordSource,
    VerificationStatus,
)


class OutcomeRecord(TimeStampedModel):
    """One outcome a company reports: a patent, an approval, an export contract, a
    year's revenue or headcount, an investment, a trial, a licence, an R&D project won,
    an IPO or M&A. KPIs are computed from these rows and nothing else.

    Which fields a kind uses is set in `record_input.KIND_RULES`; the others stay empty.
    Money keeps the amount as entered and its KRW and USD values at the exchange rates
    of the record's date, stored with it so later rates never change a past figure.
    """

    company = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="outcome_records",
    )
    kind = models.CharField(_("kind"), max_length=16, choices=OutcomeKind.choices)
    subtype = models.CharField(
        pgettext_lazy("outcome record", "type"),
        max_length=24,
        choices=OutcomeSubtype.choices,
        blank=True,
    )
    patent_scope = models.CharField(
        _("patent office"), max_length=10, choices=PatentScope.choices, blank=True
    )
    # ISO 3166 alpha-2, plus EU for CE marking and WO for PCT applications.
    country = models.CharField(_("country"), max_length=2, blank=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    reference = models.CharField(_("number or registry ID"), max_length=80, blank=True)
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    device_class = models.PositiveSmallIntegerField(_("MFDS device class"), null=True, blank=True)
    occurred_on = models.DateField(_("date"))
    # Stored by PostgreSQL from the date, so dashboards group 500,000 rows on an index.
    year = models.GeneratedField(
        expression=ExtractYear("occurred_on"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )
    quarter = models.GeneratedField(
        expression=Extract("occurred_on", "quarter"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    amount = models.DecimalField(
        _("amount"), max_digits=18, decimal_places=2, null=True, blank=True
    )
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices, blank=True)
    amount_krw = models.BigIntegerField(_("amount (KRW)"), null=True, blank=True)
    amount_usd = models.DecimalField(
        _("amount (USD)"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    krw_per_unit = models.DecimalField(
        _("KRW per unit of the currency"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    krw_per_usd = models.DecimalField(
        _("KRW per USD"), max_digits=14, decimal_places=6, null=True, blank=True
    )
    rates_on = models.DateField(_("exchange rates of"), null=True, blank=True)

    headcount = models.PositiveIntegerField(_("headcount"), null=True, blank=True)
    youth_headcount = models.PositiveIntegerField(_("youth headcount"), null=True, blank=True)
    new_hires = models.PositiveIntegerField(_("new hires"), null=True, blank=True)

    note = models.TextField(_("note"), blank=True)
    # A confidential record counts in the figures of staff and admins, never in an
    # aggregate shown to another company or the public.
    is_confidential = models.BooleanField(_("confidential"), default=False)

    evidence = models.FileField(
        _("evidence"), storage=private_storage, upload_to="outcomes/evidence/%Y/", blank=True
    )
    evidence_name = models.CharField(_("evidence file name"), max_length=255, blank=True)

    clusters = models.ManyToManyField(
        "directory.Cluster",
        verbose_name=_("clusters"),
        related_name="outcome_records",
        blank=True,
    )
    programs = models.ManyToManyField(
        "programs.Program", verbose_name=_("programs"), related_name="outcome_records", blank=True
    )
    events = models.ManyToManyField(
        "partnering.Event", verbose_name=_("events"), related_name="outcome_records", blank=True
    )

    status = models.CharField(
        _("verification"),
        max_length=10,
        choices=VerificationStatus.choices,
        default=VerificationStatus.PENDING,
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("verified by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("verified at"), null=True, blank=True)

    source = models.CharField(
        _("source"), max_length=8, choices=RecordSource.choices, default=RecordSource.FORM
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    imported_from = models.ForeignKey(
        "outcomes.OutcomeImport",
        verbose_name=_("import"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="records",
    )

    class Meta:
        ordering = ["-occurred_on", "-pk"]
        verbose_name = _("outcome record")
        verbose_name_plural = _("outcome records")
        indexes = [
            models.Index(fields=["status", "kind", "year"], name="outcome_status_kind_year"),
            # One year across kinds: the clusters side by side and the drill-down.
            models.Index(fields=["year", "status"], name="outcome_year_status"),
            models.Index(fields=["company", "kind", "year"], name="outcome_company_kind_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
                name="outcome_amount_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(amount__isnull=True) | ~Q(currency=""),
                name="outcome_amount_has_currency",
            ),
            models.CheckConstraint(
                condition=~Q(status=VerificationStatus.REJECTED) | ~Q(rejection_reason=""),
                name="outcome_rejection_has_reason",
            ),
        ]

    def __str__(self) -> str:
        label = self.title or self.get_kind_display()
        return f"{label} · {self.occurred_on:%Y-%m-%d}"
