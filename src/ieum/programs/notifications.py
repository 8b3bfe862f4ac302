"""What the programs app tells people by e-mail, queued from inside domain transactions.

Each function queues one job by name once the transaction commits (a change that rolls
back tells nobody). The job, in `tasks.py`, reads the rows afresh, picks its recipients
in `mailings.py` and checks their rights then, so someone who lost the right to see a
record between the change and the job hears nothing. Every e-mail is written in its
recipient's preferred language (`emails.py`).

- application_submitted: the receipt, to the active members of the applying company.
- reviewers_assigned: to each reviewer given new applications in the stage: how many,
  the due date and the link to their review list.
- inquiry_answered: the answer, to the person who asked.
- results_published: the result (selected, reserve, not selected), to the active members
  of each applicant company whose application was decided.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ieum.core.jobs import defer_on_commit
from ieum.programs import job_names

if TYPE_CHECKING:
    from ieum.programs.models import Application, Call, Inquiry, ReviewStage


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
