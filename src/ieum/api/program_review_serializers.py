"""API shapes of review assignments: a reviewer's own, and what the call's managers see.

A reviewer's assignment carries their own scores; the other reviewers' scores come only
once the rules allow it (`programs.see_other_scores`: their own review submitted),
anonymised as on the review page. In a blind stage the application has no company.
No shape ever names the reviewers of an application to another reviewer.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ieum.api.partnering_serializers import OrganizationRefSerializer
from ieum.api.program_serializers import CallRefSerializer, CriterionSerializer
from ieum.programs.enums import AssignmentStatus
from ieum.programs.models import ConflictOfInterest, ReviewAssignment, ReviewStage

SCORE = serializers.DecimalField(max_digits=5, decimal_places=2)


class StageRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewStage
        fields = ["id", "position", "kind", "name_ko", "name_en", "is_blind", "reviews_due_at"]


class AssignedApplicationSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    reference = serializers.CharField(read_only=True)
    title = serializers.CharField(read_only=True)
    company = serializers.SerializerMethodField(help_text="Null in a blind stage")

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_company(self, application):
        if self.context.get("blind"):
            return None
        return OrganizationRefSerializer(application.company).data


class ReviewerRefSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    name = serializers.CharField(source="get_full_name", read_only=True)


class OtherReviewSerializer(serializers.Serializer):
    label = serializers.CharField(
        read_only=True, help_text="“Reviewer 1”, … for reviewers; the name for managers"
    )
    status = serializers.CharField(read_only=True)
    scores = serializers.ListField(
        child=serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True),
        read_only=True,
        help_text="In the order of `criteria`; null where not scored",
    )
    total = serializers.DecimalField(
        max_digits=7, decimal_places=3, read_only=True, allow_null=True
    )
    comment = serializers.CharField(read_only=True)


class AssignmentSerializer(serializers.ModelSerializer):
    """A list row: which application, in which stage, how far the review is."""

    url = serializers.HyperlinkedIdentityField(view_name="api:review-assignment-detail")
    call = CallRefSerializer(source="stage.call", read_only=True)
    stage = StageRefSerializer(read_only=True)
    application = serializers.SerializerMethodField()

    class Meta:
        model = ReviewAssignment
        fields = ["url", "id", "call", "stage", "application", "status", "submitted_at"]

    @extend_schema_field(AssignedApplicationSerializer)
    def get_application(self, assignment):
        blind = assignment.stage.is_blind and not self.context.get("managed")
        return AssignedApplicationSerializer(assignment.application, context={"blind": blind}).data


class ManagedAssignmentSerializer(AssignmentSerializer):
    """A row as the call's managers see it: who reviews, and how they were assigned."""

    reviewer = ReviewerRefSerializer(read_only=True)

    class Meta(AssignmentSerializer.Meta):
        fields = [
            *AssignmentSerializer.Meta.fields,
            "reviewer",
            "method",
            "expertise_match",
            "recused_at",
        ]


class ReviewDetailSerializer(serializers.Serializer):
    """The review itself: criteria, the own scores and total, and the others' if allowed."""

    criteria = CriterionSerializer(many=True, read_only=True)
    scores = serializers.DictField(
        child=SCORE, read_only=True, help_text="The assignment's scores by criterion id"
    )
    comment = serializers.CharField(read_only=True)
    total = serializers.DecimalField(
        max_digits=7,
        decimal_places=3,
        read_only=True,
        allow_null=True,
        help_text="Weighted total (0–100) once every criterion is scored",
    )
    others_visible = serializers.BooleanField(
        read_only=True, help_text="False until the caller's own review is submitted"
    )
    others = OtherReviewSerializer(many=True, read_only=True)


class ReviewMixin(serializers.Serializer):
    review = serializers.SerializerMethodField()

    @extend_schema_field(ReviewDetailSerializer)
    def get_review(self, assignment):
        # The view works the review out (`program_review_views.review_of`).
        return ReviewDetailSerializer(self.context["review"]).data


class OwnAssignmentDetailSerializer(ReviewMixin, AssignmentSerializer):
    class Meta(AssignmentSerializer.Meta):
        fields = [*AssignmentSerializer.Meta.fields, "expertise_match", "review"]


class ManagedAssignmentDetailSerializer(ReviewMixin, ManagedAssignmentSerializer):
    class Meta(ManagedAssignmentSerializer.Meta):
        fields = [*ManagedAssignmentSerializer.Meta.fields, "review"]


class ScoresInputSerializer(serializers.Serializer):
    scores = serializers.DictField(
        child=serializers.CharField(),
        help_text="Scores by criterion id, within the criterion's scale, in steps of 0.5",
    )
    comment = serializers.CharField(
        max_length=20_000,
        required=False,
        allow_blank=True,
        help_text="Absent keeps the comment as it is",
    )


class RecuseInputSerializer(serializers.Serializer):
    # Blank passes through: the domain function says why a reason is needed.
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class RecusalSerializer(serializers.ModelSerializer):
    class Meta:
        model = ConflictOfInterest
        fields = ["application", "kind", "reason", "created_at"]


class AssignmentFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=AssignmentStatus.choices, required=False)
    call = serializers.SlugField(required=False, help_text="Call address (slug)")
    role = serializers.ChoiceField(
        choices=[
            ("reviewer", _("my own reviews")),
            ("manager", _("reviews of the calls I manage")),
        ],
        required=False,
    )
