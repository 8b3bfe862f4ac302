#!/usr/bin/env python3
"""Benchmark of the meeting scheduler against the first-come-first-served baseline.

  .venv/bin/python benchmarks/scheduling_bench.py [--suite oi|convention|bio|b2b|all]

Instances come from the shared partnering bench's gen.py (../shared/partnering-bench
next to the repository, or $IEUM_BENCH_DIR) and, for B2B forums, from b2b_gen.py here.
Both schedulers run as separate processes (`greedy.py`, `python -m ieum schedule`) and
both schedules are scored by the bench's score.py. Seconds and peak memory are those of
our scheduler's process (wall clock, including the interpreter start; peak RSS). The
upper bound on weight is the lower of the solver's CP-SAT bound (when it built one model)
and an LP relaxation (`ieum.scheduling.weight_upper_bound`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from ieum.scheduling import (  # noqa: E402
    add_meetings,
    instance_to_dict,
    load_instance,
    score,
    solve,
    weight_upper_bound,
)

BENCH = Path(os.environ.get("IEUM_BENCH_DIR") or REPO.parent / "shared" / "partnering-bench")
PY = sys.executable

BIO_EUROPE = "--participants 5000 --requests 30000 --days 3 --slots-per-day 16 --tables 500"
BIO_INTL = "--participants 20000 --requests 62000 --days 4 --slots-per-day 18 --tables 1500"

# (name, generator, arguments, time limit given to the scheduler in seconds)
SUITES: dict[str, list[tuple[str, str, str, float]]] = {
    "oi": [
        *[(f"oi-week seed {s}", "gen", f"--style booth --seed {s}", 9.0) for s in range(1, 6)],
        *[
            (
                f"oi-week tight seed {s}",
                "gen",
                f"--style booth --seed {s} --max-requests 12 --accept 0.8",
                9.0,
            )
            for s in (1, 2)
        ],
    ],
    "b2b": [
        (
            "b2b 30p seed 1",
            "b2b",
            "--participants 30 --meetings 120 --slots 12 --tables 14 --seed 1",
            25.0,
        ),
        (
            "b2b 45p seed 2",
            "b2b",
            "--participants 45 --meetings 220 --slots 16 --tables 18 --seed 2",
            25.0,
        ),
        (
            "b2b 60p seed 3",
            "b2b",
            "--participants 60 --meetings 300 --slots 16 --tables 24 --seed 3",
            25.0,
        ),
        (
            "b2b 70p 2 days seed 4",
            "b2b",
            "--participants 70 --meetings 400 --days 2 --slots 12 --tables 20 --seed 4",
            25.0,
        ),
    ],
    "convention": [
        ("BIO-Europe scale seed 1", "gen", f"--style convention {BIO_EUROPE} --seed 1", 110.0)
    ],
    "bio": [
        ("BIO International scale seed 1", "gen", f"--style convention {BIO_INTL} --seed 1", 280.0)
    ],
}


def run_measured(cmd: list[str]) -> tuple[str, float, int]:
    """Run a process; returns (stdout, wall seconds, peak RSS in MB of that very process)."""
    t0 = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    assert proc.stdout is not None
    stdout = proc.stdout.read()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - t0
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd)} exited {proc.returncode}")
    return stdout, seconds, usage.ru_maxrss // 1024


def figures(instance: Path, schedule: Path) -> dict:
    out = subprocess.run(
        [PY, str(BENCH / "score.py"), str(instance), str(schedule)],
        capture_output=True,
        text=True,
        check=False,
    )
    return json.loads(out.stdout)


def bench_one(name: str, gen: str, args: str, limit: float, work: Path, seed: int) -> dict:
    inst = work / "instance.json"
    if gen == "gen":
        cmd = [PY, str(BENCH / "gen.py"), *args.split()]
    else:
        cmd = [PY, str(REPO / "benchmarks" / "b2b_gen.py"), *args.split()]
    with open(inst, "w") as f:
        subprocess.run(cmd, stdout=f, check=True)
    greedy_out = work / "greedy.json"
    with open(greedy_out, "w") as f:
        subprocess.run([PY, str(BENCH / "greedy.py"), str(inst)], stdout=f, check=True)
    g = figures(inst, greedy_out)

    ours_out = work / "ours.json"
    stdout, seconds, peak = run_measured(
        [
            PY,
            "-m",
            "ieum",
            "schedule",
            str(inst),
            "-o",
            str(ours_out),
            "--time-limit",
            str(limit),
            "--seed",
            str(seed),
            "--quiet",
        ]
    )
    cli = json.loads(stdout.strip().splitlines()[-1])
    o = figures(inst, ours_out)
    lp = weight_upper_bound(load_instance(inst))
    bound = min(b for b in (lp, cli.get("weight_bound")) if b is not None)
    return {
        "name": name,
        "meetings": o["requested"],
        "g_valid": g["valid"],
        "g_weight": g["weight_scheduled"],
        "g_sched": g["scheduled"],
        "g_breaks": g["breaks"],
        "valid": o["valid"],
        "weight": o["weight_scheduled"],
        "sched": o["scheduled"],
        "breaks": o["breaks"],
        "max_breaks": o["max_breaks"],
        "min_share": o["min_share"],
        "bound": bound,
        "breaks_lb": cli.get("breaks_bound"),
        "seconds": seconds,
        "peak_mb": peak,
    }


def bench_incremental(work: Path, seed: int) -> str:
    """Publish an Open Innovation Week schedule without the last 10% of the requests, then
    add those with `add_meetings`; report the time it takes and what moved."""
    inst = work / "oi.json"
    with open(inst, "w") as f:
        subprocess.run(
            [PY, str(BENCH / "gen.py"), "--style", "booth", "--seed", "1"], stdout=f, check=True
        )
    full = load_instance(inst)
    data = instance_to_dict(full)
    cut = len(data["meetings"]) * 9 // 10
    new_ids = [m["id"] for m in data["meetings"][cut:]]
    data["meetings"] = data["meetings"][:cut]
    published = solve(load_instance(data), time_limit=5, seed=seed)
    t0 = time.monotonic()
    result = add_meetings(full, published, new_ids)
    seconds = time.monotonic() - t0
    kept = set(published.assignments) <= set(result.assignments)
    fig = score(full, result)
    added = len(result.assignments) - len(published.assignments)
    return (
        f"incremental (oi-week seed 1): {len(published.assignments)} published meetings, "
        f"{len(new_ids)} new requests, {added} placed in {seconds:.2f} s; "
        f"published kept in place: {'yes' if kept else 'NO'}; valid: {fig.valid}; "
        f"breaks {fig.breaks}"
    )


def table(rows: list[dict]) -> str:
    head = (
        "| instance | meetings | greedy weight | greedy sched | greedy breaks | valid "
        "| weight | sched | breaks | max_breaks | min_share | weight UB | weight vs greedy "
        "| breaks LB | s | peak MB |"
    )
    lines = [head, "|" + "---|" * 16]
    for r in rows:
        gain = 100.0 * (r["weight"] - r["g_weight"]) / max(1, r["g_weight"])
        lb = "" if r["breaks_lb"] is None else str(r["breaks_lb"])
        lines.append(
            f"| {r['name']} | {r['meetings']} | {r['g_weight']} | {r['g_sched']} "
            f"| {r['g_breaks']} | {'yes' if r['valid'] else 'NO'} | {r['weight']} | {r['sched']} "
            f"| {r['breaks']} | {r['max_breaks']} | {r['min_share']} | {r['bound']} "
            f"| {gain:+.1f}% | {lb} | {r['seconds']:.1f} | {r['peak_mb']} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--suite", choices=[*SUITES, "incremental", "all"], default="oi")
    ap.add_argument("--seed", type=int, default=0, help="the scheduler's seed")
    a = ap.parse_args(argv)
    if not (BENCH / "gen.py").is_file():
        print(f"partnering bench not found at {BENCH} (set IEUM_BENCH_DIR)", file=sys.stderr)
        return 2
    names = [*SUITES, "incremental"] if a.suite == "all" else [a.suite]
    rows = []
    notes = []
    with tempfile.TemporaryDirectory() as tmp:
        for suite in names:
            if suite == "incremental":
                notes.append(bench_incremental(Path(tmp), a.seed))
                continue
            for name, gen, args, limit in SUITES[suite]:
                print(f"running {name} (time limit {limit:g} s)...", file=sys.stderr, flush=True)
                rows.append(bench_one(name, gen, args, limit, Path(tmp), a.seed))
                print(table(rows[-1:]).splitlines()[-1], file=sys.stderr, flush=True)
    print(f"machine: {os.cpu_count()} cores; python {sys.version.split()[0]}")
    if rows:
        print(table(rows))
    for note in notes:
        print(note)
    return 0


if __name__ == "__main__":
    sys.exit(main())
