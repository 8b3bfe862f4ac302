"""Forms of the KPI and exchange-rate pages. They parse input and hand plain values to
`kpi_editing`, which checks the rules and writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.outcomes.enums import (
    Computation,
    Currency,
    KPIField,
    KPIUnit,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    Region,
)
from ieum.outcomes.kpi_editing import DEFINITION_FIELDS, EDITABLE_FIELDS, MAX_SORT_ORDER
from ieum.outcomes.models import KPIDefinition

LIST_FIELDS = ("kinds", "subtypes", "patent_scopes", "currencies")


def _checkboxes(label, choices, help_text="") -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        choices=choices,
        required=False,
        help_text=help_text,
        widget=forms.CheckboxSelectMultiple,
    )


class KPIForm(StyledFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=60,
        help_text=_(
            "Lower-case letters, digits, hyphens or underscores, e.g. overseas_exhibitions. "
            "It names the KPI in links, exports and the API and cannot change later."
        ),
    )
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    computation = forms.ChoiceField(label=_("Computation"), choices=Computation.choices)
    field = forms.ChoiceField(
        label=_("Figure"),
        choices=[("", _("None (counts)")), *KPIField.choices],
        required=False,
        help_text=_("The figure a sum or latest value adds up."),
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=KPIUnit.choices)
    kinds = _checkboxes(
        _("Record kinds"), OutcomeKind.choices, _("None chosen: records of every kind.")
    )
    subtypes = _checkboxes(
        _("Types"), OutcomeSubtype.choices, _("None chosen: every type of the chosen kinds.")
    )
    patent_scopes = _checkboxes(_("Patent offices"), PatentScope.choices)
    region = forms.ChoiceField(label=_("Where"), choices=Region.choices)
    currencies = _checkboxes(
        _("Currencies entered"), Currency.choices, _("None chosen: any currency.")
    )
    is_active = forms.BooleanField(label=_("Shown on dashboards"), required=False, initial=True)
    sort_order = forms.IntegerField(
        label=_("Order"), min_value=0, max_value=MAX_SORT_ORDER, initial=100
    )

    def __init__(self, *args, kpi: KPIDefinition | None = None, **kwargs):
        if kpi is not None:
            kwargs.setdefault("initial", self.initial_for(kpi))
        super().__init__(*args, **kwargs)
        for name in LIST_FIELDS:
            self.fields[name].widget.attrs["class"] = "form-check-input"
        if kpi is not None:
            # The code never changes once a KPI exists.
            del self.fields["code"]
        if kpi is not None and kpi.is_builtin:
            # A built-in computes what the catalog says; the browser cannot change it.
            for name in DEFINITION_FIELDS:
                self.fields[name].disabled = True

    @staticmethod
    def initial_for(kpi: KPIDefinition) -> dict[str, Any]:
        return {name: getattr(kpi, name) for name in EDITABLE_FIELDS}

    def kpi_data(self) -> dict[str, Any]:
        """The values for `kpi_editing`, without the fields the page may not change."""
        return {
            name: self.cleaned_data[name]
            for name in EDITABLE_FIELDS
            if name in self.fields and not self.fields[name].disabled
        }


FOREIGN_CURRENCIES = [(value, label) for value, label in Currency.choices if value != Currency.KRW]


class ExchangeRateForm(StyledFormMixin, forms.Form):
    currency = forms.ChoiceField(label=_("Currency"), choices=FOREIGN_CURRENCIES)
    effective_on = forms.DateField(
        label=_("From"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    krw_per_unit = forms.CharField(
        label=_("KRW per unit"),
        max_length=30,
        help_text=_("For JPY, the won for one yen (e.g. 9.45)."),
    )
