from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import TimeStampedModel, pick_language
from ieum.directory.enums import Vocabulary
from ieum.partnering.enums import DealType, ProposalStatus


class TechnologyNeed(TimeStampedModel):
    """What a demand company is looking for at an event; startups answer with proposals."""

    event = models.ForeignKey("partnering.Event", on_delete=models.CASCADE, related_name="needs")
    registration = models.ForeignKey(
        "partnering.Registration",
        verbose_name=_("demand company"),
        on_delete=models.CASCADE,
        related_name="needs",
    )
    title_ko = models.CharField(_("title (Korean)"), max_length=200)
    title_en = models.CharField(_("title (English)"), max_length=200, blank=True)
    description_ko = models.TextField(_("description (Korean)"))
    description_en = models.TextField(_("description (English)"), blank=True)
    areas = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        limit_choices_to={
            "vocabulary__in": [Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD]
        },
    )
    modalities = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("modalities"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.MODALITY},
    )
    stages = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("development stage wanted"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.TRL},
    )
    deal_types = ArrayField(
        models.CharField(max_length=12, choices=DealType.choices),
        verbose_name=_("deal types"),
        default=list,
    )
    proposals_close_at = models.DateTimeField(_("proposals close"), null=True, blank=True)
    is_published = models.BooleanField(_("published"), default=True)

    class Meta:
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")
        ordering = ["event", "registration", "-created_at"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnering:need", kwargs={"pk": self.pk})

    @property
    def title(self) -> str:
        return pick_language(self.title_ko, self.title_en)

    @property
    def description(self) -> str:
        return pick_language(self.description_ko, self.description_en)


class Proposal(TimeStampedModel):
    """A startup's non-confidential answer to a technology need."""

    need = models.ForeignKey(TechnologyNeed, on_delete=models.CASCADE, related_name="proposals")
    registration = models.ForeignKey(
        "partnering.Registration",
        verbose_name=_("startup"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )
    submitted_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("non-confidential summary"))
    stage = models.ForeignKey(
        "directory.Term",
        verbose_name=_("development stage"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.TRL},
    )
    deal_types = ArrayField(
        models.CharField(max_length=12, choices=DealType.choices),
        verbose_name=_("deal types"),
        default=list,
    )
    status = models.CharField(
        _("status"), max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.SUBMITTED
    )
    decided_by = models.ForeignKey(
        "accounts.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["need", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["need", "registration"], name="proposal_one_per_need_and_startup"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("partnering:proposal", kwargs={"pk": self.pk})
