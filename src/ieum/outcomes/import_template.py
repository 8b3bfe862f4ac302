"""The workbook to fill in: the headers, two example rows, the codes, and a guide.

The example rows name a company that is not in the directory, so a template uploaded
without replacing them is refused row by row instead of importing made-up figures.
"""

from __future__ import annotations

from datetime import date

import pycountry
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook

from ieum.core.workbooks import BOLD, add_table, shown_width, workbook_bytes
from ieum.outcomes.countries import EXTRA_CODES, country_name
from ieum.outcomes.enums import KIND_SUBTYPES, Currency, OutcomeKind, OutcomeSubtype, PatentScope
from ieum.outcomes.import_columns import COLUMNS

EXAMPLE_COMPANY = "예시바이오"
EXAMPLES = (
    {
        "company": EXAMPLE_COMPANY,
        "kind": "특허",
        "subtype": "특허출원",
        "occurred_on": date(2023, 3, 15),
        "title": "심혈관 스텐트 코팅 방법",
        "reference": "10-2023-0012345",
        "patent_scope": "국내",
    },
    {
        "company": EXAMPLE_COMPANY,
        "kind": OutcomeKind.EXPORT.value,
        "occurred_on": date(2023, 9, 1),
        "counterparty": "Acme Medical Inc.",
        "country": "US",
        "amount": 250_000,
        "currency": Currency.USD.value,
        "note": "3년 공급 계약",
    },
)


def _in_both(label) -> tuple[str, str]:
    names = []
    for language in ("ko", "en"):
        with translation.override(language):
            names.append(str(label))
    return names[0], names[1]


def _code_rows() -> list[tuple]:
    kind_of = {subtype: kind for kind, subtypes in KIND_SUBTYPES.items() for subtype in subtypes}
    rows: list[tuple] = []
    for kind in OutcomeKind:
        rows.append((_("Kind"), kind.value, *_in_both(kind.label), ""))
    for subtype in OutcomeSubtype:
        rows.append((_("Type"), subtype.value, *_in_both(subtype.label), kind_of[subtype]))
    for scope in PatentScope:
        rows.append((_("Patent office"), scope.value, *_in_both(scope.label), ""))
    for currency in Currency:
        rows.append((_("Currency"), currency.value, *_in_both(currency.label), ""))
    codes = sorted({country.alpha_2 for country in pycountry.countries} | EXTRA_CODES)
    for code in codes:
        names = []
        for language in ("ko", "en"):
            with translation.override(language):
                names.append(country_name(code))
        rows.append((_("Country"), code, *names, ""))
    return rows


def template_workbook() -> bytes:
    """An .xlsx with the headers and two example rows, the codes, and what to write."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Outcomes")[:31]
    sheet.append([column.korean for column in COLUMNS])
    for cell in sheet[1]:
        cell.font = BOLD
    for example in EXAMPLES:
        sheet.append([example.get(column.field) for column in COLUMNS])
        for cell in sheet[sheet.max_row]:
            if isinstance(cell.value, date):
                cell.number_format = "yyyy-mm-dd"
    for index, column in enumerate(COLUMNS, start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = max(12, shown_width(column.korean) + 4)
    sheet.freeze_panes = "A2"
    add_table(
        workbook,
        _("Codes"),
        [
            (_("Column"), None),
            (_("Code"), None),
            (_("Korean"), None),
            (_("English"), None),
            (_("Kind"), None),
        ],
        _code_rows(),
    )
    add_table(
        workbook,
        _("Guide"),
        [(_("Column"), None), (_("Also accepted"), None), (_("What to write"), None)],
        [
            (column.korean, ", ".join((column.english, *column.aliases)), str(column.description))
            for column in COLUMNS
        ]
        + [
            (
                _("Rows"),
                "",
                _(
                    "Replace the two example rows. The first sheet is read, its first row "
                    "being the headers. Every row is checked first and each problem listed "
                    "with its row and column; nothing is saved until you confirm, and rows "
                    "with problems are only left out when you ask for it."
                ),
            )
        ],
    )
    return workbook_bytes(workbook)
