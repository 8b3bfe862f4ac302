from django.contrib.postgres.indexes import GinIndex, OpClass
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Upper
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin, TimeStampedModel, pick_language
from ieum.directory.enums import OrganizationKind, Vocabulary


class Organization(BilingualNameMixin, TimeStampedModel):
    """Any organization in the network: company, hospital, investor, cluster operator..."""

    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    name_ko = models.CharField(_("Korean name"), max_length=200)
    name_en = models.CharField(_("English name"), max_length=200, blank=True)
    slug = models.SlugField(_("address"), max_length=80, unique=True)
    region = models.ForeignKey(
        "directory.Term",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        limit_choices_to={"vocabulary": Vocabulary.REGION},
        related_name="+",
    )
    city = models.CharField(_("city"), max_length=60, blank=True)
    summary_ko = models.TextField(_("Korean description"), blank=True)
    summary_en = models.TextField(_("English description"), blank=True)
    website = models.URLField(_("website"), blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    # Companies choose whether the public directory lists them; others are listed.
    is_listed = models.BooleanField(_("listed in the public directory"), default=True)
    is_demo = models.BooleanField(_("demo data"), default=False)

    # Search fields, kept up to date by ieum.directory.search_index.
    search_vector = SearchVectorField(null=True, editable=False)
    search_text = models.TextField(default="", editable=False)
    search_names = models.TextField(default="", editable=False)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name_ko"]
        indexes = [
            GinIndex(fields=["search_vector"], name="org_search_vector"),
            GinIndex(OpClass("search_text", name="gin_trgm_ops"), name="org_search_text_trgm"),
            GinIndex(OpClass("search_names", name="gin_trgm_ops"), name="org_search_names_trgm"),
            models.Index(fields=["kind", "is_listed"], name="org_kind_listed"),
        ]
        constraints = [
            models.UniqueConstraint(Upper("name_ko"), "kind", name="org_unique_name_per_kind"),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("directory:organization", kwargs={"slug": self.slug})

    @property
    def summary(self) -> str:
        return pick_language(self.summary_ko, self.summary_en)
