"""The same reviewer saving from two tabs at once leaves one consistent set of scores."""

import time
from decimal import Decimal

import pytest
from django.db import transaction

from ieum.programs.enums import StageStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import ReviewStage, Score
from ieum.programs.scoring import save_scores, submit_review
from tests.factories import CompanyFactory
from tests.race import race

pytestmark = pytest.mark.django_db(transaction=True)
ROUNDS = 3


def scores_of(assignment) -> tuple[Decimal, ...]:
    return tuple(
        Score.objects.filter(assignment=assignment)
        .order_by("criterion__position")
        .values_list("value", flat=True)
    )


def test_two_tabs_saving_at_once_leave_one_score_per_criterion_from_one_tab(program_world):
    world = program_world
    reviewer = world.reviewers[0]
    first_tab = tuple(Decimal(v) for v in ("5", "4", "3", "2"))
    second_tab = tuple(Decimal(v) for v in ("1", "2.5", "4", "4.5"))
    for _ in range(ROUNDS):
        assignment = world.assign(world.application(company=CompanyFactory()), reviewer)

        def save(values, comment, assignment=assignment):
            by_criterion = {c.pk: v for c, v in zip(world.criteria, values, strict=True)}
            save_scores(actor=reviewer, assignment=assignment, values=by_criterion, comment=comment)

        outcomes = race(lambda: save(first_tab, "첫 탭"), lambda: save(second_tab, "둘째 탭"))
        assert outcomes == ["done", "done"]
        assert Score.objects.filter(assignment=assignment).count() == 4
        assignment.refresh_from_db()
        # The later save wins whole: its scores and its comment, never a mix of the two.
        final = scores_of(assignment)
        assert (final, assignment.comment) in [(first_tab, "첫 탭"), (second_tab, "둘째 탭")]


def test_saving_while_the_stage_is_decided_either_lands_before_or_is_refused(program_world):
    world = program_world
    reviewer = world.reviewers[0]
    assignment = world.score(
        world.assign(world.application(), reviewer), [3, 3, 3, 3], submit=False
    )
    submit_review(actor=reviewer, assignment=assignment)

    def correct():
        save_scores(
            actor=reviewer,
            assignment=assignment,
            values={world.criteria[0].pk: Decimal(5)},
            comment="",
        )

    def decide():
        # As a decision does: read the scores and mark the stage decided, in one
        # transaction that first locks the stage.
        with transaction.atomic():
            stage = ReviewStage.objects.select_for_update().get(pk=world.stage.pk)
            seen.append(scores_of(assignment)[0])
            time.sleep(0.2)
            stage.status = StageStatus.DECIDED
            stage.save(update_fields=["status"])

    for _ in range(ROUNDS):
        seen: list[Decimal] = []
        corrected, _decided = race(correct, decide, refusals={IllegalStep: "refused"})
        # The decision saw the scores as they stay: a correction landed before it or not at all.
        assert scores_of(assignment)[0] == seen[0]
        assert (corrected, seen[0]) in [("done", Decimal(5)), ("refused", Decimal(3))]
        ReviewStage.objects.filter(pk=world.stage.pk).update(status=StageStatus.REVIEWING)
        Score.objects.filter(assignment=assignment).update(value=Decimal(3))
