"""API shapes of meeting requests, meetings and agendas."""

import zoneinfo

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ieum.accounts.access import access_for
from ieum.api.partnering_serializers import (
    ActingOrganizationMixin,
    PartySerializer,
    SlotSerializer,
    VisibleEventField,
)
from ieum.partnering.enums import MeetingStatus, Priority, RequestStatus
from ieum.partnering.models import (
    Delegate,
    Location,
    Meeting,
    MeetingRequest,
    Registration,
    Slot,
)
from ieum.partnering.models.events import known_time_zones

# Meeting requests


class MeetingRequestSerializer(serializers.ModelSerializer):
    """A request; each side's priority is shown only to that side and the organizers."""

    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requester = PartySerializer(read_only=True)
    recipient = PartySerializer(read_only=True)
    meeting = serializers.SerializerMethodField()

    class Meta:
        model = MeetingRequest
        fields = [
            "id",
            "event",
            "requester",
            "recipient",
            "message",
            "priority",
            "recipient_priority",
            "status",
            "decline_reason",
            "answered_at",
            "proposal",
            "meeting",
            "created_at",
        ]

    def get_meeting(self, request) -> int | None:
        meeting = getattr(request, "meeting", None)
        return meeting.pk if meeting else None

    def to_representation(self, instance):
        data = super().to_representation(instance)
        user = self.context["request"].user
        if not user.has_perm("partnering.manage_event", instance.event):
            organizations = access_for(user).organization_ids
            if instance.requester.organization_id not in organizations:
                data["priority"] = None
            if instance.recipient.organization_id not in organizations:
                data["recipient_priority"] = None
        return data


class RequestFilterSerializer(serializers.Serializer):
    box = serializers.ChoiceField(choices=[("sent", _("Sent")), ("received", _("Received"))])
    status = serializers.ChoiceField(choices=RequestStatus.choices, required=False)
    event = VisibleEventField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["box"].required = False


class RequestInputSerializer(ActingOrganizationMixin):
    event = VisibleEventField()
    recipient = serializers.SlugField(help_text="The address (slug) of the organization asked")
    message = serializers.CharField(max_length=4000, required=False, allow_blank=True, default="")
    priority = serializers.ChoiceField(choices=Priority.choices, default=Priority.MEDIUM)

    def validate(self, data):
        # The recipient must be a party of the event, or there is nobody to ask.
        recipient = (
            Registration.objects.filter(
                event=data["event"], organization__slug=data["recipient"], is_cancelled=False
            )
            .select_related("organization")
            .first()
        )
        if recipient is None:
            raise serializers.ValidationError(
                {"recipient": _("This organization is not registered at the event.")}
            )
        data["recipient"] = recipient
        return data


# Meetings


class MeetingLocationSerializer(serializers.ModelSerializer):
    class Meta:
        model = Location
        fields = ["id", "kind", "name_ko", "name_en", "meeting_link"]


class MeetingSerializer(serializers.ModelSerializer):
    event = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    requester = PartySerializer(source="request.requester", read_only=True)
    recipient = PartySerializer(source="request.recipient", read_only=True)
    slot = SlotSerializer(read_only=True)
    location = MeetingLocationSerializer(read_only=True)

    class Meta:
        model = Meeting
        fields = [
            "id",
            "event",
            "request",
            "status",
            "requester",
            "requester_team",
            "recipient",
            "recipient_team",
            "slot",
            "location",
            "table_number",
            "published_at",
            "sequence",
            "requester_checked_in_at",
            "recipient_checked_in_at",
        ]


class MeetingFilterSerializer(serializers.Serializer):
    event = VisibleEventField(required=False)
    status = serializers.ChoiceField(choices=MeetingStatus.choices, required=False)


class MoveInputSerializer(serializers.Serializer):
    slot = serializers.PrimaryKeyRelatedField(queryset=Slot.objects.none())
    location = serializers.PrimaryKeyRelatedField(
        queryset=Location.objects.none(), required=False, allow_null=True
    )
    table_number = serializers.IntegerField(
        min_value=1, max_value=999, required=False, allow_null=True
    )

    def __init__(self, *args, event=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Only the meeting's own event's slots and locations exist for a move.
        if event is not None:
            self.fields["slot"].queryset = Slot.objects.filter(event=event)
            self.fields["location"].queryset = Location.objects.filter(event=event)


class CheckInInputSerializer(serializers.Serializer):
    registration = serializers.IntegerField(
        required=False,
        help_text="The side checking in; needed when the caller could act for either side",
    )


# Agendas


class AgendaQuerySerializer(serializers.Serializer):
    tz = serializers.CharField(required=False, max_length=64)

    def validate_tz(self, value):
        if value not in known_time_zones():
            raise serializers.ValidationError(_("Unknown time zone: %(zone)s") % {"zone": value})
        return value


class DelegateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegate
        fields = ["id", "full_name", "job_title", "team", "time_zone", "language"]


class OtherDelegateSerializer(serializers.ModelSerializer):
    class Meta:
        model = Delegate
        fields = ["full_name", "job_title"]


class AgendaEntrySerializer(serializers.Serializer):
    """One line of an agenda; times in the agenda's time zone, with their offset."""

    kind = serializers.CharField(help_text="meeting, break, free or blocked")
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    day_number = serializers.IntegerField()
    day = serializers.DateField()
    time_label = serializers.CharField()
    event_time_label = serializers.CharField(help_text="At the venue, when its clock differs")
    label = serializers.CharField()
    meeting = serializers.IntegerField(source="meeting.pk", allow_null=True)
    side = serializers.CharField()
    other_party = PartySerializer(allow_null=True)
    other_delegates = OtherDelegateSerializer(many=True)
    place = serializers.CharField()
    link = serializers.CharField()
    is_published = serializers.BooleanField()
    checked_in_at = serializers.DateTimeField(allow_null=True)


class AgendaSerializer(serializers.Serializer):
    """A delegate's agenda: `{"delegate", "organization", "time_zone", "entries"}`."""

    delegate = DelegateSerializer()
    organization = serializers.SlugField(source="delegate.registration.organization.slug")
    time_zone = serializers.CharField()
    entries = AgendaEntrySerializer(many=True)

    def to_representation(self, instance):
        # DRF writes datetimes in the current time zone: the reader's, for this agenda.
        with timezone.override(zoneinfo.ZoneInfo(instance["time_zone"])):
            return super().to_representation(instance)
