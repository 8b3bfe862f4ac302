"""The service catalog: find an offering, read it, and for providers publish and edit theirs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ieum.core.forms import add_domain_error
from ieum.linkage import catalog, offerings
from ieum.linkage.models import ServiceOffering
from ieum.linkage.offering_forms import OfferingFilterForm, OfferingForm

PAGE_SIZE = 24


def offering_list(request):
    form = OfferingFilterForm(request.GET or None)
    found = catalog.list_offerings(user=request.user, filters=form.filters())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    template = "linkage/_offering_results.html" if request.htmx else "linkage/offering_list.html"
    context = {"form": form, "page": page, "can_add": _providers(request.user).exists()}
    return render(request, template, context)


def _visible_offering(request, pk: int) -> ServiceOffering:
    try:
        return catalog.get_offering(user=request.user, pk=pk)
    except ServiceOffering.DoesNotExist:
        raise Http404 from None


def _providers(user):
    if not user.has_perm("linkage.add_offering"):
        return offerings.providing_organizations(user).none()
    return offerings.providing_organizations(user)


def offering_detail(request, pk: int):
    offering = _visible_offering(request, pk)
    context = {
        "offering": offering,
        "can_manage": request.user.has_perm("linkage.manage_offering", offering),
    }
    return render(request, "linkage/offering_detail.html", context)


@login_required
def offering_create(request):
    providers = _providers(request.user)
    if not providers.exists():
        raise PermissionDenied
    form = OfferingForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        try:
            offering = offerings.create_offering(
                actor=request.user,
                provider=form.cleaned_data["provider"],
                data=form.offering_data(),
                therapeutic_areas=form.cleaned_data["therapeutic_areas"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The service is published in the catalog."))
            return redirect("linkage:offering", pk=offering.pk)
    status = 400 if form.errors else 200
    return render(request, "linkage/offering_form.html", {"form": form}, status=status)


@login_required
def offering_edit(request, pk: int):
    offering = _visible_offering(request, pk)
    if not request.user.has_perm("linkage.manage_offering", offering):
        raise PermissionDenied
    form = OfferingForm(request.POST or None, initial=OfferingForm.initial_for(offering))
    if request.method == "POST" and form.is_valid():
        try:
            offerings.update_offering(
                actor=request.user,
                offering=offering,
                data=form.offering_data(),
                therapeutic_areas=form.cleaned_data["therapeutic_areas"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The service is saved."))
            return redirect("linkage:offering", pk=offering.pk)
    status = 400 if form.errors else 200
    context = {"form": form, "offering": offering}
    return render(request, "linkage/offering_form.html", context, status=status)
