"""A call's audit log for its managers: every logged change to the call, its
applications, reviewer pool, assignments, scores, conflicts and decisions.

Rows deleted since (a removed assignment, a pool seat given up) are no longer there to
name their log entries, so a deletion is found through the parent its logged values
point at: auditlog stores a deleted row's foreign keys as the old values of its changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.formats import date_format

from ieum.core.business_days import SEOUL
from ieum.programs.models import (
    Application,
    Call,
    CallReviewer,
    ConflictOfInterest,
    Criterion,
    Decision,
    ReviewAssignment,
    ReviewStage,
    Score,
)
from ieum.programs.review_forms import AuditFilterForm
from ieum.programs.views.manage_pages import managed_call_or_404

PAGE_SIZE = 50


def _deleted_under(parent_field: str, parent_ids) -> Q:
    return Q(action=LogEntry.Action.DELETE) & Q(**{f"changes__{parent_field}__0__in": parent_ids})


def call_log_entries(call: Call, *, kind: str = ""):
    """The log entries of the call's records, newest first, in one query."""
    stage_ids = [
        str(pk) for pk in ReviewStage.objects.filter(call=call).values_list("pk", flat=True)
    ]
    criterion_ids = [
        str(pk) for pk in Criterion.objects.filter(stage__call=call).values_list("pk", flat=True)
    ]
    application_ids = Application.objects.filter(call=call).values("pk")
    application_keys = [
        str(pk) for pk in Application.objects.filter(call=call).values_list("pk", flat=True)
    ]
    # Each kind of record: its live rows of the call, and how its deletions are found.
    reach = {
        Call: Q(object_id=call.pk),
        Application: Q(object_id__in=application_ids),
        CallReviewer: Q(object_id__in=CallReviewer.objects.filter(call=call).values("pk"))
        | _deleted_under("call", [str(call.pk)]),
        ReviewAssignment: Q(
            object_id__in=ReviewAssignment.objects.filter(stage__call=call).values("pk")
        )
        | _deleted_under("stage", stage_ids),
        Score: Q(object_id__in=Score.objects.filter(criterion__stage__call=call).values("pk"))
        | _deleted_under("criterion", criterion_ids),
        ConflictOfInterest: Q(
            object_id__in=ConflictOfInterest.objects.filter(application__call=call).values("pk")
        )
        | _deleted_under("application", application_keys),
        Decision: Q(object_id__in=Decision.objects.filter(stage__call=call).values("pk"))
        | _deleted_under("stage", stage_ids),
    }
    types = ContentType.objects.get_for_models(*reach)
    wanted = Q()
    for model, scope in reach.items():
        if kind and model._meta.model_name != kind:
            continue
        wanted |= Q(content_type=types[model]) & scope
    return (
        LogEntry.objects.filter(wanted)
        .select_related("actor", "content_type")
        .order_by("-timestamp", "-pk")
    )


@dataclass(frozen=True)
class Change:
    field: str
    old: str
    new: str


def _shown(field, value) -> str:
    if value in (None, "None", ""):
        return "—"
    if isinstance(field, models.DateTimeField):
        # auditlog keeps times as naive UTC text; they are shown in Seoul like the rest.
        try:
            moment = datetime.fromisoformat(str(value))
        except ValueError:
            return str(value)
        if timezone.is_naive(moment):
            moment = moment.replace(tzinfo=UTC)
        return date_format(moment.astimezone(SEOUL), "Y-m-d H:i:s")
    choices = dict(field.choices or ()) if getattr(field, "choices", None) else {}
    return str(choices.get(value, value))


def changes_of(entry: LogEntry) -> list[Change]:
    """The changed fields under their names, choices in words and times in Seoul;
    related rows by their id, which the entry's own description names, so showing
    them costs no query. Related lists and empty values of a new or deleted row are left
    out: they say nothing."""
    model = entry.content_type.model_class()
    changes = []
    for name, (old, new) in (entry.changes_dict or {}).items():
        try:
            field = model._meta.get_field(name)
        except (FieldDoesNotExist, AttributeError):
            changes.append(Change(name, old or "—", new or "—"))
            continue
        if not field.concrete or field.many_to_many or field.primary_key:
            continue
        if getattr(field, "auto_now_add", False):
            # The entry's own time says when the row was made.
            continue
        before, after = _shown(field, old), _shown(field, new)
        # A field unset in a new or deleted row, or unset before and after, says nothing.
        if entry.action == LogEntry.Action.CREATE:
            unset = after == "—"
        elif entry.action == LogEntry.Action.DELETE:
            unset = before == "—"
        else:
            unset = before == after == "—"
        if unset:
            continue
        label = str(getattr(field, "verbose_name", name))
        changes.append(Change(label, before, after))
    return changes


@login_required
def call_audit(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    form = AuditFilterForm(request.GET or None)
    entries = call_log_entries(call, kind=form.kind_value())
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {
        "call": call,
        "stage": None,
        "form": form,
        "page": page,
        "rows": [
            (entry, entry.content_type.model_class()._meta.verbose_name, changes_of(entry))
            for entry in page.object_list
        ],
    }
    return render(request, "programs/stages/audit.html", context)
