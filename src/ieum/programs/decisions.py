"""Staff's decisions at the end of each review stage, and the call's results.

    stage reviewed → decide_stage → (next stage …) → last stage decided → publish_results

`decide_stage` records one decision per application at the stage, with its rank and
score from the stage's ranking. Departing from the ranking needs a reason: advancing or
selecting an application outside the top N (the stage's `advance_count`, or the call's
quota), or not advancing one inside it. On a stage before the last, ADVANCE moves the
application on to the next stage; the others stay with a NOT_SELECTED decision. On the
last stage the outcomes are SELECTED, RESERVE or NOT_SELECTED, and applicants learn
nothing until `publish_results` sets every application's status, forms the cohort of
the selected companies and queues the result e-mails, once.

Both lock their rows (the stage, or the call, then the applications) so that two staff
acting at once take turns and the second finds the work done (`IllegalStep`). Errors
about one application are keyed `outcome_<id>` or `reason_<id>`, so a form with fields of
those names shows them beside the application.
"""

from __future__ import annotations

from auditlog.context import set_actor
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from ieum.core.business_days import SEOUL
from ieum.programs import notifications
from ieum.programs.aggregation import RankedApplication, rank_stage
from ieum.programs.enums import ApplicationStatus, CallStatus, DecisionOutcome, StageStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import (
    Application,
    Call,
    Cohort,
    CohortMember,
    Decision,
    ReviewStage,
)

# The outcomes a stage before the last and the last stage offer.
PASSING_OUTCOMES = (DecisionOutcome.ADVANCE, DecisionOutcome.NOT_SELECTED)
FINAL_OUTCOMES = (DecisionOutcome.SELECTED, DecisionOutcome.RESERVE, DecisionOutcome.NOT_SELECTED)
GOING_ON = (DecisionOutcome.ADVANCE, DecisionOutcome.SELECTED)


def _require_manager(actor, call: Call) -> None:
    if not actor.has_perm("programs.manage_call", call):
        raise PermissionDenied(_("You cannot decide on this call's applications."))


def _locked_stage(stage: ReviewStage) -> ReviewStage:
    return (
        ReviewStage.objects.select_for_update(of=("self",))
        .select_related("call__program")
        .get(pk=stage.pk)
    )


def _next_stage(stage: ReviewStage) -> ReviewStage | None:
    return (
        ReviewStage.objects.filter(call_id=stage.call_id, position__gt=stage.position)
        .order_by("position", "pk")
        .first()
    )


def _check_stage_open_to_decide(stage: ReviewStage) -> None:
    call = stage.call
    if stage.status == StageStatus.DECIDED:
        raise IllegalStep(_("This stage is already decided."))
    if call.status != CallStatus.PUBLISHED:
        raise IllegalStep(_("Only the stages of a published call can be decided."))
    if call.results_published_at is not None:
        raise IllegalStep(_("The results of this call are already published."))
    if timezone.now() < call.closes_at:
        # Applications submitted later would enter a stage that is already over.
        raise IllegalStep(
            _("The call takes applications until %(time)s; decide once it has closed.")
            % {"time": date_format(call.closes_at.astimezone(SEOUL), "Y-m-d H:i")}
        )
    undecided = (
        ReviewStage.objects.filter(call_id=call.pk, position__lt=stage.position)
        .exclude(status=StageStatus.DECIDED)
        .exists()
    )
    if undecided:
        raise IllegalStep(_("Decide the earlier stages first."))


def _checked_outcomes(
    decisions: list[tuple[Application, str, str]],
    *,
    applications: dict[int, Application],
    ranking: dict[int, RankedApplication],
    allowed: tuple[str, ...],
    places: int,
) -> dict[int, tuple[str, str]]:
    """Each application's (outcome, reason), or a ValidationError naming every problem."""
    errors: dict[str, list[str]] = {}
    chosen: dict[int, tuple[str, str]] = {}
    seen: set[int] = set()
    for application, outcome, reason in decisions:
        key = application.pk
        if key not in applications:
            errors.setdefault("__all__", []).append(
                _("%(reference)s is not under review in this stage.")
                % {"reference": application.reference}
            )
            continue
        if key in seen:
            errors.setdefault("__all__", []).append(
                _("%(reference)s is decided twice.") % {"reference": application.reference}
            )
            continue
        seen.add(key)
        if outcome not in allowed:
            errors[f"outcome_{key}"] = [_("Choose one of the outcomes this stage offers.")]
            continue
        reason = (reason or "").strip()
        row = ranking[key]
        inside = row.score is not None and row.rank <= places
        departs = (outcome in GOING_ON) != inside
        if departs and not reason:
            errors[f"reason_{key}"] = [
                _("Give a reason: this decision departs from the ranking (rank %(rank)d).")
                % {"rank": row.rank}
            ]
        chosen[key] = (outcome, reason)
    missing = [a.reference for pk, a in sorted(applications.items()) if pk not in seen]
    if missing:
        errors.setdefault("__all__", []).append(
            _("Decide on every application of the stage; missing: %(references)s.")
            % {"references": ", ".join(missing)}
        )
    if errors:
        raise ValidationError(errors)
    return chosen


def decide_stage(
    *, actor, stage: ReviewStage, decisions: list[tuple[Application, str, str]]
) -> None:
    """Record the outcome of every application at the stage, with reasons where needed."""
    with transaction.atomic(), set_actor(actor):
        stage = _locked_stage(stage)
        _require_manager(actor, stage.call)
        _check_stage_open_to_decide(stage)
        applications = {
            application.pk: application
            for application in Application.objects.select_for_update()
            .filter(current_stage=stage, status=ApplicationStatus.SUBMITTED)
            .order_by("pk")
        }
        following = _next_stage(stage)
        ranking = {row.application_id: row for row in rank_stage(stage)}
        chosen = _checked_outcomes(
            decisions,
            applications=applications,
            ranking=ranking,
            allowed=PASSING_OUTCOMES if following is not None else FINAL_OUTCOMES,
            places=stage.advance_count or stage.call.quota,
        )
        for pk, (outcome, reason) in sorted(chosen.items()):
            application = applications[pk]
            row = ranking[pk]
            Decision.objects.create(
                application=application,
                stage=stage,
                outcome=outcome,
                reason=reason,
                rank=row.rank,
                score=row.score,
                decided_by=actor,
            )
            if outcome == DecisionOutcome.ADVANCE:
                application.current_stage = following
                application.save(update_fields=["current_stage", "updated_at"])
        stage.status = StageStatus.DECIDED
        stage.save(update_fields=["status", "updated_at"])


def _locked_call(call: Call) -> Call:
    return Call.objects.select_for_update(of=("self",)).select_related("program").get(pk=call.pk)


def publish_results(*, actor, call: Call) -> Cohort:
    """Announce the call's results: statuses, the cohort of the selected, and e-mails."""
    with transaction.atomic(), set_actor(actor):
        call = _locked_call(call)
        _require_manager(actor, call)
        if call.results_published_at is not None:
            raise IllegalStep(_("The results of this call are already published."))
        if call.status != CallStatus.PUBLISHED:
            raise IllegalStep(_("Only a published call can announce results."))
        last = call.stages.order_by("-position", "-pk").first()
        if last is None or last.status != StageStatus.DECIDED:
            raise IllegalStep(_("Decide the last review stage before publishing the results."))
        selected_ids = set(
            Decision.objects.filter(stage=last, outcome=DecisionOutcome.SELECTED).values_list(
                "application_id", flat=True
            )
        )
        applications = list(
            Application.objects.select_for_update()
            .filter(call=call, status=ApplicationStatus.SUBMITTED)
            .select_related("company")
            .order_by("pk")
        )
        cohort = Cohort.objects.create(
            program=call.program,
            call=call,
            name_ko=call.title_ko,
            name_en=call.title_en,
            year=call.closes_at.astimezone(SEOUL).year,
        )
        for application in applications:
            chosen = application.pk in selected_ids
            application.status = (
                ApplicationStatus.SELECTED if chosen else ApplicationStatus.NOT_SELECTED
            )
            application.save(update_fields=["status", "updated_at"])
            if chosen:
                CohortMember.objects.create(
                    cohort=cohort, company=application.company, application=application
                )
        call.results_published_at = timezone.now()
        call.save(update_fields=["results_published_at", "updated_at"])
        notifications.results_published(call)
        return cohort
