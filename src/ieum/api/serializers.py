from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ieum.accounts.models import Membership
from ieum.directory.enums import Vocabulary
from ieum.directory.models import (
    Cluster,
    CompanyProfile,
    DemandCompanyProfile,
    HospitalProfile,
    InvestorProfile,
    Organization,
    Term,
)


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


def term_list(vocabulary: str, **kwargs) -> TermField:
    return TermField(vocabulary, many=True, required=False, **kwargs)


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


class CompanyPublicSerializer(serializers.ModelSerializer):
    stage = TermField(Vocabulary.STAGE, required=False, allow_null=True)
    trl = TermField(Vocabulary.TRL, required=False, allow_null=True)
    therapeutic_areas = term_list(Vocabulary.THERAPEUTIC_AREA)
    technology_fields = term_list(Vocabulary.TECHNOLOGY_FIELD)
    modalities = term_list(Vocabulary.MODALITY)
    certifications = term_list(Vocabulary.CERTIFICATION)

    class Meta:
        model = CompanyProfile
        fields = CompanyProfile.PUBLIC_FIELDS


class CompanyConfidentialSerializer(CompanyPublicSerializer):
    class Meta(CompanyPublicSerializer.Meta):
        fields = [*CompanyProfile.PUBLIC_FIELDS, *CompanyProfile.CONFIDENTIAL_FIELDS]


class HospitalPublicSerializer(serializers.ModelSerializer):
    specialties = term_list(Vocabulary.THERAPEUTIC_AREA)
    services = term_list(Vocabulary.HOSPITAL_SERVICE)

    class Meta:
        model = HospitalProfile
        fields = HospitalProfile.PUBLIC_FIELDS


class HospitalConfidentialSerializer(HospitalPublicSerializer):
    class Meta(HospitalPublicSerializer.Meta):
        fields = [*HospitalProfile.PUBLIC_FIELDS, *HospitalProfile.CONFIDENTIAL_FIELDS]


class InvestorPublicSerializer(serializers.ModelSerializer):
    focus_areas = term_list(Vocabulary.THERAPEUTIC_AREA)
    focus_fields = term_list(Vocabulary.TECHNOLOGY_FIELD)
    preferred_stages = term_list(Vocabulary.STAGE)

    class Meta:
        model = InvestorProfile
        fields = InvestorProfile.PUBLIC_FIELDS


class InvestorConfidentialSerializer(InvestorPublicSerializer):
    class Meta(InvestorPublicSerializer.Meta):
        fields = [*InvestorProfile.PUBLIC_FIELDS, *InvestorProfile.CONFIDENTIAL_FIELDS]


class DemandPublicSerializer(serializers.ModelSerializer):
    technology_interests = term_list(Vocabulary.TECHNOLOGY_FIELD)
    therapeutic_interests = term_list(Vocabulary.THERAPEUTIC_AREA)

    class Meta:
        model = DemandCompanyProfile
        fields = DemandCompanyProfile.PUBLIC_FIELDS


class DemandConfidentialSerializer(DemandPublicSerializer):
    class Meta(DemandPublicSerializer.Meta):
        fields = [*DemandCompanyProfile.PUBLIC_FIELDS, *DemandCompanyProfile.CONFIDENTIAL_FIELDS]


# kind: (public serializer, serializer with the confidential part)
PROFILE_SERIALIZERS = {
    "company": (CompanyPublicSerializer, CompanyConfidentialSerializer),
    "hospital": (HospitalPublicSerializer, HospitalConfidentialSerializer),
    "investor": (InvestorPublicSerializer, InvestorConfidentialSerializer),
    "demand_company": (DemandPublicSerializer, DemandConfidentialSerializer),
}


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
