"""Countries: ISO 3166-1 codes validated with pycountry, and their names in Dutch.

>>> alpha2("ROU"), alpha2("ro"), alpha2("XX")
('RO', 'RO', None)
>>> name("GB", "nl"), name("GB", "en")
('Verenigd Koninkrijk', 'United Kingdom')
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry


@lru_cache(maxsize=512)
def alpha2(code: str) -> str | None:
    """The alpha-2 code for an alpha-2 or alpha-3 code (any case), or ``None`` if unknown."""
    code = code.strip().upper()
    if len(code) == 2:
        country = pycountry.countries.get(alpha_2=code)
    elif len(code) == 3:
        country = pycountry.countries.get(alpha_3=code)
    else:
        return None
    return None if country is None else str(country.alpha_2)


@lru_cache(maxsize=2)
def _dutch() -> gettext.NullTranslations:
    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)


@lru_cache(maxsize=512)
def name(code: str, lang: str = "nl") -> str:
    """The common name of a country, in Dutch (pycountry's translations) or English."""
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = str(getattr(country, "common_name", None) or country.name)
    return _dutch().gettext(str(country.name)) if lang == "nl" else english
