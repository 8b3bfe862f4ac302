"""Each step of a request through its page: who sees which buttons, what each does,
and how a refused step is shown."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.core.business_days import seoul_today
from ieum.linkage import threads
from ieum.linkage.enums import ReadChannel, RequestStatus, ServiceType, Step
from ieum.linkage.models import RequestRead, ServiceRequest
from tests.linkage.factories import OfferingFactory, cardiovascular, pdf_upload, xlsx_upload

pytestmark = pytest.mark.django_db


def page(request) -> str:
    return f"/linkage/requests/{request.pk}/"


def step(request, action: str) -> str:
    return f"/linkage/requests/{request.pk}/{action}/"


def test_the_company_submits_its_draft_from_the_page(client, world):
    draft = world.request()
    client.force_login(world.company_member)
    assert "submit" in client.get(page(draft)).context["actions"]
    response = client.post(step(draft, "submit"))
    assert response.status_code == 302 and response.url == page(draft)
    draft.refresh_from_db()
    assert draft.status == RequestStatus.SUBMITTED


def test_staff_see_the_routing_reasons_triage_and_assign(client, world, english):
    request = world.request(RequestStatus.SUBMITTED, therapeutic_area=None)
    client.force_login(world.staff)
    shown = client.get(page(request))
    assert {"triage", "assign"} <= shown.context["actions"]
    client.post(
        step(request, "triage"),
        {
            "note": "심혈관 영역으로 분류",
            "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
            "therapeutic_area": cardiovascular().pk,
        },
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.TRIAGED
    assert request.therapeutic_area == cardiovascular()
    assert request.triage_note == "심혈관 영역으로 분류"
    shown = client.get(page(request))
    first = shown.context["suggestions"][0]
    assert first.offering == world.offering
    assert first.reason in shown.content.decode() and "specialty" in first.reason
    client.post(step(request, "assign"), {"offering": world.offering.pk, "note": "잘 부탁드립니다"})
    request.refresh_from_db()
    assert (request.status, request.provider) == (RequestStatus.ASSIGNED, world.hospital)
    assert request.events.get(step=Step.ASSIGN).note == "잘 부탁드립니다"


def test_assigning_an_offering_of_another_type_is_refused_on_the_form(client, world):
    request = world.request(RequestStatus.TRIAGED)
    other = OfferingFactory(service_type=ServiceType.GMP_CONSULTING)
    client.force_login(world.staff)
    response = client.post(step(request, "assign"), {"offering": other.pk})
    assert response.status_code == 400 and response.context["forms"]["assign"].errors
    request.refresh_from_db()
    assert request.status == RequestStatus.TRIAGED


def test_the_provider_accepts_the_nda_accepts_starts_and_delivers(client, world, english):
    request = world.request(RequestStatus.ASSIGNED)
    client.force_login(world.coordinator)
    shown = client.get(page(request))
    assert shown.context["actions"] == {"accept-nda", "decline"}
    assert "Accept the NDA" in shown.content.decode()
    client.post(step(request, "accept-nda"))
    request.refresh_from_db()
    assert request.nda_accepted_by == world.coordinator
    assert "accept" in client.get(page(request)).context["actions"]
    client.post(step(request, "accept"))
    client.post(step(request, "start"))
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS
    client.post(
        step(request, "deliver"),
        {"note": "설계 검토 보고서입니다.", "files": [pdf_upload("검토 보고서.pdf")]},
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.DELIVERED
    delivered = request.files.get()
    assert (delivered.kind, delivered.original_name) == ("deliverable", "검토 보고서.pdf")
    assert delivered.message.body == "설계 검토 보고서입니다."


def test_delivering_without_a_note_shows_the_reason(client, world, english):
    request = world.request(RequestStatus.IN_PROGRESS)
    client.force_login(world.coordinator)
    response = client.post(step(request, "deliver"), {"note": "", "files": [pdf_upload()]})
    assert response.status_code == 400
    assert "Describe what you deliver." in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_PROGRESS and not request.files.exists()


def test_declining_needs_a_reason_and_sends_the_request_back_to_triage(client, world, english):
    request = world.request(RequestStatus.ASSIGNED)
    client.force_login(world.coordinator)
    refused = client.post(step(request, "decline"), {"reason": ""})
    assert refused.status_code == 400
    assert "Say why you decline" in refused.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.ASSIGNED
    client.post(step(request, "decline"), {"reason": "해당 분야 연구자가 부재합니다"})
    request.refresh_from_db()
    assert (request.status, request.provider) == (RequestStatus.TRIAGED, None)
    assert client.get(page(request)).status_code == 404
    client.force_login(world.staff)
    shown = client.get(page(request)).content.decode()
    assert "해당 분야 연구자가 부재합니다" in shown and "declined this request before" in shown


def test_the_company_closes_with_a_rating(client, world, english):
    request = world.request(RequestStatus.DELIVERED)
    client.force_login(world.company_member)
    refused = client.post(step(request, "close"), {"rating": "9"})
    assert refused.status_code == 400
    client.post(step(request, "close"), {"rating": "4", "comment": "빠른 검토 감사합니다"})
    request.refresh_from_db()
    assert (request.status, request.rating) == (RequestStatus.CLOSED, 4)
    shown = client.get(page(request))
    assert "4 of 5" in shown.content.decode() and "빠른 검토 감사합니다" in shown.content.decode()
    assert shown.context["actions"] == set()


def test_the_company_cancels_with_an_optional_reason(client, world):
    request = world.request(RequestStatus.ACCEPTED)
    client.force_login(world.company_member)
    client.post(step(request, "cancel"), {"reason": ""})
    request.refresh_from_db()
    assert request.status == RequestStatus.CANCELLED


def test_messages_with_files_reach_the_thread(client, world, english):
    request = world.request(RequestStatus.IN_PROGRESS)
    client.force_login(world.company_member)
    response = client.post(
        step(request, "message"), {"body": "추가 자료를 보냅니다", "files": [xlsx_upload()]}
    )
    assert response.status_code == 302 and response.url == page(request) + "#thread"
    message = request.messages.get()
    assert message.organization == world.company and message.files.get().original_name == (
        "data.xlsx"
    )
    client.force_login(world.coordinator)
    partial = client.post(
        step(request, "message"), {"body": "확인했습니다"}, HTTP_HX_REQUEST="true"
    )
    assert partial.status_code == 200
    html = partial.content.decode()
    assert html.startswith("<section") and "확인했습니다" in html and "추가 자료를 보냅니다" in html
    empty = client.post(step(request, "message"), {"body": ""}, HTTP_HX_REQUEST="true")
    assert (
        empty.status_code == 200 and "Write a message or attach a file." in empty.content.decode()
    )
    assert request.messages.count() == 2


def test_an_illegal_step_is_flashed_and_changes_nothing(client, world, english):
    request = world.request(RequestStatus.TRIAGED)
    client.force_login(world.staff)
    response = client.post(step(request, "triage"), {"service_type": "gmp_consulting"}, follow=True)
    assert response.redirect_chain[-1][0] == page(request)
    assert "that step is not possible now" in response.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.TRIAGED
    assert request.service_type == ServiceType.CLINICAL_TRIAL_CONSULTING
    htmx = client.post(
        step(request, "triage"), {"service_type": "gmp_consulting"}, HTTP_HX_REQUEST="true"
    )
    assert htmx.status_code == 409 and htmx["HX-Refresh"] == "true"


def test_steps_of_another_role_are_forbidden(client, world):
    request = world.request(RequestStatus.ASSIGNED)
    client.force_login(world.company_member)
    for action in ("accept-nda", "accept", "decline", "start", "deliver", "triage", "assign"):
        assert client.post(step(request, action), {"reason": "x"}).status_code == 403, action
    client.force_login(world.coordinator)
    for action in ("submit", "close", "cancel", "triage"):
        assert client.post(step(request, action)).status_code == 403, action
    request.refresh_from_db()
    assert request.status == RequestStatus.ASSIGNED


def test_unknown_steps_are_404_and_steps_are_only_posted(client, world):
    request = world.request(RequestStatus.SUBMITTED)
    client.force_login(world.staff)
    assert client.post(step(request, "approve")).status_code == 404
    assert client.get(step(request, "triage")).status_code == 405


def test_the_page_shows_the_deadline_and_marks_it_overdue(client, world, english):
    request = world.request(RequestStatus.SUBMITTED)
    client.force_login(world.staff)
    shown = client.get(page(request))
    assert shown.context["due"] == request.triage_due and not shown.context["overdue"]
    ServiceRequest.objects.filter(pk=request.pk).update(
        triage_due=seoul_today() - timedelta(days=1)
    )
    shown = client.get(page(request))
    assert shown.context["overdue"] and "Overdue" in shown.content.decode()


def test_staff_and_admins_see_who_read_a_confidential_request(client, world, english):
    request = world.request(RequestStatus.IN_PROGRESS)
    client.force_login(world.coordinator)
    client.get(page(request))
    for who in ("staff", "admin"):
        client.force_login(world.roles[who])
        shown = client.get(page(request))
        readers = {read.user for read in shown.context["reads"]}
        assert world.coordinator in readers and world.roles[who] in readers
        assert "Who read this confidential request" in shown.content.decode()
    for who in ("company", "coordinator"):
        client.force_login(world.roles[who])
        assert not client.get(page(request)).context["reads"]
    assert RequestRead.objects.filter(request=request, channel=ReadChannel.PAGE).count() == 5


def test_an_open_request_is_not_logged(client, world):
    request = world.request(RequestStatus.SUBMITTED, is_confidential=False)
    client.force_login(world.staff)
    assert client.get(page(request)).status_code == 200
    assert not RequestRead.objects.exists()


def test_the_thread_does_not_add_queries_per_message(client, world):
    request = world.request(RequestStatus.IN_PROGRESS)
    threads.post_message(actor=world.company_member, request=request, body="첫 메시지")
    client.force_login(world.company_member)
    client.get(page(request))
    with CaptureQueriesContext(connection) as few:
        client.get(page(request))
    for number in range(12):
        threads.post_message(
            actor=world.coordinator,
            request=request,
            body=f"답변 {number}",
            uploads=[pdf_upload(f"자료{number}.pdf")],
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(page(request))
    assert len(response.context["thread"]) == 13
    assert len(many) == len(few)
