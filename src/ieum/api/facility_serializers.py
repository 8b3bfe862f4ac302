"""API shapes of facilities and bookings. Validation of bookings lives in the domain."""

from rest_framework import serializers

from ieum.directory.models import Organization
from ieum.facilities.enums import BookingMode
from ieum.facilities.models import Booking, Resource


class ResourceSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    name = serializers.CharField(read_only=True)
    opening_hours = serializers.SerializerMethodField()

    class Meta:
        model = Resource
        fields = [
            "id",
            "cluster",
            "name",
            *Resource.DESCRIPTION_FIELDS,
            *Resource.CONTACT_FIELDS,
            *Resource.RULE_FIELDS,
            *Resource.RATE_FIELDS,
            "opening_hours",
        ]

    def get_opening_hours(self, resource) -> list[dict]:
        return [
            {
                "weekday": h.weekday,
                "opens": h.opens.isoformat("minutes"),
                "closes": h.closes.isoformat("minutes"),
            }
            for h in resource.opening_hours.all()
        ]


class IntervalSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()


class BusySerializer(IntervalSerializer):
    bookings = serializers.IntegerField()


class BlackoutSerializer(IntervalSerializer):
    reason = serializers.CharField()


class AvailabilitySerializer(serializers.Serializer):
    resource = serializers.IntegerField()
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    capacity = serializers.IntegerField()
    buffer_minutes = serializers.IntegerField()
    open = IntervalSerializer(many=True)
    blackouts = BlackoutSerializer(many=True)
    busy = BusySerializer(many=True)
    free = IntervalSerializer(many=True)


class BookingSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    booked_by = serializers.EmailField(source="booked_by.email", read_only=True)

    class Meta:
        model = Booking
        fields = [
            "id",
            "resource",
            "organization",
            "booked_by",
            "mode",
            "status",
            "start",
            "end",
            "purpose",
            "user_type",
            "hourly_rate_krw",
            "fee_krw",
            "voucher_krw",
            "decision_reason",
            "checked_in_at",
            "checked_out_at",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class BookingRequestSerializer(serializers.Serializer):
    """What a client sends to book: the domain checks everything else."""

    resource = serializers.PrimaryKeyRelatedField(queryset=Resource.objects.all())
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
    organization = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
    )
    mode = serializers.ChoiceField(choices=BookingMode.choices, default=BookingMode.DIRECT_USE)
    purpose = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")


class BookingChangeSerializer(serializers.Serializer):
    start = serializers.DateTimeField()
    end = serializers.DateTimeField()
