"""Overdue reminders: once a business day, whoever holds an overdue request hears of it.

The holder is the one the deadline waits on (`deadlines.py`): the routing cluster's
staff for a submitted request, the provider for one assigned, accepted or in progress.
Each person gets one e-mail listing all the overdue requests they hold, each named as
they may know it (a provider before the NDA sees only the reference, the service and
the therapeutic area).

Requests are claimed before anything is sent: `last_reminded_on` is set to today on
rows locked with SELECT ... FOR UPDATE SKIP LOCKED, so a second worker running at the
same time skips them and, once the first commits, no longer finds them; each request
is reminded of at most once a day. Claims also take turns on a transaction-level
advisory lock, so two workers never split one person's list between two e-mails. A
row locked by a workflow step at that moment is skipped and reminded of at the next
run. A reminder whose sending fails is not tried
again that day: one too few beats the same reminder twice.
"""

from __future__ import annotations

import logging
from datetime import date

from django.core.mail import get_connection
from django.db import connection, transaction
from django.db.models import Q

from ieum.accounts.models import User
from ieum.core.business_days import is_business_day
from ieum.linkage import emails
from ieum.linkage.deadlines import overdue_requests
from ieum.linkage.enums import RequestStatus
from ieum.linkage.models import ServiceRequest
from ieum.linkage.notifications import provider_people, staff_people

logger = logging.getLogger(__name__)

CLAIM_LOCK = "linkage.overdue_reminders"


def _claim(today: date) -> list[int]:
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", [CLAIM_LOCK])
        locked = ServiceRequest.objects.select_for_update(skip_locked=True, of=("self",))
        claimed = list(
            overdue_requests(locked, today=today)
            .filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today))
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        ServiceRequest.objects.filter(pk__in=claimed).update(last_reminded_on=today)
    return claimed


def _holders(request: ServiceRequest, cache: dict) -> list[User]:
    """Who the deadline waits on; people are looked up once per cluster or provider."""
    if request.status in (RequestStatus.SUBMITTED, RequestStatus.TRIAGED):
        key = ("staff", request.cluster_id)
        if key not in cache:
            cache[key] = staff_people(request)
    else:
        key = ("provider", request.provider_id)
        if key not in cache:
            cache[key] = provider_people(request.provider_id)
    return cache[key]


def _entries_by_person(claimed: list[int]) -> dict[int, tuple[User, list]]:
    requests = ServiceRequest.objects.filter(pk__in=claimed).select_related("therapeutic_area")
    people: dict = {}
    by_person: dict[int, tuple[User, list]] = {}
    for request in requests.order_by("pk"):
        for person in _holders(request, people):
            if not person.has_perm("linkage.view_request", request):
                continue
            entry = emails.OverdueEntry(
                request=request,
                reads_details=person.has_perm("linkage.read_request_details", request),
            )
            by_person.setdefault(person.pk, (person, []))[1].append(entry)
    return by_person


def send_overdue_reminders(*, today: date) -> int:
    """Claim today's overdue requests and e-mail each holder one list; returns how many
    e-mails were sent. Nothing is sent on weekends and Korean public holidays."""
    if not is_business_day(today):
        return 0
    claimed = _claim(today)
    if not claimed:
        return 0
    sent = 0
    for person, entries in _entries_by_person(claimed).values():
        try:
            message = emails.overdue_email(user=person, entries=entries, today=today)
            get_connection().send_messages([message])
        except Exception:
            logger.exception("Could not send the overdue reminder to user %s.", person.pk)
            continue
        sent += 1
    return sent
