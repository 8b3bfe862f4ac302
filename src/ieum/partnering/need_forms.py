"""Forms of the needs, proposals and screening pages: they parse input, nothing more."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Term
from ieum.partnering.enums import DealType, EventStatus, Priority, ProposalStatus
from ieum.partnering.models import Event, Registration, TechnologyNeed

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _terms(*vocabularies: str):
    return Term.objects.filter(vocabulary__in=vocabularies, is_active=True).order_by(
        "vocabulary", "sort_order", "code"
    )


class NeedFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    event = forms.ModelChoiceField(
        label=_("Event"),
        queryset=Event.objects.filter(is_public=True).exclude(status=EventStatus.DRAFT),
        required=False,
        to_field_name="slug",
        empty_label=_("All events"),
    )
    area = forms.ModelChoiceField(
        label=_("Area"),
        queryset=_terms(Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD),
        required=False,
        to_field_name="code",
        empty_label=_("All areas"),
    )
    modality = forms.ModelChoiceField(
        label=_("Modality"),
        queryset=_terms(Vocabulary.MODALITY),
        required=False,
        to_field_name="code",
        empty_label=_("All modalities"),
    )
    deal_type = forms.ChoiceField(
        label=_("Deal type"), choices=[("", _("All deal types")), *DealType.choices], required=False
    )


class NeedForm(StyledFormMixin, forms.Form):
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    description_ko = forms.CharField(
        label=_("Description (Korean)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    description_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=_terms(Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD),
        required=False,
    )
    modalities = forms.ModelMultipleChoiceField(
        label=_("Modalities"), queryset=_terms(Vocabulary.MODALITY), required=False
    )
    stages = forms.ModelMultipleChoiceField(
        label=_("Development stage wanted"), queryset=_terms(Vocabulary.TRL), required=False
    )
    deal_types = forms.MultipleChoiceField(
        label=_("Deal types"),
        choices=DealType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )
    proposals_close_at = forms.DateTimeField(
        label=_("Proposals close"), required=False, widget=DATETIME_WIDGET
    )

    @classmethod
    def initial_for(cls, need: TechnologyNeed) -> dict:
        initial = {name: getattr(need, name) for name in cls.base_fields}
        for name in ("areas", "modalities", "stages"):
            initial[name] = list(getattr(need, name).all())
        return initial


class NeedEditForm(NeedForm):
    is_published = forms.BooleanField(label=_("Published"), required=False)


class ProposalForm(StyledFormMixin, forms.Form):
    registration = forms.ModelChoiceField(
        label=_("On behalf of"), queryset=Registration.objects.none(), empty_label=None
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Non-confidential summary"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Do not include confidential information: the demand company reads this."),
    )
    stage = forms.ModelChoiceField(
        label=_("Development stage"), queryset=_terms(Vocabulary.TRL), required=False
    )
    deal_types = forms.MultipleChoiceField(
        label=_("Deal types"),
        choices=DealType.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
    )

    def __init__(self, *args, parties, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["registration"].queryset = parties
        self.fields["registration"].label_from_instance = lambda party: party.organization.name
        if len(parties) == 1:
            self.fields["registration"].widget = forms.HiddenInput()
            self.fields["registration"].initial = parties[0].pk


class ScreeningFilterForm(StyledFormMixin, forms.Form):
    need = forms.ModelChoiceField(
        label=_("Need"),
        queryset=TechnologyNeed.objects.none(),
        required=False,
        empty_label=_("All needs"),
    )
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("Any status")), *ProposalStatus.choices], required=False
    )

    def __init__(self, *args, needs, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["need"].queryset = needs


class DecisionForm(StyledFormMixin, forms.Form):
    """Priority for accepting, reason for declining; each action reads what it needs."""

    priority = forms.TypedChoiceField(
        label=_("Priority"),
        choices=Priority.choices,
        coerce=int,
        initial=Priority.MEDIUM,
        required=False,
        empty_value=Priority.MEDIUM,
    )
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
