from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel
from ieum.core.private_files import private_storage
from ieum.directory.enums import Vocabulary
from ieum.directory.models.profiles import vocabulary_choice
from ieum.linkage.enums import (
    FileKind,
    ProductStage,
    ReadChannel,
    RequestStatus,
    ServiceType,
    Step,
)


class ServiceRequest(TimeStampedModel):
    """A company's request for a service, routed to one provider at a time.

    Only the workflow functions in `linkage.workflow` change `status`; each change
    is written to the request's timeline (`RequestEvent`).
    """

    company = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("company"),
        on_delete=models.CASCADE,
        related_name="service_requests",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("routing cluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="service_requests",
    )
    service_type = models.CharField(_("service type"), max_length=40, choices=ServiceType.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("what you need"))
    product_name = models.CharField(_("product"), max_length=200, blank=True)
    product_stage = models.CharField(
        _("product stage"), max_length=16, choices=ProductStage.choices, blank=True
    )
    therapeutic_area = vocabulary_choice(Vocabulary.THERAPEUTIC_AREA, _("therapeutic area"))
    device_class = vocabulary_choice(Vocabulary.DEVICE_CLASS, _("MFDS device class"))
    goal = models.TextField(_("goal"), blank=True)
    wanted_by = models.DateField(_("wanted by"), null=True, blank=True)
    is_confidential = models.BooleanField(
        _("confidential: the provider accepts an NDA before reading the details"), default=True
    )
    # The company's own choice of provider; empty when the platform routes it.
    addressed_offering = models.ForeignKey(
        "linkage.ServiceOffering",
        verbose_name=_("addressed to"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    # Who holds it now. `provider` repeats the offering's provider so that rules and
    # inboxes filter on one column.
    offering = models.ForeignKey(
        "linkage.ServiceOffering",
        verbose_name=_("assigned service"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="requests",
    )
    provider = models.ForeignKey(
        "directory.Organization",
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assigned_service_requests",
    )
    status = models.CharField(
        _("status"), max_length=16, choices=RequestStatus.choices, default=RequestStatus.DRAFT
    )
    triage_note = models.TextField(_("triage note"), blank=True)
    nda_accepted_at = models.DateTimeField(_("NDA accepted"), null=True, blank=True)
    nda_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Deadlines in business days (Korean public holidays skipped), as dates in Seoul.
    triage_due = models.DateField(_("triage due"), null=True, blank=True)
    response_due = models.DateField(_("answer due"), null=True, blank=True)
    delivery_due = models.DateField(_("delivery due"), null=True, blank=True)
    last_reminded_on = models.DateField(null=True, blank=True, editable=False)
    rating = models.PositiveSmallIntegerField(
        _("rating"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    rating_comment = models.TextField(_("comment on the service"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        verbose_name = _("service request")
        verbose_name_plural = _("service requests")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "cluster"]),
            models.Index(fields=["provider", "status"]),
            models.Index(fields=["company", "status"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__isnull=True) | models.Q(rating__range=(1, 5)),
                name="service_request_rating_1_to_5",
            ),
            models.CheckConstraint(
                condition=~models.Q(status__in=["assigned", "accepted", "in_progress"])
                | models.Q(provider__isnull=False),
                name="service_request_held_by_a_provider",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    @property
    def reference(self) -> str:
        year = (self.created_at.year if self.created_at else date.today().year) % 100
        return f"SR-{year:02d}-{self.pk or 0:05d}"

    @property
    def details_sealed(self) -> bool:
        """True while a confidential request waits for its provider to accept the NDA."""
        return self.is_confidential and self.nda_accepted_at is None


class RequestEvent(models.Model):
    """One step of a request's workflow: who moved it, from where to where, and why."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="events")
    step = models.CharField(_("step"), max_length=16, choices=Step.choices)
    from_status = models.CharField(max_length=16, choices=RequestStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=RequestStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    provider = models.ForeignKey(
        "directory.Organization",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    note = models.TextField(_("note"), blank=True)
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("request step")
        verbose_name_plural = _("request steps")
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["request", "step"])]

    def __str__(self) -> str:
        return f"{self.request_id} {self.step}"


class RequestMessage(models.Model):
    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The side the author wrote for: the company, the provider or the routing cluster.
    organization = models.ForeignKey(
        "directory.Organization", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField(_("message"))
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("request message")
        verbose_name_plural = _("request messages")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.request_id}: {self.body[:40]}"


class RequestFile(models.Model):
    """A file on a request's thread, kept outside the web root (`core.private_files`)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="files")
    message = models.ForeignKey(
        RequestMessage, on_delete=models.SET_NULL, null=True, blank=True, related_name="files"
    )
    kind = models.CharField(
        _("kind"), max_length=16, choices=FileKind.choices, default=FileKind.ATTACHMENT
    )
    file = models.FileField(_("file"), storage=private_storage, upload_to="linkage/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("request file")
        verbose_name_plural = _("request files")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.original_name


class RequestRead(models.Model):
    """Who read a confidential request, when and through what (page, API, file, export)."""

    request = models.ForeignKey(ServiceRequest, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    channel = models.CharField(_("through"), max_length=8, choices=ReadChannel.choices)
    file = models.ForeignKey(
        RequestFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(_("read at"), auto_now_add=True)

    class Meta:
        verbose_name = _("confidential read")
        verbose_name_plural = _("confidential reads")
        ordering = ["-at"]
        indexes = [models.Index(fields=["request", "-at"])]

    def __str__(self) -> str:
        return f"{self.request_id} {self.channel} {self.at:%Y-%m-%d %H:%M}"
