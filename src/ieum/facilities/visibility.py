"""Which bookings a person may list: their own, their organizations', their clusters'."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from ieum.accounts.access import access_for
from ieum.facilities.models import Booking


def visible_bookings(*, user) -> QuerySet[Booking]:
    access = access_for(user)
    bookings = Booking.objects.select_related(
        "resource", "resource__cluster", "organization", "booked_by"
    )
    if access.is_platform_admin:
        return bookings
    return bookings.filter(
        Q(booked_by=user)
        | Q(organization_id__in=access.organization_ids)
        | Q(resource__cluster_id__in=access.staffed_cluster_ids)
    )
