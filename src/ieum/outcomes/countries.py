"""Country codes a record may carry: ISO 3166 alpha-2 (pycountry), plus EU for CE
marking and WO for PCT applications, with names in the reader's language."""

from __future__ import annotations

import gettext
from functools import cache

import pycountry
from django.utils.translation import get_language
from django.utils.translation import gettext as _

EXTRA_CODES = {"EU", "WO"}


def is_known_country(code: str) -> bool:
    return code in EXTRA_CODES or pycountry.countries.get(alpha_2=code) is not None


@cache
def _korean_names() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"], fallback=True)


def country_name(code: str) -> str:
    if not code:
        return ""
    if code == "EU":
        return _("European Union")
    if code == "WO":
        return _("International (PCT)")
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    if (get_language() or "ko").startswith("en"):
        return country.name
    return _korean_names().gettext(country.name)
