"""Queue work for the background worker from inside a domain transaction.

A job is queued only once the transaction commits, so a change that rolls back tells
nobody. Set-up code (demo data, imports of past records) wraps itself in `silenced()`
so that loading history does not send e-mail about it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import transaction
from procrastinate.contrib.django import app

_silenced: ContextVar[bool] = ContextVar("ieum_jobs_silenced", default=False)


@contextmanager
def silenced() -> Iterator[None]:
    """Queue nothing inside this block: the changes are set-up, not news."""
    token = _silenced.set(True)
    try:
        yield
    finally:
        _silenced.reset(token)


def defer_on_commit(task_name: str, **task_kwargs) -> None:
    """Queue a job for the worker, by task name, once the current transaction commits."""
    if _silenced.get():
        return
    transaction.on_commit(lambda: app.configure_task(task_name).defer(**task_kwargs))
