"""Who reviews what in a stage: automatic assignment, and staff's edits to it.

`assign_reviewers` records the call's conflicts of interest, reads the stage into the
plain data of `assignment_solver` in a fixed number of queries, and writes the solver's
pairs back in one insert (with their audit-log entries in another). It runs with the
stage's row locked, so two staff pressing the button at once take turns and the second
finds the stage already filled. Existing assignments are kept and count toward k.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from ieum.core.bulk_audit import log_bulk_creation
from ieum.programs import notifications
from ieum.programs.assignment_solver import (
    ApplicationSpec,
    AssignmentProblem,
    ReviewerSpec,
    shared_terms,
    solve,
)
from ieum.programs.conflicts import (
    record_locked_call_conflicts,
    record_pair_conflicts,
)
from ieum.programs.enums import (
    ApplicationStatus,
    AssignmentMethod,
    AssignmentStatus,
    StageStatus,
)
from ieum.programs.errors import ConflictOfInterestError, IllegalStep
from ieum.programs.models import (
    Application,
    CallReviewer,
    ConflictOfInterest,
    ReviewAssignment,
    ReviewerProfile,
    ReviewStage,
)

LIVE_STATUSES = (
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.SELECTED,
    ApplicationStatus.NOT_SELECTED,
)


@dataclass(frozen=True)
class AssignmentSummary:
    created: int
    # Live assignments of the stage's live applications, those kept included.
    total: int
    # Live reviews per pool reviewer in the stage.
    max_load: int
    min_load: int
    # Share of the live assignments whose reviewer's expertise shares a field with the
    # application.
    expertise_share: float
    # Applications still short of k reviewers (too many conflicts, or caps reached).
    unfilled: list[int]


def stage_applications(stage: ReviewStage) -> QuerySet[Application]:
    """The applications under review in a stage: submitted, not withdrawn, and there now."""
    return Application.objects.filter(current_stage=stage, status__in=LIVE_STATUSES)


def _locked_stage(stage: ReviewStage) -> ReviewStage:
    return (
        ReviewStage.objects.select_for_update(of=("self", "call"))
        .select_related("call__program")
        .get(pk=stage.pk)
    )


def _require_manager(actor, stage: ReviewStage) -> None:
    if not actor.has_perm("programs.manage_call", stage.call):
        raise PermissionDenied(_("You cannot assign reviewers in this call."))


def _require_undecided(stage: ReviewStage) -> None:
    if stage.status == StageStatus.DECIDED:
        raise IllegalStep(_("This stage is decided; its reviewers can no longer change."))


def _start_reviewing(stage: ReviewStage) -> None:
    if stage.status == StageStatus.SETUP:
        stage.status = StageStatus.REVIEWING
        stage.save(update_fields=["status", "updated_at"])


def assign_reviewers(*, actor, stage: ReviewStage) -> AssignmentSummary:
    """Give every live application of the stage k reviewers, without conflicts, with
    loads as even as possible and expertise where it can be had."""
    with transaction.atomic(), set_actor(actor):
        stage = _locked_stage(stage)
        _require_manager(actor, stage)
        _require_undecided(stage)
        record_locked_call_conflicts(stage.call, actor=actor)
        state = _StageState.load(stage)
        plan = solve(state.problem())
        rows = [
            ReviewAssignment(
                stage=stage,
                application=state.applications[application_id],
                reviewer=state.reviewers[reviewer_id],
                method=AssignmentMethod.AUTOMATIC,
                assigned_by=actor,
                expertise_match=(application_id, reviewer_id) in plan.matched,
            )
            for application_id, reviewer_id in plan.pairs
        ]
        ReviewAssignment.objects.bulk_create(rows)
        log_bulk_creation(rows, actor=actor)
        kept = state.live_pairs
        total = len(kept) + len(rows)
        if total:
            _start_reviewing(stage)
        if rows:
            notifications.reviewers_assigned(
                stage=stage, reviewer_ids=sorted({reviewer_id for _a, reviewer_id in plan.pairs})
            )
        pool_loads = [plan.loads[reviewer_id] for reviewer_id in state.reviewers]
        matched = sum(kept.values()) + len(plan.matched)
        return AssignmentSummary(
            created=len(rows),
            total=total,
            max_load=max(pool_loads, default=0),
            min_load=min(pool_loads, default=0),
            expertise_share=matched / total if total else 0.0,
            unfilled=list(plan.unfilled),
        )


@dataclass
class _StageState:
    """What the solver needs from one stage, read in seven queries."""

    stage: ReviewStage
    applications: dict[int, Application]
    reviewers: dict  # reviewer id → User, the pool in id order
    seats: dict[int, CallReviewer]
    fields: dict[int, frozenset[int]]
    expertise: dict[int, frozenset[int]]
    conflicts: set[tuple[int, int]]
    existing: set[tuple[int, int]]
    # Live (application, reviewer) pairs that count → whether the expertise matched.
    live_pairs: dict[tuple[int, int], bool]

    @classmethod
    def load(cls, stage: ReviewStage) -> _StageState:
        applications = {a.pk: a for a in stage_applications(stage).order_by("pk")}
        seats = {
            seat.reviewer_id: seat
            for seat in CallReviewer.objects.filter(call=stage.call)
            .select_related("reviewer")
            .order_by("reviewer_id")
        }
        fields: dict[int, set[int]] = defaultdict(set)
        for application_id, term_id in Application.fields.through.objects.filter(
            application__in=stage_applications(stage)
        ).values_list("application_id", "term_id"):
            fields[application_id].add(term_id)
        expertise: dict[int, set[int]] = defaultdict(set)
        for user_id, term_id in ReviewerProfile.expertise.through.objects.filter(
            reviewerprofile__user__call_pools__call=stage.call
        ).values_list("reviewerprofile__user_id", "term_id"):
            expertise[user_id].add(term_id)
        conflicts = set(
            ConflictOfInterest.objects.filter(application__in=stage_applications(stage))
            .values_list("application_id", "reviewer_id")
            .distinct()
        )
        existing, live_pairs = set(), {}
        for application_id, reviewer_id, status, matched in ReviewAssignment.objects.filter(
            stage=stage
        ).values_list("application_id", "reviewer_id", "status", "expertise_match"):
            existing.add((application_id, reviewer_id))
            counts = (
                status != AssignmentStatus.RECUSED
                and application_id in applications
                and (application_id, reviewer_id) not in conflicts
            )
            if counts:
                live_pairs[application_id, reviewer_id] = matched
        return cls(
            stage=stage,
            applications=applications,
            reviewers={reviewer_id: seat.reviewer for reviewer_id, seat in seats.items()},
            seats=seats,
            fields={k: frozenset(v) for k, v in fields.items()},
            expertise={k: frozenset(v) for k, v in expertise.items()},
            conflicts=conflicts,
            existing=existing,
            live_pairs=live_pairs,
        )

    def problem(self) -> AssignmentProblem:
        assigned: dict[int, int] = defaultdict(int)
        loads: dict[int, int] = defaultdict(int)
        for application_id, reviewer_id in self.live_pairs:
            assigned[application_id] += 1
            loads[reviewer_id] += 1
        return AssignmentProblem(
            applications=tuple(
                ApplicationSpec(
                    id=application_id,
                    fields=self.fields.get(application_id, frozenset()),
                    assigned=assigned[application_id],
                )
                for application_id in self.applications
            ),
            reviewers=tuple(
                ReviewerSpec(
                    id=reviewer_id,
                    expertise=self.expertise.get(reviewer_id, frozenset()),
                    load=loads[reviewer_id],
                    max_reviews=seat.max_reviews,
                )
                for reviewer_id, seat in self.seats.items()
            ),
            per_application=self.stage.reviewers_per_application,
            excluded=frozenset(self.conflicts | self.existing),
        )


def add_assignment(*, actor, stage: ReviewStage, application: Application, reviewer):
    """Staff add one reviewer to an application by hand."""
    # Relations that appeared since the call's last check are recorded first (and stay
    # recorded when the addition is refused below).
    record_pair_conflicts(application=application, reviewer=reviewer, actor=actor)
    with transaction.atomic(), set_actor(actor):
        stage = _locked_stage(stage)
        _require_manager(actor, stage)
        _require_undecided(stage)
        if not stage_applications(stage).filter(pk=application.pk).exists():
            raise ValidationError(
                {"application": _("This application is not under review in this stage.")}
            )
        seat = CallReviewer.objects.filter(call=stage.call, reviewer=reviewer).first()
        if seat is None:
            raise ValidationError({"reviewer": _("Add the reviewer to the call's pool first.")})
        _refuse_conflict(application, reviewer)
        existing = ReviewAssignment.objects.filter(
            stage=stage, application=application, reviewer=reviewer
        ).first()
        if existing is not None:
            if existing.status == AssignmentStatus.RECUSED:
                raise ConflictOfInterestError(
                    _("%(reviewer)s recused themselves from this application.")
                    % {"reviewer": reviewer}
                )
            return existing
        _refuse_full(stage, seat)
        fields = application.fields.values_list("pk", flat=True)
        expertise = ReviewerProfile.expertise.through.objects.filter(
            reviewerprofile__user=reviewer
        ).values_list("term_id", flat=True)
        assignment = ReviewAssignment.objects.create(
            stage=stage,
            application=application,
            reviewer=reviewer,
            method=AssignmentMethod.MANUAL,
            assigned_by=actor,
            expertise_match=shared_terms(fields, expertise) > 0,
        )
        _start_reviewing(stage)
        notifications.reviewers_assigned(stage=stage, reviewer_ids=[reviewer.pk])
        return assignment


def _refuse_conflict(application: Application, reviewer) -> None:
    if ConflictOfInterest.objects.filter(application=application, reviewer=reviewer).exists():
        raise ConflictOfInterestError(
            _("%(reviewer)s has a conflict of interest with this application.")
            % {"reviewer": reviewer}
        )


def _refuse_full(stage: ReviewStage, seat: CallReviewer) -> None:
    if seat.max_reviews is None:
        return
    held = (
        ReviewAssignment.objects.filter(
            stage=stage,
            reviewer_id=seat.reviewer_id,
            application__in=stage_applications(stage),
        )
        .exclude(status=AssignmentStatus.RECUSED)
        .count()
    )
    if held >= seat.max_reviews:
        raise ValidationError(
            {
                "reviewer": _(
                    "This reviewer already has the %(count)d reviews they agreed to in this stage."
                )
                % {"count": seat.max_reviews}
            }
        )


def remove_assignment(*, actor, assignment: ReviewAssignment) -> None:
    """Staff take a reviewer off an application, unless the review was submitted."""
    with transaction.atomic(), set_actor(actor):
        stage = _locked_stage(assignment.stage)
        assignment = (
            ReviewAssignment.objects.select_for_update(of=("self",))
            .select_related("stage__call__program", "application", "reviewer")
            .get(pk=assignment.pk)
        )
        if not actor.has_perm("programs.manage_assignment", assignment):
            raise PermissionDenied(_("You cannot change the reviewers of this call."))
        _require_undecided(stage)
        if assignment.status == AssignmentStatus.SUBMITTED:
            raise IllegalStep(
                _("This review was submitted; it stays with the application's scores.")
            )
        assignment.delete()
