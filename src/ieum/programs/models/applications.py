from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel
from ieum.core.private_files import private_storage
from ieum.directory.enums import Vocabulary
from ieum.programs.enums import ApplicationStatus


class Application(TimeStampedModel):
    """A company's application to a call. Only `programs.applications` and the decision
    functions change `status`."""

    call = models.ForeignKey(
        "programs.Call",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="applications",
    )
    company = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="program_applications",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    title = models.CharField(_("project title"), max_length=200)
    summary = models.TextField(_("project summary"), blank=True)
    # The fields reviewers' expertise is matched against.
    fields = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("fields"),
        blank=True,
        related_name="+",
        limit_choices_to={
            "vocabulary__in": [Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD]
        },
    )
    requested_krw = models.BigIntegerField(_("support requested (KRW)"), null=True, blank=True)
    # Answers to the call's questions: {"<question id>": value}; files are ApplicationFile.
    answers = models.JSONField(default=dict, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    current_stage = models.ForeignKey(
        "programs.ReviewStage",
        verbose_name=_("stage"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "company"],
                condition=~Q(status=ApplicationStatus.WITHDRAWN),
                name="one_live_application_per_company_and_call",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def reference(self) -> str:
        return f"A-{self.pk:05d}"


class ApplicationFile(TimeStampedModel):
    """An attachment: either a required document of the call or the answer to a file question."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    document = models.ForeignKey(
        "programs.RequiredDocument",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    question = models.ForeignKey(
        "programs.Question", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    file = models.FileField(storage=private_storage, upload_to="programs/%Y/%m/")
    name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["pk"]
        verbose_name = _("application file")
        verbose_name_plural = _("application files")
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=True) | Q(question__isnull=True),
                name="application_file_one_slot",
            ),
        ]

    def __str__(self) -> str:
        return self.name
