from django.db import models
from django.utils.translation import gettext_lazy as _


class ResourceKind(models.TextChoices):
    EQUIPMENT = "equipment", _("Equipment")
    LAB = "lab", _("Laboratory")
    CLEAN_ROOM = "clean_room", _("Clean room")
    ANIMAL_FACILITY = "animal_facility", _("Animal facility")
    PILOT_PLANT = "pilot_plant", _("Pilot plant")
    OFFICE = "office", _("Office")
    MEETING_ROOM = "meeting_room", _("Meeting room")


class EquipmentCategory(models.TextChoices):
    """Broad groups of the national research-equipment classification (ZEUS)."""

    ANALYSIS = "analysis", _("Analysis")
    MEASUREMENT = "measurement", _("Measurement")
    TESTING = "testing", _("Testing and evaluation")
    IMAGING = "imaging", _("Optical and electron imaging")
    BIO_MEDICAL = "bio_medical", _("Bio and medical")
    PROCESSING = "processing", _("Processing and production")
    ENVIRONMENT = "environment", _("Environment and safety")
    SPACE = "space", _("Space")
    OTHER = "other", _("Other")


class ResourceStatus(models.TextChoices):
    """ZEUS's use status: in use (활용), idle (유휴), disused (불용)."""

    IN_USE = "in_use", _("In use")
    IDLE = "idle", _("Idle")
    DISUSED = "disused", _("Disused")


class UseScope(models.TextChoices):
    OPEN = "open", _("Open to outside users")
    MEMBERS = "members", _("Cluster members only")
    INTERNAL = "internal", _("Internal use only")


class BookingMode(models.TextChoices):
    DIRECT_USE = "direct_use", _("Direct use")
    ANALYSIS_REQUEST = "analysis_request", _("Test or analysis request")


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    CANCELLED = "cancelled", _("Cancelled")
    NO_SHOW = "no_show", _("No-show")


# Bookings in these states hold their time; the database keeps them from overlapping.
ACTIVE_BOOKING_STATUSES = (BookingStatus.REQUESTED, BookingStatus.APPROVED)
# Bookings that are billed: the time was held for the company until it passed.
BILLED_BOOKING_STATUSES = (BookingStatus.APPROVED, BookingStatus.NO_SHOW)


class UserType(models.TextChoices):
    """Fee classes: who pays which hourly rate."""

    RESIDENT = "resident", _("Resident company")
    MEMBER = "member", _("Cluster member")
    EXTERNAL = "external", _("External")
    ACADEMIC = "academic", _("University or institute")


class DowntimeKind(models.TextChoices):
    MAINTENANCE = "maintenance", _("Maintenance")
    INCIDENT = "incident", _("Incident")
    CLOSURE = "closure", _("Closure")


class TrainingStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    GRANTED = "granted", _("Qualified")
    DECLINED = "declined", _("Declined")


class WaitlistStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting")
    OFFERED = "offered", _("Offered")
    BOOKED = "booked", _("Booked")
    EXPIRED = "expired", _("Expired")
    WITHDRAWN = "withdrawn", _("Withdrawn")
