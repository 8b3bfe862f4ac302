"""Technology needs: what a demand company seeks at an event, and finding them.

A need belongs to a demand company's registration at an open event. Startups answer
it with proposals (`proposals.py`) until its proposals close.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.directory.enums import Vocabulary
from ieum.directory.models import Term
from ieum.partnering.enums import DealType, EventStatus, PartyKind
from ieum.partnering.models import Event, Registration, TechnologyNeed

TEXT_FIELDS = ("title_ko", "title_en", "description_ko", "description_en")
TERM_FIELDS = {
    "areas": (Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD),
    "modalities": (Vocabulary.MODALITY,),
    "stages": (Vocabulary.TRL,),
}
EDITABLE_FIELDS = (*TEXT_FIELDS, *TERM_FIELDS, "deal_types", "proposals_close_at", "is_published")


def check_deal_types(deal_types: Iterable[str]) -> list[str]:
    """The deal types as a list without repeats, refused when one is unknown."""
    chosen = list(dict.fromkeys(deal_types))
    unknown = [value for value in chosen if value not in DealType.values]
    if unknown:
        raise ValidationError(
            {"deal_types": _("Unknown deal type: %(value)s") % {"value": ", ".join(unknown)}}
        )
    return chosen


def deal_type_labels(values: Iterable[str]) -> list[str]:
    """The deal types' names in the active language, for pages."""
    return [DealType(value).label for value in values if value in DealType.values]


def _check_terms(field: str, terms: Iterable[Term]) -> list[Term]:
    terms = list(terms)
    allowed = TERM_FIELDS[field]
    if any(term.vocabulary not in allowed for term in terms):
        raise ValidationError({field: _("Choose terms from the offered list only.")})
    return terms


def _check_texts(values: dict) -> dict:
    cleaned = {name: (values.get(name) or "").strip() for name in TEXT_FIELDS}
    if not cleaned["title_ko"]:
        raise ValidationError({"title_ko": _("Give the need a Korean title.")})
    if not cleaned["description_ko"]:
        raise ValidationError({"description_ko": _("Describe the need in Korean.")})
    return cleaned


def _check_close(moment: datetime | None, *, now: datetime) -> None:
    if moment is None:
        return
    if moment.tzinfo is None:
        raise ValidationError({"proposals_close_at": _("Give times with their time zone.")})
    if moment <= now:
        raise ValidationError({"proposals_close_at": _("Proposals must close in the future.")})


@transaction.atomic
def post_need(
    *,
    registration: Registration,
    by,
    title_ko: str,
    description_ko: str,
    title_en: str = "",
    description_en: str = "",
    areas: Iterable[Term] = (),
    modalities: Iterable[Term] = (),
    stages: Iterable[Term] = (),
    deal_types: Iterable[str] = (),
    proposals_close_at: datetime | None = None,
) -> TechnologyNeed:
    """Publish a demand company's technology need at its event."""
    registration = (
        Registration.objects.select_for_update(of=("self",))
        .select_related("event")
        .get(pk=registration.pk)
    )
    if registration.kind != PartyKind.DEMAND_COMPANY:
        raise ValidationError(_("Only demand companies registered at the event post needs."))
    if registration.is_cancelled:
        raise ValidationError(_("This registration is cancelled."))
    if registration.event.status != EventStatus.OPEN:
        raise ValidationError(_("The event does not take new needs now."))
    texts = _check_texts(
        {
            "title_ko": title_ko,
            "title_en": title_en,
            "description_ko": description_ko,
            "description_en": description_en,
        }
    )
    terms = {
        "areas": _check_terms("areas", areas),
        "modalities": _check_terms("modalities", modalities),
        "stages": _check_terms("stages", stages),
    }
    _check_close(proposals_close_at, now=timezone.now())
    need = TechnologyNeed.objects.create(
        event=registration.event,
        registration=registration,
        deal_types=check_deal_types(deal_types),
        proposals_close_at=proposals_close_at,
        **texts,
    )
    for field, chosen in terms.items():
        getattr(need, field).set(chosen)
    return need


@transaction.atomic
def update_need(*, need: TechnologyNeed, by, **fields) -> TechnologyNeed:
    """Change a need's texts, terms, deal types, closing time or publication."""
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(
            _("These fields cannot be changed: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    need = (
        TechnologyNeed.objects.select_for_update(of=("self",))
        .select_related("event", "registration")
        .get(pk=need.pk)
    )
    if need.event.status == EventStatus.CLOSED:
        raise ValidationError(_("The event is closed; its needs can no longer change."))
    texts = _check_texts({name: fields.get(name, getattr(need, name)) for name in TEXT_FIELDS})
    terms = {field: _check_terms(field, fields[field]) for field in TERM_FIELDS if field in fields}
    if "deal_types" in fields:
        need.deal_types = check_deal_types(fields["deal_types"])
    if "proposals_close_at" in fields and fields["proposals_close_at"] != need.proposals_close_at:
        _check_close(fields["proposals_close_at"], now=timezone.now())
        need.proposals_close_at = fields["proposals_close_at"]
    if "is_published" in fields:
        need.is_published = bool(fields["is_published"])
    for name, value in texts.items():
        setattr(need, name, value)
    need.save()
    for field, chosen in terms.items():
        getattr(need, field).set(chosen)
    return need


# Reading: the public list of needs.


@dataclass(frozen=True)
class NeedFilters:
    query: str = ""
    event: Event | None = None
    area: Term | None = None
    modality: Term | None = None
    deal_type: str = ""


def published_needs() -> QuerySet[TechnologyNeed]:
    """Needs anyone may read: published, at public events past their draft."""
    return TechnologyNeed.objects.filter(is_published=True, event__is_public=True).exclude(
        event__status=EventStatus.DRAFT
    )


def list_needs(*, filters: NeedFilters) -> QuerySet[TechnologyNeed]:
    """Published needs matching the filters, newest first, ready for a list page."""
    needs = published_needs()
    if filters.event is not None:
        needs = needs.filter(event=filters.event)
    if filters.area is not None:
        needs = needs.filter(areas=filters.area)
    if filters.modality is not None:
        needs = needs.filter(modalities=filters.modality)
    if filters.deal_type:
        needs = needs.filter(deal_types__contains=[filters.deal_type])
    for word in filters.query.split():
        needs = needs.filter(
            Q(title_ko__icontains=word)
            | Q(title_en__icontains=word)
            | Q(description_ko__icontains=word)
            | Q(description_en__icontains=word)
            | Q(registration__organization__name_ko__icontains=word)
            | Q(registration__organization__name_en__icontains=word)
        )
    return (
        needs.select_related("event", "registration__organization")
        .prefetch_related("areas", "modalities", "stages")
        .distinct()
        .order_by("-created_at", "-pk")
    )
