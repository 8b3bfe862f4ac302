"""API of service offerings: the public catalog, kept by the providers through the same
domain functions as the pages (`linkage.catalog`, `linkage.offerings`)."""

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.response import Response

from ieum.api import linkage_serializers as serializers
from ieum.api.partnering_views import REFUSALS, parse_body, parse_query, require
from ieum.linkage import offerings
from ieum.linkage.catalog import OfferingFilters, list_offerings, visible_offerings


class ServiceOfferingViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """The catalog of services. POST publishes one for an organization of the caller;
    PATCH changes it (its provider's members, platform admins). Inactive offerings are
    shown only to those who manage them."""

    serializer_class = serializers.ServiceOfferingSerializer

    def get_queryset(self):
        return (
            visible_offerings(self.request.user)
            .select_related("provider")
            .prefetch_related("therapeutic_areas")
        )

    @extend_schema(parameters=[serializers.ServiceOfferingFilterSerializer])
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.ServiceOfferingFilterSerializer, request)
        filters = OfferingFilters(
            query=query.get("q", ""),
            service_type=query.get("service_type", ""),
            area=query.get("therapeutic_area"),
        )
        found = list_offerings(user=request.user, filters=filters)
        if "provider" in query:
            found = found.filter(provider=query["provider"])
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    def answer(self, offering, status=status.HTTP_200_OK) -> Response:
        return Response(self.get_serializer(self.get_queryset().get(pk=offering.pk)).data, status)

    @extend_schema(
        request=serializers.ServiceOfferingInputSerializer,
        responses={201: serializers.ServiceOfferingSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        require(request, "linkage.add_offering", None)
        data = parse_body(serializers.ServiceOfferingInputSerializer, request)
        provider = data.pop("provider")
        areas = data.pop("therapeutic_areas", ())
        offering = offerings.create_offering(
            actor=request.user, provider=provider, data=data, therapeutic_areas=areas
        )
        return self.answer(offering, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=serializers.ServiceOfferingChangeSerializer,
        responses={200: serializers.ServiceOfferingSerializer, **REFUSALS},
    )
    def partial_update(self, request, *args, **kwargs):
        offering = self.get_object()
        given = serializers.ServiceOfferingChangeSerializer(
            data=request.data, partial=True, context={"request": request}
        )
        given.is_valid(raise_exception=True)
        data = dict(given.validated_data)
        areas = data.pop("therapeutic_areas", None)
        offering = offerings.update_offering(
            actor=request.user, offering=offering, data=data, therapeutic_areas=areas
        )
        return self.answer(offering)
