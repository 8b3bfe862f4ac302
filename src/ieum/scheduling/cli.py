"""`ieum schedule INSTANCE.json -o SCHEDULE.json [--time-limit SECONDS] [--seed N]`.

Progress goes to stderr; the final figures are printed to stdout as JSON. Exit status:
0 with a valid schedule written, 2 when the instance is malformed or inconsistent (the
message names the problem), 1 on an unexpected failure.
"""

from __future__ import annotations

import argparse
import json
import sys
import time

from ieum.scheduling.figures import score
from ieum.scheduling.io import dump_schedule, load_instance
from ieum.scheduling.model import Progress
from ieum.scheduling.solver import solve
from ieum.scheduling.validation import InstanceError


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(
        prog="ieum schedule",
        description="Schedule the meetings of a partnering event (exchange-format JSON).",
    )
    ap.add_argument("instance", help="instance JSON file")
    ap.add_argument("-o", "--output", required=True, help="where to write the schedule JSON")
    ap.add_argument("--time-limit", type=float, default=10.0, help="seconds to search (default 10)")
    ap.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    ap.add_argument("--quiet", action="store_true", help="no progress on stderr")
    return ap


def main(argv: list[str]) -> int:
    ap = _parser()
    try:
        args = ap.parse_args(argv)
    except SystemExit as e:  # argparse exits 2 on bad usage, 0 on --help
        return int(e.code or 0)
    if args.time_limit <= 0:
        print("ieum schedule: --time-limit must be positive", file=sys.stderr)
        return 2

    def progress(p: Progress) -> None:
        if not args.quiet:
            bound = f" (bound {p.weight_bound})" if p.weight_bound is not None else ""
            print(
                f"[{p.elapsed:7.2f}s] {p.phase}: weight {p.weight}{bound}, "
                f"meetings {p.scheduled}, breaks {p.breaks}, max_breaks {p.max_breaks}",
                file=sys.stderr,
            )

    t0 = time.monotonic()
    try:
        instance = load_instance(args.instance)
    except InstanceError as e:
        print(f"ieum schedule: invalid instance: {e}", file=sys.stderr)
        return 2
    if not args.quiet:
        print(
            f"{instance.name or args.instance}: {len(instance.meetings)} meetings, "
            f"{len(instance.participants)} participants, {len(instance.slots)} slots, "
            f"{len(instance.locations)} locations",
            file=sys.stderr,
        )
    # The limit covers reading, solving and writing (not the interpreter's start).
    budget = args.time_limit - (time.monotonic() - t0) - 0.05 * len(instance.meetings) / 10_000
    schedule = solve(instance, time_limit=max(0.1, budget), seed=args.seed, progress=progress)
    try:
        dump_schedule(schedule, args.output)
    except OSError as e:
        print(f"ieum schedule: cannot write {args.output}: {e.strerror}", file=sys.stderr)
        return 1
    fig = score(instance, schedule)
    out = {
        "instance": instance.name,
        "valid": fig.valid,
        "scheduled": fig.scheduled,
        "requested": fig.requested,
        "weight_scheduled": fig.weight_scheduled,
        "weight_requested": fig.weight_requested,
        "weight_bound": schedule.weight_bound,
        "breaks_bound": schedule.breaks_bound,
        "min_share": fig.min_share,
        "breaks": fig.breaks,
        "max_breaks": fig.max_breaks,
        "seconds": round(time.monotonic() - t0, 2),
    }
    print(json.dumps(out, ensure_ascii=False))
    if not fig.valid:  # cannot happen by construction; never hide it if it does
        print(f"ieum schedule: internal error: {fig.violations[:3]}", file=sys.stderr)
        return 1
    return 0
