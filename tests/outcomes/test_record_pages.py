"""The record pages: each role lists, opens and downloads only what the rules allow, and
the list costs the same queries for one record or a page of them."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from ieum.outcomes.enums import OutcomeKind, VerificationStatus
from tests.factories import ClusterMemberFactory, CompanyFactory
from tests.outcomes.factories import money_fields

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LIST = reverse("outcomes:records")


def listed(response) -> set[int]:
    return {record.pk for record in response.context["page"].object_list}


@pytest.fixture
def records(outcome_world):
    world = outcome_world
    return {
        "own": world.record(status=VerificationStatus.PENDING),
        "other": world.record(company=world.other_company, status=VerificationStatus.PENDING),
        "lone": world.record(company=world.lone_company, clusters=[]),
    }


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        ("company", {"own"}),
        ("other_company", {"other"}),
        ("staff", {"own"}),
        ("other_staff", {"other"}),
        ("admin", {"own", "other", "lone"}),
    ],
)
def test_each_role_lists_and_opens_only_its_records(client, outcome_world, records, role, expected):
    client.force_login(outcome_world.roles[role])
    response = client.get(LIST, {"status": ""})
    assert response.status_code == 200
    assert listed(response) == {records[name].pk for name in expected}
    for name, entry in records.items():
        detail = client.get(reverse("outcomes:record_detail", args=[entry.pk]))
        assert detail.status_code == (200 if name in expected else 404)


def test_someone_without_an_organization_has_no_record_list(client, outcome_world):
    client.force_login(outcome_world.stranger)
    assert client.get(LIST).status_code == 403
    client.logout()
    assert client.get(LIST).status_code == 302


def test_staff_open_the_list_on_what_waits_for_them(client, outcome_world, english):
    world = outcome_world
    waiting = world.record(status=VerificationStatus.PENDING)
    world.record(status=VerificationStatus.VERIFIED)
    client.force_login(world.staff)
    response = client.get(LIST)
    assert listed(response) == {waiting.pk}
    assert response.context["waiting"] == 1
    assert "1 record waits for your verification" in response.content.decode()
    assert len(listed(client.get(LIST, {"status": ""}))) == 2
    # Companies open it on all their records.
    client.force_login(world.company_member)
    assert len(listed(client.get(LIST))) == 2


def test_the_filters_narrow_the_list(client, outcome_world):
    world = outcome_world
    ClusterMemberFactory(cluster=world.other_cluster, organization=world.company)
    patent = world.record(occurred_on=date(2023, 3, 1), reference="10-2023-0000777")
    export = world.record(
        kind=OutcomeKind.EXPORT,
        subtype="",
        patent_scope="",
        country="US",
        counterparty="Boston Medical",
        clusters=[world.other_cluster],
        **money_fields(500, "USD"),
    )
    client.force_login(world.admin)
    assert listed(client.get(LIST, {"kind": "export"})) == {export.pk}
    assert listed(client.get(LIST, {"year": "2023"})) == {patent.pk}
    assert listed(client.get(LIST, {"cluster": world.other_cluster.slug})) == {export.pk}
    assert listed(client.get(LIST, {"q": "boston"})) == {export.pk}
    assert listed(client.get(LIST, {"q": "메디웨이브 0000777"})) == {patent.pk}
    assert listed(client.get(LIST, {"status": "rejected"})) == set()


def test_the_list_costs_the_same_queries_for_one_record_or_thirty(client, outcome_world):
    world = outcome_world
    client.force_login(world.staff)
    world.record(status=VerificationStatus.PENDING)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    one = count()
    for _ in range(29):
        company = CompanyFactory()
        ClusterMemberFactory(cluster=world.cluster, organization=company)
        world.record(
            company=company,
            clusters=[world.cluster, world.other_cluster],
            status=VerificationStatus.PENDING,
        )
    assert len(listed(client.get(LIST))) == 30
    assert count() == one


def test_the_list_of_thirty_stays_within_its_query_budget(
    client, outcome_world, django_assert_max_num_queries
):
    world = outcome_world
    for _ in range(30):
        world.record(status=VerificationStatus.PENDING)
    client.force_login(world.admin)
    # Session, user, access, filters, two counts, the page and its clusters, the menu.
    with django_assert_max_num_queries(15):
        client.get(LIST)


# --- The record page ------------------------------------------------------------------


def test_the_record_page_shows_money_in_its_currency_krw_usd_and_the_rates(
    client, outcome_world, english
):
    world = outcome_world
    entry = world.record(
        kind=OutcomeKind.EXPORT,
        subtype="",
        patent_scope="",
        country="DE",
        counterparty="Berlin Heart GmbH",
        **money_fields(2000, "EUR"),
    )
    client.force_login(world.company_member)
    page = client.get(reverse("outcomes:record_detail", args=[entry.pk])).content.decode()
    for text in ("2,000.00 EUR", "₩2,900,000", "US$2,230.77", "1 EUR = ₩1,450", "1 USD = ₩1,300"):
        assert text in page
    assert "Germany (DE)" in page
    assert "Berlin Heart GmbH" in page
    assert "rates of 2015-01-01" in page


@pytest.mark.parametrize(
    ("role", "decides", "changes"),
    [
        ("company", False, True),
        ("staff", True, True),
        ("admin", True, True),
    ],
)
def test_the_buttons_follow_the_rules(client, outcome_world, role, decides, changes):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING)
    client.force_login(world.roles[role])
    page = client.get(reverse("outcomes:record_detail", args=[entry.pk])).content.decode()
    assert ('id="verify"' in page) is decides
    assert ('id="reject"' in page) is decides
    assert ('id="edit"' in page) is changes


def test_a_verified_record_shows_no_verification_and_no_change_for_the_company(
    client, outcome_world
):
    world = outcome_world
    entry = world.record(status=VerificationStatus.VERIFIED)
    client.force_login(world.company_member)
    page = client.get(reverse("outcomes:record_detail", args=[entry.pk])).content.decode()
    assert 'id="verify"' not in page and 'id="edit"' not in page
    assert client.get(reverse("outcomes:record_edit", args=[entry.pk])).status_code == 403


# --- Evidence -------------------------------------------------------------------------


def test_the_evidence_is_downloaded_as_a_sandboxed_attachment(client, outcome_world):
    world = outcome_world
    entry = world.record()
    entry.evidence.save("x.pdf", SimpleUploadedFile("x.pdf", PDF), save=False)
    entry.evidence_name = "수출계약서.pdf"
    entry.save()
    url = reverse("outcomes:record_evidence", args=[entry.pk])
    for role in ("company", "staff", "admin"):
        client.force_login(world.roles[role])
        response = client.get(url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Type"] == "application/pdf"
        assert "attachment" in response["Content-Disposition"]
        assert "sandbox" in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
    for role in ("other_company", "other_staff", "stranger"):
        client.force_login(world.roles[role])
        assert client.get(url).status_code == 404


def test_a_record_without_evidence_has_nothing_to_download(client, outcome_world):
    world = outcome_world
    entry = world.record()
    client.force_login(world.company_member)
    assert client.get(reverse("outcomes:record_evidence", args=[entry.pk])).status_code == 404
