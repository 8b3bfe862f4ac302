"""Every role against a request's page, its step URLs and its files, in each state.

Outsiders get 404 and learn nothing; the provider before the NDA sees only what it needs
to decide; every read of the details by a party is logged.
"""

import pytest

from ieum.linkage.drafts import create_request
from ieum.linkage.enums import ReadChannel, RequestStatus, ServiceType
from ieum.linkage.models import RequestRead
from tests.linkage.factories import cardiovascular, pdf_upload, walk_to

pytestmark = pytest.mark.django_db

SECRET = "비밀-관상동맥-대조군-설계-7731"
TITLE = "HB-스텐트-확증임상-기밀"
PRODUCT = "HB-Stent-X9"
FILE_NAME = "기밀-임상프로토콜.pdf"
ACTIONS = (
    "submit",
    "triage",
    "assign",
    "accept-nda",
    "accept",
    "decline",
    "start",
    "deliver",
    "close",
    "cancel",
    "message",
)
STATES = (
    RequestStatus.DRAFT,
    RequestStatus.SUBMITTED,
    RequestStatus.ASSIGNED,
    RequestStatus.IN_PROGRESS,
    RequestStatus.DELIVERED,
    RequestStatus.CLOSED,
)


def confidential_request(world, status):
    data = {
        "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
        "title": TITLE,
        "description": SECRET,
        "product_name": PRODUCT,
        "therapeutic_area": cardiovascular(),
        "is_confidential": True,
    }
    request = create_request(
        actor=world.company_member,
        company=world.company,
        data=data,
        uploads=[pdf_upload(FILE_NAME)],
    )
    return walk_to(world, request, status)


def expected(role: str, status: str) -> str:
    """'read' (the details), 'sealed' (the provider before the NDA) or 'hidden' (404)."""
    if role in ("company", "admin"):
        return "read"
    if role == "staff":
        return "hidden" if status == RequestStatus.DRAFT else "read"
    if role == "coordinator":
        if status in (RequestStatus.DRAFT, RequestStatus.SUBMITTED):
            return "hidden"
        return "sealed" if status == RequestStatus.ASSIGNED else "read"
    return "hidden"


def leaks(response) -> list[str]:
    body = response.content.decode(errors="replace")
    return [secret for secret in (SECRET, TITLE, PRODUCT, FILE_NAME) if secret in body]


def snapshot(request) -> tuple:
    request.refresh_from_db()
    return (
        request.status,
        request.updated_at,
        request.events.count(),
        request.messages.count(),
        request.files.count(),
    )


@pytest.mark.parametrize("status", STATES)
def test_every_role_against_the_page_the_steps_and_the_file(client, world, status):
    request = confidential_request(world, status)
    attachment = request.files.get(original_name=FILE_NAME)
    base = f"/linkage/requests/{request.pk}/"
    for role, user in world.roles.items():
        expectation = expected(role, status)
        client.force_login(user)
        shown = client.get(base)
        download = client.get(f"{base}files/{attachment.pk}/")
        reads = RequestRead.objects.filter(request=request, user=user)
        if expectation == "hidden":
            assert shown.status_code == 404, role
            assert download.status_code == 404, role
            assert not leaks(shown) and not leaks(download), role
            assert client.get(f"{base}edit/").status_code == 404, role
            before = snapshot(request)
            for action in ACTIONS:
                response = client.post(
                    f"{base}{action}/",
                    {"reason": "x", "body": "x", "note": "x", "rating": "5", "offering": "1"},
                )
                assert response.status_code == 404, (role, action)
                assert not leaks(response), (role, action)
            assert snapshot(request) == before, role
            assert not reads.exists(), role
        elif expectation == "sealed":
            assert shown.status_code == 200, role
            assert leaks(shown) == [], role
            assert 'id="nda-panel"' in shown.content.decode()
            assert download.status_code == 404 and not leaks(download), role
            assert not reads.exists(), role
        else:
            assert shown.status_code == 200, role
            assert SECRET in shown.content.decode() and FILE_NAME in shown.content.decode(), role
            assert download.status_code == 200, role
            assert b"".join(download.streaming_content).startswith(b"%PDF"), role
            channels = set(reads.values_list("channel", flat=True))
            assert channels == {ReadChannel.PAGE, ReadChannel.FILE}, role


def test_the_provider_reads_nothing_before_the_nda_and_everything_after(client, world, english):
    request = confidential_request(world, RequestStatus.ASSIGNED)
    attachment = request.files.get()
    base = f"/linkage/requests/{request.pk}/"
    client.force_login(world.coordinator)
    shown = client.get(base)
    body = shown.content.decode()
    assert leaks(shown) == [] and "Accept the NDA" in body
    assert "Cardiovascular" in body and "Clinical-trial consulting" in body
    assert world.company.name not in body
    assert shown.context["actions"] == {"accept-nda", "decline"}
    assert client.get(f"{base}files/{attachment.pk}/").status_code == 404
    # Writing on the thread or accepting the request waits for the NDA too.
    assert client.post(f"{base}message/", {"body": "질문"}).status_code == 403
    refused = client.post(f"{base}accept/", follow=True)
    assert "Accept the NDA before accepting the request." in refused.content.decode()
    assert not leaks(refused)
    request.refresh_from_db()
    assert request.status == RequestStatus.ASSIGNED and not request.messages.exists()
    assert not RequestRead.objects.filter(user=world.coordinator).exists()

    client.post(f"{base}accept-nda/")
    opened = client.get(base)
    assert SECRET in opened.content.decode() and FILE_NAME in opened.content.decode()
    assert client.get(f"{base}files/{attachment.pk}/").status_code == 200
    assert set(
        RequestRead.objects.filter(user=world.coordinator).values_list("channel", flat=True)
    ) == {ReadChannel.PAGE, ReadChannel.FILE}


def test_a_provider_that_declined_no_longer_sees_the_request(client, world):
    request = confidential_request(world, RequestStatus.IN_PROGRESS)
    attachment = request.files.get()
    base = f"/linkage/requests/{request.pk}/"
    declined = confidential_request(world, RequestStatus.ASSIGNED)
    client.force_login(world.coordinator)
    client.post(f"/linkage/requests/{declined.pk}/decline/", {"reason": "일정이 맞지 않습니다"})
    assert client.get(f"/linkage/requests/{declined.pk}/").status_code == 404
    other_file = declined.files.get()
    assert client.get(f"/linkage/requests/{declined.pk}/files/{other_file.pk}/").status_code == 404
    # A file is only reached through its own request.
    assert client.get(f"{base}files/{other_file.pk}/").status_code == 404
    assert client.get(f"/linkage/requests/{declined.pk}/files/{attachment.pk}/").status_code == 404
