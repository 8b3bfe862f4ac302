"""Pages of bookings: one's own, the staff's approval queue, and each booking's actions."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.flash import flash_errors
from ieum.facilities import booking as booking_domain
from ieum.facilities import usage
from ieum.facilities.enums import BookingStatus, WaitlistStatus
from ieum.facilities.feeds import feed_for
from ieum.facilities.forms import (
    DowntimeForm,
    QualificationForm,
    ReasonForm,
    RescheduleForm,
    ResultForm,
    TrainingRequestForm,
)
from ieum.facilities.models import Resource, WaitlistEntry
from ieum.facilities.visibility import visible_bookings

PAGE_SIZE = 25


@login_required
def my_bookings(request):
    access = access_for(request.user)
    bookings = visible_bookings(user=request.user)
    mine = bookings.filter(organization_id__in=access.organization_ids)
    show = request.GET.get("show", "upcoming")
    if show == "past":
        mine = mine.filter(end__lt=timezone.now()).order_by("-start", "-pk")
    else:
        mine = mine.filter(end__gte=timezone.now()).order_by("start", "pk")
    awaiting = (
        bookings.filter(
            status=BookingStatus.REQUESTED,
            resource__cluster_id__in=access.staffed_cluster_ids,
        ).order_by("start", "pk")
        if access.staffed_cluster_ids or access.is_platform_admin
        else bookings.none()
    )
    if access.is_platform_admin and not access.staffed_cluster_ids:
        awaiting = bookings.filter(status=BookingStatus.REQUESTED).order_by("start", "pk")
    context = {
        "page": Paginator(mine, PAGE_SIZE).get_page(request.GET.get("page")),
        "awaiting": awaiting[:50],
        "show": show,
        "feed": feed_for(user=request.user),
        "waiting": WaitlistEntry.objects.filter(
            user=request.user, status__in=(WaitlistStatus.WAITING, WaitlistStatus.OFFERED)
        )
        .select_related("resource", "organization")
        .order_by("start")[:50],
    }
    return render(request, "facilities/my_bookings.html", context)


def _visible_booking(request, pk: int):
    return get_object_or_404(visible_bookings(user=request.user), pk=pk)


@login_required
def booking_detail(request, pk: int):
    booking = _visible_booking(request, pk)
    return _render_booking(request, booking)


def _render_booking(
    request, booking, *, reschedule_form=None, reason_form=None, result_form=None, status=200
):
    user = request.user
    context = {
        "booking": booking,
        "results": booking.results.all(),
        "can_change": user.has_perm("facilities.modify_booking", booking) and booking.is_active,
        "can_decide": user.has_perm("facilities.decide_booking", booking)
        and booking.status == BookingStatus.REQUESTED,
        "can_record": user.has_perm("facilities.record_usage", booking),
        "reschedule_form": reschedule_form
        or RescheduleForm(initial={"start": booking.start, "end": booking.end}),
        "reason_form": reason_form or ReasonForm(),
        "result_form": result_form or ResultForm(),
        "now": timezone.now(),
    }
    return render(request, "facilities/booking.html", context, status=status)


def _run(request, booking, action, *, done: str, form=None, form_name=None):
    """Run a domain action; on a refusal show the booking again with the reason."""
    try:
        action()
    except ValidationError as error:
        if form is not None:
            form.add_error(None, error)
            return _render_booking(request, booking, status=400, **{form_name: form})
        flash_errors(request, error)
        return redirect(booking)
    messages.success(request, done)
    return redirect(booking)


@login_required
@require_POST
def booking_action(request, pk: int, action: str):
    booking = _visible_booking(request, pk)
    user = request.user
    reason = ReasonForm(request.POST)
    reason_text = reason.cleaned_data["reason"] if reason.is_valid() else ""
    actions = {
        "cancel": lambda: booking_domain.cancel_booking(
            user=user, booking=booking, reason=reason_text
        ),
        "approve": lambda: booking_domain.decide_booking(
            user=user, booking=booking, approve=True, reason=reason_text
        ),
        "reject": lambda: booking_domain.decide_booking(
            user=user, booking=booking, approve=False, reason=reason_text
        ),
        "check-in": lambda: usage.check_in(user=user, booking=booking),
        "check-out": lambda: usage.check_out(user=user, booking=booking),
        "no-show": lambda: usage.mark_no_show(user=user, booking=booking),
    }
    if action not in actions:
        raise Http404
    done = {
        "cancel": _("The booking is cancelled."),
        "approve": _("The booking is approved."),
        "reject": _("The booking is rejected."),
        "check-in": _("Checked in."),
        "check-out": _("Checked out."),
        "no-show": _("Marked as a no-show."),
    }
    if action == "reject":
        return _run(
            request,
            booking,
            actions[action],
            done=done[action],
            form=reason,
            form_name="reason_form",
        )
    return _run(request, booking, actions[action], done=done[action])


@login_required
@require_POST
def booking_reschedule(request, pk: int):
    booking = _visible_booking(request, pk)
    form = RescheduleForm(request.POST)
    if not form.is_valid():
        return _render_booking(request, booking, reschedule_form=form, status=400)
    return _run(
        request,
        booking,
        lambda: booking_domain.reschedule_booking(
            user=request.user, booking=booking, **form.cleaned_data
        ),
        done=_("The booking is moved."),
        form=form,
        form_name="reschedule_form",
    )


@login_required
@require_POST
def booking_result(request, pk: int):
    booking = _visible_booking(request, pk)
    form = ResultForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_booking(request, booking, result_form=form, status=400)
    return _run(
        request,
        booking,
        lambda: usage.deliver_result(user=request.user, booking=booking, **form.cleaned_data),
        done=_("The result is delivered."),
        form=form,
        form_name="result_form",
    )


def _managed_resource(request, pk: int) -> Resource:
    resource = get_object_or_404(Resource, pk=pk)
    if not request.user.has_perm("facilities.manage_resource", resource):
        raise PermissionDenied
    return resource


@login_required
@require_POST
def add_downtime(request, pk: int):
    resource = _managed_resource(request, pk)
    form = DowntimeForm(request.POST)
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(resource)
    try:
        _downtime, affected = usage.record_downtime(
            user=request.user, resource=resource, **form.cleaned_data
        )
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(resource)
    messages.success(request, _("The downtime is logged; the time is blocked."))
    for booking in affected:
        messages.warning(
            request,
            _("A booking by %(company)s overlaps it; move or cancel it: %(url)s")
            % {
                "company": booking.organization,
                "url": request.build_absolute_uri(booking.get_absolute_url()),
            },
        )
    return redirect(resource)


@login_required
@require_POST
def grant_qualification(request, pk: int):
    resource = _managed_resource(request, pk)
    form = QualificationForm(request.POST)
    trainee = None
    if form.is_valid():
        trainee = get_user_model().objects.filter(email__iexact=form.cleaned_data["email"]).first()
        if trainee is None:
            form.add_error("email", _("Nobody with this e-mail address uses Ieum."))
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(resource)
    usage.grant_qualification(
        user=request.user,
        resource=resource,
        trainee=trainee,
        trained_on=form.cleaned_data["trained_on"],
    )
    messages.success(request, _("%(person)s is qualified.") % {"person": trainee})
    return redirect(resource)


@login_required
@require_POST
def request_training(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    form = TrainingRequestForm(request.POST)
    if form.is_valid():
        try:
            usage.request_training(
                user=request.user, resource=resource, message=form.cleaned_data["message"]
            )
        except (ValidationError, PermissionDenied) as error:
            flash_errors(request, error)
            return redirect(resource)
        messages.success(request, _("Training requested. The staff will contact you."))
    return redirect(resource)
