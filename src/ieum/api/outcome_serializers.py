"""API shapes of outcome records, KPI definitions and KPI values.

Serializers only parse and present. A record's fields go as given to
`record_input.clean_record_fields` (through `recording`), the one check every way in
shares, so the API answers bad values with the same translated messages, per field, as
the pages and the Excel import. Attributions are looked up by address (slug) or number;
whether the caller may attribute a record to them is the domain's call.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ieum.api.partnering_serializers import OrganizationRefSerializer
from ieum.api.partnering_views import visible_events
from ieum.directory.models import Cluster, Organization
from ieum.outcomes.enums import (
    Computation,
    Currency,
    KPIField,
    KPISource,
    KPIUnit,
    OutcomeKind,
    OutcomeSubtype,
    PatentScope,
    RecordSource,
    Region,
    VerificationStatus,
)
from ieum.outcomes.models import KPIDefinition, OutcomeRecord
from ieum.partnering.models import Event
from ieum.programs.models import Program


class EnumText(serializers.CharField):
    """Text holding one of an enum's values (or nothing, when `blank`)."""

    def __init__(self, enum, *, schema_name: str, blank: bool = False, **kwargs):
        self.enum = enum
        self.schema_name = schema_name
        self.blank = blank
        kwargs.setdefault("allow_blank", blank)
        super().__init__(**kwargs)


class EnumTextExtension(OpenApiSerializerFieldExtension):
    """Each enum of the outcomes API as one named schema component.

    Several models have a `kind`, `status` or `source` of their own, and a record's
    `kind` and a KPI's `kinds` share a choice set: named components keep them apart
    and the same, where the generator would otherwise guess a name per field.
    """

    target_class = "ieum.api.outcome_serializers.EnumText"

    def get_name(self) -> str:
        return self.target.schema_name

    def map_serializer_field(self, auto_schema, direction):
        values = list(self.target.enum.values)
        return {"type": "string", "enum": ["", *values] if self.target.blank else values}


def kind_text(**kwargs) -> EnumText:
    return EnumText(OutcomeKind, schema_name="OutcomeKindEnum", **kwargs)


def subtype_text(**kwargs) -> EnumText:
    return EnumText(OutcomeSubtype, schema_name="OutcomeSubtypeEnum", blank=True, **kwargs)


def patent_scope_text(**kwargs) -> EnumText:
    return EnumText(PatentScope, schema_name="OutcomePatentScopeEnum", blank=True, **kwargs)


def currency_text(**kwargs) -> EnumText:
    return EnumText(Currency, schema_name="OutcomeCurrencyEnum", blank=True, **kwargs)


def unit_text(**kwargs) -> EnumText:
    return EnumText(KPIUnit, schema_name="KPIUnitEnum", **kwargs)


# Records


class OutcomeRecordSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:outcome-record-detail")
    company = OrganizationRefSerializer(read_only=True)
    kind = kind_text(read_only=True)
    subtype = subtype_text(read_only=True)
    patent_scope = patent_scope_text(read_only=True)
    currency = currency_text(read_only=True)
    status = EnumText(
        VerificationStatus, schema_name="OutcomeVerificationStatusEnum", read_only=True
    )
    source = EnumText(RecordSource, schema_name="OutcomeSourceEnum", read_only=True)
    year = serializers.IntegerField(read_only=True)
    quarter = serializers.IntegerField(read_only=True)
    clusters = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    programs = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    events = serializers.SlugRelatedField(slug_field="slug", many=True, read_only=True)
    has_evidence = serializers.SerializerMethodField()

    class Meta:
        model = OutcomeRecord
        fields = [
            "url",
            "id",
            "company",
            "kind",
            "subtype",
            "patent_scope",
            "country",
            "title",
            "reference",
            "counterparty",
            "device_class",
            "occurred_on",
            "year",
            "quarter",
            "amount",
            "currency",
            "amount_krw",
            "amount_usd",
            "krw_per_unit",
            "krw_per_usd",
            "rates_on",
            "headcount",
            "youth_headcount",
            "new_hires",
            "note",
            "is_confidential",
            "clusters",
            "programs",
            "events",
            "has_evidence",
            "evidence_name",
            "status",
            "rejection_reason",
            "reviewed_at",
            "source",
            "created_at",
        ]
        read_only_fields = fields

    def get_has_evidence(self, record) -> bool:
        return bool(record.evidence)


class RawValue(serializers.Field):
    """A single value handed as given to `clean_record_fields`, which parses it and
    answers a bad one in its words; only lists and objects are refused here."""

    default_error_messages = {"invalid": _("Give a single value, not a list or an object.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        if isinstance(data, dict | list):
            self.fail("invalid")
        return data

    def to_representation(self, value):
        return value


@extend_schema_field(OpenApiTypes.STR)
class RawText(RawValue):
    pass


@extend_schema_field(OpenApiTypes.DECIMAL)
class RawDecimal(RawValue):
    pass


@extend_schema_field(OpenApiTypes.INT)
class RawInteger(RawValue):
    pass


@extend_schema_field(OpenApiTypes.DATE)
class RawDate(RawValue):
    pass


@extend_schema_field(OpenApiTypes.BOOL)
class RawBool(RawValue):
    pass


class RefField(serializers.RelatedField):
    """A related row by its address (slug) or its number, shown by its address."""

    default_error_messages = {"invalid": _("Give an address (slug) or a number.")}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, str | int):
            self.fail("invalid")
        text = str(data).strip()
        lookup = {"pk": int(text)} if text.isdigit() else {"slug": text}
        found = self.get_queryset().filter(**lookup).first()
        if found is None:
            self.fail("does_not_exist", value=text)
        return found

    def to_representation(self, value):
        return value.slug


@extend_schema_field(OpenApiTypes.STR)
class ClusterRef(RefField):
    default_error_messages = {"does_not_exist": _("There is no cluster “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(queryset=Cluster.objects.all(), **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class ProgramRef(RefField):
    default_error_messages = {"does_not_exist": _("There is no program “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(queryset=Program.objects.all(), **kwargs)


@extend_schema_field(OpenApiTypes.STR)
class EventRef(RefField):
    """An event the caller may see; another one reads as one that does not exist."""

    default_error_messages = {"does_not_exist": _("There is no event “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(queryset=Event.objects.all(), **kwargs)

    def get_queryset(self):
        return visible_events(self.context["request"].user)


class OutcomeRecordChangeSerializer(serializers.Serializer):
    """The fields of a record; PATCH sends any of them. Which a kind needs, and what
    each may hold, is `record_input`'s to say."""

    subtype = RawText(help_text="The finer kind (see `kind`): patent_application, mfds, …")
    patent_scope = RawText(help_text="Patents: domestic, pct or foreign")
    country = RawText(help_text="ISO 3166 two-letter code (EU for CE, WO for PCT)")
    title = RawText()
    reference = RawText(help_text="Patent, approval or project number, or trial registry ID")
    counterparty = RawText(help_text="Buyer, investor, licensee, sponsor or agency")
    device_class = RawInteger(help_text="MFDS device class, 1 to 4")
    occurred_on = RawDate(help_text="The date of the outcome, YYYY-MM-DD")
    amount = RawDecimal(help_text="The amount as contracted, in `currency`; never negative")
    currency = RawText(help_text=f"One of {', '.join(Currency.values)}")
    headcount = RawInteger()
    youth_headcount = RawInteger()
    new_hires = RawInteger()
    note = RawText()
    is_confidential = RawBool(
        help_text="Kept out of every figure shown to other companies and the public"
    )
    clusters = serializers.ListField(
        child=ClusterRef(),
        required=False,
        help_text="Clusters the outcome is attributed to (addresses or numbers)",
    )
    programs = serializers.ListField(
        child=ProgramRef(),
        required=False,
        help_text="Support programs it is attributed to (addresses or numbers)",
    )
    events = serializers.ListField(
        child=EventRef(),
        required=False,
        help_text="Partnering events it is attributed to (addresses or numbers)",
    )
    # Empty files pass through: `core.uploads.check_upload` refuses them in its words.
    evidence = serializers.FileField(
        required=False, allow_empty_file=True, help_text="PDF, Office documents or images"
    )


class OutcomeRecordInputSerializer(OutcomeRecordChangeSerializer):
    company = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        help_text="The company's address (slug)",
    )
    kind = kind_text(help_text="What kind of outcome; it decides which fields are needed")


class RejectInputSerializer(serializers.Serializer):
    # A blank reason passes through: the domain refuses it in its words.
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class OutcomeRecordFilterSerializer(serializers.Serializer):
    status = serializers.ChoiceField(choices=VerificationStatus.choices, required=False)
    kind = serializers.ChoiceField(choices=OutcomeKind.choices, required=False)
    year = serializers.IntegerField(min_value=1990, max_value=2100, required=False)
    company = serializers.SlugField(required=False, help_text="Company address (slug)")
    cluster = serializers.SlugField(required=False, help_text="Cluster address (slug)")


# KPIs


class KPIDefinitionSerializer(serializers.ModelSerializer):
    unit = unit_text(read_only=True)
    source = EnumText(KPISource, schema_name="KPISourceEnum", read_only=True)
    computation = EnumText(Computation, schema_name="KPIComputationEnum", read_only=True)
    field = EnumText(KPIField, schema_name="KPIFieldEnum", blank=True, read_only=True)
    region = EnumText(Region, schema_name="KPIRegionEnum", read_only=True)
    kinds = serializers.ListField(child=kind_text(), read_only=True)
    subtypes = serializers.ListField(child=subtype_text(), read_only=True)
    patent_scopes = serializers.ListField(child=patent_scope_text(), read_only=True)
    currencies = serializers.ListField(child=currency_text(), read_only=True)

    class Meta:
        model = KPIDefinition
        fields = [
            "code",
            "name_ko",
            "name_en",
            "description_ko",
            "description_en",
            "unit",
            "source",
            "computation",
            "field",
            "kinds",
            "subtypes",
            "patent_scopes",
            "region",
            "currencies",
            "is_builtin",
            "sort_order",
        ]
        read_only_fields = fields


class KPIValuesQuerySerializer(serializers.Serializer):
    scope = serializers.CharField(
        required=False,
        default="national",
        help_text="national, cluster:<slug>, program:<slug> or company:<slug>",
    )
    # `from` is a Python keyword, hence the assignment through the class namespace.
    vars()["from"] = serializers.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="First year (default: 4 years ago)",
    )
    to = serializers.IntegerField(
        required=False,
        min_value=1990,
        max_value=2100,
        help_text="Last year (default: this year); at most 15 years, 5 by quarter",
    )
    quarterly = serializers.BooleanField(required=False, default=False)
    pending = serializers.BooleanField(
        required=False,
        default=False,
        help_text="Count records waiting for verification too (full views only)",
    )
    kpi = serializers.CharField(
        required=False, allow_blank=True, help_text="KPI codes, comma-separated (default: all)"
    )


class KPIValueSerializer(serializers.Serializer):
    kpi = serializers.CharField(help_text="The KPI's code")
    period = serializers.CharField(help_text="2024, or 2024-Q3 for quarters")
    value = serializers.FloatField(
        allow_null=True, help_text="Null when suppressed or not applicable"
    )
    unit = unit_text()
    suppressed = serializers.BooleanField(
        help_text="Hidden because fewer than three companies make it up (public figures)"
    )
    applicable = serializers.BooleanField(help_text="False when the KPI has no meaning here")


class KPIRefSerializer(serializers.Serializer):
    code = serializers.CharField()
    name_ko = serializers.CharField()
    name_en = serializers.CharField()
    unit = unit_text()


class KPIValuesSerializer(serializers.Serializer):
    scope = serializers.CharField()
    public = serializers.BooleanField(
        help_text="True when these are the public figures: verified, not confidential, "
        "and cells of fewer than three companies suppressed"
    )
    pending = serializers.BooleanField(help_text="Records waiting for verification counted")
    periods = serializers.ListField(child=serializers.CharField())
    kpis = KPIRefSerializer(many=True)
    values = KPIValueSerializer(many=True)
