"""Thuiswerk — voorwaarden voor sekswerk vanuit de eigen woning (APV Utrecht, proef sinds 2024/2025).

Waar een gemeente thuiswerk toestaat, kan zij er voorwaarden aan verbinden. Utrecht staat
(als proef van drie jaar) toe dat per woning één bewoner sekswerk verricht, die ten minste drie
maanden op dat adres ingeschreven staat, ten minste 21 jaar oud is, en zonder bemiddeling door
derden werkt (voorstel college, april 2024). Welke voorwaarden gelden, staat in het regime.

Niet gecodeerd: "geen bemiddeling door derden", "de verdiensten gaan naar de sekswerker" en
de ontvangsttijden (06.00–01.00 uur): het uitwisselformaat kent die feiten niet. Een oordeel
"legaal" zegt dus niets over die voorwaarden; het regime noemt ze in zijn toelichting.

*Conditions for home work: sole resident, registered at the address for some months.*

More information:

- https://lokaleregelgeving.overheid.nl/CVDR738007/1 (Handhavingsstrategie Sekswerk Utrecht, 2025)
- The proposal with its conditions (DUIC, April 2024): registry key ``utrecht-duic-2024-04-voorstel``

>>> from sekswerk_rules import evaluate
>>> def home(on, **facts):
...     case = {"municipality": "utrecht", "person": {"age": 30}, "workplace": {"kind": "home", "home": facts}}
...     return evaluate(case, on=on).rule("thuiswerk")
>>> home("2025-06-01", sole_resident=True, registered_at_address_since="2025-03-01").outcome.value
'satisfied'
>>> print(home("2025-06-01", sole_resident=True, registered_at_address_since="2025-03-02").explanation)
De sekswerker staat korter dan 3 maanden op het woonadres ingeschreven; dat moet ten minste 3 maanden zijn (Utrecht stelt nu formeel voor om sekswerk thuis te legaliseren (DUIC)). Dit is geen vaststaande overtreding: de regel steunt alleen op bronnen met laag vertrouwen.
"""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from ..case import Case, WorkplaceKind
from ..dates import add_months
from ..law import minimum_age
from .age import age_of
from .base import Bound, Rule, RuleResult, not_applicable, satisfied, unknown, violated


class HomeParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    #: Only one resident of the dwelling may do sex work there.
    sole_resident: StrictBool = False
    #: Minimum months of registration at the address (BRP); absent: no such condition.
    registered_months: StrictInt | None = Field(default=None, ge=1, le=120)
    #: A minimum age for home work (Utrecht's pilot: 21), where it differs from the general one.
    min_age: StrictInt | None = Field(default=None, ge=minimum_age(), le=99)


#: The home facts the conditions read.
SOLE = "workplace.home.sole_resident"
SINCE = "workplace.home.registered_at_address_since"


class HomeWork(Rule):
    key = "thuiswerk"
    title = ("Voorwaarden thuiswerk", "Conditions for home work")
    facts = ("workplace.kind", SOLE, SINCE, "person.birth_date", "person.age")
    Params = HomeParams
    TEXT = {
        "met": ("De sekswerker voldoet aan de voorwaarden voor thuiswerk.", "The sex worker meets the conditions for home work."),
        "not_home": ("De voorwaarden voor thuiswerk gelden niet voor deze werkplek.", "The conditions for home work do not apply to this workplace."),
        "not_sole": (
            "Per woning mag maar één bewoner sekswerk verrichten ({citation}).",
            "Only one resident per dwelling may do sex work there ({citation}).",
        ),
        "too_young": (
            "Thuiswerk mag pas vanaf {age} jaar; de sekswerker is jonger ({citation}).",
            "Home work is allowed only from the age of {age}; the sex worker is younger ({citation}).",
        ),
        "wait_age": ("Thuiswerken mag vanaf de dag waarop de sekswerker {age} jaar wordt.", "Home work is allowed from the day the sex worker turns {age}."),
        "too_recent": (
            "De sekswerker staat korter dan {months} maanden op het woonadres ingeschreven; dat moet ten minste {months} maanden zijn ({citation}).",
            "The sex worker has been registered at the address for less than {months} months; it must be at least {months} months ({citation}).",
        ),
        "unknown": (
            "Onbekend is of aan de voorwaarden voor thuiswerk is voldaan ({citation}).",
            "Whether the conditions for home work are met is unknown ({citation}).",
        ),
        "fix_sole": ("Alleen thuiswerken als enige sekswerker in de woning.", "Work from home only as the sole sex worker in the dwelling."),
        "wait": (
            "Thuiswerken mag vanaf de dag waarop de sekswerker {months} maanden op het adres staat ingeschreven.",
            "Home work is allowed from the day the sex worker has been registered at the address for {months} months.",
        ),
        "ask": (
            "Vraag of de sekswerker de enige is die in de woning werkt, en sinds wanneer zij op het adres staat ingeschreven.",
            "Ask whether the sex worker is the only one working in the dwelling, and since when they are registered at the address.",
        ),
    }

    def bind(self, params: HomeParams, uncertain: bool = False) -> Bound:
        args = {"months": params.registered_months, "age": params.min_age}
        not_home = not_applicable("not_home", facts=("workplace.kind",))

        def only_if_home(kind: WorkplaceKind | None, result: RuleResult) -> RuleResult:
            # a condition broken, but it binds only home work: unknown until the kind is known
            return result if kind is not None else unknown("unknown", missing=("workplace.kind",), remedy="ask", args=result.args)

        def evaluate(case: Case, day: date) -> RuleResult:
            kind = case.workplace.kind
            if kind is not None and kind is not WorkplaceKind.HOME:
                return not_home
            home = case.workplace.home
            sole = home.sole_resident if home else None
            since = home.registered_at_address_since if home else None
            missing: list[str] = []
            used = ["workplace.kind"] if kind is not None else []
            if params.sole_resident:
                if sole is False:
                    return only_if_home(kind, violated("not_sole", facts=(*used, SOLE), remedy="fix_sole"))
                (missing if sole is None else used).append(SOLE)
            if params.min_age is not None:
                age, age_fact = age_of(case, day)
                if age is None:
                    missing.append("person.birth_date")
                elif age < params.min_age:
                    return only_if_home(kind, violated("too_young", facts=(*used, age_fact), remedy="wait_age", args=args))
                else:
                    used.append(age_fact)
            if params.registered_months is not None:
                allowed = None if since is None else add_months(since, params.registered_months)
                if since is not None and (allowed is None or allowed > day):
                    # the day it is allowed follows from the registration date: never in the text
                    remedy = None if allowed is None else "wait"  # only after the calendar's last day: no day to wait for
                    return only_if_home(kind, violated("too_recent", facts=(*used, SINCE), remedy=remedy, args=args))
                (missing if since is None else used).append(SINCE)
            if missing:
                return unknown("unknown", facts=tuple(used), missing=(*missing, *(() if kind else ("workplace.kind",))), remedy="ask", args=args)
            return satisfied("met", facts=tuple(used))

        return evaluate
