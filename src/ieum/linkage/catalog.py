"""The public catalog of service offerings: who sees which, search and filters.

Anyone sees the active offerings of listed providers. The provider's own members and
platform admins also see its inactive ones (and those of an unlisted provider), so
they can find and reopen them; nobody else learns they exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ieum.accounts.access import access_for
from ieum.directory.models import Term
from ieum.linkage.enums import RequiredDocument, ServiceType
from ieum.linkage.models import ServiceOffering

SEARCHED_FIELDS = (
    "name_ko",
    "name_en",
    "description_ko",
    "description_en",
    "expertise_ko",
    "expertise_en",
    "program_name",
    "provider__name_ko",
    "provider__name_en",
)
AREA_FIELDS = ("name_ko", "name_en", "synonyms")


@dataclass(frozen=True)
class OfferingFilters:
    query: str = ""
    service_type: str = ""
    area: Term | None = None
    provider_kind: str = ""
    region: Term | None = None


def visible_offerings(user) -> QuerySet[ServiceOffering]:
    """The offerings a person may know of: public ones, and those they manage."""
    access = access_for(user)
    offerings = ServiceOffering.objects.all()
    if access.is_platform_admin:
        return offerings
    public = Q(is_active=True, provider__is_listed=True)
    if access.organization_ids:
        public |= Q(provider_id__in=access.organization_ids)
    return offerings.filter(public)


def _labels_matching(word: str, choices) -> list[str]:
    # People search by the shown label ("임상", "GMP"), which is not stored.
    lowered = word.lower()
    return [value for value, label in choices if lowered in str(label).lower()]


def _word_matches(word: str) -> Q:
    matches = Q()
    for field in SEARCHED_FIELDS:
        matches |= Q(**{f"{field}__icontains": word})
    areas = Q()
    for field in AREA_FIELDS:
        areas |= Q(**{f"therapeutic_areas__{field}__icontains": word})
    # A subquery, so that an offering with two matching areas is listed once.
    matches |= Q(pk__in=ServiceOffering.objects.filter(areas).values("pk"))
    service_types = _labels_matching(word, ServiceType.choices)
    if service_types:
        matches |= Q(service_type__in=service_types)
    documents = _labels_matching(word, RequiredDocument.choices)
    if documents:
        matches |= Q(required_documents__overlap=documents)
    return matches


def list_offerings(*, user, filters: OfferingFilters) -> QuerySet[ServiceOffering]:
    """Offerings the person may see matching every word of the query and the filters."""
    offerings = visible_offerings(user)
    for word in filters.query.split()[:8]:
        offerings = offerings.filter(_word_matches(word))
    if filters.service_type in ServiceType.values:
        offerings = offerings.filter(service_type=filters.service_type)
    if filters.area is not None:
        offerings = offerings.filter(
            pk__in=ServiceOffering.objects.filter(therapeutic_areas=filters.area).values("pk")
        )
    if filters.provider_kind:
        offerings = offerings.filter(provider__kind=filters.provider_kind)
    if filters.region is not None:
        offerings = offerings.filter(provider__region=filters.region)
    return (
        offerings.select_related("provider", "provider__region")
        .prefetch_related("therapeutic_areas")
        .order_by("-is_active", "service_type", "provider__name_ko", "name_ko", "pk")
    )


def get_offering(*, user, pk: int) -> ServiceOffering:
    """One offering the person may see, or `ServiceOffering.DoesNotExist`."""
    return (
        visible_offerings(user)
        .select_related("provider", "provider__region")
        .prefetch_related("therapeutic_areas")
        .get(pk=pk)
    )
