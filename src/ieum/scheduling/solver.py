"""The scheduler: constructive start, local improvement, then CP-SAT (whole or by windows).

1. The first-come-first-served baseline and the priority greedy are both built; local
   search improves the greedy; the better of the two is the incumbent, so the result is
   never worse than the baseline.
2. If the instance is small enough, one CP-SAT model re-optimises every meeting (its
   weight bound is reported); otherwise, and with the time that is left, CP-SAT works
   on windows (large-neighbourhood search).
3. Every step keeps the incumbent unless the new schedule is strictly better in the
   lexicographic order (weight, meetings, fewer breaks, lower max_breaks), so stopping at
   the time limit returns the best schedule found so far.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from ieum.scheduling.bounds import breaks_lower_bound
from ieum.scheduling.construct import first_come_first_served, priority_greedy, priority_order
from ieum.scheduling.cpsat import reoptimise
from ieum.scheduling.improve import fairness_pass, local_search
from ieum.scheduling.lns import large_neighbourhood_search
from ieum.scheduling.model import Instance, Progress, Schedule
from ieum.scheduling.problem import compile_problem
from ieum.scheduling.state import State
from ieum.scheduling.validation import validate_instance

ProgressCallback = Callable[[Progress], None]

# Above this many (meeting, slot) pairs one CP-SAT model is too slow to help; use windows.
FULL_MODEL_LIMIT = 40_000
# Up to this many, the breaks are minimised over the whole model too.
SMALL_MODEL_LIMIT = 8_000


def solve(
    instance: Instance,
    *,
    time_limit: float = 10.0,
    seed: int = 0,
    progress: ProgressCallback | None = None,
    workers: int = 2,
) -> Schedule:
    """Schedule `instance` within about `time_limit` seconds; the result is always valid.

    Raises `InstanceError` if the instance is inconsistent (see `validate_instance`).
    """
    t0 = time.monotonic()
    # A small margin: CP-SAT stops a little after its limit, and the caller must write out.
    deadline = t0 + max(0.1, time_limit * 0.97 - 0.15)
    validate_instance(instance)
    pr = compile_problem(instance)
    weight_bound: int | None = None
    breaks_bound: int | None = None
    primary_optimal = False  # weight and then meetings proven optimal

    def report(phase: str, state: State) -> None:
        if progress is not None:
            progress(
                Progress(
                    phase,
                    time.monotonic() - t0,
                    state.weight,
                    state.scheduled,
                    state.breaks,
                    state.max_breaks(),
                    weight_bound,
                )
            )

    base = first_come_first_served(pr)
    report("first come, first served", base)
    order = priority_order(pr)
    state = priority_greedy(pr, order)
    report("priority greedy", state)
    local_search(state, order, deadline=t0 + 0.3 * (deadline - t0), rounds=10)
    report("local search", state)
    if base.key() > state.key():
        state = base
        local_search(state, order, deadline=t0 + 0.4 * (deadline - t0))
        report("local search from baseline", state)

    size = sum(len(c) for m, c in enumerate(pr.m_cands) if pr.m_fixed[m] < 0)
    all_free = [m for m in range(pr.n_meetings) if pr.m_fixed[m] < 0 and pr.m_cands[m]]
    if all_free and size <= FULL_MODEL_LIMIT and deadline - time.monotonic() > 0.2:
        left = deadline - time.monotonic()
        res = reoptimise(
            state,
            all_free,
            time_limit=0.3 * left,
            # One model minimises breaks well only when small; windows do better beyond.
            breaks_time=0.4 * left if size <= SMALL_MODEL_LIMIT else 0.0,
            seed=seed,
            workers=workers,
        )
        fixed_weight = sum(w for m, w in enumerate(pr.m_weight) if pr.m_fixed[m] >= 0)
        if res.weight_bound is not None:
            weight_bound = res.weight_bound + fixed_weight
        primary_optimal = res.optimal_weight
        if res.optimal_weight and res.breaks_bound is not None:
            breaks_bound = max(0, res.breaks_bound)
        if state.scheduled == pr.n_meetings:  # valid for schedules of every meeting
            breaks_bound = max(breaks_bound or 0, breaks_lower_bound(instance))
        report("CP-SAT", state)
        local_search(state, order, deadline=deadline, rounds=10)
        report("local search", state)
        if res.optimal_weight and res.breaks_optimal:
            fairness_pass(state, deadline=deadline)
            return state.to_schedule(weight_bound=weight_bound, breaks_bound=breaks_bound)

    if all_free and deadline - time.monotonic() > 0.2:
        last = [time.monotonic()]

        def on_improve() -> None:
            if time.monotonic() - last[0] > 2.0:
                last[0] = time.monotonic()
                report("large-neighbourhood search", state)

        large_neighbourhood_search(
            state,
            deadline=deadline - 0.03 * (deadline - t0),  # leaves time for the fairness pass
            seed=seed,
            workers=workers,
            on_improve=on_improve,
            gain_share=0.0 if primary_optimal else 0.7,
            polish=lambda: local_search(state, order, deadline=deadline, rounds=1),
        )
        report("large-neighbourhood search", state)
    if fairness_pass(state, deadline=deadline):
        report("fairness", state)
    return state.to_schedule(weight_bound=weight_bound, breaks_bound=breaks_bound)
