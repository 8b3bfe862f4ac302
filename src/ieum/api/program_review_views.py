"""API of review assignments: a reviewer scores, submits and recuses through the same
rules and domain functions as the review page (`programs.scoring`, `programs.conflicts`).

A reviewer lists and reads only their own live assignments: never one they recused
from, one on an application they have a conflict of interest with (found or declared),
or one on a withdrawn application; those are 404, as if they did not exist. The call's
managers read their calls' assignments, with the reviewers' names, but score none.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q
from django.http import Http404
from drf_spectacular.utils import PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.api import program_review_serializers as serializers
from ieum.api.partnering_views import READ_REFUSALS, REFUSALS, parse_body, parse_query, require
from ieum.programs import conflicts, scoring
from ieum.programs.enums import ApplicationStatus
from ieum.programs.models import Criterion, ReviewAssignment
from ieum.programs.review_sheets import other_reviews, own_scores, total_of
from ieum.programs.visibility import managed_calls, reviewer_assignments

ASSIGNMENT_FOR_CALLER = PolymorphicProxySerializer(
    component_name="ReviewAssignmentForCaller",
    serializers=[
        serializers.OwnAssignmentDetailSerializer,
        serializers.ManagedAssignmentDetailSerializer,
    ],
    resource_type_field_name=None,
)
ASSIGNMENT_ROW = PolymorphicProxySerializer(
    component_name="ReviewAssignmentRow",
    serializers=[serializers.AssignmentSerializer, serializers.ManagedAssignmentSerializer],
    resource_type_field_name=None,
    many=True,
)
STEP_ANSWERS = {200: ASSIGNMENT_FOR_CALLER, **REFUSALS}


@dataclass(frozen=True)
class Review:
    criteria: list[Criterion]
    scores: dict[int, Decimal]
    comment: str
    total: Decimal | None
    others_visible: bool
    others: list = field(default_factory=list)


def review_of(user, assignment: ReviewAssignment) -> Review:
    """The review as the caller may read it: the others' scores only once allowed."""
    criteria = list(assignment.stage.criteria.order_by("position", "pk"))
    scores = own_scores(assignment)
    visible = user.has_perm("programs.see_other_scores", assignment)
    others = []
    if visible:
        named = user.has_perm("programs.manage_assignment", assignment)
        others = other_reviews(assignment, criteria, named=named)
    return Review(
        criteria=criteria,
        scores=scores,
        comment=assignment.comment,
        total=total_of(scores, criteria),
        others_visible=visible,
        others=others,
    )


class ReviewAssignmentViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The caller's reviews, and for the call's managers their calls' assignments.

    `scores/` saves the reviewer's scores (until the stage is decided), `submit/` hands
    the review in, after which the other reviewers' scores show, anonymised; `recuse/`
    declares a conflict of interest with a reason, and the application leaves the
    reviewer's sight for good.
    """

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = serializers.AssignmentSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ReviewAssignment.objects.none()
        user = self.request.user
        own = reviewer_assignments(user).exclude(application__status=ApplicationStatus.WITHDRAWN)
        reach = Q(pk__in=own.values("pk")) | Q(stage__call__in=managed_calls(user))
        return (
            ReviewAssignment.objects.filter(reach)
            .select_related("stage__call", "application__company", "reviewer")
            .order_by("stage__call", "stage__position", "application", "pk")
        )

    def handle_exception(self, exc):
        if isinstance(exc, ReviewAssignment.DoesNotExist):
            exc = Http404()
        return super().handle_exception(exc)

    def is_own(self, assignment) -> bool:
        return assignment.reviewer_id == self.request.user.pk

    def present(self, assignment, status=status.HTTP_200_OK) -> Response:
        user = self.request.user
        assignment = self.get_queryset().get(pk=assignment.pk)
        context = {
            "request": self.request,
            "review": review_of(user, assignment),
            "managed": not self.is_own(assignment),
        }
        shape = (
            serializers.OwnAssignmentDetailSerializer
            if self.is_own(assignment)
            else serializers.ManagedAssignmentDetailSerializer
        )
        return Response(shape(assignment, context=context).data, status=status)

    @extend_schema(
        parameters=[serializers.AssignmentFilterSerializer],
        responses={200: ASSIGNMENT_ROW, 400: READ_REFUSALS[400]},
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.AssignmentFilterSerializer, request)
        found = self.get_queryset()
        if "status" in query:
            found = found.filter(status=query["status"])
        if "call" in query:
            found = found.filter(stage__call__slug=query["call"])
        if query.get("role") == "reviewer":
            found = found.filter(reviewer=request.user)
        elif query.get("role") == "manager":
            found = found.filter(stage__call__in=managed_calls(request.user))
        page = self.paginate_queryset(found)
        rows = []
        for assignment in page:
            own = self.is_own(assignment)
            shape = (
                serializers.AssignmentSerializer if own else serializers.ManagedAssignmentSerializer
            )
            context = {"request": request, "managed": not own}
            rows.append(shape(assignment, context=context).data)
        return self.get_paginated_response(rows)

    @extend_schema(responses={200: ASSIGNMENT_FOR_CALLER, **READ_REFUSALS})
    def retrieve(self, request, *args, **kwargs):
        return self.present(self.get_object())

    @extend_schema(request=serializers.ScoresInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def scores(self, request, pk=None):
        """Save the reviewer's scores and comment; criteria left out keep their score."""
        assignment = self.get_object()
        require(request, "programs.review", assignment)
        given = parse_body(serializers.ScoresInputSerializer, request)
        done = scoring.save_scores(
            actor=request.user,
            assignment=assignment,
            values=given["scores"],
            comment=given.get("comment", assignment.comment),
        )
        return self.present(done)

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Hand the review in once every criterion is scored (400 lists what is not)."""
        assignment = self.get_object()
        require(request, "programs.review", assignment)
        return self.present(scoring.submit_review(actor=request.user, assignment=assignment))

    @extend_schema(
        request=serializers.RecuseInputSerializer,
        responses={200: serializers.RecusalSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def recuse(self, request, pk=None):
        """Declare a conflict of interest with the application, with the reason."""
        assignment = self.get_object()
        require(request, "programs.review", assignment)
        given = parse_body(serializers.RecuseInputSerializer, request)
        conflict = conflicts.declare_conflict(
            actor=request.user, application=assignment.application, reason=given["reason"]
        )
        return Response(serializers.RecusalSerializer(conflict).data)
