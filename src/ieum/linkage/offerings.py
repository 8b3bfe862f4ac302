"""Service offerings: what providers give companies, kept by the providers themselves."""

from __future__ import annotations

from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import Organization
from ieum.linkage.enums import FeeBasis
from ieum.linkage.models import ServiceOffering

OFFERING_FIELDS = (
    "service_type",
    "name_ko",
    "name_en",
    "description_ko",
    "description_en",
    "expertise_ko",
    "expertise_en",
    "lead_time_days",
    "response_days",
    "fee_basis",
    "fee_krw",
    "program_name",
    "required_documents",
    "contact_email",
    "is_active",
)
# Hospitals, cluster operators, universities and institutes, and companies (expert
# firms: regulatory, GMP and IP consultancies) may offer services.
PROVIDER_KINDS = (
    OrganizationKind.HOSPITAL,
    OrganizationKind.CLUSTER_OPERATOR,
    OrganizationKind.UNIVERSITY,
    OrganizationKind.PUBLIC_AGENCY,
    OrganizationKind.COMPANY,
)


def providing_organizations(user) -> QuerySet[Organization]:
    """The organizations a person may publish offerings for."""
    organizations = Organization.objects.filter(kind__in=PROVIDER_KINDS)
    if not access_for(user).is_platform_admin:
        organizations = organizations.filter(pk__in=access_for(user).organization_ids)
    return organizations.order_by("name_ko")


def _apply(offering: ServiceOffering, data: dict[str, Any], therapeutic_areas) -> None:
    unknown = set(data) - set(OFFERING_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for field, value in data.items():
        setattr(offering, field, value)
    errors = {}
    if not (offering.name_ko or "").strip():
        errors["name_ko"] = _("Give the service a Korean name.")
    if offering.fee_basis == FeeBasis.FIXED and offering.fee_krw is None:
        errors["fee_krw"] = _("A fixed fee needs its amount.")
    if offering.fee_krw is not None and offering.fee_krw < 0:
        errors["fee_krw"] = _("The fee cannot be negative.")
    if offering.response_days < 1:
        errors["response_days"] = _("Allow at least one business day to answer.")
    if errors:
        raise ValidationError(errors)
    if offering.fee_basis == FeeBasis.FREE_UNDER_PROGRAM:
        offering.fee_krw = None


def create_offering(
    *, actor, provider: Organization, data: dict[str, Any], therapeutic_areas=()
) -> ServiceOffering:
    if not providing_organizations(actor).filter(pk=provider.pk).exists():
        raise PermissionDenied(_("You cannot publish services for this organization."))
    offering = ServiceOffering(provider=provider)
    _apply(offering, data, therapeutic_areas)
    with transaction.atomic(), set_actor(actor):
        offering.save()
        offering.therapeutic_areas.set(therapeutic_areas)
    return offering


def update_offering(
    *, actor, offering: ServiceOffering, data: dict[str, Any], therapeutic_areas=None
) -> ServiceOffering:
    with transaction.atomic(), set_actor(actor):
        offering = ServiceOffering.objects.select_for_update().get(pk=offering.pk)
        if not actor.has_perm("linkage.manage_offering", offering):
            raise PermissionDenied(_("You cannot change this service."))
        _apply(offering, data, therapeutic_areas)
        offering.save()
        if therapeutic_areas is not None:
            offering.therapeutic_areas.set(therapeutic_areas)
    return offering
