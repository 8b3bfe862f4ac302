"""Staff's ranking of a stage: the applications ranked by the stage's rules (or previewed
under another method), the decisions proposed from it, and the call's results."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ieum.core.flash import flash_errors
from ieum.core.forms import add_domain_error
from ieum.programs import decisions
from ieum.programs.aggregation import RankedApplication, rank_stage
from ieum.programs.enums import DecisionOutcome, StageStatus
from ieum.programs.errors import IllegalStep
from ieum.programs.models import Application, Call, Decision, ReviewStage
from ieum.programs.review_forms import DecisionForm, RankingOptionsForm
from ieum.programs.views.manage_pages import managed_call_or_404, managed_stage


@dataclass(frozen=True)
class ReviewerTotal:
    name: str
    total: Decimal
    normalized: Decimal | None


@dataclass
class RankingRow:
    ranked: RankedApplication
    application: Application
    totals: list[ReviewerTotal] = field(default_factory=list)
    decision: Decision | None = None
    outcome_field: object = None
    reason_field: object = None


def is_last_stage(stage: ReviewStage) -> bool:
    return not ReviewStage.objects.filter(
        call_id=stage.call_id, position__gt=stage.position
    ).exists()


def outcome_choices(*, last: bool) -> list[tuple[str, str]]:
    """A stage either sends applications on or, at the end, selects them."""
    offered = decisions.FINAL_OUTCOMES if last else decisions.PASSING_OUTCOMES
    return [(value, label) for value, label in DecisionOutcome.choices if value in offered]


def proposed_outcomes(stage: ReviewStage, ranking: list[RankedApplication], *, last: bool):
    """The best `advance_count` (or, without it, the call's quota) scored applications
    go on or are selected; the others are not."""
    places = stage.advance_count or stage.call.quota
    going = DecisionOutcome.SELECTED if last else DecisionOutcome.ADVANCE
    scored = [row for row in ranking if row.score is not None]
    chosen = {row.application_id for row in scored[:places]}
    return {
        row.application_id: going if row.application_id in chosen else DecisionOutcome.NOT_SELECTED
        for row in ranking
    }


def ranking_context(stage: ReviewStage, query, *, decision_form: DecisionForm | None = None):
    options = RankingOptionsForm(query or None, stage=stage)
    aggregation, normalize = options.options()
    preview = (aggregation, normalize) != (stage.aggregation, stage.normalize)
    ranking = rank_stage(stage, aggregation=aggregation, normalize=normalize)
    last = is_last_stage(stage)
    applications = Application.objects.select_related("company").in_bulk(
        [row.application_id for row in ranking]
    )
    reviewer_ids = {pk for row in ranking for pk in row.reviewer_totals}
    reviewers = get_user_model().objects.in_bulk(reviewer_ids)
    decided = stage.status == StageStatus.DECIDED
    existing = {
        decision.application_id: decision
        for decision in Decision.objects.filter(stage=stage).select_related("decided_by")
    }
    rows = [
        RankingRow(
            ranked=row,
            application=applications[row.application_id],
            totals=[
                ReviewerTotal(
                    name=reviewers[pk].get_full_name(),
                    total=total,
                    normalized=row.normalized_totals.get(pk),
                )
                for pk, total in row.reviewer_totals.items()
            ],
            decision=existing.get(row.application_id),
        )
        for row in ranking
    ]
    can_decide = not decided and not preview and bool(rows)
    if can_decide:
        if decision_form is None:
            # The proposal comes from the stage's own ranking, which is the one shown.
            decision_form = DecisionForm(
                applications=[row.application for row in rows],
                proposed=proposed_outcomes(stage, ranking, last=last),
                outcomes=outcome_choices(last=last),
            )
        fields = decision_form.rows()
        for row in rows:
            row.outcome_field, row.reason_field = fields.get(row.application.pk, (None, None))
    call = stage.call
    return {
        "stage": stage,
        "call": call,
        "options": options,
        "aggregation": aggregation,
        "aggregation_label": dict(options.fields["aggregation"].choices).get(aggregation),
        "normalize": normalize,
        "preview": preview,
        "rows": rows,
        "is_last": last,
        "decided": decided,
        "can_decide": can_decide,
        "decision_form": decision_form,
        "places": stage.advance_count or call.quota,
        "can_publish": decided and last and call.results_published_at is None,
    }


@login_required
def stage_ranking(request, pk: int):
    stage = managed_stage(request.user, pk)
    return render(request, "programs/stages/ranking.html", ranking_context(stage, request.GET))


@login_required
@require_POST
def stage_decide(request, pk: int):
    stage = managed_stage(request.user, pk)
    ranking = rank_stage(stage)
    last = is_last_stage(stage)
    found = Application.objects.select_related("company").in_bulk(
        [row.application_id for row in ranking]
    )
    form = DecisionForm(
        request.POST,
        applications=[found[row.application_id] for row in ranking],
        proposed=proposed_outcomes(stage, ranking, last=last),
        outcomes=outcome_choices(last=last),
    )
    if form.is_valid():
        try:
            decisions.decide_stage(actor=request.user, stage=stage, decisions=form.decisions())
        except IllegalStep as error:
            flash_errors(request, error)
            return redirect("programs:stage_ranking", pk=stage.pk)
        except ValidationError as error:
            add_domain_error(form, error)
        else:
            messages.success(
                request, _("The decisions on %(stage)s are recorded.") % {"stage": stage.name}
            )
            return redirect("programs:stage_ranking", pk=stage.pk)
    stage.refresh_from_db()
    context = ranking_context(stage, None, decision_form=form)
    return render(request, "programs/stages/ranking.html", context, status=400)


def _last_stage(call: Call) -> ReviewStage | None:
    return call.stages.order_by("-position").first()


@login_required
@require_POST
def call_publish_results(request, slug: str):
    call = managed_call_or_404(request.user, slug)
    try:
        cohort = decisions.publish_results(actor=request.user, call=call)
    except ValidationError as error:
        flash_errors(request, error)
    else:
        messages.success(
            request,
            _("The results are published and the applicants told; %(cohort)s is formed.")
            % {"cohort": cohort},
        )
    last = _last_stage(call)
    if last is None:
        return redirect("programs:call_audit", slug=call.slug)
    return redirect("programs:stage_ranking", pk=last.pk)
