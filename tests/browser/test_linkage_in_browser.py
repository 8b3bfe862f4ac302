"""Hospital linkage in a browser: a startup asks for clinical-trial consulting in
cardiovascular disease, staff assign the hospital the platform proposes, the hospital
accepts the NDA, writes, delivers a report file, and the startup closes with a rating
that the linkage report then counts."""

import pytest
from django.urls import reverse

from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import RequestFile, RequestRead, ServiceRequest
from tests.browser.test_partnering_in_browser import log_in
from tests.linkage.factories import (
    OfferingFactory,
    cardiovascular,
    make_world,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORT = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def test_a_startup_gets_clinical_trial_consulting_from_the_proposed_hospital(page, tmp_path):
    world = make_world()
    # A second hospital offers the same service without the cardiovascular specialty.
    OfferingFactory(provider=world.others["hospital"], service_type=world.offering.service_type)
    protocol = tmp_path / "synopsis.pdf"
    protocol.write_bytes(REPORT)
    report = tmp_path / "trial-design-review.pdf"
    report.write_bytes(REPORT)

    # The startup asks without naming a hospital and lets the platform route it.
    log_in(page, world.company_member.email)
    page.goto(reverse("linkage:request_create"))
    page.select_option("select[name=service_type]", ServiceType.CLINICAL_TRIAL_CONSULTING)
    page.fill("input[name=title]", "Confirmatory trial design for a coronary stent")
    page.fill(
        "textarea[name=description]",
        "We need a hospital to review the confirmatory trial design of our drug-eluting stent.",
    )
    page.select_option("select[name=therapeutic_area]", str(cardiovascular().pk))
    page.set_input_files("#field-files input[type=file]", str(protocol))
    page.get_by_role("button", name="Save and submit").click()
    page.wait_for_selector("#request-status")
    request = ServiceRequest.objects.get(company=world.company)
    assert request.status == RequestStatus.SUBMITTED
    assert request.files.get().original_name == "synopsis.pdf"

    # Staff find it in their triage inbox; the platform proposes the cardiovascular
    # hospital first, with its reason, and they assign it.
    log_in(page, world.staff.email)
    page.goto(reverse("linkage:triage"))
    page.get_by_role("link", name=request.reference).first.click()
    page.wait_for_url(f"**/linkage/requests/{request.pk}/")
    first = page.locator("#routing li, #routing tr").first
    assert world.hospital.name_en in first.inner_text() or world.hospital.name_ko in (
        first.inner_text()
    )
    assert "specialty" in first.inner_text()
    page.locator("#routing button", has_text="Assign").first.click()
    page.wait_for_selector(".alert-success")
    request.refresh_from_db()
    assert request.status == RequestStatus.ASSIGNED and request.provider == world.hospital

    # The hospital sees only the outline until it accepts the NDA.
    log_in(page, world.coordinator.email)
    page.goto(reverse("linkage:incoming"))
    page.locator("#inbox-rows a, table a").filter(has_text=request.reference).first.click()
    page.wait_for_url(f"**/linkage/requests/{request.pk}/")
    assert "drug-eluting stent" not in page.content()
    page.get_by_role("button", name="Accept the NDA").click()
    page.wait_for_selector("#request-description")
    assert "drug-eluting stent" in page.locator("#request-description").inner_text()
    page.get_by_role("button", name="Accept the request").click()
    page.wait_for_selector(".alert-success")
    page.fill("#thread textarea[name=body]", "We can meet on Thursday to go over the endpoints.")
    page.locator("#thread button[type=submit]").click()
    page.wait_for_selector("#thread article:has-text('go over the endpoints')")
    page.get_by_role("button", name="Start the work").click()
    page.wait_for_selector("#deliver")
    page.fill("#deliver textarea[name=note]", "The review of the trial design is attached.")
    page.set_input_files("#deliver input[type=file]", str(report))
    page.locator("#deliver button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    request.refresh_from_db()
    assert request.status == RequestStatus.DELIVERED
    assert RequestFile.objects.filter(request=request, kind="deliverable").count() == 1

    # The startup downloads the report and closes the request with a rating.
    log_in(page, world.company_member.email)
    page.goto(reverse("linkage:request", args=[request.pk]))
    with page.expect_download() as download:
        page.get_by_role("link", name="trial-design-review.pdf").click()
    assert download.value.suggested_filename == "trial-design-review.pdf"
    page.check("#close input[name=rating][value='5']")
    page.fill("#close textarea[name=comment]", "Clear advice on the endpoints.")
    page.locator("#close button[type=submit]").click()
    page.wait_for_selector(".alert-success")
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED and request.rating == 5
    assert RequestRead.objects.filter(request=request, channel="file").exists()

    # The cluster's report counts it as a delivered trial and approval service.
    log_in(page, world.staff.email)
    page.goto(reverse("linkage:reports"))
    assert page.locator("#requests-submitted").inner_text().strip() == "1"
    assert page.locator("#trials-and-approvals").inner_text().strip() == "1"
    assert page.locator("#mean-rating").inner_text().startswith("5.00")
    assert page.csp_violations == []
