from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.ical import calendar_response
from ieum.facilities import feeds
from ieum.facilities.models import Resource


def personal_feed(request, token: str):
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404
    return calendar_response(
        name=_("My facility bookings"),
        events=feeds.personal_events(user=user),
        filename="ieum-bookings.ics",
    )


def resource_feed(request, token: str, pk: int):
    user = feeds.user_for_token(token)
    if user is None:
        raise Http404
    resource = get_object_or_404(Resource.objects.select_related("cluster"), pk=pk)
    return calendar_response(
        name=resource.name,
        events=feeds.resource_events(user=user, resource=resource),
        filename=f"ieum-resource-{resource.pk}.ics",
    )


@login_required
@require_POST
def reset_feed(request):
    feeds.reset_feed(user=request.user)
    messages.success(request, _("New calendar addresses are made; the old ones no longer work."))
    return redirect("facilities:my_bookings")
