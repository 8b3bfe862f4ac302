"""Race actions on the database: each runs in its own thread, all released together."""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping

from django.db import connection


def race(
    *actions: Callable[[], object],
    refusals: Mapping[type[BaseException], str] | None = None,
    done: str = "done",
) -> list[str]:
    """One outcome per action, in the order of the actions.

    An action that returns a string gives that string, any other return gives `done`;
    an exception gives the label of the first matching class in `refusals` (list
    subclasses before their bases). Any other exception fails the test.
    """
    refusals = refusals or {}
    barrier = threading.Barrier(len(actions))
    outcomes: list[str] = [""] * len(actions)
    failures: list[BaseException] = []

    def run(index: int, action) -> None:
        try:
            barrier.wait()
            result = action()
            outcomes[index] = result if isinstance(result, str) else done
        except BaseException as error:
            label = next((name for kind, name in refusals.items() if isinstance(error, kind)), None)
            if label is None:
                failures.append(error)
            else:
                outcomes[index] = label
        finally:
            # Each thread has its own connection; close it so the test database can go.
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(actions)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not failures, failures
    return outcomes
