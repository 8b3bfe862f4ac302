"""Equipment-list imports in the background worker (`ieum procrastinate worker`).

A list can be thousands of rows, so the page that takes the upload only stores it and
queues this task (`resource_import.start_resource_import`); the status page follows it.
"""

from __future__ import annotations

from procrastinate.contrib.django import app

from ieum.facilities import resource_import


# A job that runs twice finds the import already taken up and does nothing.
@app.task(name=resource_import.IMPORT_TASK)
def import_resources(*, import_id: int) -> None:
    resource_import.run_resource_import(import_id=import_id)
