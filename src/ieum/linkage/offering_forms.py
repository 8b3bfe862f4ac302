"""Forms of the service catalog and the offering editor: they parse input, nothing more."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.enums import OrganizationKind, Vocabulary
from ieum.directory.models import Organization, Term
from ieum.linkage.catalog import OfferingFilters
from ieum.linkage.enums import FeeBasis, RequiredDocument, ServiceType
from ieum.linkage.models import ServiceOffering
from ieum.linkage.offerings import OFFERING_FIELDS, PROVIDER_KINDS


def _terms(vocabulary: str):
    return Term.objects.of(vocabulary).order_by("sort_order", "code")


class OfferingFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    service_type = forms.ChoiceField(
        label=_("Service"),
        choices=[("", _("All services")), *ServiceType.choices],
        required=False,
    )
    area = forms.ModelChoiceField(
        label=_("Therapeutic area"),
        queryset=_terms(Vocabulary.THERAPEUTIC_AREA),
        required=False,
        to_field_name="code",
        empty_label=_("All areas"),
    )
    provider_kind = forms.ChoiceField(
        label=_("Provider"),
        choices=[
            ("", _("All providers")),
            *[(kind.value, kind.label) for kind in PROVIDER_KINDS],
        ],
        required=False,
    )
    region = forms.ModelChoiceField(
        label=_("Region"),
        queryset=_terms(Vocabulary.REGION),
        required=False,
        to_field_name="code",
        empty_label=_("All regions"),
    )

    def filters(self) -> OfferingFilters:
        if not self.is_valid():
            return OfferingFilters()
        data = self.cleaned_data
        return OfferingFilters(
            query=data["q"],
            service_type=data["service_type"],
            area=data["area"],
            provider_kind=data["provider_kind"],
            region=data["region"],
        )


class OfferingForm(StyledFormMixin, forms.Form):
    provider = forms.ModelChoiceField(
        label=_("Provider"), queryset=Organization.objects.none(), empty_label=None
    )
    service_type = forms.ChoiceField(label=_("Service type"), choices=ServiceType.choices)
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    therapeutic_areas = forms.ModelMultipleChoiceField(
        label=_("Therapeutic areas"), queryset=_terms(Vocabulary.THERAPEUTIC_AREA), required=False
    )
    expertise_ko = forms.CharField(
        label=_("Specialties (Korean)"),
        max_length=300,
        required=False,
        help_text=_("For example: 관상동맥 중재시술, 심부전 임상"),
    )
    expertise_en = forms.CharField(label=_("Specialties (English)"), max_length=300, required=False)
    lead_time_days = forms.IntegerField(
        label=_("Typical lead time (business days)"), min_value=1, max_value=365, initial=20
    )
    response_days = forms.IntegerField(
        label=_("First answer within (business days)"),
        max_value=60,
        initial=3,
        help_text=_("Requests assigned to you are due for an answer after this many days."),
    )
    fee_basis = forms.ChoiceField(label=_("Fee"), choices=FeeBasis.choices)
    fee_krw = forms.IntegerField(
        label=_("Fee (KRW)"),
        required=False,
        max_value=10**12,
        help_text=_("Needed for a fixed fee; ignored when the service is free under a program."),
    )
    program_name = forms.CharField(
        label=_("Support program"),
        max_length=200,
        required=False,
        help_text=_("The program that pays for the service, when it is free for companies."),
    )
    required_documents = forms.MultipleChoiceField(
        label=_("Documents the company must provide"),
        choices=RequiredDocument.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    is_active = forms.BooleanField(label=_("Accepting requests"), required=False, initial=True)

    def __init__(self, *args, providers=None, **kwargs):
        super().__init__(*args, **kwargs)
        if providers is None:
            # Editing: the provider of an offering does not change.
            del self.fields["provider"]
        else:
            self.fields["provider"].queryset = providers
            self.fields["provider"].label_from_instance = _provider_label

    @classmethod
    def initial_for(cls, offering: ServiceOffering) -> dict[str, Any]:
        initial = {name: getattr(offering, name) for name in OFFERING_FIELDS}
        initial["therapeutic_areas"] = list(offering.therapeutic_areas.all())
        return initial

    def offering_data(self) -> dict[str, Any]:
        """The cleaned values the domain takes as `data`."""
        return {name: self.cleaned_data[name] for name in OFFERING_FIELDS}


def _provider_label(organization: Organization) -> str:
    return f"{organization.name} ({OrganizationKind(organization.kind).label})"
