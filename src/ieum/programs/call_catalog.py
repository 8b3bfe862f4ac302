"""The public list of calls: which a person sees, filters, search and order.

Everyone sees published calls; a cluster's staff also see their own drafts and cancelled
calls (`visibility.visible_calls`). Open calls come first, soonest deadline first, then
upcoming ones, then closed ones, most recently closed first. A field filter finds the
calls open to a company of that field: those naming it and those with no field rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone

from ieum.directory.models import Cluster, Term
from ieum.programs.models import Call
from ieum.programs.visibility import visible_calls

SEARCHED_FIELDS = (
    "title_ko",
    "title_en",
    "body_ko",
    "body_en",
    "program__name_ko",
    "program__name_en",
    "program__cluster__name_ko",
    "program__cluster__name_en",
)
OPEN, UPCOMING, CLOSED = "open", "upcoming", "closed"


@dataclass(frozen=True)
class CallFilters:
    query: str = ""
    phase: str = ""
    cluster: Cluster | None = None
    field: Term | None = None


def _phase(phase: str, now: datetime) -> Q:
    if phase == OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    if phase == UPCOMING:
        return Q(opens_at__gt=now)
    if phase == CLOSED:
        return Q(closes_at__lte=now)
    return Q()


def _open_to_field(field: Term) -> Q:
    fields = Call.eligible_fields.through.objects.filter(call_id=OuterRef("pk"))
    return Q(Exists(fields.filter(term_id=field.pk))) | ~Q(Exists(fields))


def _matches(words: list[str]) -> Q:
    condition = Q()
    for word in words:
        either = Q()
        for name in SEARCHED_FIELDS:
            either |= Q(**{f"{name}__icontains": word})
        condition &= either
    return condition


def list_calls(*, user, filters: CallFilters, now: datetime | None = None) -> QuerySet[Call]:
    now = now or timezone.now()
    calls = visible_calls(user).filter(_phase(filters.phase, now))
    if filters.cluster is not None:
        calls = calls.filter(program__cluster=filters.cluster)
    if filters.field is not None:
        calls = calls.filter(_open_to_field(filters.field))
    words = filters.query.split()
    if words:
        calls = calls.filter(_matches(words))
    rank = Case(
        When(opens_at__lte=now, closes_at__gt=now, then=Value(0)),
        When(opens_at__gt=now, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return (
        calls.annotate(phase_rank=rank)
        .annotate(
            coming_close=Case(When(phase_rank__lt=2, then=F("closes_at"))),
            past_close=Case(When(phase_rank=2, then=F("closes_at"))),
        )
        .order_by(
            "phase_rank",
            F("coming_close").asc(nulls_last=True),
            F("past_close").desc(nulls_last=True),
            "pk",
        )
        .select_related("program__cluster")
        .prefetch_related("eligible_fields", "eligible_regions")
    )
