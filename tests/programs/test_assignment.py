"""Automatic assignment in the database, and staff adding and removing reviewers."""

from collections import Counter

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ieum.accounts.enums import Role
from ieum.programs import assignment as assignment_module
from ieum.programs.assignment import (
    add_assignment,
    assign_reviewers,
    remove_assignment,
    stage_applications,
)
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentMethod,
    AssignmentStatus,
    ConflictKind,
    StageStatus,
)
from ieum.programs.errors import ConflictOfInterestError, IllegalStep
from ieum.programs.models import CallReviewer, ConflictOfInterest, ReviewAssignment
from tests.factories import CompanyFactory, MembershipFactory
from tests.programs.conflict_factories import meeting, organization_of
from tests.programs.factories import StageFactory, cardiovascular, make_reviewer
from tests.race import race


@pytest.fixture
def told(monkeypatch) -> list[tuple[int, list[int]]]:
    """The reviewers_assigned notices queued, as (stage id, reviewer ids)."""
    calls = []

    def record(*, stage, reviewer_ids):
        calls.append((stage.pk, sorted(reviewer_ids)))

    monkeypatch.setattr(assignment_module.notifications, "reviewers_assigned", record)
    return calls


def applications(world, count: int, **kwargs) -> list:
    return [world.application(company=CompanyFactory(), **kwargs) for _ in range(count)]


def pairs(stage) -> set[tuple[int, int]]:
    return set(
        ReviewAssignment.objects.filter(stage=stage)
        .exclude(status=AssignmentStatus.RECUSED)
        .values_list("application_id", "reviewer_id")
    )


def test_every_application_gets_k_reviewers_with_even_loads(program_world, told):
    world = program_world
    apps = applications(world, 6)
    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    rows = list(ReviewAssignment.objects.filter(stage=world.stage))
    assert Counter(r.application_id for r in rows) == {a.pk: 3 for a in apps}
    loads = Counter(r.reviewer_id for r in rows)
    assert sorted(loads.values()) == [4, 4, 5, 5]
    assert {r.method for r in rows} == {AssignmentMethod.AUTOMATIC}
    assert {r.assigned_by for r in rows} == {world.staff}
    # Every application is cardiovascular, and reviewers 0 and 1 know it.
    experts = {world.reviewers[0].pk, world.reviewers[1].pk}
    assert all(r.expertise_match == (r.reviewer_id in experts) for r in rows)
    assert summary.created == summary.total == 18
    assert (summary.max_load, summary.min_load) == (5, 4)
    assert summary.expertise_share == sum(loads[r] for r in experts) / 18
    assert summary.unfilled == []
    world.stage.refresh_from_db()
    assert world.stage.status == StageStatus.REVIEWING
    assert told == [(world.stage.pk, sorted(r.pk for r in world.reviewers))]


def test_experts_are_preferred_when_loads_allow(program_world, told):
    world = program_world
    apps = applications(world, 2)
    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    # 6 reviews over 4 reviewers: loads 2, 2, 1, 1, and the experts take the twos.
    loads = Counter(r for _a, r in pairs(world.stage))
    assert loads[world.reviewers[0].pk] == loads[world.reviewers[1].pk] == 2
    assert summary.expertise_share == pytest.approx(4 / 6)
    assert len(apps) == 2


def test_existing_assignments_are_kept_and_counted(program_world, told):
    world = program_world
    first, second = applications(world, 2)
    manual = world.assign(first, world.reviewers[3])
    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    assert summary.created == 5 and summary.total == 6
    manual.refresh_from_db()
    assert manual.method == AssignmentMethod.MANUAL
    assert Counter(a for a, _r in pairs(world.stage)) == {first.pk: 3, second.pk: 3}
    # A second run has nothing to do and tells nobody.
    again = assign_reviewers(actor=world.staff, stage=world.stage)
    assert (again.created, again.total) == (0, 6)
    assert len(told) == 1


def test_the_same_stage_gives_the_same_pairs_again(program_world, told):
    world = program_world
    applications(world, 5)
    assign_reviewers(actor=world.staff, stage=world.stage)
    first = pairs(world.stage)
    ReviewAssignment.objects.filter(stage=world.stage).delete()
    assign_reviewers(actor=world.staff, stage=world.stage)
    assert pairs(world.stage) == first


def test_conflicts_are_recorded_first_and_never_paired(program_world, told):
    world = program_world
    application = world.application()
    MembershipFactory(user=world.reviewers[0], organization=world.company)
    meeting(world.company, organization_of(world.reviewers[1]))
    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    assert set(application.conflicts.values_list("reviewer_id", "kind")) == {
        (world.reviewers[0].pk, ConflictKind.SAME_ORGANIZATION),
        (world.reviewers[1].pk, ConflictKind.MEETING),
    }
    assert {r for _a, r in pairs(world.stage)} == {world.reviewers[2].pk, world.reviewers[3].pk}
    assert summary.unfilled == [application.pk]
    assert summary.created == 2


def test_a_declared_conflict_and_a_recusal_are_respected(program_world, told):
    world = program_world
    application = world.application()
    recused = world.assign(application, world.reviewers[0])
    recused.status = AssignmentStatus.RECUSED
    recused.save(update_fields=["status"])
    ConflictOfInterest.objects.create(
        application=application,
        reviewer=world.reviewers[1],
        kind=ConflictKind.DECLARED,
        reason="공동 연구",
    )
    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    assert pairs(world.stage) == {
        (application.pk, world.reviewers[2].pk),
        (application.pk, world.reviewers[3].pk),
    }
    assert summary.unfilled == [application.pk]


def test_a_stale_assignment_of_a_conflicted_reviewer_does_not_count(program_world, told):
    world = program_world
    application = world.application()
    world.assign(application, world.reviewers[0])
    ConflictOfInterest.objects.create(
        application=application, reviewer=world.reviewers[0], kind=ConflictKind.DECLARED
    )
    summary = assign_reviewers(actor=world.staff, stage=world.stage)
    assert summary.created == 3 and summary.total == 3
    assert summary.unfilled == []


def test_a_reviewers_cap_is_respected(program_world, told):
    world = program_world
    CallReviewer.objects.filter(reviewer=world.reviewers[3]).update(max_reviews=1)
    applications(world, 4)
    assign_reviewers(actor=world.staff, stage=world.stage)
    loads = Counter(r for _a, r in pairs(world.stage))
    assert loads[world.reviewers[3].pk] == 1
    # The other three share the remaining 11: 4, 4, 3 (ordered by reviewer).
    assert sorted(loads[r.pk] for r in world.reviewers[:3]) == [3, 4, 4]


def test_only_live_applications_of_the_stage_are_assigned(program_world, told):
    world = program_world
    live = world.application()
    world.application(company=CompanyFactory(), status=ApplicationStatus.DRAFT)
    world.application(
        company=CompanyFactory(), status=ApplicationStatus.WITHDRAWN, current_stage=world.stage
    )
    later = StageFactory(call=world.call, position=2)
    world.application(company=CompanyFactory(), current_stage=later)
    assert list(stage_applications(world.stage)) == [live]
    assign_reviewers(actor=world.staff, stage=world.stage)
    assert {a for a, _r in pairs(world.stage)} == {live.pk}


def test_a_decided_stage_is_refused_and_nothing_changes(program_world, told):
    world = program_world
    applications(world, 2)
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    with pytest.raises(IllegalStep):
        assign_reviewers(actor=world.staff, stage=world.stage)
    assert not ReviewAssignment.objects.exists()
    assert told == []


@pytest.mark.parametrize("who", ["other_staff", "reviewer", "company", "stranger"])
def test_only_the_calls_managers_assign(program_world, told, who):
    world = program_world
    applications(world, 2)
    with pytest.raises(PermissionDenied):
        assign_reviewers(actor=world.roles[who], stage=world.stage)
    assert not ReviewAssignment.objects.exists()
    assert not ConflictOfInterest.objects.exists()


def test_assignments_are_audit_logged_with_their_author(program_world, told):
    world = program_world
    applications(world, 2)
    assign_reviewers(actor=world.admin, stage=world.stage)
    entries = LogEntry.objects.get_for_model(ReviewAssignment)
    assert entries.count() == 6
    assert {e.actor for e in entries} == {world.admin}
    entry = entries.first()
    assignment = ReviewAssignment.objects.get(pk=entry.object_id)
    assert entry.object_repr == str(assignment)
    assert entry.changes_dict["method"] == ["None", AssignmentMethod.AUTOMATIC]


def run_counted(world, count: int) -> int:
    stage = StageFactory(call=world.call, position=10 + count)
    for _ in range(count):
        world.application(company=CompanyFactory(), current_stage=stage)
    with CaptureQueriesContext(connection) as queries:
        summary = assign_reviewers(actor=world.staff, stage=stage)
    assert summary.created == 3 * count
    return len(queries)


def test_the_number_of_queries_does_not_grow_with_the_stage(program_world, told):
    world = program_world
    for index in range(4):
        CallReviewer.objects.create(
            call=world.call, reviewer=make_reviewer(expertise=[cardiovascular()], name=f"R{index}")
        )
    run_counted(world, 1)  # the first run fills the content-type and access caches
    assert run_counted(world, 2) == run_counted(world, 10)


# Staff editing by hand


def test_staff_add_a_reviewer_by_hand(program_world, told):
    world = program_world
    application = world.application()
    assignment = add_assignment(
        actor=world.staff, stage=world.stage, application=application, reviewer=world.reviewers[0]
    )
    assert (assignment.method, assignment.assigned_by, assignment.expertise_match) == (
        AssignmentMethod.MANUAL,
        world.staff,
        True,
    )
    world.stage.refresh_from_db()
    assert world.stage.status == StageStatus.REVIEWING
    assert told == [(world.stage.pk, [world.reviewers[0].pk])]
    other = add_assignment(
        actor=world.staff, stage=world.stage, application=application, reviewer=world.reviewers[2]
    )
    assert other.expertise_match is False
    # Adding the same reviewer again gives the same assignment.
    same = add_assignment(
        actor=world.staff, stage=world.stage, application=application, reviewer=world.reviewers[0]
    )
    assert same == assignment
    assert LogEntry.objects.get_for_object(assignment).get().actor == world.staff


def test_adding_a_reviewer_with_a_conflict_is_refused_and_the_conflict_is_kept(program_world):
    world = program_world
    application = world.application()
    reviewer = world.reviewers[1]
    meeting(world.company, organization_of(reviewer))
    with pytest.raises(ConflictOfInterestError):
        add_assignment(
            actor=world.staff, stage=world.stage, application=application, reviewer=reviewer
        )
    assert not ReviewAssignment.objects.exists()
    assert application.conflicts.get().kind == ConflictKind.MEETING


def test_adding_a_recused_reviewer_back_is_refused(program_world):
    world = program_world
    application = world.application()
    recused = world.assign(application, world.reviewers[0])
    recused.status = AssignmentStatus.RECUSED
    recused.save(update_fields=["status"])
    with pytest.raises(ConflictOfInterestError):
        add_assignment(
            actor=world.staff,
            stage=world.stage,
            application=application,
            reviewer=world.reviewers[0],
        )


def test_adding_outside_the_pool_or_the_stage_or_over_the_cap_is_refused(program_world, english):
    world = program_world
    application = world.application()
    with pytest.raises(ValidationError) as outside:
        add_assignment(
            actor=world.staff, stage=world.stage, application=application, reviewer=make_reviewer()
        )
    assert outside.value.message_dict == {
        "reviewer": ["Add the reviewer to the call's pool first."]
    }
    draft = world.application(company=CompanyFactory(), status=ApplicationStatus.DRAFT)
    with pytest.raises(ValidationError) as not_here:
        add_assignment(
            actor=world.staff, stage=world.stage, application=draft, reviewer=world.reviewers[0]
        )
    assert "application" in not_here.value.message_dict
    CallReviewer.objects.filter(reviewer=world.reviewers[2]).update(max_reviews=1)
    world.assign(world.application(company=CompanyFactory()), world.reviewers[2])
    with pytest.raises(ValidationError) as full:
        add_assignment(
            actor=world.staff,
            stage=world.stage,
            application=application,
            reviewer=world.reviewers[2],
        )
    assert full.value.message_dict == {
        "reviewer": ["This reviewer already has the 1 reviews they agreed to in this stage."]
    }
    assert ReviewAssignment.objects.count() == 1


def test_adding_is_refused_in_a_decided_stage_and_to_other_clusters_staff(program_world):
    world = program_world
    application = world.application()
    with pytest.raises(PermissionDenied):
        add_assignment(
            actor=world.other_staff,
            stage=world.stage,
            application=application,
            reviewer=world.reviewers[0],
        )
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    with pytest.raises(IllegalStep):
        add_assignment(
            actor=world.staff,
            stage=world.stage,
            application=application,
            reviewer=world.reviewers[0],
        )
    assert not ReviewAssignment.objects.exists()


def test_staff_remove_an_assignment_not_yet_submitted(program_world):
    world = program_world
    application = world.application()
    assignment = world.score(
        world.assign(application, world.reviewers[0]), [5, 4, 3, 4], submit=False
    )
    remove_assignment(actor=world.staff, assignment=assignment)
    assert not ReviewAssignment.objects.exists()
    deleted = LogEntry.objects.get_for_model(ReviewAssignment).get(action=LogEntry.Action.DELETE)
    assert deleted.actor == world.staff


def test_a_submitted_review_cannot_be_removed(program_world):
    world = program_world
    assignment = world.score(world.assign(world.application(), world.reviewers[0]), [5, 4, 3, 4])
    with pytest.raises(IllegalStep):
        remove_assignment(actor=world.staff, assignment=assignment)
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()


def test_removal_is_refused_in_a_decided_stage_and_to_others(program_world):
    world = program_world
    assignment = world.assign(world.application(), world.reviewers[0])
    for actor in (world.other_staff, world.reviewers[0], world.company_member):
        with pytest.raises(PermissionDenied):
            remove_assignment(actor=actor, assignment=assignment)
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    with pytest.raises(IllegalStep):
        remove_assignment(actor=world.staff, assignment=assignment)
    assert ReviewAssignment.objects.filter(pk=assignment.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_two_staff_assigning_at_once_take_turns_and_fill_each_application_once(program_world):
    world = program_world
    second_staff = MembershipFactory(
        organization=world.cluster.operator, role=Role.CLUSTER_STAFF
    ).user
    apps = applications(world, 5)
    summaries = []

    def run(actor):
        summaries.append(assign_reviewers(actor=actor, stage=world.stage))

    assert race(lambda: run(world.staff), lambda: run(second_staff)) == ["done", "done"]
    # The first to take the stage's lock fills it; the second finds nothing left to do.
    assert sorted(s.created for s in summaries) == [0, 15]
    assert {s.total for s in summaries} == {15}
    assert Counter(a for a, _r in pairs(world.stage)) == {a.pk: 3 for a in apps}
    assert ReviewAssignment.objects.count() == 15
