"""API of partnering events, technology needs and proposals.

Thin views over the same rules (`partnering/rules.py`) and domain functions as the
pages: a record the caller may not see is 404, a step they may not take is 403, bad
input is 400 and a step the record's state refuses is 409. Requests and meetings are
in `partnering_meeting_views.py`.
"""

import copy

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.accounts.access import access_for
from ieum.api import partnering_meeting_serializers as meeting_serializers
from ieum.api import partnering_serializers as serializers
from ieum.partnering import proposals as proposal_domain
from ieum.partnering.agendas import delegate_agenda, delegates_for
from ieum.partnering.enums import DealType, EventKind, EventStatus, ProposalStatus
from ieum.partnering.models import Delegate, Event, Proposal, Registration, TechnologyNeed
from ieum.partnering.needs import NeedFilters, list_needs, post_need

REFUSALS = {
    400: OpenApiResponse(description="Malformed input or a broken rule"),
    403: OpenApiResponse(description="The caller may not take this step"),
    404: OpenApiResponse(description="No such record, or the caller may not see it"),
    409: OpenApiResponse(description="The record's state or a taken time refuses the step"),
}
READ_REFUSALS = {code: REFUSALS[code] for code in (400, 403, 404)}


def parse_query(serializer_class, request) -> dict:
    """The query parameters, checked: a bad filter is a 400 with a translated message."""
    query = serializer_class(data=request.query_params, context={"request": request})
    query.is_valid(raise_exception=True)
    return query.validated_data


def parse_body(serializer_class, request) -> dict:
    given = serializer_class(data=request.data, context={"request": request})
    given.is_valid(raise_exception=True)
    return dict(given.validated_data)


def require(request, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise exceptions.PermissionDenied(_("You may not do this."))


def organized_events(user) -> Q:
    """The events the person runs, as a filter on `Event` (mirrors `organizes_event`)."""
    access = access_for(user)
    return Q(organizer_id__in=access.organizer_organization_ids) | Q(
        cluster_id__in=access.staffed_cluster_ids
    )


def visible_events(user) -> QuerySet[Event]:
    """Events the person may see: public ones past their draft, and those they run."""
    if access_for(user).is_platform_admin:
        return Event.objects.all()
    return Event.objects.filter(
        (Q(is_public=True) & ~Q(status=EventStatus.DRAFT)) | organized_events(user)
    )


def acting_registration(*, user, event: Event, organization: str = "") -> Registration:
    """The registration at the event of the organization the caller acts for."""
    registrations = Registration.objects.filter(
        event=event, is_cancelled=False, organization_id__in=access_for(user).organization_ids
    ).select_related("organization", "event")
    if organization:
        registrations = registrations.filter(organization__slug=organization)
    found = list(registrations[:2])
    if not found:
        raise exceptions.PermissionDenied(_("Your organization is not registered at this event."))
    if len(found) > 1:
        raise exceptions.ValidationError(
            {"organization": [_("Say which of your organizations acts (its address).")]}
        )
    return found[0]


def agenda_of(delegate: Delegate, zone: str | None) -> dict:
    """A delegate's agenda, in `zone` when the reader asks for one, else in theirs."""
    reader = copy.copy(delegate)
    # The copy is never saved: the asked zone holds for this answer only.
    reader.time_zone = zone or delegate.time_zone
    return {
        "delegate": delegate,
        "time_zone": reader.time_zone,
        "entries": delegate_agenda(delegate=reader),
    }


class EventViewSet(viewsets.ReadOnlyModelViewSet):
    """Partnering events and venture cafes: public ones, and those the caller runs."""

    lookup_field = "slug"

    def get_serializer_class(self):
        if self.action == "retrieve":
            return serializers.EventDetailSerializer
        return serializers.EventSerializer

    def get_queryset(self):
        events = visible_events(self.request.user).select_related("organizer", "cluster")
        if self.action == "retrieve":
            events = events.prefetch_related("days__breaks", "slots", "locations")
        return events.order_by("-starts_on", "pk")

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, enum=EventKind.values),
            OpenApiParameter("status", str, enum=EventStatus.values),
            OpenApiParameter("year", int, description="Events that start in this year"),
        ]
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.EventFilterSerializer, request)
        events = self.get_queryset()
        if "kind" in query:
            events = events.filter(kind=query["kind"])
        if "status" in query:
            events = events.filter(status=query["status"])
        if "year" in query:
            events = events.filter(starts_on__year=query["year"])
        page = self.paginate_queryset(events)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses={200: serializers.ParticipantSerializer(many=True), **READ_REFUSALS})
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def participants(self, request, slug=None):
        """The registered organizations, for their own members and the organizers."""
        event = self.get_object()
        require(request, "partnering.view_participants", event)
        parties = (
            event.registrations.filter(is_cancelled=False)
            .select_related("organization")
            .order_by("kind", "organization__name_ko", "pk")
        )
        page = self.paginate_queryset(parties)
        data = serializers.ParticipantSerializer(page, many=True).data
        return self.get_paginated_response(data)

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "tz", str, description="IANA time zone of the times; the delegate's own if absent"
            )
        ],
        responses={200: meeting_serializers.AgendaSerializer(many=True), **READ_REFUSALS},
    )
    @action(detail=True, methods=["get"], permission_classes=[permissions.IsAuthenticated])
    def agenda(self, request, slug=None):
        """The agendas of the caller's own delegations at the event, published meetings only."""
        event = self.get_object()
        query = parse_query(meeting_serializers.AgendaQuerySerializer, request)
        page = self.paginate_queryset(delegates_for(event=event, user=request.user))
        agendas = [agenda_of(delegate, query.get("tz")) for delegate in page]
        data = meeting_serializers.AgendaSerializer(agendas, many=True).data
        return self.get_paginated_response(data)


class NeedViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Technology needs of demand companies. POST posts one for the caller's company."""

    serializer_class = serializers.NeedSerializer

    def get_queryset(self):
        return TechnologyNeed.objects.select_related(
            "event__organizer", "registration__organization"
        ).prefetch_related("areas", "modalities", "stages")

    def get_object(self):
        need = super().get_object()
        if not self.request.user.has_perm("partnering.view_need", need):
            raise Http404
        return need

    @extend_schema(
        parameters=[
            OpenApiParameter("event", str, description="Event address (slug)"),
            OpenApiParameter("area", str, description="Therapeutic area or technology field"),
            OpenApiParameter("modality", str),
            OpenApiParameter("deal_type", str, enum=DealType.values),
            OpenApiParameter("q", str, description="Search words, Korean or English"),
        ]
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.NeedFilterSerializer, request)
        filters = NeedFilters(
            query=query.get("q", ""),
            event=query.get("event"),
            area=query.get("area"),
            modality=query.get("modality"),
            deal_type=query.get("deal_type", ""),
        )
        page = self.paginate_queryset(list_needs(filters=filters))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.NeedInputSerializer,
        responses={201: serializers.NeedSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        data = parse_body(serializers.NeedInputSerializer, request)
        event = data.pop("event")
        registration = acting_registration(
            user=request.user, event=event, organization=data.pop("organization", "")
        )
        need = post_need(registration=registration, by=request.user, **data)
        need = self.get_queryset().get(pk=need.pk)
        return Response(self.get_serializer(need).data, status=status.HTTP_201_CREATED)


class ProposalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    """Proposals the caller made or received; organizers see their event's with `?event=`.

    POST submits a proposal to a need for the caller's startup; the actions withdraw it
    (the startup) or screen it (the demand company).
    """

    serializer_class = serializers.ProposalSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return Proposal.objects.select_related(
            "need__event__organizer",
            "need__registration",
            "registration__organization",
            "stage",
            "meeting_request",
        ).order_by("-created_at", "-pk")

    def get_object(self):
        proposal = super().get_object()
        if not self.request.user.has_perm("partnering.view_proposal", proposal):
            raise Http404
        return proposal

    @extend_schema(
        parameters=[
            OpenApiParameter("event", str, description="Event address (slug)"),
            OpenApiParameter("need", int),
            OpenApiParameter("status", str, enum=ProposalStatus.values),
        ]
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.ProposalFilterSerializer, request)
        organizations = access_for(request.user).organization_ids
        mine = Q(registration__organization_id__in=organizations) | Q(
            need__registration__organization_id__in=organizations
        )
        proposals = self.get_queryset()
        if "event" in query:
            proposals = proposals.filter(need__event=query["event"])
            if not request.user.has_perm("partnering.manage_event", query["event"]):
                proposals = proposals.filter(mine)
        else:
            proposals = proposals.filter(mine)
        if "need" in query:
            proposals = proposals.filter(need_id=query["need"])
        if "status" in query:
            proposals = proposals.filter(status=query["status"])
        page = self.paginate_queryset(proposals)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=serializers.ProposalInputSerializer,
        responses={201: serializers.ProposalSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        data = parse_body(serializers.ProposalInputSerializer, request)
        need = data.pop("need")
        registration = acting_registration(
            user=request.user, event=need.event, organization=data.pop("organization", "")
        )
        proposal = proposal_domain.submit_proposal(
            need=need, registration=registration, by=request.user, **data
        )
        return self.answer(proposal, status=status.HTTP_201_CREATED)

    def answer(self, proposal, status=status.HTTP_200_OK) -> Response:
        proposal = self.get_queryset().get(pk=proposal.pk)
        return Response(self.get_serializer(proposal).data, status=status)

    def screened(self) -> Proposal:
        """The proposal, if the caller's company posted its need (any state: the domain
        answers 409 for a proposal already decided)."""
        proposal = self.get_object()
        require(self.request, "partnering.screen_proposals", proposal.need)
        return proposal

    @extend_schema(request=None, responses={200: serializers.ProposalSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def withdraw(self, request, pk=None):
        proposal = self.get_object()
        require(request, "partnering.act_for_registration", proposal.registration)
        proposal_domain.withdraw_proposal(proposal=proposal, by=request.user)
        return self.answer(proposal)

    @extend_schema(request=None, responses={200: serializers.ProposalSerializer, **REFUSALS})
    @action(detail=True, methods=["post"])
    def shortlist(self, request, pk=None):
        proposal = self.screened()
        proposal_domain.shortlist_proposal(proposal=proposal, by=request.user)
        return self.answer(proposal)

    @extend_schema(
        request=serializers.PriorityInputSerializer,
        responses={200: serializers.ProposalSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def accept(self, request, pk=None):
        """Accept: the startup gets an accepted meeting request, waiting for a slot."""
        proposal = self.screened()
        given = parse_body(serializers.PriorityInputSerializer, request)
        proposal_domain.accept_proposal(proposal=proposal, by=request.user, **given)
        return self.answer(proposal)

    @extend_schema(
        request=serializers.ReasonInputSerializer,
        responses={200: serializers.ProposalSerializer, **REFUSALS},
    )
    @action(detail=True, methods=["post"])
    def decline(self, request, pk=None):
        proposal = self.screened()
        given = parse_body(serializers.ReasonInputSerializer, request)
        proposal_domain.decline_proposal(proposal=proposal, by=request.user, **given)
        return self.answer(proposal)
