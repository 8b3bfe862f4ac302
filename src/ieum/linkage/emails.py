"""The linkage e-mails, each in its recipient's language with times in Seoul.

Every message is composed inside `translation.override(user.preferred_language)`, so
labels, names and dates come out in Korean or English. What an e-mail says about the
request is put together here, not in the templates, in two forms: the full one for
people who may read the details, and the sealed one (reference, service type,
therapeutic area, link) for a provider still before the NDA of a confidential request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from ieum.core.business_days import SEOUL, business_days_between
from ieum.linkage.deadlines import due_date
from ieum.linkage.enums import RequestStatus, Step
from ieum.linkage.models import RequestEvent, RequestMessage, ServiceRequest
from ieum.linkage.notifications import COMPANY, PROVIDER, STAFF, Reader


def site_link(path: str) -> str:
    return settings.IEUM_SITE_URL.rstrip("/") + path


def request_link(request: ServiceRequest) -> str:
    return site_link(reverse("linkage:request", kwargs={"pk": request.pk}))


def local_time(moment: datetime) -> str:
    return date_format(moment.astimezone(SEOUL), "Y-m-d (D) H:i")


def local_day(day: date) -> str:
    return date_format(day, "Y-m-d (D)")


def about(request: ServiceRequest, *, reads_details: bool) -> str:
    """What a subject line names: the title, or only the service for a sealed reader."""
    return request.title if reads_details else str(request.get_service_type_display())


def request_label(request: ServiceRequest, *, reads_details: bool) -> str:
    """One line naming the request: its title, or its service and area when sealed."""
    if reads_details:
        return f"{request.reference} · {request.title}"
    parts = [request.reference, str(request.get_service_type_display())]
    if request.therapeutic_area_id is not None:
        parts.append(request.therapeutic_area.name)
    return " · ".join(parts)


def request_facts(request: ServiceRequest, *, reads_details: bool) -> list[tuple[str, str]]:
    """The request as a reader may know it, as (label, value) lines."""
    facts = [
        (
            _("Request"),
            f"{request.reference} · {request.title}" if reads_details else request.reference,
        )
    ]
    if reads_details:
        facts.append((_("Company"), request.company.name))
    facts.append((_("Service"), str(request.get_service_type_display())))
    if request.therapeutic_area_id is not None:
        facts.append((_("Therapeutic area"), request.therapeutic_area.name))
    return facts


def _message(*, user, subject: str, template: str, context: dict) -> EmailMessage:
    body = render_to_string(template, {"recipient": user, **context})
    return EmailMessage(subject, body, None, [user.email])


STEP_SUBJECTS = {
    Step.SUBMIT: gettext_lazy("New request to triage"),
    Step.TRIAGE: gettext_lazy("Your request was reviewed"),
    Step.ASSIGN: gettext_lazy("Request assigned"),
    Step.ACCEPT_NDA: gettext_lazy("NDA accepted"),
    Step.ACCEPT: gettext_lazy("Request accepted"),
    Step.DECLINE: gettext_lazy("Request declined"),
    Step.START: gettext_lazy("Work started"),
    Step.DELIVER: gettext_lazy("Result delivered"),
    Step.CLOSE: gettext_lazy("Request closed"),
    Step.CANCEL: gettext_lazy("Request cancelled"),
}

_ACCEPTED_NDA = gettext_lazy(
    "%(provider)s accepted the NDA and can now read the request's details."
)
_ACCEPTED = gettext_lazy("%(provider)s accepted the request.")
_STARTED = gettext_lazy("%(provider)s started work on the request.")
_CLOSED = gettext_lazy("%(company)s closed the request and rated the service %(rating)s out of 5.")
_CANCELLED = gettext_lazy("%(company)s cancelled the request.")

STEP_MESSAGES = {
    (Step.SUBMIT, STAFF): gettext_lazy(
        "%(company)s submitted a request to your cluster. Please review it and assign a provider."
    ),
    (Step.TRIAGE, COMPANY): gettext_lazy(
        "%(cluster)s reviewed your request and is choosing a provider for it."
    ),
    (Step.ASSIGN, PROVIDER): gettext_lazy(
        "A request was assigned to you. Please accept or decline it on the platform."
    ),
    (Step.ASSIGN, COMPANY): gettext_lazy(
        "Your request was handed to %(provider)s, which will now accept or decline it."
    ),
    (Step.ACCEPT_NDA, COMPANY): _ACCEPTED_NDA,
    (Step.ACCEPT_NDA, STAFF): _ACCEPTED_NDA,
    (Step.ACCEPT, COMPANY): _ACCEPTED,
    (Step.ACCEPT, STAFF): _ACCEPTED,
    (Step.DECLINE, COMPANY): gettext_lazy(
        "%(provider)s declined the request. The cluster staff will assign it to another provider."
    ),
    (Step.DECLINE, STAFF): gettext_lazy(
        "%(provider)s declined the request. Please assign it to another provider."
    ),
    (Step.START, COMPANY): _STARTED,
    (Step.START, STAFF): _STARTED,
    (Step.DELIVER, COMPANY): gettext_lazy(
        "%(provider)s delivered the result. Please review it and close the request with "
        "your rating."
    ),
    (Step.DELIVER, STAFF): gettext_lazy("%(provider)s delivered the result."),
    (Step.CLOSE, PROVIDER): _CLOSED,
    (Step.CLOSE, STAFF): _CLOSED,
    (Step.CANCEL, PROVIDER): _CANCELLED,
    (Step.CANCEL, STAFF): _CANCELLED,
}

NOTE_LABELS = {
    Step.TRIAGE: gettext_lazy("Note"),
    Step.ASSIGN: gettext_lazy("Note"),
    Step.DECLINE: gettext_lazy("Reason"),
    Step.DELIVER: gettext_lazy("Note"),
    Step.CLOSE: gettext_lazy("Comment"),
    Step.CANCEL: gettext_lazy("Reason"),
}


def _step_facts(event: RequestEvent, reader: Reader) -> list[tuple[str, str]]:
    request = event.request
    facts = request_facts(request, reads_details=reader.reads_details)
    if event.provider is not None and reader.party != PROVIDER:
        facts.append((_("Provider"), event.provider.name))
    facts.append((_("When"), local_time(event.at)))
    if event.step == Step.SUBMIT and request.triage_due:
        facts.append((_("Triage due"), local_day(request.triage_due)))
    if (
        event.step == Step.ASSIGN
        and request.response_due
        and request.status == RequestStatus.ASSIGNED
    ):
        facts.append((_("Answer due"), local_day(request.response_due)))
    if event.step == Step.ACCEPT and request.delivery_due:
        facts.append((_("Delivery due"), local_day(request.delivery_due)))
    return facts


def step_email(*, event: RequestEvent, reader: Reader, files: list[str]) -> EmailMessage:
    """A step of the workflow, told to one reader; `files` names the deliverables."""
    request = event.request
    user = reader.user
    with translation.override(user.preferred_language or "ko"):
        names = {
            "company": request.company.name if reader.reads_details else _("The company"),
            "provider": event.provider.name if event.provider else "",
            "cluster": request.cluster.name if request.cluster else "",
            "rating": request.rating or "",
        }
        message = STEP_MESSAGES[(event.step, reader.party)] % names
        if event.step == Step.SUBMIT and request.addressed_offering_id is not None:
            message += " " + _("The company addressed it to a provider, so it went on to them.")
        sealed = event.step == Step.ASSIGN and not reader.reads_details
        return _message(
            user=user,
            subject=f"[{request.reference}] {STEP_SUBJECTS[event.step]} · "
            f"{about(request, reads_details=reader.reads_details)}",
            template="linkage/email/step.txt",
            context={
                "message": message,
                "facts": _step_facts(event, reader),
                "note_label": NOTE_LABELS.get(event.step, ""),
                "note": event.note if reader.reads_details and event.step in NOTE_LABELS else "",
                "files": files if reader.reads_details else [],
                "sealed": sealed,
                "link": request_link(request),
            },
        )


def message_email(*, message: RequestMessage, reader: Reader, files: list[str]) -> EmailMessage:
    """A message on the thread; only readers of the details are sent one."""
    assert reader.reads_details
    request = message.request
    user = reader.user
    with translation.override(user.preferred_language or "ko"):
        author = message.author.get_full_name() if message.author else _("Someone")
        if message.organization is not None:
            intro = _("%(author)s of %(side)s wrote on the request:") % {
                "author": author,
                "side": message.organization.name,
            }
        else:
            intro = _("%(author)s wrote on the request:") % {"author": author}
        facts = request_facts(request, reads_details=True)
        facts.append((_("When"), local_time(message.created_at)))
        return _message(
            user=user,
            subject=f"[{request.reference}] {_('New message')} · {request.title}",
            template="linkage/email/message.txt",
            context={
                "intro": intro,
                "facts": facts,
                "body": message.body,
                "files": files,
                "link": request_link(request),
            },
        )


DUE_LABELS = {
    RequestStatus.SUBMITTED: gettext_lazy("Triage due"),
    RequestStatus.TRIAGED: gettext_lazy("Triage due"),
    RequestStatus.ASSIGNED: gettext_lazy("Answer due"),
    RequestStatus.ACCEPTED: gettext_lazy("Delivery due"),
    RequestStatus.IN_PROGRESS: gettext_lazy("Delivery due"),
}


@dataclass(frozen=True)
class OverdueEntry:
    request: ServiceRequest
    reads_details: bool


def overdue_email(*, user, entries: list[OverdueEntry], today: date) -> EmailMessage:
    """One e-mail listing every overdue request the person holds."""
    with translation.override(user.preferred_language or "ko"):
        lines = []
        for entry in entries:
            request = entry.request
            due = due_date(request)
            late = business_days_between(due, today)
            lines.append(
                {
                    "about": request_label(request, reads_details=entry.reads_details),
                    "due": DUE_LABELS[request.status],
                    "day": local_day(due),
                    "late": ngettext(
                        "%(count)d business day late", "%(count)d business days late", late
                    )
                    % {"count": late},
                    "link": request_link(request),
                }
            )
        count = len(entries)
        return _message(
            user=user,
            subject=ngettext(
                "%(count)d request is overdue", "%(count)d requests are overdue", count
            )
            % {"count": count},
            template="linkage/email/overdue.txt",
            context={"lines": lines},
        )
