"""A reviewer in a browser: the list of applications to review in a blind document
stage, one application scored criterion by criterion and submitted, the other
reviewers' scores then shown anonymised, and a recusal that takes another application
off the list."""

import pytest
from django.urls import reverse

from ieum.programs.enums import AssignmentStatus, ConflictKind
from ieum.programs.models import ConflictOfInterest
from tests.browser.test_partnering_in_browser import log_in
from tests.programs.factories import make_program_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_reviewer_scores_a_blind_application_and_recuses_from_another(page):
    world = make_program_world()
    world.stage.is_blind = True
    world.stage.save(update_fields=["is_blind"])
    reviewer, colleague = world.reviewers[0], world.reviewers[1]
    application = world.application(title="Wearable ECG patch for arrhythmia screening")
    other = world.application(company=world.other_company, title="AI reading of echocardiograms")
    mine = world.assign(application, reviewer)
    world.score(world.assign(application, colleague), [3, 3, 3, 3])
    recused = world.assign(other, reviewer)

    log_in(page, reviewer.email)
    page.goto(reverse("programs:reviews"))
    rows = page.locator("#review-list .review-row")
    assert rows.count() == 2
    listed = page.locator("#review-list").inner_text()
    assert application.title in listed and other.title in listed
    assert world.company.name_en not in listed and world.company.name_ko not in listed

    page.get_by_role("link", name=application.title).click()
    page.wait_for_url(f"**/programs/reviews/{mine.pk}/")
    assert page.locator("#blind-marker").is_visible()
    assert world.company.name_en not in page.content()
    assert page.locator("#others-hidden").is_visible()
    for criterion, value in zip(world.criteria, ["5", "4", "4.5", "3"], strict=True):
        page.select_option(f"select[name=score_{criterion.pk}]", value)
    page.fill("textarea[name=comment]", "A clear path to MFDS approval; the budget is thin.")
    page.get_by_role("button", name="Submit review").click()
    page.wait_for_selector(".alert-success")

    mine.refresh_from_db()
    assert mine.status == AssignmentStatus.SUBMITTED
    # (30·100 + 25·75 + 20·87.5 + 25·50) / 100 = 78.75
    assert page.locator("#own-total").inner_text() == "78.750"
    others = page.locator("#other-scores .other-review")
    assert others.count() == 1
    assert "Reviewer 1" in others.inner_text() and "50.000" in others.inner_text()
    assert colleague.full_name not in page.locator("#other-scores").inner_text()

    page.goto(reverse("programs:reviews"))
    page.get_by_role("link", name=other.title).click()
    page.wait_for_url(f"**/programs/reviews/{recused.pk}/")
    page.fill("#recuse textarea[name=reason]", "I advised this company on its seed round.")
    page.get_by_role("button", name="Recuse myself").click()
    page.wait_for_url("**/programs/reviews/")
    assert "has left your list" in page.locator(".alert-success").inner_text()
    assert other.title not in page.locator("#review-list").inner_text()
    declared = ConflictOfInterest.objects.get(application=other, reviewer=reviewer)
    assert declared.kind == ConflictKind.DECLARED
    recused.refresh_from_db()
    assert recused.status == AssignmentStatus.RECUSED

    page.get_by_role("link", name="Submitted").click()
    assert application.title in page.locator("#review-list").inner_text()
    assert page.csp_violations == []
