"""The facts of interchange format v1, one per path: the question a case worker asks for it,
and a few representative answers (used to find which question settles the most).

>>> print(QUESTIONS["person.kvk.registered"][0])
Staat de sekswerker ingeschreven in het Handelsregister van de KvK?
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from .case import WorkplaceKind

#: path -> (Dutch question, English question)
QUESTIONS: dict[str, tuple[str, str]] = {
    "person.birth_date": (
        "Wat is de geboortedatum van de sekswerker (volgens een geldig identiteitsbewijs)?",
        "What is the sex worker's date of birth (from a valid identity document)?",
    ),
    "person.nationalities": ("Welke nationaliteit(en) heeft de sekswerker?", "What nationality or nationalities does the sex worker have?"),
    "person.employment": ("Werkt de sekswerker als zelfstandige of in loondienst?", "Is the sex worker self-employed or employed?"),
    "person.residence_document.work": (
        "Wat staat er op het verblijfsdocument over arbeid ('arbeid vrij toegestaan', 'arbeid als zelfstandige' of niets)?",
        "What does the residence document say about work ('work freely permitted', 'self-employed work' or nothing)?",
    ),
    "person.residence_document.valid_until": (
        "Tot en met welke datum is het verblijfsdocument geldig?",
        "Up to and including which date is the residence document valid?",
    ),
    "person.has_bsn": (
        "Heeft de sekswerker een BSN? (Het nummer zelf hoeft niet te worden vastgelegd.)",
        "Does the sex worker have a BSN? (The number itself need not be recorded.)",
    ),
    "person.kvk.registered": ("Staat de sekswerker ingeschreven in het Handelsregister van de KvK?", "Is the sex worker registered in the KvK Trade Register?"),
    "person.human_trafficking": ("Heeft de politie mensenhandel vastgesteld?", "Have the police established human trafficking?"),
    "person.intake.done": ("Heeft de sekswerker een intakegesprek gehad?", "Has the sex worker had an intake interview?"),
    "person.intake.date": ("Op welke datum was de intake (de datum op de pas)?", "On what date was the intake (the date on the pass)?"),
    "person.intake.pass_colour": ("Welke kleur heeft de pas (wit of groen)?", "What colour is the pass (white or green)?"),
    "workplace.kind": (
        "Op wat voor werkplek werkt de sekswerker (raam, club, privéhuis, massagesalon, escort, thuis, straat, hotel)?",
        "What kind of workplace (window, club, private house, massage parlour, escort, home, street, hotel)?",
    ),
    "workplace.licence.status": (
        "Heeft het bedrijf een vergunning, en is die geldig, geschorst of ingetrokken?",
        "Does the business hold a licence, and is it valid, suspended or revoked?",
    ),
    "workplace.licence.valid_until": (
        "Tot en met welke datum is de vergunning van het bedrijf geldig?",
        "Up to and including which date is the business's licence valid?",
    ),
    "workplace.licence.requirements_met": (
        "Voldoet het bedrijf aan de vergunningseisen (laatste controle)?",
        "Does the business meet the licence requirements (last inspection)?",
    ),
    "workplace.in_designated_zone": ("Ligt de werkplek in de aangewezen zone?", "Does the workplace lie in the designated zone?"),
    "workplace.home.sole_resident": (
        "Is de sekswerker de enige die in de woning sekswerk verricht?",
        "Is the sex worker the only one doing sex work in the dwelling?",
    ),
    "workplace.home.registered_at_address_since": (
        "Sinds wanneer staat de sekswerker op het woonadres ingeschreven?",
        "Since when has the sex worker been registered at the address?",
    ),
    "workplace.home.business": (
        "Is het thuiswerk bedrijfsmatig (bijvoorbeeld meer dan één sekswerker, of georganiseerd door een ander)?",
        "Is the home work run as a business (for example more than one sex worker, or organised by someone else)?",
    ),
    "person.resided_in_nl_before_2021": (
        "Woonde de sekswerker vóór 1 januari 2021 in Nederland?",
        "Did the sex worker live in the Netherlands before 1 January 2021?",
    ),
}


def _dates(*offsets: int) -> Callable[[date], list[str]]:
    return lambda on: [(on + timedelta(days=d)).isoformat() for d in offsets]


#: path -> representative answers on a reference date (enough to reach every outcome).
ANSWERS: dict[str, Callable[[date], list[Any]]] = {
    "person.birth_date": lambda on: [date(on.year - y, 1, 1).isoformat() for y in (40, 20, 17)],
    "person.nationalities": lambda on: [["NL"], ["RO"], ["UA"]],
    "person.employment": lambda on: ["self_employed", "employed"],
    "person.residence_document.work": lambda on: ["free", "self_employed", "none"],
    "person.residence_document.valid_until": _dates(365, -1),
    "person.has_bsn": lambda on: [True, False],
    "person.kvk.registered": lambda on: [True, False],
    "person.human_trafficking": lambda on: ["not_established", "established"],
    "person.intake.done": lambda on: [True, False],
    "person.intake.date": _dates(-30, -800, 1),
    "person.intake.pass_colour": lambda on: ["white", "green"],
    "workplace.kind": lambda on: [k.value for k in WorkplaceKind],
    "workplace.licence.status": lambda on: ["valid", "none"],
    "workplace.licence.valid_until": _dates(365, -1),
    "workplace.licence.requirements_met": lambda on: [True, False],
    "workplace.in_designated_zone": lambda on: [True, False],
    "workplace.home.sole_resident": lambda on: [True, False],
    "workplace.home.registered_at_address_since": _dates(-800, -1),
    "workplace.home.business": lambda on: [False, True],
    "person.resided_in_nl_before_2021": lambda on: [True, False],
}


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a fact in a case dict, creating the objects on the way."""
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[leaf] = value


def get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node
