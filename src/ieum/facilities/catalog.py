"""The national catalog of facilities and equipment: search and filters."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet

from ieum.directory.models import Cluster
from ieum.facilities.enums import EquipmentCategory, ResourceKind, ResourceStatus
from ieum.facilities.models import Resource

SEARCHED_FIELDS = (
    "name_ko",
    "name_en",
    "maker",
    "model_name",
    "nfec_number",
    "specifications_ko",
    "specifications_en",
    "location",
    "cluster__name_ko",
    "cluster__name_en",
)


@dataclass(frozen=True)
class CatalogFilters:
    query: str = ""
    cluster: Cluster | None = None
    kind: str = ""
    category: str = ""
    status: str = ""


def _labels_matching(word: str, choices) -> list[str]:
    # People search by the shown label ("분석", "clean room"), which is not stored.
    lowered = word.lower()
    return [value for value, label in choices if lowered in str(label).lower()]


def list_resources(*, filters: CatalogFilters) -> QuerySet[Resource]:
    """Resources matching every word of the query in Korean or English, and the filters."""
    resources = Resource.objects.select_related("cluster")
    for word in filters.query.split()[:8]:
        matches = Q()
        for field in SEARCHED_FIELDS:
            matches |= Q(**{f"{field}__icontains": word})
        kinds = _labels_matching(word, ResourceKind.choices)
        categories = _labels_matching(word, EquipmentCategory.choices)
        if kinds:
            matches |= Q(kind__in=kinds)
        if categories:
            matches |= Q(category__in=categories)
        resources = resources.filter(matches)
    if filters.cluster is not None:
        resources = resources.filter(cluster=filters.cluster)
    if filters.kind in ResourceKind.values:
        resources = resources.filter(kind=filters.kind)
    if filters.category in EquipmentCategory.values:
        resources = resources.filter(category=filters.category)
    if filters.status in ResourceStatus.values:
        resources = resources.filter(status=filters.status)
    return resources.order_by("cluster__name_ko", "name_ko", "pk")
