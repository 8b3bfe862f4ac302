"""Downloading an application's file: for those who may see the application, which
leaves out reviewers with a conflict of interest (404, as if it did not exist).

The file goes out as an attachment under its original name, with a sandboxing
Content-Security-Policy in place of the site's, `nosniff`, and no caching, as linkage
files do.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404

from ieum.core.downloads import private_attachment
from ieum.programs.models import ApplicationFile
from ieum.programs.visibility import visible_applications


@login_required
def application_file(request, pk: int):
    stored = ApplicationFile.objects.filter(
        pk=pk, application__in=visible_applications(request.user)
    ).first()
    if stored is None:
        raise Http404
    return private_attachment(stored.file, filename=stored.name, content_type=stored.content_type)
