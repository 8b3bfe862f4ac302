"""The program report as an Excel workbook: who gets it, its sheets and figures, and that
no reviewer or score is in it."""

from io import BytesIO

import pytest
from openpyxl import load_workbook

from ieum.programs.report_export import summary_rows
from ieum.programs.reports import get_program_report
from tests.programs.test_reports import YEAR_2025, make_report_fixture

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

EXPORT = "/programs/reports/export/?year=2025"


@pytest.fixture
def fixture(program_world):
    return make_report_fixture(program_world)


def workbook_of(client, url: str = EXPORT):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="programs-2025.xlsx"'
    return load_workbook(BytesIO(response.content))


def cells(workbook) -> list:
    return [
        value
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]


def sheet_rows(sheet) -> list[tuple]:
    return list(sheet.iter_rows(values_only=True))


def test_staff_and_admins_download_it_and_others_are_refused(client, fixture):
    world = fixture.world
    for person in (world.staff, world.admin, world.other_staff):
        client.force_login(person)
        workbook_of(client)
    for role in ("company", "other_company", "reviewer", "stranger"):
        client.force_login(world.roles[role])
        assert client.get(EXPORT).status_code == 403, role
    client.logout()
    assert client.get(EXPORT)["Location"].startswith("/accounts/login/")


def test_a_summary_sheet_and_one_sheet_per_table(client, fixture):
    client.force_login(fixture.world.staff)
    workbook = workbook_of(client)
    assert workbook.sheetnames == [
        "Summary",
        "By program",
        "By cluster",
        "By year",
        "Support by stage",
        "Support by status",
        "Calls",
    ]
    summary = dict(sheet_rows(workbook["Summary"]))
    assert summary["Year"] == 2025
    assert summary["Applications started"] == 6
    assert summary["Applications submitted"] == 4
    assert summary["Selection rate (selected / submitted)"] == pytest.approx(0.25)
    assert summary["Reviews done"] == 3 and summary["Reviews assigned"] == 4
    assert summary["Budget used (KRW)"] == 105_000_000
    assert summary["Budget used (share)"] == pytest.approx(105 / 400)
    assert workbook["Summary"]["B9"].number_format == "0.0%"

    programs = sheet_rows(workbook["By program"])
    assert programs[0][:4] == ("Program", "Calls", "Started", "Submitted")
    assert programs[1][0] == fixture.world.program.name_en and programs[1][1:4] == (2, 6, 4)
    years = sheet_rows(workbook["By year"])
    assert [row[0] for row in years[1:]] == ["2021", "2022", "2023", "2024", "2025"]
    stages = dict(row[:2] for row in sheet_rows(workbook["Support by stage"])[1:])
    assert stages["Prototyping and refinement"] == 2
    statuses = dict(sheet_rows(workbook["Support by status"])[1:])
    assert statuses == {"Planned": 2, "In progress": 1, "Completed": 1, "Cancelled": 1}
    calls = sheet_rows(workbook["Calls"])
    assert len(calls) == 3 and calls[2][0] == fixture.world.call.title_en


def test_the_summary_matches_the_page_s_report(fixture):
    report = get_program_report(user=fixture.world.admin, filters=YEAR_2025)
    rows = {label: value for label, value, _format in summary_rows(report)}
    assert rows["Calls"] == report.total.calls == 4
    assert rows["Budget (KRW)"] == 610_000_000


def test_no_reviewer_and_no_score_is_exported(client, fixture):
    world = fixture.world
    client.force_login(world.admin)
    values = [str(value) for value in cells(workbook_of(client))]
    for reviewer in world.reviewers:
        assert not any(reviewer.full_name in value for value in values)
        assert not any(reviewer.email in value for value in values)
    for criterion in world.criteria:
        assert criterion.name_en not in values


def test_staff_get_none_of_another_cluster_s_programs(client, fixture):
    client.force_login(fixture.world.staff)
    values = [str(value) for value in cells(workbook_of(client))]
    assert fixture.other_program.name_en not in values
    assert fixture.national_program.name_en not in values


def test_a_filter_out_of_reach_is_not_found(client, fixture):
    client.force_login(fixture.world.staff)
    assert client.get(f"{EXPORT}&program={fixture.other_program.slug}").status_code == 404
    narrowed = workbook_of(client, f"{EXPORT}&program={fixture.world.program.slug}")
    assert dict(sheet_rows(narrowed["Summary"]))["Calls"] == 2
