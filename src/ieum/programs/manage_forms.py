"""Forms of the program managers' pages: programs, calls, notices, inquiry answers, the
reviewer pool and reviewer profiles, and the application filter. They parse input and
hand plain values to `calls` and `pool`, which check the rules and write.

The form builder's and the stages' formsets are in `manage_setup_forms`.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ieum.core.business_days import SEOUL
from ieum.core.forms import StyledFormMixin
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Organization, Term
from ieum.programs.calls import CALL_FIELDS, PROGRAM_FIELDS
from ieum.programs.enums import ApplicationStatus, CompanyAge, ProgramKind
from ieum.programs.models import Call, Program, ReviewStage


class SeoulDateTimeField(forms.DateTimeField):
    """A date and time typed and shown in Korea time, whatever the active time zone."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")

    def prepare_value(self, value):
        with timezone.override(SEOUL):
            return super().prepare_value(value)

    def to_python(self, value):
        with timezone.override(SEOUL):
            return super().to_python(value)


def terms_of(*vocabularies: str):
    return Term.objects.filter(vocabulary__in=vocabularies, is_active=True).order_by(
        "vocabulary", "sort_order", "code"
    )


def expertise_terms():
    return terms_of(Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD)


class ProgramForm(StyledFormMixin, forms.Form):
    cluster = forms.ModelChoiceField(label=_("Cluster"), queryset=None, required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=ProgramKind.choices)
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=200)
    name_en = forms.CharField(label=_("Name (English)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and hyphens; left empty, it is made from the English name."),
    )
    summary_ko = forms.CharField(
        label=_("Description (Korean)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    summary_en = forms.CharField(
        label=_("Description (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, clusters, national: bool, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cluster"]
        field.queryset = clusters
        if national:
            field.empty_label = _("National program (strategic center)")
        else:
            field.required = True
            field.empty_label = None

    @staticmethod
    def initial_for(program: Program) -> dict[str, Any]:
        return {name: getattr(program, name) for name in PROGRAM_FIELDS}

    def program_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROGRAM_FIELDS}


class CallForm(StyledFormMixin, forms.Form):
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        required=False,
        help_text=_("Letters, digits and hyphens; left empty, it is made from the English title."),
    )
    body_ko = forms.CharField(
        label=_("Announcement (Korean)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    body_en = forms.CharField(
        label=_("Announcement (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    opens_at = SeoulDateTimeField(label=_("Applications open (Korea time)"))
    closes_at = SeoulDateTimeField(
        label=_("Applications close (Korea time)"),
        help_text=_("Submissions are refused from this minute on, by the server's clock."),
    )
    eligible_ages = forms.MultipleChoiceField(
        label=_("Company ages"),
        choices=CompanyAge.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"}),
        help_text=_("None ticked: companies of any age."),
    )
    eligible_regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=terms_of(Vocabulary.REGION),
        required=False,
        help_text=_("None ticked: companies from any region."),
    )
    members_only = forms.BooleanField(
        label=_("Only member companies of the program's cluster"), required=False
    )
    eligible_fields = forms.ModelMultipleChoiceField(
        label=_("Fields"),
        queryset=expertise_terms(),
        required=False,
        help_text=_("None ticked: any field."),
    )
    quota = forms.IntegerField(label=_("Companies to select"), min_value=1, max_value=100000)
    budget_krw = forms.IntegerField(
        label=_("Budget (KRW)"), min_value=0, max_value=10**13, initial=0
    )
    conflict_years = forms.IntegerField(
        label=_("Conflict look-back (years)"),
        min_value=0,
        max_value=30,
        initial=3,
        help_text=_("A reviewer's affiliation with an applicant that ended this recently counts."),
    )

    @staticmethod
    def initial_for(call: Call) -> dict[str, Any]:
        initial = {name: getattr(call, name) for name in CALL_FIELDS}
        initial["eligible_regions"] = list(call.eligible_regions.all())
        initial["eligible_fields"] = list(call.eligible_fields.all())
        return initial

    def call_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in CALL_FIELDS}


class CancelCallForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why is the call cancelled?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=4000,
        help_text=_("Shown to everyone as a notice on the call's page."),
    )


class NoticeForm(StyledFormMixin, forms.Form):
    title_ko = forms.CharField(label=_("Title (Korean)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    body_ko = forms.CharField(label=_("Text (Korean)"), widget=forms.Textarea(attrs={"rows": 5}))
    body_en = forms.CharField(
        label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 5}), required=False
    )


class AnswerForm(StyledFormMixin, forms.Form):
    answer = forms.CharField(
        label=_("Answer"), widget=forms.Textarea(attrs={"rows": 3}), max_length=8000
    )
    is_public = forms.BooleanField(label=_("Show on the call's page"), required=False)


class PoolSeatForm(StyledFormMixin, forms.Form):
    """A reviewer to seat, found by the e-mail address of their account."""

    reviewer = forms.EmailField(label=_("Reviewer's e-mail address"))
    max_reviews = forms.IntegerField(
        label=_("Most reviews per stage"),
        min_value=1,
        max_value=1000,
        required=False,
        help_text=_("Empty: no limit beyond an even share."),
    )

    def clean_reviewer(self):
        email = self.cleaned_data["reviewer"]
        found = get_user_model().objects.filter(email__iexact=email).first()
        if found is None:
            raise forms.ValidationError(
                _("No one has an account with this address; ask them to sign up first.")
            )
        return found


class MaxReviewsForm(StyledFormMixin, forms.Form):
    max_reviews = forms.IntegerField(
        label=_("Most reviews per stage"), min_value=1, max_value=1000, required=False
    )


class ReviewerProfileForm(StyledFormMixin, forms.Form):
    expertise = forms.ModelMultipleChoiceField(
        label=_("Expertise"),
        queryset=expertise_terms(),
        required=False,
        help_text=_("Applications in these fields are preferred when reviews are assigned."),
    )
    bio = forms.CharField(
        label=_("Background"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        required=False,
    )


class AffiliationForm(StyledFormMixin, forms.Form):
    organization = forms.TypedChoiceField(label=_("Organization"), coerce=int, choices=())
    role = forms.CharField(label=_("Role"), max_length=120, required=False)
    ended_on = forms.DateField(
        label=_("Ended"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Empty if current."),
    )

    def __init__(self, *args, organizations: list[tuple[int | str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].choices = organizations

    def has_changed(self) -> bool:
        # A line counts when an organization is chosen, whatever it started as.
        return self["organization"].value() not in (None, "")


class BaseAffiliationFormSet(forms.BaseFormSet):
    def __init__(self, *args, **kwargs):
        organizations = Organization.objects.order_by("name_ko", "pk").values_list("pk", "name_ko")
        # One query for the choices of every line, however many lines there are.
        choices = [("", "—"), *organizations]
        super().__init__(*args, form_kwargs={"organizations": choices}, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove")
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def affiliations(self) -> list[dict[str, Any]]:
        rows = [
            form.cleaned_data
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        found = Organization.objects.in_bulk([row["organization"] for row in rows])
        return [
            {
                "organization": found.get(row["organization"]),
                "role": row["role"],
                "ended_on": row["ended_on"],
            }
            for row in rows
        ]


AffiliationFormSet = forms.formset_factory(
    AffiliationForm,
    formset=BaseAffiliationFormSet,
    extra=2,
    can_delete=True,
    max_num=30,
    validate_max=True,
)


def affiliation_initial(profile) -> list[dict[str, Any]]:
    if profile is None:
        return []
    return [
        {"organization": a.organization_id, "role": a.role, "ended_on": a.ended_on}
        for a in profile.affiliations.all()
    ]


class ApplicationFilterForm(StyledFormMixin, forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            ("", _("All statuses")),
            *[(s.value, s.label) for s in ApplicationStatus if s != ApplicationStatus.DRAFT],
        ],
        required=False,
    )
    stage = forms.ModelChoiceField(
        label=_("Stage"), queryset=ReviewStage.objects.none(), required=False
    )

    def __init__(self, *args, stages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = stages
        self.fields["stage"].empty_label = _("All stages")

    def filters(self) -> dict[str, Any]:
        if not self.is_valid():
            return {"q": "", "status": "", "stage": None}
        return dict(self.cleaned_data)
