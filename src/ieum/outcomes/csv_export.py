"""CSV downloads: a dashboard's table, and the records a person may see.

UTF-8 with a byte-order mark, which is how Excel knows to read Korean from a CSV file.
Figures are plain numbers (no separators, no currency sign); a figure that does not
apply to the scope is empty. Records are streamed, so a platform admin's download of
every record never sits in memory whole.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from io import StringIO

from django.contrib.postgres.aggregates import ArrayAgg
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from ieum.core.models import pick_language
from ieum.outcomes.dashboards import Dashboard
from ieum.outcomes.report_export import cell_value, record_cells, record_columns
from ieum.outcomes.visibility import ClusterAttribution, visible_records

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
CHUNK = 2000


def _line(cells) -> str:
    buffer = StringIO()
    csv.writer(buffer).writerow(["" if cell is None else _text(cell) for cell in cells])
    return buffer.getvalue()


def _text(cell) -> str:
    if hasattr(cell, "isoformat"):
        return cell.isoformat()
    text = str(cell)
    # A spreadsheet would run a cell that starts like a formula; a leading quote keeps
    # a typed title text.
    if text[:1] in ("=", "+", "-", "@") and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def dashboard_csv(dashboard: Dashboard) -> bytes:
    """The dashboard's table: a row per KPI, a column per period."""
    table = dashboard.table
    lines = [
        BOM,
        _line([_("Code"), _("KPI"), _("Unit"), *(period.key for period in table.periods)]),
    ]
    for kpi in table.kpis:
        values = [cell_value(cell) for cell in table.series(kpi.code)]
        lines.append(_line([kpi.code, kpi.name, kpi.get_unit_display(), *values]))
    return "".join(lines).encode("utf-8")


def filtered_records(
    *, user, status: str = "", kind: str = "", year: int | None = None, cluster: str = ""
) -> QuerySet:
    """The person's visible records, narrowed by status, kind, year and cluster."""
    records = visible_records(user)
    if status:
        records = records.filter(status=status)
    if kind:
        records = records.filter(kind=kind)
    if year:
        records = records.filter(year=year)
    if cluster:
        # Through Exists, so the cluster names below still list every cluster.
        records = records.filter(
            Exists(
                ClusterAttribution.objects.filter(
                    outcomerecord_id=OuterRef("pk"), cluster__slug=cluster
                )
            )
        )
    return (
        records.select_related("company")
        .annotate(
            cluster_names_ko=ArrayAgg("clusters__name_ko", default=[], order_by="clusters__pk"),
            cluster_names_en=ArrayAgg("clusters__name_en", default=[], order_by="clusters__pk"),
        )
        .order_by("-occurred_on", "-pk")
    )


def records_csv(*, user, **filters) -> Iterator[bytes]:
    """The filtered records as CSV lines, one chunk of rows at a time."""
    records = filtered_records(user=user, **filters)
    headers = [header for header, _format in record_columns()]
    return _stream(records, [*headers, _("Clusters")])


def _stream(records: QuerySet, headers: list[str]) -> Iterator[bytes]:
    yield (BOM + _line(headers)).encode("utf-8")
    for record in records.iterator(chunk_size=CHUNK):
        names = [
            pick_language(ko, en)
            for ko, en in zip(record.cluster_names_ko, record.cluster_names_en, strict=False)
        ]
        yield _line([*record_cells(record), ", ".join(sorted(names))]).encode("utf-8")
