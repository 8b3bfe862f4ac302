from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    PARTNERING = "partnering", _("Partnering event")
    VENTURE_CAFE = "venture_cafe", _("Venture cafe")


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    # Registration, needs, proposals and meeting requests are open.
    OPEN = "open", _("Open")
    # Meetings are scheduled and agendas published; late acceptances are still placed.
    PUBLISHED = "published", _("Agendas published")
    CLOSED = "closed", _("Closed")


class PartyKind(models.TextChoices):
    DEMAND_COMPANY = "demand", _("Demand company")
    STARTUP = "startup", _("Startup")
    INVESTOR = "investor", _("Investor")
    HOSPITAL = "hospital", _("Hospital")
    OTHER = "other", _("Other")


class LocationKind(models.TextChoices):
    BOOTH = "booth", _("Booth")
    TABLES = "tables", _("Numbered tables")
    ROOM = "room", _("Meeting room")
    ONLINE = "online", _("Online")


class DealType(models.TextChoices):
    JOINT_RD = "joint_rd", _("Joint R&D")
    LICENSING = "licensing", _("Licensing")
    INVESTMENT = "investment", _("Investment")
    POC = "poc", _("Proof of concept")
    SUPPLY = "supply", _("Supply")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SHORTLISTED = "shortlisted", _("Shortlisted")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")


OPEN_PROPOSAL_STATUSES = (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED)


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting answer")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


# A pair of parties has at most one request in these states at a time.
LIVE_REQUEST_STATUSES = (RequestStatus.PENDING, RequestStatus.ACCEPTED)


class Priority(models.IntegerChoices):
    HIGH = 3, _("High")
    MEDIUM = 2, _("Medium")
    LOW = 1, _("Low")


class MeetingStatus(models.TextChoices):
    # Accepted, waiting for a slot (no run has placed it, or nothing fitted).
    UNSCHEDULED = "unscheduled", _("Not yet scheduled")
    SCHEDULED = "scheduled", _("Scheduled")
    CANCELLED = "cancelled", _("Cancelled")


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Finished")
    FAILED = "failed", _("Failed")
    APPLIED = "applied", _("Published")
    DISCARDED = "discarded", _("Discarded")


class OutcomeKind(models.TextChoices):
    NDA = "nda", _("NDA signed")
    POC = "poc", _("Proof of concept")
    JOINT_RD = "joint_rd", _("Joint R&D")
    LICENSING = "licensing", _("Licensing")
    INVESTMENT = "investment", _("Investment")
    SUPPLY = "supply", _("Supply contract")


class CafeSessionKind(models.TextChoices):
    IR = "ir", _("IR pitches")
    MENTORING = "mentoring", _("Mentoring office hours")
    NETWORKING = "networking", _("Networking")
