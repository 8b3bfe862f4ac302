from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, pick_language
from ieum.directory.enums import Vocabulary
from ieum.programs.enums import CallStatus, CompanyAge, ProgramKind, QuestionKind


class Program(BilingualNameMixin, TimeStampedModel):
    """A support program run year after year by a cluster or, without one, nationally."""

    cluster = models.ForeignKey(
        "directory.Cluster",
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="programs",
        help_text=_("Empty for national programs run by the strategic center."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    summary_ko = models.TextField(_("Korean description"), blank=True)
    summary_en = models.TextField(_("English description"), blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    class Meta:
        ordering = ["name_ko"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    @property
    def summary(self) -> str:
        return pick_language(self.summary_ko, self.summary_en)


class Call(TimeStampedModel):
    """One public call (공고) of a program: who may apply, until when, and how it is judged.

    Applications are accepted while `opens_at <= now < closes_at` by the server clock.
    """

    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="calls"
    )
    title_ko = models.CharField(_("Korean title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    body_ko = models.TextField(_("Korean announcement"), blank=True)
    body_en = models.TextField(_("English announcement"), blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=CallStatus.choices, default=CallStatus.DRAFT
    )
    opens_at = models.DateTimeField(_("applications open"))
    closes_at = models.DateTimeField(_("applications close"))
    # Eligibility; an empty list or set means no restriction.
    eligible_ages = ArrayField(
        models.CharField(max_length=16, choices=CompanyAge.choices),
        verbose_name=_("company ages"),
        default=list,
        blank=True,
    )
    eligible_regions = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        limit_choices_to={"vocabulary": Vocabulary.REGION},
    )
    members_only = models.BooleanField(
        _("only member companies of the program's cluster"), default=False
    )
    eligible_fields = models.ManyToManyField(
        "directory.Term",
        verbose_name=_("fields"),
        blank=True,
        related_name="+",
        limit_choices_to={
            "vocabulary__in": [Vocabulary.THERAPEUTIC_AREA, Vocabulary.TECHNOLOGY_FIELD]
        },
    )
    quota = models.PositiveIntegerField(_("companies to select"), validators=[MinValueValidator(1)])
    budget_krw = models.BigIntegerField(
        _("budget (KRW)"), default=0, validators=[MinValueValidator(0)]
    )
    # Automatic conflicts count a reviewer's affiliations that ended this many years ago.
    conflict_years = models.PositiveSmallIntegerField(_("conflict look-back (years)"), default=3)
    results_published_at = models.DateTimeField(_("results announced"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-opens_at", "pk"]
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="call_closes_after_opening"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_ko, self.title_en)

    @property
    def body(self) -> str:
        return pick_language(self.body_ko, self.body_en)


class RequiredDocument(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="required_documents")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    is_required = models.BooleanField(_("required"), default=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("required document")
        verbose_name_plural = _("required documents")

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_language(self.name_ko, self.name_en)


class Question(models.Model):
    """An extra question of a call's form; answers live on the application by question id."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=8, choices=QuestionKind.choices)
    label_ko = models.CharField(_("Korean label"), max_length=300)
    label_en = models.CharField(_("English label"), max_length=300, blank=True)
    help_ko = models.CharField(_("Korean help text"), max_length=300, blank=True)
    help_en = models.CharField(_("English help text"), max_length=300, blank=True)
    is_required = models.BooleanField(_("required"), default=False)
    # For choice questions: [{"value": "a", "ko": "…", "en": "…"}, …]
    choices = models.JSONField(_("choices"), default=list, blank=True)
    max_length = models.PositiveIntegerField(_("longest answer"), null=True, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self) -> str:
        return self.label

    @property
    def label(self) -> str:
        return pick_language(self.label_ko, self.label_en)

    @property
    def help_text(self) -> str:
        return pick_language(self.help_ko, self.help_en)

    def choice_pairs(self) -> list[tuple[str, str]]:
        return [(c["value"], pick_language(c.get("ko", ""), c.get("en", ""))) for c in self.choices]


class Notice(TimeStampedModel):
    """An announcement posted on a call's page (changes, sessions, results)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="notices")
    title_ko = models.CharField(_("Korean title"), max_length=200)
    title_en = models.CharField(_("English title"), max_length=200, blank=True)
    body_ko = models.TextField(_("Korean text"))
    body_en = models.TextField(_("English text"), blank=True)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return pick_language(self.title_ko, self.title_en)

    @property
    def body(self) -> str:
        return pick_language(self.body_ko, self.body_en)


class Inquiry(TimeStampedModel):
    """A question about a call; staff answer it, and public answers show on the call page."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="inquiries")
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    question = models.TextField(_("question"))
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    is_public = models.BooleanField(_("shown on the call page"), default=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("inquiry")
        verbose_name_plural = _("inquiries")

    def __str__(self) -> str:
        return self.question[:60]
