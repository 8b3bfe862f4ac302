"""Large-neighbourhood search: CP-SAT on windows of participants x slots, one at a time.

For instances too large for one CP-SAT model, each step frees the meetings of a few
participants (a seed participant and the partners of its unscheduled requests) within
one day, re-optimises them exactly with CP-SAT and keeps the result only when it is
better. Seeds alternate between participants with unscheduled requests (to gain weight)
and participants with breaks (to compact their days).
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable

from ieum.scheduling.cpsat import reoptimise
from ieum.scheduling.state import State


def _window(
    state: State, rng: random.Random, *, want_gain: bool, var_budget: int
) -> tuple[list[int], set[int] | None]:
    pr = state.pr
    n_p = pr.n_participants
    p = -1
    for _ in range(50):
        q = rng.randrange(n_p)
        ms = pr.p_meetings[q]
        if not ms:
            continue
        if want_gain:
            if any(state.slot_of[m] == -1 and pr.m_cands[m] for m in ms):
                p = q
                break
        elif state.p_breaks[q] > 0:
            p = q
            break
    if p < 0:
        return [], None
    # One day (the whole horizon when it has a single day).
    if pr.n_days > 1:
        if want_gain:
            day = rng.randrange(pr.n_days)
        else:
            days = [d for d in range(pr.n_days) if state.count_day[p][d] > 1]
            day = rng.choice(days) if days else rng.randrange(pr.n_days)
        window = set(pr.day_slots[day])
    else:
        window = set(range(pr.n_slots))
    members = [p]
    unscheduled = sorted(
        (m for m in pr.p_meetings[p] if state.slot_of[m] == -1 and pr.m_cands[m]),
        key=lambda m: (-pr.m_weight[m], rng.random()),
    )
    for m in unscheduled[:4]:
        members.extend(q for q in pr.m_parts[m] if q not in members)
    if not want_gain:
        for m in pr.p_meetings[p]:
            s = state.slot_of[m]
            if s != -1 and s in window and len(members) < 6:
                members.extend(q for q in pr.m_parts[m] if q not in members)
    free: list[int] = []
    size = 0
    seen: set[int] = set()
    for q in members:
        scheduled = [m for m in pr.p_meetings[q] if state.slot_of[m] in window]
        open_ = [m for m in pr.p_meetings[q] if state.slot_of[m] == -1]
        open_.sort(key=lambda m: (-pr.m_weight[m], rng.random()))
        for m in scheduled + open_:
            if m in seen or pr.m_fixed[m] >= 0:
                continue
            cost = sum(1 for s in pr.m_cands[m] if s in window)
            if not cost:
                continue
            if size + cost > var_budget:
                break
            seen.add(m)
            free.append(m)
            size += cost
    return free, window


def large_neighbourhood_search(
    state: State,
    *,
    deadline: float,
    seed: int,
    workers: int = 2,
    var_budget: int = 1500,
    step_time: float = 0.5,
    on_improve: Callable[[], None] | None = None,
    max_steps: int | None = None,
    gain_share: float = 0.7,
    polish: Callable[[], None] | None = None,
) -> int:
    """Run LNS steps until `deadline` (or `max_steps`); returns the number of improvements."""
    rng = random.Random(seed)
    improvements = 0
    step = 0
    stale = 0
    while max_steps is None or step < max_steps:
        left = deadline - time.monotonic()
        if left < 0.1:
            break
        step += 1
        want_gain = rng.random() < gain_share
        free, window = _window(state, rng, want_gain=want_gain, var_budget=var_budget)
        if not free:
            stale += 1
            if stale > 200:
                break
            continue
        res = reoptimise(
            state,
            free,
            slots=window,
            time_limit=min(step_time, left) * (0.5 if want_gain else 0.0),
            breaks_time=min(step_time, left) * (0.5 if want_gain else 1.0),
            seed=rng.randrange(1 << 30),
            workers=workers,
        )
        if step % 25 == 0 and polish is not None:
            polish()
        if res.improved:
            improvements += 1
            stale = 0
            if on_improve is not None:
                on_improve()
        else:
            stale += 1
    return improvements
