"""Checks for files people upload: the type is read from the content, not the name.

A file is accepted when its first bytes say it is a PDF, an Office document or an
image, its name ends in an extension of that same type, and it is no larger than the
limit. Anything else is refused with a translated message before it is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
# Names are kept for the download (RequestFile.original_name holds 200 characters).
MAX_NAME_LENGTH = 200

# Detected MIME type -> the extensions a file of that type may carry.
ALLOWED_TYPES: dict[str, frozenset[str]] = {
    "application/pdf": frozenset({"pdf"}),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": frozenset({"docx"}),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": frozenset({"xlsx"}),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": frozenset(
        {"pptx"}
    ),
    # Office 97–2003 files share one container format, so any of the three names fits.
    "application/msword": frozenset({"doc", "xls", "ppt"}),
    "application/vnd.ms-excel": frozenset({"doc", "xls", "ppt"}),
    "application/vnd.ms-powerpoint": frozenset({"doc", "xls", "ppt"}),
    "image/png": frozenset({"png"}),
    "image/jpeg": frozenset({"jpg", "jpeg"}),
    "image/gif": frozenset({"gif"}),
    "image/webp": frozenset({"webp"}),
}
ALLOWED_EXTENSIONS = sorted(set().union(*ALLOWED_TYPES.values()))


@dataclass(frozen=True)
class CheckedUpload:
    file: UploadedFile
    name: str
    content_type: str
    size: int


def _short_name(name: str) -> str:
    """The name cut to fit its column, keeping the extension the type check reads."""
    if len(name) <= MAX_NAME_LENGTH:
        return name
    suffix = PurePath(name).suffix[:16]
    return name[: MAX_NAME_LENGTH - len(suffix)] + suffix


def check_upload(upload: UploadedFile, *, field: str = "file") -> CheckedUpload:
    """Refuse a file that is too large, empty, or not what its content says it is."""
    name = _short_name(PurePath(upload.name or "").name)
    size = upload.size or 0
    if size == 0:
        raise ValidationError({field: _("The file “%(name)s” is empty.") % {"name": name}})
    if size > MAX_UPLOAD_BYTES:
        raise ValidationError(
            {
                field: _("The file “%(name)s” is larger than %(limit)s.")
                % {"name": name, "limit": filesizeformat(MAX_UPLOAD_BYTES)}
            }
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    extension = PurePath(name).suffix.lower().lstrip(".")
    allowed = ALLOWED_TYPES.get(kind.mime) if kind else None
    if allowed is None or extension not in allowed:
        raise ValidationError(
            {
                field: _(
                    "The file “%(name)s” is not an accepted type. Upload PDF, Office "
                    "documents (%(office)s) or images (PNG, JPEG, GIF, WebP)."
                )
                % {"name": name, "office": "docx, xlsx, pptx, doc, xls, ppt"}
            }
        )
    return CheckedUpload(file=upload, name=name, content_type=kind.mime, size=size)
