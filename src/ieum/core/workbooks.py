"""Excel workbooks: report exports (a summary sheet, tables with a frozen header) and
reading an uploaded workbook's rows for an import.

Cells whose text starts with "=" stay text, so a name typed by a user never becomes a
formula in the reader's Excel.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from io import BytesIO

from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BOLD = Font(bold=True)


def shown_width(value) -> int:
    """Columns a value takes: Hangul and other wide characters take about two."""
    text = "" if value is None else str(value)
    return sum(2 if ord(character) > 0x2E80 else 1 for character in text)


def add_table(
    workbook: Workbook, title: str, columns: Sequence[tuple[str, str | None]], rows
) -> None:
    """A sheet of `rows` under bold headers; `columns` are (header, number format)."""
    sheet = workbook.create_sheet(re.sub(r"[\[\]:*?/\\]", " ", title)[:31])
    sheet.append([header for header, _format in columns])
    for cell in sheet[1]:
        cell.font = BOLD
    widths = [shown_width(header) for header, _format in columns]
    for row in rows:
        sheet.append(list(row))
        for index, (cell, (_header, number_format)) in enumerate(
            zip(sheet[sheet.max_row], columns, strict=True)
        ):
            if cell.data_type == "f":
                cell.data_type = "s"
            if number_format and cell.value is not None:
                cell.number_format = number_format
            widths[index] = max(widths[index], shown_width(cell.value) + 2)
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(max(width, 8), 50)
    sheet.freeze_panes = "A2"


def add_summary(
    workbook: Workbook,
    rows: Iterable[tuple[str, object, str | None]],
    *,
    widths: tuple[int, int] = (40, 32),
) -> None:
    """The first sheet: one bold label and its value per row."""
    sheet = workbook.active
    sheet.title = _("Summary")[:31]
    for label, value, number_format in rows:
        sheet.append([label, value])
        sheet.cell(row=sheet.max_row, column=1).font = BOLD
        if number_format and value is not None:
            sheet.cell(row=sheet.max_row, column=2).number_format = number_format
    sheet.column_dimensions["A"].width = widths[0]
    sheet.column_dimensions["B"].width = widths[1]


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


class ImportFileError(Exception):
    """An uploaded file as a whole cannot be read or imported; no row was looked at."""


def xlsx_rows(content: bytes) -> Iterator[tuple[int, tuple]]:
    """The first sheet's rows with their numbers as Excel shows them (from 1)."""
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not .xlsx
        raise ImportFileError(
            _("This is not an Excel workbook (.xlsx) that can be read.")
        ) from error
    try:
        sheet = workbook.worksheets[0]
        sheet.reset_dimensions()
        yield from enumerate(sheet.iter_rows(values_only=True), start=1)
    finally:
        workbook.close()
