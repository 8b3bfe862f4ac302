"""Forms of the record pages: they parse input, nothing more.

The record form is built per kind from `record_input.fields_used_by`, so a patent asks
for its office and number and an export for its country and amount. Every field is a
plain text or choice field and optional here: `record_input.clean_record_fields`, which
the API and the import share, checks values and says what a kind needs, in one set of
messages. The attribution checkboxes offer exactly what
`record_attributions.check_attributions` accepts from the person.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.core.uploads import ALLOWED_EXTENSIONS
from ieum.directory.models import Cluster
from ieum.outcomes.enums import (
    KIND_SUBTYPES,
    Currency,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    VerificationStatus,
)
from ieum.outcomes.record_attributions import AttributionChoices
from ieum.outcomes.record_input import INPUT_FIELDS, KIND_RULES, field_label, fields_used_by
from ieum.outcomes.record_list import RecordFilters
from ieum.partnering.models import Event
from ieum.programs.models import Program

K = OutcomeKind
ACCEPT = ",".join(f".{extension}" for extension in ALLOWED_EXTENSIONS)
BLANK = ("", "---------")

# What the shared fields mean for one kind, where the general label would be vague.
KIND_LABELS: dict[tuple[str, str], Any] = {
    (K.PATENT, "subtype"): _("Application or registration"),
    (K.PATENT, "title"): _("Title of the invention"),
    (K.PATENT, "reference"): _("Application or registration number"),
    (K.PATENT, "country"): _("Country of the foreign office"),
    (K.APPROVAL, "subtype"): _("Approval or certification"),
    (K.APPROVAL, "title"): _("Product"),
    (K.APPROVAL, "reference"): _("Approval, clearance or certificate number"),
    (K.APPROVAL, "counterparty"): _("Authority or notified body"),
    (K.APPROVAL, "country"): _("Country (for other approvals)"),
    (K.EXPORT, "country"): _("Buyer's country"),
    (K.EXPORT, "counterparty"): _("Buyer"),
    (K.EXPORT, "amount"): _("Contract amount"),
    (K.REVENUE, "amount"): _("Revenue of the year"),
    (K.REVENUE, "occurred_on"): _("Last day of the financial year"),
    (K.EMPLOYMENT, "occurred_on"): _("Counted on"),
    (K.INVESTMENT, "subtype"): _("Round"),
    (K.INVESTMENT, "counterparty"): _("Investor"),
    (K.CLINICAL_TRIAL, "subtype"): _("Phase"),
    (K.CLINICAL_TRIAL, "reference"): _("Registry ID (CRIS, ClinicalTrials.gov)"),
    (K.CLINICAL_TRIAL, "counterparty"): _("Sponsor or site"),
    (K.TECH_TRANSFER, "subtype"): _("Transfer or licensing"),
    (K.TECH_TRANSFER, "counterparty"): _("Partner"),
    (K.NATIONAL_RND, "title"): _("Project"),
    (K.NATIONAL_RND, "counterparty"): _("Ministry or agency"),
    (K.NATIONAL_RND, "reference"): _("Project number"),
    (K.NATIONAL_RND, "amount"): _("Government funding"),
    (K.EXIT, "subtype"): _("IPO or M&A"),
    (K.EXIT, "counterparty"): _("Acquirer or exchange"),
}

FIELD_HELP: dict[str, Any] = {
    "country": _("Two-letter code, such as US, DE, JP or CN."),
    "is_confidential": _(
        "Confidential figures count in the totals staff see, never in figures shown to "
        "other companies or the public."
    ),
    "youth_headcount": _("People aged 15 to 34."),
}


def _field(kind: str, name: str) -> forms.Field:
    label = KIND_LABELS.get((kind, name)) or capfirst(field_label(name))
    text = {"label": label, "required": False, "help_text": FIELD_HELP.get(name, "")}
    if name == "subtype":
        choices = [BLANK, *((v, OutcomeSubtype(v).label) for v in KIND_SUBTYPES[kind])]
        return forms.ChoiceField(choices=choices, **text)
    if name == "patent_scope":
        return forms.ChoiceField(choices=[BLANK, *PatentScope.choices], **text)
    if name == "currency":
        return forms.ChoiceField(choices=Currency.choices, initial=Currency.KRW, **text)
    if name == "device_class":
        return forms.ChoiceField(choices=[BLANK, *((n, str(n)) for n in (1, 2, 3, 4))], **text)
    if name == "occurred_on":
        return forms.CharField(widget=forms.DateInput(attrs={"type": "date"}), **text)
    if name == "amount":
        return forms.CharField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), **text)
    if name in {"headcount", "youth_headcount", "new_hires"}:
        return forms.CharField(widget=forms.NumberInput(attrs={"min": 0, "step": 1}), **text)
    if name == "note":
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **text)
    if name == "is_confidential":
        return forms.BooleanField(**text)
    if name == "country":
        return forms.CharField(widget=forms.TextInput(attrs={"maxlength": 2}), **text)
    return forms.CharField(**text)


class NamedMultipleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class NamedChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.name


class RecordForm(StyledFormMixin, forms.Form):
    """The attributions and evidence of a record; `record_form_class` adds the fields
    of a kind."""

    kind: str = ""
    clusters = NamedMultipleChoiceField(
        queryset=Cluster.objects.none(), label=_("Clusters"), required=False
    )
    programs = NamedMultipleChoiceField(
        queryset=Program.objects.none(), label=_("Programs"), required=False
    )
    events = NamedMultipleChoiceField(
        queryset=Event.objects.none(), label=_("Events"), required=False
    )
    evidence = forms.FileField(
        label=_("Evidence"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ACCEPT}),
        help_text=_(
            "The certificate, contract or statement behind the figures: PDF, Office "
            "documents or images, up to 20 MB."
        ),
    )

    def __init__(self, *args, choices: AttributionChoices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["clusters"].queryset = choices.clusters
        self.fields["programs"].queryset = choices.programs
        self.fields["events"].queryset = choices.events

    def input_fields(self) -> list:
        return [self[name] for name in INPUT_FIELDS if name in self.fields]

    def record_data(self) -> dict[str, Any]:
        """The raw values `clean_record_fields` takes."""
        return {name: self.cleaned_data[name] for name in INPUT_FIELDS if name in self.fields}


@cache
def record_form_class(kind: str) -> type[RecordForm]:
    """The form of one kind of record, with the fields that kind uses."""
    used = fields_used_by(kind)
    rule = KIND_RULES[kind]
    fields: dict[str, Any] = {"kind": kind}
    for name in INPUT_FIELDS:
        if name in used:
            field = _field(kind, name)
            # Marked in the label; the shared check says what is missing.
            field.needed = name in rule.required or name == "occurred_on"
            fields[name] = field
    return type(f"{kind.title().replace('_', '')}RecordForm", (RecordForm,), fields)


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, required=False)


class RecordFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    status = forms.ChoiceField(
        label=_("Verification"),
        choices=[("", _("All")), *VerificationStatus.choices],
        required=False,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", _("All kinds")), *OutcomeKind.choices], required=False
    )
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False, empty_value=None)
    cluster = NamedChoiceField(
        label=_("Cluster"),
        queryset=Cluster.objects.none(),
        required=False,
        to_field_name="slug",
        empty_label=_("All clusters"),
    )

    def __init__(self, *args, clusters, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cluster"].queryset = clusters
        self.fields["year"].choices = [("", _("All years")), *((y, str(y)) for y in years)]

    def filters(self) -> RecordFilters:
        if not self.is_valid():
            return RecordFilters()
        data = self.cleaned_data
        return RecordFilters(
            query=data["q"],
            status=data["status"],
            kind=data["kind"],
            year=data["year"],
            cluster=data["cluster"],
        )
