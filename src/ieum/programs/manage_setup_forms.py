"""Formsets of a call's set-up: the form builder (questions and required documents) and
each review stage with its criteria. They parse lines into the rows `call_forms_setup`
takes; that module checks them together and writes.

Each line carries the id of the record it edits (hidden), so a question that stays
keeps its id and drafts keep their answers to it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.programs.call_forms_setup import (
    CRITERION_FIELDS,
    DOCUMENT_FIELDS,
    QUESTION_FIELDS,
    STAGE_FIELDS,
)
from ieum.programs.enums import Aggregation, QuestionKind, StageKind, TieBreak
from ieum.programs.manage_forms import SeoulDateTimeField
from ieum.programs.models import Call, ReviewStage

CHOICE_HELP = _("One per line: value|한국어|English, for example: clinical|임상|Clinical.")


class LineForm(StyledFormMixin, forms.Form):
    """A line of a list: a line counts when anything is written in its `written` fields."""

    written: tuple[str, ...] = ()
    pk = forms.IntegerField(widget=forms.HiddenInput, required=False)
    position = forms.IntegerField(label=_("Order"), min_value=0, max_value=999, required=False)

    def has_changed(self) -> bool:
        return any(self[name].value() not in (None, "") for name in self.written)

    def row(self, fields: tuple[str, ...]) -> dict[str, Any]:
        row = {name: self.cleaned_data.get(name) for name in fields}
        if self.cleaned_data.get("pk"):
            row["pk"] = self.cleaned_data["pk"]
        return row


class BaseLineFormSet(forms.BaseFormSet):
    fields: tuple[str, ...] = ()

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "empty_permitted": True}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        form.fields["DELETE"].label = _("Remove")
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"

    def rows(self) -> list[dict[str, Any]]:
        return [
            form.row(self.fields)
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


def parse_choices(text: str) -> list[dict[str, str]]:
    """Lines "value|한국어|English" (the English part may be left out, and a line with one
    part uses it as both value and Korean label)."""
    choices = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        parts = [part.strip() for part in line.split("|")]
        if len(parts) > 3:
            raise forms.ValidationError(
                _("Choice line %(number)s: write value|한국어|English."),
                params={"number": number},
            )
        if len(parts) == 1:
            value, korean, english = parts[0], parts[0], ""
        else:
            value, korean, english = (*parts, "")[:3]
        choices.append({"value": value, "ko": korean, "en": english})
    return choices


def choices_text(choices: list[dict[str, str]]) -> str:
    return "\n".join(f"{c['value']}|{c.get('ko', '')}|{c.get('en', '')}" for c in choices)


class QuestionForm(LineForm):
    written = ("label_ko", "label_en", "choices")
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    label_ko = forms.CharField(label=_("Question (Korean)"), max_length=300, required=False)
    label_en = forms.CharField(label=_("Question (English)"), max_length=300, required=False)
    help_ko = forms.CharField(label=_("Help (Korean)"), max_length=300, required=False)
    help_en = forms.CharField(label=_("Help (English)"), max_length=300, required=False)
    is_required = forms.BooleanField(label=_("Required"), required=False)
    choices = forms.CharField(
        label=_("Choices"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=CHOICE_HELP,
    )
    max_length = forms.IntegerField(
        label=_("Longest answer (characters)"), min_value=1, required=False
    )

    def clean_choices(self) -> list[dict[str, str]]:
        return parse_choices(self.cleaned_data["choices"])


class QuestionFormSet(BaseLineFormSet):
    fields = QUESTION_FIELDS


class DocumentForm(LineForm):
    written = ("name_ko", "name_en")
    name_ko = forms.CharField(label=_("Document (Korean)"), max_length=200, required=False)
    name_en = forms.CharField(label=_("Document (English)"), max_length=200, required=False)
    is_required = forms.BooleanField(label=_("Required"), required=False)


class DocumentFormSet(BaseLineFormSet):
    fields = DOCUMENT_FIELDS


class CriterionForm(LineForm):
    written = ("name_ko", "name_en", "description_ko")
    name_ko = forms.CharField(label=_("Criterion (Korean)"), max_length=120, required=False)
    name_en = forms.CharField(label=_("Criterion (English)"), max_length=120, required=False)
    description_ko = forms.CharField(
        label=_("What it judges (Korean)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    description_en = forms.CharField(
        label=_("What it judges (English)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    weight = forms.IntegerField(label=_("Weight"), min_value=1, max_value=1000, required=False)
    scale_min = forms.IntegerField(
        label=_("Lowest score"), min_value=0, max_value=100, initial=1, required=False
    )
    scale_max = forms.IntegerField(
        label=_("Highest score"), min_value=1, max_value=100, initial=5, required=False
    )


class CriterionFormSet(BaseLineFormSet):
    fields = CRITERION_FIELDS


def _lines(form_class, formset_class, *, extra: int, most: int):
    return forms.formset_factory(
        form_class,
        formset=formset_class,
        extra=extra,
        can_delete=True,
        max_num=most,
        validate_max=True,
    )


QuestionLines = _lines(QuestionForm, QuestionFormSet, extra=2, most=60)
DocumentLines = _lines(DocumentForm, DocumentFormSet, extra=2, most=30)
CriterionLines = _lines(CriterionForm, CriterionFormSet, extra=2, most=30)


def question_initial(call: Call) -> list[dict[str, Any]]:
    return [
        {
            "pk": q.pk,
            **{name: getattr(q, name) for name in QUESTION_FIELDS},
            "choices": choices_text(q.choices),
        }
        for q in call.questions.all()
    ]


def document_initial(call: Call) -> list[dict[str, Any]]:
    return [
        {"pk": d.pk, **{name: getattr(d, name) for name in DOCUMENT_FIELDS}}
        for d in call.required_documents.all()
    ]


def criteria_initial(stage: ReviewStage | None) -> list[dict[str, Any]]:
    if stage is None:
        return []
    return [
        {"pk": c.pk, **{name: getattr(c, name) for name in CRITERION_FIELDS}}
        for c in stage.criteria.all()
    ]


class StageForm(StyledFormMixin, forms.Form):
    position = forms.IntegerField(label=_("Order"), min_value=1, max_value=99)
    kind = forms.ChoiceField(label=_("Kind"), choices=StageKind.choices)
    name_ko = forms.CharField(label=_("Name (Korean)"), max_length=120)
    name_en = forms.CharField(label=_("Name (English)"), max_length=120, required=False)
    reviewers_per_application = forms.IntegerField(
        label=_("Reviewers per application"), min_value=1, max_value=50, initial=3
    )
    is_blind = forms.BooleanField(
        label=_("Blind review (reviewers do not see who applied)"), required=False
    )
    aggregation = forms.ChoiceField(label=_("Combine scores by"), choices=Aggregation.choices)
    trim_count = forms.IntegerField(
        label=_("Totals trimmed at each end"),
        min_value=0,
        max_value=20,
        initial=1,
        help_text=_("For the trimmed mean only."),
    )
    normalize = forms.BooleanField(
        label=_("Normalize each reviewer's totals (z-score)"),
        required=False,
        help_text=_("Evens out harsh and lenient reviewers before scores are combined."),
    )
    disagreement_threshold = forms.DecimalField(
        label=_("Flag disagreement from (standard deviation, points out of 100)"),
        min_value=0,
        max_value=100,
        max_digits=5,
        decimal_places=2,
        initial=15,
    )
    tie_break = forms.ChoiceField(label=_("Break ties by"), choices=TieBreak.choices)
    advance_count = forms.IntegerField(
        label=_("Applications to advance"),
        min_value=1,
        required=False,
        help_text=_("Empty: the call's quota."),
    )
    reviews_due_at = SeoulDateTimeField(label=_("Reviews due (Korea time)"), required=False)

    @staticmethod
    def initial_for(stage: ReviewStage) -> dict[str, Any]:
        return {name: getattr(stage, name) for name in STAGE_FIELDS}

    def stage_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in STAGE_FIELDS}
