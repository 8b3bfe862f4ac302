"""API shapes of support cases: the items of full-cycle support a company receives.

Serializers only parse and present; `ieum.programs.support` checks and writes. The
records a case may point to are looked up among those the caller may see, so a number
out of their reach reads as one that does not exist.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ieum.api.partnering_serializers import OrganizationRefSerializer
from ieum.directory.models import Cluster, Organization
from ieum.facilities.visibility import visible_bookings
from ieum.linkage.visibility import visible_requests
from ieum.programs.enums import SupportStage, SupportStatus
from ieum.programs.models import Cohort, Deliverable, SupportCase
from ieum.programs.support import supportable_companies
from ieum.programs.visibility import managed_programs


class DeliverableSerializer(serializers.ModelSerializer):
    has_file = serializers.SerializerMethodField()

    class Meta:
        model = Deliverable
        fields = ["id", "title", "delivered_on", "file_name", "content_type", "has_file"]

    def get_has_file(self, deliverable) -> bool:
        return bool(deliverable.file)


class SupportCaseSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:support-case-detail")
    company = OrganizationRefSerializer(read_only=True)
    provider = OrganizationRefSerializer(read_only=True, allow_null=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)
    program = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = SupportCase
        fields = [
            "url",
            "id",
            "company",
            "cluster",
            "program",
            "cohort",
            "stage",
            "title",
            "provider",
            "service_request",
            "booking",
            "amount_krw",
            "starts_on",
            "ends_on",
            "status",
            "created_at",
        ]


class SupportCaseDetailSerializer(SupportCaseSerializer):
    deliverables = DeliverableSerializer(many=True, read_only=True)

    class Meta(SupportCaseSerializer.Meta):
        fields = [*SupportCaseSerializer.Meta.fields, "description", "deliverables"]


class CallerScopedField:
    """A related field whose choices are what the caller may use."""

    def scope(self, user):
        raise NotImplementedError

    def get_queryset(self):
        return self.scope(self.context["request"].user)


@extend_schema_field(OpenApiTypes.INT)
class CohortField(CallerScopedField, serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": _("There is no cohort {pk_value}.")}

    def scope(self, user):
        return Cohort.objects.filter(program__in=managed_programs(user))


@extend_schema_field(OpenApiTypes.STR)
class ProgramField(CallerScopedField, serializers.SlugRelatedField):
    default_error_messages = {"does_not_exist": _("There is no program “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def scope(self, user):
        return managed_programs(user)


@extend_schema_field(OpenApiTypes.INT)
class ServiceRequestField(CallerScopedField, serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": _("There is no service request {pk_value}.")}

    def scope(self, user):
        return visible_requests(user)


@extend_schema_field(OpenApiTypes.INT)
class BookingField(CallerScopedField, serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": _("There is no facility booking {pk_value}.")}

    def scope(self, user):
        return visible_bookings(user=user)


@extend_schema_field(OpenApiTypes.STR)
class CompanyField(CallerScopedField, serializers.SlugRelatedField):
    default_error_messages = {"does_not_exist": _("You cannot record support for “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def scope(self, user):
        return supportable_companies(user)


class SupportCaseChangeSerializer(serializers.Serializer):
    """The fields of a case; PATCH sends any of them. Blank titles pass through so that
    the domain answers in its words."""

    cluster = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Cluster.objects.all(),
        allow_null=True,
        help_text="The cluster that gives the support (slug); one the caller staffs",
    )
    program = ProgramField(required=False, allow_null=True, help_text="Program address (slug)")
    cohort = CohortField(required=False, allow_null=True)
    stage = serializers.ChoiceField(choices=SupportStage.choices)
    title = serializers.CharField(max_length=200, allow_blank=True)
    description = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    provider = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        allow_null=True,
        help_text="The organization that provides it (slug); by default the service "
        "request's provider or the booked facility's operator",
    )
    service_request = ServiceRequestField(required=False, allow_null=True)
    booking = BookingField(required=False, allow_null=True)
    amount_krw = serializers.IntegerField(required=False, allow_null=True)
    starts_on = serializers.DateField(required=False, allow_null=True)
    ends_on = serializers.DateField(required=False, allow_null=True)


class SupportCaseInputSerializer(SupportCaseChangeSerializer):
    company = CompanyField(help_text="The supported company's address (slug)")


class SupportStatusInputSerializer(serializers.Serializer):
    status = serializers.ChoiceField(
        choices=SupportStatus.choices,
        help_text="planned → in_progress → completed; any of them → cancelled",
    )


class DeliverableInputSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=200, allow_blank=True)
    delivered_on = serializers.DateField(required=False, allow_null=True, default=None)
    # Empty files pass through: `core.uploads.check_upload` refuses them in its words.
    file = serializers.FileField(
        required=False, allow_empty_file=True, help_text="PDF, Office documents or images"
    )


class SupportCaseFilterSerializer(serializers.Serializer):
    company = serializers.SlugField(required=False, help_text="Company address (slug)")
    cluster = serializers.SlugField(required=False, help_text="Cluster address (slug)")
    program = serializers.SlugField(required=False, help_text="Program address (slug)")
    stage = serializers.ChoiceField(choices=SupportStage.choices, required=False)
    status = serializers.ChoiceField(choices=SupportStatus.choices, required=False)
