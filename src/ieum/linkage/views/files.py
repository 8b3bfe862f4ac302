"""Downloading a request's file: only for those who may read the request's details.

The file goes out as an attachment under its original name (RFC 5987 `filename*` for
Korean names), with headers that keep a browser from running or sniffing it: a
sandboxing Content-Security-Policy in place of the site's, `nosniff`, and no caching.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404

from ieum.core.downloads import private_attachment
from ieum.linkage.enums import ReadChannel
from ieum.linkage.views.request_page import visible_request
from ieum.linkage.visibility import record_read


@login_required
def request_file(request, pk: int, file_pk: int):
    found = visible_request(request.user, pk)
    if not request.user.has_perm("linkage.read_request_details", found):
        raise Http404
    stored = found.files.filter(pk=file_pk).first()
    if stored is None:
        raise Http404
    record_read(user=request.user, request=found, channel=ReadChannel.FILE, file=stored)
    return private_attachment(
        stored.file, filename=stored.original_name, content_type=stored.content_type
    )
