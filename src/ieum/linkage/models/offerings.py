from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, pick_language
from ieum.directory.enums import Vocabulary
from ieum.directory.models.profiles import vocabulary_field
from ieum.linkage.enums import FeeBasis, RequiredDocument, ServiceType


class ServiceOffering(BilingualNameMixin, TimeStampedModel):
    """A service a hospital, cluster, institute or expert firm gives companies."""

    provider = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("provider"),
        on_delete=models.CASCADE,
        related_name="service_offerings",
    )
    service_type = models.CharField(_("service type"), max_length=40, choices=ServiceType.choices)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    description_ko = models.TextField(_("Korean description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    therapeutic_areas = vocabulary_field(Vocabulary.THERAPEUTIC_AREA, _("therapeutic areas"))
    expertise_ko = models.CharField(_("specialties (Korean)"), max_length=300, blank=True)
    expertise_en = models.CharField(_("specialties (English)"), max_length=300, blank=True)
    lead_time_days = models.PositiveSmallIntegerField(
        _("typical lead time (business days)"), default=20
    )
    response_days = models.PositiveSmallIntegerField(
        _("first answer within (business days)"), default=3
    )
    fee_basis = models.CharField(
        _("fee"), max_length=24, choices=FeeBasis.choices, default=FeeBasis.FREE_UNDER_PROGRAM
    )
    fee_krw = models.BigIntegerField(_("fee (KRW)"), null=True, blank=True)
    program_name = models.CharField(_("support program"), max_length=200, blank=True)
    required_documents = ArrayField(
        models.CharField(max_length=32, choices=RequiredDocument.choices),
        verbose_name=_("required documents"),
        default=list,
        blank=True,
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    is_active = models.BooleanField(_("accepting requests"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("service offering")
        verbose_name_plural = _("service offerings")
        ordering = ["service_type", "name_ko"]
        indexes = [models.Index(fields=["service_type", "is_active"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fee_krw__isnull=True) | models.Q(fee_krw__gte=0),
                name="service_offering_fee_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def description(self) -> str:
        return pick_language(self.description_ko, self.description_en)

    @property
    def expertise(self) -> str:
        return pick_language(self.expertise_ko, self.expertise_en)

    def get_required_documents_display(self) -> list[str]:
        labels = dict(RequiredDocument.choices)
        return [str(labels.get(code, code)) for code in self.required_documents]
