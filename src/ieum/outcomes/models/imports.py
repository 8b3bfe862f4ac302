from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel
from ieum.outcomes.enums import ImportStatus


class OutcomeImport(TimeStampedModel):
    """A workbook of past years' outcomes uploaded by cluster staff or an admin.

    The worker checks every row first (`problems`, by row and column, in the uploader's
    language) and keeps the checked rows. Nothing is written until the uploader
    confirms: all rows when every row is valid, or, when they say so explicitly, only
    the valid ones. The worker then saves them in one transaction.
    """

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="outcome_imports",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    language = models.CharField(_("language"), max_length=8, default="ko")
    filename = models.CharField(_("file name"), max_length=255)
    content = models.BinaryField(_("file content"))
    status = models.CharField(
        _("status"), max_length=10, choices=ImportStatus.choices, default=ImportStatus.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("rows done"), default=0)
    valid_rows = models.PositiveIntegerField(_("valid rows"), default=0)
    # [{"row": 7, "column": "금액", "message": "..."}]
    problems = models.JSONField(_("problems"), default=list, blank=True)
    # The checked rows, ready to save: [{"row": 7, "fields": {...}, "valid": true}]
    checked_rows = models.JSONField(default=list, blank=True, editable=False)
    only_valid_rows = models.BooleanField(_("import only the valid rows"), default=False)
    created_count = models.PositiveIntegerField(_("records added"), default=0)
    failure = models.TextField(_("why it failed"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("outcome import")
        verbose_name_plural = _("outcome imports")

    def __str__(self) -> str:
        return self.filename

    @property
    def progress_percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, round(100 * self.processed_rows / self.total_rows))
