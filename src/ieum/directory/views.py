from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ieum.accounts import domain as accounts_domain
from ieum.accounts.forms import InvitationForm
from ieum.directory import domain
from ieum.directory.forms import PROFILE_FORMS, DirectoryFilterForm, OrganizationForm
from ieum.directory.models import Cluster, ClusterMember, Organization

PAGE_SIZE = 20


def directory_list(request):
    form = DirectoryFilterForm(request.GET or None)
    filters = domain.DirectoryFilters()
    if form.is_valid():
        data = form.cleaned_data
        filters = domain.DirectoryFilters(
            query=data["q"],
            kind=data["kind"],
            region=data["region"],
            cluster=data["cluster"],
            therapeutic_area=data["area"],
            stage=data["stage"],
        )
    page = Paginator(domain.list_directory(filters=filters), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    context = {"form": form, "page": page, "filters": filters}
    template = "directory/_results.html" if request.htmx else "directory/list.html"
    return render(request, template, context)


def _visible_organization(request, slug: str) -> Organization:
    # Without a reason to see it, an unlisted organization does not exist: 404, not 403.
    organization = get_object_or_404(
        domain.visible_organizations(user=request.user).select_related("region"), slug=slug
    )
    if not request.user.has_perm("directory.see_organization", organization):
        raise Http404
    return organization


def organization_detail(request, slug: str):
    organization = _visible_organization(request, slug)
    show_confidential = request.user.has_perm("directory.see_confidential", organization)
    products = organization.products.select_related("device_class", "approval_route")
    if not show_confidential:
        products = products.filter(is_public=True)
    context = {
        "organization": organization,
        "profile": domain.get_profile(organization),
        "products": products,
        "clusters": organization.clusters.select_related("region"),
        "operated_clusters": organization.operated_clusters.all(),
        "show_confidential": show_confidential,
        "can_edit": request.user.has_perm("directory.edit_profile", organization),
        "can_invite": request.user.has_perm("directory.invite_member", organization),
    }
    return render(request, "directory/organization.html", context)


@login_required
def organization_edit(request, slug: str):
    organization = _visible_organization(request, slug)
    if not request.user.has_perm("directory.edit_profile", organization):
        raise PermissionDenied
    profile_form_class = PROFILE_FORMS.get(organization.kind)
    profile = domain.get_profile(organization)
    if profile is None and profile_form_class is not None:
        profile = profile_form_class._meta.model(organization=organization)
    data = request.POST if request.method == "POST" else None
    form = OrganizationForm(data, instance=organization, prefix="org")
    profile_form = (
        profile_form_class(data, instance=profile, prefix="profile") if profile_form_class else None
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and (profile_form is None or profile_form.is_valid())
    ):
        try:
            domain.update_organization(
                actor=request.user,
                organization=organization,
                organization_data={name: form.cleaned_data[name] for name in form.fields},
                profile_data=profile_form.profile_data() if profile_form else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The profile was saved."))
            return redirect(organization)
    context = {"organization": organization, "form": form, "profile_form": profile_form}
    return render(request, "directory/organization_edit.html", context)


def cluster_list(request):
    clusters = (
        Cluster.objects.select_related("region", "operator")
        .prefetch_related("focus_fields")
        .annotate(member_count=Count("memberships"))
        .order_by("name_ko")
    )
    return render(request, "directory/clusters.html", {"clusters": clusters})


def cluster_detail(request, slug: str):
    cluster = get_object_or_404(
        Cluster.objects.select_related("region", "operator").prefetch_related("focus_fields"),
        slug=slug,
    )
    members = (
        ClusterMember.objects.filter(cluster=cluster, organization__is_listed=True)
        .select_related("organization__region")
        .order_by("organization__name_ko")
    )
    page = Paginator(members, 30).get_page(request.GET.get("page"))
    return render(request, "directory/cluster.html", {"cluster": cluster, "page": page})


@login_required
def audit_log(request):
    if not request.user.has_perm("directory.see_audit_log"):
        raise PermissionDenied
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp")
    model = request.GET.get("model", "")
    if model:
        entries = entries.filter(content_type__model=model)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "directory/audit_log.html", {"page": page, "model": model})


@login_required
def invite_member(request, slug: str):
    organization = _visible_organization(request, slug)
    if not request.user.has_perm("directory.invite_member", organization):
        raise PermissionDenied
    form = InvitationForm(request.POST or None, organization=organization)
    if request.method == "POST" and form.is_valid():
        try:
            accounts_domain.invite_member(
                actor=request.user,
                organization=organization,
                email=form.cleaned_data["email"],
                role=form.cleaned_data["role"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The invitation was sent."))
            return redirect(organization)
    return render(request, "directory/invite.html", {"organization": organization, "form": form})
