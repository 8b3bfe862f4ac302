"""A mutable schedule under construction, kept valid at every step.

Every change goes through `place`/`remove`, which check participants' availability,
double-booking, total and per-day limits and (exactly, by augmenting paths) the
locations' capacities, so whatever the algorithms do, the state is a valid schedule.
Figures (weight, meetings, breaks per participant) are maintained incrementally.
"""

from __future__ import annotations

from ieum.scheduling.locations import LocationBook
from ieum.scheduling.model import Assignment, Schedule
from ieum.scheduling.problem import Problem

Key = tuple[int, int, int, int]


class State:
    __slots__ = (
        "book",
        "breaks",
        "busy",
        "count",
        "count_day",
        "p_breaks",
        "pr",
        "scheduled",
        "slot_of",
        "weight",
    )

    def __init__(self, problem: Problem) -> None:
        pr = self.pr = problem
        self.slot_of = [-1] * pr.n_meetings
        self.busy = [[-1] * pr.n_slots for _ in range(pr.n_participants)]
        self.count = [0] * pr.n_participants
        self.count_day = [[0] * pr.n_days for _ in range(pr.n_participants)]
        self.p_breaks = [0] * pr.n_participants
        self.book = LocationBook(pr.loc_cap, pr.m_locs, pr.n_slots)
        self.weight = 0
        self.scheduled = 0
        self.breaks = 0

    # -- queries -------------------------------------------------------------------------
    def free_for(self, m: int, s: int) -> bool:
        """Participants of `m` free, available and under their limits in slot `s`."""
        pr = self.pr
        d = pr.slot_day[s]
        for p in pr.m_parts[m]:
            if (
                self.busy[p][s] != -1
                or self.count[p] >= pr.p_max[p]
                or self.count_day[p][d] >= pr.p_day_max[p]
            ):
                return False
        return True

    def fits(self, m: int, s: int) -> bool:
        return self.free_for(m, s) and self.book.can_place(m, s)

    def break_delta(self, m: int, s: int) -> int:
        """Change in total breaks if `m` were added in slot `s`."""
        pr = self.pr
        d = pr.slot_day[s]
        prev, nxt = pr.prev_adj[s], pr.next_adj[s]
        delta = 0
        for p in pr.m_parts[m]:
            if self.count_day[p][d]:
                row = self.busy[p]
                delta += 1 - (prev >= 0 and row[prev] != -1) - (nxt >= 0 and row[nxt] != -1)
        return delta

    def _p_delta_add(self, p: int, s: int) -> int:
        pr = self.pr
        if not self.count_day[p][pr.slot_day[s]]:
            return 0
        prev, nxt = pr.prev_adj[s], pr.next_adj[s]
        row = self.busy[p]
        return 1 - (prev >= 0 and row[prev] != -1) - (nxt >= 0 and row[nxt] != -1)

    def max_breaks(self) -> int:
        return max(self.p_breaks, default=0)

    def key(self) -> Key:
        """Larger is better: weight, meetings, fewer breaks, lower max_breaks."""
        return (self.weight, self.scheduled, -self.breaks, -self.max_breaks())

    # -- changes -------------------------------------------------------------------------
    def place(self, m: int, s: int) -> bool:
        """Schedule `m` in `s` if that keeps the schedule valid; True when done."""
        if self.slot_of[m] != -1 or not self.free_for(m, s) or not self.book.place(m, s):
            return False
        self._commit(m, s)
        return True

    def _commit(self, m: int, s: int) -> None:
        pr = self.pr
        d = pr.slot_day[s]
        for p in pr.m_parts[m]:
            db = self._p_delta_add(p, s)
            self.p_breaks[p] += db
            self.breaks += db
            self.busy[p][s] = m
            self.count[p] += 1
            self.count_day[p][d] += 1
        self.slot_of[m] = s
        self.weight += pr.m_weight[m]
        self.scheduled += 1

    def remove(self, m: int) -> int:
        """Unschedule `m`; returns the slot it had."""
        pr = self.pr
        s = self.slot_of[m]
        d = pr.slot_day[s]
        self.book.remove(m, s)
        for p in pr.m_parts[m]:
            self.busy[p][s] = -1
            self.count[p] -= 1
            self.count_day[p][d] -= 1
            db = self._p_delta_add(p, s)
            self.p_breaks[p] -= db
            self.breaks -= db
        self.slot_of[m] = -1
        self.weight -= pr.m_weight[m]
        self.scheduled -= 1
        return s

    def blockers(self, m: int, s: int) -> set[int] | None:
        """Meetings occupying a participant of `m` in `s`; None if `m` cannot go there anyway
        because of a limit or fixed meeting (locations are not looked at)."""
        pr = self.pr
        out: set[int] = set()
        for p in pr.m_parts[m]:
            o = self.busy[p][s]
            if o != -1:
                if pr.m_fixed[o] >= 0:
                    return None
                out.add(o)
        d = pr.slot_day[s]
        for p in pr.m_parts[m]:
            if self.busy[p][s] != -1:
                continue
            if self.count[p] >= pr.p_max[p] or self.count_day[p][d] >= pr.p_day_max[p]:
                return None
        return out

    # -- conversion ----------------------------------------------------------------------
    def copy_assignment(self) -> list[int]:
        return list(self.slot_of)

    def load(self, slots: list[int]) -> None:
        """Replace the contents by the given meeting -> slot list (-1 = unscheduled)."""
        for m, s in enumerate(self.slot_of):
            if s != -1 and slots[m] != s:
                self.remove(m)
        order = sorted(range(len(slots)), key=lambda m: len(self.pr.m_locs[m]))
        for m in order:
            s = slots[m]
            if s != -1 and self.slot_of[m] != s and not self.place(m, s):
                raise RuntimeError(f"cannot place meeting {m} in slot {s}")

    def to_schedule(
        self, *, weight_bound: int | None = None, breaks_bound: int | None = None
    ) -> Schedule:
        inst = self.pr.instance
        out = []
        for m, s in enumerate(self.slot_of):
            if s != -1:
                loc = self.book.where[m]
                out.append(
                    Assignment(inst.meetings[m].id, inst.slots[s].id, inst.locations[loc].id)
                )
        return Schedule(inst.name, tuple(out), weight_bound, breaks_bound)
