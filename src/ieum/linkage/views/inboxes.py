"""The inboxes: a company's requests, a provider's incoming ones, the cluster's triage."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import render

from ieum.core.business_days import seoul_today
from ieum.linkage import inboxes
from ieum.linkage.inbox_forms import IncomingFilterForm, MyRequestsFilterForm, TriageFilterForm

PAGE_SIZE = 20


def _show(request, *, form, find, kind: str):
    filters = form.filters()
    inbox = find(user=request.user, filters=filters, today=seoul_today())
    context = {
        "form": form,
        "filters": filters,
        "counts": inbox.counts,
        "status_counts": [
            (value, label, inbox.counts[value])
            for value, label in form.statuses
            if value in inbox.counts
        ],
        "page": Paginator(inbox.requests, PAGE_SIZE).get_page(request.GET.get("page")),
        "inbox": kind,
    }
    template = "linkage/_inbox_results.html" if request.htmx else f"linkage/inbox_{kind}.html"
    return render(request, template, context)


@login_required
def my_requests(request):
    form = MyRequestsFilterForm(request.GET or None)
    return _show(request, form=form, find=inboxes.my_requests, kind="mine")


@login_required
def incoming(request):
    if not request.user.has_perm("linkage.see_provider_inbox"):
        raise PermissionDenied
    form = IncomingFilterForm(request.GET or None)
    return _show(request, form=form, find=inboxes.incoming_requests, kind="incoming")


@login_required
def triage(request):
    if not request.user.has_perm("linkage.see_triage_inbox"):
        raise PermissionDenied
    form = TriageFilterForm(request.GET or None, clusters=inboxes.triage_clusters(request.user))
    return _show(request, form=form, find=inboxes.requests_to_triage, kind="triage")
