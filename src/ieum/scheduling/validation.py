"""Consistency checks of an instance: ids, references and the fixed meetings."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable

from ieum.scheduling.locations import assign_locations
from ieum.scheduling.model import Instance


class InstanceError(ValueError):
    """The instance (or schedule) is malformed or inconsistent; the message names the problem."""


def _no_duplicates(kind: str, ids: Iterable[str]) -> None:
    dup = [i for i, n in Counter(ids).items() if n > 1]
    if dup:
        more = f" (and {len(dup) - 1} more)" if len(dup) > 1 else ""
        raise InstanceError(f"duplicate {kind} id {dup[0]!r}{more}")


def validate_instance(instance: Instance) -> None:
    """Raise `InstanceError` unless the instance is consistent and its fixed meetings fit.

    Checks: unique ids; every reference known; slots grouped by day in order; meetings
    with distinct participants; every fixed meeting in an allowed slot where all its
    participants are available; fixed meetings neither overlapping for a participant, nor
    exceeding a participant's limits, nor overfilling the locations of their slot.
    """
    _no_duplicates("slot", (s.id for s in instance.slots))
    _no_duplicates("location", (loc.id for loc in instance.locations))
    _no_duplicates("participant", (p.id for p in instance.participants))
    _no_duplicates("meeting", (m.id for m in instance.meetings))

    slot_pos = {s.id: i for i, s in enumerate(instance.slots)}
    seen_days: list[int] = []
    for s in instance.slots:
        if seen_days and s.day != seen_days[-1] and s.day in seen_days:
            raise InstanceError(f"slot {s.id}: day {s.day} is split (slots must be in time order)")
        if not seen_days or s.day != seen_days[-1]:
            seen_days.append(s.day)
    for loc in instance.locations:
        if loc.capacity < 1:
            raise InstanceError(f"location {loc.id}: bad capacity {loc.capacity}")
    locs = {loc.id for loc in instance.locations}
    parts = {p.id: p for p in instance.participants}
    for p in instance.participants:
        bad = sorted(u for u in p.unavailable if u not in slot_pos)
        if bad:
            raise InstanceError(f"participant {p.id}: unknown slot {bad[0]!r} in 'unavailable'")

    fixed_by_slot: dict[str, list[int]] = defaultdict(list)
    count: Counter[str] = Counter()
    count_day: Counter[tuple[str, int]] = Counter()
    day_of = {s.id: s.day for s in instance.slots}
    for mi, m in enumerate(instance.meetings):
        where = f"meeting {m.id}"
        if len(set(m.participants)) != len(m.participants):
            raise InstanceError(f"{where}: a participant is listed twice")
        for p in m.participants:
            if p not in parts:
                raise InstanceError(f"{where}: unknown participant {p!r}")
        if m.weight < 1:
            raise InstanceError(f"{where}: weight must be positive, got {m.weight}")
        for x in m.locations or ():
            if x not in locs:
                raise InstanceError(f"{where}: unknown location {x!r}")
        if m.locations is not None and len(set(m.locations)) != len(m.locations):
            raise InstanceError(f"{where}: a location is listed twice")
        for x in m.slots or ():
            if x not in slot_pos:
                raise InstanceError(f"{where}: unknown slot {x!r}")
        if m.locations is not None and not m.locations:
            raise InstanceError(f"{where}: empty 'locations'")
        if m.slots is not None and not m.slots:
            raise InstanceError(f"{where}: empty 'slots'")
        f = m.fixed_slot
        if f is None:
            continue
        if f not in slot_pos:
            raise InstanceError(f"{where}: unknown fixed_slot {f!r}")
        if m.slots is not None and f not in m.slots:
            raise InstanceError(f"{where}: fixed_slot {f} is not among its allowed slots")
        for p in m.participants:
            if f in parts[p].unavailable:
                raise InstanceError(f"{where}: fixed in {f} but {p} is unavailable then")
        fixed_by_slot[f].append(mi)
        for p in m.participants:
            count[p] += 1
            count_day[(p, day_of[f])] += 1

    for p, n in count.items():
        lim = parts[p].max_meetings
        if lim is not None and n > lim:
            raise InstanceError(f"participant {p}: {n} fixed meetings exceed max_meetings {lim}")
    for (p, d), n in count_day.items():
        lim = parts[p].max_per_day
        if lim is not None and n > lim:
            raise InstanceError(
                f"participant {p}: {n} fixed meetings on day {d} exceed max_per_day {lim}"
            )

    loc_idx = {loc.id: i for i, loc in enumerate(instance.locations)}
    caps = [loc.capacity for loc in instance.locations]
    every = tuple(range(len(caps)))
    for sid, mis in fixed_by_slot.items():
        taken: dict[str, str] = {}
        for mi in mis:
            m = instance.meetings[mi]
            for p in m.participants:
                if p in taken:
                    raise InstanceError(
                        f"meetings {taken[p]} and {m.id} are both fixed in {sid} with {p}"
                    )
                taken[p] = m.id
        mlocs = {
            mi: every
            if instance.meetings[mi].locations is None
            else tuple(loc_idx[x] for x in instance.meetings[mi].locations or ())
            for mi in mis
        }
        if assign_locations(mis, caps, mlocs) is None:
            ids = ", ".join(instance.meetings[mi].id for mi in mis[:5])
            raise InstanceError(
                f"fixed meetings in {sid} do not fit their allowed locations ({ids}...)"
            )
