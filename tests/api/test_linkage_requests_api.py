"""The service requests API: a startup's request from draft to closed with token clients,
the thread's files, filters, input errors and a list whose queries do not grow."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema

from ieum.linkage import workflow
from ieum.linkage.enums import ReadChannel, RequestStatus, Step
from ieum.linkage.models import RequestFile, RequestRead, ServiceRequest
from ieum.linkage.threads import post_message
from tests.factories import ClusterMemberFactory, CompanyFactory, MembershipFactory
from tests.linkage.factories import OfferingFactory, make_world, pdf_upload, xlsx_upload
from tests.partnering.factories_api import client_for

pytestmark = pytest.mark.django_db

URL = "/api/v1/service-requests/"


@pytest.fixture
def world(db):
    return make_world()


def ok(response, code: int = 200) -> dict:
    assert response.status_code == code, response.content
    return response.json()


def ids(response) -> list[int]:
    return [row["id"] for row in ok(response)["results"]]


def download(response) -> bytes:
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_a_startup_request_goes_from_draft_to_closed_through_the_api(world):
    company = client_for(world.company_member)
    staff = client_for(world.staff)
    hospital = client_for(world.coordinator)

    draft = ok(
        company.post(
            URL,
            {
                "service_type": "clinical_trial_consulting",
                "title": "심혈관 스텐트 임상시험 설계 자문",
                "description": "관상동맥 스텐트의 확증 임상 설계를 검토해 주실 병원을 찾습니다.",
                "product_name": "HB-Stent",
                "product_stage": "nonclinical",
                "therapeutic_area": "cardiovascular",
                "goal": "MFDS 임상시험계획 승인",
            },
            format="json",
        ),
        201,
    )
    pk = draft["id"]
    assert draft["status"] == "draft" and draft["company"]["slug"] == world.company.slug
    assert draft["cluster"] == world.cluster.slug and draft["details_sealed"] is False
    assert draft["reference"].startswith("SR-")
    detail = f"{URL}{pk}/"

    attached = ok(company.post(f"{detail}files/", {"files": [pdf_upload()]}, format="multipart"))
    assert [f["name"] for f in attached["files"]] == ["protocol.pdf"]
    changed = ok(company.patch(detail, {"goal": "확증 임상 승인"}, format="json"))
    assert changed["goal"] == "확증 임상 승인"
    assert ok(company.post(f"{detail}submit/"))["status"] == "submitted"

    suggestions = ok(staff.get(f"{detail}suggestions/"))
    assert suggestions[0]["offering"]["id"] == world.offering.pk
    assert suggestions[0]["provider"]["name_ko"] == "연세의료원"
    assert suggestions[0]["matches_specialty"] is True
    assert " · " in suggestions[0]["reason"]
    assert ok(staff.post(f"{detail}triage/", {"note": "심혈관 임상 자문"}))["status"] == "triaged"
    assigned = ok(staff.post(f"{detail}assign/", {"offering": world.offering.pk}))
    assert assigned["status"] == "assigned" and assigned["provider"]["slug"] == world.hospital.slug

    # Before the NDA the hospital sees what it needs to decide, not what is asked.
    sealed = ok(hospital.get(detail))
    assert sealed["details_sealed"] is True and "description" not in sealed
    assert hospital.get(f"{detail}messages/").status_code == 403
    opened = ok(hospital.post(f"{detail}accept-nda/"))
    assert opened["details_sealed"] is False and opened["product_name"] == "HB-Stent"
    assert ok(hospital.post(f"{detail}accept/"))["status"] == "accepted"
    assert ok(hospital.post(f"{detail}start/"))["status"] == "in_progress"

    message = ok(
        hospital.post(
            f"{detail}messages/",
            {"body": "임상 데이터 양식을 보내드립니다.", "files": [xlsx_upload("form.xlsx")]},
            format="multipart",
        ),
        201,
    )
    assert message["organization"]["slug"] == world.hospital.slug
    assert [f["name"] for f in message["files"]] == ["form.xlsx"]
    thread = ok(company.get(f"{detail}messages/"))["results"]
    assert [m["body"] for m in thread] == ["임상 데이터 양식을 보내드립니다."]
    form = thread[0]["files"][0]
    response = company.get(form["download"])
    assert download(response).startswith(b"PK")
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]
    assert "no-store" in response["Cache-Control"]

    delivered = ok(
        hospital.post(
            f"{detail}deliver/",
            {"note": "설계 검토 보고서를 첨부합니다.", "files": [pdf_upload("report.pdf")]},
            format="multipart",
        )
    )
    assert delivered["status"] == "delivered"
    report = next(f for f in delivered["files"] if f["name"] == "report.pdf")
    assert report["kind"] == "deliverable"
    assert download(company.get(report["download"])).startswith(b"%PDF")

    closed = ok(company.post(f"{detail}close/", {"rating": 5, "comment": "큰 도움"}))
    assert closed["status"] == "closed" and closed["rating"] == 5

    steps = [e["step"] for e in ok(company.get(f"{detail}events/"))["results"]]
    assert steps == [
        Step.CREATE,
        Step.SUBMIT,
        Step.TRIAGE,
        Step.ASSIGN,
        Step.ACCEPT_NDA,
        Step.ACCEPT,
        Step.START,
        Step.DELIVER,
        Step.CLOSE,
    ]
    reads = RequestRead.objects.filter(request_id=pk)
    assert reads.filter(user=world.company_member, channel=ReadChannel.FILE).count() == 2
    assert reads.filter(user=world.coordinator, channel=ReadChannel.API).exists()
    # The sealed look before the NDA was not a read.
    first_read = reads.filter(user=world.coordinator).order_by("at").first()
    assert first_read.at >= ServiceRequest.objects.get(pk=pk).nda_accepted_at


def test_decline_sends_the_request_back_and_the_provider_keeps_only_the_sealed_part(world):
    service_request = world.request(RequestStatus.ASSIGNED)
    detail = f"{URL}{service_request.pk}/"
    hospital = client_for(world.coordinator, language="en")
    refused = hospital.post(f"{detail}decline/", {"reason": " "})
    assert refused.status_code == 400 and "reason" in refused.json()
    answer = ok(hospital.post(f"{detail}decline/", {"reason": "이번 분기 여력이 없습니다."}))
    assert answer["status"] == "triaged" and answer["details_sealed"] is True
    assert set(answer) <= set(ok(client_for(world.staff).get(detail)))
    assert "title" not in answer
    assert hospital.get(detail).status_code == 404
    assert ids(hospital.get(URL)) == []


def test_cancel_by_the_company_with_a_reason(world):
    service_request = world.request(RequestStatus.TRIAGED)
    api = client_for(world.company_member)
    answer = ok(api.post(f"{URL}{service_request.pk}/cancel/", {"reason": "자체 해결"}))
    assert answer["status"] == "cancelled"
    assert service_request.events.get(step=Step.CANCEL).note == "자체 해결"


def test_filters_by_status_type_role_and_overdue(world):
    draft = world.request()
    submitted = world.request(RequestStatus.SUBMITTED, service_type="regulatory_consulting")
    assigned = world.request(RequestStatus.ASSIGNED)
    ServiceRequest.objects.filter(pk=submitted.pk).update(
        triage_due=timezone.localdate() - timedelta(days=3)
    )
    admin = client_for(world.admin)
    assert ids(admin.get(URL)) == [assigned.pk, submitted.pk, draft.pk]
    assert ids(admin.get(URL, {"status": "draft"})) == [draft.pk]
    assert ids(admin.get(URL, {"service_type": "regulatory_consulting"})) == [submitted.pk]
    assert ids(admin.get(URL, {"overdue": "true"})) == [submitted.pk]
    assert ids(admin.get(URL, {"overdue": "false"})) == [assigned.pk, draft.pk]
    assert ids(admin.get(URL, {"role": "triage"})) == [assigned.pk, submitted.pk]
    assert ids(admin.get(URL, {"role": "company"})) == []
    company = client_for(world.company_member)
    assert ids(company.get(URL, {"role": "company"})) == [assigned.pk, submitted.pk, draft.pk]
    assert ids(company.get(URL, {"role": "provider"})) == []
    assert ids(client_for(world.coordinator).get(URL, {"role": "provider"})) == [assigned.pk]
    assert ids(client_for(world.staff).get(URL, {"role": "triage"})) == [
        assigned.pk,
        submitted.pk,
    ]
    bad = company.get(URL, {"status": "lost", "role": "boss", "overdue": "maybe"})
    assert bad.status_code == 400 and set(bad.json()) == {"status", "role", "overdue"}
    assert client_for().get(URL).status_code == 401


def test_list_rows_are_summaries_and_sealed_rows_say_nothing_more(world):
    world.request(RequestStatus.ASSIGNED)
    row = ok(client_for(world.company_member).get(URL))["results"][0]
    assert row["title"] and "description" not in row and "files" not in row
    sealed = ok(client_for(world.coordinator).get(URL))["results"][0]
    assert sealed["details_sealed"] is True
    assert {"title", "company", "description", "url"}.isdisjoint(sealed)
    assert not RequestRead.objects.exists()


def test_list_query_count_does_not_grow(world):
    readers = [world.company_member, world.coordinator, world.staff, world.admin]

    def count_queries(rows: int) -> list[int]:
        counts = []
        for user in readers:
            api = client_for(user)
            with CaptureQueriesContext(connection) as queries:
                assert len(ids(api.get(URL))) == rows
            counts.append(len(queries))
        return counts

    world.request(RequestStatus.ASSIGNED)
    one = count_queries(1)
    for status in [RequestStatus.ASSIGNED] * 10 + [RequestStatus.ACCEPTED] * 9:
        world.request(status)
    assert count_queries(20) == one


def test_thread_and_timeline_query_counts_do_not_grow(world):
    service_request = world.request(RequestStatus.IN_PROGRESS)
    api = client_for(world.company_member)
    thread, timeline = f"{URL}{service_request.pk}/messages/", f"{URL}{service_request.pk}/events/"

    def write(count: int) -> None:
        for n in range(count):
            post_message(
                actor=world.coordinator,
                request=service_request,
                body=f"메시지 {n}",
                uploads=[pdf_upload()],
            )

    write(1)
    with CaptureQueriesContext(connection) as one:
        assert len(ok(api.get(thread))["results"]) == 1
        ok(api.get(timeline))
    write(9)
    workflow.deliver_request(actor=world.coordinator, request=service_request, note="보고서")
    with CaptureQueriesContext(connection) as many:
        assert len(ok(api.get(thread))["results"]) == 11
        ok(api.get(timeline))
    assert len(many) == len(one)


def test_draft_input_errors_are_400_with_field_messages_and_write_nothing(world):
    api = client_for(world.company_member, language="en")
    bad = api.post(URL, {"service_type": "spa", "title": "", "description": ""}, format="json")
    assert bad.status_code == 400 and "service_type" in bad.json()
    blank = api.post(
        URL,
        {"service_type": "clinical_trial_consulting", "title": " ", "description": ""},
        format="json",
    )
    assert blank.status_code == 400
    assert blank.json()["title"] == ["Give the request a title."]
    assert "description" in blank.json()
    unknown_area = api.post(
        URL,
        {
            "service_type": "clinical_trial_consulting",
            "title": "t",
            "description": "d",
            "therapeutic_area": "astrology",
        },
        format="json",
    )
    assert unknown_area.status_code == 400 and "therapeutic_area" in unknown_area.json()
    assert not ServiceRequest.objects.exists()


def test_the_company_is_named_when_the_caller_has_several(world):
    second = CompanyFactory()
    ClusterMemberFactory(cluster=world.cluster, organization=second)
    MembershipFactory(user=world.company_member, organization=second)
    api = client_for(world.company_member, language="en")
    body = {"service_type": "clinical_trial_consulting", "title": "t", "description": "d"}
    unnamed = api.post(URL, body, format="json")
    assert unnamed.status_code == 400 and "company" in unnamed.json()
    named = ok(api.post(URL, {**body, "company": second.slug}, format="json"), 201)
    assert named["company"]["slug"] == second.slug
    foreign = api.post(URL, {**body, "company": world.others["company"].slug}, format="json")
    assert foreign.status_code == 403
    assert client_for(world.stranger).post(URL, body, format="json").status_code == 403


def test_a_bad_upload_is_400_with_the_translated_message_and_nothing_is_stored(world, tmp_path):
    service_request = world.request(RequestStatus.IN_PROGRESS)
    detail = f"{URL}{service_request.pk}/"
    fake = SimpleUploadedFile("report.pdf", b"<html><script>alert(1)</script></html>")
    api = client_for(world.coordinator, language="en")
    before = RequestFile.objects.count()
    refused = api.post(
        f"{detail}messages/", {"body": "see", "files": [pdf_upload(), fake]}, format="multipart"
    )
    assert refused.status_code == 400
    assert "is not an accepted type" in refused.json()["files"][0]
    delivered = api.post(
        f"{detail}deliver/", {"note": "report", "files": [fake]}, format="multipart"
    )
    assert delivered.status_code == 400 and "files" in delivered.json()
    korean = client_for(world.coordinator).post(
        f"{detail}messages/", {"files": [fake]}, format="multipart"
    )
    assert korean.status_code == 400 and "files" in korean.json()
    service_request.refresh_from_db()
    assert service_request.status == RequestStatus.IN_PROGRESS
    assert RequestFile.objects.count() == before
    assert not service_request.messages.exists()
    private = tmp_path / "private"
    stored = [p for p in private.rglob("*") if p.is_file()] if private.exists() else []
    assert len(stored) == before


def test_step_input_errors_are_400(world):
    delivered = world.request(RequestStatus.DELIVERED)
    api = client_for(world.company_member, language="en")
    low = api.post(f"{URL}{delivered.pk}/close/", {"rating": 9})
    assert low.status_code == 400 and low.json()["rating"] == ["Rate the service from 1 to 5."]
    assert api.post(f"{URL}{delivered.pk}/close/", {}).status_code == 400
    in_progress = world.request(RequestStatus.IN_PROGRESS)
    hospital = client_for(world.coordinator, language="en")
    empty = hospital.post(f"{URL}{in_progress.pk}/deliver/", {"note": ""})
    assert empty.status_code == 400 and "note" in empty.json()
    submitted = world.request(RequestStatus.SUBMITTED)
    staff = client_for(world.staff, language="en")
    assert staff.post(f"{URL}{submitted.pk}/assign/", {"offering": 999999}).status_code == 400
    other_type = OfferingFactory(service_type="ip_strategy")
    wrong = staff.post(f"{URL}{submitted.pk}/assign/", {"offering": other_type.pk})
    assert wrong.status_code == 400 and "offering" in wrong.json()
    assert ServiceRequest.objects.get(pk=submitted.pk).status == RequestStatus.SUBMITTED


def test_triage_corrects_the_type_and_area(world):
    submitted = world.request(RequestStatus.SUBMITTED)
    answer = ok(
        client_for(world.staff).post(
            f"{URL}{submitted.pk}/triage/",
            {"service_type": "clinical_validation", "therapeutic_area": "oncology"},
        )
    )
    assert answer["service_type"] == "clinical_validation"
    assert answer["therapeutic_area"] == "oncology"


def test_the_schema_describes_the_linkage_api_without_warnings():
    GENERATOR_STATS.reset()
    with GENERATOR_STATS.silence():
        schema = SchemaGenerator().get_schema(request=None, public=True)
    warnings = list(GENERATOR_STATS._warn_cache) + list(GENERATOR_STATS._error_cache)
    GENERATOR_STATS.reset()
    assert warnings == []
    validate_schema(schema)
    paths = schema["paths"]
    for step in ("submit", "triage", "assign", "accept-nda", "accept", "decline", "start"):
        responses = paths[f"/api/v1/service-requests/{{id}}/{step}/"]["post"]["responses"]
        assert {"200", "400", "403", "404", "409"} <= set(responses), step
    deliver = paths["/api/v1/service-requests/{id}/deliver/"]["post"]["requestBody"]["content"]
    assert "multipart/form-data" in deliver
    download = paths["/api/v1/service-requests/{id}/files/{file_id}/"]["get"]["responses"]
    assert "application/octet-stream" in download["200"]["content"]
    assert "/api/v1/service-offerings/{id}/" in paths
