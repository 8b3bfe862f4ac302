"""Venture cafe pages: the evening's programme, sessions, mentors' slots, the door list,
and a person's mentoring slots. Each checks the rule and calls one domain function."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.partnering import cafe_programme, venture_cafe
from ieum.partnering.cafe_forms import (
    AttendanceFilterForm,
    BookSlotForm,
    CafeSessionForm,
    MentorSlotsForm,
    RegisterForm,
    startups_of,
)
from ieum.partnering.enums import EventKind
from ieum.partnering.models import CafeAttendance, CafeSession, Event, MentorSlot

PAGE_SIZE = 50


def _cafe(request, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug, kind=EventKind.VENTURE_CAFE)
    if not request.user.has_perm("partnering.view_event", event):
        raise Http404
    return event


def _managed_cafe(request, slug: str) -> Event:
    event = _cafe(request, slug)
    if not request.user.has_perm("partnering.manage_event", event):
        raise PermissionDenied
    return event


def _session(request, pk: int) -> CafeSession:
    session = get_object_or_404(
        CafeSession.objects.select_related("event"),
        pk=pk,
        event__kind=EventKind.VENTURE_CAFE,
    )
    if not request.user.has_perm("partnering.view_event", session.event):
        raise Http404
    return session


def _back_to_cafe(event: Event, anchor: str = ""):
    return redirect(reverse("partnering:cafe", kwargs={"slug": event.slug}) + anchor)


def cafe(request, slug: str):
    event = _cafe(request, slug)
    user = request.user
    context = {
        "event": event,
        "entries": cafe_programme.programme(event=event, user=user),
        "can_manage": user.has_perm("partnering.manage_event", event),
        "startups": list(startups_of(user)) if user.is_authenticated else [],
        "organizations": list(RegisterForm(user=user).fields["organization"].queryset)
        if user.is_authenticated
        else [],
    }
    return render(request, "partnering/cafe.html", context)


def _session_form_page(request, event: Event, session: CafeSession | None):
    form = CafeSessionForm(request.POST or None, event=event, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            if session is None:
                venture_cafe.add_cafe_session(event=event, by=request.user, **form.session_fields())
            else:
                venture_cafe.update_cafe_session(
                    session=session, by=request.user, **form.session_fields()
                )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The session is saved."))
            return _back_to_cafe(event)
    status = 400 if request.method == "POST" else 200
    context = {"event": event, "session": session, "form": form}
    return render(request, "partnering/cafe_session_form.html", context, status=status)


@login_required
def session_create(request, slug: str):
    return _session_form_page(request, _managed_cafe(request, slug), None)


@login_required
def session_edit(request, pk: int):
    session = _session(request, pk)
    if not request.user.has_perm("partnering.manage_event", session.event):
        raise PermissionDenied
    return _session_form_page(request, session.event, session)


@login_required
@require_POST
def register(request, pk: int):
    session = _session(request, pk)
    form = RegisterForm(request.POST, user=request.user)
    if not form.is_valid():
        flash_errors(request, form)
        return _back_to_cafe(session.event, f"#session-{session.pk}")
    try:
        venture_cafe.register_for_session(
            session=session, user=request.user, organization=form.cleaned_data["organization"]
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("You are registered."))
    return _back_to_cafe(session.event, f"#session-{session.pk}")


@login_required
@require_POST
def unregister(request, pk: int):
    attendance = get_object_or_404(CafeAttendance.objects.select_related("session__event"), pk=pk)
    if not request.user.has_perm("partnering.cancel_cafe_registration", attendance):
        raise Http404
    try:
        venture_cafe.cancel_session_registration(attendance=attendance, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("Your registration is cancelled."))
    return _back_to_cafe(attendance.session.event, f"#session-{attendance.session_id}")


@login_required
def mentor_slots(request, slug: str):
    event = _managed_cafe(request, slug)
    form = MentorSlotsForm(request.POST or None, event=event)
    if request.method == "POST" and form.is_valid():
        try:
            slots = venture_cafe.publish_mentor_slots(by=request.user, **form.slot_fields())
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request,
                _("%(count)d slots are published for %(mentor)s.")
                % {"count": len(slots), "mentor": form.cleaned_data["mentor_email"]},
            )
            return redirect("partnering:cafe_mentor_slots", slug=event.slug)
    slots = (
        MentorSlot.objects.filter(session__event=event)
        .select_related("mentor", "booked_organization", "session")
        .order_by("start", "mentor__full_name", "pk")
    )
    context = {
        "event": event,
        "form": form,
        "page": Paginator(slots, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "partnering/cafe_mentor_slots.html", context, status=status)


@login_required
@require_POST
def book_slot(request, slug: str):
    event = _cafe(request, slug)
    form = BookSlotForm(request.POST, user=request.user, event=event)
    if not form.is_valid():
        flash_errors(request, form)
        return _back_to_cafe(event)
    slot = form.cleaned_data["slot"]
    try:
        venture_cafe.book_mentor_slot(
            slot=slot,
            by=request.user,
            organization=form.cleaned_data["organization"],
            topic=form.cleaned_data["topic"],
        )
    except ValidationError as error:
        flash_errors(request, error)
        return _back_to_cafe(event, f"#session-{slot.session_id}")
    messages.success(request, _("The mentoring slot is booked for you."))
    return redirect("partnering:my_mentoring")


def _slot_for(request, pk: int, perm: str) -> MentorSlot:
    slot = get_object_or_404(MentorSlot.objects.select_related("session__event"), pk=pk)
    if not request.user.has_perm(perm, slot):
        raise Http404
    return slot


def _next_or(request, fallback: str):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


@login_required
@require_POST
def cancel_booking(request, pk: int):
    slot = _slot_for(request, pk, "partnering.cancel_mentor_booking")
    try:
        venture_cafe.cancel_mentor_booking(slot=slot, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The booking is cancelled; the slot is free again."))
    return _next_or(request, reverse("partnering:my_mentoring"))


@login_required
@require_POST
def withdraw_slot(request, pk: int):
    slot = _slot_for(request, pk, "partnering.withdraw_mentor_slot")
    try:
        venture_cafe.withdraw_mentor_slot(slot=slot, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The slot is withdrawn."))
    return _next_or(request, reverse("partnering:my_mentoring"))


@login_required
def attendance(request, slug: str):
    event = _managed_cafe(request, slug)
    filters = AttendanceFilterForm(request.GET or None, event=event)
    rows = cafe_programme.registrations(event=event)
    if filters.is_valid():
        if filters.cleaned_data["session"]:
            rows = rows.filter(session=filters.cleaned_data["session"])
        if query := filters.cleaned_data["q"]:
            rows = rows.filter(
                Q(user__full_name__icontains=query) | Q(user__email__icontains=query)
            )
    context = {
        "event": event,
        "figures": cafe_programme.session_figures(event=event),
        "filters": filters,
        "page": Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page")),
    }
    return render(request, "partnering/cafe_attendance.html", context)


@login_required
@require_POST
def mark_attended(request, pk: int):
    row = get_object_or_404(
        CafeAttendance.objects.select_related("session__event", "user", "organization"), pk=pk
    )
    event = row.session.event
    if not request.user.has_perm("partnering.manage_event", event):
        raise PermissionDenied
    try:
        row = venture_cafe.mark_attended(
            attendance=row, by=request.user, attended=request.POST.get("attended") != "0"
        )
    except ValidationError as error:
        flash_errors(request, error)
    if request.htmx:
        row = cafe_programme.registrations(event=event).filter(pk=row.pk).first() or row
        return render(request, "partnering/cafe_attendance_row.html", {"row": row, "event": event})
    return _next_or(request, reverse("partnering:cafe_attendance", kwargs={"slug": event.slug}))


@login_required
def my_mentoring(request):
    user = request.user
    context = {
        "page": Paginator(cafe_programme.mentoring_slots(user=user), PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
        "booked": cafe_programme.booked_slots(user=user)[:PAGE_SIZE],
    }
    return render(request, "partnering/cafe_my_mentoring.html", context)
