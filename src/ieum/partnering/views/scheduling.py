"""The organizer's schedule pages: runs with live progress, review and publishing, and
moving, swapping or unscheduling meetings by hand with the clashes shown first."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.partnering import placement, schedule_runs
from ieum.partnering.enums import MeetingStatus
from ieum.partnering.models import Meeting, ScheduleRun
from ieum.partnering.schedule_forms import BoardFilterForm, MoveForm, RunForm, SwapForm
from ieum.partnering.schedule_overview import (
    phase_label,
    run_unscheduled,
    schedule_overview,
    swap_previews,
)
from ieum.partnering.views.events import event_for

PAGE_SIZE = 25


def _schedule_url(event) -> str:
    return reverse("partnering:schedule", kwargs={"slug": event.slug})


@login_required
def schedule(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    board = BoardFilterForm(request.GET or None, event=event)
    filters = board.cleaned_data if board.is_valid() else {}
    overview = schedule_overview(
        event=event,
        day=filters.get("day") or None,
        location_ids=[loc.pk for loc in filters.get("location") or ()],
    )
    runs = event.schedule_runs.defer("assignments", "unscheduled").select_related("started_by")
    context = {
        "event": event,
        "overview": overview,
        "board_form": board,
        "unscheduled": Paginator(overview.unscheduled, PAGE_SIZE).get_page(request.GET.get("page")),
        "runs": Paginator(runs, 10).get_page(request.GET.get("runs")),
        "run_form": RunForm(),
    }
    return render(request, "partnering/schedule.html", context)


@login_required
@require_POST
def schedule_run_start(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    form = RunForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(_schedule_url(event))
    try:
        run = schedule_runs.start_run(event=event, by=request.user, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(_schedule_url(event))
    return redirect(run)


def _run_for(request, pk: int) -> ScheduleRun:
    run = get_object_or_404(
        ScheduleRun.objects.select_related("event", "started_by", "applied_by"), pk=pk
    )
    if not request.user.has_perm("partnering.view_event", run.event):
        raise Http404
    if not request.user.has_perm("partnering.manage_event", run.event):
        raise PermissionDenied
    return run


@login_required
def schedule_run(request, pk: int):
    """A run's progress (the fragment polls every second while it works), then its result."""
    run = _run_for(request, pk)
    page = Paginator([int(pk) for pk in run.unscheduled], PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {
        "run": run,
        "event": run.event,
        "phase": phase_label(run.progress.get("phase")),
        "working": run.status in schedule_runs.ACTIVE_RUN_STATUSES,
        "page": page,
        "unscheduled": run_unscheduled(run=run, meeting_ids=list(page.object_list)),
    }
    template = (
        "partnering/schedule_run_status.html" if request.htmx else "partnering/schedule_run.html"
    )
    return render(request, template, context)


@login_required
@require_POST
def schedule_run_apply(request, pk: int):
    run = _run_for(request, pk)
    try:
        count = schedule_runs.apply_run(run=run, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(run)
    messages.success(
        request,
        _("The schedule is published: %(count)d meetings are on the agendas.") % {"count": count},
    )
    return redirect(_schedule_url(run.event))


@login_required
@require_POST
def schedule_run_discard(request, pk: int):
    run = _run_for(request, pk)
    try:
        schedule_runs.discard_run(run=run, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(run)
    messages.success(request, _("The run was discarded; the schedule is unchanged."))
    return redirect(_schedule_url(run.event))


def _meeting_for(request, pk: int) -> Meeting:
    meeting = get_object_or_404(
        Meeting.objects.select_related(
            "event",
            "slot",
            "location",
            "request__requester__organization",
            "request__recipient__organization",
        ),
        pk=pk,
    )
    if not request.user.has_perm("partnering.view_meeting", meeting):
        raise Http404
    if not request.user.has_perm("partnering.move_meeting", meeting):
        raise PermissionDenied
    return meeting


@login_required
def meeting_move(request, pk: int):
    """Choose a time and place; every slot shows what clashes there and the free tables."""
    meeting = _meeting_for(request, pk)
    places = placement.places_for(meeting)
    locations = meeting.event.locations.filter(pk__in=[loc.pk for loc in places])
    shown = next((loc for loc in places if str(loc.pk) == request.GET.get("location")), None)
    shown = shown or meeting.location or (places[0] if places else None)
    form = MoveForm(
        request.POST or None,
        slots=meeting.event.slots.order_by("start"),
        locations=locations,
        initial={"slot": meeting.slot_id, "location": shown.pk if shown else None},
    )
    if form.is_valid():
        try:
            placement.move_meeting(meeting=meeting, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The meeting was moved; its parties are told."))
            return redirect(_schedule_url(meeting.event))
    context = {
        "meeting": meeting,
        "event": meeting.event,
        "form": form,
        "places": places,
        "shown": shown,
        "options": placement.move_options(meeting=meeting, location=shown) if shown else [],
    }
    return render(request, "partnering/schedule_move.html", context)


@login_required
@require_POST
def meeting_unschedule(request, pk: int):
    meeting = _meeting_for(request, pk)
    try:
        placement.unschedule_meeting(meeting=meeting, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The meeting was taken off the schedule."))
    return redirect(_schedule_url(meeting.event))


@login_required
def meeting_swap(request, pk: int):
    """Pick another scheduled meeting to exchange times and places with."""
    meeting = _meeting_for(request, pk)
    others = (
        Meeting.objects.filter(event=meeting.event, status=MeetingStatus.SCHEDULED)
        .exclude(pk=meeting.pk)
        .select_related(
            "slot",
            "location",
            "request__requester__organization",
            "request__recipient__organization",
        )
        .order_by("slot__start", "location_id", "table_number")
    )
    query = request.GET.get("q", "").strip()
    if query:
        others = others.filter(
            Q(request__requester__organization__name_ko__icontains=query)
            | Q(request__requester__organization__name_en__icontains=query)
            | Q(request__recipient__organization__name_ko__icontains=query)
            | Q(request__recipient__organization__name_en__icontains=query)
        )
    form = SwapForm(request.POST or None, meetings=others)
    if meeting.status != MeetingStatus.SCHEDULED:
        messages.error(request, _("Only a scheduled meeting can be swapped."))
        return redirect(_schedule_url(meeting.event))
    if form.is_valid():
        try:
            placement.swap_meetings(
                first=meeting, second=form.cleaned_data["other"], by=request.user
            )
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("The two meetings were swapped; their parties are told."))
            return redirect(_schedule_url(meeting.event))
    page = Paginator(others, PAGE_SIZE).get_page(request.GET.get("page"))
    candidates = list(page.object_list)
    previews = swap_previews(meeting=meeting, candidates=candidates)
    for candidate in candidates:
        candidate.clashes = previews[candidate.pk]
    context = {"meeting": meeting, "event": meeting.event, "page": page, "query": query}
    return render(request, "partnering/schedule_swap.html", context)
