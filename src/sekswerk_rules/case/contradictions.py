"""Facts that contradict each other: the reasons, with the field each is reported at, and the
checks that depend on the reference date (the caller's date wins over the case's own)."""

from __future__ import annotations

from datetime import date

from ..dates import age_on
from ..errors import Problem
from .model import MAX_AGE, Case, LicenceStatus

#: reason -> (the field it is reported at, Dutch detail, English detail). The reason is a
#: stable sub-code, carried in the problem's params as ``reason``.
_INCONSISTENT: dict[str, tuple[str, str, str]] = {
    "kvk_number_not_registered": (
        "registered",
        "een KvK-nummer is opgegeven terwijl 'registered' false is",
        "a KvK number is given while 'registered' is false",
    ),
    "bsn_without_has_bsn": (
        "has_bsn",
        "een BSN is opgegeven terwijl 'has_bsn' false is",
        "a BSN is given while 'has_bsn' is false",
    ),
    "register_without_bsn": (
        "has_bsn",
        "wie in de BRP of de RNI staat ingeschreven heeft een BSN, maar 'has_bsn' is false",
        "anyone registered in the BRP or the RNI has a BSN, but 'has_bsn' is false",
    ),
    "resided_before_birth": (
        "resided_in_nl_before_2021",
        "'resided_in_nl_before_2021' is true, maar de geboortedatum ligt na 2020",
        "'resided_in_nl_before_2021' is true, but the birth date lies after 2020",
    ),
    "intake_date_without_done": (
        "done",
        "er is een intakedatum opgegeven terwijl 'done' false is",
        "an intake date is given while 'done' is false",
    ),
    "intake_colour_without_done": (
        "done",
        "er is een paskleur opgegeven terwijl 'done' false is",
        "a pass colour is given while 'done' is false",
    ),
    "age_birth_date": (
        "person.age",
        "'age' past niet bij 'birth_date' op de peildatum",
        "'age' does not match 'birth_date' on the reference date",
    ),
    "birth_date_after_reference_date": (
        "person.birth_date",
        "de geboortedatum ligt na de peildatum",
        "the birth date lies after the reference date",
    ),
    "birth_date_too_early": (
        "person.birth_date",
        f"de geboortedatum geeft op de peildatum een leeftijd boven {MAX_AGE} jaar",
        f"the birth date gives an age over {MAX_AGE} on the reference date",
    ),
    "licence_valid_but_expired": (
        "workplace.licence.status",
        "'status' valid zegt dat de vergunning op de peildatum geldt, maar 'valid_until' ligt ervoor",
        "'status' valid says the licence is in force on the reference date, but 'valid_until' lies before it",
    ),
}


def _problem(reason: str, at: str = "") -> Problem:
    name, nl, en = _INCONSISTENT[reason]
    return Problem(f"{at}.{name}" if at else name, "inconsistent_facts", {"reason": reason, "detail_nl": nl, "detail_en": en})


#: The facts :func:`inconsistencies` reads (a property test checks that no other fact changes
#: what it finds): a change to none of them leaves its answer as it was.
ON_THE_DAY = ("person.birth_date", "person.age", "workplace.licence.status", "workplace.licence.valid_until")


def inconsistencies(case: Case, day: date) -> list[Problem]:
    """The facts of ``case`` that contradict each other on ``day``, the reference date used.

    The caller's date wins over the case's own, so these checks cannot run while the case
    is parsed: the engine runs them on the day it uses. A fact about the future is not a
    contradiction (an intake after ``day`` means there was no pass yet).

    >>> from sekswerk_rules.case import parse_case
    >>> case = parse_case({"person": {"birth_date": "2003-05-01", "age": 20}})
    >>> inconsistencies(case, date(2024, 4, 30)), inconsistencies(case, date(2024, 5, 1))[0].params["reason"]
    ([], 'age_birth_date')
    >>> licence = parse_case({"workplace": {"licence": {"status": "valid", "valid_until": "2024-04-30"}}})
    >>> [p.message("en") for p in inconsistencies(licence, date(2024, 5, 1))]
    ["workplace.licence.status: inconsistent facts: 'status' valid says the licence is in force on the reference date, but 'valid_until' lies before it."]
    """
    found = []
    person = case.person
    if person.birth_date is not None:
        if person.birth_date > day:
            found.append(_problem("birth_date_after_reference_date"))
        elif (age := age_on(person.birth_date, day)) > MAX_AGE:
            found.append(_problem("birth_date_too_early"))
        elif person.age is not None and age != person.age:
            found.append(_problem("age_birth_date"))
    licence = case.workplace.licence
    if licence is not None and licence.status is LicenceStatus.VALID and licence.valid_until is not None and licence.valid_until < day:
        found.append(_problem("licence_valid_but_expired"))
    return found
