"""Partnering work for the background worker (`ieum procrastinate worker`).

The worker loads each app's `tasks` module; the tasks live beside the code they run
and are registered through here.
"""

from ieum.partnering import notification_tasks, scheduling_tasks  # noqa: F401
