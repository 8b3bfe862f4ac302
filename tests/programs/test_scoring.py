"""A reviewer's scores: checked, stored, submitted, corrected, and refused when they must be."""

from decimal import Decimal

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from ieum.programs.enums import ApplicationStatus, AssignmentStatus, ConflictKind, StageStatus
from ieum.programs.errors import ConflictOfInterestError, IllegalStep, Incomplete
from ieum.programs.models import ConflictOfInterest, Score
from ieum.programs.scoring import save_scores, score_field, submit_review
from tests.factories import MembershipFactory
from tests.programs.conflict_factories import organization_of, support_case
from tests.programs.factories import CriterionFactory, StageFactory


@pytest.fixture
def review(program_world):
    """Reviewer 0's assignment on the company's application."""
    return program_world.assign(program_world.application(), program_world.reviewers[0])


def values(world, *scores) -> dict[int, Decimal]:
    return {c.pk: Decimal(str(s)) for c, s in zip(world.criteria, scores, strict=False)}


def stored(assignment) -> list[Decimal]:
    return list(Score.objects.filter(assignment=assignment).values_list("value", flat=True))


def test_a_reviewer_saves_a_draft_and_completes_it_later(program_world, review):
    world = program_world
    reviewer = world.reviewers[0]
    saved = save_scores(
        actor=reviewer, assignment=review, values=values(world, 4, 3.5), comment=" 좋은 계획 "
    )
    assert saved.comment == "좋은 계획"
    assert saved.status == AssignmentStatus.ASSIGNED
    assert stored(review) == [Decimal("4.00"), Decimal("3.50")]
    # Criteria left out keep their score; the others are added or changed.
    save_scores(
        actor=reviewer,
        assignment=review,
        values={world.criteria[1].pk: 5, world.criteria[2].pk: "2", world.criteria[3].pk: 1.5},
        comment="좋은 계획",
    )
    assert stored(review) == [Decimal(4), Decimal(5), Decimal(2), Decimal("1.5")]


def test_submitting_needs_every_criterion(program_world, review, english):
    world = program_world
    reviewer = world.reviewers[0]
    save_scores(actor=reviewer, assignment=review, values=values(world, 4, 4), comment="")
    with pytest.raises(Incomplete) as missing:
        submit_review(actor=reviewer, assignment=review)
    assert missing.value.messages == [
        "Score Cooperation before submitting.",
        "Score Concreteness of the plan before submitting.",
    ]
    review.refresh_from_db()
    assert review.status == AssignmentStatus.ASSIGNED and review.submitted_at is None
    save_scores(actor=reviewer, assignment=review, values=values(world, 4, 4, 3, 5), comment="")
    submitted = submit_review(actor=reviewer, assignment=review)
    assert submitted.status == AssignmentStatus.SUBMITTED
    assert submitted.submitted_at is not None
    assert reviewer.has_perm("programs.see_other_scores", submitted)
    # Submitting again changes nothing.
    again = submit_review(actor=reviewer, assignment=review)
    assert again.submitted_at == submitted.submitted_at


def test_a_submitted_review_can_be_corrected_until_the_stage_is_decided(program_world, review):
    world = program_world
    reviewer = world.reviewers[0]
    world.score(review, [5, 4, 3, 4])
    save_scores(actor=reviewer, assignment=review, values=values(world, 4.5), comment="수정")
    review.refresh_from_db()
    assert review.status == AssignmentStatus.SUBMITTED
    assert stored(review)[0] == Decimal("4.5")
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    with pytest.raises(IllegalStep):
        save_scores(actor=reviewer, assignment=review, values=values(world, 1), comment="")
    assert stored(review)[0] == Decimal("4.5")


def test_every_score_change_is_audit_logged_with_its_author(program_world, review):
    world = program_world
    reviewer = world.reviewers[0]
    save_scores(actor=reviewer, assignment=review, values=values(world, 3), comment="")
    save_scores(actor=reviewer, assignment=review, values=values(world, 4), comment="")
    # Saving the same value again writes nothing.
    save_scores(actor=reviewer, assignment=review, values=values(world, 4), comment="")
    score = Score.objects.get(assignment=review)
    entries = LogEntry.objects.get_for_object(score).order_by("timestamp", "pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert {e.actor for e in entries} == {reviewer}
    assert entries.last().changes_dict["value"] == ["3.00", "4.00"]


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (0, "Infrastructure: give a score from 1 to 5."),
        (5.5, "Infrastructure: give a score from 1 to 5."),
        (3.25, "Infrastructure: scores go in steps of 0.5."),
        ("셋", "Infrastructure: enter a number."),
        ("NaN", "Infrastructure: give a score from 1 to 5."),
        ("Infinity", "Infrastructure: give a score from 1 to 5."),
    ],
)
def test_a_bad_value_is_refused_and_nothing_is_written(
    program_world, review, english, given, message
):
    world = program_world
    save_scores(actor=world.reviewers[0], assignment=review, values=values(world, 4), comment="")
    bad = {world.criteria[0].pk: given, world.criteria[1].pk: Decimal(5)}
    with pytest.raises(ValidationError) as refused:
        save_scores(actor=world.reviewers[0], assignment=review, values=bad, comment="바뀐 의견")
    assert refused.value.message_dict == {score_field(world.criteria[0].pk): [message]}
    assert stored(review) == [Decimal(4)]
    review.refresh_from_db()
    assert review.comment == ""


def test_a_criterion_of_another_stage_or_none_at_all_is_refused(program_world, review, english):
    world = program_world
    foreign = CriterionFactory(stage=StageFactory(call=world.call, position=2))
    for key in (foreign.pk, "abc", 987654):
        with pytest.raises(ValidationError) as refused:
            save_scores(actor=world.reviewers[0], assignment=review, values={key: 3}, comment="")
        assert refused.value.message_dict == {
            "scores": [f"There is no criterion {key} in this stage."]
        }
    assert not Score.objects.exists()


def test_a_scale_of_its_own_is_respected(program_world):
    world = program_world
    stage = StageFactory(call=world.call, position=2)
    criterion = CriterionFactory(stage=stage, scale_min=0, scale_max=10)
    application = world.application(current_stage=stage)
    assignment = world.assign(application, world.reviewers[1], stage=stage)
    save_scores(
        actor=world.reviewers[1], assignment=assignment, values={criterion.pk: 9.5}, comment=""
    )
    assert stored(assignment) == [Decimal("9.5")]
    with pytest.raises(ValidationError):
        save_scores(
            actor=world.reviewers[1], assignment=assignment, values={criterion.pk: 11}, comment=""
        )


@pytest.mark.parametrize("who", ["other_reviewer", "staff", "company", "stranger"])
def test_only_the_assigned_reviewer_scores(program_world, review, who):
    world = program_world
    actor = world.reviewers[1] if who == "other_reviewer" else world.roles[who]
    with pytest.raises(PermissionDenied):
        save_scores(actor=actor, assignment=review, values=values(program_world, 3), comment="")
    with pytest.raises(PermissionDenied):
        submit_review(actor=actor, assignment=review)
    assert not Score.objects.exists()


def test_a_conflict_refuses_scoring_even_with_an_assignment(program_world, review):
    world = program_world
    ConflictOfInterest.objects.create(
        application=review.application,
        reviewer=world.reviewers[0],
        kind=ConflictKind.DECLARED,
        reason="공동 연구",
    )
    with pytest.raises(ConflictOfInterestError):
        save_scores(
            actor=world.reviewers[0], assignment=review, values=values(world, 3), comment=""
        )
    with pytest.raises(ConflictOfInterestError):
        submit_review(actor=world.reviewers[0], assignment=review)
    assert not Score.objects.exists()


def test_a_relation_that_appeared_since_assignment_is_found_when_scoring(program_world, review):
    world = program_world
    reviewer = world.reviewers[0]
    save_scores(actor=reviewer, assignment=review, values=values(world, 3), comment="")
    support_case(world.company, organization_of(reviewer))
    with pytest.raises(ConflictOfInterestError):
        save_scores(actor=reviewer, assignment=review, values=values(world, 5), comment="")
    assert stored(review) == [Decimal(3)]
    # The conflict is on record, so the application is out of the reviewer's sight too.
    assert review.application.conflicts.get().kind == ConflictKind.SUPPORT_CASE
    assert not reviewer.has_perm("programs.view_application", review.application)


def test_a_member_of_the_company_cannot_score_it(program_world, review):
    world = program_world
    MembershipFactory(user=world.reviewers[0], organization=world.company)
    with pytest.raises(ConflictOfInterestError):
        save_scores(
            actor=world.reviewers[0], assignment=review, values=values(world, 5), comment=""
        )


def test_a_recused_assignment_is_refused(program_world, review):
    review.status = AssignmentStatus.RECUSED
    review.recused_at = timezone.now()
    review.save(update_fields=["status", "recused_at"])
    with pytest.raises(IllegalStep):
        save_scores(
            actor=program_world.reviewers[0],
            assignment=review,
            values=values(program_world, 3),
            comment="",
        )
    assert not Score.objects.exists()


def test_a_withdrawn_application_is_no_longer_scored(program_world, review):
    review.application.status = ApplicationStatus.WITHDRAWN
    review.application.save(update_fields=["status"])
    with pytest.raises(IllegalStep):
        save_scores(
            actor=program_world.reviewers[0],
            assignment=review,
            values=values(program_world, 3),
            comment="",
        )
    assert not Score.objects.exists()


def test_a_decided_stage_refuses_submitting(program_world, review):
    world = program_world
    world.score(review, [5, 4, 3, 4], submit=False)
    world.stage.status = StageStatus.DECIDED
    world.stage.save(update_fields=["status"])
    with pytest.raises(IllegalStep):
        submit_review(actor=world.reviewers[0], assignment=review)
    review.refresh_from_db()
    assert review.status == AssignmentStatus.ASSIGNED
