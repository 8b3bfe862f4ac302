"""Planner statistics after bulk loading.

Autovacuum analyzes a table only after rows are committed, and demo loading runs in
one transaction (the tests' too). Without fresh statistics the planner takes tables
of thousands of rows for nearly empty ones and can pick nested loops that run for
minutes; `ANALYZE` inside the transaction sees its own rows.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from django.apps import apps
from django.db import connection

P = ParamSpec("P")
R = TypeVar("R")


def refresh_statistics(*, app_label: str | None = None) -> None:
    """Analyze every table, or only the tables of one app (cheaper between stages)."""
    with connection.cursor() as cursor:
        if app_label is None:
            cursor.execute("ANALYZE")
            return
        tables = [
            connection.ops.quote_name(model._meta.db_table)
            for model in apps.get_app_config(app_label).get_models()
        ]
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def analyzes_afterwards(function: Callable[P, R]) -> Callable[P, R]:
    """Refresh the planner's statistics once `function` has loaded its rows."""

    @functools.wraps(function)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        result = function(*args, **kwargs)
        refresh_statistics()
        return result

    return wrapper
