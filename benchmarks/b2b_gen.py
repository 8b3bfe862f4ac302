#!/usr/bin/env python3
"""Make a B2B-forum instance (exchange format) from a seed, on stdout.

Modelled on the business-to-business events of Bofill et al., "Constraint solving
approaches to the business-to-business meeting scheduling problem" (JAIR 2022): tens of
participants, hundreds of meetings, one hall of tables, a morning and an afternoon
session, participants with forbidden slots, meetings restricted to the morning or the
afternoon, and some meetings already fixed. Every meeting can be scheduled: the
instance is built around a hidden complete schedule.

  b2b_gen.py --participants 40 --meetings 200 --slots 16 --tables 12 --seed 1
"""

from __future__ import annotations

import argparse
import json
import random
import sys


def make(a: argparse.Namespace) -> dict:
    rng = random.Random(a.seed)
    half = a.slots // 2
    slots = []
    for d in range(1, a.days + 1):
        for k in range(a.slots):
            hour, minute = divmod(9 * 60 + k * 20 + (60 if k >= half else 0), 60)
            slots.append(
                {
                    "id": f"d{d}-{'am' if k < half else 'pm'}{k + 1:02d}",
                    "day": d,
                    "start": f"2025-03-{10 + d:02d}T{hour:02d}:{minute:02d}:00+01:00",
                }
            )
    sids = [s["id"] for s in slots]
    pids = [f"c{i + 1:03d}" for i in range(a.participants)]
    busy: dict[str, set[str]] = {p: set() for p in pids}
    tables = {s: 0 for s in sids}
    meetings, hidden, pairs = [], {}, set()
    # Popularity: some companies are asked for much more than others.
    weights = [1.0 / (i + 1) ** 0.5 for i in range(a.participants)]
    attempts = 0
    while len(meetings) < a.meetings and attempts < a.meetings * 50:
        attempts += 1
        x, y = rng.choices(pids, weights=weights, k=2)
        if x == y or (min(x, y), max(x, y)) in pairs:
            continue
        free = [s for s in sids if s not in busy[x] and s not in busy[y] and tables[s] < a.tables]
        if not free:
            continue
        s = rng.choice(free)
        pairs.add((min(x, y), max(x, y)))
        busy[x].add(s)
        busy[y].add(s)
        tables[s] += 1
        mid = f"m{len(meetings) + 1:04d}"
        m = {"id": mid, "participants": [x, y], "weight": 1, "locations": ["hall"]}
        r = rng.random()
        if r < a.fixed_share:
            m["fixed_slot"] = s
        elif r < a.fixed_share + a.session_share:
            session = "am" if "-am" in s else "pm"
            m["slots"] = [t for t in sids if f"-{session}" in t]
        meetings.append(m)
        hidden[mid] = s
    participants = []
    for p in pids:
        free = [s for s in sids if s not in busy[p]]
        forbidden = rng.sample(free, int(len(free) * a.forbidden_share * rng.random()))
        participants.append({"id": p, "unavailable": sorted(forbidden, key=sids.index)})
    return {
        "name": f"b2b-{a.participants}p-{len(meetings)}m-seed{a.seed}",
        "slots": slots,
        "locations": [{"id": "hall", "capacity": a.tables}],
        "participants": participants,
        "meetings": meetings,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--participants", type=int, default=40)
    ap.add_argument("--meetings", type=int, default=200)
    ap.add_argument("--days", type=int, default=1)
    ap.add_argument("--slots", type=int, default=16, help="slots per day (half am, half pm)")
    ap.add_argument("--tables", type=int, default=12)
    ap.add_argument("--fixed-share", type=float, default=0.05)
    ap.add_argument("--session-share", type=float, default=0.2)
    ap.add_argument("--forbidden-share", type=float, default=0.3)
    a = ap.parse_args(argv)
    json.dump(make(a), sys.stdout)
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
