"""Which reviews a stage's ranking counts, what it ranks, and that it does so in a fixed
number of queries and the same way whatever the order of its input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from ieum.programs.aggregation import (
    Candidate,
    CriterionSpec,
    Review,
    Rules,
    aggregate,
    rank_stage,
    weighted_total,
)
from ieum.programs.enums import (
    Aggregation,
    ApplicationStatus,
    AssignmentStatus,
    ConflictKind,
    DecisionOutcome,
)
from ieum.programs.models import ConflictOfInterest, Decision
from tests.factories import CompanyFactory
from tests.programs.factories import StageFactory

D = Decimal
pytestmark = pytest.mark.django_db


def scored(world, application, reviewer, values, *, submit=True):
    return world.score(world.assign(application, reviewer), values, submit=submit)


def test_only_submitted_reviews_count(program_world):
    world = program_world
    application = world.application()
    scored(world, application, world.reviewers[0], [5, 5, 5, 5])
    scored(world, application, world.reviewers[1], [1, 1, 1, 1], submit=False)
    [row] = rank_stage(world.stage)
    assert row.reviewer_totals == {world.reviewers[0].pk: D("100.000")}
    assert (row.review_count, row.complete, row.score) == (1, False, D("100.000"))


def test_recused_and_conflicted_reviews_never_count(program_world):
    world = program_world
    application = world.application()
    scored(world, application, world.reviewers[0], [5, 5, 5, 5])
    recused = scored(world, application, world.reviewers[1], [1, 1, 1, 1])
    recused.status = AssignmentStatus.RECUSED
    recused.recused_at = timezone.now()
    recused.save()
    # A conflict found after the review was submitted removes it from the ranking too.
    scored(world, application, world.reviewers[2], [1, 1, 1, 1])
    ConflictOfInterest.objects.create(
        application=application,
        reviewer=world.reviewers[2],
        kind=ConflictKind.PAST_AFFILIATION,
        detail="2024년까지 재직",
    )
    scored(world, application, world.reviewers[3], [3, 3, 3, 3])
    [row] = rank_stage(world.stage)
    assert row.reviewer_totals == {
        world.reviewers[0].pk: D("100.000"),
        world.reviewers[3].pk: D("50.000"),
    }
    assert row.score == D("75.000")


def test_the_ranking_leaves_out_drafts_withdrawn_and_other_stages(program_world):
    world = program_world
    live = world.application()
    world.application(company=world.other_company, status=ApplicationStatus.DRAFT)
    withdrawn = world.application(company=CompanyFactory(), status=ApplicationStatus.WITHDRAWN)
    later = StageFactory(call=world.call, position=2)
    elsewhere = world.application(company=CompanyFactory(), current_stage=later)
    scored(world, withdrawn, world.reviewers[0], [5, 5, 5, 5])
    rows = rank_stage(world.stage)
    assert [row.application_id for row in rows] == [live.pk]
    assert [row.application_id for row in rank_stage(later)] == [elsewhere.pk]


def test_a_decided_stage_still_ranks_the_applications_that_went_on(program_world):
    world = program_world
    advanced = world.application()
    stayed = world.application(company=world.other_company)
    scored(world, advanced, world.reviewers[0], [5, 5, 5, 5])
    scored(world, stayed, world.reviewers[0], [2, 2, 2, 2])
    later = StageFactory(call=world.call, position=2)
    Decision.objects.create(
        application=advanced, stage=world.stage, outcome=DecisionOutcome.ADVANCE
    )
    advanced.current_stage = later
    advanced.save()
    rows = rank_stage(world.stage)
    assert [(row.application_id, row.score) for row in rows] == [
        (advanced.pk, D("100.000")),
        (stayed.pk, D("25.000")),
    ]


def test_the_stages_settings_can_be_overridden_to_compare_methods(program_world):
    world = program_world
    application = world.application()
    for reviewer, values in zip(
        world.reviewers[:3], ([1, 1, 1, 1], [4, 4, 4, 4], [5, 5, 5, 5]), strict=True
    ):
        scored(world, application, reviewer, values)
    # Totals 0, 75, 100: mean 175 / 3 = 58.333; median 75.
    assert rank_stage(world.stage)[0].score == D("58.333")
    assert rank_stage(world.stage, aggregation=Aggregation.MEDIAN)[0].score == D("75.000")
    [row] = rank_stage(world.stage, aggregation=Aggregation.TRIMMED_MEAN)
    assert (row.score, row.method, row.complete) == (D("75.000"), "trimmed_mean", True)


def test_a_stage_without_criteria_ranks_its_applications_unscored(program_world):
    world = program_world
    stage = StageFactory(call=world.call, position=2)
    application = world.application(current_stage=stage)
    [row] = rank_stage(stage)
    assert (row.application_id, row.score, row.rank) == (application.pk, None, 1)


def _fill(world, count: int) -> None:
    for _ in range(count):
        application = world.application(company=CompanyFactory())
        for reviewer in world.reviewers[:3]:
            scored(world, application, reviewer, [4, 3, 5, 2])


@pytest.mark.parametrize("normalize", [False, True])
def test_the_ranking_runs_the_same_queries_for_2_and_20_applications(program_world, normalize):
    world = program_world
    world.stage.normalize = normalize
    world.stage.save()
    _fill(world, 2)
    with CaptureQueriesContext(connection) as few:
        assert len(rank_stage(world.stage)) == 2
    _fill(world, 18)
    with CaptureQueriesContext(connection) as many:
        rows = rank_stage(world.stage)
    assert len(rows) == 20
    assert len(few) == len(many) == 3
    assert [row.rank for row in rows] == list(range(1, 21))


def test_weighted_total_refuses_missing_scores_and_weightless_criteria():
    criteria = [CriterionSpec(pk=1, weight=1, scale_min=D(1), scale_max=D(5))]
    with pytest.raises(ValueError):
        weighted_total({}, criteria)
    with pytest.raises(ValueError):
        weighted_total({1: D(3)}, [])


CRITERIA = [
    CriterionSpec(pk=1, weight=30, scale_min=D(1), scale_max=D(5), position=0),
    CriterionSpec(pk=2, weight=25, scale_min=D(1), scale_max=D(5), position=1),
    CriterionSpec(pk=3, weight=20, scale_min=D(0), scale_max=D(10), position=2),
]
half_steps = st.integers(min_value=2, max_value=10).map(lambda n: D(n) / 2)
tenths = st.integers(min_value=0, max_value=20).map(lambda n: D(n) / 2)


@settings(max_examples=60, deadline=None)
@given(
    grid=st.lists(
        st.tuples(
            st.integers(min_value=1, max_value=6),
            st.integers(min_value=1, max_value=5),
            half_steps,
            half_steps,
            tenths,
        ),
        min_size=1,
        max_size=25,
        unique_by=lambda t: (t[0], t[1]),
    ),
    normalize=st.booleans(),
    method=st.sampled_from(list(Aggregation)),
    seed=st.randoms(use_true_random=False),
)
def test_the_ranking_does_not_depend_on_the_order_of_its_input(grid, normalize, method, seed):
    candidates = [Candidate(application_id=i) for i in range(1, 7)]
    reviews = [
        Review(application_id=a, reviewer_id=r, scores={1: s1, 2: s2, 3: s3})
        for a, r, s1, s2, s3 in grid
    ]
    rules = Rules(aggregation=method, normalize=normalize, reviewers_per_application=2)
    first = aggregate(candidates=candidates, reviews=reviews, criteria=CRITERIA, rules=rules)
    shuffled_reviews, shuffled_candidates = list(reviews), list(candidates)
    seed.shuffle(shuffled_reviews)
    seed.shuffle(shuffled_candidates)
    again = aggregate(
        candidates=shuffled_candidates,
        reviews=shuffled_reviews,
        criteria=list(reversed(CRITERIA)),
        rules=rules,
    )
    assert first == again
    assert [row.rank for row in first] == list(range(1, 7))
    for row in first:
        if row.score is not None:
            assert D(0) <= row.raw_mean <= D(100)
            assert row.score.as_tuple().exponent == -3
