"""Constructive schedules: the first-come-first-served baseline and a priority greedy.

`first_come_first_served` reproduces the reference baseline (greedy.py) step for step, so
the solver can start from it and only ever accept improvements: the final schedule is
never worse than the baseline. `priority_greedy` is the better start: heaviest meetings
first, among equals the ones whose participants are least contended, each put in the
feasible slot that adds the fewest breaks.
"""

from __future__ import annotations

from ieum.scheduling.problem import Problem, participant_availability
from ieum.scheduling.state import State


def _place_fixed(state: State) -> None:
    pr = state.pr
    for m, s in enumerate(pr.m_fixed):
        if s >= 0 and not state.place(m, s):
            # validate_instance guarantees fixed meetings fit together.
            raise RuntimeError(f"fixed meeting {pr.instance.meetings[m].id} does not fit")


def first_come_first_served(problem: Problem) -> State:
    """The baseline: requests in order, each in the earliest slot with room (greedy.py)."""
    pr = problem
    state = State(pr)
    _place_fixed(state)
    book = state.book
    for m, meeting in enumerate(pr.instance.meetings):
        if pr.m_fixed[m] >= 0:
            continue
        parts = pr.m_parts[m]
        if any(state.count[p] >= pr.p_max[p] for p in parts):
            continue
        cands = set(pr.m_cands[m])
        order = [pr.slot_index[s] for s in meeting.slots] if meeting.slots else range(pr.n_slots)
        for s in order:
            if s not in cands or not state.free_for(m, s):
                continue
            # First allowed location with room, as the baseline does (no rearranging).
            loc = next(
                (x for x in pr.m_locs[m] if book.load[x * pr.n_slots + s] < pr.loc_cap[x]), None
            )
            if loc is None:
                continue
            book._seat(m, loc, s)
            state._commit(m, s)
            break
    return state


def contention(problem: Problem) -> list[float]:
    """Per participant: requested meetings over the most it could possibly have."""
    avail = participant_availability(problem)
    out = []
    for p, ms in enumerate(problem.p_meetings):
        cap = problem.participant_capacity(p, avail)
        out.append(len(ms) / cap if cap else float("inf"))
    return out


def priority_order(problem: Problem, meetings: list[int] | None = None) -> list[int]:
    """Non-fixed meetings, heaviest first, then least contended, then fewest slots."""
    pr = problem
    cont = contention(pr)
    ms = range(pr.n_meetings) if meetings is None else meetings
    return sorted(
        (m for m in ms if pr.m_fixed[m] < 0 and pr.m_cands[m]),
        key=lambda m: (
            -pr.m_weight[m],
            max(cont[p] for p in pr.m_parts[m]),
            len(pr.m_cands[m]),
            m,
        ),
    )


def best_slot(state: State, m: int) -> int:
    """The feasible slot of `m` adding the fewest breaks (earliest among equals), or -1."""
    pr = state.pr
    best, best_key = -1, None
    busy, count_day, day_max = state.busy, state.count_day, pr.p_day_max
    parts = pr.m_parts[m]
    for p in parts:
        if state.count[p] >= pr.p_max[p]:
            return -1
    for s in pr.m_cands[m]:
        d = pr.slot_day[s]
        if any(busy[p][s] != -1 or count_day[p][d] >= day_max[p] for p in parts):
            continue
        # Prefer joining a day the participants already have (fewer days, tighter days).
        k = (state.break_delta(m, s), -sum(1 for p in parts if count_day[p][d]), s)
        if best_key is not None and k >= best_key:
            continue
        if not state.book.can_place(m, s):
            continue
        best, best_key = s, k
    return best


def priority_greedy(problem: Problem, order: list[int] | None = None) -> State:
    """Fixed meetings, then the others in priority order, each in its best slot."""
    state = State(problem)
    _place_fixed(state)
    for m in order if order is not None else priority_order(problem):
        s = best_slot(state, m)
        if s >= 0:
            state.place(m, s)
    return state
