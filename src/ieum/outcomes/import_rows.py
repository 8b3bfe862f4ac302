"""Checking the rows of a workbook of past outcomes, with no query per row.

The companies, programs and events a workbook may name are loaded once
(`Directory.load`), and so are the exchange rates (`RateBook`); each row is then made
into the model's field values by `record_input.clean_record_fields`, the check that
forms and the API use too. Every problem is kept with its row (as Excel numbers it)
and its column (the header as the file writes it).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, ClusterMember, Organization
from ieum.outcomes.enums import KIND_SUBTYPES, OutcomeKind
from ieum.outcomes.import_columns import Sheet, code_for, is_blank
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.money import RateBook
from ieum.outcomes.record_input import clean_record_fields, fields_used_by
from ieum.partnering.models import Event
from ieum.programs.models import Program

PROGRESS_EVERY = 100
# Columns that are not record fields: who and what the record is attributed to.
LINK_FIELDS = frozenset({"company", "kind", "programs", "events"})
# "(주)메디웨이브" and "메디웨이브 주식회사" are the directory's "메디웨이브".
COMPANY_FORMS = re.compile(r"\(주\)|㈜|주식회사")
SEPARATORS = re.compile(r"[;\n]")


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str


@dataclass
class CheckedRow:
    row: int
    valid: bool
    company: int | None = None
    fields: dict[str, Any] = field(default_factory=dict)
    programs: list[int] = field(default_factory=list)
    events: list[int] = field(default_factory=list)

    def as_json(self) -> dict:
        if not self.valid:
            return {"row": self.row, "valid": False}
        values = {
            name: value.isoformat()
            if isinstance(value, date)
            else str(value)
            if isinstance(value, Decimal)
            else value
            for name, value in self.fields.items()
        }
        return {
            "row": self.row,
            "valid": True,
            "company": self.company,
            "fields": values,
            "programs": self.programs,
            "events": self.events,
        }

    @classmethod
    def from_json(cls, data: dict) -> CheckedRow:
        values = {
            name: OutcomeRecord._meta.get_field(name).to_python(value)
            for name, value in data.get("fields", {}).items()
        }
        return cls(
            row=data["row"],
            valid=data["valid"],
            company=data.get("company"),
            fields=values,
            programs=data.get("programs", []),
            events=data.get("events", []),
        )


def _key(text) -> str:
    return " ".join(str(text).split()).casefold()


class Names:
    """Names (Korean, English, directory address) → the rows that have them."""

    def __init__(self, rows, *, strip_company_forms: bool = False) -> None:
        self._strip = strip_company_forms
        self._ids: dict[str, set[int]] = {}
        for pk, *names in rows:
            for name in names:
                if name:
                    self._ids.setdefault(self.key(name), set()).add(pk)

    def key(self, text) -> str:
        text = str(text)
        if self._strip:
            text = COMPANY_FORMS.sub(" ", text)
        return _key(text)

    def find(self, text) -> set[int]:
        return self._ids.get(self.key(text), set())


@dataclass
class Directory:
    """What a workbook may name, loaded in four queries whatever its length."""

    companies: Names
    # None when any company may be named (a platform admin importing for no cluster).
    members: frozenset[int] | None
    programs: Names
    events: Names

    @classmethod
    def load(cls, cluster: Cluster | None) -> Directory:
        companies = Organization.objects.filter(kind=OrganizationKind.COMPANY)
        programs = Program.objects.all()
        events = Event.objects.all()
        members = None
        if cluster is not None:
            members = frozenset(
                ClusterMember.objects.filter(cluster=cluster).values_list(
                    "organization_id", flat=True
                )
            )
            programs = programs.filter(cluster=cluster)
            events = events.filter(cluster=cluster)
        fields = ("pk", "name_ko", "name_en", "slug")
        return cls(
            companies=Names(companies.values_list(*fields), strip_company_forms=True),
            members=members,
            programs=Names(programs.values_list(*fields)),
            events=Names(events.values_list(*fields)),
        )


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


class _RowCheck:
    """One row's values and problems; `fail` keeps a problem under a field's column."""

    def __init__(self, sheet: Sheet, number: int, cells: tuple, language: str) -> None:
        self.sheet = sheet
        self.number = number
        self.language = language
        self.problems: list[Problem] = []
        self.cells: dict[str, Any] = {}
        for index, column in sheet.columns.items():
            value = cells[index] if index < len(cells) else None
            if not is_blank(value):
                self.cells[column.field] = value.strip() if isinstance(value, str) else value

    def fail(self, name: str, message: str) -> None:
        column = self.sheet.header_of(name, self.language)
        self.problems.append(Problem(self.number, column, str(message)))


def _company(check: _RowCheck, directory: Directory) -> int | None:
    if "company" not in check.cells:
        check.fail("company", _("Give the company's name."))
        return None
    name = _text(check.cells["company"])
    found = directory.companies.find(name)
    if not found:
        message = _("No company named “%(name)s” is in the directory.") % {"name": name}
        check.fail("company", message)
        return None
    if len(found) > 1:
        check.fail(
            "company",
            _("Several companies are called “%(name)s”; write the Korean name.") % {"name": name},
        )
        return None
    [company] = found
    if directory.members is not None and company not in directory.members:
        check.fail(
            "company",
            _("“%(name)s” is not a member company of this cluster.") % {"name": name},
        )
        return None
    return company


def _kind(check: _RowCheck) -> str | None:
    if "kind" not in check.cells:
        check.fail("kind", _("Give the kind of outcome."))
        return None
    kind = code_for("kind", check.cells["kind"])
    if kind is None:
        check.fail(
            "kind",
            _("“%(value)s” is not a kind of outcome; use one of %(codes)s.")
            % {"value": _text(check.cells["kind"]), "codes": ", ".join(OutcomeKind.values)},
        )
    return kind


def _subtype(check: _RowCheck, kind: str) -> str | None:
    """The type's code, or None (with a problem kept) when the cell names none of the
    kind's types; an empty cell is left to `clean_record_fields`."""
    text = check.cells.get("subtype")
    if text is None:
        return None
    subtype = code_for("subtype", text)
    allowed = KIND_SUBTYPES.get(kind, ())
    if subtype not in allowed:
        if allowed:
            message = _("“%(value)s” is not a type of %(kind)s; use one of %(codes)s.") % {
                "value": _text(text),
                "kind": OutcomeKind(kind).label,
                "codes": ", ".join(allowed),
            }
        else:
            message = _("%(kind)s has no types; leave the cell empty.") % {
                "kind": OutcomeKind(kind).label
            }
        check.fail("subtype", message)
        return None
    return subtype


def _raw(name: str, value) -> Any:
    """A cell as `clean_record_fields` takes it: codes for the words of choice columns."""
    if name in ("patent_scope", "currency"):
        return code_for(name, value) or _text(value)
    if name == "device_class" and isinstance(value, str):
        return re.sub(r"등급|class", "", value, flags=re.IGNORECASE).strip()
    if name == "occurred_on" and isinstance(value, datetime):
        return value.date()
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _links(check: _RowCheck, name: str, names: Names, message: str) -> list[int]:
    if name not in check.cells:
        return []
    found: list[int] = []
    for part in SEPARATORS.split(_text(check.cells[name])):
        if not part.strip():
            continue
        matches = names.find(part)
        if len(matches) == 1:
            found.extend(matches - set(found))
        else:
            check.fail(name, message % {"name": part.strip()})
    return found


def check_row(
    *,
    sheet: Sheet,
    number: int,
    cells: tuple,
    directory: Directory,
    rates: RateBook,
    today: date,
    language: str,
) -> tuple[CheckedRow, list[Problem]]:
    check = _RowCheck(sheet, number, cells, language)
    company = _company(check, directory)
    kind = _kind(check)
    values: dict[str, Any] = {}
    if kind is not None:
        data = {
            name: _raw(name, value)
            for name, value in check.cells.items()
            if name not in LINK_FIELDS and name != "subtype"
        }
        data["subtype"] = _subtype(check, kind)
        used = fields_used_by(kind)
        for name in data.keys() - used:
            if data[name] is None or (name == "currency" and "amount" not in data):
                continue  # a currency filled in for every row says nothing without an amount
            check.fail(name, _("This kind of record has no such value; leave the cell empty."))
        already = {problem.column for problem in check.problems}
        try:
            values = clean_record_fields(kind=kind, data=data, rates=rates, today=today)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                if sheet.header_of(name, language) in already:
                    continue  # the type's own message says it better
                for message in messages:
                    check.fail(name, message)
    national = directory.members is None
    programs = _links(
        check,
        "programs",
        directory.programs,
        _("No program is called “%(name)s”.")
        if national
        else _("No program of this cluster is called “%(name)s”."),
    )
    events = _links(
        check,
        "events",
        directory.events,
        _("No event is called “%(name)s”.")
        if national
        else _("No event of this cluster is called “%(name)s”."),
    )
    valid = not check.problems
    row = CheckedRow(
        row=number,
        valid=valid,
        company=company if valid else None,
        fields=values if valid else {},
        programs=programs,
        events=events,
    )
    return row, check.problems


def check_rows(
    *,
    sheet: Sheet,
    cluster: Cluster | None,
    language: str,
    today: date,
    on_progress: Callable[[int], None] | None = None,
) -> tuple[list[CheckedRow], list[Problem]]:
    """Every row checked, and every problem found on the way; `on_progress` hears the
    number of rows done every hundred rows and at the end."""
    directory = Directory.load(cluster)
    rates = RateBook.load()
    rows: list[CheckedRow] = []
    problems: list[Problem] = []
    for position, (number, cells) in enumerate(sheet.rows, start=1):
        row, found = check_row(
            sheet=sheet,
            number=number,
            cells=cells,
            directory=directory,
            rates=rates,
            today=today,
            language=language,
        )
        rows.append(row)
        problems.extend(found)
        if on_progress is not None and position % PROGRESS_EVERY == 0:
            on_progress(position)
    if on_progress is not None and len(sheet.rows) % PROGRESS_EVERY:
        on_progress(len(sheet.rows))
    return rows, problems
