"""Loads and removes the linkage demo; `manage.py seed_demo` calls these after the
partnering demo.

The offerings are looked up before they are made (by provider and Korean name), so a
second load creates nothing. The request history is written once, when no demo request
exists yet: drawn from a fixed seed, walked through the workflow inside `silenced()`
(no e-mail about the past), then dated between January 2025 and the day of loading.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from ieum.core.business_days import seoul_today
from ieum.core.db_stats import analyzes_afterwards
from ieum.core.jobs import silenced
from ieum.core.private_files import private_storage
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Organization, Term
from ieum.linkage.deadlines import overdue_requests
from ieum.linkage.demo.expert_services import EXPERT_OFFERINGS
from ieum.linkage.demo.history import Walker
from ieum.linkage.demo.hospital_services import hospital_offerings
from ieum.linkage.demo.people import People
from ieum.linkage.demo.plans import Catalog, random_plans, requesters
from ieum.linkage.demo.timeline import place, write_history
from ieum.linkage.demo.walkthrough import COMPANY_SLUG, walkthrough_plans
from ieum.linkage.enums import FeeBasis, RequestStatus
from ieum.linkage.models import (
    RequestEvent,
    RequestFile,
    RequestMessage,
    ServiceOffering,
    ServiceRequest,
)
from ieum.linkage.offerings import create_offering

SEED = 20250102


@analyzes_afterwards
def load_linkage_demo(*, now: datetime | None = None) -> Counter[str]:
    """Create whatever linkage demo data is missing; returns what was created, by kind."""
    now = now or timezone.now()
    created: Counter[str] = Counter()
    specs = hospital_offerings() + EXPERT_OFFERINGS
    providers = {
        o.slug: o for o in Organization.objects.filter(slug__in={s["provider"] for s in specs})
    }
    if not providers:
        return created
    people = People()
    people.ensure(providers=providers.values())
    created["service offerings"] = _ensure_offerings(specs, providers, people)
    if ServiceRequest.objects.filter(is_demo=True).exists():
        created["users"] = created["memberships"] = people.created
        return +created

    rng = random.Random(SEED)
    catalog = Catalog(
        list(
            ServiceOffering.objects.filter(is_demo=True, provider__in=providers.values())
            .select_related("provider", "provider__hospital_profile")
            .prefetch_related("therapeutic_areas", "provider__hospital_profile__specialties")
            .order_by("pk")
        )
    )
    pool = requesters()
    company = next((r for r in pool if r.organization.slug == COMPANY_SLUG), None)
    plans = walkthrough_plans(rng, catalog, company, pool)
    plans += random_plans(rng, catalog, pool, exclude={COMPANY_SLUG})
    people.ensure(
        clusters=Cluster.objects.filter(is_demo=True).select_related("operator"),
        companies={plan.company.pk: plan.company for plan in plans}.values(),
    )
    created["users"] = created["memberships"] = people.created
    for plan in plans:
        place(rng, plan, now=now)
    walker = Walker(people)
    with silenced():
        done = [(plan, walker.walk(plan)) for plan in plans]
    write_history(done)
    created.update(_contents(ServiceRequest.objects.filter(pk__in=[r.pk for _p, r in done])))
    return +created


def _ensure_offerings(specs: list[dict], providers: dict, people: People) -> int:
    existing = set(
        ServiceOffering.objects.filter(provider__in=providers.values()).values_list(
            "provider_id", "name_ko"
        )
    )
    areas = {t.code: t for t in Term.objects.filter(vocabulary=Vocabulary.THERAPEUTIC_AREA)}
    made = []
    for spec in specs:
        provider = providers.get(spec["provider"])
        if provider is None or (provider.pk, spec["fields"]["name_ko"]) in existing:
            continue
        actor = people.of(provider.pk)
        fields = {**spec["fields"], "contact_email": actor.email}
        offering = create_offering(
            actor=actor,
            provider=provider,
            data=fields,
            therapeutic_areas=[areas[code] for code in spec["areas"] if code in areas],
        )
        made.append(offering.pk)
    ServiceOffering.objects.filter(pk__in=made).update(is_demo=True)
    return len(made)


def _contents(requests) -> dict[str, int]:
    return {
        "service requests": requests.count(),
        "request steps": RequestEvent.objects.filter(request__in=requests).count(),
        "request messages": RequestMessage.objects.filter(request__in=requests).count(),
        "request files": RequestFile.objects.filter(request__in=requests).count(),
    }


def reset_linkage_demo() -> Counter[str]:
    """Delete the demo requests and offerings, and the requests people made in the demo
    that involve a demo organization or cluster (they protect the organizations)."""
    removed: Counter[str] = Counter()
    requests = ServiceRequest.objects.filter(
        Q(is_demo=True)
        | Q(company__is_demo=True)
        | Q(provider__is_demo=True)
        | Q(cluster__is_demo=True)
        | Q(offering__provider__is_demo=True)
    )
    names = list(RequestFile.objects.filter(request__in=requests).values_list("file", flat=True))
    _total, by_model = requests.delete()
    removed["service requests"] = by_model.get("linkage.ServiceRequest", 0)
    offerings = ServiceOffering.objects.filter(Q(is_demo=True) | Q(provider__is_demo=True))
    _total, by_model = offerings.delete()
    removed["service offerings"] = by_model.get("linkage.ServiceOffering", 0)
    # Files do not roll back with the transaction: they go once the deletion is committed.
    transaction.on_commit(lambda: _delete_files(names))
    return removed


def _delete_files(names: list[str]) -> None:
    storage = private_storage()
    for name in names:
        storage.delete(name)


def linkage_demo_totals() -> dict[str, int]:
    """How much linkage demo data the database holds now."""
    offerings = ServiceOffering.objects.filter(is_demo=True)
    requests = ServiceRequest.objects.filter(is_demo=True)
    statuses = Counter(requests.values_list("status", flat=True))
    contents = _contents(requests)
    totals = {
        "service offerings": offerings.count(),
        "  free under a program": offerings.filter(fee_basis=FeeBasis.FREE_UNDER_PROGRAM).count(),
        "service requests": contents["service requests"],
    }
    for status in RequestStatus:
        totals[f"  {status.value.replace('_', ' ')}"] = statuses[status.value]
    totals["  overdue now"] = overdue_requests(requests, today=seoul_today()).count()
    totals["request steps"] = contents["request steps"]
    totals["request messages"] = contents["request messages"]
    totals["request files"] = contents["request files"]
    return totals
