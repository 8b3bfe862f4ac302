"""The `ieum` command line.

`ieum db ...` runs the embedded PostgreSQL server and `ieum schedule ...` the meeting
scheduler; neither needs Django, so they are dispatched before Django is set up. Every
other sub-command is a Django management command.
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    command = argv[0] if argv else ""
    if command == "db":
        from ieum.core.embedded_db import main as db_main

        return db_main(argv[1:])
    if command == "schedule":
        from ieum.scheduling.cli import main as schedule_main

        return schedule_main(argv[1:])

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ieum.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["ieum", *argv])
    return 0
