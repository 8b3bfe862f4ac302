"""Reading an equipment list (.xlsx or CSV) into its header and rows.

The header is the first of the top rows that names known columns (`import_columns.py`),
so a title row above it does no harm. Row numbers are those people see in Excel.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ieum.core.workbooks import ImportFileError, xlsx_rows
from ieum.facilities.import_columns import COLUMNS, HEADERS, Column, normalize_header

MAX_ROWS = 10_000
HEADER_SEARCH_ROWS = 10


@dataclass
class Sheet:
    columns: dict[int, Column]
    headers: dict[int, str]
    ignored: list[str]
    rows: list[tuple[int, tuple]] = field(default_factory=list)

    def header_of(self, name: str) -> str:
        """The column's header as the file writes it, or as the template does."""
        return next(
            (self.headers[i] for i, column in self.columns.items() if column.field == name),
            next(column.korean for column in COLUMNS if column.field == name),
        )


def _csv_rows(content: bytes) -> Iterator[tuple[int, tuple]]:
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("Save the CSV file as UTF-8 or CP949 (Korean Excel's CSV)."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from enumerate((tuple(row) for row in csv.reader(io.StringIO(text), dialect)), start=1)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def read_sheet(*, filename: str, content: bytes) -> Sheet:
    """The header row and the data rows of the file's first sheet."""
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension == "xlsx":
        rows = xlsx_rows(content)
    elif extension == "csv":
        rows = _csv_rows(content)
    else:
        raise ImportFileError(_("Upload the list as an .xlsx workbook or a CSV file."))
    sheet = None
    looked_at = 0
    for number, values in rows:
        if all(is_blank(value) for value in values):
            continue
        if sheet is None:
            looked_at += 1
            sheet = _header(values)
            if sheet is None and looked_at >= HEADER_SEARCH_ROWS:
                break
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The list has more than %(count)d rows; split it into several files.")
                % {"count": MAX_ROWS}
            )
        sheet.rows.append((number, values))
    if sheet is None:
        raise ImportFileError(
            _(
                "No header row was found: the list needs a column “장비명” (name) "
                "or “NFEC 등록번호”."
            )
        )
    return sheet


def _header(values: tuple) -> Sheet | None:
    """The columns of a header row, or None when `values` is not one."""
    columns: dict[int, Column] = {}
    headers: dict[int, str] = {}
    ignored = []
    for index, value in enumerate(values):
        if is_blank(value):
            continue
        text = str(value).strip()
        column = HEADERS.get(normalize_header(text))
        if column is None:
            ignored.append(text)
            continue
        twin = next((headers[i] for i, c in columns.items() if c is column), None)
        if twin is not None:
            raise ImportFileError(
                _("The columns “%(first)s” and “%(second)s” mean the same; keep one of them.")
                % {"first": twin, "second": text}
            )
        columns[index] = column
        headers[index] = text
    found = {column.field for column in columns.values()}
    if len(columns) < 2 and "name_ko" not in found:
        return None
    if not found & {"name_ko", "nfec_number"}:
        return None
    return Sheet(columns=columns, headers=headers, ignored=ignored)
