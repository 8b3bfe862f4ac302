"""Event pages: the public list and event page, and the organizer's set-up pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Cluster, Organization
from ieum.partnering import event_setup
from ieum.partnering.enums import EventStatus, LocationKind, PartyKind
from ieum.partnering.event_forms import (
    EventCreateForm,
    EventDayForm,
    EventFilterForm,
    EventSettingsForm,
    EventStatusForm,
    LocationForm,
    RegistrationFilterForm,
)
from ieum.partnering.models import Event, EventDay, Location, Registration

PAGE_SIZE = 20
REGISTRATIONS_PAGE_SIZE = 50


def visible_events(user):
    """Public events past draft, and every event the person organizes."""
    access = access_for(user)
    events = Event.objects.select_related("organizer", "cluster")
    if access.is_platform_admin:
        return events
    return events.filter(
        Q(is_public=True, status__in=[s for s in EventStatus.values if s != EventStatus.DRAFT])
        | Q(organizer_id__in=access.organizer_organization_ids)
        | Q(cluster_id__in=access.staffed_cluster_ids)
    )


def event_for(request, slug: str, perm: str = "partnering.view_event") -> Event:
    """The event, or 404 for those who may not see it and 403 for those who may not do `perm`."""
    event = get_object_or_404(Event.objects.select_related("organizer", "cluster"), slug=slug)
    if not request.user.has_perm("partnering.view_event", event):
        raise Http404
    if not request.user.has_perm(perm, event):
        raise PermissionDenied
    return event


def event_list(request):
    form = EventFilterForm(request.GET or None)
    events = visible_events(request.user).annotate(
        party_count=Count("registrations", filter=Q(registrations__is_cancelled=False))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            events = events.filter(
                Q(name_ko__icontains=data["q"]) | Q(name_en__icontains=data["q"])
            )
        if data["kind"]:
            events = events.filter(kind=data["kind"])
        if data["status"]:
            events = events.filter(status=data["status"])
        if data["year"]:
            events = events.filter(starts_on__year=data["year"])
    page = Paginator(events.order_by("-starts_on", "pk"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    template = "partnering/event_results.html" if request.htmx else "partnering/event_list.html"
    return render(request, template, {"form": form, "page": page})


def event_detail(request, slug: str):
    event = event_for(request, slug)
    parties = Registration.objects.filter(event=event, is_cancelled=False)
    counts = dict(parties.values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    names: dict[str, list] = {}
    for registration in parties.exclude(kind=PartyKind.DEMAND_COMPANY).select_related(
        "organization"
    ):
        names.setdefault(registration.kind, []).append(registration.organization)
    by_kind = [
        (label, counts[kind], names.get(kind, []))
        for kind, label in PartyKind.choices
        if kind != PartyKind.DEMAND_COMPANY and counts.get(kind)
    ]
    demand = (
        parties.filter(kind=PartyKind.DEMAND_COMPANY)
        .select_related("organization")
        .annotate(need_count=Count("needs", filter=Q(needs__is_published=True)))
    )
    context = {
        "event": event,
        "days": event.days.prefetch_related("breaks"),
        "demand": demand,
        "demand_count": counts.get(PartyKind.DEMAND_COMPANY, 0),
        "by_kind": by_kind,
        "party_count": sum(counts.values()),
        "manages": request.user.has_perm("partnering.manage_event", event),
        "may_register": request.user.has_perm("partnering.register", event),
        "mine": Registration.objects.filter(
            event=event, organization_id__in=access_for(request.user).organization_ids
        ).select_related("organization"),
    }
    return render(request, "partnering/event_detail.html", context)


def _organizer_choices(user):
    access = access_for(user)
    if access.is_platform_admin:
        return Organization.objects.filter(
            Q(kind__in=[OrganizationKind.PUBLIC_AGENCY, OrganizationKind.CLUSTER_OPERATOR])
            | Q(pk__in=access.organization_ids)
        ).order_by("name_ko")
    operators = Cluster.objects.filter(pk__in=access.staffed_cluster_ids).values("operator_id")
    return Organization.objects.filter(
        Q(pk__in=access.organizer_organization_ids) | Q(pk__in=operators)
    ).order_by("name_ko")


def _cluster_choices(user):
    access = access_for(user)
    clusters = Cluster.objects.order_by("name_ko")
    return (
        clusters if access.is_platform_admin else clusters.filter(pk__in=access.staffed_cluster_ids)
    )


@login_required
def event_create(request):
    if not request.user.has_perm("partnering.create_event"):
        raise PermissionDenied
    form = EventCreateForm(
        request.POST or None,
        organizers=_organizer_choices(request.user),
        clusters=_cluster_choices(request.user),
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = event_setup.create_event(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The event was created as a draft. Add its meeting days."))
            return redirect("partnering:event_days", slug=event.slug)
    return render(request, "partnering/event_form.html", {"form": form, "event": None})


@login_required
def event_edit(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    initial = {name: getattr(event, name) for name in event_setup.EDITABLE_FIELDS}
    form = EventSettingsForm(
        request.POST or None, initial=initial, clusters=_cluster_choices(request.user)
    )
    if request.method == "POST" and form.is_valid():
        try:
            event = event_setup.update_event(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("partnering:event_edit", slug=event.slug)
    context = {"form": form, "event": event, "statuses": EventStatus}
    return render(request, "partnering/event_form.html", context)


@login_required
@require_POST
def event_status(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    form = EventStatusForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect("partnering:event_edit", slug=slug)
    try:
        event = event_setup.set_event_status(
            event=event, status=form.cleaned_data["status"], by=request.user
        )
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request, _("The event is now “%(status)s”.") % {"status": event.get_status_display()}
        )
    return redirect("partnering:event_edit", slug=slug)


@login_required
def event_days(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    form = EventDayForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            event_setup.set_event_day(
                event=event,
                date=data["date"],
                opens_at=data["opens_at"],
                closes_at=data["closes_at"],
                breaks=data["breaks"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The day was saved and its slots were cut anew."))
            return redirect("partnering:event_days", slug=slug)
    context = {
        "event": event,
        "form": form,
        "days": _days_with_slot_counts(event),
    }
    return render(request, "partnering/event_days.html", context)


def _days_with_slot_counts(event: Event) -> list[tuple[EventDay, int]]:
    # Slots number their day by its place in the date order, as generate_slots does.
    counts = dict(
        event.slots.values_list("day_number").annotate(n=Count("pk")).values_list("day_number", "n")
    )
    days = event.days.prefetch_related("breaks").order_by("date")
    return [(day, counts.get(number, 0)) for number, day in enumerate(days, start=1)]


@login_required
@require_POST
def event_day_remove(request, slug: str, pk: int):
    event = event_for(request, slug, "partnering.manage_event")
    day = get_object_or_404(EventDay, pk=pk, event=event)
    try:
        event_setup.remove_event_day(day=day, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The day was removed."))
    return redirect("partnering:event_days", slug=slug)


@login_required
def event_locations(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    form = LocationForm(request.POST or None)
    # Booths come with the demand companies' registrations.
    form.fields["kind"].choices = [c for c in LocationKind.choices if c[0] != LocationKind.BOOTH]
    if request.method == "POST" and form.is_valid():
        try:
            event_setup.add_location(event=event, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The location was added."))
            return redirect("partnering:event_locations", slug=slug)
    locations = event.locations.select_related("registration__organization").annotate(
        meeting_count=Count("meetings")
    )
    return render(
        request,
        "partnering/event_locations.html",
        {"event": event, "form": form, "locations": locations},
    )


@login_required
@require_POST
def event_location_remove(request, slug: str, pk: int):
    event = event_for(request, slug, "partnering.manage_event")
    location = get_object_or_404(Location, pk=pk, event=event)
    try:
        event_setup.remove_location(location=location, by=request.user)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The location was removed."))
    return redirect("partnering:event_locations", slug=slug)


@login_required
def event_registrations(request, slug: str):
    event = event_for(request, slug, "partnering.manage_event")
    form = RegistrationFilterForm(request.GET or None)
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("organization", "registered_by")
        .annotate(delegate_count=Count("delegates"))
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            registrations = registrations.filter(
                Q(organization__name_ko__icontains=data["q"])
                | Q(organization__name_en__icontains=data["q"])
            )
        if data["kind"]:
            registrations = registrations.filter(kind=data["kind"])
    page = Paginator(
        registrations.order_by("kind", "organization__name_ko", "pk"), REGISTRATIONS_PAGE_SIZE
    ).get_page(request.GET.get("page"))
    template = (
        "partnering/event_registration_rows.html"
        if request.htmx
        else "partnering/event_registrations.html"
    )
    return render(request, template, {"event": event, "form": form, "page": page})
