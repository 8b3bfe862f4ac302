"""A request's thread: messages between the parties and the files they share.

Files pass `core.uploads.check_upload` (type read from the content, size limit) before
anything is stored, and go to private storage (`core.private_files`), never under the
web root. Every file of a request is checked before the first one is written, so a bad
file in a batch leaves none behind.
"""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.jobs import defer_on_commit
from ieum.core.uploads import CheckedUpload, check_upload
from ieum.linkage import job_names
from ieum.linkage.enums import FileKind
from ieum.linkage.models import RequestFile, RequestMessage, ServiceRequest

MAX_FILES_PER_MESSAGE = 10


def side_of(actor, request: ServiceRequest) -> int | None:
    """The organization the person writes for on this request."""
    organization_ids = access_for(actor).organization_ids
    if request.company_id in organization_ids:
        return request.company_id
    if request.provider_id in organization_ids:
        return request.provider_id
    if (
        request.cluster_id is not None
        and request.cluster_id in access_for(actor).staffed_cluster_ids
    ):
        return request.cluster.operator_id
    return None


def check_files(uploads: Iterable[UploadedFile], *, field: str = "files") -> list[CheckedUpload]:
    """Check every file before any is stored, so a bad one in a batch stores none."""
    uploads = list(uploads)
    if len(uploads) > MAX_FILES_PER_MESSAGE:
        raise ValidationError(
            {field: _("Attach at most %(count)d files at once.") % {"count": MAX_FILES_PER_MESSAGE}}
        )
    return [check_upload(upload, field=field) for upload in uploads]


def store_files(
    *,
    request: ServiceRequest,
    actor,
    checked: list[CheckedUpload],
    kind: FileKind = FileKind.ATTACHMENT,
    message: RequestMessage | None = None,
) -> list[RequestFile]:
    """Write checked files to private storage. Callers do this last, after every check,
    since a file on disk does not roll back with the transaction; one left behind by a
    failed commit has no row and no URL, so nobody can reach it."""
    stored = []
    for upload in checked:
        row = RequestFile(
            request=request,
            message=message,
            kind=kind,
            original_name=upload.name,
            content_type=upload.content_type,
            size=upload.size,
            uploaded_by=actor,
        )
        row.file.save(upload.name, upload.file, save=False)
        row.save()
        stored.append(row)
    return stored


def write_message(*, request: ServiceRequest, actor, body: str) -> RequestMessage:
    return RequestMessage.objects.create(
        request=request, author=actor, organization_id=side_of(actor, request), body=body
    )


def post_message(
    *,
    actor,
    request: ServiceRequest,
    body: str,
    uploads: Iterable[UploadedFile] = (),
) -> RequestMessage:
    """Add a message (and files) to the thread; the other parties get an e-mail."""
    body = (body or "").strip()
    uploads = list(uploads)
    with transaction.atomic(), set_actor(actor):
        request = ServiceRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if not actor.has_perm("linkage.view_request", request):
            raise ServiceRequest.DoesNotExist
        if not actor.has_perm("linkage.post_message", request):
            raise PermissionDenied(_("You cannot write on this request now."))
        if not body and not uploads:
            raise ValidationError({"body": _("Write a message or attach a file.")})
        checked = check_files(uploads)
        message = write_message(request=request, actor=actor, body=body)
        store_files(request=request, actor=actor, checked=checked, message=message)
        defer_on_commit(job_names.MESSAGE_EMAIL, message_id=message.pk)
        return message
