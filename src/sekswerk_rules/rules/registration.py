"""Inschrijving KvK en BSN — APV Leeuwarden art. 3:8 (sinds 2020).

Leeuwarden heeft in 2020, op initiatief van de gemeenteraad, artikel 3:8 van de APV
gewijzigd: sekswerkers moeten ingeschreven staan in het Handelsregister van de Kamer van
Koophandel en een burgerservicenummer (BSN) hebben (bronrapport, 2023). De model-APV kent
deze plicht niet; een regime zet haar aan. Een BSN geeft geen recht om te werken: dat
beoordeelt de regel over vrij verkeer en arbeid.

Interpretatie: de precieze tekst en ingangsdatum van art. 3:8 zijn niet openbaar gevonden;
het regime noemt zijn keuze en vertrouwen (middel).

*Registration duties: Chamber of Commerce (KvK) and citizen service number (BSN).*

More information:

- https://lokaleregelgeving.overheid.nl/CVDR14436/6 (APV Leeuwarden, version of 2012; the 2020
  text of art. 3:8 was not found publicly: registry key ``leeuwarden-apv-art-3-8``)
- https://nos.nl/nieuwsuur/artikel/2317774-leeuwarden-afvoerputje-van-prostitutie-vrouwen-werken-al-voor-20-euro.html
  (January 2020: the duty announced, not yet in force)

>>> from sekswerk_rules import evaluate
>>> def kvk(registered, on="2024-05-01", employment="self_employed"):
...     case = {"municipality": "leeuwarden", "person": {"kvk": {"registered": registered}, "employment": employment}}
...     return evaluate(case, on=on).rule("kvk-inschrijving")
>>> kvk(True).outcome.value, kvk(False).outcome.value
('satisfied', 'violated')
>>> kvk(False, employment="employed").outcome.value  # disputed for employees
'unknown'
>>> print(kvk(False).remedy)
Schrijf de sekswerker in bij het Handelsregister van de KvK.
>>> kvk(False, on="2019-12-31") is None  # before the duty, the rule is not in force
True
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from ..case import Case, Employment, PopulationRegister
from .base import Bound, Outcome, Rule, RuleResult, getter, satisfied, unknown, violated


class FactRequired(Rule):
    """A duty that one yes/no fact settles: true satisfies it, false violates it."""

    path: ClassVar[str]

    def bind(self, params: Any, uncertain: bool = False) -> Bound:
        path = self.path
        read = getter(path)
        unknown_ = unknown("unknown", missing=(path,), remedy="ask")
        yes = satisfied("yes", facts=(path,))
        no = violated("no", facts=(path,), remedy="fix")

        def evaluate(case: Case, day: date) -> RuleResult:
            value = read(case)
            if value is None:
                return unknown_
            return yes if value else no

        return evaluate


class KvkRegistration(FactRequired):
    """An employee cannot register in the Trade Register as an undertaking: whether the duty
    reaches employees is not settled (legal audit 2, item 11), so a violation by an employee
    is a disputed reading, and an unregistered worker whose employment is unknown is ``unknown``."""

    key = "kvk-inschrijving"
    title = ("Inschrijving Handelsregister (KvK)", "Chamber of Commerce registration (KvK)")
    path = "person.kvk.registered"
    facts = (path, "person.employment")
    TEXT = {
        "yes": (
            "De sekswerker staat ingeschreven in het Handelsregister.",
            "The sex worker is registered in the Trade Register.",
        ),
        "no": (
            "De sekswerker moet ingeschreven staan in het Handelsregister van de KvK ({citation}).",
            "The sex worker must be registered in the KvK Trade Register ({citation}).",
        ),
        "unknown": (
            "Onbekend is of de sekswerker ingeschreven staat in het Handelsregister; dat is verplicht ({citation}).",
            "Whether the sex worker is registered in the Trade Register is unknown; it is required ({citation}).",
        ),
        "fix": (
            "Schrijf de sekswerker in bij het Handelsregister van de KvK.",
            "Register the sex worker in the KvK Trade Register.",
        ),
        "ask": (
            "Vraag naar een uittreksel uit het Handelsregister.",
            "Ask for an extract from the Trade Register.",
        ),
        "employment_unknown": (
            "De sekswerker staat niet ingeschreven in het Handelsregister; die plicht geldt zeker voor zelfstandigen, en onbekend is of de sekswerker als zelfstandige werkt ({citation}).",
            "The sex worker is not registered in the Trade Register; the duty certainly applies to the self-employed, and whether the sex worker is self-employed is unknown ({citation}).",
        ),
        "ask_employment": (
            "Stel vast of de sekswerker als zelfstandige of in loondienst werkt.",
            "Establish whether the sex worker is self-employed or employed.",
        ),
        "disputed.employee": (
            "Een werknemer kan zich niet als onderneming in het Handelsregister inschrijven; of de plicht ook voor werknemers geldt, is niet vastgesteld.",
            "An employee cannot register as an undertaking in the Trade Register; whether the duty also applies to employees is not settled.",
        ),
    }

    def bind(self, params: Any, uncertain: bool = False) -> Bound:
        registered = super().bind(params, uncertain)
        facts = (self.path, "person.employment")
        employment_unknown = unknown("employment_unknown", facts=(self.path,), missing=("person.employment",), remedy="ask_employment")
        employee = violated("no", facts=facts, remedy="fix", disputed="disputed.employee")
        self_employed = violated("no", facts=facts, remedy="fix")

        def evaluate(case: Case, day: date) -> RuleResult:
            result = registered(case, day)
            if result.outcome is not Outcome.VIOLATED:
                return result
            employment = case.person.employment
            if employment is None:
                # the duty's start is uncertain: either answer stays unknown, so do not ask
                return result if uncertain else employment_unknown
            return employee if employment is Employment.EMPLOYED else self_employed

        return evaluate


class Bsn(FactRequired):
    """Whoever is registered in the BRP, or in its part for non-residents (the RNI), is given a
    BSN by the body that registers them (Kamerstukken II 2012/13, 33 555, nr. 6, par. 2.1:
    https://zoek.officielebekendmakingen.nl/dossier/kst-33555-6.html), so
    that registration settles the duty when ``has_bsn`` is not given (the case refuses it with
    ``has_bsn: false``)."""

    key = "bsn"
    title = ("Burgerservicenummer (BSN)", "Citizen service number (BSN)")
    path = "person.has_bsn"
    facts = ("person.bsn", path, "person.population_register")
    TEXT = {
        "yes": ("De sekswerker heeft een BSN.", "The sex worker has a BSN."),
        "registered": (
            "De sekswerker staat ingeschreven in de BRP of de RNI en heeft daarmee een BSN.",
            "The sex worker is registered in the BRP or the RNI, and so has a BSN.",
        ),
        "no": (
            "De sekswerker moet een burgerservicenummer hebben ({citation}).",
            "The sex worker must have a citizen service number ({citation}).",
        ),
        "unknown": (
            "Onbekend is of de sekswerker een BSN heeft; dat is verplicht ({citation}).",
            "Whether the sex worker has a BSN is unknown; it is required ({citation}).",
        ),
        "fix": (
            "Laat de sekswerker inschrijven in de BRP of, bij een kort verblijf, de RNI; daarmee krijgt de sekswerker een BSN.",
            "Have the sex worker registered in the BRP or, for a short stay, the RNI, which gives a BSN.",
        ),
        "ask": (
            "Vraag of de sekswerker een BSN heeft (het nummer zelf hoeft niet te worden vastgelegd).",
            "Ask whether the sex worker has a BSN (the number itself need not be recorded).",
        ),
    }

    def bind(self, params: Any, uncertain: bool = False) -> Bound:
        has_bsn = super().bind(params, uncertain)
        registered = satisfied("registered", facts=("person.population_register",))

        def evaluate(case: Case, day: date) -> RuleResult:
            result = has_bsn(case, day)
            if result.outcome is Outcome.UNKNOWN and case.person.population_register in _GIVES_A_BSN:
                return registered
            return result

        return evaluate


#: The registers whose registration gives a BSN.
_GIVES_A_BSN = (PopulationRegister.BRP, PopulationRegister.RNI)
