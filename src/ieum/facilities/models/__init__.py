from ieum.facilities.models.bookings import AnalysisResult, Booking, Voucher, WaitlistEntry
from ieum.facilities.models.imports import ResourceImport
from ieum.facilities.models.resources import Downtime, OpeningHours, Resource
from ieum.facilities.models.training import Qualification, TrainingRequest

__all__ = [
    "AnalysisResult",
    "Booking",
    "Downtime",
    "OpeningHours",
    "Qualification",
    "Resource",
    "ResourceImport",
    "TrainingRequest",
    "Voucher",
    "WaitlistEntry",
]
