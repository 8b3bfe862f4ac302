"""The outcome records API: who sees which records, entering and correcting them through
the domain, verification by the clusters' staff, and refusals that change nothing."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from django.utils.translation import gettext

from ieum.outcomes.enums import OutcomeKind, RecordSource, VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from tests.factories import EventFactory
from tests.outcomes.factories import make_outcome_world, money_fields
from tests.partnering.factories_api import client_for
from tests.programs.factories import ProgramFactory

pytestmark = pytest.mark.django_db

RECORDS = "/api/v1/outcome-records/"
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


@pytest.fixture
def world(db):
    return make_outcome_world()


def ok(response, code: int = 200) -> dict:
    assert response.status_code == code, response.content
    return response.json() if response.content else {}


def ids(response) -> set[int]:
    return {row["id"] for row in ok(response)["results"]}


def export_body(world, **changes) -> dict:
    body = {
        "company": world.company.slug,
        "kind": OutcomeKind.EXPORT,
        "country": "US",
        "counterparty": "Boston Medical Supply",
        "occurred_on": "2024-06-03",
        "amount": "120000",
        "currency": "USD",
        "clusters": [world.cluster.slug],
    }
    return body | changes


@pytest.mark.parametrize(
    ("role", "sees"),
    [
        ("company", {"own"}),
        ("other_company", {"other"}),
        ("staff", {"own"}),
        ("other_staff", {"other"}),
        ("admin", {"own", "other", "lone"}),
        ("stranger", set()),
    ],
)
def test_each_role_lists_and_reads_the_records_the_rules_allow(world, role, sees):
    records = {
        "own": world.record(),
        "other": world.record(company=world.other_company),
        "lone": world.record(company=world.lone_company),
    }
    client = client_for(world.roles[role])
    assert ids(client.get(RECORDS)) == {records[name].pk for name in sees}
    for name, record in records.items():
        answer = client.get(f"{RECORDS}{record.pk}/")
        assert answer.status_code == (200 if name in sees else 404)


def test_anonymous_callers_are_refused(world):
    world.record()
    assert client_for(None).get(RECORDS).status_code in (401, 403)


def test_a_record_shows_its_money_attributions_and_state(world):
    program = ProgramFactory(cluster=world.cluster)
    record = world.record(
        kind=OutcomeKind.EXPORT,
        subtype="",
        patent_scope="",
        country="DE",
        occurred_on=date(2024, 8, 20),
        **money_fields(50_000, "EUR"),
    )
    record.programs.set([program])
    shown = ok(client_for(world.company_member).get(f"{RECORDS}{record.pk}/"))
    assert shown["company"]["slug"] == world.company.slug
    assert (shown["kind"], shown["country"], shown["year"], shown["quarter"]) == (
        "export",
        "DE",
        2024,
        3,
    )
    assert (shown["amount"], shown["currency"]) == ("50000.00", "EUR")
    assert shown["amount_krw"] == 72_500_000
    assert Decimal(shown["amount_usd"]) == Decimal("55769.23")
    assert Decimal(shown["krw_per_unit"]) == Decimal("1450")
    assert Decimal(shown["krw_per_usd"]) == Decimal("1300")
    assert shown["rates_on"] == "2015-01-01"
    assert shown["clusters"] == [world.cluster.slug] and shown["programs"] == [program.slug]
    assert shown["status"] == "verified" and shown["has_evidence"] is False


def test_filters_narrow_the_list(world):
    patent = world.record(occurred_on=date(2023, 4, 1))
    pending = world.record(status=VerificationStatus.PENDING)
    revenue = world.record(
        kind=OutcomeKind.REVENUE, subtype="", patent_scope="", country="", **money_fields(10**9)
    )
    other = world.record(company=world.other_company)
    admin = client_for(world.admin)
    assert ids(admin.get(f"{RECORDS}?status=pending")) == {pending.pk}
    assert ids(admin.get(f"{RECORDS}?kind=revenue")) == {revenue.pk}
    assert ids(admin.get(f"{RECORDS}?year=2023")) == {patent.pk}
    assert ids(admin.get(f"{RECORDS}?company={world.other_company.slug}")) == {other.pk}
    assert ids(admin.get(f"{RECORDS}?cluster={world.other_cluster.slug}")) == {other.pk}
    assert admin.get(f"{RECORDS}?status=lost&year=1700").status_code == 400


def test_the_list_costs_the_same_queries_for_3_or_20_records(world):
    program = ProgramFactory(cluster=world.cluster)
    client = client_for(world.staff)

    def queries_for_list() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(RECORDS).status_code == 200
        return len(captured)

    for _ in range(3):
        world.record().programs.set([program])
    few = queries_for_list()
    for _ in range(17):
        world.record().programs.set([program])
    assert queries_for_list() == few
    assert len(ok(client.get(RECORDS))["results"]) == 20


def test_list_queries_stay_under_a_fixed_bound(world, django_assert_max_num_queries):
    for _ in range(25):
        world.record()
    client = client_for(world.admin)
    client.get(RECORDS)  # token and session rows exist from here on
    with django_assert_max_num_queries(10):
        assert len(ok(client.get(RECORDS))["results"]) == 25


def test_a_company_member_records_an_export_that_waits_for_verification(world):
    created = ok(
        client_for(world.company_member).post(RECORDS, export_body(world), format="json"), 201
    )
    record = OutcomeRecord.objects.get(pk=created["id"])
    assert record.status == VerificationStatus.PENDING and record.source == RecordSource.API
    assert record.recorded_by == world.company_member
    assert created["status"] == "pending" and created["source"] == "api"
    assert created["amount_krw"] == 156_000_000 and Decimal(created["amount_usd"]) == 120_000
    assert created["clusters"] == [world.cluster.slug]


def test_staff_record_for_a_member_company_with_evidence_and_attributions_by_number(world):
    program = ProgramFactory(cluster=world.cluster)
    event = EventFactory(cluster=world.cluster)
    body = {
        "company": world.company.slug,
        "kind": OutcomeKind.APPROVAL,
        "subtype": "mfds",
        "title": "체외진단 심전도 패치",
        "reference": "제인 24-1234 호",
        "device_class": "2",
        "occurred_on": "2024-03-15",
        "clusters": [str(world.cluster.pk)],
        "programs": [program.slug],
        "events": [str(event.pk)],
        "evidence": SimpleUploadedFile("허가증.pdf", PDF, content_type="application/pdf"),
    }
    staff = client_for(world.staff)
    created = ok(staff.post(RECORDS, body, format="multipart"), 201)
    assert created["country"] == "KR" and created["device_class"] == 2
    assert created["programs"] == [program.slug] and created["events"] == [event.slug]
    assert created["has_evidence"] is True and created["evidence_name"].endswith(".pdf")
    download = staff.get(f"{RECORDS}{created['id']}/evidence/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment")
    assert download["X-Content-Type-Options"] == "nosniff"
    assert (
        client_for(world.other_staff).get(f"{RECORDS}{created['id']}/evidence/").status_code == 404
    )


def test_refused_attributions_and_companies_change_nothing(world):
    member = client_for(world.company_member)
    refused = member.post(
        RECORDS, export_body(world, clusters=[world.other_cluster.slug]), format="json"
    )
    assert refused.status_code == 400 and set(refused.json()) == {"clusters"}
    unknown = member.post(RECORDS, export_body(world, programs=["no-such-program"]), format="json")
    assert unknown.status_code == 400 and "programs" in unknown.json()
    # Staff of one cluster cannot enter records for another cluster's company.
    foreign = export_body(world, company=world.other_company.slug, clusters=[])
    assert client_for(world.staff).post(RECORDS, foreign, format="json").status_code == 403
    assert (
        client_for(world.stranger).post(RECORDS, export_body(world), format="json").status_code
        == 403
    )
    assert not OutcomeRecord.objects.exists()


@pytest.mark.parametrize("language", ["ko", "en"])
def test_bad_input_is_answered_per_field_in_the_caller_s_language(world, language):
    body = export_body(
        world,
        country="",
        amount="-5",
        currency="XYZ",
        occurred_on="2999-01-01",
    )
    client = client_for(world.company_member, language=language)
    answer = client.post(RECORDS, body, format="json", HTTP_ACCEPT_LANGUAGE=language)
    assert answer.status_code == 400
    errors = answer.json()
    assert set(errors) == {"country", "amount", "currency", "occurred_on"}
    with translation.override(language):
        assert errors["country"] == [gettext("This is needed for this kind of record.")]
        assert errors["currency"] == [
            gettext("%(currency)s is not a currency we take; use one of %(known)s.")
            % {"currency": "XYZ", "known": "KRW, USD, EUR, JPY, CNY"}
        ]
        assert errors["amount"] == [gettext("Enter zero or more; amounts are never negative.")]
        assert errors["occurred_on"] == [gettext("This date is in the future.")]
    no_kind = client.post(RECORDS, {"company": world.company.slug, "kind": "bonus"}, format="json")
    with translation.override(language):
        assert no_kind.json()["kind"] == [gettext("Choose a kind of outcome.")]
    assert not OutcomeRecord.objects.exists()


def test_english_and_korean_messages_differ_where_the_catalog_has_them(world):
    body = {"company": world.company.slug, "clusters": "not-a-list"}
    korean = client_for(world.company_member, language="ko").post(RECORDS, body, format="json")
    english = client_for(world.company_member, language="en").post(RECORDS, body, format="json")
    assert korean.status_code == english.status_code == 400
    # DRF's own messages are translated in its catalog: the required `kind`.
    with translation.override("en"):
        assert english.json()["kind"] == [gettext("This field is required.")]
    with translation.override("ko"):
        assert korean.json()["kind"] == [gettext("This field is required.")]
    assert korean.json()["kind"] != english.json()["kind"]


def test_the_company_corrects_its_record_until_it_is_verified(world):
    member = client_for(world.company_member)
    created = ok(member.post(RECORDS, export_body(world), format="json"), 201)
    url = f"{RECORDS}{created['id']}/"
    changed = ok(member.patch(url, {"amount": "130000"}, format="json"))
    assert changed["amount"] == "130000.00" and changed["amount_krw"] == 169_000_000
    assert changed["country"] == "US"
    bad = member.patch(url, {"amount": "lots"}, format="json")
    assert bad.status_code == 400 and set(bad.json()) == {"amount"}
    ok(client_for(world.staff).post(f"{url}verify/"))
    assert member.patch(url, {"amount": "1"}, format="json").status_code == 403
    assert member.delete(url).status_code == 403
    record = OutcomeRecord.objects.get(pk=created["id"])
    assert record.amount == Decimal("130000") and record.status == VerificationStatus.VERIFIED


def test_a_staff_change_sends_a_verified_record_back_and_staff_delete(world):
    record = world.record()
    url = f"{RECORDS}{record.pk}/"
    staff = client_for(world.staff)
    changed = ok(staff.patch(url, {"title": "스텐트 코팅 방법 (정정)"}, format="json"))
    assert changed["status"] == "pending" and changed["title"] == "스텐트 코팅 방법 (정정)"
    assert client_for(world.other_staff).delete(url).status_code == 404
    assert staff.delete(url).status_code == 204
    assert not OutcomeRecord.objects.filter(pk=record.pk).exists()


def test_only_the_cluster_s_staff_and_admins_verify_and_reject(world):
    waiting = world.record(status=VerificationStatus.PENDING)
    url = f"{RECORDS}{waiting.pk}/"
    company = client_for(world.company_member)
    assert company.post(f"{url}verify/").status_code == 403
    assert company.post(f"{url}reject/", {"reason": "중복"}, format="json").status_code == 403
    assert client_for(world.other_staff).post(f"{url}verify/").status_code == 404
    staff = client_for(world.staff)
    no_reason = staff.post(f"{url}reject/", {"reason": "  "}, format="json")
    assert no_reason.status_code == 400 and set(no_reason.json()) == {"reason"}
    waiting.refresh_from_db()
    assert waiting.status == VerificationStatus.PENDING
    rejected = ok(
        staff.post(f"{url}reject/", {"reason": "증빙 파일이 다른 과제의 것입니다."}, format="json")
    )
    assert rejected["status"] == "rejected"
    assert rejected["rejection_reason"] == "증빙 파일이 다른 과제의 것입니다."
    # Decided already: a second decision is a conflict, and nothing changes.
    assert client_for(world.admin).post(f"{url}verify/").status_code == 409
    waiting.refresh_from_db()
    assert waiting.status == VerificationStatus.REJECTED and waiting.reviewed_by == world.staff


def test_evidence_is_added_by_a_change_and_a_bad_file_is_refused(world):
    record = world.record(status=VerificationStatus.PENDING)
    url = f"{RECORDS}{record.pk}/"
    member = client_for(world.company_member)
    bad = member.patch(
        url,
        {"evidence": SimpleUploadedFile("contract.pdf", b"MZ\x90\x00 not a pdf")},
        format="multipart",
    )
    assert bad.status_code == 400 and set(bad.json()) == {"evidence"}
    record.refresh_from_db()
    assert not record.evidence
    good = SimpleUploadedFile("contract.pdf", PDF, content_type="application/pdf")
    changed = ok(member.patch(url, {"evidence": good, "note": "계약서 첨부"}, format="multipart"))
    assert changed["has_evidence"] is True and changed["note"] == "계약서 첨부"
    assert changed["clusters"] == [world.cluster.slug]
