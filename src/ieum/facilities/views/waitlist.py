"""Joining the waiting list for a taken time, and taking or leaving an offer."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.facilities import waitlist
from ieum.facilities.forms import WaitlistForm
from ieum.facilities.models import Resource, WaitlistEntry
from ieum.facilities.views.catalog import organizations_of


@login_required
@require_POST
def join(request, pk: int):
    resource = get_object_or_404(Resource, pk=pk)
    form = WaitlistForm(request.POST, organizations=organizations_of(request.user))
    if not form.is_valid():
        flash_errors(request, form)
        return redirect(resource)
    try:
        waitlist.join_waitlist(user=request.user, resource=resource, **form.cleaned_data)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect(resource)
    messages.success(
        request, _("You are on the waiting list. If the time frees up, we offer it by e-mail.")
    )
    return redirect("facilities:my_bookings")


@login_required
@require_POST
def accept(request, pk: int):
    entry = get_object_or_404(WaitlistEntry, pk=pk, user=request.user)
    try:
        booking = waitlist.accept_waitlist_offer(user=request.user, entry=entry)
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("facilities:my_bookings")
    messages.success(request, _("Booked."))
    return redirect(booking)


@login_required
@require_POST
def withdraw(request, pk: int):
    entry = get_object_or_404(WaitlistEntry, pk=pk, user=request.user)
    try:
        waitlist.withdraw_waitlist_entry(user=request.user, entry=entry)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("You have left the waiting list."))
    return redirect("facilities:my_bookings")
