from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartneringConfig(AppConfig):
    name = "ieum.partnering"
    label = "partnering"
    verbose_name = _("Partnering events")
