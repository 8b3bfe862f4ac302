from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutcomesConfig(AppConfig):
    name = "ieum.outcomes"
    label = "outcomes"
    verbose_name = _("Outcomes and KPIs")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from ieum.outcomes import models

        # Verification decides what the ministry is told, so every change to a record
        # and to a KPI definition is kept with who made it.
        auditlog.register(models.OutcomeRecord, exclude_fields=["updated_at"])
        auditlog.register(models.KPIDefinition, exclude_fields=["updated_at"])
        auditlog.register(models.ExchangeRate, exclude_fields=["updated_at"])
