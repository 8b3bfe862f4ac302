from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel
from ieum.directory.enums import Vocabulary
from ieum.programs.enums import (
    Aggregation,
    AssignmentMethod,
    AssignmentStatus,
    ConflictKind,
    DecisionOutcome,
    StageKind,
    StageStatus,
    TieBreak,
)


class ReviewStage(BilingualNameMixin, TimeStampedModel):
    """One round of review of a call (서면 → 발표 → 현장), with its own criteria and rules
    for combining scores. Applications that advance from one stage enter the next."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField(_("position"), default=1)
    kind = models.CharField(_("kind"), max_length=16, choices=StageKind.choices)
    name_ko = models.CharField(_("Korean name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=StageStatus.choices, default=StageStatus.SETUP
    )
    reviewers_per_application = models.PositiveSmallIntegerField(
        _("reviewers per application"), default=3, validators=[MinValueValidator(1)]
    )
    is_blind = models.BooleanField(
        _("blind review"), default=False, help_text=_("Reviewers do not see who applied.")
    )
    aggregation = models.CharField(
        _("combine scores by"), max_length=16, choices=Aggregation.choices, default=Aggregation.MEAN
    )
    # The trimmed mean drops this many highest and as many lowest totals.
    trim_count = models.PositiveSmallIntegerField(_("totals trimmed at each end"), default=1)
    normalize = models.BooleanField(_("normalize each reviewer's scores (z-score)"), default=False)
    disagreement_threshold = models.DecimalField(
        _("flag disagreement from (standard deviation, points)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("15"),
    )
    tie_break = models.CharField(
        _("break ties by"), max_length=16, choices=TieBreak.choices, default=TieBreak.CRITERIA
    )
    # How many applications go on (or, in the last stage, are selected); empty = call quota.
    advance_count = models.PositiveIntegerField(_("applications to advance"), null=True, blank=True)
    reviews_due_at = models.DateTimeField(_("reviews due"), null=True, blank=True)

    class Meta:
        ordering = ["call", "position", "pk"]
        verbose_name = _("review stage")
        verbose_name_plural = _("review stages")
        constraints = [
            models.UniqueConstraint(fields=["call", "position"], name="one_stage_per_position"),
        ]

    def __str__(self) -> str:
        return self.name


class Criterion(BilingualNameMixin, models.Model):
    """A scored criterion. A reviewer's total for an application is the weighted mean of
    its criteria, each rescaled from [scale_min, scale_max] to [0, 100]."""

    stage = models.ForeignKey(ReviewStage, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_ko = models.CharField(_("Korean name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120, blank=True)
    description_ko = models.TextField(_("Korean description"), blank=True)
    description_en = models.TextField(_("English description"), blank=True)
    weight = models.PositiveSmallIntegerField(_("weight"), validators=[MinValueValidator(1)])
    scale_min = models.PositiveSmallIntegerField(_("lowest score"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest score"), default=5)

    class Meta:
        ordering = ["stage", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="criterion_scale_not_empty"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ReviewerProfile(TimeStampedModel):
    """What an external evaluator knows, and where they worked (for conflict checks)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reviewer_profile"
    )
    expertise = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("expertise"),
        blank=True,
        related_name="+",
        limit_choices_to={
            "vocabulary__in": [Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD]
        },
    )
    bio = models.TextField(_("background"), blank=True)

    class Meta:
        verbose_name = _("reviewer profile")
        verbose_name_plural = _("reviewer profiles")

    def __str__(self) -> str:
        return str(self.user)


class Affiliation(models.Model):
    """A past (or current) employment or advisory role of a reviewer."""

    profile = models.ForeignKey(
        ReviewerProfile, on_delete=models.CASCADE, related_name="affiliations"
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("organization"), on_delete=models.CASCADE
    )
    role = models.CharField(_("role"), max_length=120, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True, help_text=_("Empty if current."))

    class Meta:
        ordering = ["profile", "-ended_on", "pk"]
        verbose_name = _("affiliation")
        verbose_name_plural = _("affiliations")

    def __str__(self) -> str:
        return f"{self.profile} · {self.organization}"


class CallReviewer(TimeStampedModel):
    """A member of a call's reviewer pool."""

    call = models.ForeignKey("programs.Call", on_delete=models.CASCADE, related_name="pool")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="call_pools"
    )
    max_reviews = models.PositiveSmallIntegerField(
        _("most reviews per stage"), null=True, blank=True
    )

    class Meta:
        ordering = ["call", "pk"]
        verbose_name = _("pool reviewer")
        verbose_name_plural = _("reviewer pool")
        constraints = [
            models.UniqueConstraint(fields=["call", "reviewer"], name="one_pool_seat_per_reviewer"),
        ]

    def __str__(self) -> str:
        return f"{self.call} · {self.reviewer}"


class ConflictOfInterest(TimeStampedModel):
    """A reason a reviewer must not see an application: found automatically or declared.

    While a row exists the reviewer is never assigned the application and cannot see it.
    """

    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="conflicts"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_conflicts"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ConflictKind.choices)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["application", "reviewer", "kind"]
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflicts of interest")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer", "kind"], name="one_conflict_per_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.application} · {self.get_kind_display()}"


class ReviewAssignment(TimeStampedModel):
    """A reviewer asked to score an application in one stage."""

    stage = models.ForeignKey(ReviewStage, on_delete=models.CASCADE, related_name="assignments")
    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="assignments"
    )
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AssignmentStatus.choices,
        default=AssignmentStatus.ASSIGNED,
    )
    method = models.CharField(_("assigned"), max_length=12, choices=AssignmentMethod.choices)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    expertise_match = models.BooleanField(_("expertise matches"), default=False)
    comment = models.TextField(_("comment"), blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    recused_at = models.DateTimeField(_("recused"), null=True, blank=True)

    class Meta:
        ordering = ["stage", "application", "pk"]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")
        constraints = [
            models.UniqueConstraint(
                fields=["stage", "application", "reviewer"], name="one_assignment_per_reviewer"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} · {self.application}"


class Score(TimeStampedModel):
    assignment = models.ForeignKey(
        ReviewAssignment, on_delete=models.CASCADE, related_name="scores"
    )
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    value = models.DecimalField(_("score"), max_digits=5, decimal_places=2)

    class Meta:
        ordering = ["assignment", "criterion__position", "criterion_id"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="one_score_per_criterion"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assignment} · {self.criterion}: {self.value}"


class Decision(TimeStampedModel):
    """Staff's decision on an application at the end of a stage."""

    application = models.ForeignKey(
        "programs.Application", on_delete=models.CASCADE, related_name="decisions"
    )
    stage = models.ForeignKey(ReviewStage, on_delete=models.CASCADE, related_name="decisions")
    outcome = models.CharField(_("decision"), max_length=16, choices=DecisionOutcome.choices)
    reason = models.TextField(_("reason"), blank=True)
    rank = models.PositiveIntegerField(_("rank"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=7, decimal_places=3, null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["stage", "rank", "pk"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.UniqueConstraint(fields=["application", "stage"], name="one_decision_per_stage"),
        ]

    def __str__(self) -> str:
        return f"{self.application} · {self.get_outcome_display()}"
