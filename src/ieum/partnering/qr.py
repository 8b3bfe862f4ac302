"""QR codes of check-in addresses, as SVG drawn by segno."""

from __future__ import annotations

import io

import segno
from django.conf import settings
from django.urls import reverse


def check_in_url(*, token: str, meeting_pk: int) -> str:
    """The address a phone opens from the code: it checks in the token's holder."""
    path = reverse("partnering:check_in_token", kwargs={"token": token, "pk": meeting_pk})
    return settings.IEUM_SITE_URL.rstrip("/") + path


def qr_svg(text: str, *, scale: int = 4) -> bytes:
    """An SVG image of `text`; segno draws it with a path and no inline style."""
    out = io.BytesIO()
    segno.make(text, error="m").save(out, kind="svg", scale=scale, border=2, xmldecl=False)
    return out.getvalue()
