"""A party's pages: register, name delegates, block times, and the events it takes part in."""

from dataclasses import dataclass
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.directory.models import Organization
from ieum.partnering import registration as registration_domain
from ieum.partnering.event_forms import BlockForm, DelegateForm, RegisterForm
from ieum.partnering.models import Block, Delegate, MeetingSeat, Registration, Slot
from ieum.partnering.views.events import event_for

PAGE_SIZE = 20


@dataclass(frozen=True)
class SlotCell:
    slot: Slot
    block: Block | None
    has_meeting: bool


def _unregistered_organizations(user, event):
    return (
        Organization.objects.filter(pk__in=access_for(user).organization_ids)
        .exclude(event_registrations__event=event)
        .order_by("name_ko")
    )


@login_required
def event_register(request, slug: str):
    event = event_for(request, slug)
    if not request.user.has_perm("partnering.register", event):
        messages.error(request, _("Registration for this event is not open to you."))
        return redirect(event)
    form = RegisterForm(
        request.POST or None, organizations=_unregistered_organizations(request.user, event)
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration = registration_domain.register_organization(
                event=event,
                by=request.user,
                organization=form.cleaned_data["organization"],
                kind=form.cleaned_data["kind"] or None,
                teams=form.cleaned_data["teams"],
                pitch_ko=form.cleaned_data["pitch_ko"],
                pitch_en=form.cleaned_data["pitch_en"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("Registered. Now name the delegates who will attend."))
            return redirect("partnering:registration", pk=registration.pk)
    return render(request, "partnering/registration_form.html", {"event": event, "form": form})


def _registration_for(request, pk: int) -> Registration:
    registration = get_object_or_404(
        Registration.objects.select_related("event", "organization"), pk=pk
    )
    # Other parties' registrations are not theirs to know about.
    if not request.user.has_perm("partnering.change_registration", registration):
        raise Http404
    return registration


def _block_grid(registration: Registration, team: int) -> list[tuple[int, list[SlotCell]]]:
    """The event's slots per day, each with the team's block or meeting in it."""
    blocks = {b.slot_id: b for b in registration.blocks.filter(team=team)}
    met = set(
        MeetingSeat.objects.filter(registration=registration, team=team).values_list(
            "slot_id", flat=True
        )
    )
    slots = Slot.objects.filter(event_id=registration.event_id).order_by("start")
    return [
        (day, [SlotCell(s, blocks.get(s.pk), s.pk in met) for s in day_slots])
        for day, day_slots in groupby(slots, key=lambda s: s.day_number)
    ]


def _team(request, registration: Registration) -> int:
    try:
        team = int(request.GET.get("team", 1))
    except ValueError:
        return 1
    return team if 1 <= team <= registration.teams else 1


@login_required
def registration_detail(request, pk: int):
    registration = _registration_for(request, pk)
    form = DelegateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            registration_domain.add_delegate(
                registration=registration, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The delegate was added."))
            return redirect("partnering:registration", pk=pk)
    team = _team(request, registration)
    context = {
        "registration": registration,
        "event": registration.event,
        "form": form,
        "delegates": registration.delegates.select_related("user"),
        "team": team,
        "teams": range(1, registration.teams + 1),
        "grid": _block_grid(registration, team),
        "zone": registration.event.zone,
    }
    return render(request, "partnering/registration_detail.html", context)


@login_required
@require_POST
def registration_blocks(request, pk: int):
    """Block or free one slot for one team; refusals come back as messages."""
    registration = _registration_for(request, pk)
    form = BlockForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("partnering:registration", pk=pk)
    team = form.cleaned_data["team"]
    slot = get_object_or_404(Slot, pk=form.cleaned_data["slot"])
    try:
        if request.POST.get("action") == "unblock":
            block = get_object_or_404(Block, registration=registration, team=team, slot=slot)
            registration_domain.unblock_slot(block=block, by=request.user)
        else:
            registration_domain.block_slot(
                registration=registration, slot=slot, team=team, by=request.user
            )
    except ValidationError as error:
        flash_errors(request, error)
    return redirect(f"{registration_url(registration)}?team={team}#blocks")


def registration_url(registration: Registration) -> str:
    return reverse("partnering:registration", kwargs={"pk": registration.pk})


def _delegate_for(request, pk: int) -> Delegate:
    delegate = get_object_or_404(
        Delegate.objects.select_related("registration__event", "registration__organization"),
        pk=pk,
    )
    if not request.user.has_perm("partnering.change_registration", delegate.registration):
        raise Http404
    return delegate


@login_required
def delegate_edit(request, pk: int):
    delegate = _delegate_for(request, pk)
    fields = ("full_name", "email", "job_title", "team", "time_zone", "language")
    form = DelegateForm(
        request.POST or None, initial={name: getattr(delegate, name) for name in fields}
    )
    if request.method == "POST" and form.is_valid():
        try:
            registration_domain.update_delegate(
                delegate=delegate, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("partnering:registration", pk=delegate.registration_id)
    context = {"delegate": delegate, "registration": delegate.registration, "form": form}
    return render(request, "partnering/registration_delegate.html", context)


@login_required
@require_POST
def delegate_remove(request, pk: int):
    delegate = _delegate_for(request, pk)
    registration_domain.remove_delegate(delegate=delegate, by=request.user)
    messages.success(request, _("The delegate was removed."))
    return redirect("partnering:registration", pk=delegate.registration_id)


@login_required
def my_events(request):
    organization_ids = access_for(request.user).organization_ids
    registrations = (
        Registration.objects.filter(organization_id__in=organization_ids)
        .select_related("event", "organization")
        .order_by("-event__starts_on", "organization__name_ko", "pk")
    )
    page = Paginator(registrations, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "partnering/event_mine.html", {"page": page})
