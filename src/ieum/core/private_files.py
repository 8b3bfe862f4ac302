"""Storage for files that only some people may read: outside the web root, no URL.

Such files are served by a view that checks permission first and sends them as an
attachment (`core.downloads`). The location is read from the settings on every use so
that tests can point it at a temporary directory.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateFileStorage(FileSystemStorage):
    def __init__(self) -> None:
        super().__init__(location=None, base_url=None)

    @property
    def base_location(self):  # type: ignore[override]
        return settings.PRIVATE_MEDIA_ROOT

    @property
    def location(self):  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self):  # type: ignore[override]
        return None

    def url(self, name: str | None) -> str:
        raise ValueError("Private files have no URL; serve them through a permission check.")

    def deconstruct(self):
        return ("ieum.core.private_files.PrivateFileStorage", (), {})


def private_storage() -> PrivateFileStorage:
    return PrivateFileStorage()
