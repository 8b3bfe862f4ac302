"""Cluster staff import past outcomes with one bad row: they read the problem by row and
column, import only the valid rows and watch the import finish."""

import os

import pytest

from ieum.outcomes import import_tasks  # noqa: F401  (registers the tasks with the worker)
from ieum.outcomes.enums import ImportStatus, RecordSource, VerificationStatus
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from tests.browser.test_partnering_in_browser import log_in
from tests.outcomes.factories import make_outcome_world
from tests.outcomes.test_import_workbooks import employment, export, patent, workbook
from tests.worker import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("IEUM_SCREENSHOTS")


def shot(page, name: str) -> None:
    if SCREENSHOTS:
        page.screenshot(path=os.path.join(SCREENSHOTS, f"{name}.png"), full_page=True)


def test_staff_import_only_the_valid_rows_and_see_it_finish(page):
    world = make_outcome_world()
    log_in(page, world.staff.email)  # and read the pages in English

    page.goto("/outcomes/imports/")
    assert page.locator("html").get_attribute("lang") == "en"
    page.locator("#new-import").click()
    page.wait_for_url("**/outcomes/imports/new/")
    shot(page, "outcomes-import-form")
    content = workbook([patent(), export(통화="GBP"), employment()])
    page.set_input_files(
        "#id_file",
        files=[{"name": "2022.xlsx", "mimeType": "application/octet-stream", "buffer": content}],
    )
    page.locator("#import-form button[type=submit]").click()
    page.wait_for_url("**/outcomes/imports/*/")
    assert page.locator("#import-progress[hx-trigger]").count() == 1

    run_worker()

    # The page asks again on its own and lists the problem where it is.
    page.locator("#import-problems").wait_for()
    assert page.locator("#import-progress[hx-trigger]").count() == 0
    cells = page.locator("#import-problems tbody tr").first.locator("td").all_inner_texts()
    assert cells[:2] == ["3", "통화"] and "GBP" in cells[2]
    assert page.locator("#count-valid").inner_text() == "2"
    assert page.locator("#import-all").count() == 0
    shot(page, "outcomes-import-problems")
    assert not OutcomeRecord.objects.exists()

    # Importing the valid rows needs saying that the bad one is skipped.
    page.locator("#import-valid").click()
    assert OutcomeImport.objects.get().status == ImportStatus.CHECKED
    page.locator("#skip-understood").check()
    page.locator("#import-valid").click()
    page.locator("#import-progress[hx-trigger]").wait_for()

    run_worker()

    page.locator("#import-done").wait_for()
    done = page.locator("#import-done").inner_text()
    assert "2 records added" in done and "1 row with problems was skipped" in done
    assert page.locator("#import-bar").get_attribute("value") == "100"
    shot(page, "outcomes-import-done")
    records = OutcomeRecord.objects.all()
    assert sorted(records.values_list("kind", flat=True)) == ["employment", "patent"]
    assert {(r.status, r.source) for r in records} == {
        (VerificationStatus.VERIFIED, RecordSource.IMPORT)
    }
    page.goto("/outcomes/imports/")
    assert "2022.xlsx" in page.locator("#imports").inner_text()
    assert page.csp_violations == []
