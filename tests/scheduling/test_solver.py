"""Property-based tests of the scheduler on generated instances, checked by score.py."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ieum.scheduling import add_meetings, dump_schedule, load_instance, score, solve

SEEDS = st.integers(0, 2**32 - 1)
FAST = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def key(fig: dict) -> tuple[int, int, int, int]:
    return (fig["weight_scheduled"], fig["scheduled"], -fig["breaks"], -fig["max_breaks"])


@FAST
@given(seed=SEEDS)
def test_schedule_is_valid_and_never_worse_than_baseline(seed, make_instance, reference):
    ref_score, ref_greedy = reference
    data = make_instance(seed)
    instance = load_instance(data)
    schedule = solve(instance, time_limit=0.5, seed=seed % 7)
    out = dump_schedule(schedule)
    fig = ref_score.score(data, out)
    assert fig["valid"], fig["violations"]

    # Fixed meetings stay in their slot.
    slot_of = {a["meeting"]: a["slot"] for a in out["assignments"]}
    for m in data["meetings"]:
        if "fixed_slot" in m:
            assert slot_of[m["id"]] == m["fixed_slot"]

    base = ref_score.score(data, ref_greedy.greedy(data))
    if base["valid"]:
        assert key(fig) >= key(base)
    # Our own scorer agrees with the reference one.
    mine = score(instance, schedule)
    assert (mine.valid, mine.weight_scheduled, mine.scheduled, mine.breaks) == (
        fig["valid"],
        fig["weight_scheduled"],
        fig["scheduled"],
        fig["breaks"],
    )
    assert mine.max_breaks == fig["max_breaks"] and mine.min_share == fig["min_share"]


@FAST
@given(seed=SEEDS)
def test_limits_and_capacities_hold(seed, make_instance):
    data = make_instance(seed)
    instance = load_instance(data)
    schedule = solve(instance, time_limit=0.3)
    parts = {p.id: p for p in instance.participants}
    day = {s.id: s.day for s in instance.slots}
    caps = {loc.id: loc.capacity for loc in instance.locations}
    used: dict = {}
    count: dict = {}
    per_day: dict = {}
    busy: set = set()
    for a in schedule.assignments:
        m = instance.meeting(a.meeting)
        used[(a.location, a.slot)] = used.get((a.location, a.slot), 0) + 1
        assert m.locations is None or a.location in m.locations
        assert m.slots is None or a.slot in m.slots
        for p in m.participants:
            assert a.slot not in parts[p].unavailable
            assert (p, a.slot) not in busy
            busy.add((p, a.slot))
            count[p] = count.get(p, 0) + 1
            per_day[(p, day[a.slot])] = per_day.get((p, day[a.slot]), 0) + 1
    assert all(n <= caps[loc] for (loc, _), n in used.items())
    for p, n in count.items():
        assert parts[p].max_meetings is None or n <= parts[p].max_meetings
    for (p, _), n in per_day.items():
        assert parts[p].max_per_day is None or n <= parts[p].max_per_day


@FAST
@given(seed=SEEDS, share=st.floats(0.2, 0.8))
def test_incremental_keeps_published_meetings(seed, share, make_instance, reference):
    ref_score, _ = reference
    data = make_instance(seed)
    instance = load_instance(data)
    ids = [m.id for m in instance.meetings if m.fixed_slot is None]
    new = ids[int(len(ids) * share) :]
    # Publish a schedule of the instance without the new meetings.
    old_data = json.loads(json.dumps(data))
    old_data["meetings"] = [m for m in old_data["meetings"] if m["id"] not in new]
    published = solve(load_instance(old_data), time_limit=0.2)
    result = add_meetings(instance, published, new)
    out = dump_schedule(result)
    fig = ref_score.score(data, out)
    assert fig["valid"], fig["violations"]
    after = {(a.meeting, a.slot, a.location) for a in result.assignments}
    assert {(a.meeting, a.slot, a.location) for a in published.assignments} <= after
    assert {a.meeting for a in result.assignments} - {
        a.meeting for a in published.assignments
    } <= set(new)


def test_same_seed_same_schedule(make_instance):
    instance = load_instance(make_instance(12345, max_meetings=14))
    a = solve(instance, time_limit=1.0, seed=3)
    b = solve(instance, time_limit=1.0, seed=3)
    assert a.assignments == b.assignments


@settings(FAST, max_examples=10)
@given(seed=SEEDS)
def test_window_search_alone_stays_valid(seed, make_instance, reference, no_single_model):
    # Force the large-instance path (no single model): windows only.
    ref_score, ref_greedy = reference
    data = make_instance(seed, max_meetings=30)
    schedule = solve(load_instance(data), time_limit=0.6, seed=1)
    fig = ref_score.score(data, dump_schedule(schedule))
    assert fig["valid"], fig["violations"]
    base = ref_score.score(data, ref_greedy.greedy(data))
    if base["valid"]:
        assert key(fig) >= key(base)


def test_generated_booth_instance(reference, bench):
    import subprocess
    import sys

    ref_score, ref_greedy = reference
    gen = subprocess.run(
        [
            sys.executable,
            str(bench / "gen.py"),
            "--style",
            "booth",
            "--demand",
            "6",
            "--startups",
            "30",
            "--days",
            "1",
            "--seed",
            "3",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(gen.stdout)
    # Publish two meetings as fixed, in slots where both sides are free.
    data["meetings"][0]["fixed_slot"] = next(
        s["id"]
        for s in data["slots"]
        if all(
            s["id"] not in p["unavailable"]
            for p in data["participants"]
            if p["id"] in data["meetings"][0]["participants"]
        )
    )
    schedule = solve(load_instance(data), time_limit=3, seed=0)
    fig = ref_score.score(data, dump_schedule(schedule))
    base = ref_score.score(data, ref_greedy.greedy(data))
    assert fig["valid"], fig["violations"]
    assert key(fig) >= key(base)
    assert fig["weight_scheduled"] >= base["weight_scheduled"]
