"""API of support cases: read by the supported company, the provider and the cluster's
staff; recorded and moved on by the staff through `programs.support`, as on the pages."""

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.api import program_support_serializers as serializers
from ieum.api.partnering_views import READ_REFUSALS, REFUSALS, parse_body, parse_query, require
from ieum.programs import support
from ieum.programs.models import SupportCase
from ieum.programs.visibility import visible_support_cases

STEP_ANSWERS = {200: serializers.SupportCaseDetailSerializer, **REFUSALS}


class SupportCaseViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Support cases the caller may see: their companies' cases, those their
    organizations provide, and their clusters' (all for platform admins).

    POST records a case (cluster staff), PATCH changes it (the case's cluster staff),
    `status/` moves it on and `deliverables/` adds what it produced (multipart).
    """

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = serializers.SupportCaseSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return SupportCase.objects.none()
        return (
            visible_support_cases(self.request.user)
            .select_related("company", "provider", "cluster", "program")
            .order_by("-starts_on", "-pk")
        )

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.SupportCaseDetailSerializer
        return serializers.SupportCaseSerializer

    def handle_exception(self, exc):
        # A case that left the caller's reach between the lookup and the step.
        if isinstance(exc, SupportCase.DoesNotExist):
            exc = Http404()
        return super().handle_exception(exc)

    def show(self, case, status=status.HTTP_200_OK) -> Response:
        case = self.get_queryset().prefetch_related("deliverables").get(pk=case.pk)
        data = serializers.SupportCaseDetailSerializer(case, context={"request": self.request})
        return Response(data.data, status=status)

    @extend_schema(
        parameters=[serializers.SupportCaseFilterSerializer],
        responses={200: serializers.SupportCaseSerializer(many=True), 400: READ_REFUSALS[400]},
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.SupportCaseFilterSerializer, request)
        found = self.get_queryset()
        for name, lookup in (
            ("company", "company__slug"),
            ("cluster", "cluster__slug"),
            ("program", "program__slug"),
            ("stage", "stage"),
            ("status", "status"),
        ):
            if name in query:
                found = found.filter(**{lookup: query[name]})
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses={200: serializers.SupportCaseDetailSerializer, **READ_REFUSALS})
    def retrieve(self, request, *args, **kwargs):
        return self.show(self.get_object())

    @extend_schema(
        request=serializers.SupportCaseInputSerializer,
        responses={201: serializers.SupportCaseDetailSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        """Record an item of support for a company, planned until the staff start it."""
        require(request, "programs.add_support_case", None)
        data = parse_body(serializers.SupportCaseInputSerializer, request)
        company = data.pop("company")
        case = support.create_support_case(actor=request.user, company=company, data=data)
        return self.show(case, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.SupportCaseChangeSerializer,
        responses={200: serializers.SupportCaseDetailSerializer, **REFUSALS},
    )
    def partial_update(self, request, *args, **kwargs):
        """Change a case (the staff of its cluster; 409 once cancelled)."""
        case = self.get_object()
        require(request, "programs.manage_support_case", case)
        given = serializers.SupportCaseChangeSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        given.is_valid(raise_exception=True)
        case = support.update_support_case(
            actor=request.user, case=case, data=dict(given.validated_data)
        )
        return self.show(case)

    @extend_schema(request=serializers.SupportStatusInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"], url_path="status")
    def move(self, request, pk=None):
        """Start, complete or cancel the case (409 for a step its status refuses)."""
        case = self.get_object()
        require(request, "programs.manage_support_case", case)
        given = parse_body(serializers.SupportStatusInputSerializer, request)
        return self.show(
            support.set_support_status(actor=request.user, case=case, status=given["status"])
        )

    @extend_schema(
        request={"multipart/form-data": serializers.DeliverableInputSerializer},
        responses={201: serializers.SupportCaseDetailSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def deliverables(self, request, pk=None):
        """Add a deliverable, with its file in private storage."""
        case = self.get_object()
        require(request, "programs.manage_support_case", case)
        given = parse_body(serializers.DeliverableInputSerializer, request)
        support.add_deliverable(
            actor=request.user,
            case=case,
            title=given["title"],
            delivered_on=given["delivered_on"],
            upload=given.get("file"),
        )
        return self.show(case, status=status.HTTP_201_CREATED)
