"""Forms of the review pages: they parse input, nothing more.

The domain functions (`scoring`, `conflicts`, `assignment`, `decisions`) check the rest:
who may score or assign, conflicts of interest and the state of the stage.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from ieum.core.forms import StyledFormMixin
from ieum.programs.enums import Aggregation, DecisionOutcome
from ieum.programs.models import Application, Criterion, ReviewAssignment, ReviewStage
from ieum.programs.scoring import SCORE_STEP, score_field

# A scale with more steps than this is typed as a number instead of picked from a list.
MOST_LISTED_STEPS = 21


def score_steps(criterion: Criterion) -> list[Decimal]:
    """Every allowed score of a criterion, from its lowest to its highest in half points."""
    count = int((criterion.scale_max - criterion.scale_min) / SCORE_STEP) + 1
    return [Decimal(criterion.scale_min) + SCORE_STEP * step for step in range(count)]


def show_score(value: Decimal) -> str:
    """2, 2.5 — never 2.00."""
    return f"{value.normalize():f}"


class ScoreField(forms.DecimalField):
    """A score within a criterion's scale in steps of half a point."""

    def __init__(self, criterion: Criterion, **kwargs):
        self.criterion = criterion
        steps = score_steps(criterion)
        if len(steps) <= MOST_LISTED_STEPS:
            widget = forms.Select(
                choices=[("", "—"), *((show_score(step), show_score(step)) for step in steps)]
            )
        else:
            widget = forms.NumberInput(attrs={"step": str(SCORE_STEP)})
        super().__init__(
            required=False,
            min_value=criterion.scale_min,
            max_value=criterion.scale_max,
            max_digits=5,
            decimal_places=1,
            widget=widget,
            label=criterion.name,
            **kwargs,
        )
        self.widget.attrs.update({"min": criterion.scale_min, "max": criterion.scale_max})

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            return show_score(value)
        return super().prepare_value(value)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        try:
            whole_steps = (value - self.criterion.scale_min) % SCORE_STEP == 0
        except InvalidOperation:
            whole_steps = False
        if not whole_steps:
            raise ValidationError(_("Scores go in steps of half a point."), code="score_step")


class ScoreForm(StyledFormMixin, forms.Form):
    """One score per criterion and a comment. Saving a draft takes any scores given;
    submitting asks for every criterion."""

    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the applicant does well and what is missing; staff read it."),
    )

    def __init__(self, *args, criteria: list[Criterion], submitting: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        self.submitting = submitting
        # The scores come first, in criterion order, then the comment.
        comment = self.fields.pop("comment")
        for criterion in criteria:
            self.fields[self.field_name(criterion)] = ScoreField(criterion)
        self.fields["comment"] = comment
        for name, field in self.fields.items():
            if name != "comment":
                kind = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
                field.widget.attrs["class"] = f"{kind} score-input"

    @staticmethod
    def field_name(criterion: Criterion) -> str:
        # The name `scoring` reports a criterion's errors under, so they land on its field.
        return score_field(criterion.pk)

    def score_fields(self):
        return [self[self.field_name(criterion)] for criterion in self.criteria]

    def clean(self):
        cleaned = super().clean()
        if self.submitting:
            for criterion in self.criteria:
                name = self.field_name(criterion)
                if name not in self.errors and cleaned.get(name) is None:
                    self.add_error(name, _("Score this criterion before you submit."))
        return cleaned

    def values(self) -> dict[int, Decimal]:
        """The scores given, by criterion id; criteria left empty are left out."""
        return {
            criterion.pk: self.cleaned_data[self.field_name(criterion)]
            for criterion in self.criteria
            if self.cleaned_data.get(self.field_name(criterion)) is not None
        }


class RecuseForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(
        label=_("Why you cannot review this application"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "For example: you advised the company, you know its founders, or you compete "
            "with it. Staff see the reason; the applicant does not."
        ),
    )


class ReviewListFilterForm(forms.Form):
    TABS = (("pending", _("To review")), ("submitted", _("Submitted")))

    tab = forms.ChoiceField(choices=TABS, required=False)

    def tab_value(self) -> str:
        if self.is_valid() and self.cleaned_data["tab"]:
            return self.cleaned_data["tab"]
        return "pending"


class ReviewerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name()


class AddAssignmentForm(forms.Form):
    """Staff add a reviewer of the call's pool to an application of the stage."""

    application = forms.ModelChoiceField(queryset=Application.objects.none())
    reviewer = ReviewerChoiceField(label=_("Reviewer"), queryset=get_user_model().objects.none())

    def __init__(self, *args, stage: ReviewStage, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["application"].queryset = applications
        self.fields["reviewer"].queryset = get_user_model().objects.filter(
            call_pools__call_id=stage.call_id
        )


class RemoveAssignmentForm(forms.Form):
    assignment = forms.ModelChoiceField(queryset=ReviewAssignment.objects.none())

    def __init__(self, *args, stage: ReviewStage, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignment"].queryset = stage.assignments.all()


class RankingOptionsForm(forms.Form):
    """Preview the ranking combined another way; the stage's own settings by default."""

    aggregation = forms.ChoiceField(
        label=_("Combine scores by"), choices=Aggregation.choices, required=False
    )
    normalize = forms.ChoiceField(
        label=_("Normalize each reviewer"),
        choices=(("no", _("No")), ("yes", _("Yes, z-score"))),
        required=False,
    )

    def __init__(self, *args, stage: ReviewStage, **kwargs):
        super().__init__(*args, **kwargs)
        self.stage = stage
        self.fields["aggregation"].choices = [
            (value, self._mark(label, value == stage.aggregation))
            for value, label in Aggregation.choices
        ]
        self.fields["normalize"].choices = [
            ("no", self._mark(_("No"), not stage.normalize)),
            ("yes", self._mark(_("Yes, z-score"), stage.normalize)),
        ]
        for field in self.fields.values():
            field.widget.attrs.update({"class": "form-select", "data-submit-on-change": ""})

    @staticmethod
    def _mark(label, is_stage_setting: bool) -> str:
        if is_stage_setting:
            return _("%(label)s (this stage's setting)") % {"label": label}
        return str(label)

    def options(self) -> tuple[str, bool]:
        """The aggregation and normalization to show: asked for, or the stage's own."""
        aggregation, normalize = self.stage.aggregation, self.stage.normalize
        if self.is_bound and self.is_valid():
            aggregation = self.cleaned_data["aggregation"] or aggregation
            if self.cleaned_data["normalize"]:
                normalize = self.cleaned_data["normalize"] == "yes"
        return aggregation, normalize


class DecisionForm(StyledFormMixin, forms.Form):
    """An outcome and a reason per ranked application, proposed from the ranking."""

    def __init__(
        self,
        *args,
        applications: list[Application],
        proposed: dict[int, str],
        outcomes: list[tuple[str, str]],
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.applications = applications
        for application in applications:
            label = _("Decision on %(reference)s") % {"reference": application.reference}
            self.fields[f"outcome_{application.pk}"] = forms.ChoiceField(
                label=label,
                choices=outcomes,
                initial=proposed.get(application.pk, DecisionOutcome.NOT_SELECTED),
                widget=forms.Select(
                    attrs={"class": "form-select form-select-sm", "aria-label": label}
                ),
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=_("Reason"), required=False, max_length=2000
            )

    def rows(self):
        return {
            application.pk: (self[f"outcome_{application.pk}"], self[f"reason_{application.pk}"])
            for application in self.applications
        }

    def decisions(self) -> list[tuple[Application, str, str]]:
        return [
            (
                application,
                self.cleaned_data[f"outcome_{application.pk}"],
                self.cleaned_data[f"reason_{application.pk}"],
            )
            for application in self.applications
        ]


class AuditFilterForm(forms.Form):
    KINDS = (
        ("", _("Every kind")),
        ("call", _("Call")),
        ("application", _("Applications")),
        ("callreviewer", _("Reviewer pool")),
        ("reviewassignment", _("Assignments")),
        ("score", _("Scores")),
        ("conflictofinterest", _("Conflicts of interest")),
        ("decision", _("Decisions")),
    )

    kind = forms.ChoiceField(label=_("Kind of record"), choices=KINDS, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs.update(
            {"class": "form-select", "data-submit-on-change": ""}
        )

    def kind_value(self) -> str:
        return self.cleaned_data["kind"] if self.is_valid() else ""
