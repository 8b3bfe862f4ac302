"""Reading and changing the directory. Pages and the API both call these functions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils.translation import gettext as _

from ieum.accounts.access import access_for
from ieum.directory.enums import OrganizationKind
from ieum.directory.models import (
    Cluster,
    ClusterMember,
    CompanyProfile,
    DemandCompanyProfile,
    HospitalProfile,
    InvestorProfile,
    Organization,
    Term,
)
from ieum.directory.search import search_organizations
from ieum.directory.search_index import reindex_organization

PROFILE_MODELS = {
    OrganizationKind.COMPANY: CompanyProfile,
    OrganizationKind.HOSPITAL: HospitalProfile,
    OrganizationKind.INVESTOR: InvestorProfile,
    OrganizationKind.DEMAND_COMPANY: DemandCompanyProfile,
}
PROFILE_ATTRIBUTES = {
    OrganizationKind.COMPANY: "company_profile",
    OrganizationKind.HOSPITAL: "hospital_profile",
    OrganizationKind.INVESTOR: "investor_profile",
    OrganizationKind.DEMAND_COMPANY: "demand_profile",
}
EDITABLE_ORGANIZATION_FIELDS = {
    "name_en",
    "summary_ko",
    "summary_en",
    "website",
    "email",
    "phone",
    "address",
    "city",
    "region",
    "is_listed",
}


@dataclass(frozen=True)
class DirectoryFilters:
    query: str = ""
    kind: str = ""
    region: Term | None = None
    cluster: Cluster | None = None
    therapeutic_area: Term | None = None
    stage: Term | None = None


def visible_organizations(*, user) -> QuerySet[Organization]:
    """Organizations this person may open: listed ones, plus those they have a reason to see."""
    access = access_for(user)
    if access.is_platform_admin:
        return Organization.objects.all()
    reachable = access.organization_ids | access.staffed_organization_ids
    return Organization.objects.filter(Q(is_listed=True) | Q(pk__in=reachable))


def _with_list_data(queryset: QuerySet[Organization]) -> QuerySet[Organization]:
    return queryset.select_related(
        "region",
        "company_profile__stage",
        "hospital_profile",
        "investor_profile",
        "demand_profile",
    ).prefetch_related(
        Prefetch("clusters", queryset=Cluster.objects.only("pk", "slug", "name_ko", "name_en")),
        "company_profile__therapeutic_areas",
        "hospital_profile__specialties",
        "investor_profile__focus_areas",
        "demand_profile__therapeutic_interests",
    )


def _has_therapeutic_area(term: Term) -> Q:
    through = {
        "company": CompanyProfile.therapeutic_areas.through.objects.filter(
            companyprofile_id=OuterRef("pk"), term=term
        ),
        "hospital": HospitalProfile.specialties.through.objects.filter(
            hospitalprofile_id=OuterRef("pk"), term=term
        ),
        "investor": InvestorProfile.focus_areas.through.objects.filter(
            investorprofile_id=OuterRef("pk"), term=term
        ),
        "demand": DemandCompanyProfile.therapeutic_interests.through.objects.filter(
            demandcompanyprofile_id=OuterRef("pk"), term=term
        ),
    }
    condition = Q()
    for subquery in through.values():
        condition |= Q(Exists(subquery))
    return condition


def list_directory(*, filters: DirectoryFilters) -> QuerySet[Organization]:
    """The public directory: listed organizations, searched and filtered."""
    queryset = Organization.objects.filter(is_listed=True)
    if filters.kind:
        queryset = queryset.filter(kind=filters.kind)
    if filters.region is not None:
        queryset = queryset.filter(region=filters.region)
    if filters.cluster is not None:
        queryset = queryset.filter(
            Q(
                Exists(
                    ClusterMember.objects.filter(
                        cluster=filters.cluster, organization_id=OuterRef("pk")
                    )
                )
            )
            | Q(pk=filters.cluster.operator_id)
        )
    if filters.therapeutic_area is not None:
        queryset = queryset.filter(_has_therapeutic_area(filters.therapeutic_area))
    if filters.stage is not None:
        queryset = queryset.filter(company_profile__stage=filters.stage)
    if filters.query.strip():
        queryset = search_organizations(queryset, filters.query)
    else:
        queryset = queryset.order_by("kind", "name_ko")
    return _with_list_data(queryset)


def get_profile(organization: Organization):
    attribute = PROFILE_ATTRIBUTES.get(organization.kind)
    if attribute is None:
        return None
    return getattr(organization, attribute, None)


def ensure_profile(organization: Organization):
    model = PROFILE_MODELS.get(organization.kind)
    if model is None:
        return None
    profile, _created = model.objects.get_or_create(organization=organization)
    return profile


@transaction.atomic
def update_organization(
    *,
    actor,
    organization: Organization,
    organization_data: dict[str, Any],
    profile_data: dict[str, Any] | None = None,
) -> Organization:
    """Change an organization's public and confidential profile, checked and audit-logged.

    `profile_data` may hold many-to-many fields as lists of terms. Nothing is written
    when any value is invalid or the actor may not edit this organization.
    """
    if not actor.has_perm("directory.edit_profile", organization):
        raise PermissionDenied
    unknown = set(organization_data) - EDITABLE_ORGANIZATION_FIELDS
    if unknown:
        raise ValidationError({field: _("This field cannot be changed here.") for field in unknown})
    with set_actor(actor):
        organization = Organization.objects.select_for_update().get(pk=organization.pk)
        for field, value in organization_data.items():
            setattr(organization, field, value)
        organization.full_clean()
        organization.save()
        if profile_data:
            _update_profile(organization, profile_data)
    transaction.on_commit(lambda: reindex_organization(organization.pk))
    return organization


def _update_profile(organization: Organization, profile_data: dict[str, Any]) -> None:
    profile = ensure_profile(organization)
    if profile is None:
        raise ValidationError(_("This kind of organization has no profile."))
    many_to_many = {field.name for field in profile._meta.many_to_many}
    for field, value in profile_data.items():
        if field not in many_to_many:
            setattr(profile, field, value)
    profile.full_clean()
    profile.save()
    for field, value in profile_data.items():
        if field in many_to_many:
            _check_vocabulary(profile, field, value)
            getattr(profile, field).set(value)


def _check_vocabulary(profile, field: str, terms) -> None:
    vocabulary = profile._meta.get_field(field).remote_field.limit_choices_to["vocabulary"]
    wrong = [term for term in terms if term.vocabulary != vocabulary]
    if wrong:
        raise ValidationError(
            {field: _("%(terms)s cannot be used here.") % {"terms": ", ".join(map(str, wrong))}}
        )
