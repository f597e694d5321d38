"""The facts of interchange format v1: one registry, :data:`FACTS`, that every part of the
library reads for a fact: its Dutch label in scenario tables, its values with their Dutch and
English words, the form's labels, the question a case worker asks for it and a few
representative answers (used to find which question settles the most).

The scenario tables (``scenarios.LABELS``), the web form (``presentation.web.FIELDS``), the
advice (:data:`QUESTIONS`, :data:`ANSWERS`) and the documentation are views of it.

>>> print(BY_PATH["person.kvk.registered"].question("nl"))
Staat de sekswerker ingeschreven in het Handelsregister van de KvK?
>>> BY_PATH["workplace.kind"].values["massage_parlour"]
Text(nl='massagesalon', en='massage parlour')
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from .case import WorkplaceKind
from .dates import add_days
from .lang import Text


def _dates(*offsets: int) -> Callable[[date], list[str]]:
    return lambda day: [later.isoformat() for d in offsets if (later := add_days(day, d)) is not None]  # none after 9999-12-31


@dataclass(frozen=True)
class Fact:
    """One fact of a case and everything the library says about it."""

    path: str
    #: Its Dutch name in scenario tables (``geboortedatum``).
    name: str
    #: ``date``, ``bool``, ``int``, ``countries``, or the values a case may give, each with its
    #: Dutch word (the scenario word) and its English word.
    values: str | dict[str, Text]
    #: What it means, in Dutch (scenario files; the form's Dutch label).
    description: str
    #: The form's English label.
    label_en: str
    #: The question a case worker asks for it, where a rule can miss it.
    question: Text | None = None
    #: Representative answers on a reference date, enough to reach every outcome.
    answers: Callable[[date], list[Any]] | None = None


#: Every fact, in the order scenario tables and the form list them.
FACTS: tuple[Fact, ...] = (
    Fact(
        path="person.birth_date",
        name="geboortedatum",
        values="date",
        description="geboortedatum van de sekswerker",
        label_en="Date of birth",
        question=Text(
            "Wat is de geboortedatum van de sekswerker (volgens een geldig identiteitsbewijs)?",
            "What is the sex worker's date of birth (from a valid identity document)?",
        ),
        answers=lambda day: [date(day.year - y, 1, 1).isoformat() for y in (40, 20, 17)],
    ),
    Fact(
        path="person.age",
        name="leeftijd",
        values="int",
        description="leeftijd in hele jaren op de peildatum",
        label_en="Age in whole years on the reference date",
    ),
    Fact(
        path="person.nationalities",
        name="nationaliteit",
        values="countries",
        description='landcode(s), bijvoorbeeld NL of ["RO", "NL"]',
        label_en="Nationality or nationalities, e.g. NL or RO, UA",
        question=Text("Welke nationaliteit(en) heeft de sekswerker?", "What nationality or nationalities does the sex worker have?"),
        answers=lambda day: [["NL"], ["RO"], ["UA"]],
    ),
    Fact(
        path="person.employment",
        name="arbeidsvorm",
        values={"self_employed": Text("zelfstandige", "self-employed"), "employed": Text("loondienst", "employed")},
        description="zelfstandige of loondienst",
        label_en="Self-employed or employed",
        question=Text("Werkt de sekswerker als zelfstandige of in loondienst?", "Is the sex worker self-employed or employed?"),
        answers=lambda day: ["self_employed", "employed"],
    ),
    Fact(
        path="person.residence_document.work",
        name="verblijfsdocument",
        values={
            "free": Text("arbeid vrij", "work freely permitted"),
            "self_employed": Text("alleen zelfstandig", "self-employed work"),
            "none": Text("geen arbeid", "none"),
        },
        description="wat het verblijfsdocument over arbeid zegt",
        label_en="What the residence document says about work",
        question=Text(
            "Wat staat er op het verblijfsdocument over arbeid ('arbeid vrij toegestaan', 'arbeid als zelfstandige' of niets)?",
            "What does the residence document say about work ('work freely permitted', 'self-employed work' or nothing)?",
        ),
        answers=lambda day: ["free", "self_employed", "none"],
    ),
    Fact(
        path="person.residence_document.valid_until",
        name="verblijfsdocument_geldig_tot_en_met",
        values="date",
        description="laatste geldige dag van het verblijfsdocument",
        label_en="Last valid day of the residence document",
        question=Text("Tot en met welke datum is het verblijfsdocument geldig?", "Up to and including which date is the residence document valid?"),
        answers=_dates(365, -1),
    ),
    Fact(
        path="person.resided_in_nl_before_2021",
        name="woonde_voor_2021_in_nederland",
        values="bool",
        description="woonde vóór 1 januari 2021 in Nederland (Britten)",
        label_en="Lived in the Netherlands before 1 January 2021 (British nationals)",
        question=Text("Woonde de sekswerker vóór 1 januari 2021 in Nederland?", "Did the sex worker live in the Netherlands before 1 January 2021?"),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="person.has_bsn",
        name="bsn",
        values="bool",
        description="heeft een BSN (het nummer zelf staat nooit in een scenario)",
        label_en="Has a BSN",
        question=Text(
            "Heeft de sekswerker een BSN? (Het nummer zelf hoeft niet te worden vastgelegd.)",
            "Does the sex worker have a BSN? (The number itself need not be recorded.)",
        ),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="person.kvk.registered",
        name="kvk_inschrijving",
        values="bool",
        description="ingeschreven in het Handelsregister",
        label_en="Registered with the KvK (Trade Register)",
        question=Text("Staat de sekswerker ingeschreven in het Handelsregister van de KvK?", "Is the sex worker registered in the KvK Trade Register?"),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="person.population_register",
        name="basisregistratie",
        values={"brp": Text("brp", "BRP (population register)"), "rni": Text("rni", "RNI (non-residents)"), "none": Text("geen", "none")},
        description="ingeschreven in de BRP, de RNI of geen van beide",
        label_en="Registered in the BRP, the RNI or neither",
        question=Text("Staat de sekswerker ingeschreven in de BRP of de RNI?", "Is the sex worker registered in the BRP or the RNI?"),
        answers=lambda day: ["brp", "rni", "none"],
    ),
    Fact(
        path="person.identity_document.kind",
        name="identiteitsbewijs",
        values={
            "passport": Text("paspoort", "passport"),
            "id_card": Text("identiteitskaart", "identity card"),
            "residence_document": Text("verblijfsdocument", "residence document"),
        },
        description="soort identiteitsbewijs",
        label_en="Kind of identity document",
    ),
    Fact(
        path="person.identity_document.valid_until",
        name="identiteitsbewijs_geldig_tot_en_met",
        values="date",
        description="laatste geldige dag van het identiteitsbewijs",
        label_en="Last valid day of the identity document",
    ),
    Fact(
        path="person.human_trafficking",
        name="mensenhandel",
        values={"established": Text("vastgesteld", "established"), "not_established": Text("niet vastgesteld", "not established")},
        description="of mensenhandel is vastgesteld",
        label_en="Whether human trafficking has been established",
        question=Text("Heeft de politie mensenhandel vastgesteld?", "Have the police established human trafficking?"),
        answers=lambda day: ["not_established", "established"],
    ),
    Fact(
        path="person.trafficking_signals",
        name="signalen_mensenhandel",
        values="bool",
        description="er zijn signalen van mensenhandel",
        label_en="There are signals of human trafficking",
    ),
    Fact(
        path="person.intake.done",
        name="intake",
        values="bool",
        description="heeft een intakegesprek gehad",
        label_en="Had an intake interview",
        question=Text("Heeft de sekswerker een intakegesprek gehad?", "Has the sex worker had an intake interview?"),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="person.intake.date",
        name="intakedatum",
        values="date",
        description="datum van de intake (en van de pas)",
        label_en="Date of the intake (and of the pass)",
        question=Text("Op welke datum was de intake (de datum op de pas)?", "On what date was the intake (the date on the pass)?"),
        answers=_dates(-30, -800, 1),
    ),
    Fact(
        path="person.intake.pass_colour",
        name="paskleur",
        values={"white": Text("wit", "white"), "green": Text("groen", "green")},
        description="kleur van de pas",
        label_en="Colour of the pass",
        question=Text("Welke kleur heeft de pas (wit of groen)?", "What colour is the pass (white or green)?"),
        answers=lambda day: ["white", "green"],
    ),
    Fact(
        path="workplace.kind",
        name="werkplek",
        values={
            "window": Text("raam", "window"),
            "club": Text("club", "club"),
            "private_house": Text("privéhuis", "private house"),
            "massage_parlour": Text("massagesalon", "massage parlour"),
            "sex_theatre": Text("sekstheater", "sex theatre"),
            "escort": Text("escort", "escort"),
            "home": Text("thuis", "home"),
            "street": Text("straat", "street"),
            "hotel": Text("hotel", "hotel"),
        },
        description="soort werkplek",
        label_en="Kind of workplace",
        question=Text(
            "Op wat voor werkplek werkt de sekswerker (raam, club, privéhuis, massagesalon, escort, thuis, straat, hotel)?",
            "What kind of workplace (window, club, private house, massage parlour, escort, home, street, hotel)?",
        ),
        answers=lambda day: [k.value for k in WorkplaceKind],
    ),
    Fact(
        path="workplace.licence.status",
        name="vergunning",
        values={
            "valid": Text("geldig", "valid"),
            "none": Text("geen", "none"),
            "suspended": Text("geschorst", "suspended"),
            "revoked": Text("ingetrokken", "revoked"),
        },
        description="vergunning van het bedrijf",
        label_en="Licence of the business",
        question=Text(
            "Heeft het bedrijf een vergunning, en is die geldig, geschorst of ingetrokken?",
            "Does the business hold a licence, and is it valid, suspended or revoked?",
        ),
        answers=lambda day: ["valid", "none"],
    ),
    Fact(
        path="workplace.licence.valid_until",
        name="vergunning_geldig_tot_en_met",
        values="date",
        description="laatste geldige dag van de vergunning",
        label_en="Last valid day of the licence",
        question=Text("Tot en met welke datum is de vergunning van het bedrijf geldig?", "Up to and including which date is the business's licence valid?"),
        answers=_dates(365, -1),
    ),
    Fact(
        path="workplace.licence.requirements_met",
        name="vergunningseisen_voldaan",
        values="bool",
        description="het bedrijf voldoet aan de vergunningseisen",
        label_en="The business meets the licence requirements",
        question=Text("Voldoet het bedrijf aan de vergunningseisen (laatste controle)?", "Does the business meet the licence requirements (last inspection)?"),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="workplace.in_designated_zone",
        name="in_aangewezen_zone",
        values="bool",
        description="de werkplek ligt in een aangewezen zone",
        label_en="The workplace lies in a designated zone",
        question=Text("Ligt de werkplek in de aangewezen zone?", "Does the workplace lie in the designated zone?"),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="workplace.home.sole_resident",
        name="enige_sekswerker_in_woning",
        values="bool",
        description="thuiswerk: de enige sekswerker in de woning",
        label_en="Home work: the only sex worker in the dwelling",
        question=Text("Is de sekswerker de enige die in de woning sekswerk verricht?", "Is the sex worker the only one doing sex work in the dwelling?"),
        answers=lambda day: [True, False],
    ),
    Fact(
        path="workplace.home.registered_at_address_since",
        name="ingeschreven_op_adres_sinds",
        values="date",
        description="thuiswerk: sinds wanneer ingeschreven op het adres",
        label_en="Home work: registered at the address since",
        question=Text("Sinds wanneer staat de sekswerker op het woonadres ingeschreven?", "Since when has the sex worker been registered at the address?"),
        answers=_dates(-800, -1),
    ),
    Fact(
        path="workplace.home.business",
        name="bedrijfsmatig",
        values="bool",
        description="thuiswerk: bedrijfsmatig",
        label_en="Home work: run as a business",
        question=Text(
            "Is het thuiswerk bedrijfsmatig (bijvoorbeeld meer dan één sekswerker, of georganiseerd door een ander)?",
            "Is the home work run as a business (for example more than one sex worker, or organised by someone else)?",
        ),
        answers=lambda day: [False, True],
    ),
)
BY_PATH = {fact.path: fact for fact in FACTS}


def choices(path: str) -> dict[str, Text]:
    """The values of a fact with a fixed set of them, each with its Dutch and English word.

    >>> choices("person.intake.pass_colour")["white"]("nl")
    'wit'
    """
    values = BY_PATH[path].values
    if not isinstance(values, dict):
        raise ValueError(f"{path} has no fixed set of values")
    return values


#: path -> (Dutch question, English question), for the facts a rule can miss.
QUESTIONS: dict[str, Text] = {fact.path: fact.question for fact in FACTS if fact.question is not None}
#: path -> representative answers on a reference date.
ANSWERS: dict[str, Callable[[date], list[Any]]] = {fact.path: fact.answers for fact in FACTS if fact.answers is not None}


def put(data: dict[str, Any], path: str, value: Any) -> None:
    """Set a fact in a case dict, creating the objects on the way."""
    *parents, leaf = path.split(".")
    node = data
    for part in parents:
        if not isinstance(node.get(part), dict):
            node[part] = {}
        node = node[part]
    node[leaf] = value


def overlap(changed: Iterable[str], facts: Iterable[str]) -> bool:
    """Whether setting the values at the ``changed`` paths can change one of ``facts``: a path
    is a fact, or holds it (``workplace.licence`` holds ``workplace.licence.status``), or lies in it.

    >>> overlap(["workplace.licence"], ["workplace.licence.status"]), overlap(["workplace.kind"], ["workplace.kinds"])
    (True, False)
    """
    return any(fact == path or fact.startswith(path + ".") or path.startswith(fact + ".") for path in changed for fact in facts)


def get(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node
