"""Pages of meeting requests: the inbox, one request, a new request and who to meet."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.forms import add_domain_error
from ieum.partnering import requests as request_domain
from ieum.partnering.enums import LIVE_REQUEST_STATUSES, RequestStatus
from ieum.partnering.models import Event, MeetingRequest, Registration
from ieum.partnering.request_forms import (
    AnswerForm,
    ParticipantFilterForm,
    RequestFilterForm,
    RequestForm,
)
from ieum.partnering.views.actions import Step, perform_step

PAGE_SIZE = 20


@login_required
def request_list(request):
    box = "sent" if request.GET.get("box") == "sent" else "received"
    organizations = access_for(request.user).organization_ids
    events = Event.objects.filter(registrations__organization_id__in=organizations).distinct()
    form = RequestFilterForm(request.GET or None, events=events)
    found = request_domain.requests_of(user=request.user, box=box)
    if form.is_valid():
        if form.cleaned_data["event"] is not None:
            found = found.filter(event=form.cleaned_data["event"])
        if form.cleaned_data["status"]:
            found = found.filter(status=form.cleaned_data["status"])
    context = {
        "box": box,
        "form": form,
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
        "pending": request_domain.pending_count(user=request.user),
        "active_events": events.filter(
            status__in=request_domain.ACTIVE_EVENT_STATUSES,
            registrations__organization_id__in=organizations,
            registrations__is_cancelled=False,
        ),
    }
    return render(request, "partnering/request_list.html", context)


def _visible_request(request, pk: int) -> MeetingRequest:
    found = get_object_or_404(
        MeetingRequest.objects.select_related(
            "event", "requester__organization", "recipient__organization", "proposal__need"
        ),
        pk=pk,
    )
    if not request.user.has_perm("partnering.view_request", found):
        raise Http404
    return found


@login_required
def request_detail(request, pk: int):
    found = _visible_request(request, pk)
    user = request.user
    context = {
        "meeting_request": found,
        "meeting": getattr(found, "meeting", None),
        "can_answer": found.status == RequestStatus.PENDING
        and user.has_perm("partnering.answer_request", found),
        "can_cancel": found.status in LIVE_REQUEST_STATUSES
        and user.has_perm("partnering.cancel_request", found),
        "answer_form": AnswerForm(),
    }
    return render(request, "partnering/request_detail.html", context)


STEPS = {
    "accept": Step(
        "partnering.answer_request",
        gettext_lazy("Accepted: the meeting will be scheduled."),
        lambda found, user, data: request_domain.accept_request(
            request=found, by=user, priority=data.get("priority") or 2
        ),
    ),
    "decline": Step(
        "partnering.answer_request",
        gettext_lazy("The request is declined."),
        lambda found, user, data: request_domain.decline_request(
            request=found, by=user, reason=data.get("reason", "")
        ),
    ),
    "cancel": Step(
        "partnering.cancel_request",
        gettext_lazy("The request is cancelled."),
        lambda found, user, data: request_domain.cancel_request(
            request=found, by=user, reason=data.get("reason", "")
        ),
    ),
}


@login_required
@require_POST
def request_action(request, pk: int, action: str):
    found = _visible_request(request, pk)
    perform_step(request, record=found, name=action, steps=STEPS, form_class=AnswerForm)
    return redirect(found)


def _event_from_query(request) -> Event:
    event = get_object_or_404(Event, slug=request.GET.get("event", ""))
    if not request.user.has_perm("partnering.view_event", event):
        raise Http404
    return event


@login_required
def participants(request):
    event = _event_from_query(request)
    if not request.user.has_perm("partnering.view_participants", event):
        raise PermissionDenied
    form = ParticipantFilterForm(request.GET or None)
    query, kind = "", ""
    if form.is_valid():
        query, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    own = list(request_domain.party_registrations(user=request.user, event=event))
    found = request_domain.list_participants(event=event, query=query, kind=kind)
    context = {
        "event": event,
        "form": form,
        "own_ids": {party.pk for party in own},
        "can_request": bool(own) and event.status in request_domain.ACTIVE_EVENT_STATUSES,
        "page": Paginator(found, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = (
        "partnering/request_participants_results.html"
        if request.htmx
        else "partnering/request_participants.html"
    )
    return render(request, template, context)


@login_required
def request_create(request):
    event = _event_from_query(request)
    own = request_domain.party_registrations(user=request.user, event=event)
    if not own:
        raise PermissionDenied
    others = (
        Registration.objects.filter(event=event, is_cancelled=False)
        .exclude(pk__in=[party.pk for party in own])
        .select_related("organization")
        .order_by("organization__name_ko")
    )
    form = RequestForm(
        request.POST or None, own=own, others=others, initial={"recipient": request.GET.get("to")}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sent = request_domain.send_request(
                requester=data["requester"],
                recipient=data["recipient"],
                by=request.user,
                message=data["message"],
                priority=data["priority"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Your meeting request is sent."))
            return redirect(sent)
    status = 400 if form.errors else 200
    return render(
        request, "partnering/request_form.html", {"form": form, "event": event}, status=status
    )
