"""What the programs app tells people by e-mail, and who hears it.

Domain functions call the four queueing functions below from inside their transaction;
each queues one job by name once the transaction commits, so a change that rolls back
tells nobody. The job (`tasks.py`) reads the rows afresh and asks the recipient
functions here who to tell, checking each person's rights at that moment: someone who
left the company, or a reviewer who recused or was found in conflict before the job
ran, hears nothing. Nobody outside the record is ever e-mailed. Each e-mail is written
in its recipient's preferred language (`emails.py`).

- application_submitted: the receipt, to the active members of the applying company.
- reviewers_assigned: to each reviewer with applications waiting for their review in
  the stage: how many, which (without applicants' names in a blind stage), the due date
  and the link to their review list.
- inquiry_answered: the answer, to the person who asked.
- results_published: the result (selected, reserve or not selected) of each decided
  application, to the active members of its company.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ieum.accounts.models import User
from ieum.core.jobs import defer_on_commit
from ieum.programs import job_names
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentStatus,
    DecisionOutcome,
    StageStatus,
)
from ieum.programs.visibility import reviewer_assignments

if TYPE_CHECKING:
    from django.db.models import QuerySet

    from ieum.programs.models import Application, Call, Inquiry, ReviewAssignment, ReviewStage

# Applications still in the running, or decided; drafts and withdrawn ones are not.
LIVE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SELECTED,
    ApplicationStatus.NOT_SELECTED,
)


def application_submitted(application: Application) -> None:
    defer_on_commit(job_names.SUBMISSION_EMAIL, application_id=application.pk)


def reviewers_assigned(*, stage: ReviewStage, reviewer_ids: list[int]) -> None:
    """Tell reviewers of their new assignments in `stage`; each reviewer once, in order."""
    ids = sorted(set(reviewer_ids))
    if ids:
        defer_on_commit(job_names.ASSIGNMENT_EMAIL, stage_id=stage.pk, reviewer_ids=ids)


def inquiry_answered(inquiry: Inquiry) -> None:
    defer_on_commit(job_names.INQUIRY_ANSWER_EMAIL, inquiry_id=inquiry.pk)


def results_published(call: Call) -> None:
    defer_on_commit(job_names.RESULTS_EMAIL, call_id=call.pk)


def _reachable(users: QuerySet[User]) -> list[User]:
    return [user for user in users.filter(is_active=True).order_by("pk") if user.email]


def company_people(application: Application) -> list[User]:
    """The company's active members who may still see the application."""
    members = User.objects.filter(memberships__organization_id=application.company_id).distinct()
    return [
        person
        for person in _reachable(members)
        if person.has_perm("programs.view_application", application)
    ]


def receipt_readers(application: Application) -> list[User]:
    if application.status == ApplicationStatus.DRAFT or application.submitted_at is None:
        return []
    return company_people(application)


def waiting_reviews(*, stage: ReviewStage, reviewer: User) -> list[ReviewAssignment]:
    """The reviewer's assignments in the stage that still wait for their review.

    Recused ones and those of an application the reviewer is in conflict with are left
    out (`reviewer_assignments`), as are applications withdrawn or gone to another stage.
    """
    if not reviewer.is_active or not reviewer.email or stage.status == StageStatus.DECIDED:
        return []
    return list(
        reviewer_assignments(reviewer)
        .filter(
            stage=stage,
            status=AssignmentStatus.ASSIGNED,
            application__status__in=LIVE_STATUSES,
            application__current_stage=stage,
        )
        .select_related("application__company")
        .order_by("application_id")
    )


def inquiry_reader(inquiry: Inquiry) -> User | None:
    """The asker, if the question is answered and they may still see the call."""
    asker = inquiry.asked_by
    if asker is None or not inquiry.answer.strip() or inquiry.answered_at is None:
        return None
    if not asker.is_active or not asker.email:
        return None
    return asker if asker.has_perm("programs.view_call", inquiry.call) else None


def announced_results(call: Call) -> list[tuple[Application, str]]:
    """Each decided application of a call whose results are out, with its result.

    The result is a `DecisionOutcome`: SELECTED, RESERVE (not selected, but on the
    reserve list by the final stage's decision) or NOT_SELECTED.
    """
    from ieum.programs.models import Application, Decision

    if call.results_published_at is None:
        return []
    applications = list(
        Application.objects.filter(
            call=call,
            status__in=(ApplicationStatus.SELECTED, ApplicationStatus.NOT_SELECTED),
        )
        .select_related("company", "call__program")
        .order_by("pk")
    )
    # The decision of the latest stage an application reached is the one that counts.
    latest = dict(
        Decision.objects.filter(application__call=call)
        .order_by("application_id", "stage__position")
        .values_list("application_id", "outcome")
    )
    results = []
    for application in applications:
        if application.status == ApplicationStatus.SELECTED:
            outcome = DecisionOutcome.SELECTED
        elif latest.get(application.pk) == DecisionOutcome.RESERVE:
            outcome = DecisionOutcome.RESERVE
        else:
            outcome = DecisionOutcome.NOT_SELECTED
        results.append((application, outcome))
    return results
