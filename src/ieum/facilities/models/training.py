from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel
from ieum.facilities.enums import TrainingStatus


class Qualification(TimeStampedModel):
    """A person is trained to use a resource on their own, until the expiry date."""

    user = models.ForeignKey(
        "accounts.User", on_delete=models.CASCADE, related_name="qualifications"
    )
    resource = models.ForeignKey(
        "facilities.Resource", on_delete=models.CASCADE, related_name="qualifications"
    )
    granted_on = models.DateField(_("trained on"))
    expires_on = models.DateField(_("valid until"))
    granted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("qualification")
        verbose_name_plural = _("qualifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "resource"], name="qualification_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.resource}"


class TrainingRequest(TimeStampedModel):
    """A person asks to be trained on a resource that requires it."""

    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="+")
    resource = models.ForeignKey(
        "facilities.Resource", on_delete=models.CASCADE, related_name="training_requests"
    )
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.CASCADE, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=TrainingStatus.choices, default="requested"
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("training request")
        verbose_name_plural = _("training requests")
        ordering = ["created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "resource"],
                condition=Q(status="requested"),
                name="training_request_one_open",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.resource}"
