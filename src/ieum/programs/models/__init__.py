from ieum.programs.models.applications import Application, ApplicationFile
from ieum.programs.models.calls import Call, Inquiry, Notice, Program, Question, RequiredDocument
from ieum.programs.models.reviews import (
    Affiliation,
    CallReviewer,
    ConflictOfInterest,
    Criterion,
    Decision,
    ReviewAssignment,
    ReviewerProfile,
    ReviewStage,
    Score,
)
from ieum.programs.models.support import Cohort, CohortMember, Deliverable, SupportCase

__all__ = [
    "Affiliation",
    "Application",
    "ApplicationFile",
    "Call",
    "CallReviewer",
    "Cohort",
    "CohortMember",
    "ConflictOfInterest",
    "Criterion",
    "Decision",
    "Deliverable",
    "Inquiry",
    "Notice",
    "Program",
    "Question",
    "RequiredDocument",
    "ReviewAssignment",
    "ReviewStage",
    "ReviewerProfile",
    "Score",
    "SupportCase",
]
