"""Writing a service request: a draft with attachments, changed and submitted from its pages."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from ieum.core.business_days import seoul_today
from ieum.directory.models import Term
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import RequestFile, ServiceRequest
from tests.factories import CompanyFactory, MembershipFactory
from tests.linkage.factories import OfferingFactory, cardiovascular, pdf_upload, xlsx_upload

pytestmark = pytest.mark.django_db

NEW = "/linkage/requests/new/"


def page(request) -> str:
    return f"/linkage/requests/{request.pk}/"


def step(request, action: str) -> str:
    return f"/linkage/requests/{request.pk}/{action}/"


def draft_fields(world, **changes) -> dict:
    """What the browser posts: the hidden company and the preselected cluster included."""
    fields = {
        "company": world.company.pk,
        "cluster": world.cluster.pk,
        "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
        "title": "스텐트 확증 임상 설계",
        "description": "관상동맥 스텐트 확증 임상의 대조군 설계를 검토받고 싶습니다.",
        "product_name": "HB-Stent",
        "product_stage": "nonclinical",
        "therapeutic_area": cardiovascular().pk,
        "device_class": Term.objects.of("device_class").first().pk,
        "goal": "내년 상반기 IDE 신청",
        "wanted_by": (seoul_today() + timedelta(days=60)).isoformat(),
        "is_confidential": "on",
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def test_the_company_saves_a_draft_with_attachments(client, world, english):
    client.force_login(world.company_member)
    form_page = client.get(NEW)
    assert form_page.status_code == 200
    form = form_page.context["form"]
    assert form["is_confidential"].value() is True
    assert form["cluster"].value() == world.cluster.pk
    response = client.post(
        NEW, {**draft_fields(world), "files": [pdf_upload("프로토콜 초안.pdf"), xlsx_upload()]}
    )
    draft = ServiceRequest.objects.get()
    assert response.status_code == 302 and response.url == page(draft)
    assert (draft.status, draft.company, draft.cluster) == (
        RequestStatus.DRAFT,
        world.company,
        world.cluster,
    )
    assert draft.is_confidential and draft.addressed_offering is None
    assert draft.therapeutic_area == cardiovascular() and draft.product_stage == "nonclinical"
    names = sorted(draft.files.values_list("original_name", flat=True))
    assert names == ["data.xlsx", "프로토콜 초안.pdf"]
    shown = client.get(page(draft)).content.decode()
    assert "프로토콜 초안.pdf" in shown and "Change the draft" in shown and "Submit" in shown


def test_a_file_that_is_not_what_it_says_is_refused_and_nothing_is_stored(
    client, world, english, settings
):
    client.force_login(world.company_member)
    fake = SimpleUploadedFile("report.pdf", b"#!/bin/sh\necho not a pdf\n")
    response = client.post(NEW, {**draft_fields(world), "files": [pdf_upload(), fake]})
    assert response.status_code == 400
    assert "The file “report.pdf” is not an accepted type" in response.content.decode()
    assert not ServiceRequest.objects.exists() and not RequestFile.objects.exists()
    stored = settings.PRIVATE_MEDIA_ROOT
    assert not stored.exists() or not any(path.is_file() for path in stored.rglob("*"))


def test_missing_fields_and_a_past_date_are_shown_on_the_form(client, world, english):
    client.force_login(world.company_member)
    response = client.post(NEW, draft_fields(world, title="", wanted_by="2001-01-01"))
    assert response.status_code == 400
    assert response.context["form"].errors["title"]
    past = client.post(NEW, draft_fields(world, wanted_by="2001-01-01"))
    assert past.status_code == 400
    assert "The wanted-by date is in the past." in past.content.decode()
    assert not ServiceRequest.objects.exists()


def test_save_and_submit_sends_it_to_the_routing_cluster(client, world):
    client.force_login(world.company_member)
    response = client.post(NEW, {**draft_fields(world), "then": "submit"})
    sent = ServiceRequest.objects.get()
    assert response.status_code == 302 and response.url == page(sent)
    assert sent.status == RequestStatus.SUBMITTED and sent.triage_due is not None


def test_a_request_addressed_to_a_service_goes_straight_to_its_provider(client, world, english):
    client.force_login(world.company_member)
    form_page = client.get(NEW, {"offering": world.offering.pk})
    form = form_page.context["form"]
    assert form["addressed_offering"].value() == world.offering.pk
    assert form["service_type"].value() == ServiceType.CLINICAL_TRIAL_CONSULTING
    assert "Addressed to" in form_page.content.decode()
    client.post(
        NEW, {**draft_fields(world), "addressed_offering": world.offering.pk, "then": "submit"}
    )
    sent = ServiceRequest.objects.get()
    assert (sent.status, sent.provider) == (RequestStatus.ASSIGNED, world.hospital)
    inactive = OfferingFactory(is_active=False)
    assert client.get(NEW, {"offering": inactive.pk}).status_code == 404


def test_the_provider_choices_follow_the_chosen_service(client, world):
    regulatory = OfferingFactory(service_type=ServiceType.REGULATORY_CONSULTING)
    client.force_login(world.company_member)
    everything = client.get(NEW).context["form"].fields["addressed_offering"].queryset
    assert {world.offering, regulatory} <= set(everything)
    # The service select reloads the provider field with htmx from this same page.
    response = client.get(NEW, {"service_type": ServiceType.REGULATORY_CONSULTING})
    assert list(response.context["form"].fields["addressed_offering"].queryset) == [regulatory]
    assert 'id="field-addressed_offering"' in response.content.decode()
    refused = client.post(
        NEW,
        draft_fields(
            world,
            service_type=ServiceType.REGULATORY_CONSULTING,
            addressed_offering=world.offering.pk,
        ),
    )
    assert refused.status_code == 400 and not ServiceRequest.objects.exists()


def test_someone_in_several_companies_chooses_which_one_asks(client, world, english):
    second = CompanyFactory(name_en="Second Bio")
    MembershipFactory(user=world.company_member, organization=second)
    client.force_login(world.company_member)
    chooser = client.get(NEW, {"company": second.pk})
    assert chooser.context["company"] == second
    assert 'id="company-switch"' in chooser.content.decode()
    client.post(NEW, {**draft_fields(world), "company": second.pk})
    assert ServiceRequest.objects.get().company == second
    outsider = CompanyFactory()
    client.post(NEW, {**draft_fields(world), "company": outsider.pk})
    assert ServiceRequest.objects.count() == 1


def test_people_without_a_requesting_organization_cannot_ask(client, world):
    for user in (world.stranger, world.coordinator):
        client.force_login(user)
        assert client.get(NEW).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client, world):
    request = world.request(RequestStatus.DELIVERED)
    stored = request.files.get()
    for url in (
        NEW,
        page(request),
        f"{page(request)}edit/",
        f"{page(request)}files/{stored.pk}/",
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/login" in response.url, url
    response = client.post(step(request, "close"), {"rating": "5"})
    assert response.status_code == 302 and "/login" in response.url


def test_the_company_changes_its_draft_and_adds_a_file(client, world):
    draft = world.request()
    client.force_login(world.company_member)
    form = client.get(f"{page(draft)}edit/").context["form"]
    assert form["title"].value() == draft.title
    response = client.post(
        f"{page(draft)}edit/",
        {
            **draft_fields(world, title="수정한 제목", is_confidential=None, cluster=None),
            "files": [pdf_upload()],
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.title == "수정한 제목" and not draft.is_confidential
    assert draft.cluster == world.cluster  # Left empty: the company's cluster.
    assert draft.files.count() == 1
    client.post(f"{page(draft)}edit/", {**draft_fields(world), "then": "submit"})
    draft.refresh_from_db()
    assert draft.status == RequestStatus.SUBMITTED


def test_a_submitted_request_is_not_edited(client, world, english):
    sent = world.request(RequestStatus.SUBMITTED)
    client.force_login(world.company_member)
    response = client.get(f"{page(sent)}edit/", follow=True)
    assert "Only drafts can be changed" in response.content.decode()
    client.post(f"{page(sent)}edit/", draft_fields(world, title="바꿔치기"))
    sent.refresh_from_db()
    assert sent.title != "바꿔치기"
    client.force_login(world.staff)
    assert client.get(f"{page(sent)}edit/").status_code == 403
