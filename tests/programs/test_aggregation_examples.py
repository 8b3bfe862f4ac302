"""Hand-computed examples of review aggregation (docs/review-aggregation.md).

Every expected number below is worked out in the comments, so the rules can be checked
with pencil and paper. The criteria are the regional-center call's: 인프라 30 · 역량 25 ·
협력체계 20 · 계획 구체성 25, each scored 1–5, so a score s rescales to (s − 1)/4 × 100:
1 → 0, 2 → 25, 3 → 50, 4 → 75, 5 → 100 (and half steps to 12.5, 37.5, 62.5, 87.5).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from ieum.programs.aggregation import (
    Candidate,
    CriterionSpec,
    Review,
    Rules,
    aggregate,
    combine,
    population_sd,
    rank_stage,
    round_half_up,
    weighted_total,
)
from ieum.programs.enums import Aggregation, TieBreak
from tests.factories import CompanyFactory

D = Decimal
INFRA, CAPABILITY, COOPERATION, PLAN = 1, 2, 3, 4
CRITERIA = [
    CriterionSpec(pk=INFRA, weight=30, scale_min=D(1), scale_max=D(5), position=0),
    CriterionSpec(pk=CAPABILITY, weight=25, scale_min=D(1), scale_max=D(5), position=1),
    CriterionSpec(pk=COOPERATION, weight=20, scale_min=D(1), scale_max=D(5), position=2),
    CriterionSpec(pk=PLAN, weight=25, scale_min=D(1), scale_max=D(5), position=3),
]
MORNING = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)


def scores(*values) -> dict[int, Decimal]:
    return {c.pk: D(str(v)) for c, v in zip(CRITERIA, values, strict=True)}


def review(application_id: int, reviewer_id: int, *values) -> Review:
    return Review(application_id=application_id, reviewer_id=reviewer_id, scores=scores(*values))


def candidates(*ids: int, minutes: dict[int, int] | None = None) -> list[Candidate]:
    minutes = minutes or {}
    return [
        Candidate(application_id=i, submitted_at=MORNING + timedelta(minutes=minutes.get(i, i)))
        for i in ids
    ]


def by_id(rows) -> dict:
    return {row.application_id: row for row in rows}


# --- Weights -------------------------------------------------------------------------


def test_the_weighted_total_rescales_each_criterion_and_weighs_it():
    # [5, 4, 3, 4] → 100, 75, 50, 75:
    # (30·100 + 25·75 + 20·50 + 25·75) / (30 + 25 + 20 + 25)
    # = (3000 + 1875 + 1000 + 1875) / 100 = 7750 / 100 = 77.5
    assert weighted_total(scores(5, 4, 3, 4), CRITERIA) == D("77.500")
    # Half steps: [4.5, 3.5, 4, 2] → 87.5, 62.5, 75, 25:
    # (30·87.5 + 25·62.5 + 20·75 + 25·25) / 100 = (2625 + 1562.5 + 1500 + 625) / 100
    # = 6312.5 / 100 = 63.125
    assert weighted_total(scores(4.5, 3.5, 4, 2), CRITERIA) == D("63.125")
    # The weights matter: the same scores moved from 인프라 (30) to 협력체계 (20) count less.
    # [5, 1, 1, 1] → 30·100 / 100 = 30;  [1, 1, 5, 1] → 20·100 / 100 = 20
    assert weighted_total(scores(5, 1, 1, 1), CRITERIA) == D("30.000")
    assert weighted_total(scores(1, 1, 5, 1), CRITERIA) == D("20.000")
    # Lowest and highest ends of the scale.
    assert weighted_total(scores(1, 1, 1, 1), CRITERIA) == D("0.000")
    assert weighted_total(scores(5, 5, 5, 5), CRITERIA) == D("100.000")


def test_the_total_is_rounded_half_up_to_three_decimals():
    # Three equal weights on a 1–5 scale: [5, 5, 4] → (100 + 100 + 75) / 3 = 91.6666… → 91.667
    # and [5, 4, 4] → (100 + 75 + 75) / 3 = 83.3333… → 83.333
    equal = [CriterionSpec(pk=i, weight=1, scale_min=D(1), scale_max=D(5)) for i in (1, 2, 3)]
    assert weighted_total({1: D(5), 2: D(5), 3: D(4)}, equal) == D("91.667")
    assert weighted_total({1: D(5), 2: D(4), 3: D(4)}, equal) == D("83.333")
    # A scale of 0–10 with weights 1 and 7: [1, 0] → 1·10 / 8 = 1.25 exactly;
    # [0.5, 0] → 1·5 / 8 = 0.625 exactly; a half in the fourth decimal rounds up:
    # 1.5625 → 1.563 (banker's rounding would give 1.562).
    mixed = [
        CriterionSpec(pk=1, weight=1, scale_min=D(0), scale_max=D(10)),
        CriterionSpec(pk=2, weight=7, scale_min=D(0), scale_max=D(10)),
    ]
    assert weighted_total({1: D(1), 2: D(0)}, mixed) == D("1.250")
    assert weighted_total({1: D("0.5"), 2: D(0)}, mixed) == D("0.625")
    assert round_half_up(D("1.5625")) == D("1.563")
    assert round_half_up(D("-1.5625")) == D("-1.563")


# --- Combination methods --------------------------------------------------------------


FIVE = [D(20), D(60), D(65), D(70), D(100)]


def test_mean_median_and_trimmed_mean_of_five_totals():
    # Mean: (20 + 60 + 65 + 70 + 100) / 5 = 315 / 5 = 63
    assert combine(FIVE, method=Aggregation.MEAN, trim_count=1) == (D("63.000"), "mean")
    # Median: sorted 20, 60, [65], 70, 100 → 65
    assert combine(FIVE, method=Aggregation.MEDIAN, trim_count=1) == (D("65.000"), "median")
    # Trimmed by 1: drop 20 and 100 → (60 + 65 + 70) / 3 = 195 / 3 = 65
    assert combine(FIVE, method=Aggregation.TRIMMED_MEAN, trim_count=1) == (
        D("65.000"),
        "trimmed_mean",
    )
    # Trimmed by 2: only 65 is left.
    assert combine(FIVE, method=Aggregation.TRIMMED_MEAN, trim_count=2)[0] == D("65.000")


def test_the_median_of_an_even_count_is_the_mean_of_the_two_middle_totals():
    # Sorted 40, [55, 62.5], 90 → (55 + 62.5) / 2 = 58.75
    values = [D(90), D(55), D(40), D("62.5")]
    assert combine(values, method=Aggregation.MEDIAN, trim_count=1)[0] == D("58.750")


def test_the_mean_rounds_half_up():
    # (77.5 + 63.125) / 2 = 140.625 / 2 = 70.3125 → 70.313
    values = [D("77.500"), D("63.125")]
    assert combine(values, method=Aggregation.MEAN, trim_count=1)[0] == D("70.313")


def test_a_trimmed_mean_with_too_few_totals_falls_back_to_the_mean_and_says_so():
    # Two totals and one trimmed at each end would leave none (2 ≤ 2·1): the mean,
    # (40 + 90) / 2 = 65, and the method reported is the mean.
    assert combine([D(40), D(90)], method=Aggregation.TRIMMED_MEAN, trim_count=1) == (
        D("65.000"),
        "mean",
    )
    # Four totals trimmed by two (4 ≤ 2·2): the mean again, (10 + 20 + 30 + 100) / 4 = 40.
    four = [D(10), D(20), D(30), D(100)]
    assert combine(four, method=Aggregation.TRIMMED_MEAN, trim_count=2) == (D("40.000"), "mean")
    # Through the ranking the row carries the flag.
    rows = aggregate(
        candidates=candidates(1),
        reviews=[review(1, 10, 2, 2, 2, 2), review(1, 11, 4, 4, 4, 4)],
        criteria=CRITERIA,
        rules=Rules(
            aggregation=Aggregation.TRIMMED_MEAN, trim_count=1, reviewers_per_application=2
        ),
    )
    # Totals 25 and 75 → mean 50.
    [row] = rows
    assert (row.score, row.method, row.trimmed_fallback) == (D("50.000"), "mean", True)


# --- Disagreement ---------------------------------------------------------------------


def test_disagreement_is_the_population_sd_of_the_raw_totals():
    # 50, 75, 100: mean 75; squared deviations 625, 0, 625; variance 1250 / 3 = 416.666…;
    # SD √416.666… = 20.41241452… → 20.412
    assert round_half_up(population_sd([D(50), D(75), D(100)])) == D("20.412")
    # 25 and 75: mean 50; deviations ±25; variance 625; SD 25.
    assert population_sd([D(25), D(75)]) == D(25)
    # A single total has no spread.
    assert population_sd([D(80)]) == D(0)


def test_disagreement_is_flagged_from_the_threshold():
    rows = by_id(
        aggregate(
            candidates=candidates(1, 2, 3),
            reviews=[
                # 1: totals 25 and 75 → SD 25 ≥ 15: flagged.
                review(1, 10, 2, 2, 2, 2),
                review(1, 11, 4, 4, 4, 4),
                # 2: totals 50 and 75 → SD 12.5 < 15: not flagged.
                review(2, 10, 3, 3, 3, 3),
                review(2, 11, 4, 4, 4, 4),
                # 3: totals 45 and 75: [2.5, 2.5, 2.5, 3.5] → 30·37.5 + 25·37.5 + 20·37.5 +
                # 25·62.5 = 1125 + 937.5 + 750 + 1562.5 = 4375 / 100 = 43.75, and 75:
                # mean 59.375, deviations ±15.625 → SD 15.625 ≥ 15: flagged.
                review(3, 10, 2.5, 2.5, 2.5, 3.5),
                review(3, 11, 4, 4, 4, 4),
            ],
            criteria=CRITERIA,
            rules=Rules(disagreement_threshold=D("15"), reviewers_per_application=2),
        )
    )
    assert (rows[1].sd, rows[1].disagreement) == (D("25.000"), True)
    assert (rows[2].sd, rows[2].disagreement) == (D("12.500"), False)
    assert rows[3].reviewer_totals == {10: D("43.750"), 11: D("75.000")}
    assert (rows[3].sd, rows[3].disagreement) == (D("15.625"), True)
    # Exactly at the threshold counts: 12.5 with a threshold of 12.5.
    at = aggregate(
        candidates=candidates(2),
        reviews=[review(2, 10, 3, 3, 3, 3), review(2, 11, 4, 4, 4, 4)],
        criteria=CRITERIA,
        rules=Rules(disagreement_threshold=D("12.5"), reviewers_per_application=2),
    )
    assert at[0].disagreement is True


# --- Normalization: the main example of docs/review-aggregation.md ----------------------

A, B, C = 1, 2, 3
HARSH, LENIENT, THIRD = 10, 11, 12
# Three applications, each reviewed by two of three reviewers:
#   HARSH:   A = [1, 1, 1, 1] →   0,  C = [2, 2, 2, 2] →  25   (mean 12.5, SD 12.5)
#   LENIENT: B = [4, 4, 4, 4] →  75,  C = [5, 5, 5, 5] → 100   (mean 87.5, SD 12.5)
#   THIRD:   A = [5, 5, 5, 5] → 100,  B = [4, 4, 4, 4] →  75   (mean 87.5, SD 12.5)
MAIN_REVIEWS = [
    review(A, HARSH, 1, 1, 1, 1),
    review(C, HARSH, 2, 2, 2, 2),
    review(B, LENIENT, 4, 4, 4, 4),
    review(C, LENIENT, 5, 5, 5, 5),
    review(A, THIRD, 5, 5, 5, 5),
    review(B, THIRD, 4, 4, 4, 4),
]


def test_without_normalization_the_raw_means_rank_b_c_a():
    rows = aggregate(
        candidates=candidates(A, B, C),
        reviews=MAIN_REVIEWS,
        criteria=CRITERIA,
        rules=Rules(reviewers_per_application=2),
    )
    # B: (75 + 75) / 2 = 75;  C: (25 + 100) / 2 = 62.5;  A: (0 + 100) / 2 = 50
    assert [(r.application_id, r.rank, r.score) for r in rows] == [
        (B, 1, D("75.000")),
        (C, 2, D("62.500")),
        (A, 3, D("50.000")),
    ]
    assert all(r.normalized_totals == {} and not r.normalized for r in rows)


def test_normalization_puts_a_harsh_and_a_lenient_reviewer_on_one_scale():
    rows = aggregate(
        candidates=candidates(A, B, C),
        reviews=MAIN_REVIEWS,
        criteria=CRITERIA,
        rules=Rules(normalize=True, reviewers_per_application=2),
    )
    # All six totals: 0, 25, 75, 100, 100, 75 → overall mean 375 / 6 = 62.5;
    # deviations −62.5, −37.5, 12.5, 37.5, 37.5, 12.5; squares 3906.25, 1406.25, 156.25,
    # 1406.25, 1406.25, 156.25, summing to 8437.5; variance 8437.5 / 6 = 1406.25;
    # overall SD √1406.25 = 37.5.
    # Each reviewer's two totals lie 12.5 either side of their mean, so each review's
    # z is +1 (the reviewer's better one) or −1, and its normalized total is
    # 62.5 + z·37.5: 100 or 25.
    #   A: HARSH 0 → z −1 → 25;     THIRD 100 → z +1 → 100;  mean 62.5
    #   B: LENIENT 75 → z −1 → 25;  THIRD 75 → z −1 → 25;    mean 25
    #   C: HARSH 25 → z +1 → 100;   LENIENT 100 → z +1 → 100; mean 100
    # C was the better application for both its reviewers; normalized, it leads.
    rows = by_id(rows)
    assert rows[A].normalized_totals == {HARSH: D("25.000"), THIRD: D("100.000")}
    assert rows[B].normalized_totals == {LENIENT: D("25.000"), THIRD: D("25.000")}
    assert rows[C].normalized_totals == {HARSH: D("100.000"), LENIENT: D("100.000")}
    assert [(rows[i].rank, rows[i].score) for i in (C, A, B)] == [
        (1, D("100.000")),
        (2, D("62.500")),
        (3, D("25.000")),
    ]
    # The raw figures stay beside them: raw means and the SD of the raw totals.
    assert [rows[i].raw_mean for i in (A, B, C)] == [D("50.000"), D("75.000"), D("62.500")]
    # A: 0 and 100 → SD 50; B: 75 and 75 → 0; C: 25 and 100 → SD 37.5.
    assert [rows[i].sd for i in (A, B, C)] == [D("50.000"), D("0.000"), D("37.500")]
    assert [rows[i].disagreement for i in (A, B, C)] == [True, False, True]


def test_normalization_with_irrational_spreads_is_rounded_only_at_the_end():
    # REVIEWER 10 scores three applications 50, 75, 100 (mean 75, SD √(1250/3) =
    # 20.41241452…, z = −1.22474487…, 0, +1.22474487…); REVIEWER 11 scores them 25, 25, 50
    # (mean 33.333…, SD √(1250/9) = 11.78511301…, z = −0.70710678…, −0.70710678…,
    # +1.41421356…).
    # Overall: 50, 75, 100, 25, 25, 50 → mean 325 / 6 = 54.1666…; squared deviations
    # 17.361…, 434.027…, 2100.694…, 850.694…, 850.694…, 17.361… sum 4270.833…;
    # variance 711.8055…; SD 26.67968…
    # Application 1: 54.1666… − 1.22474487·26.67968… = 21.49086… → 21.491, and
    # 54.1666… − 0.70710678·26.67968… = 35.30128… → 35.301;
    # combined (21.491 + 35.301) / 2 = 28.396
    rows = by_id(
        aggregate(
            candidates=candidates(1, 2, 3),
            reviews=[
                review(1, 10, 3, 3, 3, 3),
                review(2, 10, 4, 4, 4, 4),
                review(3, 10, 5, 5, 5, 5),
                review(1, 11, 2, 2, 2, 2),
                review(2, 11, 2, 2, 2, 2),
                review(3, 11, 3, 3, 3, 3),
            ],
            criteria=CRITERIA,
            rules=Rules(normalize=True, reviewers_per_application=2),
        )
    )
    assert rows[1].normalized_totals == {10: D("21.491"), 11: D("35.301")}
    assert rows[1].score == D("28.396")
    # Application 2: 54.1666… + 0 = 54.167 and 35.301 → (54.167 + 35.301) / 2 = 44.734
    assert rows[2].normalized_totals == {10: D("54.167"), 11: D("35.301")}
    assert rows[2].score == D("44.734")
    # Application 3: 54.1666… + 1.22474487·26.67968… = 86.84247… → 86.842, and
    # 54.1666… + 1.41421356·26.67968… = 91.89743… → 91.897;
    # (86.842 + 91.897) / 2 = 89.3695 → 89.370 (half up)
    assert rows[3].normalized_totals == {10: D("86.842"), 11: D("91.897")}
    assert rows[3].score == D("89.370")


def test_a_reviewer_with_one_total_or_no_spread_gets_z_zero():
    # REVIEWER 10 scores only application 1 (75): z = 0 → the overall mean.
    # REVIEWER 11 scores 1 and 2 alike (50, 50): SD 0 → z = 0 → the overall mean.
    # REVIEWER 12 scores 2 and 3: 25 and 100 (mean 62.5, SD 37.5 → z −1 and +1).
    # Overall: 75, 50, 50, 25, 100 → mean 300 / 5 = 60; deviations 15, −10, −10, −35, 40;
    # squares 225, 100, 100, 1225, 1600 = 3250; variance 650; SD √650 = 25.49509756…
    rows = by_id(
        aggregate(
            candidates=candidates(1, 2, 3),
            reviews=[
                review(1, 10, 4, 4, 4, 4),
                review(1, 11, 3, 3, 3, 3),
                review(2, 11, 3, 3, 3, 3),
                review(2, 12, 2, 2, 2, 2),
                review(3, 12, 5, 5, 5, 5),
            ],
            criteria=CRITERIA,
            rules=Rules(normalize=True, reviewers_per_application=2),
        )
    )
    assert rows[1].normalized_totals == {10: D("60.000"), 11: D("60.000")}
    # 60 − 25.49509756… = 34.50490… → 34.505;  60 + 25.49509756… = 85.49509… → 85.495
    assert rows[2].normalized_totals == {11: D("60.000"), 12: D("34.505")}
    assert rows[3].normalized_totals == {12: D("85.495")}
    # (60 + 34.505) / 2 = 47.2525 → 47.253 (half up)
    assert rows[2].score == D("47.253")


def test_normalized_totals_combine_by_the_stages_method():
    # The main example by median: with two totals the median is their mean, as above.
    # By trimmed mean (trim 1, two totals): the mean, flagged as a fallback.
    rows = by_id(
        aggregate(
            candidates=candidates(A, B, C),
            reviews=MAIN_REVIEWS,
            criteria=CRITERIA,
            rules=Rules(
                normalize=True,
                aggregation=Aggregation.TRIMMED_MEAN,
                trim_count=1,
                reviewers_per_application=2,
            ),
        )
    )
    assert [rows[i].score for i in (A, B, C)] == [D("62.500"), D("25.000"), D("100.000")]
    assert all(rows[i].trimmed_fallback for i in (A, B, C))


# --- Ties -----------------------------------------------------------------------------


def test_criteria_tie_break_compares_the_heaviest_criterion_first():
    # 1: [5, 3, 3, 3] → 30·100 + 25·50 + 20·50 + 25·50 = 3000 + 1250 + 1000 + 1250 = 65
    # 2: [3, 5, 1, 5] → 30·50 + 25·100 + 20·0 + 25·100 = 1500 + 2500 + 0 + 2500 = 65
    # Equal at 65; 인프라 (30) decides: 100 against 50, so 1 comes first, although 2 was
    # submitted earlier.
    rows = aggregate(
        candidates=candidates(1, 2, minutes={1: 30, 2: 10}),
        reviews=[review(1, 10, 5, 3, 3, 3), review(2, 10, 3, 5, 1, 5)],
        criteria=CRITERIA,
        rules=Rules(tie_break=TieBreak.CRITERIA, reviewers_per_application=1),
    )
    assert [(r.application_id, r.score, r.tied_with_previous) for r in rows] == [
        (1, D("65.000"), False),
        (2, D("65.000"), True),
    ]
    assert rows[0].criterion_means == {
        INFRA: D("100.000"),
        CAPABILITY: D("50.000"),
        COOPERATION: D("50.000"),
        PLAN: D("50.000"),
    }


def test_criteria_of_equal_weight_are_compared_in_their_order_on_the_form():
    # 1: [3, 5, 3, 3] → 1500 + 2500 + 1000 + 1250 = 62.5
    # 2: [3, 3, 3, 5] → 1500 + 1250 + 1000 + 2500 = 62.5
    # 인프라 is equal (50); 역량 and 계획 구체성 both weigh 25, and 역량 comes first on the
    # form: 100 against 50, so 1 leads although 2 was submitted earlier.
    rows = aggregate(
        candidates=candidates(1, 2, minutes={1: 30, 2: 10}),
        reviews=[review(1, 10, 3, 5, 3, 3), review(2, 10, 3, 3, 3, 5)],
        criteria=CRITERIA,
        rules=Rules(tie_break=TieBreak.CRITERIA, reviewers_per_application=1),
    )
    assert [r.application_id for r in rows] == [1, 2]
    assert rows[1].tied_with_previous


def test_submitted_first_tie_break_puts_the_earlier_application_first():
    # The same tie at 65 as above, broken by submission instead: 2 (10 minutes) before
    # 1 (30 minutes).
    rows = aggregate(
        candidates=candidates(1, 2, minutes={1: 30, 2: 10}),
        reviews=[review(1, 10, 5, 3, 3, 3), review(2, 10, 3, 5, 1, 5)],
        criteria=CRITERIA,
        rules=Rules(tie_break=TieBreak.SUBMITTED_FIRST, reviewers_per_application=1),
    )
    assert [(r.application_id, r.rank, r.tied_with_previous) for r in rows] == [
        (2, 1, False),
        (1, 2, True),
    ]


def test_identical_criteria_fall_back_to_submission_time_then_application_id():
    # 1, 2 and 3 all score [4, 4, 4, 4] = 75 with the same criterion means: 3 was
    # submitted first; 1 and 2 at the same moment, so the lower id goes first.
    rows = aggregate(
        candidates=candidates(1, 2, 3, minutes={1: 20, 2: 20, 3: 5}),
        reviews=[review(i, 10, 4, 4, 4, 4) for i in (1, 2, 3)],
        criteria=CRITERIA,
        rules=Rules(tie_break=TieBreak.CRITERIA, reviewers_per_application=1),
    )
    assert [(r.application_id, r.rank, r.tied_with_previous) for r in rows] == [
        (3, 1, False),
        (1, 2, True),
        (2, 3, True),
    ]


def test_incomplete_applications_rank_after_complete_ones_whatever_their_score():
    # k = 2: application 1 has two reviews (50 and 50 → 50), application 2 only one (100),
    # application 3 none. 1 ranks first; 2 is incomplete; 3 has no score and comes last.
    rows = aggregate(
        candidates=candidates(1, 2, 3),
        reviews=[
            review(1, 10, 3, 3, 3, 3),
            review(1, 11, 3, 3, 3, 3),
            review(2, 10, 5, 5, 5, 5),
        ],
        criteria=CRITERIA,
        rules=Rules(reviewers_per_application=2),
    )
    assert [(r.application_id, r.rank, r.complete, r.score) for r in rows] == [
        (1, 1, True, D("50.000")),
        (2, 2, False, D("100.000")),
        (3, 3, False, None),
    ]
    assert not any(r.tied_with_previous for r in rows)


# --- The main example through the database ---------------------------------------------


@pytest.mark.django_db
def test_the_main_example_ranks_the_same_from_stored_scores(program_world):
    world = program_world
    stage = world.stage
    stage.reviewers_per_application = 2
    stage.normalize = True
    stage.save()
    harsh, lenient, third = world.reviewers[:3]
    a = world.application(company=world.company)
    b = world.application(company=world.other_company)
    c = world.application(company=CompanyFactory())
    for application, reviewer, values in (
        (a, harsh, [1, 1, 1, 1]),
        (c, harsh, [2, 2, 2, 2]),
        (b, lenient, [4, 4, 4, 4]),
        (c, lenient, [5, 5, 5, 5]),
        (a, third, [5, 5, 5, 5]),
        (b, third, [4, 4, 4, 4]),
    ):
        world.score(world.assign(application, reviewer), values)

    rows = rank_stage(stage)
    assert [(r.application_id, r.score) for r in rows] == [
        (c.pk, D("100.000")),
        (a.pk, D("62.500")),
        (b.pk, D("25.000")),
    ]
    raw = rank_stage(stage, normalize=False)
    assert [(r.application_id, r.score) for r in raw] == [
        (b.pk, D("75.000")),
        (c.pk, D("62.500")),
        (a.pk, D("50.000")),
    ]
