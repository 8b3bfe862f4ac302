"""Downloading an application's file: for those who may see the application, which
leaves out reviewers with a conflict of interest (404, as if it did not exist).

The file goes out as an attachment under its original name, with a sandboxing
Content-Security-Policy in place of the site's, `nosniff`, and no caching, as linkage
files do.
"""

from __future__ import annotations

from csp.decorators import csp
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404

from ieum.linkage.views.files import DOWNLOAD_POLICY
from ieum.programs.models import ApplicationFile
from ieum.programs.visibility import visible_applications


@login_required
@csp(DOWNLOAD_POLICY)
def application_file(request, pk: int):
    stored = ApplicationFile.objects.filter(
        pk=pk, application__in=visible_applications(request.user)
    ).first()
    if stored is None:
        raise Http404
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=stored.name,
        content_type=stored.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
