"""Two staff deciding or publishing at the same moment take turns: one set of decisions,
one cohort, one set of result e-mails."""

from __future__ import annotations

from collections import Counter
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.accounts.enums import Role
from ieum.programs import job_names
from ieum.programs.decisions import decide_stage, publish_results
from ieum.programs.enums import ApplicationStatus, DecisionOutcome, StageStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Application, Cohort, CohortMember, Decision
from tests.factories import CompanyFactory, MembershipFactory
from tests.race import race
from tests.worker import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def world(program_world):
    world = program_world
    world.call.opens_at = timezone.now() - timedelta(days=20)
    world.call.closes_at = timezone.now() - timedelta(days=1)
    world.call.save()
    world.second_staff = MembershipFactory(
        organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    ).user
    third_company = CompanyFactory()
    world.third_member = MembershipFactory(organization=third_company).user
    world.apps = [
        world.application(company=world.company),
        world.application(company=world.other_company),
        world.application(company=third_company),
    ]
    for application, value in zip(world.apps, (5, 4, 3), strict=True):
        for reviewer in world.reviewers[:3]:
            world.score(world.assign(application, reviewer), [value] * 4)
    return world


def along(world, *, reason=""):
    first, second, third = world.apps
    return [
        (first, DecisionOutcome.SELECTED, reason),
        (second, DecisionOutcome.SELECTED, reason),
        (third, DecisionOutcome.NOT_SELECTED, reason),
    ]


def test_two_staff_deciding_a_stage_at_once_record_one_set_of_decisions(world):
    outcomes = race(
        lambda: decide_stage(actor=world.staff, stage=world.stage, decisions=along(world)),
        lambda: decide_stage(
            actor=world.second_staff, stage=world.stage, decisions=along(world, reason="합의")
        ),
        refusals={IllegalStep: "illegal"},
    )
    assert sorted(outcomes) == ["done", "illegal"]
    world.stage.refresh_from_db()
    assert world.stage.status == StageStatus.DECIDED
    decisions = Decision.objects.filter(stage=world.stage)
    assert decisions.count() == 3
    # All three come from whoever went first.
    assert len({(d.decided_by_id, d.reason) for d in decisions}) == 1


def test_two_staff_publishing_at_once_form_one_cohort_and_send_one_set_of_e_mails(world):
    decide_stage(actor=world.staff, stage=world.stage, decisions=along(world))
    outcomes = race(
        lambda: publish_results(actor=world.staff, call=world.call),
        lambda: publish_results(actor=world.second_staff, call=world.call),
        refusals={IllegalStep: "illegal"},
    )
    assert sorted(outcomes) == ["done", "illegal"]
    assert Cohort.objects.count() == 1
    assert CohortMember.objects.count() == 2
    statuses = Counter(Application.objects.values_list("status", flat=True))
    assert statuses == {ApplicationStatus.SELECTED: 2, ApplicationStatus.NOT_SELECTED: 1}
    assert ProcrastinateJob.objects.filter(task_name=job_names.RESULTS_EMAIL).count() == 1

    run_worker()
    recipients = Counter(message.to[0] for message in mail.outbox)
    assert recipients == {
        world.company_member.email: 1,
        world.other_company_member.email: 1,
        world.third_member.email: 1,
    }
