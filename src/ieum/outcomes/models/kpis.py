from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel
from ieum.outcomes.enums import (
    Computation,
    Currency,
    KPIField,
    KPISource,
    KPIUnit,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    Region,
)


class KPIDefinition(BilingualNameMixin, TimeStampedModel):
    """How one figure is computed: from outcome records (a computation over the records
    of some kinds, narrowed by filters), or from another app's own records (`source`).

    Platform admins add and edit definitions; the built-in set is kept by
    `kpi_catalog.ensure_builtin_kpis`. A value is never stored: dashboards compute it.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name_ko = models.CharField(_("Korean name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)
    description_ko = models.TextField(_("Korean description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=KPIUnit.choices)
    source = models.CharField(
        _("computed from"), max_length=24, choices=KPISource.choices, default=KPISource.RECORDS
    )
    computation = models.CharField(
        _("computation"), max_length=20, choices=Computation.choices, default=Computation.COUNT
    )
    field = models.CharField(_("figure"), max_length=16, choices=KPIField.choices, blank=True)
    kinds = ArrayField(
        models.CharField(max_length=16, choices=OutcomeKind.choices),
        verbose_name=_("record kinds"),
        default=list,
        blank=True,
    )
    subtypes = ArrayField(
        models.CharField(max_length=24, choices=OutcomeSubtype.choices),
        verbose_name=_("types"),
        default=list,
        blank=True,
    )
    patent_scopes = ArrayField(
        models.CharField(max_length=10, choices=PatentScope.choices),
        verbose_name=_("patent offices"),
        default=list,
        blank=True,
    )
    region = models.CharField(_("where"), max_length=10, choices=Region.choices, default=Region.ANY)
    currencies = ArrayField(
        models.CharField(max_length=3, choices=Currency.choices),
        verbose_name=_("currencies entered"),
        default=list,
        blank=True,
    )
    is_builtin = models.BooleanField(_("built in"), default=False, editable=False)
    is_active = models.BooleanField(_("shown on dashboards"), default=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["sort_order", "code"]
        verbose_name = _("KPI definition")
        verbose_name_plural = _("KPI definitions")

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        from ieum.core.models import pick_language

        return pick_language(self.description_ko, self.description_en)


class ExchangeRate(TimeStampedModel):
    """KRW per unit of a currency from a day on (e.g. the Bank of Korea's base rate).

    A record uses the latest rate on or before its date and keeps a copy of it.
    """

    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    effective_on = models.DateField(_("from"))
    krw_per_unit = models.DecimalField(_("KRW per unit"), max_digits=14, decimal_places=6)

    class Meta:
        ordering = ["currency", "-effective_on"]
        verbose_name = _("exchange rate")
        verbose_name_plural = _("exchange rates")
        constraints = [
            models.UniqueConstraint(fields=["currency", "effective_on"], name="one_rate_per_day"),
            models.CheckConstraint(
                condition=models.Q(krw_per_unit__gt=0), name="exchange_rate_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.currency} {self.effective_on:%Y-%m-%d} {self.krw_per_unit}"
