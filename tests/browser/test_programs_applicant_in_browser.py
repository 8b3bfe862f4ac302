"""A startup applies to a support call in a browser: it finds the open call, sees that it
is eligible, fills in the form built from the call's questions, attaches its business
plan, submits before the deadline and, once staff have reviewed and published the
results, reads that it was selected."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from ieum.programs import assignment, decisions, scoring
from ieum.programs.enums import ApplicationStatus, DecisionOutcome, QuestionKind
from ieum.programs.models import Application, Call
from tests.browser.test_partnering_in_browser import log_in
from tests.programs.factories import make_program_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PLAN = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_startup_applies_to_a_call_and_reads_its_result(page, tmp_path):
    world = make_program_world()
    plan = tmp_path / "business-plan.pdf"
    plan.write_bytes(PLAN)

    log_in(page, world.company_member.email)
    page.goto(reverse("programs:call_list"))
    page.get_by_role("link", name=world.call.title_en).first.click()
    page.wait_for_url(f"**/programs/calls/{world.call.slug}/")
    assert "Apply" in page.locator("#apply").inner_text()
    page.locator("#apply .apply-button").first.click()

    page.wait_for_selector("#application-form")
    page.fill("input[name=title]", "Wearable ECG patch: approval and mass production")
    page.fill("textarea[name=summary]", "We prepare the MFDS approval and a first production run.")
    text_question = world.questions[QuestionKind.TEXT]
    choice_question = world.questions[QuestionKind.CHOICE]
    page.fill(f"[name=question-{text_question.pk}]", "Dry-electrode ECG with on-device AI")
    page.select_option(f"select[name=question-{choice_question.pk}]", "clinical")
    page.set_input_files(f"input[name=document-{world.document.pk}]", str(plan))
    page.get_by_role("button", name="Save and submit").click()

    page.wait_for_selector("#application-title")
    application = Application.objects.get(call=world.call, company=world.company)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.files.get().name == "business-plan.pdf"
    assert page.locator(".status-badge").first.get_attribute("data-status") == "submitted"

    # The call closes; three reviewers score it, staff select it and publish the results.
    Call.objects.filter(pk=world.call.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    world.call.refresh_from_db()
    assignment.assign_reviewers(actor=world.staff, stage=world.stage)
    for review in application.assignments.all():
        values = {criterion.pk: 4 for criterion in world.criteria}
        scoring.save_scores(actor=review.reviewer, assignment=review, values=values, comment="")
        scoring.submit_review(actor=review.reviewer, assignment=review)
    decisions.decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[(application, DecisionOutcome.SELECTED, "")],
    )
    decisions.publish_results(actor=world.staff, call=world.call)

    page.goto(reverse("programs:my_applications"))
    page.get_by_role("link", name=application.title).first.click()
    page.wait_for_selector("#result")
    assert "selected" in page.locator("#result").inner_text().lower()
    assert page.locator(".status-badge").first.get_attribute("data-status") == "selected"
