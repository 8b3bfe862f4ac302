from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for its turn")
    CHECKING = "checking", _("Checking the rows")
    SAVING = "saving", _("Saving")
    DONE = "done", _("Imported")
    FAILED = "failed", _("Not imported")


class ResourceImport(TimeStampedModel):
    """An equipment list uploaded by cluster staff, imported by the background worker.

    The file is kept in the database, so any worker can read it. The import is all or
    nothing: when a row is wrong, `problems` lists each one and no resource changes.
    """

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        related_name="resource_imports",
    )
    uploaded_by = models.ForeignKey(
        "accounts.User",
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"))
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows checked"), default=0)
    created_count = models.PositiveIntegerField(_("resources added"), default=0)
    updated_count = models.PositiveIntegerField(_("resources updated"), default=0)
    # [{"row": 7, "column": "NFEC 등록번호", "message": "..."}], in the uploader's language.
    problems = models.JSONField(_("problems"), default=list, blank=True)
    problem_count = models.PositiveIntegerField(_("number of problems"), default=0)
    ignored_columns = models.JSONField(_("columns not read"), default=list, blank=True)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        verbose_name = _("equipment list import")
        verbose_name_plural = _("equipment list imports")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["cluster", "-created_at"], name="resource_import_cluster"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(processed_rows__lte=models.F("total_rows")),
                name="resource_import_progress_within_total",
            )
        ]

    def __str__(self) -> str:
        return f"{self.filename} ({self.created_at:%Y-%m-%d %H:%M})"

    def get_absolute_url(self) -> str:
        return reverse("facilities:import_status", kwargs={"pk": self.pk})

    @property
    def is_finished(self) -> bool:
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)
