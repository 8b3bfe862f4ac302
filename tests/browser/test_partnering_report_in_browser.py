"""After the event in a browser: a startup rates its meeting, the organizer reads the report."""

import pytest

from ieum.partnering.models import FollowUpOutcome, MeetingFeedback
from tests.browser.test_partnering_in_browser import log_in
from tests.factories import MembershipFactory
from tests.partnering.factories_followup import organizer_of
from tests.partnering.test_report_figures import make_fixture

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_feedback_outcome_and_the_report(page):
    fixture = make_fixture()
    founder = MembershipFactory(
        organization=fixture.s3.organization, user__email="ceo@jacha.kr"
    ).user
    organizer = organizer_of(fixture.event)

    log_in(page, founder.email)
    page.goto("/partnering/my/follow-ups/")
    page.locator("#followup-list a", has_text="Give feedback").click()
    page.locator("#feedback-form input[name=rating][value='4']").check()
    page.fill("#feedback-form textarea[name=comment]", "Good questions on our data.")
    page.locator("#feedback-form input[name=wants_follow_up]").check()
    page.locator("#feedback-form button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    feedback = MeetingFeedback.objects.get(registration=fixture.s3)
    assert (feedback.rating, feedback.wants_follow_up) == (4, True)

    page.select_option("#outcome-form select[name=kind]", "supply")
    page.locator("#outcome-form button[type=submit]").click()
    page.wait_for_selector("#outcome-form .text-danger")
    assert not FollowUpOutcome.objects.filter(meeting=fixture.m3).exists()
    page.fill("#outcome-form input[name=amount_krw]", "20000000")
    page.fill("#outcome-form input[name=agreed_on]", fixture.event.ends_on.isoformat())
    page.locator("#outcome-form button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    assert FollowUpOutcome.objects.get(meeting=fixture.m3).amount_krw == 20_000_000

    organizer.email = "organizer@khidi.kr"
    organizer.save()
    log_in(page, organizer.email)
    page.goto(f"/partnering/events/{fixture.event.slug}/report/")
    for chart in ("chart-funnel", "chart-days", "chart-outcomes"):
        page.wait_for_selector(f"canvas[data-chart={chart}][data-drawn=true]")
    assert page.inner_text("#outcomes-total") == "5"
    assert page.csp_violations == []
    with page.expect_download() as download:
        page.click("#report-xlsx")
    assert download.value.suggested_filename == f"report-{fixture.event.slug}.xlsx"
