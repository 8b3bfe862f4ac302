"""What a request's page shows a person: everything the parties share, or for a
provider before the NDA only what it needs to decide, and nothing to anyone else."""

from __future__ import annotations

from django import forms
from django.db.models import Prefetch
from django.http import Http404

from ieum.core.business_days import seoul_today
from ieum.linkage import deadlines
from ieum.linkage.enums import ReadChannel, RequestStatus
from ieum.linkage.models import RequestFile, ServiceRequest
from ieum.linkage.routing import suggest_providers
from ieum.linkage.views.request_steps import allowed_actions, blank_forms
from ieum.linkage.visibility import record_read, visible_requests

READ_LOG_ROWS = 50
ROUTABLE_STATUSES = (RequestStatus.SUBMITTED, RequestStatus.TRIAGED, RequestStatus.ASSIGNED)


def visible_request(user, pk: int) -> ServiceRequest:
    """The request if the person is one of its parties; 404 for everyone else."""
    found = (
        visible_requests(user)
        .select_related(
            "company",
            "cluster",
            "provider",
            "offering__provider",
            "addressed_offering__provider",
            "therapeutic_area",
            "device_class",
            "created_by",
            "nda_accepted_by",
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise Http404
    return found


def thread_context(user, found: ServiceRequest, *, message_form=None) -> dict:
    """The messages with their files, the files sent with the request, and the form."""
    messages = found.messages.select_related("author", "organization").prefetch_related(
        Prefetch("files", queryset=RequestFile.objects.order_by("created_at", "pk"))
    )
    can_post = user.has_perm("linkage.post_message", found)
    return {
        "service_request": found,
        "thread": list(messages),
        "attachments": list(found.files.filter(message__isnull=True)),
        "can_post": can_post,
        "message_form": message_form or (blank_forms(found, {"message"})["message"]),
    }


def detail_context(
    user, found: ServiceRequest, *, bound: dict[str, forms.Form] | None = None
) -> dict:
    """The page's context; `bound` holds a step's form refused with its errors."""
    can_read = user.has_perm("linkage.read_request_details", found)
    actions = allowed_actions(user, found)
    step_forms = blank_forms(found, actions - {"message"})
    step_forms.update({name.replace("-", "_"): form for name, form in (bound or {}).items()})
    context = {
        "service_request": found,
        "can_read": can_read,
        "can_edit": user.has_perm("linkage.edit_request", found),
        "actions": actions,
        "forms": step_forms,
        "due": deadlines.due_date(found),
        "overdue": deadlines.is_overdue(found, today=seoul_today()),
        "suggestions": [],
        "reads": [],
    }
    if can_read:
        context.update(thread_context(user, found, message_form=(bound or {}).get("message")))
        context["events"] = found.events.select_related("actor", "provider")
        record_read(user=user, request=found, channel=ReadChannel.PAGE)
    if "assign" in actions and found.status in ROUTABLE_STATUSES:
        context["suggestions"] = suggest_providers(found)
    if found.is_confidential and user.has_perm("linkage.see_read_log", found):
        context["reads"] = found.reads.select_related("user", "file")[:READ_LOG_ROWS]
    return context
