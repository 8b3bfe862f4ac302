from django.db import models
from django.db.models import Func
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


def pick_language(korean: str, english: str) -> str:
    """The text in the active language, falling back to the other one when it is empty."""
    if (get_language() or "ko").startswith("en"):
        return english or korean
    return korean or english


class BilingualNameMixin:
    """For models with `name_ko` and `name_en`: `.name` in the active language."""

    @property
    def name(self) -> str:
        return pick_language(self.name_ko, self.name_en)


class TsTzRange(Func):
    """`tstzrange(start, end)` for exclusion constraints that keep time ranges apart."""

    function = "TSTZRANGE"
    output_field = models.DateTimeField()
