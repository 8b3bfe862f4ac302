from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    name = "ieum.linkage"
    label = "linkage"
    verbose_name = _("Hospital and expert linkage")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from ieum.linkage import models

        auditlog.register(models.ServiceOffering, m2m_fields={"therapeutic_areas"})
        auditlog.register(models.ServiceRequest, exclude_fields=["updated_at"])
