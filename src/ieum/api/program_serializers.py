"""API shapes of support-program calls and applications.

Serializers only parse and present; `ieum.programs`' domain functions decide. An
application has three shapes, chosen per caller and row in `program_views`:

- own: what the applying company's members see; the status is the one they may know
  (a decision only once the results are announced), with what a submission still needs;
- managed: what the call's managers see, the real status and stage included;
- reviewed: what an assigned reviewer's page shows; no status, and in a blind stage no
  company (`company` is null).
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ieum.api.partnering_serializers import OrganizationRefSerializer
from ieum.directory.enums import Vocabulary
from ieum.directory.models import Organization, Term
from ieum.programs.applications import applicant_status, call_phase, missing_items
from ieum.programs.eligibility import eligibility_reasons
from ieum.programs.enums import ApplicationStatus, CallPhase, CompanyAge
from ieum.programs.models import (
    Application,
    ApplicationFile,
    Call,
    Criterion,
    Notice,
    Program,
    Question,
    RequiredDocument,
    ReviewStage,
)
from ieum.programs.visibility import visible_calls

FIELD_VOCABULARIES = (Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD)

# Calls


class ProgramRefSerializer(serializers.ModelSerializer):
    cluster = serializers.SlugRelatedField(slug_field="slug", read_only=True, allow_null=True)

    class Meta:
        model = Program
        fields = ["slug", "kind", "name_ko", "name_en", "cluster"]


class QuestionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Question
        fields = [
            "id",
            "position",
            "kind",
            "label_ko",
            "label_en",
            "help_ko",
            "help_en",
            "is_required",
            "choices",
            "max_length",
        ]


class RequiredDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RequiredDocument
        fields = ["id", "position", "name_ko", "name_en", "is_required"]


class CriterionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Criterion
        fields = [
            "id",
            "position",
            "name_ko",
            "name_en",
            "description_ko",
            "description_en",
            "weight",
            "scale_min",
            "scale_max",
        ]


class StageSerializer(serializers.ModelSerializer):
    """A review stage as applicants may know it: no reviewers, no assignments, no scores."""

    criteria = CriterionSerializer(many=True, read_only=True)

    class Meta:
        model = ReviewStage
        fields = ["id", "position", "kind", "name_ko", "name_en", "is_blind", "criteria"]


class NoticeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Notice
        fields = ["id", "title_ko", "title_en", "body_ko", "body_en", "created_at"]


class CallSerializer(serializers.ModelSerializer):
    url = serializers.HyperlinkedIdentityField(view_name="api:call-detail", lookup_field="slug")
    program = ProgramRefSerializer(read_only=True)
    phase = serializers.SerializerMethodField(help_text="Where the call stands by the clock now")
    eligible_ages = serializers.ListField(
        child=serializers.ChoiceField(choices=CompanyAge.choices), read_only=True
    )
    eligible_regions = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    eligible_fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Call
        fields = [
            "url",
            "slug",
            "program",
            "title_ko",
            "title_en",
            "status",
            "phase",
            "opens_at",
            "closes_at",
            "eligible_ages",
            "eligible_regions",
            "members_only",
            "eligible_fields",
            "quota",
            "budget_krw",
            "results_published_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=CallPhase.choices))
    def get_phase(self, call) -> str:
        return call_phase(call)


class CallDetailSerializer(CallSerializer):
    questions = QuestionSerializer(many=True, read_only=True)
    required_documents = RequiredDocumentSerializer(many=True, read_only=True)
    stages = StageSerializer(many=True, read_only=True)
    notices = NoticeSerializer(many=True, read_only=True)

    class Meta(CallSerializer.Meta):
        fields = [
            *CallSerializer.Meta.fields,
            "body_ko",
            "body_en",
            "questions",
            "required_documents",
            "stages",
            "notices",
        ]


class CallFilterSerializer(serializers.Serializer):
    phase = serializers.ChoiceField(choices=CallPhase.choices, required=False)
    program = serializers.SlugField(required=False, help_text="Program address (slug)")
    cluster = serializers.SlugField(required=False, help_text="Cluster address (slug)")


class CallRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Call
        fields = ["slug", "title_ko", "title_en", "closes_at"]


# Applications


class ApplicationFileSerializer(serializers.ModelSerializer):
    class Meta:
        model = ApplicationFile
        fields = ["id", "name", "content_type", "size", "document", "question", "created_at"]


class ApplicationSerializer(serializers.ModelSerializer):
    """What every shape has: the project and its answers."""

    url = serializers.HyperlinkedIdentityField(view_name="api:application-detail")
    reference = serializers.CharField(read_only=True)
    call = CallRefSerializer(read_only=True)
    fields = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    answers = serializers.DictField(
        read_only=True, help_text="Answers by question id; file answers are in `files`"
    )
    files = ApplicationFileSerializer(many=True, read_only=True)

    class Meta:
        model = Application
        fields = [
            "url",
            "id",
            "reference",
            "call",
            "title",
            "summary",
            "requested_krw",
            "fields",
            "answers",
            "files",
            "submitted_at",
        ]


class ReviewedApplicationSerializer(ApplicationSerializer):
    """An application as its reviewer sees it; `company` is null in a blind stage."""

    company = serializers.SerializerMethodField()

    class Meta(ApplicationSerializer.Meta):
        fields = [*ApplicationSerializer.Meta.fields, "company"]

    @extend_schema_field(OrganizationRefSerializer(allow_null=True))
    def get_company(self, application):
        if application.pk in self.context.get("blind_ids", ()):
            return None
        return OrganizationRefSerializer(application.company).data


class OwnApplicationSerializer(ApplicationSerializer):
    """The applying company's view: the status it may know now."""

    company = OrganizationRefSerializer(read_only=True)
    status = serializers.SerializerMethodField(
        help_text="A decision shows once the call's results are announced"
    )

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "company",
            "status",
            "withdrawn_at",
            "created_at",
            "updated_at",
        ]

    @extend_schema_field(serializers.ChoiceField(choices=ApplicationStatus.choices))
    def get_status(self, application) -> str:
        return applicant_status(application)[0]


class OwnApplicationDetailSerializer(OwnApplicationSerializer):
    missing = serializers.SerializerMethodField(help_text="What a submission still needs")
    eligibility = serializers.SerializerMethodField(
        help_text="Why the company may not apply; empty when it may"
    )

    class Meta(OwnApplicationSerializer.Meta):
        fields = [*OwnApplicationSerializer.Meta.fields, "missing", "eligibility"]

    def get_missing(self, application) -> list[str]:
        if application.status != ApplicationStatus.DRAFT:
            return []
        return missing_items(application)

    def get_eligibility(self, application) -> list[str]:
        if application.status != ApplicationStatus.DRAFT:
            return []
        return eligibility_reasons(call=application.call, company=application.company)


class ManagedApplicationSerializer(ApplicationSerializer):
    company = OrganizationRefSerializer(read_only=True)
    current_stage = serializers.PrimaryKeyRelatedField(read_only=True, allow_null=True)

    class Meta(ApplicationSerializer.Meta):
        fields = [
            *ApplicationSerializer.Meta.fields,
            "company",
            "status",
            "current_stage",
            "withdrawn_at",
            "created_at",
            "updated_at",
        ]


@extend_schema_field(OpenApiTypes.STR)
class VisibleCallField(serializers.SlugRelatedField):
    """A call by its address; one the caller may not see does not exist for them."""

    default_error_messages = {"does_not_exist": _("There is no call “{value}”.")}

    def __init__(self, **kwargs):
        super().__init__(slug_field="slug", **kwargs)

    def get_queryset(self):
        return visible_calls(self.context["request"].user)


class ApplicationStartSerializer(serializers.Serializer):
    call = VisibleCallField(help_text="Address (slug) of the call")
    company = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Organization.objects.all(),
        required=False,
        help_text="Which of the caller's companies applies, when they belong to several",
    )


class FieldTermField(serializers.SlugRelatedField):
    """A therapeutic area or technology field by its code."""

    default_error_messages = {
        "does_not_exist": _("“{value}” is not a therapeutic area or technology field."),
        "invalid": _("Give the term's code as text."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", Term.objects.filter(vocabulary__in=FIELD_VOCABULARIES))
        super().__init__(slug_field="code", **kwargs)


class ApplicationChangeSerializer(serializers.Serializer):
    """A draft's data and answers; PATCH sends any of them. Values are checked by the
    domain (`application_input`), which reports every problem at once."""

    title = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    summary = serializers.CharField(required=False, allow_blank=True, trim_whitespace=False)
    requested_krw = serializers.IntegerField(required=False, allow_null=True)
    fields = serializers.ListField(child=FieldTermField(), required=False)
    answers = serializers.DictField(
        child=serializers.JSONField(allow_null=True),
        required=False,
        help_text="Answers by question id (text, number or choice value); null clears one",
    )


class ApplicationUploadSerializer(serializers.Serializer):
    # Empty files pass through: `core.uploads.check_upload` refuses them in its words.
    slot = serializers.RegexField(
        r"^(document|question)-[0-9]+$",
        help_text="document-<id> for a required document, question-<id> for a file question",
    )
    file = serializers.FileField(
        allow_empty_file=True, help_text="PDF, Office documents or images, up to 20 MB"
    )


class WithdrawInputSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=2000, required=False, allow_blank=True, default="")


class ApplicationFilterSerializer(serializers.Serializer):
    call = serializers.SlugField(required=False, help_text="Call address (slug)")
    role = serializers.ChoiceField(
        choices=[
            ("applicant", _("applications of my companies")),
            ("manager", _("applications to the calls I manage")),
            ("reviewer", _("applications I review")),
        ],
        required=False,
    )
