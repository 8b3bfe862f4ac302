"""An upper bound on the weight any valid schedule can reach (LP relaxation, GLOP).

Relaxation: each meeting that has at least one possible slot is taken fractionally,
0 <= x_m <= 1; each participant takes at most as many meetings as its limits and
available slots allow (per day and in all); the meetings that can only use one location
fit in its capacity x the slots they may use. The LP optimum bounds the weight of every
valid schedule from above.
"""

from __future__ import annotations

import math
from collections import defaultdict

from ortools.linear_solver import pywraplp

from ieum.scheduling.model import Instance
from ieum.scheduling.problem import Problem, compile_problem, participant_availability


def weight_upper_bound(instance: Instance) -> int:
    """The LP-relaxation bound on the scheduled weight (rounded down)."""
    pr = compile_problem(instance)
    lp = pywraplp.Solver.CreateSolver("GLOP")
    if lp is None:  # pragma: no cover - GLOP ships with OR-Tools
        return sum(pr.m_weight)
    x = {}
    for m in range(pr.n_meetings):
        if pr.m_cands[m]:
            x[m] = lp.NumVar(0.0, 1.0, "")
    avail = participant_availability(pr)
    for p, ms in enumerate(pr.p_meetings):
        mine = [m for m in ms if m in x]
        if not mine:
            continue
        cap = pr.participant_capacity(p, avail)
        if len(mine) > cap:
            lp.Add(sum(x[m] for m in mine) <= cap)
        by_day = defaultdict(list)
        for m in mine:
            for d in {pr.slot_day[s] for s in pr.m_cands[m]}:
                by_day[d].append(m)
        # A meeting confined to one day counts against that day's room.
        for d, day_ms in by_day.items():
            only = [m for m in day_ms if all(pr.slot_day[s] == d for s in pr.m_cands[m])]
            room = min(pr.p_day_max[p], sum(1 for s in avail[p] if pr.slot_day[s] == d))
            if len(only) > room:
                lp.Add(sum(x[m] for m in only) <= room)
    single: dict[int, list[int]] = defaultdict(list)
    for m in x:
        if len(pr.m_locs[m]) == 1:
            single[pr.m_locs[m][0]].append(m)
    for loc, ms in single.items():
        slots = {s for m in ms for s in pr.m_cands[m]}
        room = pr.loc_cap[loc] * len(slots)
        if len(ms) > room:
            lp.Add(sum(x[m] for m in ms) <= room)
    lp.Maximize(sum(pr.m_weight[m] * v for m, v in x.items()))
    if lp.Solve() != pywraplp.Solver.OPTIMAL:
        return sum(pr.m_weight[m] for m in x)
    return math.floor(lp.Objective().Value() + 1e-6)


def _runs_needed(available: list[bool], k: int) -> int:
    """Fewest runs of consecutive available slots that can hold `k` meetings (or k+1)."""
    if k <= 0:
        return 0
    runs, n = [], 0
    for a in [*available, False]:
        if a:
            n += 1
        elif n:
            runs.append(n)
            n = 0
    runs.sort(reverse=True)
    total = 0
    for i, r in enumerate(runs):
        total += r
        if total >= k:
            return i + 1
    return len(runs) + 1  # cannot hold k at all


def breaks_lower_bound(instance: Instance) -> int:
    """A lower bound on the breaks of any schedule that schedules *every* meeting.

    Per participant, its meetings must fit in the runs of consecutive slots it is
    available in; a day holding c meetings needs at least the fewest runs whose lengths
    add up to c, i.e. that many minus one breaks. The split of meetings between days is
    chosen optimally (a small dynamic programme); participants are bounded separately.
    """
    pr = compile_problem(instance)
    avail = participant_availability(pr)
    return sum(
        participant_breaks_bound(pr, p, len(ms), avail) for p, ms in enumerate(pr.p_meetings)
    )


def participant_breaks_bound(pr: Problem, p: int, k: int, avail: list[set[int]]) -> int:
    """Fewest breaks participant `p` can have with `k` meetings (0 if they cannot fit)."""
    if k == 0:
        return 0
    inf = 1 << 30
    best = [0] + [inf] * k  # best[c]: fewest breaks for c meetings on the days so far
    for day in pr.day_slots:
        mask = [s in avail[p] for s in day]
        cap = min(sum(mask), pr.p_day_max[p])
        cost = [0] + [max(0, _runs_needed(mask, c) - 1) for c in range(1, cap + 1)]
        nxt = [inf] * (k + 1)
        for c0, b0 in enumerate(best):
            if b0 == inf:
                continue
            for c in range(min(cap, k - c0) + 1):
                nxt[c0 + c] = min(nxt[c0 + c], b0 + cost[c])
        best = nxt
    return best[k] if best[k] < inf else 0
