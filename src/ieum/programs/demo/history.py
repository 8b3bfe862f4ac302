"""When each demo step happened, and writing those moments onto the rows afterwards.

The domain functions stamp the server's clock and refuse a submission after a call's
closing time. So a call of the past is walked while it is open (opening an hour before
the load), and once its applications are in, staff set its planned period
(`update_call`); every row the walk wrote then gets its planned moment, in one
statement per model and set of columns (`stamp`, as in the linkage demo).
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime

from ieum.linkage.demo.timeline import stamp


class Clock:
    """Planned moments by model and row: model → pk → {column: moment}."""

    def __init__(self) -> None:
        self._rows: dict[type, dict[int, dict[str, datetime | None]]] = defaultdict(dict)

    def at(self, instance, **columns) -> None:
        self._rows[type(instance)].setdefault(instance.pk, {}).update(columns)

    def many(self, model, pks, **columns) -> None:
        rows = self._rows[model]
        for pk in pks:
            rows.setdefault(pk, {}).update(columns)

    def get(self, instance_or_model, pk: int | None = None, column: str = "") -> datetime | None:
        """The planned moment of one column of a row, if one was set."""
        model = (
            instance_or_model if isinstance(instance_or_model, type) else type(instance_or_model)
        )
        pk = instance_or_model.pk if pk is None else pk
        return self._rows[model].get(pk, {}).get(column)

    def write(self) -> None:
        for model, rows in self._rows.items():
            by_columns: dict[tuple[str, ...], list[tuple]] = defaultdict(list)
            for pk, values in rows.items():
                columns = tuple(sorted(values))
                by_columns[columns].append((pk, *(values[c] for c in columns)))
            for columns, values in by_columns.items():
                stamp(model, list(columns), values)
        self._rows.clear()
