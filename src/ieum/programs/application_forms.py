"""The application form, built from the call: project data, the call's questions by kind
with their labels in the active language, and an upload slot per required document.

The form only parses what was sent (every field is optional, since drafts are saved
half done); `applications.save_application` checks it and reports problems by the same
keys the form's fields carry ("title", "question-<pk>", "document-<pk>").
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.directory.models import Term
from ieum.programs.application_input import (
    FIELD_VOCABULARIES,
    SUMMARY_LIMIT,
    TEXT_LIMIT,
    TITLE_LIMIT,
    document_key,
    question_key,
)
from ieum.programs.enums import QuestionKind
from ieum.programs.models import ApplicationFile, Call, Question, RequiredDocument

PROJECT_FIELDS = ("title", "summary", "requested_krw", "fields")
# Short text answers get a line; longer ones a box.
ONE_LINE_LIMIT = 200


@dataclass
class Slot:
    """One question or document of the form, with its field and any file it holds."""

    field: forms.BoundField
    label: str
    help_text: str
    required: bool
    is_file: bool
    current: ApplicationFile | None


def _question_field(question: Question) -> forms.Field:
    if question.kind == QuestionKind.FILE:
        return forms.FileField(required=False)
    if question.kind == QuestionKind.NUMBER:
        return forms.CharField(
            required=False, widget=forms.TextInput(attrs={"inputmode": "decimal"})
        )
    if question.kind == QuestionKind.CHOICE:
        choices = [("", _("Choose…")), *question.choice_pairs()]
        # A plain text field under a select: an unknown value reaches the domain check,
        # which names the problem in the same words as for the API.
        return forms.CharField(required=False, widget=forms.Select(choices=choices))
    limit = question.max_length or TEXT_LIMIT
    widget = forms.TextInput() if limit <= ONE_LINE_LIMIT else forms.Textarea(attrs={"rows": 4})
    widget.attrs["maxlength"] = limit
    return forms.CharField(required=False, widget=widget, strip=False)


class ApplicationForm(StyledFormMixin, forms.Form):
    title = forms.CharField(
        label=_("Project title"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": TITLE_LIMIT}),
    )
    summary = forms.CharField(
        label=_("Project summary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": SUMMARY_LIMIT}),
    )
    requested_krw = forms.CharField(
        label=_("Support requested (KRW)"),
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
        help_text=_("In won, without decimals."),
    )
    fields = forms.ModelMultipleChoiceField(
        label=_("Fields of the project"),
        queryset=Term.objects.filter(vocabulary__in=FIELD_VOCABULARIES, is_active=True),
        required=False,
        help_text=_("Reviewers with matching expertise are preferred."),
    )

    def __init__(
        self,
        *args,
        call: Call,
        questions: list[Question],
        documents: list[RequiredDocument],
        files: list[ApplicationFile] = (),
        **kwargs,
    ) -> None:
        self.call = call
        self.questions = questions
        self.documents = documents
        self._files = {(f.document_id, f.question_id): f for f in files}
        super().__init__(*args, **kwargs)
        for question in questions:
            field = _question_field(question)
            field.label = question.label
            field.help_text = question.help_text
            self.fields[question_key(question)] = field
        for document in documents:
            self.fields[document_key(document)] = forms.FileField(
                label=document.name, required=False
            )
        # The mixin styled the fields declared on the class; these are styled here.
        for name, field in self.fields.items():
            if name not in PROJECT_FIELDS:
                widget = field.widget
                if isinstance(widget, forms.Select):
                    widget.attrs.setdefault("class", "form-select")
                else:
                    widget.attrs.setdefault("class", "form-control")

    def project_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in PROJECT_FIELDS]

    def question_slots(self) -> list[Slot]:
        return [
            Slot(
                field=self[question_key(question)],
                label=question.label,
                help_text=question.help_text,
                required=question.is_required,
                is_file=question.kind == QuestionKind.FILE,
                current=self._files.get((None, question.pk)),
            )
            for question in self.questions
        ]

    def document_slots(self) -> list[Slot]:
        return [
            Slot(
                field=self[document_key(document)],
                label=document.name,
                help_text="",
                required=document.is_required,
                is_file=True,
                current=self._files.get((document.pk, None)),
            )
            for document in self.documents
        ]

    def draft_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in PROJECT_FIELDS}

    def answers(self) -> dict[str, Any]:
        return {
            str(question.pk): self.cleaned_data[question_key(question)]
            for question in self.questions
            if question.kind != QuestionKind.FILE
        }

    def uploads(self) -> dict[str, UploadedFile]:
        keys = [question_key(q) for q in self.questions if q.kind == QuestionKind.FILE]
        keys += [document_key(document) for document in self.documents]
        return {key: self.cleaned_data[key] for key in keys if self.cleaned_data.get(key)}

    @staticmethod
    def initial_for(application) -> dict[str, Any]:
        initial = {
            "title": application.title,
            "summary": application.summary,
            "requested_krw": application.requested_krw,
            "fields": list(application.fields.all()),
        }
        for key, value in application.answers.items():
            initial[f"question-{key}"] = value
        return initial


class WithdrawForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
