"""How a demo company fills in a call's form: its project, its answers and its files.

Answers come from the company's directory record (employees, revenue, fields, products),
so every application reads like the company that sent it. Files are one-page PDFs.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ieum.core.business_days import SEOUL
from ieum.directory.models import Organization
from ieum.linkage.demo.documents import pdf_upload
from ieum.programs.demo.gwangju import PROTOTYPE_AIMS
from ieum.programs.demo.plans import Applicant, CallPlan
from ieum.programs.demo.proposals import core_technology, proposal_for
from ieum.programs.enums import QuestionKind
from ieum.programs.models import Call

M = 1_000_000
# Development stage choice by the company's stage code in the directory.
STAGE_CHOICES = {
    "pre-startup": "rnd",
    "under-3": "prototype",
    "3-to-7": "approval",
    "over-7": "market",
}


@dataclass(frozen=True)
class Company:
    """What the form needs to know of a company, read once."""

    organization: Organization
    fields: list[str]
    areas: list[str]
    stage: str
    employees: int | None
    revenue: int | None
    products: list

    @classmethod
    def of(cls, organization: Organization) -> Company:
        profile = getattr(organization, "company_profile", None)
        return cls(
            organization=organization,
            fields=[t.code for t in profile.technology_fields.all()] if profile else [],
            areas=[t.code for t in profile.therapeutic_areas.all()] if profile else [],
            stage=profile.stage.code if profile and profile.stage else "",
            employees=profile.employees if profile else None,
            revenue=profile.annual_revenue_krw if profile else None,
            products=list(organization.products.all()),
        )

    @property
    def technology_terms(self) -> list:
        profile = getattr(self.organization, "company_profile", None)
        return list(profile.technology_fields.all()) if profile else []

    @property
    def terms(self) -> list:
        profile = getattr(self.organization, "company_profile", None)
        if profile is None:
            return []
        return [*profile.therapeutic_areas.all(), *profile.technology_fields.all()]


def _answer(question, company: Company, rng: random.Random):
    label = question.label_ko
    if question.kind == QuestionKind.TEXT:
        if label.startswith("시제품으로"):
            return PROTOTYPE_AIMS["printing"]
        return core_technology(company.fields)
    if question.kind == QuestionKind.NUMBER:
        if "근로자" in label:
            return company.employees or rng.randint(3, 12)
        if company.revenue is None:
            return None
        return round(company.revenue / M)
    if question.kind == QuestionKind.CHOICE:
        values = [choice["value"] for choice in question.choices]
        if label.startswith("시제품 제작"):
            return rng.choice(values)
        preferred = STAGE_CHOICES.get(company.stage, values[0])
        return preferred if preferred in values else values[0]
    return None


def application_data(plan: CallPlan, applicant: Applicant, company: Company, rng) -> dict:
    if plan.titles:
        title_ko, title_en = plan.titles[applicant.slug]
        summary = f"{title_ko}\n\n{title_en}"
        title = title_ko
    else:
        proposal = proposal_for(
            company.organization, fields=company.technology_terms, products=company.products
        )
        title, summary = proposal.title, f"{proposal.summary_ko}\n\n{proposal.summary_en}"
    requested = applicant.requested_krw or rng.randrange(30, 51, 5) * M
    return {
        "title": title,
        "summary": summary,
        "requested_krw": requested,
        "fields": company.terms,
    }


def application_answers(call: Call, company: Company, rng) -> dict[str, object]:
    answers = {}
    for question in call.questions.all():
        value = _answer(question, company, rng)
        if value is not None:
            answers[str(question.pk)] = value
    return answers


def application_uploads(call: Call, company: Company, *, when) -> dict:
    """One PDF for each required document (and none for the optional ones). A call with
    a blind stage asks applicants to leave their name out, and the demo's do."""
    organization = company.organization
    name = organization.name_en or organization.slug
    if call.stages.filter(is_blind=True).exists():
        name = "(left out for the blind review)"
    uploads = {}
    for document in call.required_documents.filter(is_required=True):
        uploads[f"document-{document.pk}"] = pdf_upload(
            f"{document.name_ko}.pdf",
            document.name_en or "Application document",
            [
                f"Applicant: {name}",
                f"Call: {call.title_en or call.slug}",
                f"Prepared {when.astimezone(SEOUL):%Y-%m-%d}",
                "",
                "Demo document of the Ieum demonstration data.",
            ],
        )
    return uploads
