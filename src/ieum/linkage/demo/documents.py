"""Small real PDF files for the demo's attachments and deliverables.

One A4 page of Helvetica text, written by hand (a catalog, a page, two fonts and one
content stream, with the cross-reference table readers expect), so the demo needs no
PDF library. The standard fonts have no Korean glyphs: the pages are in English.
"""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile


def _escape(line: str) -> str:
    text = line.encode("latin-1", "replace").decode("latin-1")
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def pdf_page(title: str, lines: list[str]) -> bytes:
    """A one-page PDF with a bold title and the lines below it."""
    content = ["BT", "/F2 16 Tf", "56 780 Td", f"({_escape(title)}) Tj", "/F1 11 Tf", "16 TL"]
    content += ["T*"] + [f"({_escape(line)}) '" for line in lines] + ["ET"]
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R /F2 5 0 R >> >> /Contents 6 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\n" % (len(objects) + 1)
    out += b"startxref\n%d\n%%%%EOF\n" % table
    return bytes(out)


def pdf_upload(name: str, title: str, lines: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, pdf_page(title, lines), content_type="application/pdf")
