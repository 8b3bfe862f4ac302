"""Cluster staff in a browser: the outcomes landing page opens their cluster's dashboard
with its charts drawn; including records waiting for verification changes the patent
figure; the figure leads to exactly the records behind it."""

from datetime import date

import pytest

from ieum.core.business_days import seoul_today
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.kpi_catalog import ensure_builtin_kpis
from tests.browser.test_partnering_in_browser import log_in
from tests.outcomes.factories import make_outcome_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_staff_toggle_pending_and_open_the_records_behind_a_figure(page):
    # A transactional test starts from empty tables, the built-in KPIs' too.
    ensure_builtin_kpis()
    world = make_outcome_world()
    year = seoul_today().year
    titles = ["Drug-coated balloon catheter", "Wearable ECG patch", "AI echo reading"]
    world.record(title=titles[0], occurred_on=date(year, 1, 15))
    world.record(title=titles[1], occurred_on=date(year, 1, 20))
    world.record(title=titles[2], occurred_on=date(year, 1, 25), status=VerificationStatus.PENDING)
    world.record(company=world.other_company, title="Not ours", occurred_on=date(year, 1, 5))
    world.staff.email = "staff@osong.kr"
    world.staff.save()
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))

    log_in(page, world.staff.email)
    page.goto("/outcomes/dashboards/")
    page.wait_for_url(f"**/outcomes/dashboards/clusters/{world.cluster.slug}/")
    assert page.inner_text("#dashboard-title") == world.cluster.name_en
    page.wait_for_selector("canvas[data-chart=chart-patent_applications][data-drawn=true]")
    figure = page.locator(f'tr[data-kpi=patent_applications] td[data-period="{year}"]')
    assert figure.inner_text() == "2"
    assert page.inner_text("#counted") == "Verified records"

    page.locator("#id_pending").check()
    page.wait_for_url("**pending=on**")
    assert figure.inner_text() == "3"
    assert "waiting for verification" in page.inner_text("#counted")
    page.wait_for_selector("canvas[data-chart=chart-patent_applications][data-drawn=true]")

    figure.locator("a").click()
    page.wait_for_url("**/outcomes/dashboards/figure/**")
    assert page.inner_text("#figure") == "3"
    assert page.inner_text("#record-count") == "3"
    rows = page.locator("#records .record-row")
    assert rows.count() == 3
    listed = page.inner_text("#records")
    assert all(title in listed for title in titles)
    assert "Not ours" not in listed
    assert "Waiting for verification" in listed

    page.get_by_role("link", name=titles[2]).click()
    page.wait_for_url("**/outcomes/records/*/")
    assert errors == []
    assert page.csp_violations == []
