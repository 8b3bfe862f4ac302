from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "ieum.programs"
    label = "programs"
    verbose_name = _("Support programs")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from ieum.programs import models

        # The issue asks that every score change, assignment, recusal and decision be
        # logged; auditlog records each change with its actor and the changed fields.
        auditlog.register(models.Call, exclude_fields=["updated_at"])
        auditlog.register(models.Application, exclude_fields=["updated_at", "answers"])
        auditlog.register(models.ReviewAssignment, exclude_fields=["updated_at"])
        auditlog.register(models.Score, exclude_fields=["updated_at"])
        auditlog.register(models.ConflictOfInterest, exclude_fields=["updated_at"])
        auditlog.register(models.Decision, exclude_fields=["updated_at"])
        auditlog.register(models.CallReviewer, exclude_fields=["updated_at"])
        auditlog.register(models.SupportCase, exclude_fields=["updated_at"])
