"""An instance compiled to integer indices, the form every algorithm here works on."""

from __future__ import annotations

from dataclasses import dataclass

from ieum.scheduling.model import Instance

NO_LIMIT = 1 << 30


@dataclass(slots=True)
class Problem:
    """Integer-indexed view of an `Instance` (slots, locations, participants, meetings)."""

    instance: Instance
    n_slots: int
    n_days: int
    slot_day: list[int]  # slot -> day index (0-based, in order of appearance)
    day_slots: list[list[int]]  # day index -> its slots, in order
    prev_adj: list[int]  # slot -> the slot just before it on the same day, or -1
    next_adj: list[int]  # slot -> the slot just after it on the same day, or -1
    loc_cap: list[int]
    p_max: list[int]  # participant -> max meetings (NO_LIMIT when none)
    p_day_max: list[int]  # participant -> max meetings per day
    p_meetings: list[list[int]]  # participant -> meetings it takes part in
    m_parts: list[tuple[int, ...]]
    m_weight: list[int]
    m_locs: list[tuple[int, ...]]
    m_cands: list[tuple[int, ...]]  # slots allowed and available to every participant
    m_fixed: list[int]  # fixed slot or -1
    slot_index: dict[str, int]
    loc_index: dict[str, int]
    part_index: dict[str, int]
    meeting_index: dict[str, int]

    @property
    def n_meetings(self) -> int:
        return len(self.m_parts)

    @property
    def n_participants(self) -> int:
        return len(self.p_max)

    def participant_capacity(self, p: int, available: list[set[int]]) -> int:
        """How many meetings `p` can have at most, from limits and availability alone."""
        per_day = [0] * self.n_days
        for s in available[p]:
            per_day[self.slot_day[s]] += 1
        total = sum(min(n, self.p_day_max[p]) for n in per_day)
        return min(total, self.p_max[p])


def compile_problem(instance: Instance) -> Problem:
    """Index a validated instance. Candidate slots already exclude unavailability."""
    slot_index = {s.id: i for i, s in enumerate(instance.slots)}
    day_ids: dict[int, int] = {}
    slot_day = []
    for s in instance.slots:
        slot_day.append(day_ids.setdefault(s.day, len(day_ids)))
    n_slots, n_days = len(instance.slots), len(day_ids)
    day_slots: list[list[int]] = [[] for _ in range(n_days)]
    for i, d in enumerate(slot_day):
        day_slots[d].append(i)
    prev_adj = [-1] * n_slots
    next_adj = [-1] * n_slots
    for i in range(1, n_slots):
        if slot_day[i] == slot_day[i - 1]:
            prev_adj[i] = i - 1
            next_adj[i - 1] = i

    loc_index = {loc.id: i for i, loc in enumerate(instance.locations)}
    part_index = {p.id: i for i, p in enumerate(instance.participants)}
    meeting_index = {m.id: i for i, m in enumerate(instance.meetings)}
    every_loc = tuple(range(len(instance.locations)))
    all_slots = frozenset(range(n_slots))
    avail = [
        all_slots - {slot_index[u] for u in p.unavailable if u in slot_index}
        for p in instance.participants
    ]

    p_meetings: list[list[int]] = [[] for _ in instance.participants]
    m_parts, m_weight, m_locs, m_cands, m_fixed = [], [], [], [], []
    for mi, m in enumerate(instance.meetings):
        parts = tuple(part_index[p] for p in m.participants)
        for p in parts:
            p_meetings[p].append(mi)
        m_parts.append(parts)
        m_weight.append(m.weight)
        locs = every_loc if m.locations is None else tuple(loc_index[x] for x in m.locations)
        m_locs.append(locs)
        if m.fixed_slot is not None:
            m_fixed.append(slot_index[m.fixed_slot])
            m_cands.append((slot_index[m.fixed_slot],))
            continue
        m_fixed.append(-1)
        ok = set(all_slots) if m.slots is None else {slot_index[s] for s in m.slots}
        for p in parts:
            ok &= avail[p]
        m_cands.append(tuple(sorted(ok)))

    return Problem(
        instance=instance,
        n_slots=n_slots,
        n_days=n_days,
        slot_day=slot_day,
        day_slots=day_slots,
        prev_adj=prev_adj,
        next_adj=next_adj,
        loc_cap=[loc.capacity for loc in instance.locations],
        p_max=[
            NO_LIMIT if p.max_meetings is None else p.max_meetings for p in instance.participants
        ],
        p_day_max=[
            NO_LIMIT if p.max_per_day is None else p.max_per_day for p in instance.participants
        ],
        p_meetings=p_meetings,
        m_parts=m_parts,
        m_weight=m_weight,
        m_locs=m_locs,
        m_cands=m_cands,
        m_fixed=m_fixed,
        slot_index=slot_index,
        loc_index=loc_index,
        part_index=part_index,
        meeting_index=meeting_index,
    )


def participant_availability(problem: Problem) -> list[set[int]]:
    """Slots each participant is available in."""
    idx = problem.slot_index
    every = set(range(problem.n_slots))
    return [
        every - {idx[u] for u in p.unavailable if u in idx} for p in problem.instance.participants
    ]
