"""Entering, changing, deleting, verifying and rejecting outcome records.

The page, the API and the Excel import all come through here, so they cannot behave
differently. Each function checks the person's right, checks every input before
writing anything (the fields through `record_input.clean_record_fields`, attributions
through `record_attributions.check_attributions`, the evidence file's type from its
content), locks the record's row for a change, and writes under `set_actor` so the
audit log names who did it.

The life of a record:

- A company's members enter records for their own company; cluster staff enter them
  for their clusters' member companies; platform admins for anyone. Every new record
  waits for verification, whoever entered it.
- Staff of a cluster the record is attributed to, and platform admins, verify it or
  reject it with a reason. Staff may verify a record they entered themselves: entering
  copies the company's figures, verifying is the separate, deliberate check of them
  against the evidence, and a cluster desk is often one person.
- The company corrects its record until it is verified; staff and admins any time. A
  change to a verified or rejected record sends it back to waiting for verification:
  the figures or what they count towards changed, so someone must look again. Saving
  without changing anything changes nothing.
- The company deletes its record until it is verified; staff and admins any time (the
  audit log keeps the deleted row).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ieum.core.business_days import seoul_today
from ieum.core.errors import Conflict
from ieum.core.uploads import CheckedUpload, check_upload
from ieum.directory.models import Organization
from ieum.outcomes import notifications
from ieum.outcomes.enums import RecordSource, VerificationStatus
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from ieum.outcomes.money import RateBook
from ieum.outcomes.record_attributions import Attributions, check_attributions
from ieum.outcomes.record_input import INPUT_FIELDS, MONEY_FIELDS, clean_record_fields

__all__ = [
    "check_attributions",
    "delete_record",
    "record_input_values",
    "record_outcome",
    "reject_record",
    "update_record",
    "verify_record",
]

# A change of these sets the money afresh at the rates of the (new) date; any other
# change keeps the amounts stored, so a corrected rate never moves a past figure.
MONEY_INPUTS = ("amount", "currency", "occurred_on")


def record_input_values(record: OutcomeRecord) -> dict[str, Any]:
    """The record's input fields as `clean_record_fields` takes them: the starting point
    of a change, onto which the changed values are laid."""
    return {name: getattr(record, name) for name in INPUT_FIELDS}


def current_attributions(record: OutcomeRecord) -> Attributions:
    def ids(relation, column: str) -> frozenset[int]:
        rows = relation.through.objects.filter(outcomerecord_id=record.pk)
        return frozenset(rows.values_list(column, flat=True))

    return Attributions(
        clusters=ids(OutcomeRecord.clusters, "cluster_id"),
        programs=ids(OutcomeRecord.programs, "program_id"),
        events=ids(OutcomeRecord.events, "event_id"),
    )


def _collect(errors: dict[str, list[str]], error: ValidationError) -> None:
    for field, messages in error.message_dict.items():
        errors.setdefault(field, []).extend(messages)


def _check_evidence(evidence: UploadedFile | None, errors) -> CheckedUpload | None:
    if evidence is None:
        return None
    try:
        return check_upload(evidence, field="evidence")
    except ValidationError as error:
        _collect(errors, error)
        return None


def _attach(record: OutcomeRecord, attributions: Attributions) -> None:
    record.clusters.set(sorted(attributions.clusters))
    record.programs.set(sorted(attributions.programs))
    record.events.set(sorted(attributions.events))


def _store_evidence(record: OutcomeRecord, checked: CheckedUpload) -> None:
    """Keep the new file; the one it replaces goes once the change is committed."""
    old_name = record.evidence.name if record.evidence else ""
    record.evidence.save(checked.name, checked.file, save=False)
    record.evidence_name = checked.name
    if old_name:
        storage = record.evidence.storage
        transaction.on_commit(lambda: storage.delete(old_name))


def record_outcome(
    *,
    by,
    company: Organization,
    kind: str,
    data: Mapping[str, Any],
    clusters: Iterable = (),
    programs: Iterable = (),
    events: Iterable = (),
    evidence: UploadedFile | None = None,
    source: str = RecordSource.FORM,
    today: date | None = None,
    rates: RateBook | None = None,
    imported_from: OutcomeImport | None = None,
) -> OutcomeRecord:
    """A new record of `company`, waiting for verification.

    `clusters`, `programs` and `events` are model instances or primary keys. `rates`
    lets an import load the exchange rates once for all its rows.
    """
    if not by.has_perm("outcomes.record_for_company", company):
        raise PermissionDenied(_("You cannot enter records for this company."))
    errors: dict[str, list[str]] = {}
    values: dict[str, Any] = {}
    try:
        values = clean_record_fields(
            kind=kind, data=data, rates=rates or RateBook.load(), today=today or seoul_today()
        )
    except ValidationError as error:
        _collect(errors, error)
    attributions = None
    try:
        attributions = check_attributions(
            company=company, clusters=clusters, programs=programs, events=events, by=by
        )
    except ValidationError as error:
        _collect(errors, error)
    checked = _check_evidence(evidence, errors)
    if errors:
        raise ValidationError(errors)
    assert attributions is not None
    with transaction.atomic(), set_actor(by):
        record = OutcomeRecord(
            company=company,
            status=VerificationStatus.PENDING,
            source=source,
            recorded_by=by,
            imported_from=imported_from,
            **values,
        )
        if checked is not None:
            _store_evidence(record, checked)
        record.save()
        _attach(record, attributions)
    return record


def _locked(record: OutcomeRecord) -> OutcomeRecord:
    """The record's row, locked until the transaction ends (DoesNotExist when it is
    gone, which pages and the API show as 404)."""
    return (
        OutcomeRecord.objects.select_for_update(of=("self",))
        .select_related("company")
        .get(pk=record.pk)
    )


def _changed_fields(record: OutcomeRecord, values: dict[str, Any]) -> list[str]:
    if all(getattr(record, name) == values[name] for name in MONEY_INPUTS):
        for name in MONEY_FIELDS:
            values[name] = getattr(record, name)
    return [name for name, value in values.items() if getattr(record, name) != value]


def update_record(
    *,
    by,
    record: OutcomeRecord,
    data: Mapping[str, Any],
    clusters: Iterable | None = None,
    programs: Iterable | None = None,
    events: Iterable | None = None,
    evidence: UploadedFile | None = None,
    today: date | None = None,
) -> OutcomeRecord:
    """The record with `data` laid over its input fields (a field left out keeps its
    value; the kind never changes). Attributions given as None stay as they are.

    Returns the record as saved; a change to a verified or rejected record sends it
    back to waiting for verification.
    """
    with transaction.atomic(), set_actor(by):
        record = _locked(record)
        if not by.has_perm("outcomes.change_record", record):
            raise PermissionDenied(_("You cannot change this record."))
        errors: dict[str, list[str]] = {}
        values: dict[str, Any] = {}
        try:
            values = clean_record_fields(
                kind=record.kind,
                data={**record_input_values(record), **data},
                rates=RateBook.load(),
                today=today or seoul_today(),
            )
        except ValidationError as error:
            _collect(errors, error)
        values.pop("kind", None)
        current = current_attributions(record)
        attributions = current
        if clusters is not None or programs is not None or events is not None:
            try:
                attributions = check_attributions(
                    company=record.company,
                    clusters=current.clusters if clusters is None else clusters,
                    programs=current.programs if programs is None else programs,
                    events=current.events if events is None else events,
                    by=by,
                    current=current,
                )
            except ValidationError as error:
                _collect(errors, error)
        checked = _check_evidence(evidence, errors)
        if errors:
            raise ValidationError(errors)
        changed = _changed_fields(record, values)
        if not changed and attributions == current and checked is None:
            return record
        for name in changed:
            setattr(record, name, values[name])
        if checked is not None:
            _store_evidence(record, checked)
        if record.status != VerificationStatus.PENDING:
            record.status = VerificationStatus.PENDING
            record.rejection_reason = ""
            record.reviewed_by = None
            record.reviewed_at = None
        record.save()
        if attributions != current:
            _attach(record, attributions)
        return record


def delete_record(*, by, record: OutcomeRecord) -> None:
    """Delete the record and, once that is committed, its evidence file."""
    with transaction.atomic(), set_actor(by):
        record = _locked(record)
        if not by.has_perm("outcomes.change_record", record):
            raise PermissionDenied(_("You cannot delete this record."))
        evidence = record.evidence.name if record.evidence else ""
        storage = record.evidence.storage
        record.delete()
        if evidence:
            transaction.on_commit(lambda: storage.delete(evidence))


def _decide(*, by, record: OutcomeRecord, status: str, reason: str = "") -> OutcomeRecord:
    with transaction.atomic(), set_actor(by):
        record = _locked(record)
        if not by.has_perm("outcomes.verify_record", record):
            raise PermissionDenied(_("You cannot verify records of this company."))
        if record.status != VerificationStatus.PENDING:
            raise Conflict(
                _("This record is no longer waiting for verification: it is now “%(status)s”.")
                % {"status": record.get_status_display()},
                code="not_pending",
            )
        record.status = status
        record.rejection_reason = reason
        record.reviewed_by = by
        record.reviewed_at = timezone.now()
        record.save(
            update_fields=[
                "status",
                "rejection_reason",
                "reviewed_by",
                "reviewed_at",
                "updated_at",
            ]
        )
        notifications.record_reviewed(record)
        return record


def verify_record(*, by, record: OutcomeRecord) -> OutcomeRecord:
    """Mark a waiting record verified: its figures count in the KPIs from now on."""
    return _decide(by=by, record=record, status=VerificationStatus.VERIFIED)


def reject_record(*, by, record: OutcomeRecord, reason: str) -> OutcomeRecord:
    """Reject a waiting record with the reason the company is told."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": [_("Say why the record is rejected.")]})
    return _decide(by=by, record=record, status=VerificationStatus.REJECTED, reason=reason)
