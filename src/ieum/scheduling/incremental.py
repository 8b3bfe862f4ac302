"""Incremental mode: add meetings to a published schedule without moving anything in it.

Every published meeting keeps its slot and its location. The new meetings are placed
by the priority greedy, improved by the ejection moves among themselves, and finally
re-optimised together by a short CP-SAT run (weight, then meetings, then breaks).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

from ieum.scheduling.construct import best_slot, priority_order
from ieum.scheduling.cpsat import reoptimise
from ieum.scheduling.figures import score
from ieum.scheduling.improve import try_eject
from ieum.scheduling.model import Instance, Schedule
from ieum.scheduling.problem import compile_problem
from ieum.scheduling.state import State
from ieum.scheduling.validation import InstanceError, validate_instance


def add_meetings(
    instance: Instance,
    schedule: Schedule,
    new_meeting_ids: Iterable[str],
    *,
    time_limit: float = 0.3,
    seed: int = 0,
    workers: int = 2,
) -> Schedule:
    """Return `schedule` plus as many of `new_meeting_ids` as fit, best first.

    `instance` must contain the new meetings. Published assignments are kept exactly;
    a fixed meeting of the instance that is not yet published is added as a new one
    (and `InstanceError` is raised if it cannot be placed in its slot).
    """
    validate_instance(instance)
    figures = score(instance, schedule)
    if not figures.valid:
        raise InstanceError(f"the published schedule is not valid: {figures.violations[0]}")
    pr = compile_problem(instance)
    published = {
        pr.meeting_index[a.meeting]: (pr.slot_index[a.slot], pr.loc_index[a.location])
        for a in schedule.assignments
    }
    new: list[int] = []
    for mid in dict.fromkeys(new_meeting_ids):
        if mid not in pr.meeting_index:
            raise InstanceError(f"unknown meeting {mid!r}")
        m = pr.meeting_index[mid]
        if m in published:
            raise InstanceError(f"meeting {mid} is already scheduled")
        new.append(m)
    for m, s in enumerate(pr.m_fixed):
        if s >= 0 and m not in published and m not in new:
            new.append(m)

    # Published meetings become fixed, each to its location too.
    m_fixed = list(pr.m_fixed)
    m_cands = list(pr.m_cands)
    m_locs = list(pr.m_locs)
    for m, (s, loc) in published.items():
        m_fixed[m], m_cands[m], m_locs[m] = s, (s,), (loc,)
    for m in range(pr.n_meetings):
        if m not in published and m not in new:
            m_cands[m] = ()  # other requests stay unscheduled
    pr = dataclasses.replace(pr, m_fixed=m_fixed, m_cands=m_cands, m_locs=m_locs)

    state = State(pr)
    for m, (s, _loc) in published.items():
        if not state.place(m, s):
            raise InstanceError("the published schedule is not valid")
    for m in new:
        s = pr.m_fixed[m]
        if s >= 0 and not state.place(m, s):
            raise InstanceError(f"meeting {instance.meetings[m].id} does not fit its fixed slot")
    order = priority_order(pr, [m for m in new if pr.m_fixed[m] < 0])
    for m in order:
        s = best_slot(state, m)
        if s >= 0:
            state.place(m, s)
    for m in order:
        if state.slot_of[m] == -1:
            try_eject(state, m)
    if order and time_limit > 0:
        reoptimise(state, order, time_limit=time_limit, seed=seed, workers=workers)
    return state.to_schedule()
