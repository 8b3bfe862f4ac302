"""Writing a request before it is sent: create a draft, change it, attach files.

The routing cluster defaults to a cluster the company belongs to (the longest
membership first), so most companies never have to choose.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.core.business_days import seoul_today
from ieum.directory.enums import OrganizationKind, Vocabulary
from ieum.directory.models import Cluster, ClusterMember, Organization
from ieum.linkage.enums import RequestStatus, ServiceType, Step
from ieum.linkage.errors import IllegalTransition
from ieum.linkage.models import RequestEvent, ServiceRequest
from ieum.linkage.threads import check_files, store_files

EDITABLE_FIELDS = (
    "service_type",
    "title",
    "description",
    "product_name",
    "product_stage",
    "therapeutic_area",
    "device_class",
    "goal",
    "wanted_by",
    "is_confidential",
    "cluster",
    "addressed_offering",
)
VOCABULARY_FIELDS = {
    "therapeutic_area": Vocabulary.THERAPEUTIC_AREA,
    "device_class": Vocabulary.DEVICE_CLASS,
}
# Providers do not ask providers for services through this desk.
REQUESTING_KINDS = (OrganizationKind.COMPANY, OrganizationKind.UNIVERSITY)


def requesting_organizations(user):
    """The organizations a person may file requests for."""
    return Organization.objects.filter(
        pk__in=access_for(user).organization_ids, kind__in=REQUESTING_KINDS
    ).order_by("name_ko")


def default_cluster(company: Organization) -> Cluster | None:
    membership = (
        ClusterMember.objects.filter(organization=company)
        .select_related("cluster")
        .order_by("joined_on", "pk")
        .first()
    )
    return membership.cluster if membership else None


def _apply(request: ServiceRequest, data: dict[str, Any]) -> None:
    unknown = set(data) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    for field, value in data.items():
        setattr(request, field, value)
    errors: dict[str, str] = {}
    if request.service_type not in ServiceType.values:
        errors["service_type"] = _("Choose a service type.")
    if not (request.title or "").strip():
        errors["title"] = _("Give the request a title.")
    if not (request.description or "").strip():
        errors["description"] = _("Describe what you need.")
    for field, vocabulary in VOCABULARY_FIELDS.items():
        chosen = getattr(request, field)
        if chosen is not None and chosen.vocabulary != vocabulary:
            errors[field] = _("Choose a term from the list.")
    if request.wanted_by is not None and request.wanted_by < seoul_today():
        errors["wanted_by"] = _("The wanted-by date is in the past.")
    offering = request.addressed_offering
    if offering is not None:
        if not offering.is_active:
            errors["addressed_offering"] = _("This service does not take requests now.")
        elif offering.service_type != request.service_type:
            errors["addressed_offering"] = _(
                "The chosen service is of another type than the request."
            )
        elif offering.provider_id == request.company_id:
            errors["addressed_offering"] = _("A company cannot serve its own request.")
    if errors:
        raise ValidationError(errors)
    request.title = request.title.strip()
    request.description = request.description.strip()


def create_request(
    *,
    actor,
    company: Organization,
    data: dict[str, Any],
    uploads: Iterable[UploadedFile] = (),
) -> ServiceRequest:
    """Save a draft for `company`; nobody but the company sees it until it is submitted."""
    if not requesting_organizations(actor).filter(pk=company.pk).exists():
        raise PermissionDenied(_("You cannot file requests for this organization."))
    data = dict(data)
    if data.get("cluster") is None:
        data["cluster"] = default_cluster(company)
    request = ServiceRequest(company=company, created_by=actor, status=RequestStatus.DRAFT)
    _apply(request, data)
    checked = check_files(uploads)
    with transaction.atomic(), set_actor(actor):
        request.save()
        RequestEvent.objects.create(
            request=request,
            step=Step.CREATE,
            to_status=RequestStatus.DRAFT,
            actor=actor,
            at=request.created_at,
        )
        store_files(request=request, actor=actor, checked=checked)
    return request


def update_request(
    *,
    actor,
    request: ServiceRequest,
    data: dict[str, Any],
    uploads: Iterable[UploadedFile] = (),
) -> ServiceRequest:
    """Change a draft; once submitted, changes go through the thread instead."""
    checked = check_files(uploads)
    with transaction.atomic(), set_actor(actor):
        request = ServiceRequest.objects.select_for_update(of=("self",)).get(pk=request.pk)
        if not actor.has_perm("linkage.view_request", request):
            raise ServiceRequest.DoesNotExist
        if not actor.has_perm("linkage.submit_request", request):
            raise PermissionDenied(_("Only the requesting company changes its request."))
        if request.status != RequestStatus.DRAFT:
            raise IllegalTransition(_("Only drafts can be changed; write on the thread instead."))
        if "cluster" in data and data["cluster"] is None:
            data = {**data, "cluster": default_cluster(request.company)}
        _apply(request, data)
        request.save()
        store_files(request=request, actor=actor, checked=checked)
    return request
