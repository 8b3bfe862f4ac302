"""Drafts filled in through the domain functions, uploads, and the queued jobs they leave."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.core.uploads import MAX_UPLOAD_BYTES
from ieum.programs import applications
from ieum.programs.enums import ApplicationStatus, QuestionKind


def pdf_upload(name: str = "사업계획서.pdf", body: bytes = b"business plan") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + body + b"\n%%EOF\n", "application/pdf")


def png_upload(name: str = "product.png") -> SimpleUploadedFile:
    header = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    return SimpleUploadedFile(name, header + b"\x00" * 64, "image/png")


def fake_pdf(name: str = "plan.pdf") -> SimpleUploadedFile:
    """A program renamed to look like a PDF."""
    return SimpleUploadedFile(name, b"MZ\x90\x00\x03\x00\x00\x00" + b"\x00" * 64, "application/pdf")


def oversized_pdf(name: str = "huge.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES, "application/pdf")


def complete_answers(world) -> dict[str, str]:
    return {
        str(world.questions[QuestionKind.TEXT].pk): "착용형 심전도 패치와 부정맥 판독 알고리즘",
        str(world.questions[QuestionKind.NUMBER].pk): "12",
        str(world.questions[QuestionKind.CHOICE].pk): "prototype",
    }


def draft(world, *, company=None, **data):
    """An empty draft of the company (the world's by default), made directly."""
    return world.application(company=company, status=ApplicationStatus.DRAFT, **data)


def complete_draft(world, *, company=None, member=None):
    """A draft with every required answer and document, filled in by a member."""
    application = draft(world, company=company)
    applications.save_application(
        actor=member or world.company_member,
        application=application,
        data={"title": "웨어러블 심전도 패치 사업화", "summary": "인허가와 양산 준비"},
        answers=complete_answers(world),
        uploads={f"document-{world.document.pk}": pdf_upload()},
    )
    application.refresh_from_db()
    return application


def queued(task_name: str) -> list[dict]:
    return list(ProcrastinateJob.objects.filter(task_name=task_name).values_list("args", flat=True))
