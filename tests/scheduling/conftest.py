"""Fixtures of the scheduler tests: the reference scorer and baseline, instance factories.

These tests need neither Django nor a database. The reference tools (score.py, greedy.py)
live in the shared partnering bench next to the repository (`../shared/partnering-bench`
or $IEUM_BENCH_DIR); tests that need them are skipped when it is missing.
"""

from __future__ import annotations

import importlib.util
import os
import random
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from ieum.scheduling import InstanceError, instance_from_dict, validate_instance

REPO = Path(__file__).resolve().parents[2]


def bench_dir() -> Path:
    env = os.environ.get("IEUM_BENCH_DIR")
    return Path(env) if env else REPO.parent / "shared" / "partnering-bench"


def _load(name: str) -> ModuleType | None:
    path = bench_dir() / f"{name}.py"
    if not path.is_file():
        return None
    spec = importlib.util.spec_from_file_location(f"bench_{name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def reference() -> tuple[ModuleType, ModuleType]:
    """(score.py, greedy.py) from the shared bench."""
    score, greedy = _load("score"), _load("greedy")
    if score is None or greedy is None:
        pytest.skip(f"reference score.py/greedy.py not found in {bench_dir()}")
    return score, greedy


def random_instance(rng: random.Random, *, max_meetings: int = 14) -> dict[str, Any]:
    """A small but rich random instance: several days, limits, allowed slots/locations,
    unavailability and consistent fixed meetings."""
    days = rng.randint(1, 2)
    per_day = rng.randint(2, 5)
    slots = [
        {"id": f"d{d}-s{k}", "day": d} for d in range(1, days + 1) for k in range(1, per_day + 1)
    ]
    sids = [s["id"] for s in slots]
    locations = [{"id": f"L{i}", "capacity": rng.randint(1, 2)} for i in range(rng.randint(1, 3))]
    lids = [loc["id"] for loc in locations]
    participants = []
    for i in range(rng.randint(3, 8)):
        p: dict[str, Any] = {
            "id": f"p{i}",
            "unavailable": sorted(rng.sample(sids, rng.randint(0, len(sids) // 2))),
        }
        if rng.random() < 0.3:
            p["max_meetings"] = rng.randint(1, 4)
        if rng.random() < 0.3:
            p["max_per_day"] = rng.randint(1, 3)
        participants.append(p)
    pids = [p["id"] for p in participants]
    meetings = []
    for i in range(rng.randint(1, max_meetings)):
        m: dict[str, Any] = {
            "id": f"m{i}",
            "participants": rng.sample(pids, 3 if rng.random() < 0.15 else 2),
            "weight": rng.randint(1, 3),
        }
        if rng.random() < 0.4:
            m["locations"] = rng.sample(lids, rng.randint(1, len(lids)))
        if rng.random() < 0.3:
            m["slots"] = rng.sample(sids, rng.randint(1, len(sids)))
        meetings.append(m)
    data = {
        "name": "random",
        "slots": slots,
        "locations": locations,
        "participants": participants,
        "meetings": meetings,
    }
    # Fix a few meetings where that stays consistent.
    for m in rng.sample(meetings, min(len(meetings), rng.randint(0, 3))):
        m["fixed_slot"] = rng.choice(m.get("slots") or sids)
        try:
            validate_instance(instance_from_dict(data))
        except InstanceError:
            del m["fixed_slot"]
    return data


@pytest.fixture(scope="session")
def bench() -> Path:
    if not (bench_dir() / "gen.py").is_file():
        pytest.skip(f"gen.py not found in {bench_dir()}")
    return bench_dir()


@pytest.fixture
def no_single_model():
    """Make the solver treat every instance as too large for one CP-SAT model."""
    from ieum.scheduling import solver

    saved = solver.FULL_MODEL_LIMIT
    solver.FULL_MODEL_LIMIT = 0
    yield
    solver.FULL_MODEL_LIMIT = saved


@pytest.fixture(scope="session")
def make_instance():
    """seed -> a random instance dict (for use with hypothesis-drawn seeds)."""
    return lambda seed, **kw: random_instance(random.Random(seed), **kw)


# The project's tests/conftest.py sets up Django and a database for every test; the
# scheduler needs neither, so its autouse fixtures are replaced here by no-ops.
@pytest.fixture(autouse=True)
def _fast_and_quiet():
    yield


@pytest.fixture(autouse=True)
def _clean_slate():
    yield
