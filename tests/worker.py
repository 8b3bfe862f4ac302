"""Run the real background worker in tests, as `ieum procrastinate worker` runs it.

The worker reads jobs on its own connection, so tests that use it need committed data:
`@pytest.mark.django_db(transaction=True)`.
"""

import contextlib
import threading

from django.db import connections
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued


def run_worker() -> None:
    """Work through every queued job (and those they queue), then stop."""
    # Tasks run in threads of their own; without a connection age they close their
    # database connections after each job, so none is left open when the test
    # database is dropped.
    settings = connections["default"].settings_dict
    max_age, settings["CONN_MAX_AGE"] = settings["CONN_MAX_AGE"], 0
    # Periodic jobs run only when a test queues them (`queue_periodic`): the worker's
    # own deferrer would queue them whenever a cron tick happened to be recent, so what
    # a test sees would depend on the clock.
    registry = app.periodic_registry
    periodic, registry.periodic_tasks = registry.periodic_tasks, {}
    failures: list[BaseException] = []

    def work() -> None:
        try:
            app.run_worker(wait=False, install_signal_handlers=False, listen_notify=False)
        except BaseException as error:
            failures.append(error)

    try:
        with app.replace_connector(app.connector.get_worker_connector()):
            # A thread of its own has no event loop yet, even when the test's thread
            # has one running (Playwright's, in the browser tests).
            thread = threading.Thread(target=work)
            thread.start()
            thread.join()
    finally:
        settings["CONN_MAX_AGE"] = max_age
        registry.periodic_tasks = periodic
    if failures:
        raise failures[0]


def queue_periodic(task) -> None:
    """Queue a run of a periodic task now, as its schedule would.

    A run the worker queued on its own may be waiting already; the task's queueing lock
    keeps that one, which does the same work.
    """
    with contextlib.suppress(AlreadyEnqueued):
        task.defer(timestamp=0)
