"""Outcome record pages: the list, a new record (company, then kind, then its fields), a
record with its verification, changes, deletion and the evidence download.

A record the person may not see does not exist for them (404); one they see but may not
change answers 403. Every change goes through `outcomes.recording`.
"""

from __future__ import annotations

import mimetypes

from auditlog.models import LogEntry
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.downloads import private_attachment
from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.outcomes import record_list, recording
from ieum.outcomes.countries import country_name
from ieum.outcomes.enums import OutcomeKind, VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.record_attributions import attribution_choices, recordable_companies
from ieum.outcomes.record_forms import (
    KIND_LABELS,
    RecordFilterForm,
    RejectForm,
    record_form_class,
)
from ieum.outcomes.record_input import field_label, fields_used_by
from ieum.outcomes.visibility import visible_records

PAGE_SIZE = 30
CHOOSER_SIZE = 30
# Shown on the page beside the money; the rest of the fields are listed in this order.
DETAIL_FIELDS = (
    "subtype",
    "patent_scope",
    "reference",
    "country",
    "device_class",
    "counterparty",
    "headcount",
    "youth_headcount",
    "new_hires",
)


def _visible_record(user, pk: int) -> OutcomeRecord:
    records = visible_records(user).select_related("company", "recorded_by", "reviewed_by")
    return get_object_or_404(records.prefetch_related("clusters", "programs", "events"), pk=pk)


@login_required
def records(request):
    user = request.user
    if not user.has_perm("outcomes.see_my_records"):
        raise PermissionDenied
    data = request.GET or {"status": record_list.default_status(user)}
    form = RecordFilterForm(
        data,
        clusters=record_list.listed_clusters(user),
        years=record_list.record_years(user),
    )
    found = record_list.find_records(user=user, filters=form.filters())
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    context = {"form": form, "page": page, "waiting": record_list.waiting_count(user)}
    template = "outcomes/records/_results.html" if request.htmx else "outcomes/records/list.html"
    return render(request, template, context)


def _chosen_company(request, companies):
    slug = request.POST.get("company") or request.GET.get("company") or ""
    if slug:
        return companies.filter(slug=slug).first()
    only = list(companies[:2])
    return only[0] if len(only) == 1 else None


def _company_chooser(request, companies):
    query = request.GET.get("q", "").strip()
    found = companies.order_by("name_ko")
    for word in query.split():
        found = found.filter(Q(name_ko__icontains=word) | Q(name_en__icontains=word))
    context = {"companies": found[:CHOOSER_SIZE], "query": query}
    return render(request, "outcomes/records/choose_company.html", context)


@login_required
def record_new(request):
    user = request.user
    companies = recordable_companies(user)
    company = _chosen_company(request, companies)
    if company is None:
        if request.GET.get("company") or request.POST.get("company"):
            raise Http404
        return _company_chooser(request, companies)
    kind = request.POST.get("kind") or request.GET.get("kind") or ""
    if kind not in OutcomeKind.values:
        context = {"company": company, "kinds": OutcomeKind.choices}
        return render(request, "outcomes/records/choose_kind.html", context)
    choices = attribution_choices(by=user, company=company)
    # The company's clusters start ticked: most records count for all of them.
    form = record_form_class(kind)(
        request.POST or None,
        request.FILES or None,
        choices=choices,
        initial={"clusters": list(choices.clusters)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = recording.record_outcome(
                by=user,
                company=company,
                kind=kind,
                data=form.record_data(),
                clusters=form.cleaned_data["clusters"],
                programs=form.cleaned_data["programs"],
                events=form.cleaned_data["events"],
                evidence=form.cleaned_data["evidence"],
            )
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The record is saved. It waits for verification."))
            return redirect("outcomes:record_detail", pk=entry.pk)
    context = {"form": form, "company": company, "kind": OutcomeKind(kind)}
    status = 400 if form.errors else 200
    return render(request, "outcomes/records/form.html", context, status=status)


def _facts(record: OutcomeRecord) -> list[tuple[str, str]]:
    """The kind's fields that hold something, labelled as the form labels them."""
    used = fields_used_by(record.kind)
    facts = []
    for name in DETAIL_FIELDS:
        value = getattr(record, name)
        if name not in used or value in (None, ""):
            continue
        if name in ("subtype", "patent_scope"):
            value = getattr(record, f"get_{name}_display")()
        elif name == "country":
            value = f"{country_name(value)} ({value})"
        label = KIND_LABELS.get((record.kind, name)) or capfirst(field_label(name))
        facts.append((str(label), str(value)))
    return facts


def _history(record: OutcomeRecord) -> list[dict]:
    """Who entered, changed and decided the record, from the audit log."""
    entries = LogEntry.objects.get_for_object(record).select_related("actor").order_by("pk")
    history = []
    for entry in entries:
        status = (entry.changes_dict or {}).get("status")
        new_status = status[1] if isinstance(status, list) and len(status) == 2 else ""
        history.append(
            {
                "when": entry.timestamp,
                "actor": entry.actor,
                "created": entry.action == LogEntry.Action.CREATE,
                "status": VerificationStatus(new_status).label
                if new_status in VerificationStatus.values
                else "",
            }
        )
    return history


@login_required
def record_detail(request, pk: int):
    user = request.user
    entry = _visible_record(user, pk)
    context = {
        "record": entry,
        "facts": _facts(entry),
        "history": _history(entry),
        "can_change": user.has_perm("outcomes.change_record", entry),
        "can_decide": entry.status == VerificationStatus.PENDING
        and user.has_perm("outcomes.verify_record", entry),
        "can_see_evidence": user.has_perm("outcomes.see_evidence", entry),
        "reject_form": RejectForm(),
    }
    return render(request, "outcomes/records/detail.html", context)


@login_required
def record_edit(request, pk: int):
    user = request.user
    entry = _visible_record(user, pk)
    if not user.has_perm("outcomes.change_record", entry):
        raise PermissionDenied
    choices = attribution_choices(by=user, company=entry.company)
    initial = {
        **recording.record_input_values(entry),
        "clusters": list(entry.clusters.all()),
        "programs": list(entry.programs.all()),
        "events": list(entry.events.all()),
    }
    form = record_form_class(entry.kind)(
        request.POST or None, request.FILES or None, choices=choices, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            recording.update_record(
                by=user,
                record=entry,
                data=form.record_data(),
                clusters=form.cleaned_data["clusters"],
                programs=form.cleaned_data["programs"],
                events=form.cleaned_data["events"],
                evidence=form.cleaned_data["evidence"],
            )
        except OutcomeRecord.DoesNotExist as missing:
            raise Http404 from missing
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(request, _("The record is saved."))
            return redirect("outcomes:record_detail", pk=entry.pk)
    allowed = set(choices.clusters)
    context = {
        "form": form,
        "record": entry,
        "company": entry.company,
        "kind": OutcomeKind(entry.kind),
        # Attributions the person cannot change (another cluster's) stay; say so.
        "kept_clusters": [cluster for cluster in entry.clusters.all() if cluster not in allowed],
    }
    status = 400 if form.errors else 200
    return render(request, "outcomes/records/form.html", context, status=status)


@require_POST
@login_required
def record_delete(request, pk: int):
    entry = _visible_record(request.user, pk)
    try:
        recording.delete_record(by=request.user, record=entry)
    except OutcomeRecord.DoesNotExist as missing:
        raise Http404 from missing
    messages.success(request, _("The record is deleted."))
    return redirect("outcomes:records")


@require_POST
@login_required
def record_verify(request, pk: int):
    entry = _visible_record(request.user, pk)
    try:
        recording.verify_record(by=request.user, record=entry)
    except OutcomeRecord.DoesNotExist as missing:
        raise Http404 from missing
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The record is verified. The company is told."))
    return redirect("outcomes:record_detail", pk=entry.pk)


@require_POST
@login_required
def record_reject(request, pk: int):
    entry = _visible_record(request.user, pk)
    form = RejectForm(request.POST)
    form.is_valid()
    try:
        recording.reject_record(
            by=request.user, record=entry, reason=form.cleaned_data.get("reason", "")
        )
    except OutcomeRecord.DoesNotExist as missing:
        raise Http404 from missing
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(request, _("The record is rejected. The company is told why."))
    return redirect("outcomes:record_detail", pk=entry.pk)


@login_required
def record_evidence(request, pk: int):
    entry = _visible_record(request.user, pk)
    if not entry.evidence or not request.user.has_perm("outcomes.see_evidence", entry):
        raise Http404
    name = entry.evidence_name or entry.evidence.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    return private_attachment(entry.evidence, filename=name, content_type=content_type)
