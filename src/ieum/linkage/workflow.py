"""The service-request workflow: every change of a request's status happens here.

    draft → submitted → triaged → assigned → accepted → in progress → delivered → closed
                                     ↑   ↓ declined (reason)
                                     └───┘ back to triage
    cancelled: by the company from any open state

Each step checks who may take it (rules.py), locks the request row so two people
acting at once take turns, checks the state after the lock, writes the change and a
`RequestEvent`, and queues the e-mail once the transaction commits. A step the state
does not allow raises `IllegalTransition` (409) and changes nothing; a step the person
may not take raises `PermissionDenied`; a request they may not see is `DoesNotExist`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.core.business_days import add_business_days, seoul_today
from ieum.core.jobs import defer_on_commit
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Term
from ieum.linkage import job_names
from ieum.linkage.enums import OPEN_STATUSES, FileKind, RequestStatus, ServiceType, Step
from ieum.linkage.errors import IllegalTransition
from ieum.linkage.models import RequestEvent, ServiceOffering, ServiceRequest
from ieum.linkage.threads import check_files, store_files, write_message

# Staff answer within two business days of submission.
TRIAGE_BUSINESS_DAYS = 2

S = RequestStatus


def _locked(request: ServiceRequest, *, actor) -> ServiceRequest:
    locked = ServiceRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
    if not actor.has_perm("linkage.view_request", locked):
        raise ServiceRequest.DoesNotExist
    return locked


def _require(actor, permission: str, request: ServiceRequest) -> None:
    if not actor.has_perm(permission, request):
        raise PermissionDenied(_("You cannot take this step on this request."))


def _require_status(request: ServiceRequest, allowed: Iterable[str]) -> None:
    if request.status not in set(allowed):
        raise IllegalTransition(
            _("This request is %(status)s; that step is not possible now.")
            % {"status": request.get_status_display()}
        )


def _record(
    request: ServiceRequest,
    *,
    actor,
    step: Step,
    from_status: str,
    note: str = "",
    provider_id: int | None = None,
) -> RequestEvent:
    event = RequestEvent.objects.create(
        request=request,
        step=step,
        from_status=from_status,
        to_status=request.status,
        actor=actor,
        provider_id=provider_id if provider_id is not None else request.provider_id,
        note=note,
        at=timezone.now(),
    )
    defer_on_commit(job_names.STEP_EMAIL, event_id=event.pk)
    return event


def _save(request: ServiceRequest, *fields: str) -> None:
    request.save(update_fields=[*fields, "updated_at"])


def _hand_to(request: ServiceRequest, offering: ServiceOffering, *, today: date) -> None:
    request.offering = offering
    request.provider_id = offering.provider_id
    request.status = S.ASSIGNED
    request.assigned_at = timezone.now()
    request.response_due = add_business_days(today, offering.response_days)
    request.delivery_due = None
    request.nda_accepted_at = None
    request.nda_accepted_by = None


def _check_offering(request: ServiceRequest, offering: ServiceOffering) -> None:
    if not offering.is_active:
        raise ValidationError({"offering": _("This service does not take requests now.")})
    if offering.service_type != request.service_type:
        raise ValidationError({"offering": _("Choose a service of the type the request asks for.")})
    if offering.provider_id == request.company_id:
        raise ValidationError({"offering": _("A company cannot serve its own request.")})


def submit_request(*, actor, request: ServiceRequest) -> ServiceRequest:
    """Send a draft for routing; a request addressed to a provider goes straight to it."""
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.submit_request", request)
        _require_status(request, [S.DRAFT])
        if request.cluster_id is None:
            raise ValidationError({"cluster": _("Choose the cluster that routes the request.")})
        today = seoul_today()
        request.status = S.SUBMITTED
        request.submitted_at = timezone.now()
        request.triage_due = add_business_days(today, TRIAGE_BUSINESS_DAYS)
        _save(request, "status", "submitted_at", "triage_due")
        _record(request, actor=actor, step=Step.SUBMIT, from_status=S.DRAFT)
        offering = request.addressed_offering
        if offering is not None:
            _check_offering(request, offering)
            _hand_to(request, offering, today=today)
            _save(request, *_HANDOVER_FIELDS)
            _record(
                request,
                actor=actor,
                step=Step.ASSIGN,
                from_status=S.SUBMITTED,
                note=_("Addressed by the company."),
            )
        return request


_HANDOVER_FIELDS = (
    "offering",
    "provider",
    "status",
    "assigned_at",
    "response_due",
    "delivery_due",
    "nda_accepted_at",
    "nda_accepted_by",
)


def triage_request(
    *,
    actor,
    request: ServiceRequest,
    note: str = "",
    service_type: str | None = None,
    therapeutic_area_id: int | None = None,
) -> ServiceRequest:
    """Staff confirm (or correct) what is asked before choosing a provider."""
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.triage_request", request)
        _require_status(request, [S.SUBMITTED])
        if service_type is not None:
            if service_type not in ServiceType.values:
                raise ValidationError({"service_type": _("Choose a service type.")})
            request.service_type = service_type
        if therapeutic_area_id is not None:
            areas = Term.objects.of(Vocabulary.THERAPEUTIC_AREA)
            if not areas.filter(pk=therapeutic_area_id).exists():
                raise ValidationError({"therapeutic_area": _("Choose a therapeutic area.")})
            request.therapeutic_area_id = therapeutic_area_id
        request.triage_note = note.strip()
        request.status = S.TRIAGED
        _save(request, "service_type", "therapeutic_area", "triage_note", "status")
        _record(request, actor=actor, step=Step.TRIAGE, from_status=S.SUBMITTED, note=note)
        return request


def assign_request(
    *, actor, request: ServiceRequest, offering: ServiceOffering, note: str = ""
) -> ServiceRequest:
    """Staff hand the request to a provider's service (again, when one did not answer)."""
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.triage_request", request)
        _require_status(request, [S.SUBMITTED, S.TRIAGED, S.ASSIGNED])
        _check_offering(request, offering)
        from_status = request.status
        _hand_to(request, offering, today=seoul_today())
        _save(request, *_HANDOVER_FIELDS)
        _record(request, actor=actor, step=Step.ASSIGN, from_status=from_status, note=note)
        return request


def accept_nda(*, actor, request: ServiceRequest) -> ServiceRequest:
    """The provider agrees to the NDA and may then read the details."""
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.answer_request", request)
        _require_status(request, [S.ASSIGNED])
        if not request.details_sealed:
            raise IllegalTransition(_("There is no NDA waiting on this request."))
        request.nda_accepted_at = timezone.now()
        request.nda_accepted_by = actor
        _save(request, "nda_accepted_at", "nda_accepted_by")
        _record(request, actor=actor, step=Step.ACCEPT_NDA, from_status=S.ASSIGNED)
        return request


def accept_request(*, actor, request: ServiceRequest) -> ServiceRequest:
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.answer_request", request)
        _require_status(request, [S.ASSIGNED])
        if request.details_sealed:
            raise IllegalTransition(_("Accept the NDA before accepting the request."))
        today = seoul_today()
        request.status = S.ACCEPTED
        request.accepted_at = timezone.now()
        request.delivery_due = add_business_days(today, request.offering.lead_time_days)
        _save(request, "status", "accepted_at", "delivery_due")
        _record(request, actor=actor, step=Step.ACCEPT, from_status=S.ASSIGNED)
        return request


def decline_request(*, actor, request: ServiceRequest, reason: str) -> ServiceRequest:
    """The provider says no, with a reason; the request goes back to the cluster's triage."""
    reason = (reason or "").strip()
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.answer_request", request)
        _require_status(request, [S.ASSIGNED])
        if not reason:
            raise ValidationError({"reason": _("Say why you decline, for the cluster staff.")})
        provider_id = request.provider_id
        request.status = S.TRIAGED
        # Staff owe a new assignment within the triage time, counted from the decline.
        request.triage_due = add_business_days(seoul_today(), TRIAGE_BUSINESS_DAYS)
        request.offering = None
        request.provider = None
        request.response_due = None
        request.nda_accepted_at = None
        request.nda_accepted_by = None
        _save(
            request,
            "status",
            "triage_due",
            "offering",
            "provider",
            "response_due",
            "nda_accepted_at",
            "nda_accepted_by",
        )
        _record(
            request,
            actor=actor,
            step=Step.DECLINE,
            from_status=S.ASSIGNED,
            note=reason,
            provider_id=provider_id,
        )
        return request


def start_work(*, actor, request: ServiceRequest) -> ServiceRequest:
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.answer_request", request)
        _require_status(request, [S.ACCEPTED])
        request.status = S.IN_PROGRESS
        _save(request, "status")
        _record(request, actor=actor, step=Step.START, from_status=S.ACCEPTED)
        return request


def deliver_request(
    *,
    actor,
    request: ServiceRequest,
    note: str,
    uploads: Iterable[UploadedFile] = (),
) -> ServiceRequest:
    """The provider hands over the result: a note on the thread and deliverable files."""
    note = (note or "").strip()
    uploads = list(uploads)
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.answer_request", request)
        _require_status(request, [S.ACCEPTED, S.IN_PROGRESS])
        if not note:
            raise ValidationError({"note": _("Describe what you deliver.")})
        checked = check_files(uploads)
        message = write_message(request=request, actor=actor, body=note)
        from_status = request.status
        request.status = S.DELIVERED
        request.delivered_at = timezone.now()
        _save(request, "status", "delivered_at")
        _record(request, actor=actor, step=Step.DELIVER, from_status=from_status, note=note)
        store_files(
            request=request,
            actor=actor,
            checked=checked,
            kind=FileKind.DELIVERABLE,
            message=message,
        )
        return request


def close_request(
    *, actor, request: ServiceRequest, rating: int, comment: str = ""
) -> ServiceRequest:
    """The company confirms the delivery and rates the service from 1 to 5."""
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.close_request", request)
        _require_status(request, [S.DELIVERED])
        if rating not in range(1, 6):
            raise ValidationError({"rating": _("Rate the service from 1 to 5.")})
        request.status = S.CLOSED
        request.rating = rating
        request.rating_comment = (comment or "").strip()
        request.closed_at = timezone.now()
        _save(request, "status", "rating", "rating_comment", "closed_at")
        _record(
            request,
            actor=actor,
            step=Step.CLOSE,
            from_status=S.DELIVERED,
            note=request.rating_comment,
        )
        return request


def cancel_request(*, actor, request: ServiceRequest, reason: str = "") -> ServiceRequest:
    with transaction.atomic(), set_actor(actor):
        request = _locked(request, actor=actor)
        _require(actor, "linkage.cancel_request", request)
        _require_status(request, OPEN_STATUSES)
        from_status = request.status
        request.status = S.CANCELLED
        _save(request, "status")
        _record(
            request,
            actor=actor,
            step=Step.CANCEL,
            from_status=from_status,
            note=(reason or "").strip(),
        )
        return request
