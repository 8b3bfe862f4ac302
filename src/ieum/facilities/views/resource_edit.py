"""Pages where cluster staff run their catalog: add and edit resources, import a list."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.forms.models import model_to_dict
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.forms import add_domain_error
from ieum.directory.models import Cluster
from ieum.facilities import resource_editing, resource_import
from ieum.facilities.enums import ResourceKind
from ieum.facilities.import_columns import COLUMNS, template_workbook
from ieum.facilities.models import Resource, ResourceImport
from ieum.facilities.resource_forms import (
    ImportUploadForm,
    OpeningHoursFormSet,
    ResourceForm,
    opening_hours_initial,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PAGE_SIZE = 20
PROBLEMS_PAGE_SIZE = 100


def _managed_cluster(request, slug: str) -> Cluster:
    cluster = get_object_or_404(Cluster, slug=slug)
    if not request.user.has_perm("directory.manage_cluster", cluster):
        raise PermissionDenied
    return cluster


def _imports():
    return ResourceImport.objects.defer("content", "problems").select_related(
        "cluster", "uploaded_by"
    )


@login_required
def manage_catalog(request):
    """The clusters a person runs, with their catalog tools and latest imports."""
    access = access_for(request.user)
    if access.is_platform_admin:
        clusters = Cluster.objects.all()
    elif access.staffed_cluster_ids:
        clusters = Cluster.objects.filter(pk__in=access.staffed_cluster_ids)
    else:
        raise PermissionDenied
    clusters = clusters.annotate(resource_count=Count("resources")).order_by("name_ko", "pk")
    imports = _imports().filter(cluster__in=clusters.values("pk"))
    context = {
        "page": Paginator(clusters, PAGE_SIZE).get_page(request.GET.get("page")),
        "imports": imports[:10],
    }
    return render(request, "facilities/catalog_manage.html", context)


def _resource_page(request, *, cluster, resource, form, hours):
    context = {"cluster": cluster, "resource": resource, "form": form, "hours": hours}
    return render(request, "facilities/resource_form.html", context)


def _show_domain_error(error: ValidationError, form, hours) -> None:
    if hasattr(error, "error_dict") and "opening_hours" in error.error_dict:
        hours.non_form_errors().extend(
            ValidationError(error.error_dict.pop("opening_hours")).messages
        )
        if not error.error_dict:
            return
    add_domain_error(form, error)


@login_required
def add_resource(request, slug: str):
    cluster = _managed_cluster(request, slug)
    data = request.POST if request.method == "POST" else None
    form = ResourceForm(data, request.FILES or None, initial={"kind": ResourceKind.EQUIPMENT})
    hours = OpeningHoursFormSet(data, prefix="hours", initial=opening_hours_initial(None))
    if data is not None and all([form.is_valid(), hours.is_valid()]):
        try:
            resource = resource_editing.create_resource(
                user=request.user,
                cluster=cluster,
                data=form.cleaned_data,
                opening_hours=hours.weekly_hours(),
            )
        except ValidationError as error:
            _show_domain_error(error, form, hours)
        else:
            messages.success(request, _("The resource was added to the catalog."))
            return redirect(resource)
    return _resource_page(request, cluster=cluster, resource=None, form=form, hours=hours)


@login_required
def edit_resource(request, pk: int):
    resource = get_object_or_404(
        Resource.objects.select_related("cluster").prefetch_related("opening_hours"), pk=pk
    )
    if not request.user.has_perm("facilities.manage_resource", resource):
        raise PermissionDenied
    data = request.POST if request.method == "POST" else None
    form = ResourceForm(
        data,
        request.FILES or None,
        initial=model_to_dict(resource, fields=resource_editing.EDITABLE_FIELDS),
    )
    hours = OpeningHoursFormSet(data, prefix="hours", initial=opening_hours_initial(resource))
    if data is not None and all([form.is_valid(), hours.is_valid()]):
        try:
            resource = resource_editing.update_resource(
                user=request.user,
                resource=resource,
                data=form.cleaned_data,
                opening_hours=hours.weekly_hours(),
            )
        except ValidationError as error:
            _show_domain_error(error, form, hours)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(resource)
    return _resource_page(
        request, cluster=resource.cluster, resource=resource, form=form, hours=hours
    )


@login_required
def import_resources(request, slug: str):
    cluster = _managed_cluster(request, slug)
    form = ImportUploadForm(
        request.POST if request.method == "POST" else None, request.FILES or None
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = resource_import.start_resource_import(
                user=request.user, cluster=cluster, upload=form.cleaned_data["file"]
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            return redirect(job)
    context = {
        "cluster": cluster,
        "form": form,
        "columns": COLUMNS,
        "page": Paginator(_imports().filter(cluster=cluster), PAGE_SIZE).get_page(
            request.GET.get("page")
        ),
    }
    return render(request, "facilities/resource_import.html", context)


@login_required
def import_status(request, pk: int):
    """How an import is going; the page asks again every two seconds until it is done."""
    job = get_object_or_404(
        ResourceImport.objects.defer("content").select_related("cluster"), pk=pk
    )
    if not request.user.has_perm("directory.manage_cluster", job.cluster):
        raise PermissionDenied
    context = {
        "job": job,
        "problems": Paginator(job.problems, PROBLEMS_PAGE_SIZE).get_page(request.GET.get("page")),
    }
    template = (
        "facilities/_import_progress.html" if request.htmx else "facilities/import_status.html"
    )
    return render(request, template, context)


@login_required
def import_template(request):
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="ieum-equipment-list.xlsx"'
    return response
