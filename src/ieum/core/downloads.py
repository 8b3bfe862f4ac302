"""Private files sent so that they never run in the browser.

Every download of an uploaded file (request files, application files, deliverables, in
pages and in the API) goes out as an attachment under its original name (RFC 5987
`filename*` for Korean names), with a sandboxing Content-Security-Policy in place of the
site's, `nosniff`, and no caching.
"""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse

# Replaces the site's policy for this response (the CSP middleware leaves a policy that
# is already set): nothing loads, scripts never run.
DOWNLOAD_POLICY = "default-src 'none'; sandbox"


def private_attachment(file: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    response = FileResponse(
        file.open("rb"), as_attachment=True, filename=filename, content_type=content_type
    )
    response["Content-Security-Policy"] = DOWNLOAD_POLICY
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
