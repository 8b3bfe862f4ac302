"""Agendas, door sheets, calendar feeds and check-in pages."""

from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.ical import calendar_response
from ieum.partnering import agenda_feeds, agendas, checkin, qr
from ieum.partnering.models import Delegate, Event, Location, Meeting, Registration


def _next_or(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return fallback


def _section(request, delegate: Delegate, *, organizes: bool) -> dict:
    """One delegate's agenda, and whether the viewer may see its secret links."""
    return {
        "delegate": delegate,
        "entries": agendas.delegate_agenda(delegate=delegate, include_unpublished=organizes),
        "private": request.user.has_perm("partnering.act_for_registration", delegate.registration)
        or delegate.user_id == request.user.pk,
        "feed_url": request.build_absolute_uri(
            reverse("partnering:agenda_feed", kwargs={"token": delegate.agenda_token})
        ),
    }


@login_required
def my_agenda(request, slug: str):
    event = get_object_or_404(Event, slug=slug)
    organizes = request.user.has_perm("partnering.manage_event", event)
    delegates = agendas.delegates_for(event=event, user=request.user)
    return render(
        request,
        "partnering/agenda_page.html",
        {
            "event": event,
            "sections": [_section(request, d, organizes=organizes) for d in delegates],
            "organizes": organizes,
        },
    )


@login_required
def delegate_agenda(request, pk: int):
    delegate = get_object_or_404(
        Delegate.objects.select_related("registration__event", "registration__organization"),
        pk=pk,
    )
    if not request.user.has_perm("partnering.view_agenda", delegate):
        raise Http404
    event = delegate.registration.event
    organizes = request.user.has_perm("partnering.manage_event", event)
    return render(
        request,
        "partnering/agenda_page.html",
        {
            "event": event,
            "sections": [_section(request, delegate, organizes=organizes)],
            "organizes": organizes,
            "single": True,
        },
    )


@login_required
def door_sheet(request, pk: int):
    location = get_object_or_404(Location.objects.select_related("event"), pk=pk)
    if not request.user.has_perm("partnering.manage_event", location.event):
        raise Http404
    day = None
    if request.GET.get("day"):
        try:
            day = date.fromisoformat(request.GET["day"])
        except ValueError:
            messages.error(request, _("Give the day as YYYY-MM-DD; all days are shown."))
    return render(
        request,
        "partnering/door_sheet.html",
        {
            "location": location,
            "event": location.event,
            "day": day,
            "days": location.event.days.order_by("date"),
            "sheet": agendas.location_sheet(location=location, day=day),
        },
    )


def agenda_feed(request, token: str):
    delegate = agenda_feeds.delegate_for_token(token)
    if delegate is None:
        raise Http404
    # Calendar apps send no language cookie: the feed speaks the delegate's language.
    with translation.override(delegate.language):
        event = delegate.registration.event
        return calendar_response(
            name=f"{event.name} · {delegate.full_name}",
            events=agenda_feeds.feed_events(delegate=delegate),
            filename=f"ieum-agenda-{event.slug}.ics",
        )


@login_required
@require_POST
def agenda_feed_reset(request, pk: int):
    delegate = get_object_or_404(
        Delegate.objects.select_related("registration__event", "registration__organization"),
        pk=pk,
    )
    if not request.user.has_perm("partnering.view_agenda", delegate):
        raise Http404
    agenda_feeds.reset_agenda_token(delegate=delegate, by=request.user)
    messages.success(
        request,
        _("A new calendar address and new check-in codes are made; the old ones no longer work."),
    )
    return redirect(
        _next_or(request, reverse("partnering:delegate_agenda", kwargs={"pk": delegate.pk}))
    )


def _token_meeting(token: str, pk: int) -> tuple[Delegate, Meeting]:
    delegate = agenda_feeds.delegate_for_token(token)
    if delegate is None:
        raise Http404
    meeting = (
        agendas.team_meetings(registration=delegate.registration, team=delegate.team)
        .select_related(
            "slot",
            "location",
            "request__requester__organization",
            "request__recipient__organization",
        )
        .filter(pk=pk)
        .first()
    )
    if meeting is None:
        raise Http404
    return delegate, meeting


def meeting_qr(request, token: str, pk: int):
    _token_meeting(token, pk)
    response = HttpResponse(
        qr.qr_svg(qr.check_in_url(token=token, meeting_pk=pk)), content_type="image/svg+xml"
    )
    response["Cache-Control"] = "private, max-age=3600"
    return response


def check_in_token(request, token: str, pk: int):
    """Opened from the QR code: GET asks to confirm, POST checks the holder's side in."""
    delegate, meeting = _token_meeting(token, pk)
    if request.method == "POST":
        by = request.user if request.user.is_authenticated else None
        try:
            checkin.check_in(meeting=meeting, registration=delegate.registration, by=by)
        except ValidationError as error:
            flash_errors(request, error)
        else:
            messages.success(request, _("Checked in. Enjoy the meeting."))
        return redirect(request.path)
    mine = meeting.request.requester_id == delegate.registration_id
    return render(
        request,
        "partnering/checkin_confirm.html",
        {
            "delegate": delegate,
            "meeting": meeting,
            "place": agendas.place_label(meeting),
            "when": agendas.span_labels(
                meeting.slot.start,
                meeting.slot.end,
                zone=delegate.zone,
                event_zone=meeting.event.zone,
            )
            if meeting.slot
            else ("", ""),
            "checked_in_at": (
                meeting.requester_checked_in_at if mine else meeting.recipient_checked_in_at
            ),
        },
    )


@login_required
@require_POST
def check_in(request, pk: int):
    """The check-in button, for a party's members and the organizers."""
    meeting = get_object_or_404(
        Meeting.objects.select_related("event", "request__requester", "request__recipient"), pk=pk
    )
    if not request.user.has_perm("partnering.check_in", meeting):
        raise Http404
    parties = {meeting.request.requester_id, meeting.request.recipient_id}
    try:
        registration_pk = int(request.POST.get("registration", ""))
    except ValueError:
        registration_pk = None
    if registration_pk not in parties:
        raise Http404
    registration = get_object_or_404(Registration, pk=registration_pk)
    organizes = request.user.has_perm("partnering.manage_event", meeting.event)
    if not organizes and not request.user.has_perm("partnering.act_for_registration", registration):
        raise PermissionDenied
    try:
        checkin.check_in(meeting=meeting, registration=registration, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Checked in."))
    return redirect(
        _next_or(request, reverse("partnering:my_agenda", kwargs={"slug": meeting.event.slug}))
    )
