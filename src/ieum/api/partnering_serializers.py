"""API shapes of partnering events, technology needs and proposals.

Serializers only parse and present: the domain functions of `ieum.partnering` decide
whether a step is allowed. Requests, meetings and agendas are in
`partnering_meeting_serializers.py`.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ieum.api.serializers import TermField
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Organization, Term
from ieum.partnering.enums import (
    DealType,
    EventKind,
    EventStatus,
    MeetingStatus,
    Priority,
    ProposalStatus,
)
from ieum.partnering.models import (
    Event,
    EventBreak,
    EventDay,
    Location,
    Proposal,
    Registration,
    Slot,
    TechnologyNeed,
)


class OrganizationRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = ["slug", "name_ko", "name_en"]


class PartySerializer(serializers.ModelSerializer):
    """A registered organization, as one side of a need, proposal, request or meeting."""

    organization = OrganizationRefSerializer(read_only=True)

    class Meta:
        model = Registration
        fields = ["id", "organization", "kind", "teams"]


class ParticipantSerializer(PartySerializer):
    class Meta(PartySerializer.Meta):
        fields = [*PartySerializer.Meta.fields, "pitch_ko", "pitch_en"]


# Events


class BreakSerializer(serializers.ModelSerializer):
    class Meta:
        model = EventBreak
        fields = ["starts_at", "ends_at", "label_ko", "label_en"]


class DaySerializer(serializers.ModelSerializer):
    breaks = BreakSerializer(many=True, read_only=True)

    class Meta:
        model = EventDay
        fields = ["date", "opens_at", "closes_at", "breaks"]


class SlotSerializer(serializers.ModelSerializer):
    class Meta:
        model = Slot
        fields = ["id", "day_number", "start", "end"]


class LocationSerializer(serializers.ModelSerializer):
    booth_of = serializers.PrimaryKeyRelatedField(source="registration", read_only=True)

    class Meta:
        model = Location
        fields = ["id", "kind", "name_ko", "name_en", "capacity", "booth_of"]


class EventSerializer(serializers.ModelSerializer):
    organizer = OrganizationRefSerializer(read_only=True)
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    url = serializers.HyperlinkedIdentityField(view_name="api:event-detail", lookup_field="slug")

    class Meta:
        model = Event
        fields = [
            "url",
            "slug",
            "kind",
            "status",
            "name_ko",
            "name_en",
            "summary_ko",
            "summary_en",
            "venue_ko",
            "venue_en",
            "organizer",
            "cluster",
            "time_zone",
            "starts_on",
            "ends_on",
            "slot_minutes",
            "requests_close_at",
            "is_public",
            "published_at",
        ]


class EventCountsSerializer(serializers.Serializer):
    organizations = serializers.DictField(
        child=serializers.IntegerField(), help_text="Registered organizations per kind"
    )
    needs = serializers.IntegerField(help_text="Published technology needs")
    meetings = serializers.IntegerField(help_text="Scheduled meetings")


class EventDetailSerializer(EventSerializer):
    days = DaySerializer(many=True, read_only=True)
    slots = SlotSerializer(many=True, read_only=True)
    locations = LocationSerializer(many=True, read_only=True)
    counts = serializers.SerializerMethodField()

    class Meta(EventSerializer.Meta):
        fields = [*EventSerializer.Meta.fields, "days", "slots", "locations", "counts"]

    def get_counts(self, event) -> EventCountsSerializer:
        kinds = (
            event.registrations.filter(is_cancelled=False)
            .values("kind")
            .annotate(n=Count("pk"))
            .order_by("kind")
        )
        figures = Event.objects.filter(pk=event.pk).aggregate(
            needs=Count("needs", filter=Q(needs__is_published=True), distinct=True),
            meetings=Count(
                "meetings", filter=Q(meetings__status=MeetingStatus.SCHEDULED), distinct=True
            ),
        )
        return {"organizations": {row["kind"]: row["n"] for row in kinds}, **figures}


class EventFilterSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=EventKind.choices, required=False)
    status = serializers.ChoiceField(choices=EventStatus.choices, required=False)
    year = serializers.IntegerField(min_value=2000, max_value=2100, required=False)


# Technology needs


class NeedSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    demand_company = PartySerializer(source="registration", read_only=True)
    areas = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    modalities = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    stages = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = TechnologyNeed
        fields = [
            "id",
            "event",
            "demand_company",
            "title_ko",
            "title_en",
            "description_ko",
            "description_en",
            "areas",
            "modalities",
            "stages",
            "deal_types",
            "proposals_close_at",
            "is_published",
            "created_at",
        ]


class AreaField(serializers.SlugRelatedField):
    """A therapeutic area or technology field by its code (the codes do not overlap)."""

    default_error_messages = TermField.default_error_messages

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault(
            "queryset",
            Term.objects.filter(
                vocabulary__in=[Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD]
            ),
        )
        super().__init__(**kwargs)


class NeedFilterSerializer(serializers.Serializer):
    event = serializers.SlugRelatedField(
        slug_field="slug", queryset=Event.objects.all(), required=False
    )
    area = AreaField(required=False)
    modality = TermField(Vocabulary.MODALITY, required=False)
    deal_type = serializers.ChoiceField(choices=DealType.choices, required=False)
    q = serializers.CharField(required=False, allow_blank=True, max_length=200)


class VisibleEventField(serializers.SlugRelatedField):
    """An event by its address; events the caller may not see do not exist for them."""

    default_error_messages = {"does_not_exist": _("There is no event “{value}”.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        kwargs.setdefault("queryset", Event.objects.select_related("organizer"))
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        event = super().to_internal_value(data)
        if not self.context["request"].user.has_perm("partnering.view_event", event):
            self.fail("does_not_exist", slug_name=self.slug_field, value=data)
        return event


class ActingOrganizationMixin(serializers.Serializer):
    organization = serializers.SlugField(
        required=False,
        help_text="Which of the caller's organizations acts, when they belong to several "
        "registered at the event",
    )


class NeedInputSerializer(ActingOrganizationMixin):
    event = VisibleEventField()
    title_ko = serializers.CharField(max_length=200)
    title_en = serializers.CharField(max_length=200, required=False, allow_blank=True)
    description_ko = serializers.CharField(max_length=20_000)
    description_en = serializers.CharField(max_length=20_000, required=False, allow_blank=True)
    areas = AreaField(many=True, required=False)
    modalities = TermField(Vocabulary.MODALITY, many=True, required=False)
    stages = TermField(Vocabulary.TRL, many=True, required=False)
    deal_types = serializers.ListField(
        child=serializers.ChoiceField(choices=DealType.choices), required=False
    )
    proposals_close_at = serializers.DateTimeField(required=False, allow_null=True)


# Proposals


class ProposalSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(source="need.event", slug_field="slug", read_only=True)
    need_title_ko = serializers.CharField(source="need.title_ko", read_only=True)
    need_title_en = serializers.CharField(source="need.title_en", read_only=True)
    startup = PartySerializer(source="registration", read_only=True)
    stage = serializers.SlugRelatedField(slug_field="code", read_only=True)
    meeting_request = serializers.SerializerMethodField()

    class Meta:
        model = Proposal
        fields = [
            "id",
            "event",
            "need",
            "need_title_ko",
            "need_title_en",
            "startup",
            "title",
            "summary",
            "stage",
            "deal_types",
            "status",
            "decision_reason",
            "decided_at",
            "meeting_request",
            "created_at",
        ]

    def get_meeting_request(self, proposal) -> int | None:
        # The reverse one-to-one raises when absent; the list selects it in one join.
        request = getattr(proposal, "meeting_request", None)
        return request.pk if request else None


class ProposalFilterSerializer(serializers.Serializer):
    event = serializers.SlugRelatedField(
        slug_field="slug", queryset=Event.objects.all(), required=False
    )
    need = serializers.IntegerField(required=False)
    status = serializers.ChoiceField(choices=ProposalStatus.choices, required=False)


class VisibleNeedField(serializers.PrimaryKeyRelatedField):
    default_error_messages = {"does_not_exist": _("There is no technology need {pk_value}.")}

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "queryset", TechnologyNeed.objects.select_related("event", "registration")
        )
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        need = super().to_internal_value(data)
        if not self.context["request"].user.has_perm("partnering.view_need", need):
            self.fail("does_not_exist", pk_value=data)
        return need


class ProposalInputSerializer(ActingOrganizationMixin):
    need = VisibleNeedField()
    title = serializers.CharField(max_length=200)
    summary = serializers.CharField(max_length=20_000)
    stage = TermField(Vocabulary.TRL, required=False, allow_null=True)
    deal_types = serializers.ListField(
        child=serializers.ChoiceField(choices=DealType.choices), required=False
    )


class PriorityInputSerializer(serializers.Serializer):
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.MEDIUM)


class ReasonInputSerializer(serializers.Serializer):
    # Blank passes through: the domain function says why a reason is needed.
    reason = serializers.CharField(max_length=2000, allow_blank=True)


class OptionalReasonInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")
