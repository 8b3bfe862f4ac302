"""Workbooks of past outcomes for the import tests, and the template people fill in.

The other import tests build their workbooks with `workbook()` and run the steps with
`checked()`, as the worker would.
"""

from datetime import date
from io import BytesIO

import pytest
from django.utils import translation
from openpyxl import Workbook, load_workbook

from ieum.outcomes.enums import ImportStatus
from ieum.outcomes.import_columns import COLUMNS, code_for, normalize
from ieum.outcomes.import_template import EXAMPLE_COMPANY, template_workbook
from ieum.outcomes.importing import check_import, start_import
from ieum.outcomes.models import OutcomeImport, OutcomeRecord

HEADERS = ["기업명", "성과 유형", "세부 유형", "일자", "제목", "번호", "특허 관할"]
HEADERS += ["국가", "금액", "통화", "인원", "청년 인원", "신규 채용", "기관 공개 제외"]
HEADERS += ["사업", "행사", "비고"]


def workbook(rows, headers=HEADERS) -> bytes:
    """An .xlsx whose first sheet has `headers` and `rows` (dicts by header, or lists)."""
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h) for h in headers] if isinstance(row, dict) else list(row))
    output = BytesIO()
    book.save(output)
    return output.getvalue()


def patent(company="메디웨이브", **cells) -> dict:
    return {
        "기업명": company,
        "성과 유형": "patent",
        "세부 유형": "patent_application",
        "일자": date(2022, 4, 11),
        "제목": "혈관 스텐트 코팅 방법",
        "번호": "10-2022-0045123",
        "특허 관할": "domestic",
        **cells,
    }


def export(company="메디웨이브", **cells) -> dict:
    return {
        "기업명": company,
        "성과 유형": "export",
        "일자": "2021.06.30",
        "국가": "US",
        "금액": 120000,
        "통화": "USD",
        **cells,
    }


def employment(company="메디웨이브", **cells) -> dict:
    return {
        "기업명": company,
        "성과 유형": "employment",
        "일자": date(2022, 12, 31),
        "인원": 40,
        "청년 인원": 12,
        "신규 채용": 8,
        **cells,
    }


def checked(by, cluster, content: bytes, language="en") -> OutcomeImport:
    """Upload `content` as `by` for `cluster` and check it here, as the worker would."""
    with translation.override(language):
        job = start_import(by=by, cluster=cluster, filename="past.xlsx", content=content)
    return check_import(outcome_import=job)


@pytest.mark.django_db
class TestTemplate:
    def test_it_has_every_header_two_examples_and_the_codes(self):
        book = load_workbook(BytesIO(template_workbook()))
        sheet, codes, guide = book.worksheets
        assert [cell.value for cell in sheet[1]] == [column.korean for column in COLUMNS]
        assert sheet.max_row == 3
        listed = {(row[0], row[1]) for row in codes.iter_rows(min_row=2, values_only=True)}
        assert {"patent", "export", "fda_510k", "USD", "KRW", "US", "DE", "EU", "WO"} <= {
            code for _column, code in listed
        }
        assert guide.max_row == len(COLUMNS) + 2

    def test_its_example_rows_import_cleanly_once_the_company_is_ours(self, outcome_world):
        book = load_workbook(BytesIO(template_workbook()))
        sheet = book.worksheets[0]
        for cell, *_rest in sheet.iter_rows(min_row=2):
            assert cell.value == EXAMPLE_COMPANY
            cell.value = outcome_world.company.name_ko
        output = BytesIO()
        book.save(output)
        job = checked(outcome_world.staff, outcome_world.cluster, output.getvalue())
        assert (job.status, job.problems) == (ImportStatus.CHECKED, [])
        assert (job.total_rows, job.valid_rows) == (2, 2)
        assert not OutcomeRecord.objects.exists()

    def test_as_it_comes_its_examples_name_no_company_of_ours(self, outcome_world):
        job = checked(outcome_world.staff, outcome_world.cluster, template_workbook())
        assert job.valid_rows == 0
        assert {(p["row"], p["column"]) for p in job.problems} == {(2, "기업명"), (3, "기업명")}


def test_words_for_codes_in_korean_english_and_as_codes():
    assert code_for("kind", "특허") == code_for("kind", "Patent") == "patent"
    assert code_for("kind", "Export contract") == code_for("kind", " EXPORT ") == "export"
    assert code_for("subtype", "FDA 510(k)") == code_for("subtype", "510k") == "fda_510k"
    assert code_for("subtype", "Series A") == code_for("subtype", "series_a") == "series_a"
    assert code_for("currency", "usd") == code_for("currency", "달러") == "USD"
    assert code_for("patent_scope", "PCT") == "pct"
    assert code_for("kind", "나무") is None
    assert normalize("기관 공개 제외*") == normalize("기관공개제외")
