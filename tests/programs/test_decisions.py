"""Stage decisions follow the ranking or say why not; results are published once, with the
cohort of the selected companies; every refusal leaves everything as it was."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from procrastinate.contrib.django.models import ProcrastinateJob

from ieum.core.business_days import SEOUL
from ieum.programs import job_names
from ieum.programs.decisions import decide_stage, publish_results
from ieum.programs.enums import ApplicationStatus, DecisionOutcome, StageKind, StageStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Application, Cohort, CohortMember, Decision
from tests.factories import CompanyFactory
from tests.programs.factories import CriterionFactory, StageFactory

Outcome = DecisionOutcome
D = Decimal
pytestmark = pytest.mark.django_db


@pytest.fixture
def world(program_world):
    """The support call, closed yesterday, with three scored applications at its one stage:
    first (total 100), second (75) and third (50), each by three reviewers."""
    world = program_world
    world.call.opens_at = timezone.now() - timedelta(days=20)
    world.call.closes_at = timezone.now() - timedelta(days=1)
    world.call.save()
    world.first = world.application(company=world.company)
    world.second = world.application(company=world.other_company)
    world.third = world.application(company=CompanyFactory(name_ko="바이오넥스"))
    for application, value in ((world.first, 5), (world.second, 4), (world.third, 3)):
        score(world, application, value)
    return world


def score(world, application, value, *, stage=None):
    stage = stage or world.stage
    for reviewer in world.reviewers[:3]:
        world.score(world.assign(application, reviewer, stage=stage), [value] * 4)


def add_presentation_stage(world):
    stage = StageFactory(
        call=world.call, position=2, kind=StageKind.PRESENTATION, name_ko="발표평가"
    )
    for i, weight in enumerate((50, 50)):
        CriterionFactory(stage=stage, position=i, weight=weight)
    return stage


def snapshot(world) -> tuple:
    applications = Application.objects.filter(call=world.call).order_by("pk")
    world.stage.refresh_from_db()
    return (
        list(applications.values_list("pk", "status", "current_stage_id")),
        list(Decision.objects.order_by("pk").values_list("application_id", "outcome")),
        world.stage.status,
        Cohort.objects.count(),
    )


def results_jobs() -> int:
    return ProcrastinateJob.objects.filter(task_name=job_names.RESULTS_EMAIL).count()


# --- Deciding a stage -------------------------------------------------------------------


def test_the_last_stage_is_decided_along_the_ranking_without_reasons(world):
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.SELECTED, ""),
            (world.second, Outcome.SELECTED, ""),
            (world.third, Outcome.RESERVE, ""),
        ],
    )
    world.stage.refresh_from_db()
    assert world.stage.status == StageStatus.DECIDED
    decisions = Decision.objects.filter(stage=world.stage).order_by("rank")
    assert list(decisions.values_list("application_id", "outcome", "rank", "score")) == [
        (world.first.pk, Outcome.SELECTED, 1, D("100.000")),
        (world.second.pk, Outcome.SELECTED, 2, D("75.000")),
        (world.third.pk, Outcome.RESERVE, 3, D("50.000")),
    ]
    assert {d.decided_by_id for d in decisions} == {world.staff.pk}
    # Nothing is announced yet: statuses unchanged, no cohort, no e-mail.
    assert set(Application.objects.values_list("status", flat=True)) == {
        ApplicationStatus.SUBMITTED
    }
    assert not Cohort.objects.exists()
    assert results_jobs() == 0
    # The audit log names the staff member for each decision.
    entries = LogEntry.objects.get_for_model(Decision)
    assert entries.count() == 3
    assert {entry.actor_id for entry in entries} == {world.staff.pk}


def test_departing_from_the_ranking_needs_a_reason_for_each_departure(world, english):
    before = snapshot(world)
    # The quota is 2: selecting the third and passing over the second departs twice.
    departing = [
        (world.first, Outcome.SELECTED, ""),
        (world.second, Outcome.NOT_SELECTED, "  "),
        (world.third, Outcome.SELECTED, ""),
    ]
    with pytest.raises(ValidationError) as refused:
        decide_stage(actor=world.staff, stage=world.stage, decisions=departing)
    errors = refused.value.message_dict
    assert set(errors) == {f"reason_{world.second.pk}", f"reason_{world.third.pk}"}
    assert "rank 3" in errors[f"reason_{world.third.pk}"][0]
    assert snapshot(world) == before

    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.SELECTED, ""),
            (world.second, Outcome.NOT_SELECTED, "발표 자료의 사업화 계획이 미흡함"),
            (world.third, Outcome.SELECTED, "지역 거점 연계가 우수함"),
        ],
    )
    assert Decision.objects.get(application=world.third).reason == "지역 거점 연계가 우수함"


def test_a_reserve_inside_the_top_needs_a_reason_and_advance_count_sets_the_top(world):
    world.stage.advance_count = 1
    world.stage.save()
    # With one place, selecting the first only follows the ranking; the second on the
    # reserve list is outside the top and needs no reason.
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.SELECTED, ""),
            (world.second, Outcome.RESERVE, ""),
            (world.third, Outcome.NOT_SELECTED, ""),
        ],
    )
    assert Decision.objects.count() == 3


def test_a_top_application_put_on_the_reserve_list_needs_a_reason(world):
    with pytest.raises(ValidationError) as refused:
        decide_stage(
            actor=world.staff,
            stage=world.stage,
            decisions=[
                (world.first, Outcome.RESERVE, ""),
                (world.second, Outcome.SELECTED, ""),
                (world.third, Outcome.NOT_SELECTED, ""),
            ],
        )
    assert set(refused.value.message_dict) == {f"reason_{world.first.pk}"}


def test_an_unscored_application_is_never_inside_the_top(world):
    unscored = world.application(company=CompanyFactory())
    world.call.quota = 4
    world.call.save()
    # Rank 4 of a quota of 4, but without a score: not advancing it follows the ranking.
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.SELECTED, ""),
            (world.second, Outcome.SELECTED, ""),
            (world.third, Outcome.SELECTED, ""),
            (unscored, Outcome.NOT_SELECTED, ""),
        ],
    )
    decision = Decision.objects.get(application=unscored)
    assert (decision.rank, decision.score) == (4, None)


def test_a_stage_before_the_last_advances_some_and_keeps_the_others(world):
    presentation = add_presentation_stage(world)
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.ADVANCE, ""),
            (world.second, Outcome.ADVANCE, ""),
            (world.third, Outcome.NOT_SELECTED, ""),
        ],
    )
    stages = dict(Application.objects.values_list("pk", "current_stage_id"))
    assert stages == {
        world.first.pk: presentation.pk,
        world.second.pk: presentation.pk,
        world.third.pk: world.stage.pk,
    }
    assert Decision.objects.get(application=world.third).outcome == Outcome.NOT_SELECTED
    assert set(Application.objects.values_list("status", flat=True)) == {
        ApplicationStatus.SUBMITTED
    }


def test_each_stage_offers_only_its_own_outcomes(world):
    add_presentation_stage(world)
    before = snapshot(world)
    with pytest.raises(ValidationError) as refused:
        decide_stage(
            actor=world.staff,
            stage=world.stage,
            decisions=[
                (world.first, Outcome.SELECTED, ""),
                (world.second, Outcome.ADVANCE, ""),
                (world.third, Outcome.RESERVE, ""),
            ],
        )
    assert set(refused.value.message_dict) == {
        f"outcome_{world.first.pk}",
        f"outcome_{world.third.pk}",
    }
    assert snapshot(world) == before


def test_the_last_stage_offers_no_advance(world):
    with pytest.raises(ValidationError) as refused:
        decide_stage(
            actor=world.staff,
            stage=world.stage,
            decisions=[
                (world.first, Outcome.ADVANCE, ""),
                (world.second, Outcome.SELECTED, ""),
                (world.third, Outcome.NOT_SELECTED, ""),
            ],
        )
    assert set(refused.value.message_dict) == {f"outcome_{world.first.pk}"}


def test_every_application_of_the_stage_and_only_those_are_decided(world):
    withdrawn = world.application(company=CompanyFactory(), status=ApplicationStatus.WITHDRAWN)
    before = snapshot(world)
    with pytest.raises(ValidationError) as refused:
        decide_stage(
            actor=world.staff,
            stage=world.stage,
            decisions=[(world.first, Outcome.SELECTED, ""), (world.second, Outcome.SELECTED, "")],
        )
    assert world.third.reference in refused.value.messages[0]
    with pytest.raises(ValidationError) as refused:
        decide_stage(
            actor=world.staff,
            stage=world.stage,
            decisions=[
                (world.first, Outcome.SELECTED, ""),
                (world.second, Outcome.SELECTED, ""),
                (world.third, Outcome.NOT_SELECTED, ""),
                (withdrawn, Outcome.NOT_SELECTED, ""),
            ],
        )
    assert withdrawn.reference in refused.value.messages[0]
    with pytest.raises(ValidationError):
        decide_stage(
            actor=world.staff,
            stage=world.stage,
            decisions=[
                (world.first, Outcome.SELECTED, ""),
                (world.first, Outcome.NOT_SELECTED, "중복"),
                (world.second, Outcome.SELECTED, ""),
                (world.third, Outcome.NOT_SELECTED, ""),
            ],
        )
    assert snapshot(world) == before


def along(world):
    return [
        (world.first, Outcome.SELECTED, ""),
        (world.second, Outcome.SELECTED, ""),
        (world.third, Outcome.NOT_SELECTED, ""),
    ]


def test_a_stage_is_decided_only_once(world):
    decide_stage(actor=world.staff, stage=world.stage, decisions=along(world))
    before = snapshot(world)
    with pytest.raises(IllegalStep):
        decide_stage(actor=world.admin, stage=world.stage, decisions=along(world))
    assert snapshot(world) == before


@pytest.mark.parametrize("who", ["other_staff", "company", "reviewer", "stranger"])
def test_only_the_calls_managers_decide(world, who):
    before = snapshot(world)
    with pytest.raises(PermissionDenied):
        decide_stage(actor=world.roles[who], stage=world.stage, decisions=along(world))
    assert snapshot(world) == before


def test_a_platform_admin_decides_too(world):
    decide_stage(actor=world.admin, stage=world.stage, decisions=along(world))
    assert Decision.objects.filter(decided_by=world.admin).count() == 3


def test_no_stage_is_decided_while_the_call_still_takes_applications(world, english):
    world.call.closes_at = timezone.now() + timedelta(hours=1)
    world.call.save()
    before = snapshot(world)
    with pytest.raises(IllegalStep) as refused:
        decide_stage(actor=world.staff, stage=world.stage, decisions=along(world))
    assert "decide once it has closed" in refused.value.messages[0]
    assert snapshot(world) == before


def test_a_later_stage_waits_for_the_earlier_ones(world):
    presentation = add_presentation_stage(world)
    with pytest.raises(IllegalStep):
        decide_stage(actor=world.staff, stage=presentation, decisions=[])
    presentation.refresh_from_db()
    assert presentation.status == StageStatus.SETUP


# --- Publishing the results -------------------------------------------------------------


def test_results_wait_for_the_last_stage(world):
    presentation = add_presentation_stage(world)
    with pytest.raises(IllegalStep):
        publish_results(actor=world.staff, call=world.call)
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.ADVANCE, ""),
            (world.second, Outcome.ADVANCE, ""),
            (world.third, Outcome.NOT_SELECTED, ""),
        ],
    )
    # The first stage is decided but the last is not.
    with pytest.raises(IllegalStep):
        publish_results(actor=world.staff, call=world.call)
    world.call.refresh_from_db()
    assert world.call.results_published_at is None
    assert not Cohort.objects.exists()
    assert presentation.decisions.count() == 0


def test_publishing_sets_statuses_forms_the_cohort_and_queues_the_e_mails(world):
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.SELECTED, ""),
            (world.second, Outcome.RESERVE, "예비 1순위"),
            (world.third, Outcome.SELECTED, "지역 거점 연계가 우수함"),
        ],
    )
    withdrawn = world.application(company=CompanyFactory(), status=ApplicationStatus.WITHDRAWN)
    draft = world.application(company=CompanyFactory(), status=ApplicationStatus.DRAFT)
    cohort = publish_results(actor=world.staff, call=world.call)

    statuses = dict(Application.objects.values_list("pk", "status"))
    assert statuses == {
        world.first.pk: ApplicationStatus.SELECTED,
        world.second.pk: ApplicationStatus.NOT_SELECTED,
        world.third.pk: ApplicationStatus.SELECTED,
        withdrawn.pk: ApplicationStatus.WITHDRAWN,
        draft.pk: ApplicationStatus.DRAFT,
    }
    assert (cohort.call, cohort.program, cohort.name_ko, cohort.name_en) == (
        world.call,
        world.program,
        world.call.title_ko,
        world.call.title_en,
    )
    assert cohort.year == world.call.closes_at.astimezone(SEOUL).year
    members = CohortMember.objects.filter(cohort=cohort).order_by("application_id")
    assert list(members.values_list("company_id", "application_id")) == [
        (world.first.company_id, world.first.pk),
        (world.third.company_id, world.third.pk),
    ]
    world.call.refresh_from_db()
    assert world.call.results_published_at is not None
    assert results_jobs() == 0  # queued on commit; the test's transaction never commits
    entries = LogEntry.objects.get_for_model(Application).filter(
        object_pk__in=[str(world.first.pk), str(world.second.pk)],
        action=LogEntry.Action.UPDATE,
    )
    assert {entry.actor_id for entry in entries} == {world.staff.pk}


def test_applications_that_stopped_at_an_earlier_stage_are_not_selected(world):
    presentation = add_presentation_stage(world)
    decide_stage(
        actor=world.staff,
        stage=world.stage,
        decisions=[
            (world.first, Outcome.ADVANCE, ""),
            (world.second, Outcome.ADVANCE, ""),
            (world.third, Outcome.NOT_SELECTED, ""),
        ],
    )
    for application, values in ((world.first, 2), (world.second, 5)):
        for reviewer in world.reviewers[:3]:
            assignment = world.assign(application, reviewer, stage=presentation)
            for criterion in presentation.criteria.all():
                assignment.scores.create(criterion=criterion, value=D(values))
            assignment.status = "submitted"
            assignment.submitted_at = timezone.now()
            assignment.save()
    # The presentation ranks the second (100) above the first (25); quota 2 selects both.
    decide_stage(
        actor=world.staff,
        stage=presentation,
        decisions=[(world.first, Outcome.SELECTED, ""), (world.second, Outcome.SELECTED, "")],
    )
    ranks = dict(presentation.decisions.values_list("application_id", "rank"))
    assert ranks == {world.second.pk: 1, world.first.pk: 2}
    cohort = publish_results(actor=world.staff, call=world.call)
    assert set(cohort.members.values_list("application_id", flat=True)) == {
        world.first.pk,
        world.second.pk,
    }
    world.third.refresh_from_db()
    assert world.third.status == ApplicationStatus.NOT_SELECTED


def test_results_are_published_once_and_only_by_managers(world):
    decide_stage(actor=world.staff, stage=world.stage, decisions=along(world))
    with pytest.raises(PermissionDenied):
        publish_results(actor=world.other_staff, call=world.call)
    assert not Cohort.objects.exists()
    publish_results(actor=world.staff, call=world.call)
    before = snapshot(world)
    with pytest.raises(IllegalStep):
        publish_results(actor=world.admin, call=world.call)
    assert snapshot(world) == before
    assert Cohort.objects.count() == 1
