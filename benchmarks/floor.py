"""The floor: the Leeuwarden rules (regime version 2021-01-01 and national law, as on a
reference date from 2021-10-01 on, after the British grace period) as one plain-Python function over a JSON dict, returning
``(rule_id, passed, reason)`` tuples with ``passed`` True, False or None (unknown), in the
same three-valued logic as the library. Nothing is validated; it is what a hand-written
check costs, and the benchmark first checks that it agrees with the library on every case.

Scope (stated, and checked on the benchmark population only): Leeuwarden, reference dates from
2021-10-01 to 2026-12-31, nationalities as upper-case ISO alpha-2 or alpha-3 codes, and a
BSN given as ``has_bsn`` or as a number (``bsn``, taken as present: the floor does not run the
11-proef the library runs). Outside that scope (earlier dates, other municipalities, transition
periods) it would need the regime's versions and the free-movement table by date.
"""

from __future__ import annotations

from typing import Any

#: Free movement on dates from 2021-01-01 on: the EU and EEA, and Switzerland (no transition
#: period is open any more, and the United Kingdom has left).
FREE = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "CY",
        "CZ",
        "DE",
        "DK",
        "EE",
        "ES",
        "FI",
        "FR",
        "GR",
        "HR",
        "HU",
        "IE",
        "IT",
        "LT",
        "LU",
        "LV",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SE",
        "SI",
        "SK",
        "IS",
        "LI",
        "NO",
        "CH",
    ]
)
#: The same states by their alpha-3 codes, which cases may use as well.
FREE_ALPHA3 = frozenset(
    [
        "AUT",
        "BEL",
        "BGR",
        "CYP",
        "CZE",
        "DEU",
        "DNK",
        "EST",
        "ESP",
        "FIN",
        "FRA",
        "GRC",
        "HRV",
        "HUN",
        "IRL",
        "ITA",
        "LTU",
        "LUX",
        "LVA",
        "MLT",
        "NLD",
        "POL",
        "PRT",
        "ROU",
        "SWE",
        "SVN",
        "SVK",
        "ISL",
        "LIE",
        "NOR",
        "CHE",
    ]
)
FREE = FREE | FREE_ALPHA3
LICENSED = frozenset(("window", "club", "private_house", "massage_parlour", "sex_theatre", "escort", "hotel"))
#: Licence kinds where a self-employed worker without a mediating business is a disputed case.
MEDIATION = frozenset(("escort", "hotel"))


def _age(birth: str, on: str) -> int:
    years = int(on[:4]) - int(birth[:4])
    return years - 1 if on[5:] < birth[5:] else years


def floor(case: dict[str, Any]) -> list[tuple[str, bool | None, str]]:
    on = case["reference_date"]
    person = case.get("person") or {}
    workplace = case.get("workplace") or {}
    out: list[tuple[str, bool | None, str]] = []
    birth = person.get("birth_date")
    age = _age(birth, on) if birth else person.get("age")
    out.append(("nationaal.minimumleeftijd", None if age is None else age >= 18, "De sekswerker moet ten minste 18 jaar oud zijn (Sr art. 273f)."))
    trafficking = person.get("human_trafficking")
    out.append(("nationaal.mensenhandel", None if trafficking is None else trafficking == "not_established", "Er mag geen mensenhandel zijn (Sr art. 273f)."))
    out.append(("nationaal.verblijf-en-arbeid", _work(person, on), "Zonder vrij verkeer alleen met 'arbeid vrij toegestaan' (Wav art. 4)."))
    out.append(("leeuwarden.minimumleeftijd", None if age is None else age >= 21, "De sekswerker moet ten minste 21 jaar oud zijn (APV Leeuwarden)."))
    kind = workplace.get("kind")
    out.append(("leeuwarden.werkplek-toegestaan", None if kind is None else kind != "home", "Thuisprostitutie is niet toegestaan (APV Leeuwarden)."))
    if kind is None or kind in LICENSED:
        licence = _licence(workplace.get("licence") or {}, on)
        if kind in MEDIATION and licence is False:
            licence = False if person.get("employment") == "employed" else None  # self-employed: disputed; unknown: asked
        out.append(
            (
                "leeuwarden.vergunning",
                licence if kind is not None or licence is True else None,
                "Alleen bij een bedrijf met een geldige vergunning (APV art. 3:3).",
            )
        )
    if kind is None or kind == "street":
        out.append(("leeuwarden.aangewezen-zone", _zone(kind, workplace.get("in_designated_zone"), on), "Alleen in een aangewezen zone (APV art. 3:19)."))
    kvk = (person.get("kvk") or {}).get("registered")
    if kvk is False and person.get("employment") != "self_employed":
        kvk = None  # an employee: disputed; employment unknown: unknown
    out.append(("leeuwarden.kvk-inschrijving", kvk, "Inschrijving in het Handelsregister is verplicht (APV Leeuwarden art. 3:8)."))
    bsn = True if person.get("bsn") else person.get("has_bsn")
    if bsn is None and person.get("population_register") in ("brp", "rni"):
        bsn = True  # registration in the BRP or the RNI gives a BSN
    out.append(("leeuwarden.bsn", bsn, "Een BSN is verplicht (APV Leeuwarden art. 3:8)."))
    return out


def _zone(kind: str | None, in_zone: bool | None, on: str) -> bool | None:
    """Leeuwarden has no designated zone from 2023 on (the report); before, whether it had one is
    unknown: in one, undetermined; outside one, a violation."""
    if on >= "2023-01-01":
        return None if kind is None else False
    return False if in_zone is False and kind is not None else None


def _work(person: dict[str, Any], on: str) -> bool | None:
    nationalities = person.get("nationalities")
    if nationalities and any(n in FREE for n in nationalities):
        return True
    document = person.get("residence_document") or {}
    work, until = document.get("work"), document.get("valid_until")
    if work == "free" and until is not None and until >= on:
        return True
    if nationalities is None or work is None:
        return None
    if work == "none":
        return False
    if until is None or (work == "self_employed" and until >= on):
        return None
    return False  # expired


def _licence(licence: dict[str, Any], on: str) -> bool | None:
    until = licence.get("valid_until")
    if until is not None and until < on:
        return False
    if licence.get("requirements_met") is False:
        return False
    status = licence.get("status")
    if status is None:
        return None
    if status != "valid":
        return False
    return licence.get("requirements_met")


def verdict(results: list[tuple[str, bool | None, str]]) -> str:
    passed = [p for _, p, _ in results]
    if False in passed:
        return "illegal"
    return "undetermined" if None in passed else "legal"
