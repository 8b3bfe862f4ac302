from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.forms import add_domain_error
from ieum.directory.models import Organization
from ieum.facilities import booking as booking_domain
from ieum.facilities.availability import week_grid
from ieum.facilities.catalog import CatalogFilters, list_resources
from ieum.facilities.errors import BookingConflict
from ieum.facilities.forms import (
    BookingForm,
    CatalogFilterForm,
    DowntimeForm,
    QualificationForm,
    TrainingRequestForm,
)
from ieum.facilities.models import Booking, Resource
from ieum.facilities.timeline import SEOUL

PAGE_SIZE = 24


def resource_list(request):
    form = CatalogFilterForm(request.GET or None)
    filters = CatalogFilters()
    if form.is_valid():
        filters = CatalogFilters(
            query=form.cleaned_data["q"],
            cluster=form.cleaned_data["cluster"],
            kind=form.cleaned_data["kind"],
            category=form.cleaned_data["category"],
            status=form.cleaned_data["status"],
        )
    page = Paginator(list_resources(filters=filters), PAGE_SIZE).get_page(request.GET.get("page"))
    template = "facilities/_results.html" if request.htmx else "facilities/list.html"
    return render(request, template, {"form": form, "page": page})


def _week_start(request) -> date:
    today = timezone.now().astimezone(SEOUL).date()
    try:
        chosen = date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        chosen = today
    return chosen - timedelta(days=chosen.weekday())


def organizations_of(user):
    return Organization.objects.filter(pk__in=access_for(user).organization_ids).order_by("name_ko")


def _booking_form(request, resource, data=None):
    initial = {}
    for name in ("start", "end"):
        if request.GET.get(name):
            initial[name] = request.GET[name]
    return BookingForm(
        data,
        resource=resource,
        organizations=organizations_of(request.user),
        initial=initial,
    )


def resource_detail(request, pk: int):
    resource = get_object_or_404(
        Resource.objects.select_related("cluster").prefetch_related("opening_hours"), pk=pk
    )
    first_day = _week_start(request)
    can_book = resource.is_bookable and request.user.has_perm("facilities.book_resource")
    form = _booking_form(request, resource) if can_book else None
    if request.method == "POST" and can_book:
        form = _booking_form(request, resource, request.POST)
        if form.is_valid():
            booked = _book(request, resource, form)
            if booked is not None:
                return booked
    return _render_detail(request, resource, first_day, form)


def _book(request, resource, form):
    data = form.cleaned_data
    arguments = {
        "user": request.user,
        "resource": resource,
        "start": data["start"],
        "end": data["end"],
        "organization": data["organization"],
        "mode": data["mode"],
        "purpose": data["purpose"],
    }
    try:
        if data["repeat"]:
            result = booking_domain.book_series(
                every_days=data["repeat"],
                count=data["count"] or 1,
                skip_conflicts=data["skip_conflicts"],
                **arguments,
            )
            messages.success(request, _("%(count)d bookings made.") % {"count": len(result.booked)})
            for start, reason in result.skipped:
                messages.warning(
                    request,
                    _("Skipped %(date)s: %(reason)s")
                    % {
                        "date": start.astimezone(SEOUL).strftime("%Y-%m-%d %H:%M"),
                        "reason": reason,
                    },
                )
            return redirect("facilities:my_bookings")
        booking = booking_domain.book_resource(**arguments)
    except BookingConflict as conflict:
        add_domain_error(form, conflict)
        # The time is taken: offer to wait for it instead.
        form.waitlist_offer = True
        return None
    except (ValidationError, PermissionDenied) as error:
        add_domain_error(
            form, error if isinstance(error, ValidationError) else ValidationError(str(error))
        )
        return None
    messages.success(
        request,
        _("Booked. Awaiting approval by the cluster staff.")
        if booking.status == "requested"
        else _("Booked."),
    )
    return redirect(booking)


def _render_detail(request, resource, first_day, form, status=200):
    manages = request.user.has_perm("facilities.manage_resource", resource)
    columns = week_grid(resource, first_day=first_day)
    rows = _grid_rows(columns)
    context = {
        "resource": resource,
        "columns": columns,
        "rows": rows,
        "week": first_day,
        "previous_week": first_day - timedelta(days=7),
        "next_week": first_day + timedelta(days=7),
        "form": form,
        "manages": manages,
        "downtime_form": DowntimeForm() if manages else None,
        "qualification_form": QualificationForm() if manages else None,
        "training_form": TrainingRequestForm() if resource.requires_qualification else None,
        "downtimes": resource.downtimes.filter(end__gte=timezone.now()).order_by("start")[:10],
        "pending": Booking.objects.filter(resource=resource, status="requested")
        .select_related("organization", "booked_by")
        .order_by("start")[:20]
        if manages
        else [],
        "training_requests": resource.training_requests.filter(status="requested").select_related(
            "user", "organization"
        )
        if manages
        else [],
    }
    template = "facilities/_week.html" if request.htmx else "facilities/resource.html"
    return render(request, template, context, status=status)


def _grid_rows(columns):
    """Rows of the week table: one per time slot, from the first open slot to the last."""
    interesting = [
        index
        for column in columns
        for index, slot in enumerate(column.slots)
        if slot.state != "closed"
    ]
    if not interesting:
        return []
    first, last = min(interesting), max(interesting)
    return [
        (
            columns[0].slots[index].interval.start.astimezone(SEOUL).time(),
            [c.slots[index] for c in columns],
        )
        for index in range(first, last + 1)
    ]
