"""Two staff deciding the same record at the same moment take turns on its row: one
decision stands, the other is told the record is no longer waiting."""

from __future__ import annotations

import pytest
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.accounts.enums import Role
from ieum.core.errors import Conflict
from ieum.outcomes.enums import VerificationStatus
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.recording import reject_record, update_record, verify_record
from tests.factories import MembershipFactory
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)


def test_two_staff_verifying_and_rejecting_at_once_leave_one_decision(outcome_world):
    world = outcome_world
    second = MembershipFactory(organization=world.cluster.operator, role=Role.CLUSTER_STAFF).user
    entry = world.record(status=VerificationStatus.PENDING)
    outcomes = race(
        lambda: verify_record(by=world.staff, record=entry) and "verified",
        lambda: reject_record(by=second, record=entry, reason="증빙 불충분") and "rejected",
        refusals={Conflict: "conflict"},
    )
    assert sorted(outcomes) in (["conflict", "verified"], ["conflict", "rejected"])
    entry.refresh_from_db()
    winner = "verified" if "verified" in outcomes else "rejected"
    assert entry.status == winner
    assert entry.reviewed_by == (world.staff if winner == "verified" else second)
    assert (entry.rejection_reason == "") is (winner == "verified")
    # One e-mail job, for the decision that stands.
    assert ProcrastinateJob.objects.filter(task_name__startswith="outcomes.").count() == 1


def test_a_correction_racing_a_verification_never_leaves_a_verified_record_unchecked(
    outcome_world,
):
    world = outcome_world
    entry = world.record(status=VerificationStatus.PENDING, title="원래 제목")
    race(
        lambda: verify_record(by=world.staff, record=entry),
        lambda: update_record(by=world.staff, record=entry, data={"title": "고친 제목"}),
        refusals={Conflict: "conflict"},
    )
    entry = OutcomeRecord.objects.get(pk=entry.pk)
    # Either the correction came first and was verified, or it came after the
    # verification and sent the record back to waiting; never verified unseen.
    assert (entry.title, entry.status) in (
        ("고친 제목", VerificationStatus.VERIFIED),
        ("고친 제목", VerificationStatus.PENDING),
    )
