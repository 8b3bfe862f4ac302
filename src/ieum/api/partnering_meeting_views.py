"""API of meeting requests and meetings: the same rules and domain functions as the pages."""

from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.accounts.access import access_for
from ieum.api import partnering_meeting_serializers as serializers
from ieum.api.partnering_serializers import (
    OptionalReasonInputSerializer,
    PriorityInputSerializer,
    ReasonInputSerializer,
)
from ieum.api.partnering_views import (
    REFUSALS,
    acting_registration,
    parse_body,
    parse_query,
    require,
)
from ieum.partnering import checkin, placement
from ieum.partnering import requests as request_domain
from ieum.partnering.enums import MeetingStatus, RequestStatus
from ieum.partnering.models import Meeting, MeetingRequest, Registration


class MeetingRequestViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Meeting requests the caller's organizations sent or received.

    Organizers see all of their event's with `?event=`. POST asks a registered party for
    a meeting; the recipient accepts or declines, either side cancels.
    """

    serializer_class = serializers.MeetingRequestSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return MeetingRequest.objects.select_related(
            "event__organizer",
            "requester__organization",
            "recipient__organization",
            "meeting",
        ).order_by("-created_at", "-pk")

    def get_object(self):
        meeting_request = super().get_object()
        if not self.request.user.has_perm("partnering.view_request", meeting_request):
            raise Http404
        return meeting_request

    @extend_schema(
        parameters=[
            OpenApiParameter("box", str, enum=["sent", "received"]),
            OpenApiParameter("status", str, enum=RequestStatus.values),
            OpenApiParameter("event", str, description="Event address (slug)"),
        ]
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.RequestFilterSerializer, request)
        organizations = access_for(request.user).organization_ids
        sent = Q(requester__organization_id__in=organizations)
        received = Q(recipient__organization_id__in=organizations)
        requests = self.get_queryset()
        event = query.get("event")
        if event is not None:
            requests = requests.filter(event=event)
        if query.get("box") == "sent":
            requests = requests.filter(sent)
        elif query.get("box") == "received":
            requests = requests.filter(received)
        elif event is None or not request.user.has_perm("partnering.manage_event", event):
            requests = requests.filter(sent | received)
        if "status" in query:
            requests = requests.filter(status=query["status"])
        page = self.paginate_queryset(requests)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.RequestInputSerializer,
        responses={201: serializers.MeetingRequestSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        data = parse_body(serializers.RequestInputSerializer, request)
        requester = acting_registration(
            user=request.user, event=data.pop("event"), organization=data.pop("organization", "")
        )
        sent = request_domain.send_request(requester=requester, by=request.user, **data)
        return self.answer(sent, status=status.HTTP_201_CREATED)

    def answer(self, meeting_request, status=status.HTTP_200_OK) -> Response:
        meeting_request = self.get_queryset().get(pk=meeting_request.pk)
        return Response(self.get_serializer(meeting_request).data, status=status)

    @extend_schema(
        request=PriorityInputSerializer,
        responses={200: serializers.MeetingRequestSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept with the recipient's own priority; the meeting waits for a slot."""
        meeting_request = self.get_object()
        require(request, "partnering.answer_request", meeting_request)
        given = parse_body(PriorityInputSerializer, request)
        request_domain.accept_request(request=meeting_request, by=request.user, **given)
        return self.answer(meeting_request)

    @extend_schema(
        request=ReasonInputSerializer,
        responses={200: serializers.MeetingRequestSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        meeting_request = self.get_object()
        require(request, "partnering.answer_request", meeting_request)
        given = parse_body(ReasonInputSerializer, request)
        request_domain.decline_request(request=meeting_request, by=request.user, **given)
        return self.answer(meeting_request)

    @extend_schema(
        request=OptionalReasonInputSerializer,
        responses={200: serializers.MeetingRequestSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        meeting_request = self.get_object()
        require(request, "partnering.cancel_request", meeting_request)
        given = parse_body(OptionalReasonInputSerializer, request)
        request_domain.cancel_request(request=meeting_request, by=request.user, **given)
        return self.answer(meeting_request)


class MeetingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The caller's meetings; organizers see all of their event's with `?event=`."""

    serializer_class = serializers.MeetingSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Meeting.objects.select_related(
            "event__organizer",
            "request__requester__organization",
            "request__recipient__organization",
            "slot",
            "location",
        ).order_by("slot__start", "table_number", "pk")

    def get_object(self):
        meeting = super().get_object()
        if not self.request.user.has_perm("partnering.view_meeting", meeting):
            raise Http404
        return meeting

    @extend_schema(
        parameters=[
            OpenApiParameter("event", str, description="Event address (slug)"),
            OpenApiParameter("status", str, enum=MeetingStatus.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.MeetingFilterSerializer, request)
        organizations = access_for(request.user).organization_ids
        meetings = self.get_queryset()
        event = query.get("event")
        if event is not None:
            meetings = meetings.filter(event=event)
        if event is None or not request.user.has_perm("partnering.manage_event", event):
            meetings = meetings.filter(
                Q(request__requester__organization_id__in=organizations)
                | Q(request__recipient__organization_id__in=organizations)
            )
        if "status" in query:
            meetings = meetings.filter(status=query["status"])
        page = self.paginate_queryset(meetings)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def answer(self, meeting) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=meeting.pk)).data)

    @extend_schema(
        request=serializers.MoveInputSerializer,
        responses={200: serializers.MeetingSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def move(self, request, pk=None):
        """Move a meeting to another slot, location or table; 409 names the clash."""
        meeting = self.get_object()
        require(request, "partnering.move_meeting", meeting)
        given = serializers.MoveInputSerializer(data=request.data, event=meeting.event)
        given.is_valid(raise_exception=True)
        placement.move_meeting(
            meeting=meeting,
            slot=given.validated_data["slot"],
            location=given.validated_data.get("location"),
            table_number=given.validated_data.get("table_number"),
            by=request.user,
        )
        return self.answer(meeting)

    @extend_schema(
        request=serializers.CheckInInputSerializer,
        responses={200: serializers.MeetingSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"], url_path="check-in")
    def check_in(self, request, pk=None):
        """Check one side in at the meeting: the caller's own side, or any for organizers."""
        meeting = self.get_object()
        require(request, "partnering.check_in", meeting)
        given = parse_body(serializers.CheckInInputSerializer, request)
        side = self.side(meeting, given.get("registration"))
        checkin.check_in(meeting=meeting, registration=side, by=request.user)
        return self.answer(meeting)

    def side(self, meeting, registration_id: int | None) -> Registration:
        """The side that checks in: the one named, or the one the caller belongs to."""
        sides = [meeting.request.requester, meeting.request.recipient]
        if registration_id is not None:
            named = [side for side in sides if side.pk == registration_id]
            if not named:
                raise exceptions.ValidationError(
                    {"registration": [_("Name one of the two sides of this meeting.")]}
                )
            # Parties check in their own side; organizers help either.
            require(self.request, "partnering.change_registration", named[0])
            return named[0]
        user = self.request.user
        own = [side for side in sides if user.has_perm("partnering.act_for_registration", side)]
        if len(own) != 1:
            raise exceptions.ValidationError(
                {"registration": [_("Say which side checks in (its registration number).")]}
            )
        return own[0]
