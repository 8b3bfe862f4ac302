"""Which requests the demo holds: about a hundred from companies across the clusters,
of every service type and every state, drawn from a fixed seed.

Finished requests (closed, cancelled) spread over the time since January 2025; open
ones are recent, some of them past their deadline. Open requests go to providers
other than 연세의료원, whose open work is the walkthrough's (see `walkthrough.py`), so
that its load stays as the walkthrough expects.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from ieum.directory.enums import OrganizationKind, Vocabulary
from ieum.directory.models import ClusterMember, CompanyProfile, Organization, Product, Term
from ieum.linkage.demo.request_texts import ASKS, STAGES
from ieum.linkage.demo.stories import Plan, age_for, cancelled, story
from ieum.linkage.enums import RequestStatus, ServiceType
from ieum.linkage.models import ServiceOffering

S = RequestStatus
T = ServiceType
YONSEI = "yonsei-health-system"
COMPANY_COUNT = 45
TYPE_COUNTS = {
    T.CLINICAL_TRIAL_CONSULTING: 11,
    T.INVESTIGATOR_INITIATED_TRIAL: 7,
    T.CLINICAL_VALIDATION: 13,
    T.MEDICAL_DATA: 9,
    T.TESTING_ANALYSIS: 9,
    T.CLINICIAN_MENTORING: 8,
    T.UNMET_NEEDS: 4,
    T.REGULATORY_CONSULTING: 13,
    T.GMP_CONSULTING: 5,
    T.IP_STRATEGY: 4,
    T.OVERSEAS_CERTIFICATION: 5,
}
STATUS_COUNTS = {
    S.CLOSED: 46,
    S.DELIVERED: 5,
    S.IN_PROGRESS: 7,
    S.ACCEPTED: 4,
    S.ASSIGNED: 6,
    S.TRIAGED: 4,
    S.SUBMITTED: 5,
    S.DRAFT: 4,
    S.CANCELLED: 7,
}
# How many requests of each open state are past their deadline now.
OVERDUE = {S.SUBMITTED: 2, S.ASSIGNED: 2, S.IN_PROGRESS: 3}
CANCELLED_FROM = [S.SUBMITTED] * 3 + [S.TRIAGED] * 2 + [S.ASSIGNED] * 2 + [S.IN_PROGRESS]


@dataclass
class Requester:
    organization: Organization
    cluster_operator_id: int
    areas: list[Term]
    products: list[Product]


class Catalog:
    """The active offerings by type, with the therapeutic areas each covers."""

    def __init__(self, offerings: list[ServiceOffering]) -> None:
        self.by_type: dict[str, list[ServiceOffering]] = {}
        self.areas: dict[int, set[int]] = {}
        for offering in offerings:
            if not offering.is_active:
                continue
            self.by_type.setdefault(offering.service_type, []).append(offering)
            areas = {term.pk for term in offering.therapeutic_areas.all()}
            profile = getattr(offering.provider, "hospital_profile", None)
            if profile is not None:
                areas |= {term.pk for term in profile.specialties.all()}
            self.areas[offering.pk] = areas

    def candidates(self, service_type: str, company: Organization) -> list[ServiceOffering]:
        return [o for o in self.by_type.get(service_type, []) if o.provider_id != company.pk]

    def of(self, provider_slug: str, service_type: str) -> ServiceOffering | None:
        offerings = self.by_type.get(service_type, [])
        return next((o for o in offerings if o.provider.slug == provider_slug), None)


def requesters() -> list[Requester]:
    """Demo companies in a cluster with a product and a therapeutic area, by address."""
    members = {}
    for member in (
        ClusterMember.objects.filter(
            organization__kind=OrganizationKind.COMPANY, organization__is_demo=True
        )
        .order_by("joined_on", "pk")
        .select_related("cluster")
    ):
        members.setdefault(member.organization_id, member.cluster.operator_id)
    through = CompanyProfile.therapeutic_areas.through
    areas: dict[int, list[Term]] = {}
    rows = through.objects.filter(companyprofile_id__in=members).select_related("term")
    for row in rows.order_by("pk"):  # the company's main area first
        areas.setdefault(row.companyprofile_id, []).append(row.term)
    products: dict[int, list[Product]] = {}
    for product in Product.objects.filter(company_id__in=members).select_related("device_class"):
        products.setdefault(product.company_id, []).append(product)
    return [
        Requester(c, members[c.pk], areas[c.pk], products[c.pk])
        for c in Organization.objects.filter(pk__in=members).order_by("slug")
        if c.pk in areas and c.pk in products
    ]


def random_plans(
    rng: random.Random, catalog: Catalog, requesters: list[Requester], *, exclude: set[str]
) -> list[Plan]:
    """The requests of `COMPANY_COUNT` companies drawn from `requesters`."""
    pool = [r for r in requesters if r.organization.slug not in exclude]
    pool = rng.sample(pool, min(COMPANY_COUNT, len(pool)))
    types = [t for t, n in TYPE_COUNTS.items() for _ in range(n)]
    statuses = [s for s, n in STATUS_COUNTS.items() for _ in range(n)]
    rng.shuffle(types)
    rng.shuffle(statuses)
    overdue = dict(OVERDUE)
    plans = []
    for service_type, status in zip(types, statuses, strict=True):
        requester = rng.choice(pool)
        late = overdue.get(status, 0) > 0
        if late:
            overdue[status] -= 1
        plan = _plan(rng, catalog, requester, service_type, status, overdue=late)
        if plan is not None:
            plans.append(plan)
    return plans


def _plan(rng, catalog, requester, service_type, status, *, overdue) -> Plan | None:
    company = requester.organization
    area = requester.areas[0]
    product = rng.choice(requester.products)
    candidates = catalog.candidates(service_type, company)
    is_open = status not in (S.CLOSED, S.CANCELLED, S.DRAFT)
    if is_open:
        candidates = [o for o in candidates if o.provider.slug != YONSEI] or candidates
    if not candidates:
        return None
    target = rng.choice(CANCELLED_FROM) if status == S.CANCELLED else status
    declines = 1 if rng.random() < (0.5 if target == S.TRIAGED else 0.15) else 0
    if target in (S.DRAFT, S.SUBMITTED) or len(candidates) < 2:
        declines = 0
    chosen = _choose(rng, catalog, candidates, area, requester)
    others = [o for o in candidates if o.provider_id != chosen.provider_id]
    offerings = [rng.choice(others), chosen] if declines and others else [chosen]
    declines = len(offerings) - 1
    if target == S.TRIAGED and declines:
        offerings = offerings[:1]
    addressed = target not in (S.DRAFT, S.SUBMITTED, S.TRIAGED) and rng.random() < 0.25
    addressed = addressed or (target == S.TRIAGED and declines > 0 and rng.random() < 0.3)
    confidential = rng.random() < 0.6
    ask = rng.choice(ASKS[service_type])
    words = {"product": product.name_ko, "area": area.name_ko}
    data = {
        "service_type": service_type,
        "title": ask.title.format(**words)[:200],
        "description": ask.description.format(**words),
        "product_name": product.name_ko,
        "product_stage": rng.choice(STAGES[service_type]),
        "therapeutic_area": area,
        "device_class": product.device_class,
        "goal": ask.goal,
        "is_confidential": confidential,
        "addressed_offering": offerings[0] if addressed else None,
    }
    steps = story(
        rng,
        target=target,
        offerings=offerings,
        declines=declines,
        addressed=addressed,
        confidential=confidential,
        area_name=area.name_ko,
    )
    if status == S.CANCELLED:
        steps = cancelled(rng, steps)
    plan = Plan(
        company=company,
        data=data,
        steps=steps,
        status=status,
        overdue=overdue,
        attachment=rng.random() < 0.2,
        wanted_in_days=rng.choice([None, 30, 45, 60, 90]),
    )
    if not plan.finished:
        plan.age = age_for(rng, plan)
    return plan


def _choose(rng, catalog: Catalog, candidates, area: Term, requester: Requester):
    """Mostly a provider strong in the area; for consulting, often the company's own
    cluster operator."""
    own = [o for o in candidates if o.provider_id == requester.cluster_operator_id]
    if own and rng.random() < 0.5:
        return rng.choice(own)
    fitting = [o for o in candidates if area.pk in catalog.areas[o.pk]]
    if fitting and rng.random() < 0.8:
        return rng.choice(fitting)
    return rng.choice(candidates)


def area_term(code: str) -> Term | None:
    return Term.objects.filter(vocabulary=Vocabulary.THERAPEUTIC_AREA, code=code).first()
