from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ieum.accounts.models import Membership
from ieum.directory.domain import PROFILE_MODELS
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Cluster, Organization, Term


class TermSerializer(serializers.ModelSerializer):
    class Meta:
        model = Term
        fields = ["vocabulary", "code", "name_ko", "name_en", "synonyms", "sort_order"]


class TermField(serializers.SlugRelatedField):
    """A vocabulary term by its code, checked against the vocabulary the field uses."""

    def __init__(self, vocabulary: str, **kwargs):
        self.vocabulary = vocabulary
        kwargs.setdefault("slug_field", "code")
        kwargs.setdefault("queryset", Term.objects.filter(vocabulary=vocabulary))
        super().__init__(**kwargs)

    default_error_messages = {
        "does_not_exist": _("“{value}” is not a term of this vocabulary."),
        "invalid": _("Give the term's code as text."),
    }


class ClusterSummarySerializer(serializers.ModelSerializer):
    class Meta:
        model = Cluster
        fields = ["slug", "name_ko", "name_en"]


class OrganizationSerializer(serializers.ModelSerializer):
    region = TermField(Vocabulary.REGION, required=False, allow_null=True)
    clusters = ClusterSummarySerializer(many=True, read_only=True)
    url = serializers.HyperlinkedIdentityField(
        view_name="api:organization-detail", lookup_field="slug"
    )

    class Meta:
        model = Organization
        fields = [
            "url",
            "slug",
            "kind",
            "name_ko",
            "name_en",
            "region",
            "city",
            "summary_ko",
            "summary_en",
            "website",
            "email",
            "phone",
            "address",
            "is_listed",
            "is_demo",
            "clusters",
        ]
        read_only_fields = ["slug", "kind", "name_ko", "is_demo"]


class ProfileSerializer(serializers.ModelSerializer):
    """A profile, its vocabulary fields as term codes checked against the model's vocabulary.

    Each vocabulary field of a profile model names its vocabulary once (in
    `limit_choices_to`); the serializer reads it from there instead of repeating it.
    """

    def build_relational_field(self, field_name, relation_info):
        vocabulary = None
        if relation_info.related_model is Term:
            limit = relation_info.model_field.remote_field.limit_choices_to or {}
            vocabulary = limit.get("vocabulary")
        if vocabulary is None:
            return super().build_relational_field(field_name, relation_info)
        if relation_info.to_many:
            return TermField, {"vocabulary": vocabulary, "many": True, "required": False}
        return TermField, {"vocabulary": vocabulary, "required": False, "allow_null": True}


def profile_serializers(model) -> tuple[type[ProfileSerializer], type[ProfileSerializer]]:
    """The serializer of a profile's public part, and the one that adds its confidential part."""

    def serializer(suffix: str, fields: list[str]) -> type[ProfileSerializer]:
        meta = type("Meta", (), {"model": model, "fields": fields})
        return type(f"{model.__name__}{suffix}Serializer", (ProfileSerializer,), {"Meta": meta})

    return (
        serializer("Public", model.PUBLIC_FIELDS),
        serializer("Confidential", [*model.PUBLIC_FIELDS, *model.CONFIDENTIAL_FIELDS]),
    )


# kind: (public serializer, serializer with the confidential part)
PROFILE_SERIALIZERS = {kind: profile_serializers(model) for kind, model in PROFILE_MODELS.items()}


class ClusterSerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    operator = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    focus_fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    member_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cluster
        fields = [
            "slug",
            "name_ko",
            "name_en",
            "region",
            "operator",
            "focus_fields",
            "designation_years",
            "summary_ko",
            "summary_en",
            "member_count",
        ]


class MembershipSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="slug", read_only=True)
    organization_name = serializers.CharField(source="organization.name", read_only=True)

    class Meta:
        model = Membership
        fields = ["organization", "organization_name", "role", "title", "is_admin"]
