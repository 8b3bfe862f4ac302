"""Import pages: the imports a person ran, a new upload, an import's progress and
problems with its confirmation, and the workbook to fill in.

An import someone may not see does not exist for them (404). Every step goes through
`outcomes.importing`; the worker does the checking and the saving.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ieum.accounts.access import access_for
from ieum.core.flash import flash_errors
from ieum.core.forms import StyledFormMixin, add_domain_error
from ieum.core.workbooks import CONTENT_TYPE as XLSX
from ieum.outcomes import importing
from ieum.outcomes.enums import ImportStatus
from ieum.outcomes.import_columns import COLUMNS
from ieum.outcomes.import_template import template_workbook
from ieum.outcomes.visibility import dashboard_clusters, visible_imports

PAGE_SIZE = 30
PROBLEMS_PAGE_SIZE = 100


class ImportForm(StyledFormMixin, forms.Form):
    cluster = forms.ModelChoiceField(label=gettext_lazy("Cluster"), queryset=None)
    file = forms.FileField(
        label=gettext_lazy("Workbook"),
        help_text=gettext_lazy("An Excel workbook (.xlsx) with the template's columns."),
        widget=forms.FileInput(attrs={"accept": ".xlsx"}),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["cluster"]
        field.queryset = dashboard_clusters(user)
        # Platform admins may import national records, attributed to no cluster.
        field.required = not access_for(user).is_platform_admin
        field.empty_label = _("No cluster (national)") if not field.required else None


def _staff_only(user) -> None:
    if not user.has_perm("outcomes.see_staff_menu"):
        raise PermissionDenied


def _imports(user):
    return (
        visible_imports(user)
        .defer("content", "checked_rows")
        .select_related("cluster", "uploaded_by")
    )


@login_required
def import_list(request):
    _staff_only(request.user)
    imports = _imports(request.user).defer("problems")
    page = Paginator(imports, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "outcomes/imports/list.html", {"page": page})


@login_required
def import_new(request):
    _staff_only(request.user)
    form = ImportForm(
        request.POST if request.method == "POST" else None,
        request.FILES or None,
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = importing.start_import(
                by=request.user,
                cluster=form.cleaned_data["cluster"],
                upload=form.cleaned_data["file"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            return redirect("outcomes:import_detail", pk=job.pk)
    return render(request, "outcomes/imports/new.html", {"form": form, "columns": COLUMNS})


@login_required
def import_detail(request, pk: int):
    """How an import is going; the page asks again every two seconds while the worker
    has it, then shows the problems by row and column and what can be done."""
    job = get_object_or_404(_imports(request.user), pk=pk)
    problems = job.problems if job.status == ImportStatus.CHECKED else []
    context = {
        "job": job,
        "in_progress": job.status in importing.IN_PROGRESS,
        "invalid_rows": job.total_rows - job.valid_rows,
        "problems": Paginator(problems, PROBLEMS_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = "outcomes/imports/_progress.html" if request.htmx else "outcomes/imports/detail.html"
    return render(request, template, context)


def _step(request, pk: int, action, done: str, **arguments):
    job = get_object_or_404(_imports(request.user).defer("problems"), pk=pk)
    try:
        action(by=request.user, outcome_import=job, **arguments)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("outcomes:import_detail", pk=job.pk)


@login_required
@require_POST
def import_confirm(request, pk: int):
    return _step(
        request,
        pk,
        importing.confirm_import,
        _("The rows are being saved."),
        only_valid=request.POST.get("only_valid") == "1",
    )


@login_required
@require_POST
def import_cancel(request, pk: int):
    return _step(request, pk, importing.cancel_import, _("The import was cancelled."))


@login_required
def import_template(request):
    _staff_only(request.user)
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ieum-outcomes-import.xlsx"'
    return response
