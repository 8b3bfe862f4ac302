"""The columns of a workbook of past outcomes, the words their cells may use, and reading it.

Headers are Korean first (the template's), English accepted too, compared without
spaces, case, hyphens, underscores, dots or a "*" marking them required. A column that
is not one of these makes the whole file wrong rather than being left out: a mistyped
"기관 공개 제외" would otherwise publish figures a company asked to keep confidential.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ieum.core.workbooks import ImportFileError, xlsx_rows
from ieum.outcomes.enums import Currency, OutcomeKind, OutcomeSubtype, PatentScope

MAX_ROWS = 20_000


@dataclass(frozen=True)
class Column:
    field: str
    korean: str  # the template's header
    english: str
    aliases: tuple[str, ...]
    description: Promise
    required: bool = False

    def header(self, language: str) -> str:
        """The header to name when the file has no such column."""
        return self.english if language.startswith("en") else self.korean


COLUMNS: tuple[Column, ...] = (
    Column(
        "company",
        "기업명",
        "Company",
        ("기업", "회사명", "업체명", "company name"),
        gettext_lazy("Required. The company's Korean or English name as in the directory."),
        required=True,
    ),
    Column(
        "kind",
        "성과 유형",
        "Kind",
        ("성과유형", "유형", "kind of outcome"),
        gettext_lazy("Required. The kind of outcome, as a code or its name; see the codes."),
        required=True,
    ),
    Column(
        "subtype",
        "세부 유형",
        "Type",
        ("세부유형", "subtype"),
        gettext_lazy("The type within the kind (patent application, FDA 510(k), Series A…)."),
    ),
    Column(
        "occurred_on",
        "일자",
        "Date",
        ("날짜", "발생일", "occurred on"),
        gettext_lazy("Required. The date of the outcome, YYYY-MM-DD."),
        required=True,
    ),
    Column("title", "제목", "Title", ("명칭", "과제명"), gettext_lazy("Title or name.")),
    Column(
        "reference",
        "번호",
        "Number",
        ("출원번호", "등록번호", "reference"),
        gettext_lazy("Application, registration, item or registry number."),
    ),
    Column(
        "counterparty",
        "상대방",
        "Counterparty",
        ("거래처", "투자자", "기관"),
        gettext_lazy("Buyer, investor, licensee or funding agency."),
    ),
    Column(
        "country",
        "국가",
        "Country",
        ("국가코드", "country code"),
        gettext_lazy("Two-letter country code (US, DE, JP…; EU for CE, WO for PCT)."),
    ),
    Column(
        "patent_scope",
        "특허 관할",
        "Patent office",
        ("특허관할", "출원구분", "patent scope"),
        gettext_lazy("Patents: domestic, PCT or foreign."),
    ),
    Column(
        "device_class",
        "등급",
        "Device class",
        ("의료기기 등급", "class"),
        gettext_lazy("MFDS approvals: the device class, 1 to 4."),
    ),
    Column("amount", "금액", "Amount", (), gettext_lazy("Zero or more, in the currency given.")),
    Column(
        "currency",
        "통화",
        "Currency",
        (),
        gettext_lazy("KRW, USD, EUR, JPY or CNY; needed with an amount."),
    ),
    Column(
        "headcount",
        "인원",
        "Headcount",
        ("고용인원", "총 인원"),
        gettext_lazy("Employment: the number of employees."),
    ),
    Column(
        "youth_headcount",
        "청년 인원",
        "Youth",
        ("청년인원", "youth headcount"),
        gettext_lazy("Employment: employees aged 15 to 34."),
    ),
    Column(
        "new_hires",
        "신규 채용",
        "New hires",
        ("신규채용", "신규 고용"),
        gettext_lazy("Employment: people hired in the period."),
    ),
    Column(
        "is_confidential",
        "기관 공개 제외",
        "Confidential",
        ("비공개", "is confidential"),
        gettext_lazy("예, Y or 1: counted for staff, never shown to other companies."),
    ),
    Column(
        "programs",
        "사업",
        "Program",
        ("지원사업", "programs"),
        gettext_lazy("The cluster's programs it came from, by name; several apart with “;”."),
    ),
    Column(
        "events",
        "행사",
        "Event",
        ("events",),
        gettext_lazy("Partnering events it came from, by name; several apart with “;”."),
    ),
    Column("note", "비고", "Note", ("메모", "notes"), gettext_lazy("Anything else.")),
)


def normalize(text) -> str:
    """A header or a word as compared: without spaces, case, hyphens, underscores, dots
    or "*"."""
    text = str(text or "").replace("（", "(").replace("）", ")").replace("ㆍ", "·")
    return re.sub(r"[\s*_\-.]", "", text).casefold()


HEADERS: dict[str, Column] = {}
for _column in COLUMNS:
    for _name in (_column.korean, _column.english, _column.field, *_column.aliases):
        HEADERS[normalize(_name)] = _column


def expected_headers() -> str:
    return ", ".join(f"{column.korean} ({column.english})" for column in COLUMNS)


# Words people write for kinds, types, patent offices and currencies, beside the codes
# and the names in Korean and English (`code_for`).
KIND_WORDS = {
    "특허": OutcomeKind.PATENT,
    "인허가": OutcomeKind.APPROVAL,
    "인증": OutcomeKind.APPROVAL,
    "허가": OutcomeKind.APPROVAL,
    "수출": OutcomeKind.EXPORT,
    "수출계약": OutcomeKind.EXPORT,
    "매출": OutcomeKind.REVENUE,
    "고용": OutcomeKind.EMPLOYMENT,
    "투자": OutcomeKind.INVESTMENT,
    "투자유치": OutcomeKind.INVESTMENT,
    "임상": OutcomeKind.CLINICAL_TRIAL,
    "임상시험": OutcomeKind.CLINICAL_TRIAL,
    "기술이전": OutcomeKind.TECH_TRANSFER,
    "국가r&d": OutcomeKind.NATIONAL_RND,
    "국가연구개발": OutcomeKind.NATIONAL_RND,
    "국가과제": OutcomeKind.NATIONAL_RND,
    "ipo/m&a": OutcomeKind.EXIT,
    "ipo": OutcomeKind.EXIT,
    "m&a": OutcomeKind.EXIT,
}
SUBTYPE_WORDS = {
    "특허출원": OutcomeSubtype.PATENT_APPLICATION,
    "출원": OutcomeSubtype.PATENT_APPLICATION,
    "특허등록": OutcomeSubtype.PATENT_REGISTRATION,
    "등록": OutcomeSubtype.PATENT_REGISTRATION,
    "식약처": OutcomeSubtype.MFDS,
    "510k": OutcomeSubtype.FDA_510K,
    "denovo": OutcomeSubtype.FDA_DE_NOVO,
    "pma": OutcomeSubtype.FDA_PMA,
    "ce": OutcomeSubtype.CE_MDR,
    "mdr": OutcomeSubtype.CE_MDR,
    "시드": OutcomeSubtype.SEED,
    "프리a": OutcomeSubtype.PRE_A,
    "시리즈a": OutcomeSubtype.SERIES_A,
    "시리즈b": OutcomeSubtype.SERIES_B,
    "시리즈c": OutcomeSubtype.SERIES_C_PLUS,
    "전략적투자": OutcomeSubtype.STRATEGIC,
    "1상": OutcomeSubtype.PHASE_1,
    "2상": OutcomeSubtype.PHASE_2,
    "3상": OutcomeSubtype.PHASE_3,
    "4상": OutcomeSubtype.PHASE_4,
    "탐색임상": OutcomeSubtype.DEVICE_PILOT,
    "확증임상": OutcomeSubtype.DEVICE_PIVOTAL,
    "기술이전": OutcomeSubtype.TRANSFER,
    "라이선스": OutcomeSubtype.LICENSE,
    "라이센스": OutcomeSubtype.LICENSE,
    "상장": OutcomeSubtype.IPO,
    "인수합병": OutcomeSubtype.MA,
}
SCOPE_WORDS = {
    "국내": PatentScope.DOMESTIC,
    "국제": PatentScope.PCT,
    "해외": PatentScope.FOREIGN,
    "kipo": PatentScope.DOMESTIC,
}
CURRENCY_WORDS = {
    "원": Currency.KRW,
    "달러": Currency.USD,
    "유로": Currency.EUR,
    "엔": Currency.JPY,
    "위안": Currency.CNY,
}
CHOICES = {
    "kind": (OutcomeKind, KIND_WORDS),
    "subtype": (OutcomeSubtype, SUBTYPE_WORDS),
    "patent_scope": (PatentScope, SCOPE_WORDS),
    "currency": (Currency, CURRENCY_WORDS),
}


@cache
def _words(name: str) -> dict[str, str]:
    choices, extra = CHOICES[name]
    words: dict[str, str] = {}
    for language in ("en", "ko"):
        with translation.override(language):
            words.update({normalize(label): value for value, label in choices.choices})
    words.update({normalize(word): value for word, value in extra.items()})
    words.update({normalize(value): value for value in choices.values})
    return words


def code_for(name: str, text) -> str | None:
    """The stored value a cell of a choice column stands for, or None."""
    return _words(name).get(normalize(text))


# Reading the workbook.


@dataclass
class Sheet:
    columns: dict[int, Column]  # position in the row → column
    headers: dict[str, str]  # field → the header as the file writes it
    rows: list[tuple[int, tuple]] = field(default_factory=list)

    def header_of(self, name: str, language: str) -> str:
        if name in self.headers:
            return self.headers[name]
        return next(column.header(language) for column in COLUMNS if column.field == name)


def is_blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _wrong_columns(detail: str) -> ImportFileError:
    return ImportFileError(
        _("Wrong columns: %(detail)s The columns are: %(expected)s.")
        % {"detail": detail, "expected": expected_headers()}
    )


def _header(values: tuple) -> Sheet:
    columns: dict[int, Column] = {}
    headers: dict[str, str] = {}
    unknown = []
    for index, value in enumerate(values):
        if is_blank(value):
            continue
        text = str(value).strip()
        column = HEADERS.get(normalize(text))
        if column is None:
            unknown.append(f"“{text}”")
        elif column.field in headers:
            raise _wrong_columns(
                _("“%(first)s” and “%(second)s” mean the same column.")
                % {"first": headers[column.field], "second": text}
            )
        else:
            columns[index] = column
            headers[column.field] = text
    if unknown:
        raise _wrong_columns(_("not known: %(names)s.") % {"names": ", ".join(unknown)})
    missing = [f"“{c.korean}”" for c in COLUMNS if c.required and c.field not in headers]
    if missing:
        raise _wrong_columns(_("missing: %(names)s.") % {"names": ", ".join(missing)})
    return Sheet(columns=columns, headers=headers)


def read_sheet(content: bytes) -> Sheet:
    """The header (the first row that is not empty) and the data rows of the first
    sheet, numbered as Excel shows them."""
    sheet = None
    for number, values in xlsx_rows(content):
        if all(is_blank(value) for value in values):
            continue
        if sheet is None:
            sheet = _header(values)
            continue
        if len(sheet.rows) >= MAX_ROWS:
            raise ImportFileError(
                _("The workbook has more than %(count)s rows; split it into several files.")
                % {"count": f"{MAX_ROWS:,}"}
            )
        sheet.rows.append((number, values))
    if sheet is None:
        raise _wrong_columns(_("the first sheet is empty."))
    if not sheet.rows:
        raise ImportFileError(_("The workbook has no rows under its header."))
    return sheet
