"""Walks each planned request through the real workflow, as the people of the demo.

Every change goes through `drafts`, `workflow` and `threads` with the person whose role
allows it (the company's member, the routing cluster's staff, the provider's
coordinator), so the demo's rows are what the application itself writes. Reads of
confidential requests are logged through `visibility.record_read`. Files are small PDFs
stored in private storage like any upload.
"""

from __future__ import annotations

from ieum.core.business_days import SEOUL
from ieum.linkage import drafts, threads, workflow
from ieum.linkage.demo.documents import pdf_upload
from ieum.linkage.demo.people import People
from ieum.linkage.demo.request_texts import DELIVERIES
from ieum.linkage.demo.stories import Plan, Step
from ieum.linkage.enums import ReadChannel, ServiceType
from ieum.linkage.models import ServiceRequest
from ieum.linkage.visibility import record_read


def _label(service_type: str) -> str:
    return ServiceType(service_type).name.replace("_", " ").capitalize()


class Walker:
    def __init__(self, people: People) -> None:
        self.people = people

    def walk(self, plan: Plan) -> ServiceRequest:
        request = None
        for step in plan.steps:
            request = self.take(plan, request, step)
        return request

    def actor(self, step: Step, plan: Plan, request: ServiceRequest | None):
        if step.by == "staff":
            return self.people.staff[request.cluster_id]
        if step.by == "provider":
            return self.people.of(request.provider_id)
        return self.people.of(plan.company.pk)

    def take(self, plan: Plan, request: ServiceRequest | None, step: Step) -> ServiceRequest:
        actor = self.actor(step, plan, request)
        kind = step.kind
        if kind == "create":
            uploads = [self.attachment(plan)] if plan.attachment else []
            return drafts.create_request(
                actor=actor, company=plan.company, data=plan.data, uploads=uploads
            )
        if kind == "read":
            record_read(user=actor, request=request, channel=ReadChannel.PAGE)
            return request
        if kind == "message":
            threads.post_message(actor=actor, request=request, body=step.text)
            return request
        if kind == "triage":
            return workflow.triage_request(actor=actor, request=request, note=step.text)
        if kind == "assign":
            return workflow.assign_request(actor=actor, request=request, offering=step.offering)
        if kind == "decline":
            return workflow.decline_request(actor=actor, request=request, reason=step.text)
        if kind == "deliver":
            delivery = DELIVERIES[request.service_type]
            return workflow.deliver_request(
                actor=actor,
                request=request,
                note=delivery.note,
                uploads=[self.deliverable(plan, request, step)],
            )
        if kind == "close":
            return workflow.close_request(
                actor=actor, request=request, rating=step.rating, comment=step.text
            )
        if kind == "cancel":
            return workflow.cancel_request(actor=actor, request=request, reason=step.text)
        simple = {
            "submit": workflow.submit_request,
            "nda": workflow.accept_nda,
            "accept": workflow.accept_request,
            "start": workflow.start_work,
        }
        return simple[kind](actor=actor, request=request)

    @staticmethod
    def attachment(plan: Plan):
        name = plan.extra.get("attachment_name", "제품소개서.pdf")
        company = plan.company.name_en or plan.company.slug
        return pdf_upload(
            name,
            "Product brief",
            [
                f"Company: {company}",
                f"Service requested: {_label(plan.data['service_type'])}",
                f"Submitted {plan.steps[0].at.astimezone(SEOUL):%Y-%m-%d}",
                "",
                "Product overview, intended use and development status.",
                "Demo document of the Ieum demonstration data.",
            ],
        )

    @staticmethod
    def deliverable(plan: Plan, request: ServiceRequest, step: Step):
        delivery = DELIVERIES[request.service_type]
        provider = request.provider
        created = plan.steps[0].at.astimezone(SEOUL)
        return pdf_upload(
            delivery.file_name,
            "Ieum - hospital and expert linkage",
            [
                f"Request SR-{created.year % 100:02d}-{request.pk:05d}",
                f"Provider: {provider.name_en or provider.slug}",
                f"Client: {plan.company.name_en or plan.company.slug}",
                f"Delivered {step.at.astimezone(SEOUL):%Y-%m-%d}",
                "",
                delivery.summary_en,
                "Demo document of the Ieum demonstration data.",
            ],
        )
