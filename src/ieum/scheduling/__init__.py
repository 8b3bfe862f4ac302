"""Meeting scheduling for partnering events (pure Python; no Django).

Reads instances and writes schedules in the partnering exchange format::

    from ieum.scheduling import load_instance, solve, dump_schedule, score

    instance = load_instance("event.json")          # raises InstanceError if malformed
    schedule = solve(instance, time_limit=10, seed=0)
    dump_schedule(schedule, "schedule.json")
    score(instance, schedule).weight_scheduled
"""

from ieum.scheduling.bounds import breaks_lower_bound, weight_upper_bound
from ieum.scheduling.figures import score
from ieum.scheduling.incremental import add_meetings
from ieum.scheduling.io import (
    dump_schedule,
    instance_from_dict,
    instance_to_dict,
    load_instance,
    load_schedule,
)
from ieum.scheduling.model import (
    Assignment,
    Figures,
    Instance,
    Location,
    Meeting,
    Participant,
    Progress,
    Schedule,
    Slot,
)
from ieum.scheduling.solver import solve
from ieum.scheduling.validation import InstanceError, validate_instance

__all__ = [
    "Assignment",
    "Figures",
    "Instance",
    "InstanceError",
    "Location",
    "Meeting",
    "Participant",
    "Progress",
    "Schedule",
    "Slot",
    "add_meetings",
    "breaks_lower_bound",
    "dump_schedule",
    "instance_from_dict",
    "instance_to_dict",
    "load_instance",
    "load_schedule",
    "score",
    "solve",
    "validate_instance",
    "weight_upper_bound",
]
