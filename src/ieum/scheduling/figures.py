"""The figures of a schedule, computed exactly as the reference scorer (score.py) does."""

from __future__ import annotations

from collections import defaultdict
from itertools import pairwise

from ieum.scheduling.model import Figures, Instance, Schedule


def score(instance: Instance, schedule: Schedule) -> Figures:
    """Check `schedule` against `instance` and compute its figures (see FORMAT.md)."""
    v: list[str] = []
    slot_ix = {s.id: i for i, s in enumerate(instance.slots)}
    slot_day = {s.id: s.day for s in instance.slots}
    cap = {loc.id: loc.capacity for loc in instance.locations}
    parts = {p.id: p for p in instance.participants}
    meets = {m.id: m for m in instance.meetings}

    seen: set[str] = set()
    busy: dict[tuple[str, str], list[str]] = defaultdict(list)
    used: dict[tuple[str, str], int] = defaultdict(int)
    per_part: dict[str, list[str]] = defaultdict(list)
    for a in schedule.assignments:
        mid, sid, lid = a.meeting, a.slot, a.location
        if mid not in meets:
            v.append(f"unknown meeting {mid!r}")
            continue
        if mid in seen:
            v.append(f"meeting {mid} assigned twice")
            continue
        seen.add(mid)
        m = meets[mid]
        if sid not in slot_ix:
            v.append(f"meeting {mid}: unknown slot {sid!r}")
            continue
        if lid not in cap:
            v.append(f"meeting {mid}: unknown location {lid!r}")
            continue
        if m.locations and lid not in m.locations:
            v.append(f"meeting {mid}: location {lid} not allowed")
        if m.slots and sid not in m.slots:
            v.append(f"meeting {mid}: slot {sid} not allowed")
        if m.fixed_slot and sid != m.fixed_slot:
            v.append(f"meeting {mid}: moved from fixed slot {m.fixed_slot} to {sid}")
        used[(lid, sid)] += 1
        for p in m.participants:
            if p not in parts:
                v.append(f"meeting {mid}: unknown participant {p!r}")
                continue
            if sid in parts[p].unavailable:
                v.append(f"meeting {mid}: {p} unavailable in {sid}")
            busy[(p, sid)].append(mid)
            per_part[p].append(sid)

    for m in meets.values():
        if m.fixed_slot and m.id not in seen:
            v.append(f"meeting {m.id}: fixed in {m.fixed_slot} but not scheduled")
    for (p, sid), ms in busy.items():
        if len(ms) > 1:
            v.append(f"{p} double-booked in {sid}: {sorted(ms)}")
    for (lid, sid), n in used.items():
        if n > cap[lid]:
            v.append(f"location {lid} over capacity in {sid}: {n} > {cap[lid]}")
    for pid, p in parts.items():
        mine = per_part.get(pid, [])
        if p.max_meetings is not None and len(mine) > p.max_meetings:
            v.append(f"{pid}: {len(mine)} meetings > max_meetings {p.max_meetings}")
        if p.max_per_day is not None:
            per_day: dict[int, int] = defaultdict(int)
            for sid in mine:
                per_day[slot_day[sid]] += 1
            for d, n in per_day.items():
                if n > p.max_per_day:
                    v.append(f"{pid}: {n} meetings on day {d} > max_per_day {p.max_per_day}")

    breaks_of = {}
    for pid, mine in per_part.items():
        by_day: dict[int, list[int]] = defaultdict(list)
        for sid in mine:
            by_day[slot_day[sid]].append(slot_ix[sid])
        b = 0
        for ixs in by_day.values():
            ixs.sort()
            b += sum(1 for x, y in pairwise(ixs) if y != x + 1)
        breaks_of[pid] = b

    requested: dict[str, int] = defaultdict(int)
    got: dict[str, int] = defaultdict(int)
    for m in meets.values():
        for p in m.participants:
            requested[p] += 1
            if m.id in seen:
                got[p] += 1
    shares = [got[p] / n for p, n in requested.items() if n]
    return Figures(
        valid=not v,
        scheduled=len(seen),
        requested=len(meets),
        weight_scheduled=sum(meets[i].weight for i in seen),
        weight_requested=sum(m.weight for m in meets.values()),
        min_share=round(min(shares), 4) if shares else 1.0,
        breaks=sum(breaks_of.values()),
        max_breaks=max(breaks_of.values(), default=0),
        violations=tuple(v),
    )
