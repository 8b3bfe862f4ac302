"""Keeps each organization's search fields up to date.

Three fields serve three kinds of match: `search_vector` (PostgreSQL full text over
Kiwi's content words of everything said about the organization), `search_text` (the
same text, lower-cased, for substring and trigram matches) and `search_names` (its
names without spaces, for misspelled or differently spaced names).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.postgres.search import SearchVector
from django.db.models import Value
from django.utils import translation

from ieum.directory.enums import OrganizationKind
from ieum.directory.korean_text import compact, content_words
from ieum.directory.models import Organization, Term

PROFILE_TERM_FIELDS = {
    "company_profile": ["therapeutic_areas", "technology_fields", "modalities", "certifications"],
    "hospital_profile": ["specialties", "services"],
    "investor_profile": ["focus_areas", "focus_fields", "preferred_stages"],
    "demand_profile": ["technology_interests", "therapeutic_interests"],
}
PROFILE_SINGLE_TERMS = {"company_profile": ["stage", "trl"]}
PROFILE_TEXT_FIELDS = {
    "demand_profile": ["headquarters_country", "open_innovation_ko", "open_innovation_en"]
}


def _term_text(term: Term) -> list[str]:
    return [term.name_ko, term.name_en, term.synonyms]


def _kind_labels(kind: str) -> list[str]:
    labels = []
    for language in ("ko", "en"):
        with translation.override(language):
            labels.append(str(OrganizationKind(kind).label))
    return labels


def _profile_texts(organization: Organization) -> list[str]:
    texts: list[str] = []
    for attribute, fields in PROFILE_TERM_FIELDS.items():
        profile = getattr(organization, attribute, None)
        if profile is None:
            continue
        for field in fields:
            for term in getattr(profile, field).all():
                texts += _term_text(term)
        for field in PROFILE_SINGLE_TERMS.get(attribute, []):
            term = getattr(profile, field)
            if term is not None:
                texts += _term_text(term)
        for field in PROFILE_TEXT_FIELDS.get(attribute, []):
            texts.append(getattr(profile, field))
    return texts


@dataclass(frozen=True)
class SearchDocument:
    # Full-text weights: what it is called (A), what it does (B), everything else (C).
    names: str
    terms: str
    other: str
    compact_names: str

    @property
    def text(self) -> str:
        return " ".join(part for part in (self.names, self.terms, self.other) if part)


def _joined(parts: list[str]) -> str:
    return " ".join(part for part in parts if part).lower()


def organization_document(organization: Organization) -> SearchDocument:
    """What search knows about an organization, split by how much each part weighs."""
    names = [organization.name_ko, organization.name_en]
    other = [
        organization.summary_ko,
        organization.summary_en,
        organization.city,
        *_kind_labels(organization.kind),
    ]
    if organization.region is not None:
        other += _term_text(organization.region)
    for cluster in organization.clusters.all():
        other += [cluster.name_ko, cluster.name_en]
    for cluster in organization.operated_clusters.all():
        names += [cluster.name_ko, cluster.name_en]
    for product in organization.products.all():
        if product.is_public:
            other += [product.name_ko, product.name_en]
    return SearchDocument(
        names=_joined(names),
        terms=_joined([*_kind_labels(organization.kind), *_profile_texts(organization)]),
        other=_joined(other),
        compact_names=" ".join(compact(name) for name in names if name),
    )


def _weighted_vector(text: str, weight: str) -> SearchVector:
    words = " ".join(content_words(text))
    return SearchVector(Value(f"{words} {text}"), config="simple", weight=weight)


def index_organizations(organizations: Iterable[Organization]) -> int:
    """Recompute the search fields of these organizations; returns how many."""
    count = 0
    for organization in organizations:
        document = organization_document(organization)
        Organization.objects.filter(pk=organization.pk).update(
            search_text=document.text,
            search_names=document.compact_names,
            search_vector=_weighted_vector(document.names, "A")
            + _weighted_vector(document.terms, "B")
            + _weighted_vector(document.other, "C"),
        )
        count += 1
    return count


def organizations_for_indexing():
    return Organization.objects.select_related(
        "region",
        "company_profile__stage",
        "company_profile__trl",
        "hospital_profile",
        "investor_profile",
        "demand_profile",
    ).prefetch_related(
        "clusters",
        "operated_clusters",
        "products",
        *[
            f"{attribute}__{field}"
            for attribute, fields in PROFILE_TERM_FIELDS.items()
            for field in fields
        ],
    )


def reindex_organization(organization_id: int) -> None:
    index_organizations(organizations_for_indexing().filter(pk=organization_id))


def reindex_all(*, batch_size: int = 500) -> int:
    count = 0
    queryset = organizations_for_indexing().order_by("pk")
    last_pk = 0
    while True:
        batch = list(queryset.filter(pk__gt=last_pk)[:batch_size])
        if not batch:
            return count
        count += index_organizations(batch)
        last_pk = batch[-1].pk
