"""Checking a workbook of past outcomes: problems by row and column, and nothing written."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.outcomes import import_columns
from ieum.outcomes.enums import ImportStatus
from ieum.outcomes.import_columns import ImportFileError, read_sheet
from ieum.outcomes.import_rows import check_rows
from ieum.outcomes.importing import check_import, start_import
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from tests.factories import EventFactory
from tests.outcomes.test_import_workbooks import (
    HEADERS,
    checked,
    employment,
    export,
    patent,
    workbook,
)
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db


def places(job) -> list[tuple]:
    return [(problem["row"], problem["column"]) for problem in job.problems]


def test_a_good_workbook_is_checked_and_nothing_is_written(outcome_world):
    w = outcome_world
    content = workbook([patent(), export(), employment(company="Mediwave")])
    job = checked(w.staff, w.cluster, content)
    assert (job.status, job.problems) == (ImportStatus.CHECKED, [])
    assert (job.total_rows, job.processed_rows, job.valid_rows) == (3, 3, 3)
    assert not OutcomeRecord.objects.exists()
    first, second, third = job.checked_rows
    assert first["row"] == 2 and first["company"] == w.company.pk
    assert first["fields"]["subtype"] == "patent_application"
    assert first["fields"]["country"] == "KR"  # a domestic patent is filed in Korea
    # Money is converted at the rates of the record's date when it is checked.
    assert second["fields"]["amount_krw"] == 120000 * 1300
    assert second["fields"]["occurred_on"] == "2021-06-30"
    assert third["fields"]["headcount"] == 40


def test_english_headers_words_and_company_name_forms_are_read(outcome_world):
    w = outcome_world
    headers = ["Company", "Kind", "Type", "Date", "Title", "Number", "Patent office"]
    rows = [
        ["(주)메디웨이브", "Patent", "Patent registration", "2020-02-03", "코팅", "10-1", "국내"],
        ["MEDIWAVE", "특허", "특허출원", date(2020, 5, 1), "코팅 2", "10-2", "PCT"],
    ]
    job = checked(w.staff, w.cluster, workbook(rows, headers=headers))
    assert job.problems == []
    assert [row["fields"]["country"] for row in job.checked_rows] == ["KR", "WO"]


MALFORMED = {
    "bad date": (patent(일자="2022-13-45"), "일자", "Enter a date as YYYY-MM-DD."),
    "text for a date": (patent(일자="작년 봄"), "일자", "Enter a date as YYYY-MM-DD."),
    "future date": (
        patent(일자=date.today() + timedelta(days=40)),
        "일자",
        "This date is in the future.",
    ),
    "negative amount": (export(금액=-5000), "금액", "amounts are never negative"),
    "amount that is not a number": (export(금액="많음"), "금액", "Enter a number."),
    "unknown company": (patent(company="없는바이오"), "기업명", "No company named “없는바이오”"),
    "company of another cluster": (
        patent(company="바이오큐"),
        "기업명",
        "“바이오큐” is not a member company of this cluster.",
    ),
    "wrong currency": (export(통화="GBP"), "통화", "GBP is not a currency we take"),
    "amount without currency": (export(통화=None), "통화", "Give the currency of the amount."),
    "unknown kind": (patent(**{"성과 유형": "award"}), "성과 유형", "“award” is not a kind"),
    "type of another kind": (
        patent(**{"세부 유형": "series_a"}),
        "세부 유형",
        "“series_a” is not a type of Patent; use one of patent_application",
    ),
    "value the kind does not have": (
        patent(인원=3),
        "인원",
        "This kind of record has no such value",
    ),
    "missing required value": (export(국가=None), "국가", "This is needed"),
    "unknown country": (export(국가="XX"), "국가", "Give a two-letter country code"),
    "youth above headcount": (
        employment(**{"청년 인원": 80}),
        "청년 인원",
        "cannot be more than the headcount",
    ),
    "unknown program": (patent(사업="없는 사업"), "사업", "No program of this cluster"),
    "unknown event": (patent(행사="없는 행사"), "행사", "No event of this cluster"),
}


@pytest.mark.parametrize("case", MALFORMED, ids=list(MALFORMED))
def test_a_malformed_row_is_named_by_row_and_column_and_nothing_is_written(outcome_world, case):
    w = outcome_world
    bad, column, message = MALFORMED[case]
    content = workbook([patent(), employment(), bad, export()])
    before = OutcomeRecord.objects.count()
    job = checked(w.staff, w.cluster, content)
    assert job.status == ImportStatus.CHECKED
    assert places(job) == [(4, column)], job.problems
    assert message in job.problems[0]["message"]
    assert (job.total_rows, job.valid_rows) == (4, 3)
    assert [row["valid"] for row in job.checked_rows] == [True, True, False, True]
    assert OutcomeRecord.objects.count() == before


def test_every_problem_of_a_row_is_listed_and_rows_keep_excel_numbers(outcome_world):
    w = outcome_world
    content = workbook(
        [
            patent(),
            {},  # an empty row is skipped but keeps its number
            export(company="없는바이오", 금액=-1, 통화="GBP", 일자="어제"),
        ]
    )
    job = checked(w.staff, w.cluster, content)
    assert sorted(places(job)) == [(4, "금액"), (4, "기업명"), (4, "일자"), (4, "통화")]
    assert (job.total_rows, job.valid_rows) == (2, 1)


@pytest.mark.parametrize(
    "headers, detail",
    [
        ([*HEADERS, "담당자"], "not known: “담당자”"),
        ([h for h in HEADERS if h != "일자"], "missing: “일자”"),
        ([*HEADERS, "Date"], "“일자” and “Date” mean the same column."),
    ],
)
def test_wrong_columns_fail_the_whole_file_and_list_the_expected_headers(
    outcome_world, headers, detail
):
    w = outcome_world
    rows = [[patent().get(h) for h in headers]]
    job = checked(w.staff, w.cluster, workbook(rows, headers=headers))
    assert job.status == ImportStatus.FAILED
    [problem] = job.problems
    assert problem["row"] is None
    assert problem["message"].startswith("Wrong columns:") and detail in problem["message"]
    assert "기업명 (Company)" in problem["message"] and "비고 (Note)" in problem["message"]
    assert job.failure == problem["message"]
    assert not OutcomeRecord.objects.exists()


def test_too_many_rows_fail_the_file(outcome_world, monkeypatch):
    monkeypatch.setattr(import_columns, "MAX_ROWS", 5)
    job = checked(outcome_world.staff, outcome_world.cluster, workbook([patent()] * 6))
    assert job.status == ImportStatus.FAILED
    assert "more than 5 rows" in job.failure


def test_a_header_without_rows_fails_the_file(outcome_world):
    job = checked(outcome_world.staff, outcome_world.cluster, workbook([]))
    assert (job.status, job.failure) == (
        ImportStatus.FAILED,
        "The workbook has no rows under its header.",
    )


def test_only_excel_workbooks_are_taken(outcome_world, english):
    w = outcome_world
    for name, content in (
        ("past.xlsx", b"%PDF-1.4 not a workbook"),
        ("past.csv", b"a,b\n1,2\n"),
        ("past.xlsx", b""),
    ):
        with pytest.raises(ValidationError) as error:
            start_import(by=w.staff, cluster=w.cluster, filename=name, content=content)
        assert "file" in error.value.message_dict
    assert not OutcomeImport.objects.exists()
    with pytest.raises(ImportFileError, match="not an Excel workbook"):
        read_sheet(b"PK\x03\x04 a zip that is no workbook")


def test_programs_and_events_of_the_cluster_are_found_by_name(outcome_world):
    w = outcome_world
    program = ProgramFactory(cluster=w.cluster, name_ko="글로벌 진출 지원", name_en="Go Global")
    other = ProgramFactory(cluster=w.other_cluster, name_ko="대구 사업")
    event = EventFactory(cluster=w.cluster, name_ko="바이오 파트너링 2022")
    row = patent(사업="글로벌 진출 지원; go global", 행사="바이오 파트너링 2022")
    job = checked(w.staff, w.cluster, workbook([row, patent(사업=other.name_ko)]))
    assert places(job) == [(3, "사업")]
    first = job.checked_rows[0]
    assert (first["programs"], first["events"]) == ([program.pk], [event.pk])


def test_an_admin_importing_for_no_cluster_may_name_any_company(outcome_world):
    w = outcome_world
    job = checked(w.admin, None, workbook([patent(company="홀로바이오"), patent("바이오큐")]))
    assert (job.problems, job.valid_rows) == ([], 2)


def test_progress_is_counted_every_hundred_rows(outcome_world):
    w = outcome_world
    job = start_import(
        by=w.staff, cluster=w.cluster, filename="a.xlsx", content=workbook([patent()] * 250)
    )
    sheet = read_sheet(bytes(job.content))
    counts = []
    rows, problems = check_rows(
        sheet=sheet,
        cluster=w.cluster,
        language="en",
        today=date.today(),
        on_progress=counts.append,
    )
    assert (len(rows), problems, counts) == (250, [], [100, 200, 250])


def test_checking_runs_the_same_queries_for_10_rows_as_for_200(outcome_world):
    w = outcome_world
    ProgramFactory(cluster=w.cluster, name_ko="글로벌 진출 지원")
    EventFactory(cluster=w.cluster, name_ko="바이오 파트너링 2022")
    row = export(사업="글로벌 진출 지원", 행사="바이오 파트너링 2022")

    def queries_of_check(count: int) -> list[str]:
        job = start_import(
            by=w.staff, cluster=w.cluster, filename="a.xlsx", content=workbook([row] * count)
        )
        with CaptureQueriesContext(connection) as context:
            job = check_import(outcome_import=job)
        assert job.valid_rows == count
        return [query["sql"] for query in context.captured_queries]

    def progress(queries: list[str]) -> list[str]:
        return [sql for sql in queries if '"processed_rows" = ' in sql and '"status"' not in sql]

    few, many = queries_of_check(10), queries_of_check(200)
    # Progress is written every hundred rows (and at the end of a part): 10 at the end,
    # 100 and 200 on the way. Beyond that, the length costs no query.
    assert (len(progress(few)), len(progress(many))) == (1, 2)
    assert len(many) - 2 == len(few) - 1, many
    assert OutcomeRecord.objects.count() == 0


def test_a_checked_import_is_not_checked_again(outcome_world):
    job = checked(outcome_world.staff, outcome_world.cluster, workbook([patent()]))
    OutcomeImport.objects.filter(pk=job.pk).update(valid_rows=0)
    assert check_import(outcome_import=job).valid_rows == 0


def test_amounts_keep_their_decimals(outcome_world):
    job = checked(outcome_world.staff, outcome_world.cluster, workbook([export(금액="1,234.5")]))
    assert Decimal(job.checked_rows[0]["fields"]["amount"]) == Decimal("1234.50")
