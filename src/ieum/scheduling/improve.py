"""Local improvement of a valid schedule; every accepted move makes it strictly better.

Moves, all exact with respect to every rule (they go through `State`):
- insert: an unscheduled meeting that fits goes to its best slot;
- eject: an unscheduled meeting takes a slot whose occupants (meetings of its
  participants) are moved to other slots or, if lighter in total, dropped;
- compact: a scheduled meeting moves to a slot with fewer breaks;
- swap: two meetings of a participant on one day exchange their slots.
A move is kept only if (weight, meetings, -breaks) increases lexicographically.
"""

from __future__ import annotations

import time
from operator import le

from ieum.scheduling.construct import best_slot
from ieum.scheduling.state import State


def _gain(state: State, before: tuple[int, int, int]) -> bool:
    return (state.weight, state.scheduled, -state.breaks) > before


def insert_pass(state: State, order: list[int]) -> int:
    """Place every meeting of `order` that fits; returns how many were placed."""
    placed = 0
    for m in order:
        if state.slot_of[m] == -1:
            s = best_slot(state, m)
            if s >= 0 and state.place(m, s):
                placed += 1
    return placed


def try_eject(state: State, m: int, *, max_blockers: int = 2) -> bool:
    """Try to seat unscheduled `m` by moving or dropping the meetings in its way."""
    pr = state.pr
    if state.slot_of[m] != -1:
        return False
    for p in pr.m_parts[m]:
        if state.count[p] >= pr.p_max[p]:
            return False
    w = pr.m_weight[m]
    for s in pr.m_cands[m]:
        blockers = state.blockers(m, s)
        if not blockers or len(blockers) > max_blockers:
            continue
        if sum(pr.m_weight[b] for b in blockers) > w:
            continue
        before = (state.weight, state.scheduled, -state.breaks)
        old = {b: state.remove(b) for b in blockers}
        if not state.place(m, s):
            for b, bs in old.items():
                state.place(b, bs)
            continue
        moved = []
        for b in blockers:
            t = best_slot(state, b)
            if t >= 0 and state.place(b, t):
                moved.append(b)
        if _gain(state, before):
            return True
        # Undo: back to exactly the previous assignment.
        for b in moved:
            state.remove(b)
        state.remove(m)
        for b, bs in old.items():
            if not state.place(b, bs):
                raise RuntimeError("undo failed")
    return False


def compact_pass(state: State, meetings: list[int]) -> int:
    """Move scheduled meetings to slots with fewer breaks; returns the number of moves."""
    pr = state.pr
    moves = 0
    for m in meetings:
        s = state.slot_of[m]
        if s == -1 or pr.m_fixed[m] >= 0:
            continue
        before = state.breaks
        state.remove(m)
        t = best_slot(state, m)
        if t >= 0 and t != s:
            state.place(m, t)
            if state.breaks < before:
                moves += 1
                continue
            state.remove(m)
        state.place(m, s)
    return moves


def _swap(state: State, a: int, b: int) -> bool:
    """Exchange the slots of scheduled meetings `a` and `b` if both fit; True when done."""
    sa, sb = state.remove(a), state.remove(b)
    if state.place(a, sb):
        if state.place(b, sa):
            return True
        state.remove(a)
    state.place(a, sa)
    state.place(b, sb)
    return False


def swap_pass(state: State, participants: list[int]) -> int:
    """For each participant with breaks, exchange the slots of two of its meetings of a
    day when that lowers the breaks (the partners' days change too)."""
    pr = state.pr
    moves = 0
    for p in participants:
        if state.p_breaks[p] == 0:
            continue
        mine = [m for m in pr.p_meetings[p] if state.slot_of[m] != -1 and pr.m_fixed[m] < 0]
        for i, a in enumerate(mine):
            for b in mine[i + 1 :]:
                sa, sb = state.slot_of[a], state.slot_of[b]
                if pr.slot_day[sa] != pr.slot_day[sb]:
                    continue
                if sb not in pr.m_cands[a] or sa not in pr.m_cands[b]:
                    continue
                before = state.breaks
                if _swap(state, a, b):
                    if state.breaks < before:
                        moves += 1
                        continue
                    _swap(state, a, b)
    return moves


def local_search(state: State, order: list[int], *, deadline: float, rounds: int = 3) -> None:
    """Insert, eject and compact until nothing improves, the rounds are done or time is up."""
    for _ in range(rounds):
        changed = insert_pass(state, order)
        for m in order:
            if time.monotonic() > deadline:
                return
            if state.slot_of[m] == -1 and try_eject(state, m):
                changed += 1
        scheduled = [m for m in order if state.slot_of[m] != -1]
        for m in scheduled:
            if time.monotonic() > deadline:
                return
            changed += compact_pass(state, [m])
        for p in range(state.pr.n_participants):
            if time.monotonic() > deadline:
                return
            changed += swap_pass(state, [p])
        if not changed:
            return


def fairness_pass(state: State, *, deadline: float = float("inf")) -> int:
    """Give a meeting to participants that have none, by taking the slot of a meeting of
    equal weight whose other participants keep at least one meeting, when that costs no
    weight, no meeting, no break and no rise of max_breaks. Returns the number of moves."""
    pr = state.pr
    moves = 0
    for p, mine in enumerate(pr.p_meetings):
        if state.count[p] or not mine:
            continue
        if time.monotonic() > deadline:
            break
        done = False
        for m in sorted(mine, key=lambda m: -pr.m_weight[m]):
            if done or state.slot_of[m] != -1 or pr.m_fixed[m] >= 0:
                continue
            for s in pr.m_cands[m]:
                blockers = state.blockers(m, s)
                if not blockers or len(blockers) != 1:
                    continue
                (b,) = blockers
                if pr.m_weight[b] != pr.m_weight[m]:
                    continue
                if any(state.count[q] < 2 for q in pr.m_parts[b] if q not in pr.m_parts[m]):
                    continue
                before = (state.weight, state.scheduled, state.breaks, state.max_breaks())
                state.remove(b)
                if state.place(m, s):
                    t = best_slot(state, b)
                    if t >= 0:
                        state.place(b, t)
                    after = (state.weight, state.scheduled, state.breaks, state.max_breaks())
                    same = after[:2] == before[:2]
                    if after[:2] > before[:2] or (same and all(map(le, after[2:], before[2:]))):
                        moves += 1
                        done = True
                        break
                    if state.slot_of[b] != -1:
                        state.remove(b)
                    state.remove(m)
                state.place(b, s)
    return moves
