from django.db.models import Count
from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.api import serializers
from ieum.directory import domain
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Term


class OrganizationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Organizations of the network; the profile's confidential part only to those with a reason."""

    serializer_class = serializers.OrganizationSerializer
    lookup_field = "slug"

    def get_queryset(self):
        if self.action == "list":
            return domain.list_directory(filters=self.list_filters())
        return domain.visible_organizations(user=self.request.user).select_related("region")

    def list_filters(self) -> domain.DirectoryFilters:
        params = self.request.query_params
        return domain.DirectoryFilters(
            query=params.get("q", "")[:200],
            kind=params.get("kind", ""),
            region=Term.objects.filter(
                vocabulary=Vocabulary.REGION, code=params.get("region", "")
            ).first()
            if params.get("region")
            else None,
        )

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="Search words, Korean or English"),
            OpenApiParameter("kind", str),
            OpenApiParameter("region", str),
        ]
    )
    def list(self, request, *args, **kwargs):
        return super().list(request, *args, **kwargs)

    def get_object(self):
        organization = super().get_object()
        if not self.request.user.has_perm("directory.see_organization", organization):
            raise Http404
        return organization

    @action(
        detail=True,
        methods=["get", "patch"],
        permission_classes=[permissions.IsAuthenticatedOrReadOnly],
    )
    def profile(self, request, slug=None):
        """The profile of an organization; PATCH changes it with the page's own rules."""
        organization = self.get_object()
        confidential = request.user.has_perm("directory.see_confidential", organization)
        public, full = serializers.PROFILE_SERIALIZERS.get(organization.kind, (None, None))
        if public is None:
            return Response({})
        serializer_class = full if confidential else public
        if request.method == "PATCH":
            serializer = serializer_class(data=request.data, partial=True)
            serializer.is_valid(raise_exception=True)
            domain.update_organization(
                actor=request.user,
                organization=organization,
                organization_data={},
                profile_data=dict(serializer.validated_data),
            )
        profile = domain.get_profile(organization)
        return Response(serializer_class(profile).data if profile else {})

    def partial_update(self, request, *args, **kwargs):
        organization = self.get_object()
        serializer = self.get_serializer(organization, data=request.data, partial=True)
        serializer.is_valid(raise_exception=True)
        updated = domain.update_organization(
            actor=request.user,
            organization=organization,
            organization_data=dict(serializer.validated_data),
        )
        return Response(self.get_serializer(updated).data)


class ClusterViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = serializers.ClusterSerializer
    lookup_field = "slug"
    queryset = (
        Cluster.objects.select_related("region", "operator")
        .prefetch_related("focus_fields")
        .annotate(member_count=Count("memberships"))
        .order_by("name_ko")
    )


class TermViewSet(viewsets.ReadOnlyModelViewSet):
    """Reference vocabularies; `?vocabulary=therapeutic_area` gives one of them."""

    serializer_class = serializers.TermSerializer
    pagination_class = None

    def get_queryset(self):
        terms = Term.objects.filter(is_active=True)
        vocabulary = self.request.query_params.get("vocabulary")
        if vocabulary:
            terms = terms.filter(vocabulary=vocabulary)
        return terms


class MyMembershipsView(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = serializers.MembershipSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        return self.request.user.memberships.select_related("organization").order_by("pk")
