from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "ieum.accounts"
    label = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        from auditlog.registry import auditlog

        from ieum.accounts.models import Invitation, Membership, User

        auditlog.register(User, include_fields=["email", "full_name", "is_active", "is_staff"])
        auditlog.register(Membership)
        auditlog.register(Invitation, exclude_fields=["token"])
