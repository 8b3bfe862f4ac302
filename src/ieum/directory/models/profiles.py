"""Profiles by kind of organization: a public part and a confidential part each.

Each profile lists its PUBLIC_FIELDS and CONFIDENTIAL_FIELDS once, for the edit form,
the API and the pages; the confidential ones are shown only where
`directory.see_confidential` holds.
"""

from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel
from ieum.directory.enums import InvestorType, Vocabulary


def vocabulary_field(vocabulary: str, verbose_name: str, **options) -> models.ManyToManyField:
    return models.ManyToManyField(
        "directory.Term",
        verbose_name=verbose_name,
        blank=True,
        limit_choices_to={"vocabulary": vocabulary},
        related_name="+",
        **options,
    )


def vocabulary_choice(vocabulary: str, verbose_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "directory.Term",
        verbose_name=verbose_name,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        limit_choices_to={"vocabulary": vocabulary},
        related_name="+",
    )


class CompanyProfile(TimeStampedModel):
    PUBLIC_FIELDS = [
        "founded_on",
        "stage",
        "employees",
        "trl",
        "therapeutic_areas",
        "technology_fields",
        "modalities",
        "certifications",
    ]
    CONFIDENTIAL_FIELDS = [
        "annual_revenue_krw",
        "total_funding_krw",
        "confidential_technology",
    ]

    organization = models.OneToOneField(
        "directory.Organization",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="company_profile",
    )
    founded_on = models.DateField(_("founded"), null=True, blank=True)
    stage = vocabulary_choice(Vocabulary.STAGE, _("stage"))
    employees = models.PositiveIntegerField(_("employees"), null=True, blank=True)
    therapeutic_areas = vocabulary_field(Vocabulary.THERAPEUTIC_AREA, _("therapeutic areas"))
    technology_fields = vocabulary_field(Vocabulary.TECHNOLOGY_FIELD, _("technology fields"))
    modalities = vocabulary_field(Vocabulary.MODALITY, _("modalities"))
    trl = vocabulary_choice(Vocabulary.TRL, _("technology readiness level"))
    certifications = vocabulary_field(Vocabulary.CERTIFICATION, _("certifications"))

    # Confidential part.
    annual_revenue_krw = models.BigIntegerField(
        _("annual revenue (KRW)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    total_funding_krw = models.BigIntegerField(
        _("total funding raised (KRW)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    confidential_technology = models.TextField(_("non-public technology"), blank=True)

    class Meta:
        verbose_name = _("company profile")
        verbose_name_plural = _("company profiles")

    def __str__(self) -> str:
        return str(self.organization)


class Product(BilingualNameMixin, TimeStampedModel):
    company = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="products"
    )
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    device_class = vocabulary_choice(Vocabulary.DEVICE_CLASS, _("MFDS device class"))
    approval_route = vocabulary_choice(Vocabulary.APPROVAL_ROUTE, _("approval route"))
    mfds_item_number = models.CharField(_("MFDS item number"), max_length=40, blank=True)
    # Unreleased products are confidential.
    is_public = models.BooleanField(_("public"), default=True)

    class Meta:
        verbose_name = _("product")
        verbose_name_plural = _("products")
        ordering = ["name_ko"]

    def __str__(self) -> str:
        return self.name


class HospitalProfile(TimeStampedModel):
    PUBLIC_FIELDS = [
        "specialties",
        "services",
        "beds",
        "has_clinical_trial_center",
    ]
    CONFIDENTIAL_FIELDS = [
        "confidential_notes",
    ]

    organization = models.OneToOneField(
        "directory.Organization",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="hospital_profile",
    )
    specialties = vocabulary_field(Vocabulary.THERAPEUTIC_AREA, _("specialties"))
    services = vocabulary_field(Vocabulary.HOSPITAL_SERVICE, _("services offered"))
    beds = models.PositiveIntegerField(_("beds"), null=True, blank=True)
    has_clinical_trial_center = models.BooleanField(_("clinical trial center"), default=False)

    # Confidential part.
    confidential_notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("hospital profile")
        verbose_name_plural = _("hospital profiles")

    def __str__(self) -> str:
        return str(self.organization)


class InvestorProfile(TimeStampedModel):
    PUBLIC_FIELDS = [
        "investor_type",
        "focus_areas",
        "focus_fields",
        "preferred_stages",
        "ticket_min_krw",
        "ticket_max_krw",
    ]
    CONFIDENTIAL_FIELDS = [
        "confidential_notes",
    ]

    organization = models.OneToOneField(
        "directory.Organization",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="investor_profile",
    )
    investor_type = models.CharField(
        _("investor type"),
        max_length=20,
        choices=InvestorType.choices,
        default=InvestorType.VENTURE_CAPITAL,
    )
    focus_areas = vocabulary_field(Vocabulary.THERAPEUTIC_AREA, _("focus areas"))
    focus_fields = vocabulary_field(Vocabulary.TECHNOLOGY_FIELD, _("focus fields"))
    preferred_stages = vocabulary_field(Vocabulary.STAGE, _("preferred stages"))
    ticket_min_krw = models.BigIntegerField(
        _("smallest ticket (KRW)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )
    ticket_max_krw = models.BigIntegerField(
        _("largest ticket (KRW)"), null=True, blank=True, validators=[MinValueValidator(0)]
    )

    # Confidential part.
    confidential_notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("investor profile")
        verbose_name_plural = _("investor profiles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ticket_min_krw__isnull=True)
                | models.Q(ticket_max_krw__isnull=True)
                | models.Q(ticket_min_krw__lte=models.F("ticket_max_krw")),
                name="investor_ticket_range",
            )
        ]

    def __str__(self) -> str:
        return str(self.organization)


class DemandCompanyProfile(TimeStampedModel):
    PUBLIC_FIELDS = [
        "headquarters_country",
        "technology_interests",
        "therapeutic_interests",
        "open_innovation_ko",
        "open_innovation_en",
    ]
    CONFIDENTIAL_FIELDS = [
        "confidential_notes",
    ]

    organization = models.OneToOneField(
        "directory.Organization",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="demand_profile",
    )
    headquarters_country = models.CharField(_("headquarters country"), max_length=60, blank=True)
    technology_interests = vocabulary_field(Vocabulary.TECHNOLOGY_FIELD, _("technology interests"))
    therapeutic_interests = vocabulary_field(
        Vocabulary.THERAPEUTIC_AREA, _("therapeutic interests")
    )
    open_innovation_ko = models.TextField(_("open-innovation interests (Korean)"), blank=True)
    open_innovation_en = models.TextField(_("open-innovation interests (English)"), blank=True)

    # Confidential part.
    confidential_notes = models.TextField(_("internal notes"), blank=True)

    class Meta:
        verbose_name = _("demand-company profile")
        verbose_name_plural = _("demand-company profiles")

    def __str__(self) -> str:
        return str(self.organization)
