"""The three inboxes: each role sees exactly its side of the requests, with counts and filters."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.core.business_days import seoul_today
from ieum.linkage import workflow
from ieum.linkage.drafts import create_request
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import ServiceRequest
from tests.linkage.factories import OfferingFactory, cardiovascular

S = RequestStatus
MINE, INCOMING, TRIAGE = "/linkage/requests/", "/linkage/incoming/", "/linkage/triage/"


@pytest.fixture
def cases(world):
    """One request of the company in every state, and one of another company."""
    made = {status: world.request(status, title=f"요청 {status}") for status in S.values}
    declined = world.request(S.ASSIGNED, title="요청 declined")
    made["declined"] = workflow.decline_request(
        actor=world.coordinator, request=declined, reason="이번 분기 일정이 찼습니다."
    )
    sent = world.request(S.SUBMITTED, title="요청 cancelled after sending")
    made["cancelled_sent"] = workflow.cancel_request(actor=world.company_member, request=sent)
    other = create_request(
        actor=world.other_company_member,
        company=world.others["company"],
        data={
            "service_type": ServiceType.MEDICAL_DATA,
            "title": "다른 회사 요청",
            "description": "의료 데이터 접근",
        },
    )
    made["other"] = workflow.submit_request(actor=world.other_company_member, request=other)
    # The other hospital offers something, so its coordinator has an (empty) inbox.
    OfferingFactory(provider=world.others["hospital"])
    return made


def listed(client, address: str, **query) -> set[int]:
    response = client.get(address, query)
    assert response.status_code == 200
    return {item.pk for item in response.context["page"].object_list}


def pks(cases, *names) -> set[int]:
    return {cases[name].pk for name in names}


ALL_OF_THE_COMPANY = (*S.values, "declined", "cancelled_sent")
SENT = (
    S.SUBMITTED,
    S.TRIAGED,
    S.ASSIGNED,
    S.ACCEPTED,
    S.IN_PROGRESS,
    S.DELIVERED,
    S.CLOSED,
    "declined",
    "cancelled_sent",
)
HELD_BY_THE_HOSPITAL = (S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS, S.DELIVERED, S.CLOSED)


def test_my_requests_lists_only_the_requests_of_ones_companies(client, world, cases):
    expected = {
        "company": pks(cases, *ALL_OF_THE_COMPANY),
        "other_company": pks(cases, "other"),
    }
    for role, user in world.roles.items():
        client.force_login(user)
        assert listed(client, MINE) == expected.get(role, set()), role
        assert listed(client, MINE, status="all", q="요청") <= expected.get(role, set()), role
    client.logout()
    assert client.get(MINE).status_code == 302


def test_incoming_lists_only_what_is_assigned_to_ones_organization(client, world, cases):
    expected = {
        "coordinator": pks(cases, *HELD_BY_THE_HOSPITAL),
        "other_coordinator": set(),
    }
    for role, user in world.roles.items():
        client.force_login(user)
        if role in expected:
            assert listed(client, INCOMING) == expected[role], role
        else:
            # Those who provide no service have no incoming inbox.
            assert client.get(INCOMING).status_code == 403, role
    client.logout()
    assert client.get(INCOMING).status_code == 302


def test_triage_lists_the_requests_of_ones_clusters(client, world, cases):
    to_triage = {
        "staff": pks(cases, S.SUBMITTED, S.TRIAGED, "declined"),
        "admin": pks(cases, S.SUBMITTED, S.TRIAGED, "declined", "other"),
        "other_staff": pks(cases, "other"),
    }
    everything = {
        "staff": pks(cases, *SENT),
        "admin": pks(cases, *SENT, "other"),
        "other_staff": pks(cases, "other"),
    }
    for role, user in world.roles.items():
        client.force_login(user)
        if role in to_triage:
            assert listed(client, TRIAGE) == to_triage[role], role
            assert listed(client, TRIAGE, status="all") == everything[role], role
            # Drafts are no status of this inbox: the filter is ignored, drafts stay out.
            assert listed(client, TRIAGE, status="draft") == to_triage[role], role
        else:
            assert client.get(TRIAGE).status_code == 403, role
    # Cluster staff choose among their own clusters only.
    client.force_login(world.staff)
    assert list(client.get(TRIAGE).context["form"].fields["cluster"].queryset) == [world.cluster]
    other_cluster = world.others["cluster"].slug
    # Another cluster is not a choice: the filters are ignored, nothing of it shows.
    assert listed(client, TRIAGE, status="all", cluster=other_cluster) == to_triage["staff"]
    assert listed(client, TRIAGE, status="all", cluster=world.cluster.slug) == pks(cases, *SENT)
    client.force_login(world.admin)
    assert listed(client, TRIAGE, status="all", cluster=other_cluster) == pks(cases, "other")


def test_every_inbox_counts_per_status(client, world, cases):
    client.force_login(world.company_member)
    counts = client.get(MINE).context["counts"]
    assert counts["draft"] == 1
    assert counts["open"] == 7  # submitted, triaged twice, assigned … delivered
    assert counts["closed"] == 3  # closed, cancelled as a draft and after sending
    assert counts["total"] == 11 and counts[S.TRIAGED] == 2
    assert listed(client, MINE, tab="open") == pks(
        cases, S.SUBMITTED, S.TRIAGED, "declined", S.ASSIGNED, S.ACCEPTED, S.IN_PROGRESS
    ) | pks(cases, S.DELIVERED)
    assert listed(client, MINE, tab="draft") == pks(cases, S.DRAFT)
    assert listed(client, MINE, tab="closed") == pks(cases, S.CLOSED, S.CANCELLED, "cancelled_sent")
    assert listed(client, MINE, status=S.TRIAGED) == pks(cases, S.TRIAGED, "declined")
    # Counts follow the other filters.
    assert client.get(MINE, {"service_type": "medical_data"}).context["counts"]["total"] == 0

    client.force_login(world.coordinator)
    counts = client.get(INCOMING).context["counts"]
    assert counts["waiting"] == 1 and counts[S.CLOSED] == 1 and counts["total"] == 5
    assert listed(client, INCOMING, status=S.ASSIGNED) == pks(cases, S.ASSIGNED)

    client.force_login(world.staff)
    counts = client.get(TRIAGE).context["counts"]
    assert counts["to_triage"] == 3 and counts["total"] == 9 and counts[S.DRAFT] == 0


def test_overdue_filter_and_counts(client, world, cases, english):
    today = seoul_today()
    ServiceRequest.objects.filter(pk=cases[S.SUBMITTED].pk).update(
        triage_due=today - timedelta(days=3)
    )
    ServiceRequest.objects.filter(pk=cases[S.ASSIGNED].pk).update(
        response_due=today - timedelta(days=1)
    )
    ServiceRequest.objects.filter(pk=cases[S.IN_PROGRESS].pk).update(delivery_due=today)
    # A deadline past in a state where it no longer applies is not overdue.
    ServiceRequest.objects.filter(pk=cases[S.DELIVERED].pk).update(
        delivery_due=today - timedelta(days=9)
    )

    client.force_login(world.coordinator)
    response = client.get(INCOMING)
    assert response.context["counts"]["overdue"] == 1
    assert listed(client, INCOMING, overdue="1") == pks(cases, S.ASSIGNED)
    page = response.content.decode()
    row = page.split(f'data-pk="{cases[S.ASSIGNED].pk}"')[1].split("</tr>")[0]
    assert (today - timedelta(days=1)).isoformat() in row and "overdue-marker" in row
    row = page.split(f'data-pk="{cases[S.IN_PROGRESS].pk}"')[1].split("</tr>")[0]
    assert today.isoformat() in row and "overdue-marker" not in row

    client.force_login(world.staff)
    assert client.get(TRIAGE).context["counts"]["overdue"] == 2
    assert listed(client, TRIAGE, overdue="1") == pks(cases, S.SUBMITTED)
    assert listed(client, TRIAGE, status="all", overdue="1") == pks(cases, S.SUBMITTED, S.ASSIGNED)

    client.force_login(world.company_member)
    assert listed(client, MINE, overdue="1") == pks(cases, S.SUBMITTED, S.ASSIGNED)


def test_a_provider_sees_no_title_before_the_nda(client, world, english):
    sealed = world.request(S.ASSIGNED, title="비밀 스텐트 과제")
    open_request = world.request(S.ASSIGNED, title="공개 과제", is_confidential=False)
    client.force_login(world.coordinator)
    page = client.get(INCOMING).content.decode()
    assert "비밀 스텐트 과제" not in page and "HB-Stent" not in page
    row = page.split(f'data-pk="{sealed.pk}"')[1].split("</tr>")[0]
    assert "Clinical-trial consulting · Cardiovascular diseases" in row
    assert "Details after you accept the NDA" in row
    assert sealed.reference in row and f"/linkage/requests/{sealed.pk}/" in row
    assert "공개 과제" in page
    # Searching for the title does not reveal it either.
    assert listed(client, INCOMING, q="비밀") == set()
    assert listed(client, INCOMING, q="공개") == {open_request.pk}
    assert listed(client, INCOMING, q=sealed.reference) == {sealed.pk}
    # The company and the cluster read it all along; the hospital after the NDA.
    for user, address, query in (
        (world.company_member, MINE, {}),
        (world.staff, TRIAGE, {"status": "all"}),
    ):
        client.force_login(user)
        assert "비밀 스텐트 과제" in client.get(address, query).content.decode()
        assert listed(client, address, q="비밀", **query) == {sealed.pk}
    workflow.accept_nda(actor=world.coordinator, request=sealed)
    client.force_login(world.coordinator)
    assert "비밀 스텐트 과제" in client.get(INCOMING).content.decode()
    assert listed(client, INCOMING, q="비밀") == {sealed.pk}


def test_rows_show_company_provider_status_and_due_date(client, world, english):
    request = world.request(S.ACCEPTED)
    client.force_login(world.staff)
    page = client.get(TRIAGE, {"status": "all"}).content.decode()
    row = page.split(f'data-pk="{request.pk}"')[1].split("</tr>")[0]
    request.refresh_from_db()
    assert request.reference in row and request.title in row
    assert world.company.name_en in row and world.hospital.name_en in row
    assert "Accepted" in row and request.delivery_due.isoformat() in row
    partial = client.get(TRIAGE, {"status": "all"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content and request.reference in partial.content.decode()


@pytest.mark.parametrize(
    ("role", "address", "status"),
    [
        ("company", MINE, S.DRAFT),
        ("coordinator", INCOMING, S.ASSIGNED),
        ("staff", TRIAGE, S.SUBMITTED),
        ("admin", TRIAGE, S.SUBMITTED),
    ],
)
def test_the_inbox_query_count_does_not_grow(client, world, role, address, status):
    def queries() -> tuple[int, int]:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address)
        assert response.status_code == 200
        return len(captured), len(response.context["page"].object_list)

    world.request(status)
    client.force_login(world.roles[role])
    one, rows = queries()
    assert rows == 1
    for number in range(19):
        # Half of them confidential, some of another area, none sharing a company row cache.
        world.request(
            status,
            is_confidential=number % 2 == 0,
            therapeutic_area=cardiovascular() if number % 3 else None,
        )
    many, rows = queries()
    assert rows == 20
    assert many == one
