"""Countries: ISO 3166-1 codes validated with pycountry, and their names in Dutch.

pycountry's codes and names are read from :mod:`sekswerk_rules._country_tables`, written from
pycountry by ``python -m sekswerk_rules.tables`` (a test checks they are equal), so a check
does not load pycountry's databases; a code the tables lack is still looked up in pycountry.

A nationality is given as an ISO 3166-1 alpha-2 or alpha-3 code in ASCII letters, in any
case. Nothing else is folded into a code: ``str.upper`` would turn the ligature "ﬁ" into
``FI`` and "ß" into ``SS``, so a code with any non-ASCII character is unknown.

ISO 3166-1 also codes territories whose people hold the nationality of another state: the
Caribbean parts of the Kingdom (Aruba, Curaçao, Sint Maarten, Caribbean Netherlands) are
Dutch, the French overseas departments and collectivities are French, Åland is Finnish.
Judging ``AW`` as a third country would be wrong, and guessing the nationality would be
a default; so such a code is refused with the nationality to use instead
(:data:`TERRITORIES`). Kept as nationalities: every UN member state, and Palestine,
Taiwan, the Holy See and Western Sahara, whose codes stand for a nationality or for people
without another one; the rules judge each of these as a country outside the EEA.

Interpretation (recorded, not coded): Danish nationals resident in the Faroe Islands are
not EU citizens for the Treaties (Protocol 2 to the 1972 Act of Accession); ``FO`` is still
refused with "use DK", and the case worker decides about such a person's free movement.

More information:

- https://www.iso.org/iso-3166-country-codes.html
- https://wetten.overheid.nl/BWBR0003738 (Rijkswet op het Nederlanderschap, art. 1: one
  Dutch nationality for the whole Kingdom)

>>> alpha2("ROU"), alpha2("ro"), alpha2("XX"), alpha2("\\ufb01"), alpha2("\\u017fe")
('RO', 'RO', None, None, None)
>>> TERRITORIES["CW"], TERRITORIES["RE"], TERRITORIES["AX"], TERRITORIES["AQ"]
('NL', 'FR', 'FI', None)
>>> name("GB", "nl"), name("GB", "en")
('Verenigd Koninkrijk', 'United Kingdom')
"""

from __future__ import annotations

import gettext
import re
from functools import lru_cache

from ._country_tables import ALPHA2, NAMES

_CODE = re.compile(r"[A-Za-z]{2,3}")

#: A territory's ISO 3166-1 alpha-2 code -> the nationality its people hold (alpha-2), or
#: ``None`` where it has no permanent population of its own. Every code here is refused as
#: a nationality, with this one named instead.
TERRITORIES: dict[str, str | None] = {
    # Kingdom of the Netherlands: one Dutch nationality (Rijkswet op het Nederlanderschap).
    "AW": "NL", "BQ": "NL", "CW": "NL", "SX": "NL",
    # France: overseas departments and collectivities.
    "BL": "FR", "GF": "FR", "GP": "FR", "MF": "FR", "MQ": "FR", "NC": "FR", "PF": "FR",
    "PM": "FR", "RE": "FR", "WF": "FR", "YT": "FR", "TF": None,
    # Finland and Denmark (Åland; the Faroe Islands and Greenland).
    "AX": "FI", "FO": "DK", "GL": "DK",
    # Norway (Svalbard and Jan Mayen; Bouvet Island is uninhabited).
    "SJ": "NO", "BV": None,
    # United Kingdom: Crown Dependencies and Overseas Territories.
    "AI": "GB", "BM": "GB", "FK": "GB", "GG": "GB", "GI": "GB", "IM": "GB", "JE": "GB",
    "KY": "GB", "MS": "GB", "PN": "GB", "SH": "GB", "TC": "GB", "VG": "GB",
    "IO": None, "GS": None,
    # United States.
    "AS": "US", "GU": "US", "MP": "US", "PR": "US", "VI": "US", "UM": None,
    # Australia and New Zealand (Cook Islanders and Niueans are New Zealand citizens).
    "CC": "AU", "CX": "AU", "NF": "AU", "HM": None,
    "CK": "NZ", "NU": "NZ", "TK": "NZ",
    # China: the special administrative regions.
    "HK": "CN", "MO": "CN",
    # Antarctica.
    "AQ": None,
}  # fmt: skip


#: Every code of :data:`ALPHA2` as it writes them (upper case) that stands for a nationality
#: (no territory) -> its alpha-2 code: the usual code of a case in one look-up.
NATIONALITIES: dict[str, str] = {code: found for code, found in ALPHA2.items() if found not in TERRITORIES}


def alpha2(code: str) -> str | None:
    """The alpha-2 code for an alpha-2 or alpha-3 code (ASCII, any case), or ``None`` if unknown."""
    found = ALPHA2.get(code)
    if found is not None:
        return found
    code = code.strip(" ")
    # ASCII letters only (no case folding of look-alikes), and checked before the cache: a value
    # typed into the wrong field (a BSN, a name) is refused and not kept.
    if not _CODE.fullmatch(code):
        return None
    return _alpha2(code.upper())


@lru_cache(maxsize=512)
def _alpha2(code: str) -> str | None:
    """:func:`alpha2` for two or three upper-case ASCII letters."""
    if code in ALPHA2:
        return ALPHA2[code]
    import pycountry  # a code the table does not know: a newer pycountry may (see tables.py)

    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else pycountry.countries.get(alpha_3=code)
    return None if country is None else str(country.alpha_2)


def _dutch() -> gettext.NullTranslations:
    import pycountry

    return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["nl"], fallback=True)


@lru_cache(maxsize=512)
def name(code: str, lang: str = "nl") -> str:
    """The common name of a country, in Dutch (pycountry's translations) or English."""
    known = NAMES.get(code)
    if known is not None:
        return known[0] if lang == "nl" else known[1]
    import pycountry

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = str(getattr(country, "common_name", None) or country.name)
    return _dutch().gettext(str(country.name)) if lang == "nl" else english
