"""Reading instances and writing schedules in the JSON exchange format.

`load_instance` checks the structure of what it reads (types, required fields) and then
the consistency of the whole (`validation.validate_instance`); either problem raises an
`InstanceError` whose message names the offending item.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ieum.scheduling.model import (
    Assignment,
    Instance,
    Location,
    Meeting,
    Participant,
    Schedule,
    Slot,
)
from ieum.scheduling.validation import InstanceError, validate_instance

Source = str | os.PathLike[str] | Mapping[str, Any]


def _read_json(source: str | os.PathLike[str], what: str) -> Any:
    try:
        with open(source, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise InstanceError(f"cannot read {what} {os.fspath(source)!r}: {e.strerror}") from e
    except (UnicodeDecodeError, ValueError) as e:
        raise InstanceError(f"{what} {os.fspath(source)!r} is not valid JSON: {e}") from e


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _id(item: Any, where: str) -> str:
    if not isinstance(item, Mapping):
        raise InstanceError(f"{where}: expected an object, got {type(item).__name__}")
    v = item.get("id")
    if not isinstance(v, str) or not v:
        raise InstanceError(f"{where}: missing or non-string 'id'")
    return v


def _str_list(v: Any, where: str, field: str, *, allow_empty: bool = True) -> tuple[str, ...]:
    if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
        raise InstanceError(f"{where}: '{field}' must be a list of ids")
    if not v and not allow_empty:
        raise InstanceError(f"{where}: '{field}' must not be empty")
    return tuple(v)


def _limit(item: Mapping[str, Any], key: str, where: str) -> int | None:
    v = item.get(key)
    if v is None:
        return None
    if not _is_int(v) or v < 0:
        raise InstanceError(f"{where}: '{key}' must be a non-negative integer, got {v!r}")
    return int(v)


def _section(data: Mapping[str, Any], key: str) -> list[Any]:
    v = data.get(key)
    if v is None:
        raise InstanceError(f"instance has no '{key}' list")
    if not isinstance(v, list):
        raise InstanceError(f"instance '{key}' must be a list")
    return v


def instance_from_dict(data: Any) -> Instance:
    """Build an `Instance` from parsed JSON, checking its structure (not its consistency)."""
    if not isinstance(data, Mapping):
        raise InstanceError("instance must be a JSON object")
    name = data.get("name")
    if name is not None and not isinstance(name, str):
        raise InstanceError("instance 'name' must be a string")

    slots = []
    for i, s in enumerate(_section(data, "slots")):
        sid = _id(s, f"slots[{i}]")
        day = s.get("day", 1)
        if not _is_int(day):
            raise InstanceError(f"slot {sid}: 'day' must be an integer, got {day!r}")
        slots.append(Slot(sid, int(day), s.get("start"), s.get("end")))

    locations = []
    for i, loc in enumerate(_section(data, "locations")):
        lid = _id(loc, f"locations[{i}]")
        cap = loc.get("capacity", 1)
        if not _is_int(cap) or cap < 1:
            raise InstanceError(f"location {lid}: bad capacity {cap!r} (a positive integer)")
        locations.append(Location(lid, int(cap)))

    participants = []
    for i, p in enumerate(_section(data, "participants")):
        where = f"participant {_id(p, f'participants[{i}]')}"
        un = _str_list(p.get("unavailable", []), where, "unavailable")
        participants.append(
            Participant(
                p["id"],
                frozenset(un),
                _limit(p, "max_meetings", where),
                _limit(p, "max_per_day", where),
            )
        )

    meetings = []
    for i, m in enumerate(_section(data, "meetings")):
        where = f"meeting {_id(m, f'meetings[{i}]')}"
        ps = _str_list(m.get("participants"), where, "participants")
        if len(ps) < 2:
            raise InstanceError(f"{where}: needs two or more participants, got {len(ps)}")
        w = m.get("weight", 1)
        if not _is_int(w) or w < 1:
            raise InstanceError(f"{where}: 'weight' must be a positive integer, got {w!r}")
        locs = m.get("locations")
        locs = None if locs is None else _str_list(locs, where, "locations", allow_empty=False)
        sl = m.get("slots")
        sl = None if sl is None else _str_list(sl, where, "slots", allow_empty=False)
        fixed = m.get("fixed_slot")
        if fixed is not None and not isinstance(fixed, str):
            raise InstanceError(f"{where}: 'fixed_slot' must be a slot id")
        meetings.append(Meeting(m["id"], ps, int(w), locs, sl, fixed))

    return Instance(name, tuple(slots), tuple(locations), tuple(participants), tuple(meetings))


def load_instance(source: Source | Instance) -> Instance:
    """Read an instance from a JSON file path or a parsed dict, and validate it.

    Raises `InstanceError` naming the problem when the input is malformed or inconsistent.
    """
    if isinstance(source, Instance):
        instance = source
    else:
        data = source if isinstance(source, Mapping) else _read_json(source, "instance")
        instance = instance_from_dict(data)
    validate_instance(instance)
    return instance


def instance_to_dict(instance: Instance) -> dict[str, Any]:
    """The exchange-format dict of an instance (inverse of `instance_from_dict`)."""
    out_p = []
    for p in instance.participants:
        d: dict[str, Any] = {"id": p.id, "unavailable": sorted(p.unavailable)}
        if p.max_meetings is not None:
            d["max_meetings"] = p.max_meetings
        if p.max_per_day is not None:
            d["max_per_day"] = p.max_per_day
        out_p.append(d)
    out_m = []
    for m in instance.meetings:
        d = {"id": m.id, "participants": list(m.participants), "weight": m.weight}
        if m.locations is not None:
            d["locations"] = list(m.locations)
        if m.slots is not None:
            d["slots"] = list(m.slots)
        if m.fixed_slot is not None:
            d["fixed_slot"] = m.fixed_slot
        out_m.append(d)
    return {
        "name": instance.name,
        "slots": [
            {k: v for k, v in (("id", s.id), ("day", s.day), ("start", s.start), ("end", s.end))}
            for s in instance.slots
        ],
        "locations": [{"id": loc.id, "capacity": loc.capacity} for loc in instance.locations],
        "participants": out_p,
        "meetings": out_m,
    }


def schedule_from_dict(data: Any) -> Schedule:
    """Build a `Schedule` from parsed JSON (ids are checked against an instance elsewhere)."""
    if not isinstance(data, Mapping) or not isinstance(data.get("assignments", []), list):
        raise InstanceError("schedule must be an object with an 'assignments' list")
    out = []
    for i, a in enumerate(data.get("assignments", [])):
        if not isinstance(a, Mapping) or not all(
            isinstance(a.get(k), str) for k in ("meeting", "slot", "location")
        ):
            raise InstanceError(f"assignments[{i}]: needs string 'meeting', 'slot', 'location'")
        out.append(Assignment(a["meeting"], a["slot"], a["location"]))
    return Schedule(data.get("instance"), tuple(out))


def load_schedule(source: Source) -> Schedule:
    """Read a schedule from a JSON file path or a parsed dict."""
    data = source if isinstance(source, Mapping) else _read_json(source, "schedule")
    return schedule_from_dict(data)


def schedule_to_dict(schedule: Schedule) -> dict[str, Any]:
    return {
        "instance": schedule.instance,
        "assignments": [
            {"meeting": a.meeting, "slot": a.slot, "location": a.location}
            for a in schedule.assignments
        ],
    }


def dump_schedule(schedule: Schedule, path: str | os.PathLike[str] | None = None) -> dict[str, Any]:
    """The exchange-format dict of `schedule`; also written to `path` when given."""
    data = schedule_to_dict(schedule)
    if path is not None:
        tmp = Path(f"{os.fspath(path)}.tmp")
        tmp.write_text(json.dumps(data, ensure_ascii=False) + "\n", encoding="utf-8")
        tmp.replace(path)
    return data
