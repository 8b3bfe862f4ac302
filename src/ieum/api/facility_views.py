"""API of facilities and bookings: thin views over the same domain functions as the pages."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.api import facility_serializers as serializers
from ieum.directory.models import Cluster
from ieum.facilities import booking as booking_domain
from ieum.facilities.availability import get_availability
from ieum.facilities.catalog import CatalogFilters, list_resources
from ieum.facilities.models import Booking, Resource
from ieum.facilities.visibility import visible_bookings

# Longest window one availability request may ask for.
MAX_AVAILABILITY_WINDOW = timedelta(days=62)


def parse_time(value: str | None, *, name: str):
    moment = parse_datetime(value or "")
    if moment is None:
        raise ValidationError(
            {name: _("Give a date and time in ISO 8601, e.g. 2026-12-01T09:00:00+09:00.")}
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


class ResourceViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """The national catalog of shared facilities and equipment."""

    serializer_class = serializers.ResourceSerializer

    def get_queryset(self):
        params = self.request.query_params
        filters = CatalogFilters(
            query=params.get("q", "")[:200],
            cluster=Cluster.objects.filter(slug=params.get("cluster", "")).first()
            if params.get("cluster")
            else None,
            kind=params.get("kind", ""),
            category=params.get("category", ""),
            status=params.get("status", ""),
        )
        return list_resources(filters=filters).prefetch_related("opening_hours")

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Search words, Korean or English"),
            OpenApiParameter("cluster", str, description="Cluster address (slug)"),
            OpenApiParameter("kind", str),
            OpenApiParameter("category", str),
            OpenApiParameter("status", str),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", str, required=True, description="ISO 8601 start"),
            OpenApiParameter("to", str, required=True, description="ISO 8601 end"),
        ],
        responses=serializers.AvailabilitySerializer,
    )
    @action(detail=True, methods=["get"])
    def availability(self, request, pk=None):
        """Open, blacked-out, busy and free time of the resource between `from` and `to`."""
        resource = get_object_or_404(Resource.objects.prefetch_related("opening_hours"), pk=pk)
        start = parse_time(request.query_params.get("from"), name="from")
        end = parse_time(request.query_params.get("to"), name="to")
        if end <= start:
            raise ValidationError({"to": _("The end must be after the start.")})
        if end - start > MAX_AVAILABILITY_WINDOW:
            raise ValidationError({"to": _("Ask for at most 62 days at a time.")})
        availability = get_availability(resource, start=start, end=end)
        data = {
            "resource": resource.pk,
            "start": start,
            "end": end,
            "capacity": resource.capacity,
            "buffer_minutes": resource.buffer_minutes,
            "open": [vars(i) for i in availability.open],
            "blackouts": [vars(b) for b in availability.blackouts],
            "busy": [{"start": i.start, "end": i.end, "bookings": n} for i, n in availability.busy],
            "free": [vars(i) for i in availability.free],
        }
        return Response(serializers.AvailabilitySerializer(data).data)


class BookingViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Bookings the caller may see. POST books, PATCH moves, DELETE cancels."""

    serializer_class = serializers.BookingSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        # The schema generator has no user; an empty queryset still types the path.
        if getattr(self, "swagger_fake_view", False):
            return Booking.objects.none()
        return visible_bookings(user=self.request.user).order_by("-start", "-pk")

    @extend_schema(
        request=serializers.BookingRequestSerializer,
        responses={
            201: serializers.BookingSerializer,
            400: OpenApiResponse(description="A rule of the resource is broken"),
            409: OpenApiResponse(description="The time is taken: a booking, buffer or blackout"),
        },
    )
    def create(self, request):
        query = serializers.BookingRequestSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        booking = booking_domain.book_resource(user=request.user, **query.validated_data)
        return Response(serializers.BookingSerializer(booking).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.BookingChangeSerializer,
        responses={200: serializers.BookingSerializer, 409: OpenApiResponse()},
    )
    def partial_update(self, request, pk=None):
        change = serializers.BookingChangeSerializer(data=request.data)
        change.is_valid(raise_exception=True)
        booking = booking_domain.reschedule_booking(
            user=request.user, booking=self.get_object(), **change.validated_data
        )
        return Response(serializers.BookingSerializer(booking).data)

    @extend_schema(responses={204: None})
    def destroy(self, request, pk=None):
        booking_domain.cancel_booking(user=request.user, booking=self.get_object())
        return Response(status=status.HTTP_204_NO_CONTENT)
