"""API of outcome records: the same rules (`outcomes/rules.py`), visibility query and
domain functions (`outcomes.recording`) as the pages.

A record the caller may not see is 404, a step they may not take 403, bad input 400
with every problem by field in the caller's language, and a step the record's state
refuses (verifying a record another reviewer just rejected, say) 409.
"""

import mimetypes

from django.db.models import Exists, OuterRef, Prefetch
from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, renderers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from ieum.api import outcome_serializers as serializers
from ieum.api.linkage_views import DownloadRenderer
from ieum.api.partnering_views import (
    READ_REFUSALS,
    REFUSALS,
    parse_body,
    parse_query,
    require,
)
from ieum.core.downloads import private_attachment
from ieum.directory.models import Cluster
from ieum.outcomes import recording
from ieum.outcomes.enums import RecordSource
from ieum.outcomes.models import OutcomeRecord
from ieum.outcomes.record_input import INPUT_FIELDS
from ieum.outcomes.visibility import ClusterAttribution, visible_records
from ieum.partnering.models import Event
from ieum.programs.models import Program

STEP_ANSWERS = {200: serializers.OutcomeRecordSerializer, **REFUSALS}


def with_attributions(records):
    """Records with their company and the addresses of what they are attributed to, in
    a fixed number of queries whatever the number of rows."""
    return records.select_related("company").prefetch_related(
        Prefetch("clusters", queryset=Cluster.objects.only("pk", "slug")),
        Prefetch("programs", queryset=Program.objects.only("pk", "slug")),
        Prefetch("events", queryset=Event.objects.only("pk", "slug")),
    )


def record_fields(given: dict) -> dict:
    """The record's own fields of the input, as given, for `clean_record_fields`."""
    return {name: given[name] for name in INPUT_FIELDS if name in given}


class OutcomeRecordViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    """Outcome records the caller may see: their companies' own, those attributed to
    the clusters they staff, and all for platform admins.

    POST records an outcome for a company (its members, staff of its clusters, admins;
    JSON, or multipart with an `evidence` file); PATCH corrects it (the company until it
    is verified, staff and admins any time, which sends it back for verification);
    DELETE removes it. `verify/` and `reject/` are for the staff of a cluster it is
    attributed to and platform admins; `evidence/` downloads the evidence file.
    """

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = serializers.OutcomeRecordSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return OutcomeRecord.objects.none()
        return with_attributions(visible_records(self.request.user)).order_by("-occurred_on", "-pk")

    def handle_exception(self, exc):
        # A record that left the caller's reach between the lookup and the step.
        if isinstance(exc, OutcomeRecord.DoesNotExist):
            exc = Http404()
        return super().handle_exception(exc)

    def show(self, record, status=status.HTTP_200_OK) -> Response:
        record = self.get_queryset().get(pk=record.pk)
        data = serializers.OutcomeRecordSerializer(record, context={"request": self.request})
        return Response(data.data, status=status)

    @extend_schema(
        parameters=[serializers.OutcomeRecordFilterSerializer],
        responses={200: serializers.OutcomeRecordSerializer(many=True), 400: READ_REFUSALS[400]},
    )
    def list(self, request, *args, **kwargs):
        query = parse_query(serializers.OutcomeRecordFilterSerializer, request)
        found = self.get_queryset()
        for name, lookup in (
            ("status", "status"),
            ("kind", "kind"),
            ("year", "year"),
            ("company", "company__slug"),
        ):
            if name in query:
                found = found.filter(**{lookup: query[name]})
        if "cluster" in query:
            found = found.filter(
                Exists(
                    ClusterAttribution.objects.filter(
                        outcomerecord_id=OuterRef("pk"), cluster__slug=query["cluster"]
                    )
                )
            )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(responses={200: serializers.OutcomeRecordSerializer, **READ_REFUSALS})
    def retrieve(self, request, *args, **kwargs):
        return self.show(self.get_object())

    @extend_schema(
        request={
            "application/json": serializers.OutcomeRecordInputSerializer,
            "multipart/form-data": serializers.OutcomeRecordInputSerializer,
        },
        responses={201: serializers.OutcomeRecordSerializer, **REFUSALS},
    )
    def create(self, request, *args, **kwargs):
        """Record an outcome for a company; it waits for verification by the staff of a
        cluster it is attributed to."""
        given = parse_body(serializers.OutcomeRecordInputSerializer, request)
        record = recording.record_outcome(
            by=request.user,
            company=given["company"],
            kind=given["kind"],
            data=record_fields(given),
            clusters=given.get("clusters", ()),
            programs=given.get("programs", ()),
            events=given.get("events", ()),
            evidence=given.get("evidence"),
            source=RecordSource.API,
        )
        return self.show(record, status=status.HTTP_201_CREATED)

    @extend_schema(
        request={
            "application/json": serializers.OutcomeRecordChangeSerializer,
            "multipart/form-data": serializers.OutcomeRecordChangeSerializer,
        },
        responses={200: serializers.OutcomeRecordSerializer, **REFUSALS},
    )
    def partial_update(self, request, *args, **kwargs):
        """Correct a record: the fields sent replace its own, attributions sent replace
        those the caller may choose, and the kind never changes. A verified or rejected
        record goes back to waiting for verification."""
        record = self.get_object()
        require(request, "outcomes.change_record", record)
        given = parse_body(serializers.OutcomeRecordChangeSerializer, request)
        record = recording.update_record(
            by=request.user,
            record=record,
            data=record_fields(given),
            clusters=given.get("clusters"),
            programs=given.get("programs"),
            events=given.get("events"),
            evidence=given.get("evidence"),
        )
        return self.show(record)

    @extend_schema(request=None, responses={204: None, **REFUSALS})
    def destroy(self, request, *args, **kwargs):
        """Delete a record (its company until it is verified; staff and admins)."""
        record = self.get_object()
        require(request, "outcomes.change_record", record)
        recording.delete_record(by=request.user, record=record)
        return Response(status=status.HTTP_204_NO_CONTENT)

    @extend_schema(request=None, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def verify(self, request, pk=None):
        """Verify a waiting record: it counts in the KPIs from now on (409 once decided)."""
        record = self.get_object()
        require(request, "outcomes.verify_record", record)
        return self.show(recording.verify_record(by=request.user, record=record))

    @extend_schema(request=serializers.RejectInputSerializer, responses=STEP_ANSWERS)
    @action(detail=True, methods=["post"])
    def reject(self, request, pk=None):
        """Reject a waiting record with the reason its company is told (409 once decided)."""
        record = self.get_object()
        require(request, "outcomes.verify_record", record)
        given = parse_body(serializers.RejectInputSerializer, request)
        return self.show(
            recording.reject_record(by=request.user, record=record, reason=given["reason"])
        )

    @extend_schema(
        responses={
            (200, "application/octet-stream"): OpenApiTypes.BINARY,
            403: READ_REFUSALS[403],
            404: READ_REFUSALS[404],
        },
    )
    @action(
        detail=True, methods=["get"], renderer_classes=[renderers.JSONRenderer, DownloadRenderer]
    )
    def evidence(self, request, pk=None):
        """Download the evidence file as an attachment that cannot run in the browser."""
        record = self.get_object()
        require(request, "outcomes.see_evidence", record)
        if not record.evidence:
            raise Http404
        name = record.evidence_name or record.evidence.name.rsplit("/", 1)[-1]
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return private_attachment(record.evidence, filename=name, content_type=content_type)
