"""API of service requests: the same rules (`linkage/rules.py`) and domain functions
(`drafts`, `workflow`, `threads`) as the pages. Offerings are in
`linkage_offering_views.py`.
"""

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, PolymorphicProxySerializer, extend_schema
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.accounts.access import access_for
from ieum.api import linkage_serializers as serializers
from ieum.api.partnering_views import READ_REFUSALS, REFUSALS, parse_body, parse_query, require
from ieum.core.business_days import seoul_today
from ieum.core.downloads import private_attachment
from ieum.linkage import drafts, threads, workflow
from ieum.linkage.deadlines import overdue_condition
from ieum.linkage.enums import PROVIDER_STATUSES, ReadChannel, RequestStatus
from ieum.linkage.models import ServiceRequest
from ieum.linkage.routing import suggest_providers
from ieum.linkage.visibility import record_read, visible_requests

# A request as the caller may see it: the details, or the sealed part only.
REQUEST_FOR_CALLER = PolymorphicProxySerializer(
    component_name="ServiceRequestForCaller",
    serializers=[
        serializers.ServiceRequestDetailSerializer,
        serializers.SealedServiceRequestSerializer,
    ],
    resource_type_field_name=None,
)
REQUEST_ROW = PolymorphicProxySerializer(
    component_name="ServiceRequestRow",
    serializers=[
        serializers.ServiceRequestSummarySerializer,
        serializers.SealedServiceRequestSerializer,
    ],
    resource_type_field_name=None,
    many=True,
)
STEP_ANSWERS = {200: REQUEST_FOR_CALLER, **REFUSALS}


class DownloadRenderer(renderers.BaseRenderer):
    """Lets a download answer whatever the client accepts; errors still go out as JSON."""

    media_type = "*/*"
    format = "download"
    charset = None

    def render(self, data, accepted_media_type=None, renderer_context=None):
        return json.dumps(data).encode() if data is not None else b""


def attachment(stored) -> FileResponse:
    """A file sent so that it never runs in the browser: an attachment, its type not
    sniffed, sandboxed if opened anyway, and not kept in caches."""
    return private_attachment(
        stored.file, filename=stored.original_name, content_type=stored.content_type
    )


class ServiceRequestViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Service requests the caller is a party to: the company's members, the assigned
    provider's members, the routing cluster's staff and platform admins.

    POST writes a draft (JSON; attachments go to `files/`), PATCH changes a draft, and
    the actions take the workflow's steps, each by its role only.

    Lists give summaries (no description, goal, product, thread or files) and write no
    read log. Every answer with the details of a confidential request (detail, a step's
    answer, thread, timeline, files, a download) is logged as a read. A provider before
    the NDA gets the sealed part and 403 on the thread, timeline and files.
    """

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = serializers.ServiceRequestSummarySerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return ServiceRequest.objects.none()
        return (
            visible_requests(self.request.user)
            .select_related("company", "provider", "cluster", "therapeutic_area")
            .order_by("-created_at", "-pk")
        )

    def handle_exception(self, exc):
        # A request that left the caller's reach between the lookup and the step.
        if isinstance(exc, ServiceRequest.DoesNotExist):
            exc = Http404()
        return super().handle_exception(exc)

    def context(self) -> dict:
        return {"request": self.request}

    def shape(self, service_request, *, details=serializers.ServiceRequestDetailSerializer):
        user = self.request.user
        if not user.has_perm("linkage.read_request_details", service_request):
            return serializers.SealedServiceRequestSerializer(
                service_request, context=self.context()
            ).data
        return details(service_request, context=self.context()).data

    def show(self, service_request, status=status.HTTP_200_OK) -> Response:
        """The request as the caller may see it now; showing the details is a read."""
        user = self.request.user
        service_request = (
            ServiceRequest.objects.select_related(
                "company", "provider", "cluster", "therapeutic_area", "device_class", "offering"
            )
            .prefetch_related("files")
            .get(pk=service_request.pk)
        )
        # After declining, a provider is no longer a party: it keeps the sealed part.
        if user.has_perm("linkage.read_request_details", service_request):
            record_read(user=user, request=service_request, channel=ReadChannel.API)
        return Response(self.shape(service_request), status=status)

    def read(self, service_request) -> None:
        """Refuse a sealed provider; log the read of a confidential request's details."""
        require(self.request, "linkage.read_request_details", service_request)
        record_read(user=self.request.user, request=service_request, channel=ReadChannel.API)

    @extend_schema(
        parameters=[serializers.ServiceRequestFilterSerializer],
        responses={200: REQUEST_ROW, 400: READ_REFUSALS[400]},
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.ServiceRequestFilterSerializer, request)
        found = self.get_queryset()
        for field in ("status", "service_type"):
            if field in query:
                found = found.filter(**{field: query[field]})
        if "role" in query:
            found = found.filter(self.role_condition(query["role"]))
        if query.get("overdue") is True:
            found = found.filter(overdue_condition(seoul_today()))
        elif query.get("overdue") is False:
            found = found.exclude(overdue_condition(seoul_today()))
        page = self.paginate_queryset(found)
        rows = [
            self.shape(row, details=serializers.ServiceRequestSummarySerializer) for row in page
        ]
        return self.get_paginated_response(rows)

    def role_condition(self, role: str) -> Q:
        access = access_for(self.request.user)
        if role == "company":
            return Q(company_id__in=access.organization_ids)
        if role == "provider":
            return Q(provider_id__in=access.organization_ids, status__in=PROVIDER_STATUSES)
        routed = Q(cluster_id__in=access.staffed_cluster_ids)
        if access.is_platform_admin:
            routed = Q()
        return routed & ~Q(status=RequestStatus.DRAFT)

    @extend_schema(responses={200: REQUEST_FOR_CALLER, **READ_REFUSALS})
    def retrieve(self, request, *args, **kwargs):
        return self.show(self.get_object())

    @extend_schema(
        request=serializers.ServiceRequestInputSerializer,
        responses={201: serializers.ServiceRequestDetailSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        """Write a draft; nobody but the company sees it until it is submitted."""
        data = parse_body(serializers.ServiceRequestInputSerializer, request)
        company = data.pop("company", None) or self.sole_company()
        service_request = drafts.create_request(actor=request.user, company=company, data=data)
        return self.show(service_request, status=status.HTTP_201_CREATED)

    def sole_company(self):
        companies = list(drafts.requesting_organizations(self.request.user)[:2])
        if not companies:
            raise PermissionDenied(_("You cannot file requests for this organization."))
        if len(companies) > 1:
            raise ValidationError(
                {"company": _("Say which of your organizations asks (its address).")}
            )
        return companies[0]

    @extend_schema(
        request=serializers.ServiceRequestChangeSerializer,
        responses={200: REQUEST_FOR_CALLER, **REFUSALS},
    )
    def partial_update(self, request, *args, **kwargs):
        """Change a draft (the company only; 409 once submitted)."""
        service_request = self.get_object()
        require(request, "linkage.submit_request", service_request)
        given = serializers.ServiceRequestChangeSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        given.is_valid(raise_exception=True)
        service_request = drafts.update_request(
            actor=request.user, request=service_request, data=dict(given.validated_data)
        )
        return self.show(service_request)

    # Workflow steps: check the role first (403 whatever the body), then the input.

    def step(self, perm: str, step_function, input_serializer=None) -> Response:
        service_request = self.get_object()
        require(self.request, perm, service_request)
        given = parse_body(input_serializer, self.request) if input_serializer else {}
        if "files" in given:
            given["uploads"] = given.pop("files")
        done = step_function(actor=self.request.user, request=service_request, **given)
        return self.show(done)

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def submit(self, request, pk=None):
        """Send a draft for routing; an addressed request goes straight to its provider."""
        return self.step("linkage.submit_request", workflow.submit_request)

    @extend_schema(request=serializers.TriageInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def triage(self, request, pk=None):
        """Confirm or correct the service type and therapeutic area (routing staff)."""
        return self.step(
            "linkage.triage_request", workflow.triage_request, serializers.TriageInputSerializer
        )

    @extend_schema(request=serializers.AssignInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def assign(self, request, pk=None):
        """Hand the request to a provider's service (routing staff)."""
        return self.step(
            "linkage.triage_request", workflow.assign_request, serializers.AssignInputSerializer
        )

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"], url_path="accept-nda")
    def accept_nda(self, request, pk=None):
        """The assigned provider accepts the NDA and may then read the details."""
        return self.step("linkage.answer_request", workflow.accept_nda)

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        return self.step("linkage.answer_request", workflow.accept_request)

    @extend_schema(request=serializers.DeclineInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        """Decline with a reason; the request goes back to triage and the provider keeps
        only the sealed part."""
        return self.step(
            "linkage.answer_request", workflow.decline_request, serializers.DeclineInputSerializer
        )

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        return self.step("linkage.answer_request", workflow.start_work)

    @extend_schema(
        request={
            "multipart/form-data": serializers.DeliverInputSerializer,
            "application/json": serializers.DeliverInputSerializer,
        },
        responses=STEP_ANSWERS,
    )
    @action(detail=True, methods=["post"])
    def deliver(self, request, pk=None):
        """Hand over the result: a note on the thread and deliverable files (multipart)."""
        return self.step(
            "linkage.answer_request", workflow.deliver_request, serializers.DeliverInputSerializer
        )

    @extend_schema(request=serializers.CloseInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        """Confirm the delivery and rate the service from 1 to 5 (the company)."""
        return self.step(
            "linkage.close_request", workflow.close_request, serializers.CloseInputSerializer
        )

    @extend_schema(request=serializers.CancelInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        """Withdraw the request from any open state (the company)."""
        return self.step(
            "linkage.cancel_request", workflow.cancel_request, serializers.CancelInputSerializer
        )

    # Routing, thread, timeline and files

    @extend_schema(
        parameters=[serializers.SuggestionQuerySerializer],
        responses={200: serializers.ProviderSuggestionSerializer(many=True), **READ_REFUSALS},
    )
    @action(detail=True, methods=["get"], pagination_class=None)
    def suggestions(self, request, pk=None):
        """Providers that suit the request, best first, with the reasons (routing staff)."""
        service_request = self.get_object()
        require(request, "linkage.triage_request", service_request)
        query = parse_query(serializers.SuggestionQuerySerializer, request)
        found = suggest_providers(service_request, limit=query["limit"])
        return Response(serializers.ProviderSuggestionSerializer(found, many=True).data)

    @extend_schema(
        methods=["GET"],
        responses={200: serializers.RequestMessageSerializer(many=True), **READ_REFUSALS},
    )
    @extend_schema(
        methods=["POST"],
        request={
            "multipart/form-data": serializers.MessageInputSerializer,
            "application/json": serializers.MessageInputSerializer,
        },
        responses={201: serializers.RequestMessageSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["get", "post"])
    def messages(self, request, pk=None):
        """The thread; POST writes a message with files (multipart) to the other parties."""
        service_request = self.get_object()
        if request.method == "POST":
            given = parse_body(serializers.MessageInputSerializer, request)
            message = threads.post_message(
                actor=request.user,
                request=service_request,
                body=given["body"],
                uploads=given["files"],
            )
            message = (
                service_request.messages.select_related("author", "organization")
                .prefetch_related("files")
                .get(pk=message.pk)
            )
            data = serializers.RequestMessageSerializer(message, context=self.context()).data
            return Response(data, status=status.HTTP_201_CREATED)
        self.read(service_request)
        thread = (
            service_request.messages.select_related("author", "organization")
            .prefetch_related("files")
            .order_by("created_at", "pk")
        )
        page = self.paginate_queryset(thread)
        data = serializers.RequestMessageSerializer(page, many=True, context=self.context()).data
        return self.get_paginated_response(data)

    @extend_schema(responses={200: serializers.RequestEventSerializer(many=True), **READ_REFUSALS})
    @action(detail=True, methods=["get"])
    def events(self, request, pk=None):
        """The timeline: every step, who took it, when, and its note."""
        service_request = self.get_object()
        self.read(service_request)
        timeline = service_request.events.select_related("actor", "provider").order_by("at", "pk")
        page = self.paginate_queryset(timeline)
        return self.get_paginated_response(serializers.RequestEventSerializer(page, many=True).data)

    @extend_schema(
        methods=["GET"],
        responses={200: serializers.RequestFileSerializer(many=True), **READ_REFUSALS},
    )
    @extend_schema(
        methods=["POST"],
        request={"multipart/form-data": serializers.AttachInputSerializer},
        responses={200: REQUEST_FOR_CALLER, **REFUSALS},
    )
    @action(detail=True, methods=["get", "post"])
    def files(self, request, pk=None):
        """The request's files; POST attaches files to a draft (multipart, the company)."""
        service_request = self.get_object()
        if request.method == "POST":
            require(request, "linkage.submit_request", service_request)
            given = parse_body(serializers.AttachInputSerializer, request)
            done = drafts.update_request(
                actor=request.user, request=service_request, data={}, uploads=given["files"]
            )
            return self.show(done)
        self.read(service_request)
        page = self.paginate_queryset(service_request.files.order_by("created_at", "pk"))
        data = serializers.RequestFileSerializer(page, many=True, context=self.context()).data
        return self.get_paginated_response(data)

    @extend_schema(
        parameters=[OpenApiParameter("file_id", int, OpenApiParameter.PATH)],
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            403: READ_REFUSALS[403],
            404: READ_REFUSALS[404],
        },
    )
    @action(
        detail=True,
        methods=["get"],
        url_path=r"files/(?P<file_id>[0-9]+)",
        url_name="file",
        renderer_classes=[renderers.JSONRenderer, DownloadRenderer],
    )
    def file(self, request, pk=None, file_id=None):
        """Download one file as an attachment that cannot run in the browser."""
        service_request = self.get_object()
        require(request, "linkage.read_request_details", service_request)
        stored = get_object_or_404(service_request.files, pk=file_id)
        record_read(
            user=request.user, request=service_request, channel=ReadChannel.FILE, file=stored
        )
        return attachment(stored)
