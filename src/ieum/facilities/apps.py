from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FacilitiesConfig(AppConfig):
    name = "ieum.facilities"
    label = "facilities"
    verbose_name = _("Facilities and equipment")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from ieum.facilities import models

        auditlog.register(models.Resource)
        auditlog.register(models.OpeningHours)
        auditlog.register(models.Downtime)
        auditlog.register(models.Qualification)
        auditlog.register(models.Booking)
        auditlog.register(models.Voucher)
