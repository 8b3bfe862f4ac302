"""Pages of one service request: write a draft, change it, read it and take its steps."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.linkage import drafts, workflow
from ieum.linkage.enums import ReadChannel, RequestStatus
from ieum.linkage.errors import IllegalTransition
from ieum.linkage.models import ServiceOffering, ServiceRequest
from ieum.linkage.request_forms import RequestForm
from ieum.linkage.views.request_page import detail_context, thread_context, visible_request
from ieum.linkage.views.request_steps import ACTIONS, step_form
from ieum.linkage.visibility import record_read


def _page(found: ServiceRequest, anchor: str = "") -> str:
    return reverse("linkage:request", args=[found.pk]) + anchor


def _submit_saved(request, draft: ServiceRequest):
    try:
        workflow.submit_request(actor=request.user, request=draft)
    except ValidationError as error:
        messages.warning(request, _("The draft is saved but could not be submitted."))
        flash_errors(request, error)
    else:
        messages.success(request, _("The request is submitted."))
    return redirect(_page(draft))


@login_required
def request_create(request):
    companies = drafts.requesting_organizations(request.user)
    if not companies:
        raise PermissionDenied
    company = companies.filter(pk=request.GET.get("company") or 0).first() or companies[0]
    initial = {"company": company, "cluster": drafts.default_cluster(company)}
    offering = None
    if request.GET.get("offering"):
        offering = get_object_or_404(
            ServiceOffering.objects.filter(is_active=True).select_related("provider"),
            pk=request.GET["offering"],
        )
        initial.update(service_type=offering.service_type, addressed_offering=offering)
    service_type = request.GET.get("service_type") or initial.get("service_type")
    initial["service_type"] = service_type
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        companies=companies,
        service_type=service_type,
        refresh_url=request.path,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            draft = drafts.create_request(
                actor=request.user,
                company=form.cleaned_data["company"],
                data=form.draft_data(),
                uploads=form.cleaned_data["files"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            if request.POST.get("then") == "submit":
                return _submit_saved(request, draft)
            messages.success(request, _("The draft is saved. Submit it when it is ready."))
            return redirect(_page(draft))
    context = {"form": form, "company": company, "companies": companies, "offering": offering}
    return render(request, "linkage/request_form.html", context, status=400 if form.errors else 200)


@login_required
def request_edit(request, pk: int):
    found = visible_request(request.user, pk)
    if not request.user.has_perm("linkage.submit_request", found):
        raise PermissionDenied
    if found.status != RequestStatus.DRAFT:
        messages.error(request, _("Only drafts can be changed; write on the thread instead."))
        return redirect(_page(found))
    initial = {name: getattr(found, name) for name in drafts.EDITABLE_FIELDS}
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        service_type=request.GET.get("service_type") or found.service_type,
        refresh_url=request.path,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            drafts.update_request(
                actor=request.user,
                request=found,
                data=form.draft_data(),
                uploads=form.cleaned_data["files"],
            )
        except ServiceRequest.DoesNotExist as missing:
            raise Http404 from missing
        except IllegalTransition as error:
            flash_errors(request, error)
            return redirect(_page(found))
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            if request.POST.get("then") == "submit":
                return _submit_saved(request, found)
            messages.success(request, _("The draft is saved."))
            return redirect(_page(found))
    record_read(user=request.user, request=found, channel=ReadChannel.PAGE)
    context = {
        "form": form,
        "service_request": found,
        "attachments": found.files.filter(message__isnull=True),
    }
    return render(request, "linkage/request_form.html", context, status=400 if form.errors else 200)


@login_required
def request_detail(request, pk: int):
    found = visible_request(request.user, pk)
    return render(request, "linkage/request_detail.html", detail_context(request.user, found))


def _refused(request, found: ServiceRequest, error: IllegalTransition):
    flash_errors(request, error)
    if request.htmx:
        # The page reloads and shows why; nothing was changed.
        return HttpResponse(status=409, headers={"HX-Refresh": "true"})
    return redirect(_page(found))


def _thread(request, found: ServiceRequest, form=None):
    """The thread alone, for htmx: refreshed after a message, or the form's errors."""
    record_read(user=request.user, request=found, channel=ReadChannel.PAGE)
    context = thread_context(request.user, found, message_form=form)
    return render(request, "linkage/request_thread.html", context)


@login_required
@require_POST
def request_action(request, pk: int, action: str):
    found = visible_request(request.user, pk)
    step = ACTIONS.get(action)
    if step is None:
        raise Http404
    if not request.user.has_perm(step.permission, found):
        raise PermissionDenied
    form = step_form(action, found, data=request.POST, files=request.FILES)
    if form.is_valid():
        try:
            step.run(request.user, found, form.cleaned_data)
        except ServiceRequest.DoesNotExist as missing:
            raise Http404 from missing
        except IllegalTransition as error:
            return _refused(request, found, error)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            if request.htmx and action == "message":
                return _thread(request, visible_request(request.user, pk))
            messages.success(request, str(step.done))
            return redirect(_page(found, "#thread" if action == "message" else ""))
    if request.htmx and action == "message":
        return _thread(request, found, form)
    context = detail_context(request.user, found, bound={action: form})
    return render(request, "linkage/request_detail.html", context, status=400)
