from django.db import models
from django.utils.translation import gettext_lazy as _

from ieum.core.models import BilingualNameMixin
from ieum.directory.enums import Vocabulary


class TermQuerySet(models.QuerySet):
    def of(self, vocabulary: str) -> "TermQuerySet":
        return self.filter(vocabulary=vocabulary, is_active=True)


class Term(BilingualNameMixin, models.Model):
    """One entry of a reference vocabulary, with its Korean and English labels.

    Vocabularies are data, not code: migrations load them and platform admins edit them.
    """

    vocabulary = models.CharField(_("vocabulary"), max_length=32, choices=Vocabulary.choices)
    code = models.SlugField(_("code"), max_length=64)
    name_ko = models.CharField(_("Korean name"), max_length=120)
    name_en = models.CharField(_("English name"), max_length=120)
    # Other words people use for the same thing, in either language ("cardiovascular").
    synonyms = models.CharField(_("synonyms"), max_length=300, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    objects = TermQuerySet.as_manager()

    class Meta:
        verbose_name = _("vocabulary term")
        verbose_name_plural = _("vocabulary terms")
        ordering = ["vocabulary", "sort_order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["vocabulary", "code"], name="term_unique_code"),
        ]

    def __str__(self) -> str:
        return self.name
