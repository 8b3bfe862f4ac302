"""Importing a cluster's equipment list from a ZEUS export (.xlsx or CSV).

Staff upload the file (`start_resource_import`); the worker then runs
`run_resource_import`: it reads the file, checks every row, and only when all rows are
right writes them in one transaction, a row whose NFEC number the cluster already has
updating that resource. When any row is wrong, each problem is recorded with its row
and column and nothing is written. Columns and their values: `import_columns.py`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime, time
from typing import Any

from auditlog.context import set_actor
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from procrastinate.contrib.django import app

from ieum.directory.models import Cluster
from ieum.facilities.enums import ResourceKind
from ieum.facilities.import_columns import accepted_values, choice_for
from ieum.facilities.import_files import ImportFileError, Sheet, is_blank, read_sheet
from ieum.facilities.models import OpeningHours, Resource, ResourceImport
from ieum.facilities.models.imports import ImportStatus
from ieum.facilities.resource_editing import RATE_FIELDS, nfec_format_problem, normalize_nfec

# The worker's task (`import_tasks.py`), named here so this module need not import it.
IMPORT_TASK = "facilities.import_resources"

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_PROBLEMS_KEPT = 1_000
PROGRESS_EVERY = 200
# New resources open on weekdays until staff set their hours.
DEFAULT_HOURS = [(weekday, time(9), time(18)) for weekday in range(5)]
CHOICE_FIELDS = ("category", "status", "use_scope", "kind")


@dataclass(frozen=True)
class Problem:
    row: int | None
    column: str
    message: str


@dataclass
class Row:
    number: int
    values: dict[str, Any]


# Checking the rows.


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _won(value) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != int(value):
            raise ValueError
        return int(value)
    cleaned = re.sub(r"[,\s₩원]|KRW", "", str(value), flags=re.IGNORECASE)
    return int(cleaned)


def _value(name: str, raw) -> Any:
    """The value of one cell for field `name`; raises ValidationError when it is wrong."""
    if name in RATE_FIELDS:
        try:
            amount = _won(raw)
        except (TypeError, ValueError) as error:
            raise ValidationError(_("Write a whole number of won, e.g. 30000.")) from error
        if amount < 0:
            raise ValidationError(_("Rates cannot be negative."))
        return amount
    text = _text(raw)
    if name in CHOICE_FIELDS:
        value = choice_for(name, text)
        if value is None:
            raise ValidationError(
                _("“%(value)s” is not one of: %(values)s.")
                % {"value": text, "values": accepted_values(name)}
            )
        return value
    if name == "nfec_number":
        text = normalize_nfec(text)
        problem = nfec_format_problem(text)
        if problem:
            raise ValidationError(problem)
    if name == "contact_email":
        validate_email(text)
    limit = Resource._meta.get_field(name).max_length
    if limit and len(text) > limit:
        raise ValidationError(
            _("At most %(limit)d characters (this has %(length)d).")
            % {"limit": limit, "length": len(text)}
        )
    return text


def _numbers_registered(numbers: set[str]) -> dict[str, tuple[int, int, str]]:
    """NFEC number → (resource, cluster, cluster name) of resources that have them."""
    return {
        number: (pk, cluster_id, Cluster(name_ko=name_ko, name_en=name_en).name)
        for number, pk, cluster_id, name_ko, name_en in Resource.objects.filter(
            nfec_number__in=numbers
        ).values_list("nfec_number", "pk", "cluster_id", "cluster__name_ko", "cluster__name_en")
    }


def _nfec_column(sheet: Sheet) -> int | None:
    return next((i for i, c in sheet.columns.items() if c.field == "nfec_number"), None)


def check_rows(
    *, cluster: Cluster, sheet: Sheet, on_progress: Callable[[int], None] | None = None
) -> tuple[list[Row], list[Problem]]:
    """Every row made into field values, and every problem found on the way."""
    nfec_index = _nfec_column(sheet)
    numbers = set()
    if nfec_index is not None:
        numbers = {
            normalize_nfec(_text(values[nfec_index]))
            for _number, values in sheet.rows
            if nfec_index < len(values) and not is_blank(values[nfec_index])
        }
    registered = _numbers_registered(numbers)
    seen: dict[str, int] = {}
    rows, problems = [], []
    for position, (number, cells) in enumerate(sheet.rows, start=1):
        values = {}
        for index, column in sheet.columns.items():
            raw = cells[index] if index < len(cells) else None
            if is_blank(raw):
                continue
            try:
                values[column.field] = _value(column.field, raw)
            except ValidationError as error:
                problems += [Problem(number, sheet.headers[index], m) for m in error.messages]
        problems += _row_problems(cluster, sheet, number, values, registered, seen)
        rows.append(Row(number, values))
        if on_progress is not None and (position % PROGRESS_EVERY == 0):
            on_progress(position)
    if on_progress is not None:
        on_progress(len(sheet.rows))
    return rows, problems


def _row_problems(cluster, sheet, number, values, registered, seen) -> list[Problem]:
    problems = []
    nfec = values.get("nfec_number")
    nfec_header = sheet.header_of("nfec_number")
    if nfec:
        if nfec in seen:
            problems.append(
                Problem(
                    number,
                    nfec_header,
                    _("%(number)s is also in row %(row)d.") % {"number": nfec, "row": seen[nfec]},
                )
            )
        seen.setdefault(nfec, number)
        other = registered.get(nfec)
        if other is not None and other[1] != cluster.pk:
            problems.append(
                Problem(
                    number,
                    nfec_header,
                    _("%(number)s is registered to another cluster (%(cluster)s).")
                    % {"number": nfec, "cluster": other[2]},
                )
            )
    is_new = not nfec or nfec not in registered
    if is_new and not values.get("name_ko"):
        problems.append(
            Problem(number, sheet.header_of("name_ko"), _("A new resource needs its Korean name."))
        )
    return problems


# Writing.


class _Refused(Exception):
    def __init__(self, problems: list[Problem]):
        self.problems = problems


def _write(*, job: ResourceImport, rows: list[Row]) -> tuple[int, int]:
    """Create and update the resources; the caller holds the transaction."""
    numbers = {row.values["nfec_number"] for row in rows if row.values.get("nfec_number")}
    elsewhere = list(
        Resource.objects.filter(nfec_number__in=numbers)
        .exclude(cluster=job.cluster)
        .values_list("nfec_number", flat=True)
    )
    if elsewhere:
        raise _Refused(
            [
                Problem(
                    None,
                    "",
                    _("%(number)s was registered to another cluster meanwhile.")
                    % {"number": number},
                )
                for number in elsewhere
            ]
        )
    existing = {
        resource.nfec_number: resource
        for resource in Resource.objects.select_for_update().filter(
            cluster=job.cluster, nfec_number__in=numbers
        )
    }
    created, updated = [], 0
    for row in rows:
        resource = existing.get(row.values.get("nfec_number", ""))
        if resource is None:
            resource = Resource(
                cluster=job.cluster, **{"kind": ResourceKind.EQUIPMENT, **row.values}
            )
            created.append(resource)
        else:
            for name, value in row.values.items():
                setattr(resource, name, value)
            updated += 1
        resource.save()
    OpeningHours.objects.bulk_create(
        OpeningHours(resource=resource, weekday=day, opens=opens, closes=closes)
        for resource in created
        for day, opens, closes in DEFAULT_HOURS
    )
    return len(created), updated


# The import from upload to result.


@transaction.atomic
def start_resource_import(*, user, cluster: Cluster, upload) -> ResourceImport:
    """Keep the uploaded list and queue its import for the worker."""
    if not user.has_perm("directory.manage_cluster", cluster):
        raise PermissionDenied
    name = upload.name.rsplit("/", 1)[-1][:255]
    if not name.lower().endswith((".xlsx", ".csv")):
        raise ValidationError({"file": _("Upload the list as an .xlsx workbook or a CSV file.")})
    if upload.size > MAX_FILE_BYTES:
        raise ValidationError({"file": _("The file may be at most 10 MB.")})
    if not upload.size:
        raise ValidationError({"file": _("The file is empty.")})
    upload.seek(0)
    job = ResourceImport.objects.create(
        cluster=cluster, uploaded_by=user, filename=name, content=upload.read()
    )
    transaction.on_commit(lambda: app.configure_task(IMPORT_TASK).defer(import_id=job.pk))
    return job


def _progress(job: ResourceImport, **fields) -> None:
    ResourceImport.objects.filter(pk=job.pk).update(**fields)


def _fail(job: ResourceImport, problems: list[Problem]) -> None:
    job.status = ImportStatus.FAILED
    job.problem_count = len(problems)
    job.problems = [asdict(problem) for problem in problems[:MAX_PROBLEMS_KEPT]]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "problem_count", "problems", "finished_at", "updated_at"])


def run_resource_import(*, import_id: int) -> ResourceImport | None:
    """Check and import an uploaded list; None when it was already taken up."""
    claimed = ResourceImport.objects.filter(pk=import_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.CHECKING, started_at=timezone.now()
    )
    if not claimed:
        return None
    job = ResourceImport.objects.select_related("cluster", "uploaded_by").get(pk=import_id)
    user = job.uploaded_by
    with translation.override(user.preferred_language if user else settings.LANGUAGE_CODE):
        try:
            _run(job)
        except Exception:
            _fail(
                job,
                [
                    Problem(
                        None,
                        "",
                        _("The import stopped on an unexpected error; nothing was changed."),
                    )
                ],
            )
            raise
    return job


def _run(job: ResourceImport) -> None:
    user = job.uploaded_by
    if user is None or not user.has_perm("directory.manage_cluster", job.cluster):
        _fail(
            job,
            [
                Problem(
                    None,
                    "",
                    _("The person who uploaded the list may no longer change this catalog."),
                )
            ],
        )
        return
    try:
        sheet = read_sheet(filename=job.filename, content=bytes(job.content))
    except ImportFileError as error:
        _fail(job, [Problem(None, "", str(error))])
        return
    job.total_rows = len(sheet.rows)
    job.ignored_columns = sheet.ignored
    job.save(update_fields=["total_rows", "ignored_columns", "updated_at"])
    rows, problems = check_rows(
        cluster=job.cluster,
        sheet=sheet,
        on_progress=lambda count: _progress(job, processed_rows=count),
    )
    job.processed_rows = len(rows)
    if not rows:
        problems.append(Problem(None, "", _("The list has no rows under its header.")))
    if problems:
        _fail(job, problems)
        return
    _progress(job, status=ImportStatus.SAVING)
    try:
        with transaction.atomic(), set_actor(user):
            job.created_count, job.updated_count = _write(job=job, rows=rows)
            job.status = ImportStatus.DONE
            job.finished_at = timezone.now()
            job.save(
                update_fields=[
                    "status",
                    "processed_rows",
                    "created_count",
                    "updated_count",
                    "finished_at",
                    "updated_at",
                ]
            )
    except _Refused as refused:
        _fail(job, refused.problems)
    except IntegrityError as error:
        if "resource_unique_nfec" not in str(error):
            raise
        _fail(
            job,
            [
                Problem(
                    None,
                    "",
                    _(
                        "An NFEC number of the list was registered meanwhile; "
                        "nothing was changed. Try again."
                    ),
                )
            ],
        )
