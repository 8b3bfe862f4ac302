"""Loads and removes the facility demo; `manage.py seed_demo` calls these after the
directory demo is in place.

The catalog is looked up before it is made (by cluster and Korean name), so a second
load creates nothing. The activity (bookings, downtime, qualifications, vouchers,
training requests) is written once, when the demo resources have no bookings yet; it
is drawn from a fixed seed, with dates counted from the day it is loaded.
"""

from __future__ import annotations

import random
from collections import Counter
from datetime import datetime

from django.db.models import Q
from django.utils import timezone

from ieum.accounts.models import User
from ieum.core.db_stats import analyzes_afterwards
from ieum.directory.demo.people import DEMO_EMAIL_DOMAIN
from ieum.directory.models import Cluster
from ieum.facilities.demo.activity import Demo
from ieum.facilities.demo.catalog import CATALOG, PRESETS
from ieum.facilities.demo.history import record_history
from ieum.facilities.demo.people import ensure_bookers, ensure_staff
from ieum.facilities.demo.upcoming import book_upcoming
from ieum.facilities.enums import BookingStatus
from ieum.facilities.models import (
    Booking,
    Downtime,
    OpeningHours,
    Qualification,
    Resource,
    TrainingRequest,
    Voucher,
)
from ieum.facilities.timeline import SEOUL

SEED = 20221024


@analyzes_afterwards
def load_facility_demo(*, now: datetime | None = None) -> Counter[str]:
    """Create whatever facility demo data is missing; returns what was created, by kind."""
    now = now or timezone.now()
    created: Counter[str] = Counter()
    clusters = {
        cluster.slug: cluster
        for cluster in Cluster.objects.filter(slug__in=CATALOG)
        .select_related("operator")
        .order_by("slug")
    }
    if not clusters:
        return created
    rng = random.Random(SEED)
    staff, made = ensure_staff(clusters)
    created["users"] += made
    created["memberships"] += made
    items, resources, made = _ensure_catalog(clusters, staff)
    created["facilities and equipment"] += made
    if Booking.objects.filter(resource__in=resources.values()).exists():
        return +created
    bookers, academic, made = ensure_bookers(rng, clusters)
    created["users"] += made
    created["memberships"] += made
    demo = Demo(
        rng=rng,
        now=now,
        today=now.astimezone(SEOUL).date(),
        items=items,
        resources=resources,
        staff=staff,
        bookers=bookers,
        academic=academic,
        cluster_slugs={cluster.pk: slug for slug, cluster in clusters.items()},
    )
    created["facility downtime entries"] += demo.record_downtime()
    created["facility vouchers"] += demo.grant_vouchers()
    created["facility qualifications"] += demo.train()
    created["facility training requests"] += demo.request_training()
    created["facility bookings (past)"] += sum(record_history(demo).values())
    upcoming, _refused = book_upcoming(demo)
    created["facility bookings (coming)"] += sum(upcoming.values())
    return +created


def _ensure_catalog(clusters: dict[str, Cluster], staff) -> tuple[dict, dict, int]:
    """The catalog's resources by key, made where missing, with their opening hours."""
    existing = {
        (resource.cluster_id, resource.name_ko): resource
        for resource in Resource.objects.filter(cluster__in=clusters.values(), is_demo=True)
    }
    numbers = [
        entry["fields"]["nfec_number"]
        for entries in CATALOG.values()
        for entry in entries
        if entry["fields"]["nfec_number"]
    ]
    # A registration number is unique; one already used by a real record stays with it.
    taken = set(
        Resource.objects.filter(nfec_number__in=numbers, is_demo=False).values_list(
            "nfec_number", flat=True
        )
    )
    items, resources, new = {}, {}, []
    for slug, entries in CATALOG.items():
        cluster = clusters.get(slug)
        if cluster is None:
            continue
        contact = staff[cluster.pk]
        for entry in entries:
            fields = dict(entry["fields"])
            if fields["nfec_number"] in taken:
                fields["nfec_number"] = ""
            resource = existing.get((cluster.pk, fields["name_ko"]))
            if resource is None:
                resource = Resource(
                    cluster=cluster,
                    is_demo=True,
                    contact_name=contact.full_name,
                    contact_email=contact.email,
                    **fields,
                )
                new.append((entry, resource))
            items[entry["key"]] = entry
            resources[entry["key"]] = resource
    Resource.objects.bulk_create([resource for _entry, resource in new])
    OpeningHours.objects.bulk_create(
        OpeningHours(resource=resource, weekday=day, opens=opens, closes=closes)
        for entry, resource in new
        for day, opens, closes in PRESETS[entry["preset"]].hours
    )
    return items, resources, len(new)


def reset_facility_demo() -> Counter[str]:
    """Delete the facility demo, bookings first (they protect resources and accounts)."""
    removed: Counter[str] = Counter()
    demo_users = User.objects.filter(email__iendswith=f"@{DEMO_EMAIL_DOMAIN}")
    _total, by_model = Booking.objects.filter(
        Q(resource__is_demo=True) | Q(organization__is_demo=True) | Q(booked_by__in=demo_users)
    ).delete()
    removed["facility bookings"] = by_model.get("facilities.Booking", 0)
    _total, by_model = Voucher.objects.filter(organization__is_demo=True).delete()
    removed["facility vouchers"] = by_model.get("facilities.Voucher", 0)
    _total, by_model = Resource.objects.filter(is_demo=True).delete()
    removed["facilities and equipment"] = by_model.get("facilities.Resource", 0)
    return removed


def facility_demo_totals() -> dict[str, int]:
    """How much facility demo data the database holds now."""
    resources = Resource.objects.filter(is_demo=True)
    bookings = Booking.objects.filter(resource__is_demo=True)
    return {
        "facilities and equipment": resources.count(),
        "  with an NFEC number": resources.exclude(nfec_number="").count(),
        "facility bookings": bookings.count(),
        "  awaiting approval": bookings.filter(status=BookingStatus.REQUESTED).count(),
        "facility qualifications": Qualification.objects.filter(resource__is_demo=True).count(),
        "facility training requests": TrainingRequest.objects.filter(
            resource__is_demo=True
        ).count(),
        "facility downtime entries": Downtime.objects.filter(resource__is_demo=True).count(),
        "facility vouchers": Voucher.objects.filter(organization__is_demo=True).count(),
    }
