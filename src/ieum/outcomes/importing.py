"""Importing past years' outcomes from an Excel workbook: upload, check, confirm, save.

1. `start_import` keeps the uploaded workbook and queues its check for the worker.
2. The worker runs `check_import`: it reads the workbook, checks every row
   (`import_rows`), keeps each problem with its row and column, the checked rows and how
   many are valid, and ends CHECKED, or FAILED when the file as a whole is wrong.
   Nothing is written to the records at this stage.
3. The uploader confirms (`confirm_import`): every row when all are valid, or only the
   valid ones when they say so explicitly. The worker then runs `save_import`, which
   writes all the rows in one transaction, or none.

Imported records are saved as verified by the person who confirmed the import: past
years' figures were already reported to the ministry, and the staff member importing
them is the one who would otherwise verify each of them. Each record keeps
`source=import` and the import it came from, so the batch can be told apart.

The three steps are plain functions, so demo loading and tests can run them in turn
without the worker (`import_tasks.py` only calls them).
"""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ieum.core.bulk_audit import log_bulk_creation
from ieum.core.errors import Conflict
from ieum.core.jobs import defer_on_commit
from ieum.core.uploads import check_upload
from ieum.core.workbooks import CONTENT_TYPE as XLSX
from ieum.directory.models import Cluster, ClusterMember
from ieum.outcomes.enums import ImportStatus, RecordSource, VerificationStatus
from ieum.outcomes.import_columns import ImportFileError, read_sheet
from ieum.outcomes.import_rows import CheckedRow, Problem, check_rows
from ieum.outcomes.models import OutcomeImport, OutcomeRecord
from ieum.partnering.models import Event
from ieum.programs.models import Program

# The worker's tasks (`import_tasks.py`), named here so this module need not import them.
CHECK_TASK = "outcomes.check_import"
SAVE_TASK = "outcomes.save_import"
MAX_PROBLEMS_KEPT = 5_000
BATCH_SIZE = 1_000
# While the worker has the import, its page asks again every two seconds.
IN_PROGRESS = (ImportStatus.QUEUED, ImportStatus.CHECKING, ImportStatus.SAVING)
CANCELLABLE = (ImportStatus.QUEUED, ImportStatus.CHECKED)


class _Refused(Exception):
    """Saving found the rows no longer fit; the message says why."""


def _update(pk: int, **fields) -> int:
    return OutcomeImport.objects.filter(pk=pk).update(updated_at=timezone.now(), **fields)


def _fail(pk: int, message: str) -> None:
    _update(
        pk,
        status=ImportStatus.FAILED,
        failure=message,
        problems=[{"row": None, "column": "", "message": message}],
        finished_at=timezone.now(),
    )


# 1. Upload.


def start_import(
    *,
    by,
    cluster: Cluster | None,
    upload: UploadedFile | None = None,
    filename: str = "",
    content: bytes | None = None,
) -> OutcomeImport:
    """Keep an uploaded workbook (a file, or its name and bytes) and queue its check.

    Without a cluster only a platform admin may import; the rows may then name any
    company and are attributed to no cluster."""
    if not by.has_perm("outcomes.import_records", cluster):
        raise PermissionDenied
    if upload is None:
        upload = SimpleUploadedFile(filename, content or b"")
    checked = check_upload(upload)
    if checked.content_type != XLSX:
        raise ValidationError({"file": _("Upload the outcomes as an Excel workbook (.xlsx).")})
    upload.seek(0)
    with transaction.atomic():
        job = OutcomeImport.objects.create(
            cluster=cluster,
            uploaded_by=by,
            # The problems are written in the language the uploader reads the site in.
            language=(translation.get_language() or "ko")[:8],
            filename=checked.name,
            content=upload.read(),
        )
        defer_on_commit(CHECK_TASK, import_id=job.pk)
    return job


# 2. Check.


def check_import(*, outcome_import: OutcomeImport) -> OutcomeImport:
    """Check every row of a queued import; an import already taken up is left alone."""
    pk = outcome_import.pk
    claimed = OutcomeImport.objects.filter(pk=pk, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, processed_rows=0, updated_at=timezone.now()
    )
    job = OutcomeImport.objects.select_related("cluster", "uploaded_by").get(pk=pk)
    if not claimed:
        return job
    with translation.override(job.language):
        try:
            _check(job)
        except Exception:
            _fail(pk, _("The check stopped on an unexpected error; nothing was imported."))
            raise
    job.refresh_from_db()
    return job


def _check(job: OutcomeImport) -> None:
    user = job.uploaded_by
    if user is None or not user.has_perm("outcomes.import_records", job.cluster):
        _fail(job.pk, _("The person who uploaded the workbook may no longer import it."))
        return
    try:
        sheet = read_sheet(bytes(job.content))
    except ImportFileError as error:
        _fail(job.pk, str(error))
        return
    _update(job.pk, total_rows=len(sheet.rows))
    rows, problems = check_rows(
        sheet=sheet,
        cluster=job.cluster,
        language=job.language,
        today=timezone.localdate(),
        on_progress=lambda count: _update(job.pk, processed_rows=count),
    )
    kept = [{"row": p.row, "column": p.column, "message": p.message} for p in problems]
    if len(kept) > MAX_PROBLEMS_KEPT:
        left = len(kept) - MAX_PROBLEMS_KEPT
        more = Problem(None, "", _("…and %(count)s more problems.") % {"count": f"{left:,}"})
        kept = [*kept[:MAX_PROBLEMS_KEPT], more.__dict__]
    _update(
        job.pk,
        status=ImportStatus.CHECKED,
        processed_rows=len(rows),
        valid_rows=sum(row.valid for row in rows),
        problems=kept,
        checked_rows=[row.as_json() for row in rows],
    )


# 3. Confirm and save.


def _locked(outcome_import: OutcomeImport) -> OutcomeImport:
    """The import row, locked until the transaction ends, so two clicks take turns."""
    return (
        OutcomeImport.objects.select_for_update()
        .defer("content", "checked_rows")
        .get(pk=outcome_import.pk)
    )


def _may_run(by, job: OutcomeImport) -> bool:
    return by.has_perm("outcomes.see_import", job) and by.has_perm(
        "outcomes.import_records", job.cluster
    )


@transaction.atomic
def confirm_import(*, by, outcome_import: OutcomeImport, only_valid: bool) -> OutcomeImport:
    """Queue the saving of a checked import: all its rows, which must then all be
    valid, or with `only_valid` the valid ones, leaving out the others."""
    job = _locked(outcome_import)
    if not _may_run(by, job):
        raise PermissionDenied
    if job.status != ImportStatus.CHECKED:
        raise Conflict(
            _("This import is “%(status)s”; only a checked import can be saved.")
            % {"status": job.get_status_display()}
        )
    if not job.valid_rows:
        raise ValidationError(_("No row of this workbook can be imported."))
    invalid = job.total_rows - job.valid_rows
    if invalid and not only_valid:
        raise ValidationError(
            ngettext(
                "%(count)s row has problems: correct the workbook and upload it again, "
                "or import only the valid rows.",
                "%(count)s rows have problems: correct the workbook and upload it again, "
                "or import only the valid rows.",
                invalid,
            )
            % {"count": f"{invalid:,}"}
        )
    job.status = ImportStatus.SAVING
    job.only_valid_rows = bool(invalid)
    job.save(update_fields=["status", "only_valid_rows", "updated_at"])
    defer_on_commit(SAVE_TASK, import_id=job.pk, by_id=by.pk)
    return job


def save_import(*, outcome_import: OutcomeImport, by=None) -> OutcomeImport:
    """Write the confirmed rows as verified records, all in one transaction; `by` (the
    person who confirmed, the uploader by default) verifies them. Nothing is written
    when anything fails, and the import says why."""
    pk = outcome_import.pk
    with translation.override(outcome_import.language):
        try:
            with transaction.atomic():
                job = (
                    OutcomeImport.objects.select_for_update(of=("self",))
                    .select_related("uploaded_by")
                    .defer("content")
                    .get(pk=pk)
                )
                if job.status == ImportStatus.SAVING:
                    actor = by or job.uploaded_by
                    with set_actor(actor):
                        job.created_count = _write(job, actor)
                    job.status = ImportStatus.DONE
                    job.finished_at = timezone.now()
                    job.save(update_fields=["status", "created_count", "finished_at", "updated_at"])
        except _Refused as refused:
            _fail(pk, str(refused))
        except Exception:
            _fail(pk, _("Saving stopped on an unexpected error; nothing was imported."))
            raise
    return OutcomeImport.objects.defer("content", "checked_rows").get(pk=pk)


def _write(job: OutcomeImport, actor) -> int:
    """Create the records and their attributions; the caller holds the transaction."""
    if actor is None or not actor.has_perm("outcomes.import_records", job.cluster):
        raise _Refused(_("The person saving the import may no longer import for this cluster."))
    rows = [CheckedRow.from_json(row) for row in job.checked_rows if row["valid"]]
    if len(rows) != job.total_rows and not job.only_valid_rows:
        raise _Refused(_("Some rows have problems and only valid rows were not asked for."))
    _check_still_there(job, rows)
    now = timezone.now()
    records = [
        OutcomeRecord(
            company_id=row.company,
            **row.fields,
            status=VerificationStatus.VERIFIED,
            reviewed_by=actor,
            reviewed_at=now,
            source=RecordSource.IMPORT,
            recorded_by=actor,
            imported_from=job,
        )
        for row in rows
    ]
    OutcomeRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
    clusters = OutcomeRecord.clusters.through
    programs = OutcomeRecord.programs.through
    events = OutcomeRecord.events.through
    if job.cluster_id is not None:
        clusters.objects.bulk_create(
            [clusters(outcomerecord_id=r.pk, cluster_id=job.cluster_id) for r in records],
            batch_size=BATCH_SIZE,
        )
    programs.objects.bulk_create(
        [
            programs(outcomerecord_id=record.pk, program_id=program)
            for record, row in zip(records, rows, strict=True)
            for program in row.programs
        ],
        batch_size=BATCH_SIZE,
    )
    events.objects.bulk_create(
        [
            events(outcomerecord_id=record.pk, event_id=event)
            for record, row in zip(records, rows, strict=True)
            for event in row.events
        ],
        batch_size=BATCH_SIZE,
    )
    log_bulk_creation(records, actor=actor)
    return len(records)


def _check_still_there(job: OutcomeImport, rows: list[CheckedRow]) -> None:
    """Refuse when a company left the cluster, or a program or event went, since the
    rows were checked."""
    companies = {row.company for row in rows}
    if job.cluster_id is not None:
        members = ClusterMember.objects.filter(
            cluster_id=job.cluster_id, organization_id__in=companies
        ).values_list("organization_id", flat=True)
        if set(members) != companies:
            raise _Refused(
                _("A company of the workbook left the cluster since the check; upload it again.")
            )
    for model, name in ((Program, "programs"), (Event, "events")):
        wanted = {pk for row in rows for pk in getattr(row, name)}
        if wanted and model.objects.filter(pk__in=wanted).count() != len(wanted):
            raise _Refused(
                _(
                    "A program or event of the workbook was deleted since the check; "
                    "upload it again."
                )
            )


@transaction.atomic
def cancel_import(*, by, outcome_import: OutcomeImport) -> OutcomeImport:
    """Drop an import that waits for its check or for confirmation; nothing was written."""
    job = _locked(outcome_import)
    if not _may_run(by, job):
        raise PermissionDenied
    if job.status not in CANCELLABLE:
        raise Conflict(
            _("This import is “%(status)s”; it can no longer be cancelled.")
            % {"status": job.get_status_display()}
        )
    job.status = ImportStatus.CANCELLED
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "finished_at", "updated_at"])
    return job
