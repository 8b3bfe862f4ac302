"""The waiting list: people wait for taken time and are offered it, in turn, when it frees.

An offer does not hold the time; it tells the first in line, who books it through
`book_resource` like anyone else. While an offer is open the same time is not offered
to anyone else, and when it lapses the next in line gets it.

Every change locks the resource's row first and then the entries, the same order as
booking, so two workers never offer one entry twice and never deadlock each other.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.directory.models import Organization
from ieum.facilities import notifications
from ieum.facilities.availability import get_availability
from ieum.facilities.booking import (
    book_resource,
    choose_organization,
    lock_resource,
    manages,
)
from ieum.facilities.enums import BookingMode, WaitlistStatus
from ieum.facilities.errors import BookingConflict
from ieum.facilities.models import Booking, Resource, WaitlistEntry
from ieum.facilities.timeline import Interval

OFFER_HOLD = timedelta(hours=12)
OPEN_STATUSES = (WaitlistStatus.WAITING, WaitlistStatus.OFFERED)


class _WouldBook(Exception):
    """Raised to undo a trial booking that went through."""


@transaction.atomic
def join_waitlist(
    *,
    user,
    resource: Resource,
    start: datetime,
    end: datetime,
    organization: Organization | None = None,
    mode: str = BookingMode.DIRECT_USE,
    purpose: str = "",
    now: datetime | None = None,
) -> WaitlistEntry:
    """Wait for a time that is taken now; refused if it could be booked, or breaks a rule."""
    now = now or timezone.now()
    resource = lock_resource(resource)
    # Try the booking and undo it: exactly the checks booking makes, and only a
    # conflict with other bookings or a blackout makes waiting worthwhile.
    try:
        with transaction.atomic():
            book_resource(
                user=user,
                resource=resource,
                start=start,
                end=end,
                organization=organization,
                mode=mode,
                purpose=purpose,
                now=now,
            )
            raise _WouldBook
    except _WouldBook:
        raise ValidationError(_("This time is free: book it instead of waiting.")) from None
    except BookingConflict:
        pass
    organization = choose_organization(user=user, organization=organization)
    if WaitlistEntry.objects.filter(
        user=user, resource=resource, start=start, end=end, status__in=OPEN_STATUSES
    ).exists():
        raise ValidationError(_("You are already on the waiting list for this time."))
    with set_actor(user):
        return WaitlistEntry.objects.create(
            resource=resource,
            user=user,
            organization=organization,
            mode=mode,
            start=start,
            end=end,
            purpose=purpose,
        )


@transaction.atomic
def offer_freed_time(
    *, resource: Resource, start: datetime, end: datetime, now: datetime | None = None
) -> list[WaitlistEntry]:
    """Offer freed time to the first waiting entries whose whole window is now free.

    Entries are taken oldest first; an entry whose window overlaps an open offer waits,
    so the first in line keeps their chance until the offer is taken up or lapses.
    """
    now = now or timezone.now()
    resource = lock_resource(resource)
    candidates = list(
        WaitlistEntry.objects.select_for_update()
        .filter(
            resource=resource,
            status=WaitlistStatus.WAITING,
            start__lt=end,
            end__gt=start,
            start__gt=now,
        )
        .order_by("created_at", "pk")
    )
    if not candidates:
        return []
    offered = [
        Interval(s, e)
        for s, e in WaitlistEntry.objects.filter(
            resource=resource,
            status=WaitlistStatus.OFFERED,
            start__lt=max(c.end for c in candidates),
            end__gt=min(c.start for c in candidates),
        ).values_list("start", "end")
    ]
    availability = get_availability(
        resource, start=min(c.start for c in candidates), end=max(c.end for c in candidates)
    )
    made = []
    for entry in candidates:
        window = Interval(entry.start, entry.end)
        if any(window.overlaps(other) for other in offered) or not availability.is_free(window):
            continue
        entry.status = WaitlistStatus.OFFERED
        entry.offered_at = now
        entry.offer_expires_at = min(now + OFFER_HOLD, entry.start)
        entry.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
        notifications.waitlist_offered(entry)
        offered.append(window)
        made.append(entry)
    return made


def accept_waitlist_offer(*, user, entry: WaitlistEntry, now: datetime | None = None) -> Booking:
    """Book the offered time. If someone took it first, the entry waits again.

    The entry's change is kept when booking fails, so this runs in its own transaction
    and raises the conflict only after it commits.
    """
    now = now or timezone.now()
    with transaction.atomic():
        lock_resource(entry.resource)
        entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
        if entry.user_id != user.pk:
            raise PermissionDenied
        if entry.status != WaitlistStatus.OFFERED or entry.offer_expires_at <= now:
            raise ValidationError(_("This offer is no longer open."))
        try:
            with transaction.atomic():
                booking = book_resource(
                    user=user,
                    resource=entry.resource,
                    start=entry.start,
                    end=entry.end,
                    organization=entry.organization,
                    mode=entry.mode,
                    purpose=entry.purpose,
                    now=now,
                )
        except BookingConflict as conflict:
            failure = conflict
            entry.status = WaitlistStatus.WAITING if entry.start > now else WaitlistStatus.EXPIRED
            entry.offered_at = entry.offer_expires_at = None
            with set_actor(user):
                entry.save(update_fields=["status", "offered_at", "offer_expires_at", "updated_at"])
        else:
            entry.status = WaitlistStatus.BOOKED
            entry.booking = booking
            with set_actor(user):
                entry.save(update_fields=["status", "booking", "updated_at"])
            return booking
    if entry.status == WaitlistStatus.WAITING:
        message = _("Someone else took this time first; you are back on the waiting list.")
    else:
        message = _("Someone else took this time first, and it has now passed.")
    raise BookingConflict(message) from failure


@transaction.atomic
def withdraw_waitlist_entry(*, user, entry: WaitlistEntry) -> WaitlistEntry:
    """Leave the waiting list; an open offer goes to the next in line."""
    resource = lock_resource(entry.resource)
    entry = WaitlistEntry.objects.select_for_update().get(pk=entry.pk)
    if entry.user_id != user.pk and not manages(user, resource):
        raise PermissionDenied
    if entry.status not in OPEN_STATUSES:
        raise ValidationError(_("This entry is no longer on the waiting list."))
    was_offered = entry.status == WaitlistStatus.OFFERED
    entry.status = WaitlistStatus.WITHDRAWN
    with set_actor(user):
        entry.save(update_fields=["status", "updated_at"])
    if was_offered:
        notifications.time_freed(resource, start=entry.start, end=entry.end)
    return entry


def expire_waitlist_offers(*, now: datetime) -> list[WaitlistEntry]:
    """Expire lapsed offers, and entries whose time has begun; offer lapsed time onward.

    Each expiry runs in its own transaction, locking the resource before the entry.
    """
    lapsed_offers = WaitlistEntry.objects.filter(
        status=WaitlistStatus.OFFERED, offer_expires_at__lte=now
    )
    passed = WaitlistEntry.objects.filter(status__in=OPEN_STATUSES, start__lte=now)
    expired = []
    for entry_id, resource_id in (lapsed_offers | passed).values_list("pk", "resource_id"):
        with transaction.atomic():
            resource = lock_resource(Resource(pk=resource_id))
            entry = (
                WaitlistEntry.objects.select_for_update(skip_locked=True)
                .filter(pk=entry_id, status__in=OPEN_STATUSES)
                .first()
            )
            # Taken up, withdrawn or expired by another worker meanwhile.
            if entry is None:
                continue
            was_offered = entry.status == WaitlistStatus.OFFERED
            if not (was_offered and entry.offer_expires_at <= now) and entry.start > now:
                continue
            entry.status = WaitlistStatus.EXPIRED
            entry.save(update_fields=["status", "updated_at"])
            expired.append(entry)
            if was_offered and entry.start > now:
                offer_freed_time(resource=resource, start=entry.start, end=entry.end, now=now)
    return expired
