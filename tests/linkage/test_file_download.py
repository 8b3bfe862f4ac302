"""A request's file leaves as an attachment a browser can neither run nor sniff."""

import pytest

from ieum.linkage.enums import ReadChannel, RequestStatus
from ieum.linkage.models import RequestRead
from ieum.linkage.threads import post_message
from tests.linkage.factories import pdf_upload

pytestmark = pytest.mark.django_db


def download_url(stored) -> str:
    return f"/linkage/requests/{stored.request_id}/files/{stored.pk}/"


def test_the_download_is_a_sandboxed_attachment_that_is_never_cached(client, world):
    request = world.request(RequestStatus.IN_PROGRESS)
    post_message(
        actor=world.company_member,
        request=request,
        body="프로토콜입니다",
        uploads=[pdf_upload("임상 프로토콜 v2.pdf", b"<script>alert(1)</script>")],
    )
    stored = request.files.get()
    client.force_login(world.coordinator)
    response = client.get(download_url(stored))
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert "filename*=utf-8''%EC%9E%84%EC%83%81%20%ED%94%84%EB%A1%9C%ED%86%A0%EC%BD%9C" in (
        disposition
    )
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    directives = {part.strip().split(" ")[0] for part in policy.split(";")}
    assert "sandbox" in directives and "default-src 'none'" in policy
    assert "script-src" not in policy  # The site's policy is replaced, not extended.
    assert response["Cache-Control"] == "private, no-store"
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF") and b"<script>" in content
    read = RequestRead.objects.get(user=world.coordinator)
    assert (read.channel, read.file) == (ReadChannel.FILE, stored)


def test_pages_keep_the_site_policy(client, world):
    request = world.request(RequestStatus.SUBMITTED)
    client.force_login(world.staff)
    policy = client.get(f"/linkage/requests/{request.pk}/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "sandbox" not in policy


def test_files_of_an_open_request_are_served_without_a_log_entry(client, world):
    request = world.request(RequestStatus.DELIVERED, is_confidential=False)
    stored = request.files.get()
    client.force_login(world.company_member)
    response = client.get(download_url(stored))
    assert response.status_code == 200 and response["Content-Disposition"].startswith(
        'attachment; filename="report.pdf"'
    )
    assert not RequestRead.objects.exists()


def test_an_unknown_file_is_404(client, world):
    request = world.request(RequestStatus.DELIVERED)
    client.force_login(world.company_member)
    assert client.get(f"/linkage/requests/{request.pk}/files/999999/").status_code == 404
    assert not RequestRead.objects.filter(channel=ReadChannel.FILE).exists()
