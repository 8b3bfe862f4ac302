from ieum.partnering.models.cafe import CafeAttendance, CafeSession, MentorSlot
from ieum.partnering.models.events import (
    Block,
    Delegate,
    Event,
    EventBreak,
    EventDay,
    Location,
    Registration,
    Slot,
)
from ieum.partnering.models.meetings import (
    FollowUpOutcome,
    Meeting,
    MeetingFeedback,
    MeetingRequest,
    MeetingSeat,
    ScheduleRun,
)
from ieum.partnering.models.needs import Proposal, TechnologyNeed

__all__ = [
    "Block",
    "CafeAttendance",
    "CafeSession",
    "Delegate",
    "Event",
    "EventBreak",
    "EventDay",
    "FollowUpOutcome",
    "Location",
    "Meeting",
    "MeetingFeedback",
    "MeetingRequest",
    "MeetingSeat",
    "MentorSlot",
    "Proposal",
    "Registration",
    "ScheduleRun",
    "Slot",
    "TechnologyNeed",
]
