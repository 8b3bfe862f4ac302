"""API shapes of service offerings and service requests (hospital and expert linkage).

Serializers only parse and present; `ieum.linkage`'s domain functions decide. A request
has three shapes, chosen per caller by `linkage.read_request_details`:

- sealed: what a provider sees of a confidential request before accepting its NDA
  (service, area, stage, dates), nothing that says who asks or what for;
- summary: list rows; no description, goal, product, thread or files, so a list is
  not a read of a confidential request and writes no read log;
- detail: everything, and every answer in this shape writes a read log row.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ieum.api.partnering_serializers import OrganizationRefSerializer
from ieum.api.serializers import TermField
from ieum.core.business_days import seoul_today
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Organization
from ieum.linkage.catalog import visible_offerings
from ieum.linkage.deadlines import is_overdue
from ieum.linkage.enums import (
    FeeBasis,
    ProductStage,
    RequestStatus,
    RequiredDocument,
    ServiceType,
)
from ieum.linkage.models import (
    RequestEvent,
    RequestFile,
    RequestMessage,
    ServiceOffering,
    ServiceRequest,
)

# Offerings


class ServiceOfferingSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:service-offering-detail")
    provider = OrganizationRefSerializer(read_only=True)
    therapeutic_areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = ServiceOffering
        fields = [
            "url",
            "id",
            "provider",
            "service_type",
            "name_ko",
            "name_en",
            "description_ko",
            "description_en",
            "therapeutic_areas",
            "expertise_ko",
            "expertise_en",
            "lead_time_days",
            "response_days",
            "fee_basis",
            "fee_krw",
            "program_name",
            "required_documents",
            "contact_email",
            "is_active",
        ]


class ServiceOfferingChangeSerializer(serializers.Serializer):
    """The fields of an offering; PATCH sends any of them."""

    service_type = serializers.ChoiceField(choices=ServiceType.choices)
    name_ko = serializers.CharField(max_length=200, allow_blank=True)
    name_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description_ko = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    description_en = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    therapeutic_areas = TermField(Vocabulary.THERAPEUTIC_AREA, many=True, required=False)
    expertise_ko = serializers.CharField(max_length=300, required=False, allow_blank=True)
    expertise_en = serializers.CharField(max_length=300, required=False, allow_blank=True)
    lead_time_days = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    response_days = serializers.IntegerField(min_value=0, max_value=32767, required=False)
    fee_basis = serializers.ChoiceField(choices=FeeBasis.choices, required=False)
    fee_krw = serializers.IntegerField(required=False, allow_null=True)
    program_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    required_documents = serializers.ListField(
        child=serializers.ChoiceField(choices=RequiredDocument.choices), required=False
    )
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    is_active = serializers.BooleanField(required=False)


class ServiceOfferingInputSerializer(ServiceOfferingChangeSerializer):
    provider = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        help_text="Address (slug) of the organization that gives the service",
    )


class ServiceOfferingFilterSerializer(serializers.Serializer):
    service_type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
    therapeutic_area = TermField(Vocabulary.THERAPEUTIC_AREA, required=False)
    provider = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Provider address (slug)",
    )
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)


class ServiceOfferingRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = ServiceOffering
        fields = ["id", "service_type", "name_ko", "name_en"]


@extend_schema_field(OpenApiTypes.INT)
class VisibleOfferingField(serializers.PrimaryKeyRelatedField):
    """An offering by its number; one the caller may not see does not exist for them."""

    default_error_messages = {"does_not_exist": _("There is no service {pk_value}.")}

    def get_queryset(self):
        return visible_offerings(self.context["request"].user)


# Requests


class SealedServiceRequestSerializer(serializers.ModelSerializer):
    """What the caller may know without reading the details."""

    reference = serializers.CharField(read_only=True)
    therapeutic_area = serializers.SlugRelatedField(slug_field="code", read_only=True)
    overdue = serializers.SerializerMethodField()
    details_sealed = serializers.SerializerMethodField(
        help_text="True when the caller may not read the details (a provider before the NDA)"
    )

    class Meta:
        model = ServiceRequest
        fields = [
            "id",
            "reference",
            "status",
            "service_type",
            "therapeutic_area",
            "product_stage",
            "wanted_by",
            "triage_due",
            "response_due",
            "delivery_due",
            "overdue",
            "details_sealed",
        ]

    def get_overdue(self, service_request) -> bool:
        return is_overdue(service_request, today=seoul_today())

    def get_details_sealed(self, service_request) -> bool:
        user = self.context["request"].user
        return not user.has_perm("linkage.read_request_details", service_request)


class ServiceRequestSummarySerializer(SealedServiceRequestSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:service-request-detail")
    company = OrganizationRefSerializer(read_only=True)
    provider = OrganizationRefSerializer(read_only=True, allow_null=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta(SealedServiceRequestSerializer.Meta):
        fields = [
            "url",
            *SealedServiceRequestSerializer.Meta.fields,
            "title",
            "company",
            "provider",
            "cluster",
            "is_confidential",
            "submitted_at",
            "created_at",
        ]


class RequestFileSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="original_name", read_only=True)
    download = serializers.SerializerMethodField()

    class Meta:
        model = RequestFile
        fields = ["id", "name", "content_type", "size", "kind", "message", "created_at", "download"]

    def get_download(self, stored) -> str:
        path = reverse(
            "api:service-request-file", kwargs={"pk": stored.request_id, "file_id": stored.pk}
        )
        return self.context["request"].build_absolute_uri(path)


class ServiceRequestDetailSerializer(ServiceRequestSummarySerializer):
    device_class = serializers.SlugRelatedField(slug_field="code", read_only=True)
    offering = ServiceOfferingRefSerializer(read_only=True, allow_null=True)
    files = RequestFileSerializer(many=True, read_only=True)

    class Meta(ServiceRequestSummarySerializer.Meta):
        fields = [
            *ServiceRequestSummarySerializer.Meta.fields,
            "description",
            "product_name",
            "device_class",
            "goal",
            "addressed_offering",
            "offering",
            "triage_note",
            "nda_accepted_at",
            "assigned_at",
            "accepted_at",
            "delivered_at",
            "closed_at",
            "rating",
            "rating_comment",
            "files",
        ]


class ServiceRequestChangeSerializer(serializers.Serializer):
    """The fields of a draft; PATCH sends any of them. Blank title or description pass
    through so that the domain answers with its own message."""

    service_type = serializers.ChoiceField(choices=ServiceType.choices)
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(max_length=20_000, allow_blank=True)
    product_name = serializers.CharField(max_length=200, required=False, allow_blank=True)
    product_stage = serializers.ChoiceField(
        choices=ProductStage.choices, required=False, allow_blank=True
    )
    therapeutic_area = TermField(Vocabulary.THERAPEUTIC_AREA, required=False, allow_null=True)
    device_class = TermField(Vocabulary.DEVICE_CLASS, required=False, allow_null=True)
    goal = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    wanted_by = serializers.DateField(required=False, allow_null=True)
    is_confidential = serializers.BooleanField(
        required=False, help_text="The provider accepts an NDA before reading the details"
    )
    cluster = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Cluster.objects.all(),
        required=False,
        allow_null=True,
        help_text="Routing cluster (slug); one the company belongs to when absent",
    )
    addressed_offering = VisibleOfferingField(
        required=False,
        allow_null=True,
        help_text="The service the company addresses; absent to let the platform route it",
    )


class ServiceRequestInputSerializer(ServiceRequestChangeSerializer):
    company = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Which of the caller's organizations asks, when they belong to several",
    )


class ServiceRequestFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=RequestStatus.choices, required=False)
    service_type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
    role = serializers.ChoiceField(
        choices=[
            ("company", _("requests of my organizations")),
            ("provider", _("requests assigned to my organizations")),
            ("triage", _("requests my clusters route")),
        ],
        required=False,
        help_text="company: your organizations' requests; provider: assigned to them; "
        "triage: those your clusters route (all past draft for platform admins)",
    )
    overdue = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="true: only those past their current deadline; false: none of those",
    )


# Workflow steps


class UploadsMixin(serializers.Serializer):
    # Empty files pass through: `core.uploads.check_upload` refuses them in its words.
    files = serializers.ListField(
        child=serializers.FileField(allow_empty_file=True),
        required=False,
        default=list,
        help_text="PDF, Office documents or images, up to 20 MB each (multipart)",
    )


class TriageInputSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
    service_type = serializers.ChoiceField(choices=ServiceType.choices, required=False)
    therapeutic_area = TermField(Vocabulary.THERAPEUTIC_AREA, required=False)

    def validate(self, attrs):
        # The workflow takes the area by its number.
        area = attrs.pop("therapeutic_area", None)
        if area is not None:
            attrs["therapeutic_area_id"] = area.pk
        return attrs


class AssignInputSerializer(serializers.Serializer):
    offering = VisibleOfferingField(help_text="The service (its number) that takes the request")
    note = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class DeclineInputSerializer(serializers.Serializer):
    # Blank passes through: the domain function says why a reason is needed.
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class CancelInputSerializer(DeclineInputSerializer):
    pass


class DeliverInputSerializer(UploadsMixin):
    note = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class CloseInputSerializer(serializers.Serializer):
    rating = serializers.IntegerField(help_text="1 to 5")
    comment = serializers.CharField(max_length=5000, required=False, allow_blank=True, default="")


class AttachInputSerializer(UploadsMixin):
    """Attachments of a draft; once submitted, files go on the thread with a message."""


# Thread, timeline, routing


class RequestMessageSerializer(serializers.ModelSerializer):
    author = serializers.SerializerMethodField()
    organization = OrganizationRefSerializer(read_only=True, allow_null=True)
    files = RequestFileSerializer(many=True, read_only=True)

    class Meta:
        model = RequestMessage
        fields = ["id", "author", "organization", "body", "created_at", "files"]

    def get_author(self, message) -> str:
        return message.author.get_full_name() if message.author else ""


class MessageInputSerializer(UploadsMixin):
    body = serializers.CharField(max_length=20_000, required=False, allow_blank=True, default="")


class RequestEventSerializer(serializers.ModelSerializer):
    actor = serializers.SerializerMethodField()
    provider = OrganizationRefSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RequestEvent
        fields = ["id", "step", "from_status", "to_status", "actor", "provider", "note", "at"]

    def get_actor(self, event) -> str:
        return event.actor.get_full_name() if event.actor else ""


class ProviderSuggestionSerializer(serializers.Serializer):
    offering = ServiceOfferingRefSerializer(read_only=True)
    provider = OrganizationRefSerializer(source="offering.provider", read_only=True)
    score = serializers.FloatField(read_only=True)
    reasons = serializers.ListField(child=serializers.CharField(), read_only=True)
    reason = serializers.CharField(read_only=True, help_text="The reasons joined by ' · '")
    matches_specialty = serializers.BooleanField(read_only=True)
    open_requests = serializers.IntegerField(read_only=True)
    average_response_days = serializers.FloatField(read_only=True, allow_null=True)
    declined_before = serializers.BooleanField(read_only=True)


class SuggestionQuerySerializer(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=20, required=False, default=5)
