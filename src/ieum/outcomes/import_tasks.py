"""Outcome imports in the background worker (`ieum procrastinate worker`).

A workbook of past years can hold thousands of rows, so the upload page only stores it
and queues the check (`importing.start_import`), and the confirmation only queues the
saving (`importing.confirm_import`); the import's page follows both.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from procrastinate.contrib.django import app

from ieum.outcomes import importing
from ieum.outcomes.models import OutcomeImport


# A job that runs twice finds the import already checked and does nothing.
@app.task(name=importing.CHECK_TASK)
def check_outcome_import(*, import_id: int) -> None:
    outcome_import = OutcomeImport.objects.filter(pk=import_id).first()
    if outcome_import is not None:
        importing.check_import(outcome_import=outcome_import)


# A job that runs twice finds the import already saved and writes nothing more.
@app.task(name=importing.SAVE_TASK)
def save_outcome_import(*, import_id: int, by_id: int | None = None) -> None:
    outcome_import = OutcomeImport.objects.defer("content", "checked_rows").filter(pk=import_id)
    outcome_import = outcome_import.first()
    if outcome_import is None:
        return
    by = get_user_model().objects.filter(pk=by_id).first() if by_id else None
    importing.save_import(outcome_import=outcome_import, by=by)
