"""Filling in a draft: project data, the call's questions and its documents; a file is
replaced by uploading another one into its slot, or removed with its button."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from ieum.core.errors import Conflict
from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.programs import applications
from ieum.programs.application_forms import ApplicationForm
from ieum.programs.enums import ApplicationStatus
from ieum.programs.models import Application
from ieum.programs.views.application_page import visible_application
from ieum.programs.views.applications import submit_and_report


def _remove(request, found: Application):
    stored = found.files.filter(pk=request.POST.get("remove") or 0).first()
    if stored is None:
        raise Http404
    try:
        applications.remove_file(actor=request.user, file=stored)
    except Application.DoesNotExist as missing:
        raise Http404 from missing
    except ValidationError as error:
        flash_errors(request, error)
        return redirect("programs:application", pk=found.pk)
    messages.success(request, _("The file “%(name)s” is removed.") % {"name": stored.name})
    return redirect("programs:application_edit", pk=found.pk)


def _refuse_unless_editable(request, found: Application):
    """Send the applicant back to the page, saying why, when the draft cannot change."""
    if found.status != ApplicationStatus.DRAFT:
        messages.error(request, _("Only a draft can be changed."))
        return redirect("programs:application", pk=found.pk)
    try:
        applications.require_open(found.call)
    except Conflict as error:
        flash_errors(request, error)
        return redirect("programs:application", pk=found.pk)
    return None


@login_required
def application_edit(request, pk: int):
    found = visible_application(request.user, pk)
    if not request.user.has_perm("programs.submit_application", found):
        raise PermissionDenied
    refused = _refuse_unless_editable(request, found)
    if refused is not None:
        return refused
    if request.method == "POST" and "remove" in request.POST:
        return _remove(request, found)
    call = found.call
    form = ApplicationForm(
        request.POST or None,
        request.FILES or None,
        call=call,
        questions=list(call.questions.all()),
        documents=list(call.required_documents.all()),
        files=list(found.files.all()),
        initial=ApplicationForm.initial_for(found),
    )
    if request.method == "POST" and form.is_valid():
        try:
            applications.save_application(
                actor=request.user,
                application=found,
                data=form.draft_data(),
                answers=form.answers(),
                uploads=form.uploads(),
            )
        except Application.DoesNotExist as missing:
            raise Http404 from missing
        except Conflict as error:
            flash_errors(request, error)
            return redirect("programs:application", pk=found.pk)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            if request.POST.get("then") == "submit":
                return submit_and_report(request, found)
            messages.success(request, _("The draft is saved. Submit it before the call closes."))
            return redirect(reverse("programs:application", args=[found.pk]))
    context = {
        "form": form,
        "application": found,
        "call": call,
        "closes": applications.seoul_time(call.closes_at),
    }
    status = 400 if form.errors else 200
    return render(request, "programs/applications/edit.html", context, status=status)
