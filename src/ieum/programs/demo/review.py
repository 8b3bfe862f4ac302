"""The review of a walked call: assignment, recusals, scores, decisions and results.

Staff run the automatic assignment (which records the conflicts of interest first);
a reviewer who recuses is replaced by running it again; reviewers save and hand in
their scores; staff decide each stage from its ranking (giving reasons where they depart
from it) and announce the results, which forms the cohort.
"""

from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, timedelta

from ieum.programs.aggregation import RankedApplication, rank_stage
from ieum.programs.applications import withdraw_application
from ieum.programs.assignment import assign_reviewers
from ieum.programs.conflicts import declare_conflict
from ieum.programs.decisions import decide_stage, publish_results
from ieum.programs.demo.people import BIAS
from ieum.programs.demo.plans import CallPlan, StagePlan
from ieum.programs.demo.scores import SPLIT_SHIFT, review_comment, review_scores
from ieum.programs.demo.walk import Walker
from ieum.programs.enums import ApplicationStatus, AssignmentStatus
from ieum.programs.enums import DecisionOutcome as D
from ieum.programs.models import (
    Application,
    Call,
    Cohort,
    CohortMember,
    ConflictOfInterest,
    Decision,
    ReviewAssignment,
    ReviewStage,
    Score,
)
from ieum.programs.scoring import save_scores, submit_review


class Review:
    def __init__(self, walker: Walker) -> None:
        self.walker = walker
        self.clock = walker.clock
        self.now = walker.now
        self.rng = random.Random()

    def run(self, plan: CallPlan, call: Call) -> Cohort | None:
        """As far as the plan goes by now; the cohort once the results are announced."""
        if plan.closes_at > self.now:
            return None
        self.rng = random.Random(f"review:{plan.slug}")
        manager = self.walker.manager(call.program)
        stages = list(call.stages.order_by("position"))
        for number, (stage, stage_plan) in enumerate(zip(stages, plan.stages, strict=True), 1):
            self.assign(stage, stage_plan, manager)
            self.score(stage, stage_plan, plan)
            if stage_plan.decided_at is None:
                return None
            self.decide(stage, stage_plan, manager, final=number == len(stages))
            self.withdraw(plan, call, after=number)
        if plan.results_at is None:
            return None
        return self.publish(plan, call, manager)

    # Assignment and recusals.

    def assign(self, stage: ReviewStage, stage_plan: StagePlan, manager) -> None:
        at = stage_plan.assigned_at
        conflicts = ConflictOfInterest.objects.filter(application__call=stage.call_id)
        known = list(conflicts.values_list("pk", flat=True))
        assign_reviewers(actor=manager, stage=stage)
        found = conflicts.exclude(pk__in=known).values_list("pk", flat=True)
        self.clock.many(ConflictOfInterest, found, created_at=at, updated_at=at)
        first = list(ReviewAssignment.objects.filter(stage=stage).values_list("pk", flat=True))
        self.clock.many(ReviewAssignment, first, created_at=at, updated_at=at)
        if not stage_plan.recusals:
            return
        recused_at = at + timedelta(days=1)
        for local, reason in stage_plan.recusals.items():
            reviewer = self.walker.reviewers[local]
            assignment = (
                ReviewAssignment.objects.filter(stage=stage, reviewer=reviewer)
                .order_by("application_id")
                .first()
            )
            if assignment is None:
                continue
            conflict = declare_conflict(
                actor=reviewer, application=assignment.application, reason=reason
            )
            self.clock.at(conflict, created_at=recused_at, updated_at=recused_at)
            self.clock.at(assignment, recused_at=recused_at, updated_at=recused_at)
        # Staff fill the places the recusals left; every other assignment is kept.
        assign_reviewers(actor=manager, stage=stage)
        refill_at = recused_at + timedelta(hours=2)
        added = ReviewAssignment.objects.filter(stage=stage).exclude(pk__in=first)
        self.clock.many(
            ReviewAssignment,
            added.values_list("pk", flat=True),
            created_at=refill_at,
            updated_at=refill_at,
        )

    # Scores.

    def _window(self, stage_plan: StagePlan) -> tuple[datetime, datetime]:
        start = stage_plan.assigned_at + timedelta(days=1)
        due = stage_plan.data.get("reviews_due_at") or start + timedelta(days=10)
        end = min(due, self.now) - timedelta(hours=1)
        return start, max(start, end)

    def score(self, stage: ReviewStage, stage_plan: StagePlan, plan: CallPlan) -> None:
        """Every reviewer hands in their share of reviews; one with two or more left has
        saved part of the next one without handing it in."""
        quality = {a.slug: a.quality for a in plan.applicants}
        split = {a.slug for a in plan.applicants if a.split} if stage.position == 1 else set()
        criteria = list(stage.criteria.order_by("position", "pk"))
        live = list(
            ReviewAssignment.objects.filter(stage=stage)
            .exclude(status=AssignmentStatus.RECUSED)
            .select_related("application__company", "reviewer")
            .order_by("reviewer_id", "application_id")
        )
        first_of: dict[int, int] = {}
        for assignment in sorted(live, key=lambda a: a.pk):
            first_of.setdefault(assignment.application_id, assignment.pk)
        by_reviewer: dict[int, list[ReviewAssignment]] = defaultdict(list)
        for assignment in live:
            by_reviewer[assignment.reviewer_id].append(assignment)
        locals_ = {user.pk: local for local, user in self.walker.reviewers.items()}
        start, end = self._window(stage_plan)
        for reviewer_id, mine in by_reviewer.items():
            share = round(stage_plan.default_share * len(mine))
            quota = stage_plan.handed_in.get(locals_.get(reviewer_id, ""), share)
            for index, assignment in enumerate(mine):
                if index > quota or (index == quota and len(mine) - quota < 2):
                    break
                slug = assignment.application.company.slug
                # The presentation moves each company's standing a little.
                level = quality[slug] + self.rng.gauss(0, 0.03) * (stage.position - 1)
                values = review_scores(
                    self.rng,
                    criteria=criteria,
                    quality=level,
                    bias=BIAS.get(assignment.reviewer.email, 0.0),
                    shift=SPLIT_SHIFT
                    if first_of[assignment.application_id] == assignment.pk and slug in split
                    else 0.0,
                )
                reviewer = assignment.reviewer
                if index == quota:
                    partial = dict(list(values.items())[:2])
                    save_scores(actor=reviewer, assignment=assignment, values=partial, comment="")
                    continue
                comment = review_comment(self.rng, level)
                save_scores(actor=reviewer, assignment=assignment, values=values, comment=comment)
                submit_review(actor=reviewer, assignment=assignment)
                moment = start + (end - start) * self.rng.random()
                self.clock.at(assignment, submitted_at=moment, updated_at=moment)
        for pk, assignment_id in Score.objects.filter(assignment__stage=stage).values_list(
            "pk", "assignment_id"
        ):
            moment = self.clock.get(ReviewAssignment, assignment_id, "submitted_at") or end
            self.clock.many(Score, [pk], created_at=moment, updated_at=moment)

    # Decisions and results.

    def decide(self, stage: ReviewStage, stage_plan: StagePlan, manager, *, final: bool) -> None:
        ranking = rank_stage(stage)
        places = stage.advance_count or stage.call.quota
        under_review = Application.objects.in_bulk(
            Application.objects.filter(
                current_stage=stage, status=ApplicationStatus.SUBMITTED
            ).values_list("pk", flat=True)
        )
        decisions = [
            (under_review[row.application_id], *self.outcome(row, stage, stage_plan, places, final))
            for row in ranking
            if row.application_id in under_review
        ]
        decide_stage(actor=manager, stage=stage, decisions=decisions)
        at = stage_plan.decided_at
        self.clock.many(
            Decision, stage.decisions.values_list("pk", flat=True), created_at=at, updated_at=at
        )
        self.clock.at(stage, updated_at=at)

    @staticmethod
    def outcome(
        row: RankedApplication, stage: ReviewStage, stage_plan: StagePlan, places: int, final
    ) -> tuple[str, str]:
        rank, score = row.rank, row.score or 0
        standing = f"{stage.name_ko} {rank}위 ({score:.1f}점)"
        standing_en = f"{stage.name_en or stage.name_ko}: rank {rank} ({score:.1f} points)"
        excluded = stage_plan.exclusion if final else None
        if excluded and rank == excluded[0]:
            return D.NOT_SELECTED, excluded[1]
        if excluded and rank == places + 1:
            return D.SELECTED, excluded[2]
        if rank <= places:
            if final:
                return D.SELECTED, f"{standing}: 선정 / {standing_en}: selected"
            return D.ADVANCE, f"{standing}: 다음 단계 진출 / {standing_en}: goes on"
        reserves = places + stage_plan.reserve + (1 if excluded else 0)
        if final and rank <= reserves:
            return D.RESERVE, f"{standing}: 예비 선정 / {standing_en}: in reserve"
        return D.NOT_SELECTED, (
            f"{standing}: 상위 {places}위 밖 / {standing_en}: outside the top {places}"
        )

    def withdraw(self, plan: CallPlan, call: Call, *, after: int) -> None:
        for slug, (stage_number, when, reason) in plan.withdrawals.items():
            if stage_number != after:
                continue
            application = (
                Application.objects.filter(
                    call=call, company__slug=slug, status=ApplicationStatus.SUBMITTED
                )
                .exclude(current_stage__position=after)
                .first()
            )
            if application is None:
                continue  # it did not go on: nothing to withdraw from
            member = self.walker.people.of(application.company_id)
            withdraw_application(actor=member, application=application, reason=reason)
            self.clock.at(application, withdrawn_at=when, updated_at=when)

    def publish(self, plan: CallPlan, call: Call, manager) -> Cohort:
        cohort = publish_results(actor=manager, call=call)
        at = plan.results_at
        if plan.cohort_name:
            # The cohort takes the call's title; programs name their cohorts by number
            # (김해 강소기업 8기), which nothing but a direct update sets.
            name_ko, name_en = plan.cohort_name
            Cohort.objects.filter(pk=cohort.pk).update(name_ko=name_ko, name_en=name_en)
            cohort.name_ko, cohort.name_en = name_ko, name_en
        self.clock.at(call, results_published_at=at, updated_at=at)
        self.clock.at(cohort, created_at=at, updated_at=at)
        members = cohort.members.values_list("pk", flat=True)
        self.clock.many(CohortMember, members, created_at=at, updated_at=at)
        decided = call.applications.exclude(status=ApplicationStatus.WITHDRAWN)
        self.clock.many(Application, decided.values_list("pk", flat=True), updated_at=at)
        return cohort
