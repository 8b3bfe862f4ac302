from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgramKind(models.TextChoices):
    REGIONAL_CENTER = "regional_center", _("Regional-center designation")
    GROWTH_COHORT = "growth_cohort", _("Growth cohort")
    ACADEMY = "academy", _("Startup academy")
    VOUCHER = "voucher", _("Support voucher")
    OTHER = "other", _("Other support")


class CompanyAge(models.TextChoices):
    """The age bands Korean support calls use (창업 기간)."""

    PRE_STARTUP = "pre_startup", _("Pre-startup")
    UNDER_3 = "under_3", _("Under 3 years")
    FROM_3_TO_7 = "from_3_to_7", _("3 to 7 years")
    OVER_7 = "over_7", _("Over 7 years")


class CallStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class CallPhase(models.TextChoices):
    """Where a published call stands by the clock; computed, never stored."""

    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open for applications")
    REVIEWING = "reviewing", _("Under review")
    ANNOUNCED = "announced", _("Results announced")


class QuestionKind(models.TextChoices):
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    CHOICE = "choice", _("Choice")
    FILE = "file", _("File")


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


class StageKind(models.TextChoices):
    DOCUMENT = "document", _("Document review")
    PRESENTATION = "presentation", _("Presentation review")
    SITE_VISIT = "site_visit", _("Site visit")


class StageStatus(models.TextChoices):
    SETUP = "setup", _("Being set up")
    REVIEWING = "reviewing", _("Reviewing")
    DECIDED = "decided", _("Decided")


class Aggregation(models.TextChoices):
    MEAN = "mean", _("Mean")
    MEDIAN = "median", _("Median")
    TRIMMED_MEAN = "trimmed_mean", _("Trimmed mean")


class TieBreak(models.TextChoices):
    # Compare the mean score of each criterion, heaviest criterion first.
    CRITERIA = "criteria", _("Heaviest criterion first")
    SUBMITTED_FIRST = "submitted_first", _("Earlier submission")


class ConflictKind(models.TextChoices):
    SAME_ORGANIZATION = "same_organization", _("Same organization")
    PAST_AFFILIATION = "past_affiliation", _("Recent affiliation")
    SUPPORT_CASE = "support_case", _("Shared support case")
    MEETING = "meeting", _("Shared meeting record")
    DECLARED = "declared", _("Declared by the reviewer")


AUTOMATIC_CONFLICTS = (
    ConflictKind.SAME_ORGANIZATION,
    ConflictKind.PAST_AFFILIATION,
    ConflictKind.SUPPORT_CASE,
    ConflictKind.MEETING,
)


class AssignmentStatus(models.TextChoices):
    ASSIGNED = "assigned", _("Assigned")
    SUBMITTED = "submitted", _("Submitted")
    RECUSED = "recused", _("Recused")


class AssignmentMethod(models.TextChoices):
    AUTOMATIC = "automatic", _("Automatic")
    MANUAL = "manual", _("By staff")


class DecisionOutcome(models.TextChoices):
    ADVANCE = "advance", _("Advances to the next stage")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("Reserve")
    NOT_SELECTED = "not_selected", _("Not selected")


class SupportStage(models.TextChoices):
    """The stages of full-cycle support, from idea to export."""

    RND = "rnd", _("Idea and R&D")
    PROTOTYPE = "prototype", _("Prototyping and refinement")
    NONCLINICAL = "nonclinical", _("Non-clinical")
    CLINICAL = "clinical", _("Clinical")
    APPROVAL = "approval", _("Approval (MFDS/FDA/CE)")
    GMP = "gmp", _("GMP")
    MARKETING = "marketing", _("Marketing")
    EXPORT = "export", _("Overseas exhibitions and export")


class SupportStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    COMPLETED = "completed", _("Completed")
    CANCELLED = "cancelled", _("Cancelled")
