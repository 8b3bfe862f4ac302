"""What every demo catalog entry shares: booking-rule presets, the fee ladder, `item()`.

A preset is how a kind of resource is usually run (an instrument anyone trained may
book in office hours, a clean room open around the clock with a long clean-down after
each use, a shared office with ten desks...). Entries name a preset and override what
differs. `demand` is how many bookings the resource gets in six months of demo history.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time


def weekly(opens: str, closes: str, days=range(5)) -> tuple[tuple[int, str, str], ...]:
    return tuple((day, opens, closes) for day in days)


def clock_times(first: str, last: str, minutes: int) -> tuple[time, ...]:
    start, end = time.fromisoformat(first), time.fromisoformat(last)
    moments, current = [], start.hour * 60 + start.minute
    while current <= end.hour * 60 + end.minute:
        moments.append(time(current // 60, current % 60))
        current += minutes
    return tuple(moments)


OFFICE_HOURS = weekly("09:00", "18:00")
# Open from Monday 09:00 straight through to Saturday 09:00, for long unattended runs.
THROUGH_THE_NIGHT = weekly("09:00", "00:00") + weekly("00:00", "09:00", range(1, 6))
EXTENDED_HOURS = weekly("08:00", "22:00")
ROOM_HOURS = weekly("08:00", "21:00")
PLANT_HOURS = weekly("08:00", "20:00")


@dataclass(frozen=True)
class Preset:
    fields: dict
    hours: tuple[tuple[int, str, str], ...]
    durations: tuple[int, ...]  # minutes a booking usually lasts
    starts: tuple[time, ...]  # when bookings usually start (Seoul time)
    demand: int
    scope: str = "open"
    extra: dict = field(default_factory=dict)


_APPROVED = {"requires_approval": True, "min_notice_minutes": 1440}
_TRAINED = {**_APPROVED, "requires_qualification": True}
_ALL_HOURS = {"open_all_hours": True, "closed_on_public_holidays": False}

PRESETS: dict[str, Preset] = {
    # Simple instruments: book and come, no approval.
    "self_service": Preset(
        {"slot_minutes": 30, "min_minutes": 30, "max_minutes": 480, "requires_approval": False},
        OFFICE_HOURS,
        (60, 90, 120, 180, 240),
        clock_times("09:00", "16:00", 30),
        36,
    ),
    "instrument": Preset(
        {**_APPROVED, "slot_minutes": 30, "min_minutes": 60, "max_minutes": 480},
        OFFICE_HOURS,
        (60, 120, 180, 240),
        clock_times("09:00", "16:00", 30),
        30,
    ),
    # Complex instruments: users must be trained; a short set-up buffer after each use.
    "complex": Preset(
        {**_TRAINED, "slot_minutes": 30, "min_minutes": 60, "max_minutes": 480},
        OFFICE_HOURS,
        (120, 180, 240, 360),
        clock_times("09:00", "14:00", 30),
        26,
        extra={"buffer_minutes": 30},
    ),
    # Analytic instruments run by the operator: companies send samples.
    "analysis": Preset(
        {
            **_APPROVED,
            "slot_minutes": 60,
            "min_minutes": 60,
            "max_minutes": 480,
            "allows_direct_use": False,
            "allows_analysis_request": True,
        },
        OFFICE_HOURS,
        (60, 120, 240, 480),
        clock_times("09:00", "14:00", 60),
        24,
    ),
    # Trained users run it themselves, or send samples.
    "analysis_or_use": Preset(
        {
            **_TRAINED,
            "slot_minutes": 60,
            "min_minutes": 60,
            "max_minutes": 480,
            "allows_analysis_request": True,
        },
        OFFICE_HOURS,
        (60, 120, 180, 240, 480),
        clock_times("09:00", "14:00", 60),
        26,
        extra={"buffer_minutes": 30},
    ),
    # Long batches that run overnight on weekdays.
    "overnight": Preset(
        {
            **_TRAINED,
            "slot_minutes": 60,
            "min_minutes": 120,
            "max_minutes": 960,
            "buffer_minutes": 60,
            "allows_analysis_request": True,
        },
        THROUGH_THE_NIGHT,
        (240, 480, 720, 900),
        clock_times("09:00", "19:00", 60),
        20,
    ),
    # Runs of a day or more, around the clock.
    "continuous": Preset(
        {
            **_TRAINED,
            **_ALL_HOURS,
            "slot_minutes": 60,
            "min_minutes": 240,
            "max_minutes": 4320,
            "buffer_minutes": 60,
        },
        (),
        (720, 1440, 2880),
        clock_times("09:00", "18:00", 60),
        10,
    ),
    "clean_room": Preset(
        {
            **_TRAINED,
            **_ALL_HOURS,
            "slot_minutes": 60,
            "min_minutes": 480,
            "max_minutes": 2880,
            "min_notice_minutes": 2880,
            "buffer_minutes": 240,
            "cancel_notice_hours": 72,
        },
        (),
        (480, 720, 1440),
        (time(8), time(9), time(13)),
        12,
    ),
    # Campaigns of days; a cleaning and sterilization turnaround after each.
    "pilot_plant": Preset(
        {
            **_TRAINED,
            **_ALL_HOURS,
            "slot_minutes": 240,
            "min_minutes": 1440,
            "max_minutes": 7200,
            "min_notice_minutes": 10080,
            "max_notice_days": 180,
            "buffer_minutes": 720,
            "cancel_notice_hours": 168,
        },
        (),
        (1440, 2880, 4320),
        (time(8),),
        5,
    ),
    # Pilot lines staffed in the day only.
    "pilot_day": Preset(
        {
            **_TRAINED,
            "slot_minutes": 60,
            "min_minutes": 240,
            "max_minutes": 720,
            "min_notice_minutes": 4320,
            "buffer_minutes": 120,
            "cancel_notice_hours": 72,
        },
        PLANT_HOURS,
        (240, 480, 720),
        clock_times("08:00", "12:00", 60),
        14,
    ),
    # Racks or pens for studies of one to four weeks.
    "animal": Preset(
        {
            **_TRAINED,
            **_ALL_HOURS,
            "capacity": 6,
            "slot_minutes": 240,
            "min_minutes": 10080,
            "max_minutes": 40320,
            "min_notice_minutes": 4320,
            "max_notice_days": 120,
            "cancel_notice_hours": 168,
        },
        (),
        (10080, 20160, 40320),
        (time(8), time(12)),
        10,
    ),
    # Benches of a shared lab, after the lab's safety training.
    "bench": Preset(
        {
            **_TRAINED,
            "capacity": 4,
            "slot_minutes": 60,
            "min_minutes": 120,
            "max_minutes": 540,
            "monthly_quota_hours": 80,
        },
        OFFICE_HOURS,
        (180, 240, 480, 540),
        clock_times("09:00", "14:00", 60),
        45,
    ),
    # Test and evaluation rooms, set up again after each use.
    "test_room": Preset(
        {**_APPROVED, "slot_minutes": 60, "min_minutes": 120, "max_minutes": 480},
        OFFICE_HOURS,
        (180, 240, 480),
        clock_times("09:00", "14:00", 60),
        14,
        extra={"buffer_minutes": 60},
    ),
    "office": Preset(
        {**_APPROVED, "capacity": 8, "slot_minutes": 60, "min_minutes": 240, "max_minutes": 840},
        EXTENDED_HOURS,
        (480, 540, 600),
        clock_times("08:00", "10:00", 60),
        60,
        scope="members",
    ),
    "meeting": Preset(
        {
            "requires_approval": False,
            "slot_minutes": 30,
            "min_minutes": 30,
            "max_minutes": 240,
            "min_notice_minutes": 30,
            "monthly_quota_hours": 20,
        },
        ROOM_HOURS,
        (60, 90, 120, 180),
        clock_times("09:00", "17:00", 30),
        35,
    ),
}

SPACE_KINDS = {"lab", "clean_room", "animal_facility", "pilot_plant", "office", "meeting_room"}


def fee_ladder(external: int) -> dict[str, int]:
    """Hourly rates by fee class: residents pay half, members 70 %, universities 80 %."""
    step = 100 if external < 10_000 else 500 if external < 20_000 else 1_000

    def rounded(share: float) -> int:
        return max(step, round(external * share / step) * step)

    return {
        "rate_resident": rounded(0.5),
        "rate_member": rounded(0.7),
        "rate_academic": rounded(0.8),
        "rate_external": external,
    }


def item(
    key: str,
    kind: str,
    name_ko: str,
    name_en: str,
    *,
    preset: str,
    rate: int,
    spec_ko: str,
    spec_en: str,
    location: str,
    nfec: str = "",
    maker: str = "",
    model: str = "",
    category: str = "",
    status: str = "in_use",
    scope: str = "",
    demand: int | None = None,
    **rules,
) -> dict:
    """One catalog entry: ZEUS-style description, a rules preset with overrides, rates."""
    chosen = PRESETS[preset]
    return {
        "key": key,
        "preset": preset,
        "demand": chosen.demand if demand is None else demand,
        "fields": {
            "kind": kind,
            "name_ko": name_ko,
            "name_en": name_en,
            "nfec_number": nfec,
            "maker": maker,
            "model_name": model,
            "category": category or ("space" if kind in SPACE_KINDS else "other"),
            "specifications_ko": spec_ko,
            "specifications_en": spec_en,
            "location": location,
            "status": status,
            "use_scope": scope or chosen.scope,
            **chosen.fields,
            **chosen.extra,
            **rules,
            **fee_ladder(rate),
        },
    }
