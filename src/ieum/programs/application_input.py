"""Checks of what an applicant sends: project data, answers by question kind, and files.

Nothing here writes. `check_input` gathers every problem of one save into a single
ValidationError keyed by field ("title", "question-<pk>", "document-<pk>"), so the
applicant sees them all at once and the caller writes only when there are none.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from ieum.core.uploads import CheckedUpload, check_upload
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Term
from ieum.programs.enums import QuestionKind
from ieum.programs.models import Application, Question, RequiredDocument

EDITABLE_FIELDS = ("title", "summary", "requested_krw", "fields")
FIELD_VOCABULARIES = (Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD)
TITLE_LIMIT = 200
SUMMARY_LIMIT = 5_000
# A text question without its own limit still keeps answers to a readable length.
TEXT_LIMIT = 10_000
# Numbers beyond this many digits are typing mistakes, and would not fit a report cell.
NUMBER_DIGITS = 15


def question_key(question: Question | int) -> str:
    return f"question-{getattr(question, 'pk', question)}"


def document_key(document: RequiredDocument | int) -> str:
    return f"document-{getattr(document, 'pk', document)}"


@dataclass
class CheckedInput:
    """What may be written once every check passed."""

    values: dict[str, Any] = field(default_factory=dict)
    fields: list[Term] | None = None
    # Question id (as a string) -> the answer to store, or None to clear it.
    answers: dict[str, Any] = field(default_factory=dict)
    # (document, question, file): exactly one of document and question is set.
    files: list[tuple[RequiredDocument | None, Question | None, CheckedUpload]] = field(
        default_factory=list
    )


class _Errors:
    def __init__(self) -> None:
        self.by_key: dict[str, list[str]] = {}

    def add(self, key: str, message: str) -> None:
        self.by_key.setdefault(key, []).append(message)

    def absorb(self, error: ValidationError) -> None:
        for key, messages in error.message_dict.items():
            for message in messages:
                self.add(key, message)

    def raise_any(self) -> None:
        if self.by_key:
            raise ValidationError(self.by_key)


def _text(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _too_long(limit: int, text: str) -> str:
    return _("Write at most %(limit)d characters (now %(count)d).") % {
        "limit": limit,
        "count": len(text),
    }


def _amount(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError
    if isinstance(value, int):
        return value
    text = str(value).strip().replace(",", "")
    if not text.isdigit():
        raise ValueError
    return int(text)


def _check_data(
    application: Application, data: Mapping[str, Any], errors: _Errors, checked: CheckedInput
) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    if "title" in data:
        title = _text(data["title"])
        if not title:
            errors.add("title", _("Give the project a title."))
        elif len(title) > TITLE_LIMIT:
            errors.add("title", _too_long(TITLE_LIMIT, title))
        checked.values["title"] = title
    if "summary" in data:
        summary = _text(data["summary"])
        if len(summary) > SUMMARY_LIMIT:
            errors.add("summary", _too_long(SUMMARY_LIMIT, summary))
        checked.values["summary"] = summary
    if "requested_krw" in data:
        try:
            amount = _amount(data["requested_krw"])
        except ValueError:
            errors.add("requested_krw", _("Enter the amount in won as a whole number."))
        else:
            budget = application.call.budget_krw
            if amount is not None and amount < 0:
                errors.add("requested_krw", _("The amount cannot be negative."))
            elif amount is not None and budget and amount > budget:
                errors.add(
                    "requested_krw",
                    _("The amount is larger than the call's whole budget (%(budget)s won).")
                    % {"budget": f"{budget:,}"},
                )
            checked.values["requested_krw"] = amount
    if "fields" in data:
        ids = {getattr(term, "pk", term) for term in data["fields"] or ()}
        terms = list(Term.objects.filter(pk__in=ids, vocabulary__in=FIELD_VOCABULARIES))
        if len(terms) != len(ids):
            errors.add("fields", _("Choose therapeutic areas and technology fields from the list."))
        checked.fields = terms


def _number(value: Any) -> str:
    """The number as canonical text ("1200", "3.5"); ValueError when it is not one."""
    if isinstance(value, bool):
        raise ValueError
    text = str(value).strip().replace(",", "")
    try:
        number = Decimal(text)
    except InvalidOperation as error:
        raise ValueError from error
    if not number.is_finite() or len(number.as_tuple().digits) > NUMBER_DIGITS:
        raise ValueError
    return format(number.normalize(), "f")


def check_answer(question: Question, value: Any) -> Any:
    """The answer to store (None clears it); ValidationError with the reason otherwise."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if question.kind == QuestionKind.TEXT:
        text = _text(value)
        limit = question.max_length or TEXT_LIMIT
        if len(text) > limit:
            raise ValidationError(_too_long(limit, text))
        return text
    if question.kind == QuestionKind.NUMBER:
        try:
            return _number(value)
        except ValueError:
            raise ValidationError(_("Enter a number, such as 12 or 3.5.")) from None
    if question.kind == QuestionKind.CHOICE:
        values = [choice["value"] for choice in question.choices]
        if str(value) not in values:
            raise ValidationError(_("Choose one of the options given."))
        return str(value)
    raise ValidationError(_("Upload a file for this question."))


def _check_answers(
    questions: dict[str, Question],
    answers: Mapping[str, Any],
    errors: _Errors,
    checked: CheckedInput,
) -> None:
    for key, value in answers.items():
        question = questions.get(str(key))
        if question is None:
            errors.add(question_key(key), _("This question is not on the call's form."))
            continue
        try:
            checked.answers[str(question.pk)] = check_answer(question, value)
        except ValidationError as error:
            for message in error.messages:
                errors.add(question_key(question), message)


def _check_uploads(
    questions: dict[str, Question],
    documents: dict[str, RequiredDocument],
    uploads: Mapping[str, UploadedFile],
    errors: _Errors,
    checked: CheckedInput,
) -> None:
    for key, upload in uploads.items():
        kind, _dash, pk = key.partition("-")
        document = documents.get(pk) if kind == "document" else None
        question = questions.get(pk) if kind == "question" else None
        if question is not None and question.kind != QuestionKind.FILE:
            question = None
        if document is None and question is None:
            errors.add(key, _("This file slot is not on the call's form."))
            continue
        try:
            stored = check_upload(upload, field=key)
        except ValidationError as error:
            errors.absorb(error)
        else:
            checked.files.append((document, question, stored))


def check_input(
    *,
    application: Application,
    questions: Iterable[Question],
    documents: Iterable[RequiredDocument],
    data: Mapping[str, Any],
    answers: Mapping[str, Any],
    uploads: Mapping[str, UploadedFile],
) -> CheckedInput:
    """Every problem at once, or what to write."""
    by_question = {str(question.pk): question for question in questions}
    by_document = {str(document.pk): document for document in documents}
    errors = _Errors()
    checked = CheckedInput()
    _check_data(application, data, errors, checked)
    _check_answers(by_question, answers, errors, checked)
    _check_uploads(by_question, by_document, uploads, errors, checked)
    errors.raise_any()
    return checked
