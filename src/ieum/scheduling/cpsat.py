"""CP-SAT re-optimisation of part (or all) of a schedule.

A *window* frees a set of meetings (each restricted to a set of slots); every other
meeting stays where it is. The freed meetings are re-scheduled by OR-Tools CP-SAT in two
lexicographic phases, both started from the current schedule (a hint), so the answer is
never worse than what we had:

1. maximise weight x (number of freed meetings + 1) + meetings;
2. keeping that optimum, minimise breaks x (slots + 1) + max_breaks, over the
   participants the window touches.

Locations are exact: meetings with one allowed location are counted against its
residual capacity, the others get one Boolean per allowed location (a b-matching).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from ieum.scheduling.bounds import participant_breaks_bound
from ieum.scheduling.problem import participant_availability
from ieum.scheduling.state import State

OPTIMAL = cp_model.OPTIMAL
FEASIBLE = cp_model.FEASIBLE


@dataclass(slots=True)
class WindowResult:
    improved: bool
    optimal_weight: bool = False
    weight_bound: int | None = None  # on the freed meetings' weight (phase 1)
    breaks_bound: int | None = None  # on the touched participants' breaks (phase 2)
    breaks_optimal: bool = False


def _solver(time_limit: float, seed: int, workers: int) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(0.05, time_limit)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    solver.parameters.log_search_progress = bool(__import__("os").environ.get("CPLOG"))
    return solver


def reoptimise(
    state: State,
    free: Iterable[int],
    *,
    slots: set[int] | None = None,
    time_limit: float,
    seed: int = 0,
    workers: int = 2,
    breaks_time: float | None = None,
) -> WindowResult:
    """Re-schedule the `free` meetings (within `slots` if given); keep the result if better.

    Phase 1 gets `time_limit` seconds and phase 2 `breaks_time` (default: 2/3 of phase 1's;
    0 skips it).
    """
    pr = state.pr
    free = [m for m in dict.fromkeys(free) if pr.m_fixed[m] < 0]
    if not free:
        return WindowResult(False)
    free_set = set(free)
    n = pr.n_slots
    current = {m: state.slot_of[m] for m in free}

    # Residual capacities and busy slots, leaving the freed meetings out.
    touched = sorted({p for m in free for p in pr.m_parts[m]})
    fixed_busy: dict[int, set[int]] = {}
    fixed_count: dict[int, int] = {}
    fixed_day: dict[int, list[int]] = {}
    for p in touched:
        row = state.busy[p]
        bs = {s for s in range(n) if row[s] != -1 and row[s] not in free_set}
        fixed_busy[p] = bs
        fixed_count[p] = len(bs)
        cd = [0] * pr.n_days
        for s in bs:
            cd[pr.slot_day[s]] += 1
        fixed_day[p] = cd
    book = state.book

    def residual(loc: int, s: int) -> int:
        used = book.load[loc * n + s]
        used -= sum(1 for o in book.members.get(loc * n + s, ()) if o in free_set)
        return pr.loc_cap[loc] - used

    model = cp_model.CpModel()
    x: dict[tuple[int, int], cp_model.IntVar] = {}
    by_ps: dict[tuple[int, int], list] = defaultdict(list)
    by_p: dict[int, list] = defaultdict(list)
    by_pd: dict[tuple[int, int], list] = defaultdict(list)
    by_ls: dict[tuple[int, int], list] = defaultdict(list)
    res_cache: dict[tuple[int, int], int] = {}
    rows: dict[int, list] = {}
    for m in free:
        parts = pr.m_parts[m]
        row = []
        for s in pr.m_cands[m]:
            if slots is not None and s not in slots and current[m] != s:
                continue
            if any(s in fixed_busy[p] for p in parts):
                continue
            locs = []
            for loc in pr.m_locs[m]:
                k = (loc, s)
                if k not in res_cache:
                    res_cache[k] = residual(loc, s)
                if res_cache[k] > 0:
                    locs.append(loc)
            if not locs:
                continue
            v = model.new_bool_var(f"x{m}_{s}")
            x[(m, s)] = v
            row.append(v)
            if len(locs) == 1:
                by_ls[(locs[0], s)].append(v)
            else:
                ys = [model.new_bool_var(f"y{m}_{s}_{loc}") for loc in locs]
                model.add(sum(ys) == v)
                for loc, y in zip(locs, ys, strict=True):
                    by_ls[(loc, s)].append(y)
            d = pr.slot_day[s]
            for p in parts:
                by_ps[(p, s)].append(v)
                by_p[p].append(v)
                by_pd[(p, d)].append(v)
        rows[m] = row
        if len(row) > 1:
            model.add_at_most_one(row)
    if not x:
        return WindowResult(False)

    for terms in by_ps.values():
        if len(terms) > 1:
            model.add_at_most_one(terms)
    for p, terms in by_p.items():
        room = pr.p_max[p] - fixed_count[p]
        if len(terms) > room:
            model.add(sum(terms) <= room)
    for (p, d), terms in by_pd.items():
        room = pr.p_day_max[p] - fixed_day[p][d]
        if len(terms) > room:
            model.add(sum(terms) <= room)
    for k, terms in by_ls.items():
        if len(terms) > res_cache[k]:
            model.add(sum(terms) <= res_cache[k])

    for (m, s), v in x.items():
        model.add_hint(v, 1 if current[m] == s else 0)

    big = len(free) + 1
    primary = sum((pr.m_weight[m] * big + 1) * v for (m, _s), v in x.items())
    if breaks_time is None:
        breaks_time = time_limit * 0.4
        time_limit *= 0.6
    if time_limit > 0:
        model.maximize(primary)
        solver = _solver(time_limit, seed, workers)
        status = solver.solve(model)
        if status not in (OPTIMAL, FEASIBLE):
            return WindowResult(False)
        result = WindowResult(False, status == OPTIMAL, int(solver.best_objective_bound) // big)
        best_primary = round(solver.objective_value)
        chosen = {m: s for (m, s), v in x.items() if solver.boolean_value(v)}
    else:  # breaks only: keep at least the current weight and meetings
        result = WindowResult(False)
        chosen = {m: s for m, s in current.items() if s != -1}
        best_primary = sum(pr.m_weight[m] * big + 1 for m in chosen)

    if breaks_time > 0:
        model.add(primary >= best_primary)
        complete = len(chosen) == len(free)
        if complete:  # every freed meeting stays scheduled: say so directly (stronger)
            for row in rows.values():
                if row:
                    model.add_exactly_one(row)
        model.clear_hints()
        for (m, s), v in x.items():
            model.add_hint(v, 1 if chosen.get(m) == s else 0)
        breaks_terms, maxb = _breaks_model(
            model, state, touched, fixed_busy, by_ps, free_set, chosen, complete
        )
        k = n + 1
        model.minimize(k * sum(breaks_terms) + maxb)
        solver = _solver(breaks_time, seed + 1, workers)
        status2 = solver.solve(model)
        if status2 in (OPTIMAL, FEASIBLE):
            chosen = {m: s for (m, s), v in x.items() if solver.boolean_value(v)}
            result.breaks_bound = int(solver.best_objective_bound) // k
            result.breaks_optimal = status2 == OPTIMAL

    before = state.key()
    old = dict(current)
    for m in free:
        if state.slot_of[m] != -1:
            state.remove(m)
    _apply(state, chosen)
    if state.key() > before:
        result.improved = True
        return result
    for m in free:
        if state.slot_of[m] != -1:
            state.remove(m)
    _apply(state, {m: s for m, s in old.items() if s != -1})
    return result


def _apply(state: State, chosen: dict[int, int]) -> None:
    # Meetings with fewer location choices first; the b-matching finds a seat regardless.
    for m in sorted(chosen, key=lambda m: len(state.pr.m_locs[m])):
        if not state.place(m, chosen[m]):
            raise RuntimeError(f"CP-SAT solution does not fit for meeting {m}")


def _breaks_model(model, state: State, touched, fixed_busy, by_ps, free_set, chosen, complete):
    """Break variables of the touched participants (hinted from `chosen`), and a variable
    bounding max_breaks. Returns (per-participant break expressions, max_breaks var).

    When every meeting of a participant is certainly scheduled, its breaks are at least
    the bound of `participant_breaks_bound` (a cut that tightens the LP)."""
    pr = state.pr
    avail = participant_availability(pr) if complete else []
    hinted = {(p, s) for m, s in chosen.items() for p in pr.m_parts[m]}
    terms = []
    maxb = model.new_int_var(0, pr.n_slots, "maxb")
    untouched_max = max((b for p, b in enumerate(state.p_breaks) if p not in fixed_busy), default=0)
    model.add(maxb >= untouched_max)
    maxb_hint = untouched_max
    for p in touched:
        p_terms = []
        const = 0
        p_hint = 0
        for day in pr.day_slots:
            if not any((p, s) in by_ps for s in day):
                const += _fixed_day_breaks(state, p, day, free_set)
                continue
            busy: list = []
            hint: list[int] = []
            for s in day:
                if s in fixed_busy[p]:
                    busy.append(1)
                    hint.append(1)
                elif (p, s) in by_ps:
                    b = model.new_bool_var("")
                    model.add(b == sum(by_ps[(p, s)]))
                    h = int((p, s) in hinted)
                    model.add_hint(b, h)
                    busy.append(b)
                    hint.append(h)
                else:
                    busy.append(0)
                    hint.append(0)
            anyd = model.new_bool_var("")
            model.add(anyd <= sum(busy))
            model.add_hint(anyd, int(any(hint)))
            starts: list = []
            n_starts = 0
            for i, b in enumerate(busy):
                prev = busy[i - 1] if i > 0 else 0
                if isinstance(b, int) and b == 0:
                    continue
                h = int(hint[i] == 1 and (i == 0 or hint[i - 1] == 0))
                n_starts += h
                if isinstance(b, int) and isinstance(prev, int):
                    starts.append(h)
                    continue
                st = model.new_bool_var("")
                model.add(st >= b - prev)
                model.add_hint(st, h)
                starts.append(st)
            day_breaks = sum(starts) - anyd
            model.add(day_breaks >= 0)
            p_terms.append(day_breaks)
            p_hint += max(0, n_starts - 1)
        if not p_terms:
            continue
        expr = sum(p_terms) + const
        if complete and all(
            m in chosen or (state.slot_of[m] != -1 and m not in free_set) for m in pr.p_meetings[p]
        ):
            lb = participant_breaks_bound(pr, p, len(pr.p_meetings[p]), avail)
            if lb:
                model.add(expr >= lb)
        terms.append(expr)
        model.add(maxb >= expr)
        maxb_hint = max(maxb_hint, p_hint + const)
    model.add_hint(maxb, maxb_hint)
    return terms, maxb


def _fixed_day_breaks(state: State, p: int, day: list[int], free_set: set[int]) -> int:
    row = state.busy[p]
    busy = [row[s] != -1 and row[s] not in free_set for s in day]
    runs = sum(1 for i, b in enumerate(busy) if b and (i == 0 or not busy[i - 1]))
    return max(0, runs - 1)
