"""Which providers suit a request, best first, and why.

Only active services of the requested type are candidates, never the company itself.
Each candidate scores:

- specialty: +3 when the service (or the hospital's profile) covers the request's
  therapeutic area;
- region: +1 when the provider is in the company's region;
- load: −0.5 for each request the provider holds open now (assigned, accepted, in
  progress), so work spreads across providers of equal fit;
- speed: −0.25 per business day of its average first answer (accept or decline)
  over past requests; a provider without history counts its promised days.

A provider that already declined this request goes to the end of the list. The
reasons are shown beside each suggestion, e.g. "심혈관질환 전문 · 임상시험 컨설팅 제공 ·
응답 평균 3일", so staff can see why and overrule it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from statistics import mean

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ieum.core.business_days import SEOUL, business_days_between
from ieum.linkage.enums import RequestStatus, Step
from ieum.linkage.models import RequestEvent, ServiceOffering, ServiceRequest

SPECIALTY_WEIGHT = 3.0
REGION_WEIGHT = 1.0
LOAD_PENALTY = 0.5
DAY_PENALTY = 0.25
OPEN_HELD_STATUSES = (RequestStatus.ASSIGNED, RequestStatus.ACCEPTED, RequestStatus.IN_PROGRESS)


@dataclass
class Suggestion:
    offering: ServiceOffering
    score: float
    reasons: list[str] = field(default_factory=list)
    matches_specialty: bool = False
    open_requests: int = 0
    average_response_days: float | None = None
    declined_before: bool = False

    @property
    def reason(self) -> str:
        return " · ".join(self.reasons)


def provider_loads(provider_ids: set[int]) -> dict[int, int]:
    rows = (
        ServiceRequest.objects.filter(provider_id__in=provider_ids, status__in=OPEN_HELD_STATUSES)
        .values("provider_id")
        .annotate(n=Count("pk"))
        .values_list("provider_id", "n")
    )
    return dict(rows)


def average_response_days(provider_ids: set[int]) -> dict[int, float]:
    """Mean business days from assignment to the provider's accept or decline."""
    events = RequestEvent.objects.filter(
        provider_id__in=provider_ids, step__in=(Step.ASSIGN, Step.ACCEPT, Step.DECLINE)
    ).order_by("request_id", "at", "pk")
    waits: dict[int, list[int]] = defaultdict(list)
    assigned: dict[tuple[int, int], object] = {}
    for event_request, provider_id, step, at in events.values_list(
        "request_id", "provider_id", "step", "at"
    ):
        key = (event_request, provider_id)
        if step == Step.ASSIGN:
            assigned[key] = at
        elif key in assigned:
            start = assigned.pop(key)
            waits[provider_id].append(
                business_days_between(start.astimezone(SEOUL).date(), at.astimezone(SEOUL).date())
            )
    return {provider_id: mean(days) for provider_id, days in waits.items()}


def suggest_providers(request: ServiceRequest, *, limit: int = 5) -> list[Suggestion]:
    offerings = list(
        ServiceOffering.objects.filter(service_type=request.service_type, is_active=True)
        .exclude(provider_id=request.company_id)
        .select_related("provider", "provider__region", "provider__hospital_profile")
        .prefetch_related("therapeutic_areas", "provider__hospital_profile__specialties")
    )
    if not offerings:
        return []
    provider_ids = {offering.provider_id for offering in offerings}
    loads = provider_loads(provider_ids)
    speeds = average_response_days(provider_ids)
    declined = set(
        RequestEvent.objects.filter(request=request, step=Step.DECLINE).values_list(
            "provider_id", flat=True
        )
    )
    company = request.company
    area = request.therapeutic_area
    suggestions = []
    for offering in offerings:
        provider = offering.provider
        suggestion = Suggestion(offering=offering, score=0.0)
        if area is not None and area.pk in _areas_of(offering):
            suggestion.matches_specialty = True
            suggestion.score += SPECIALTY_WEIGHT
            suggestion.reasons.append(_("%(area)s specialty") % {"area": area.name})
        suggestion.reasons.append(
            _("offers %(service)s") % {"service": offering.get_service_type_display()}
        )
        if company.region_id is not None and provider.region_id == company.region_id:
            suggestion.score += REGION_WEIGHT
            suggestion.reasons.append(
                _("same region (%(region)s)") % {"region": provider.region.name}
            )
        suggestion.open_requests = loads.get(provider.pk, 0)
        suggestion.score -= LOAD_PENALTY * suggestion.open_requests
        if suggestion.open_requests:
            suggestion.reasons.append(
                ngettext(
                    "%(count)d open request", "%(count)d open requests", suggestion.open_requests
                )
                % {"count": suggestion.open_requests}
            )
        days = speeds.get(provider.pk)
        suggestion.average_response_days = days
        suggestion.score -= DAY_PENALTY * (days if days is not None else offering.response_days)
        if days is not None:
            suggestion.reasons.append(
                _("answers in %(days)s business days on average")
                % {"days": f"{days:.1f}".rstrip("0").rstrip(".")}
            )
        if provider.pk in declined:
            suggestion.declined_before = True
            suggestion.reasons.append(_("declined this request before"))
        suggestions.append(suggestion)
    suggestions.sort(
        key=lambda s: (s.declined_before, -s.score, s.offering.provider.name_ko, s.offering.pk)
    )
    return suggestions[:limit]


def _areas_of(offering: ServiceOffering) -> set[int]:
    areas = {term.pk for term in offering.therapeutic_areas.all()}
    profile = getattr(offering.provider, "hospital_profile", None)
    if profile is not None:
        areas |= {term.pk for term in profile.specialties.all()}
    return areas
