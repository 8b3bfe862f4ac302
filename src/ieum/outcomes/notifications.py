"""What the outcomes app tells people by e-mail, and who hears it.

When cluster staff verify or reject a record, the company's members hear of it, with
the reason of a rejection. The domain queues one job by name once its transaction
commits (`ieum.core.jobs.defer_on_commit`), so a decision that rolls back tells
nobody. The job (`tasks.py`) carries the decision it announces (status and time): if
the record was changed or decided again before the job ran, the job finds another state
and sends nothing, since a newer job describes the newer state. Who hears is asked when
the job runs: the company's active members who may still see the record, never the
person who decided.
"""

from __future__ import annotations

from ieum.accounts.models import User
from ieum.core.jobs import defer_on_commit
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.models import OutcomeRecord

RECORD_REVIEWED_EMAIL = "outcomes.send_record_reviewed_email"

DECIDED = (VerificationStatus.VERIFIED, VerificationStatus.REJECTED)


def record_reviewed(record: OutcomeRecord) -> None:
    """Queue the e-mail about a record just verified or rejected."""
    defer_on_commit(
        RECORD_REVIEWED_EMAIL,
        record_id=record.pk,
        status=record.status,
        reviewed_at=record.reviewed_at.isoformat(),
    )


def still_decided(record: OutcomeRecord, *, status: str, reviewed_at: str) -> bool:
    """Whether the record still stands as the job's decision left it."""
    return (
        record.status == status
        and status in DECIDED
        and record.reviewed_at is not None
        and record.reviewed_at.isoformat() == reviewed_at
    )


def company_people(record: OutcomeRecord) -> list[User]:
    """The company's active members with an address who may see the record, without
    the person who decided it."""
    members = (
        User.objects.filter(memberships__organization_id=record.company_id, is_active=True)
        .exclude(pk=record.reviewed_by_id)
        .distinct()
        .order_by("pk")
    )
    return [
        person
        for person in members
        if person.email and person.has_perm("outcomes.see_record", record)
    ]
