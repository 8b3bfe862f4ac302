"""Audit-log entries for rows written in bulk.

`bulk_create` sends no signals, so django-auditlog does not see those rows; domain
functions that insert many rows at once (review assignments, recorded conflicts) write
the entries that `save()` would have written, with the actor, in one query.
"""

from __future__ import annotations

from collections.abc import Sequence

from auditlog.cid import get_cid
from auditlog.diff import model_instance_diff
from auditlog.models import get_logentry_model
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Model
from django.utils import timezone


def log_bulk_creation(objects: Sequence[Model], *, actor) -> None:
    """Write the audit-log entries that `save()` would have written for rows created with
    `bulk_create` (which sends no signals), in one query.

    Each object's related objects must be loaded, so that its text needs no query.
    """
    if not objects:
        return
    LogEntry = get_logentry_model()
    content_type = ContentType.objects.get_for_model(type(objects[0]))
    use_json = getattr(settings, "AUDITLOG_STORE_JSON_CHANGES", False)
    cid = get_cid()
    email = getattr(actor, "email", None) if actor is not None else None
    now = timezone.now()
    LogEntry.objects.bulk_create(
        [
            LogEntry(
                content_type=content_type,
                object_pk=str(instance.pk),
                object_id=instance.pk,
                object_repr=str(instance),
                action=LogEntry.Action.CREATE,
                changes=model_instance_diff(None, instance, use_json_for_changes=use_json),
                actor=actor,
                actor_email=email,
                cid=cid,
                timestamp=now,
            )
            for instance in objects
        ]
    )
