"""Cluster staff add and change the resources of their own catalog.

Pages (and later the API) call `create_resource` and `update_resource`: they check the
permission, validate everything together so that nothing is written when anything is
wrong, lock the resource's row, and write with the audit actor set.

A resource's capacity decides whether its bookings are one-at-a-time: each booking
carries that as `is_exclusive`, which the exclusion constraint reads. When the capacity
changes, the flags of the bookings still to come change in the same transaction, under
the same row lock that booking takes, so the constraint keeps meaning what it says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import datetime, time
from itertools import pairwise
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.directory.models import Cluster
from ieum.facilities.enums import ACTIVE_BOOKING_STATUSES
from ieum.facilities.models import Booking, OpeningHours, Resource
from ieum.facilities.timeline import Interval, concurrency

# The fields staff edit; the cluster, demo flag and time stamps are not among them.
EDITABLE_FIELDS = (
    *Resource.DESCRIPTION_FIELDS,
    *Resource.CONTACT_FIELDS,
    *Resource.FILE_FIELDS,
    *Resource.RULE_FIELDS,
    *Resource.RATE_FIELDS,
)
RATE_FIELDS = Resource.RATE_FIELDS

# ZEUS numbers: NFEC-<year>-<month>-<six digits>, e.g. NFEC-2019-05-253412.
NFEC_PATTERN = re.compile(r"NFEC-\d{4}-(0[1-9]|1[0-2])-\d{6}")

PHOTO_MAX_BYTES = 5 * 1024 * 1024
MANUAL_MAX_BYTES = 20 * 1024 * 1024
PHOTO_EXTENSIONS = ("jpg", "jpeg", "png", "webp")
MIDNIGHT = time(0)

WeeklyHours = tuple[int, time, time]


def normalize_nfec(value: str) -> str:
    return (value or "").strip().upper()


def nfec_format_problem(value: str) -> str | None:
    """Why `value` is not an NFEC number, or None when it is one (or empty)."""
    if value and not NFEC_PATTERN.fullmatch(value):
        return _(
            "“%(value)s” is not an NFEC registration number; "
            "write it as NFEC-YYYY-MM-NNNNNN, e.g. NFEC-2019-05-253412."
        ) % {"value": value}
    return None


def nfec_taken_problem(value: str, *, excluding_pk: int | None) -> str | None:
    """Why `value` cannot be used because another resource has it, or None."""
    if not value:
        return None
    other = (
        Resource.objects.filter(nfec_number=value)
        .exclude(pk=excluding_pk)
        .select_related("cluster")
        .first()
    )
    if other is None:
        return None
    return _("NFEC number %(number)s is already registered for “%(name)s” (%(cluster)s).") % {
        "number": value,
        "name": other.name,
        "cluster": other.cluster.name,
    }


def opening_hours_problems(hours: Iterable[WeeklyHours]) -> list[str]:
    """What is wrong with a week of opening hours: bad intervals and overlaps on a day."""
    problems = []
    by_day: dict[int, list[tuple[int, int]]] = {}
    labels = dict(OpeningHours._meta.get_field("weekday").choices)
    for weekday, opens, closes in hours:
        if weekday not in labels:
            problems.append(_("Choose a weekday for every line of opening hours."))
            continue
        if closes != MIDNIGHT and closes <= opens:
            problems.append(
                _(
                    "%(day)s: closing time %(closes)s must be after opening time %(opens)s "
                    "(use 00:00 for midnight)."
                )
                % {"day": labels[weekday], "opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}
            )
            continue
        start = opens.hour * 60 + opens.minute
        end = 24 * 60 if closes == MIDNIGHT else closes.hour * 60 + closes.minute
        by_day.setdefault(weekday, []).append((start, end))
    for weekday in sorted(by_day):
        spans = sorted(by_day[weekday])
        for (_start, previous_end), (start, _end) in pairwise(spans):
            if start < previous_end:
                problems.append(
                    _("%(day)s: opening hours overlap; each time of day may be listed once.")
                    % {"day": labels[weekday]}
                )
                break
    return problems


def _head(upload: UploadedFile) -> bytes:
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    return head


def photo_problem(upload: UploadedFile) -> str | None:
    extension = upload.name.rsplit(".", 1)[-1].lower() if "." in upload.name else ""
    head = _head(upload)
    is_image = head.startswith((b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")) or (
        head[:4] == b"RIFF" and head[8:12] == b"WEBP"
    )
    if extension not in PHOTO_EXTENSIONS or not is_image:
        return _("The photo must be a JPEG, PNG or WebP image.")
    if upload.size > PHOTO_MAX_BYTES:
        return _("The photo may be at most 5 MB.")
    return None


def manual_problem(upload: UploadedFile) -> str | None:
    if not upload.name.lower().endswith(".pdf") or not _head(upload).startswith(b"%PDF-"):
        return _("The manual must be a PDF file.")
    if upload.size > MANUAL_MAX_BYTES:
        return _("The manual may be at most 20 MB.")
    return None


def _add(errors: dict[str, list[str]], field: str, message: str | None) -> None:
    if message:
        errors.setdefault(field, []).append(message)


def _apply_data(resource: Resource, data: Mapping[str, Any], errors: dict[str, list]) -> None:
    """Set the given fields on `resource` (not saved), noting what is wrong in `errors`."""
    for field in set(data) - set(EDITABLE_FIELDS):
        _add(errors, field if field != "cluster" else "__all__", _("This cannot be changed here."))
    for field, value in data.items():
        if field not in EDITABLE_FIELDS:
            continue
        if field in ("photo", "manual"):
            if isinstance(value, UploadedFile):
                _add(errors, field, (photo_problem if field == "photo" else manual_problem)(value))
                setattr(resource, field, value)
            elif value is False:
                setattr(resource, field, "")
            continue
        if field == "nfec_number":
            value = normalize_nfec(value)
        setattr(resource, field, value)


def _check(resource: Resource, errors: dict[str, list]) -> None:
    """Rules of the resource taken together, with messages people can act on."""
    if not (resource.name_ko or "").strip():
        _add(errors, "name_ko", _("Give the Korean name."))
    if resource.capacity is not None and resource.capacity < 1:
        _add(errors, "capacity", _("The capacity is at least 1."))
    if (
        resource.min_minutes is not None
        and resource.max_minutes is not None
        and resource.min_minutes > resource.max_minutes
    ):
        _add(
            errors,
            "max_minutes",
            _("The longest booking (%(max)d minutes) is shorter than the shortest (%(min)d).")
            % {"max": resource.max_minutes, "min": resource.min_minutes},
        )
    for field in RATE_FIELDS:
        value = getattr(resource, field)
        if value is not None and value < 0:
            _add(errors, field, _("Rates cannot be negative."))
    _add(errors, "nfec_number", nfec_format_problem(resource.nfec_number))
    if "nfec_number" not in errors:
        _add(
            errors,
            "nfec_number",
            nfec_taken_problem(resource.nfec_number, excluding_pk=resource.pk),
        )
    try:
        resource.full_clean(
            exclude=["cluster", *errors], validate_unique=False, validate_constraints=False
        )
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            for message in messages:
                _add(errors, field, message)


def _future_bookings(resource: Resource, now: datetime):
    """Active bookings that still hold time: under way or to come."""
    return Booking.objects.filter(
        resource=resource, status__in=ACTIVE_BOOKING_STATUSES, blocked_until__gt=now
    )


def _capacity_problem(resource: Resource, *, previous: int, now: datetime) -> str | None:
    if resource.capacity is None or resource.capacity >= previous:
        return None
    held = [
        Interval(s, e)
        for s, e in _future_bookings(resource, now).values_list("start", "blocked_until")
    ]
    most = max((count for _piece, count in concurrency(held)), default=0)
    if most > resource.capacity:
        return _(
            "Up to %(count)d bookings to come already share the same time; the capacity "
            "cannot go below that. Move or cancel some of them first."
        ) % {"count": most}
    return None


def _sync_exclusive_bookings(resource: Resource, *, now: datetime) -> int:
    """Mark the bookings to come one-at-a-time exactly when the capacity is 1."""
    exclusive = resource.capacity == 1
    try:
        with transaction.atomic():
            return (
                _future_bookings(resource, now)
                .exclude(is_exclusive=exclusive)
                .update(is_exclusive=exclusive)
            )
    except IntegrityError as error:
        if "booking_no_overlap" not in str(error):
            raise
        raise ValidationError(
            {
                "capacity": _(
                    "Bookings to come overlap each other, so the capacity cannot be 1. "
                    "Move or cancel some of them first."
                )
            }
        ) from error


def _sync_opening_hours(resource: Resource, hours: list[WeeklyHours]) -> None:
    """Keep lines that stay, delete those that go and add new ones (each audit-logged)."""
    wanted = set(hours)
    for line in list(resource.opening_hours.all()):
        key = (line.weekday, line.opens, line.closes)
        if key in wanted:
            wanted.discard(key)
        else:
            line.delete()
    for weekday, opens, closes in sorted(wanted):
        OpeningHours.objects.create(resource=resource, weekday=weekday, opens=opens, closes=closes)


def _normalize_hours(opening_hours: Iterable[WeeklyHours]) -> list[WeeklyHours]:
    return sorted(
        {
            (
                int(day),
                opens.replace(second=0, microsecond=0),
                closes.replace(second=0, microsecond=0),
            )
            for day, opens, closes in opening_hours
        }
    )


def _raise_if(errors: dict[str, list]) -> None:
    if errors:
        raise ValidationError(errors)


def _save(resource: Resource) -> None:
    try:
        with transaction.atomic():
            resource.save()
    except IntegrityError as error:
        if "resource_unique_nfec" in str(error):
            raise ValidationError(
                {"nfec_number": nfec_taken_problem(resource.nfec_number, excluding_pk=resource.pk)}
            ) from error
        raise


@transaction.atomic
def create_resource(
    *,
    user,
    cluster: Cluster,
    data: Mapping[str, Any],
    opening_hours: Iterable[WeeklyHours],
) -> Resource:
    """Add a resource to `cluster`'s catalog, with its weekly opening hours."""
    if not user.has_perm("directory.manage_cluster", cluster):
        raise PermissionDenied
    resource = Resource(cluster=cluster)
    errors: dict[str, list] = {}
    _apply_data(resource, data, errors)
    _check(resource, errors)
    hours = _normalize_hours(opening_hours)
    for problem in opening_hours_problems(hours):
        _add(errors, "opening_hours", problem)
    _raise_if(errors)
    with set_actor(user):
        _save(resource)
        _sync_opening_hours(resource, hours)
    return resource


@transaction.atomic
def update_resource(
    *,
    user,
    resource: Resource,
    data: Mapping[str, Any],
    opening_hours: Iterable[WeeklyHours] | None = None,
    now: datetime | None = None,
) -> Resource:
    """Change a resource, and its opening hours unless None; bookings follow its capacity."""
    if not user.has_perm("facilities.manage_resource", resource):
        raise PermissionDenied
    now = now or timezone.now()
    # The row lock booking takes too: nobody books while the capacity changes.
    resource = Resource.objects.select_for_update(of=("self",)).get(pk=resource.pk)
    previous_capacity = resource.capacity
    errors: dict[str, list] = {}
    _apply_data(resource, data, errors)
    _check(resource, errors)
    hours = None if opening_hours is None else _normalize_hours(opening_hours)
    for problem in opening_hours_problems(hours or []):
        _add(errors, "opening_hours", problem)
    if "capacity" not in errors:
        _add(errors, "capacity", _capacity_problem(resource, previous=previous_capacity, now=now))
    _raise_if(errors)
    with set_actor(user):
        _save(resource)
        if hours is not None:
            _sync_opening_hours(resource, hours)
        _sync_exclusive_bookings(resource, now=now)
    return resource
