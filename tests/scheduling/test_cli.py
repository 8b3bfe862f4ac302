"""The `ieum schedule` command: exit statuses, messages and output."""

from __future__ import annotations

import copy
import json
import subprocess
import sys

import pytest

from ieum.scheduling.cli import main

BASE = {
    "name": "tiny",
    "slots": [
        {"id": "s1", "day": 1},
        {"id": "s2", "day": 1},
        {"id": "s3", "day": 2},
    ],
    "locations": [{"id": "hall", "capacity": 1}, {"id": "booth", "capacity": 2}],
    "participants": [
        {"id": "a", "unavailable": ["s2"]},
        {"id": "b", "unavailable": []},
        {"id": "c", "unavailable": [], "max_meetings": 2},
    ],
    "meetings": [
        {"id": "m1", "participants": ["a", "b"], "weight": 3},
        {"id": "m2", "participants": ["b", "c"], "locations": ["hall"]},
        {"id": "m3", "participants": ["a", "c"], "fixed_slot": "s3"},
    ],
}


def variant(change) -> dict:
    data = copy.deepcopy(BASE)
    change(data)
    return data


def _set(path, value):
    def change(data):
        target = data
        for k in path[:-1]:
            target = target[k]
        target[path[-1]] = value

    return change


MALFORMED = {
    "unknown participant": (
        _set(["meetings", 0, "participants"], ["a", "zz"]),
        "unknown participant 'zz'",
    ),
    "duplicate meeting": (
        lambda d: d["meetings"].append({"id": "m1", "participants": ["b", "c"]}),
        "duplicate meeting id 'm1'",
    ),
    "duplicate participant": (
        lambda d: d["participants"].append({"id": "b"}),
        "duplicate participant id 'b'",
    ),
    "zero capacity": (_set(["locations", 0, "capacity"], 0), "bad capacity"),
    "string capacity": (_set(["locations", 1, "capacity"], "two"), "bad capacity"),
    "unknown location": (_set(["meetings", 1, "locations"], ["roof"]), "unknown location"),
    "unknown slot": (_set(["meetings", 1, "slots"], ["s9"]), "unknown slot 's9'"),
    "unknown unavailable slot": (
        _set(["participants", 1, "unavailable"], ["s7"]),
        "unknown slot 's7'",
    ),
    "fixed in unavailable slot": (_set(["meetings", 0, "fixed_slot"], "s2"), "unavailable"),
    "fixed outside its slots": (
        lambda d: d["meetings"][2].update(slots=["s1"]),
        "not among its allowed slots",
    ),
    "fixed double-booked": (
        lambda d: d["meetings"].append(
            {"id": "m4", "participants": ["a", "b"], "fixed_slot": "s3"}
        ),
        "both fixed in s3",
    ),
    "fixed overfilling a location": (
        lambda d: (
            d["meetings"].extend(
                [
                    {
                        "id": "m4",
                        "participants": ["a", "b"],
                        "fixed_slot": "s1",
                        "locations": ["hall"],
                    },
                    {
                        "id": "m5",
                        "participants": ["c", "d"],
                        "fixed_slot": "s1",
                        "locations": ["hall"],
                    },
                ]
            )
            or d["participants"].append({"id": "d"})
        ),
        "do not fit their allowed locations",
    ),
    "fixed over max_meetings": (
        _set(["participants", 2, "max_meetings"], 0),
        "exceed max_meetings",
    ),
    "one participant": (_set(["meetings", 0, "participants"], ["a"]), "two or more"),
    "bad weight": (_set(["meetings", 0, "weight"], 0), "weight"),
    "no slots list": (lambda d: d.pop("slots"), "no 'slots' list"),
}


@pytest.mark.parametrize("case", sorted(MALFORMED))
def test_malformed_instance_exits_2_naming_the_problem(case, tmp_path, capsys):
    change, message = MALFORMED[case]
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(variant(change)))
    out = tmp_path / "schedule.json"
    assert main([str(path), "-o", str(out), "--time-limit", "1"]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert not out.exists()


def test_bad_json_and_missing_file_exit_2(tmp_path, capsys):
    path = tmp_path / "broken.json"
    path.write_text('{"slots": [')
    assert main([str(path), "-o", str(tmp_path / "o.json")]) == 2
    assert "not valid JSON" in capsys.readouterr().err
    assert main([str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.json")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_valid_instance_writes_a_valid_schedule(tmp_path, capsys, reference):
    ref_score, _ = reference
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(BASE))
    out = tmp_path / "schedule.json"
    assert main([str(path), "-o", str(out), "--time-limit", "2", "--seed", "4"]) == 0
    captured = capsys.readouterr()
    figures = json.loads(captured.out)
    assert figures["valid"] and figures["scheduled"] == 3
    assert "CP-SAT" in captured.err  # progress on stderr
    schedule = json.loads(out.read_text())
    assert ref_score.score(BASE, schedule)["valid"]


def test_python_dash_m_ieum_schedule(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(variant(_set(["meetings", 0, "fixed_slot"], "s2"))))
    run = subprocess.run(
        [sys.executable, "-m", "ieum", "schedule", str(bad), "-o", str(tmp_path / "o.json")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 2
    assert "meeting m1: fixed in s2 but a is unavailable then" in run.stderr

    good = tmp_path / "good.json"
    good.write_text(json.dumps(BASE))
    out = tmp_path / "schedule.json"
    run = subprocess.run(
        [sys.executable, "-m", "ieum", "schedule", str(good), "-o", str(out), "--quiet"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert json.loads(run.stdout)["valid"]
    assert len(json.loads(out.read_text())["assignments"]) == 3
