"""API of support-program calls and applications: the same rules (`programs/rules.py`),
visibility queries and domain functions (`programs.applications`) as the pages.

A call or application the caller may not see is 404, a step they may not take 403, bad
input 400 (every problem of a save at once), and a step the state or the clock refuses
409 (a closed call names its closing time in Seoul). Review assignments are in
`program_review_views.py`, support cases in `program_support_views.py`.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.accounts.access import access_for
from ieum.api import program_serializers as serializers
from ieum.api.partnering_views import READ_REFUSALS, REFUSALS, parse_body, parse_query, require
from ieum.programs import applications
from ieum.programs.enums import ApplicationStatus, AssignmentStatus, CallPhase
from ieum.programs.models import Application, ReviewAssignment
from ieum.programs.rules import manages_cluster_id
from ieum.programs.visibility import visible_applications, visible_calls

APPLICATION_FOR_CALLER = PolymorphicProxySerializer(
    component_name="ApplicationForCaller",
    serializers=[
        serializers.OwnApplicationDetailSerializer,
        serializers.ManagedApplicationSerializer,
        serializers.ReviewedApplicationSerializer,
    ],
    resource_type_field_name=None,
)
APPLICATION_ROW = PolymorphicProxySerializer(
    component_name="ApplicationRow",
    serializers=[
        serializers.OwnApplicationSerializer,
        serializers.ManagedApplicationSerializer,
        serializers.ReviewedApplicationSerializer,
    ],
    resource_type_field_name=None,
    many=True,
)
STEP_ANSWERS = {200: APPLICATION_FOR_CALLER, **REFUSALS}


def phase_condition(phase: str) -> Q:
    """The calls in a phase now, as a filter (mirrors `applications.call_phase`)."""
    now = timezone.now()
    if phase == CallPhase.UPCOMING:
        return Q(opens_at__gt=now)
    if phase == CallPhase.OPEN:
        return Q(opens_at__lte=now, closes_at__gt=now)
    if phase == CallPhase.REVIEWING:
        return Q(closes_at__lte=now, results_published_at__isnull=True)
    return Q(closes_at__lte=now, results_published_at__isnull=False)


class CallViewSet(viewsets.ReadOnlyModelViewSet):
    """Calls (공고): published ones for everyone, drafts also for their managers. The
    detail holds the form (questions, required documents), the review stages and their
    criteria (never the reviewers) and the notices."""

    lookup_field = "slug"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.CallDetailSerializer
        return serializers.CallSerializer

    def get_queryset(self):
        calls = (
            visible_calls(self.request.user)
            .select_related("program__cluster")
            .prefetch_related("eligible_regions", "eligible_fields")
        )
        if self.action == "retrieve":
            calls = calls.prefetch_related(
                "questions", "required_documents", "stages__criteria", "notices"
            )
        return calls.order_by("-opens_at", "pk")

    @extend_schema(parameters=[serializers.CallFilterSerializer])
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.CallFilterSerializer, request)
        calls = self.get_queryset()
        if "phase" in query:
            calls = calls.filter(phase_condition(query["phase"]))
        if "program" in query:
            calls = calls.filter(program__slug=query["program"])
        if "cluster" in query:
            calls = calls.filter(program__cluster__slug=query["cluster"])
        page = self.paginate_queryset(calls)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)


class ApplicationViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Applications the caller may see: their companies' (drafts included), those to the
    calls they manage once submitted, and those they review with no conflict of interest.

    POST starts a draft (or returns the company's live one), PATCH changes a draft,
    `files/` attaches a file to a slot, and `submit/` and `withdraw/` take the steps.
    A reviewer sees what their review page shows: no status, and in a blind stage no
    company; a withdrawn application leaves their sight.
    """

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = serializers.ReviewedApplicationSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Application.objects.none()
        user = self.request.user
        access = access_for(user)
        found = visible_applications(user)
        if not access.is_platform_admin:
            # Reviewers lose sight of a withdrawn application; its company and the
            # call's managers keep it.
            keeps = Q(company_id__in=access.organization_ids) | Q(
                call__program__cluster_id__in=access.staffed_cluster_ids
            )
            found = found.exclude(Q(status=ApplicationStatus.WITHDRAWN) & ~keeps)
        return (
            found.select_related("call__program", "company")
            .prefetch_related("fields", "files")
            .order_by("-created_at", "-pk")
        )

    def handle_exception(self, exc):
        # An application that left the caller's reach between the lookup and the step.
        if isinstance(exc, Application.DoesNotExist):
            exc = Http404()
        return super().handle_exception(exc)

    def blind_ids(self, application_ids) -> set[int]:
        """Of these applications, those the caller reviews in a blind stage."""
        return set(
            ReviewAssignment.objects.filter(
                reviewer=self.request.user, application_id__in=application_ids, stage__is_blind=True
            )
            .exclude(status=AssignmentStatus.RECUSED)
            .values_list("application_id", flat=True)
        )

    def shape_of(self, application, *, detail: bool):
        user = self.request.user
        if application.company_id in access_for(user).organization_ids:
            if detail:
                return serializers.OwnApplicationDetailSerializer
            return serializers.OwnApplicationSerializer
        if application.status != ApplicationStatus.DRAFT and manages_cluster_id(
            user, application.call.program.cluster_id
        ):
            return serializers.ManagedApplicationSerializer
        return serializers.ReviewedApplicationSerializer

    def present(self, rows, *, detail: bool) -> list[dict]:
        context = {"request": self.request, "blind_ids": self.blind_ids([r.pk for r in rows])}
        return [self.shape_of(row, detail=detail)(row, context=context).data for row in rows]

    def show(self, application, status=status.HTTP_200_OK) -> Response:
        application = self.get_queryset().get(pk=application.pk)
        return Response(self.present([application], detail=True)[0], status=status)

    @extend_schema(
        parameters=[serializers.ApplicationFilterSerializer],
        responses={200: APPLICATION_ROW, 400: READ_REFUSALS[400]},
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.ApplicationFilterSerializer, request)
        found = self.get_queryset()
        if "call" in query:
            found = found.filter(call__slug=query["call"])
        if "role" in query:
            found = found.filter(self.role_condition(query["role"]))
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.present(page, detail=False))

    def role_condition(self, role: str) -> Q:
        user = self.request.user
        access = access_for(user)
        if role == "applicant":
            return Q(company_id__in=access.organization_ids)
        if role == "manager":
            managed = (
                Q()
                if access.is_platform_admin
                else Q(call__program__cluster_id__in=access.staffed_cluster_ids)
            )
            return managed & ~Q(status=ApplicationStatus.DRAFT)
        return Q(
            Exists(
                ReviewAssignment.objects.filter(application=OuterRef("pk"), reviewer=user).exclude(
                    status=AssignmentStatus.RECUSED
                )
            )
        )

    @extend_schema(responses={200: APPLICATION_FOR_CALLER, **READ_REFUSALS})
    def retrieve(self, request, *args, **kwargs):
        return self.show(self.get_object())

    @extend_schema(
        request=serializers.ApplicationStartSerializer,
        responses={
            201: serializers.OwnApplicationDetailSerializer,
            200: serializers.OwnApplicationDetailSerializer,
            **REFUSALS,
        },
    )
    def create(self, request, *args, **kwargs):
        """Start a draft for one of the caller's companies; 200 with the company's live
        application when it already has one for the call."""
        data = parse_body(serializers.ApplicationStartSerializer, request)
        call = data["call"]
        company = data.get("company") or self.sole_company()
        existing = applications.live_application(call=call, company=company)
        application = applications.start_application(actor=request.user, call=call, company=company)
        created = existing is None or existing.pk != application.pk
        return self.show(application, status=status.HTTP_201_CREATED if created else 200)

    def sole_company(self):
        companies = list(applications.applying_companies(self.request.user)[:2])
        if not companies:
            raise PermissionDenied(_("You cannot apply for this organization."))
        if len(companies) > 1:
            raise ValidationError(
                {"company": _("Say which of your companies applies (its address).")}
            )
        return companies[0]

    @extend_schema(
        request=serializers.ApplicationChangeSerializer,
        responses={200: serializers.OwnApplicationDetailSerializer, **REFUSALS},
    )
    def partial_update(self, request, *args, **kwargs):
        """Change a draft (its company only; 409 once submitted or after the deadline)."""
        application = self.get_object()
        require(request, "programs.submit_application", application)
        given = parse_body(serializers.ApplicationChangeSerializer, request)
        answers = given.pop("answers", {})
        application = applications.save_application(
            actor=request.user, application=application, data=given, answers=answers, uploads={}
        )
        return self.show(application)

    @extend_schema(
        request={"multipart/form-data": serializers.ApplicationUploadSerializer},
        responses={200: serializers.OwnApplicationDetailSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def files(self, request, pk=None):
        """Attach a file to a draft's slot, replacing the file the slot held (multipart)."""
        application = self.get_object()
        require(request, "programs.submit_application", application)
        given = parse_body(serializers.ApplicationUploadSerializer, request)
        application = applications.save_application(
            actor=request.user,
            application=application,
            data={},
            answers={},
            uploads={given["slot"]: given["file"]},
        )
        return self.show(application)

    @extend_schema(
        parameters=[OpenApiParameter("file_id", int, OpenApiParameter.PATH)],
        request=None,
        responses={200: serializers.OwnApplicationDetailSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["delete"], url_path=r"files/(?P<file_id>[0-9]+)")
    def remove_file(self, request, pk=None, file_id=None):
        """Take a file off a draft."""
        application = self.get_object()
        require(request, "programs.submit_application", application)
        stored = get_object_or_404(application.files, pk=file_id)
        applications.remove_file(actor=request.user, file=stored)
        return self.show(application)

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Submit a complete draft of an eligible company before the deadline (server
        clock): 409 once closed, 400 with the reasons or the missing items."""
        application = self.get_object()
        require(request, "programs.submit_application", application)
        return self.show(
            applications.submit_application(actor=request.user, application=application)
        )

    @extend_schema(request=serializers.WithdrawInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        """Take the application back, until the results are announced."""
        application = self.get_object()
        require(request, "programs.withdraw_application", application)
        given = parse_body(serializers.WithdrawInputSerializer, request)
        return self.show(
            applications.withdraw_application(
                actor=request.user, application=application, reason=given["reason"]
            )
        )
