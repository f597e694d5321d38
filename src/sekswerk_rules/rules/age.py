"""Minimumleeftijd — Sr art. 273f (18 jaar) en APV art. 3:14 model-APV (21 jaar).

Wie iemand onder de 18 jaar tot betaalde seksuele handelingen brengt, of daarvan profiteert,
pleegt mensenhandel, met of zonder instemming (Wetboek van Strafrecht art. 273f lid 1
sub 2°, 5° en 8°). De meeste gemeenten leggen de grens hoger: volgens model-APV art. 3:14
mag een exploitant geen prostituee onder de 21 laten werken, en variant 2 richt zich ook tot
de prostituee zelf. Sommige gemeenten beperken de grens tot bepaalde werkplekken
(Amsterdam: alle prostitutiebedrijven).

*Minimum age: 18 under national law, 21 under most APVs; a regime may limit its age to
some workplace kinds.*

More information:

- https://wetten.overheid.nl/BWBR0001854 (Sr art. 273f)
- VNG Model-APV 2024, art. 3:14 (public copy:
  https://github.com/VNG-Realisatie/GEMMA-kenniswerkplek/blob/c5b963c8c8dae6c20a2d87246425674233aeb896/sources/raw/2023-vng-model-apv.md)

Welke leeftijd op welke datum geldt, staat per gemeente in het regime, met onzekere periodes
waar de ingangsdatum niet bekend is (de 21 jaar van het model: onzeker vanaf 9 juli 2015, zeker
in de modeltekst van 2024). A legal case, an illegal one, and the boundary: the 21st birthday.

>>> from sekswerk_rules import evaluate
>>> case = {"municipality": "model-apv", "person": {"birth_date": "2003-05-01"}}
>>> evaluate(case, on="2024-05-01").rule("minimumleeftijd").outcome.value
'satisfied'
>>> print(evaluate(case, on="2024-04-30").rule("minimumleeftijd").explanation)
De sekswerker is jonger dan 21 jaar; de minimumleeftijd is 21 jaar (VNG Model-APV per 1 januari 2024, art. 3:14 variant 2 lid 1).
>>> evaluate(case, on="2023-05-01").rule("minimumleeftijd").outcome.value  # 2015-2023: uncertain
'unknown'
>>> evaluate({"municipality": "leeuwarden"}, on="2024-05-01").rule("minimumleeftijd").missing
['person.birth_date']
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, field_validator
from pydantic_core import PydanticCustomError

from ..case import Case, Employment, WorkplaceKind
from ..dates import age_on
from ..law import minimum_age
from .base import Bound, Rule, RuleResult, kind_applies, kind_list, never_violated, not_applicable, satisfied, unknown, violated


class AgeParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    #: The minimum age in whole years.
    age: StrictInt = Field(le=99)
    #: The workplace kinds the age applies to; absent means all.
    workplace_kinds: tuple[WorkplaceKind, ...] | None = None
    #: Kinds where the age binds a business (an escort agency): whether a self-employed worker
    #: without one is such a business is disputed, so that violation is never ``illegal``.
    mediation: tuple[WorkplaceKind, ...] = ()
    #: Home work run as a business ("bedrijfsmatig") is a prostitution business, so the age
    #: applies to it too where ``workplace_kinds`` leaves home work out (model-APV art. 3:2,
    #: the definition of prostitutiebedrijf: "het bedrijfsmatig gelegenheid geven tot prostitutie").
    home_business: StrictBool = False

    @field_validator("age")
    @classmethod
    def _not_below_national_law(cls, value: int) -> int:
        if value < minimum_age():
            # Sr 273f: anyone under the national age in paid sexual acts is a trafficking victim.
            raise PydanticCustomError("regime_below_national", "minimum age under the national one")
        return value


def age_of(case: Case, day: date) -> tuple[int | None, str]:
    """The person's age on ``on``, from ``birth_date`` or else ``age``, and the fact it comes from."""
    person = case.person
    if person.birth_date is not None:
        return age_on(person.birth_date, day), "person.birth_date"
    return person.age, "person.age"


class MinimumAge(Rule):
    key = "minimumleeftijd"
    title = ("Minimumleeftijd", "Minimum age")
    facts = ("person.birth_date", "person.age", "workplace.kind", "person.employment", "workplace.home.business")
    Params = AgeParams
    TEXT = {
        "old_enough": (
            "De sekswerker is ten minste {age} jaar oud.",
            "The sex worker is at least {age} years old.",
        ),
        "too_young": (
            "De sekswerker is jonger dan {age} jaar; de minimumleeftijd is {age} jaar ({citation}).",
            "The sex worker is younger than {age}; the minimum age is {age} ({citation}).",
        ),
        "age_unknown": (
            "De leeftijd van de sekswerker is onbekend; de minimumleeftijd is {age} jaar ({citation}).",
            "The sex worker's age is unknown; the minimum age is {age} ({citation}).",
        ),
        "kind_unknown": (
            "De sekswerker is jonger dan {age} jaar; die grens geldt voor {kinds}, en de werkplek is onbekend ({citation}).",
            "The sex worker is younger than {age}; that limit applies to {kinds}, and the workplace is unknown ({citation}).",
        ),
        "other_kind": (
            "De minimumleeftijd van {age} jaar geldt alleen voor {kinds}.",
            "The minimum age of {age} applies only to {kinds}.",
        ),
        "wait": (
            "Hier werken mag pas vanaf de dag waarop de sekswerker {age} jaar wordt.",
            "Working here is allowed only from the day the sex worker turns {age}.",
        ),
        "ask_age": (
            "Stel de geboortedatum vast aan de hand van een geldig identiteitsbewijs.",
            "Establish the date of birth from a valid identity document.",
        ),
        "ask_kind": (
            "Stel vast op welk soort werkplek de sekswerker werkt.",
            "Establish what kind of workplace the sex worker works at.",
        ),
        "mediation_unknown": (
            "De sekswerker is jonger dan {age} jaar; die grens geldt voor prostitutiebedrijven, en onbekend is of de sekswerker als zelfstandige werkt ({citation}).",
            "The sex worker is younger than {age}; that limit applies to prostitution businesses, and whether the sex worker is self-employed is unknown ({citation}).",
        ),
        "home_not_business": (
            "De minimumleeftijd van {age} jaar geldt niet voor thuiswerk dat niet bedrijfsmatig is.",
            "The minimum age of {age} does not apply to home work that is not run as a business.",
        ),
        "home_business_unknown": (
            "De sekswerker is jonger dan {age} jaar; die grens geldt voor bedrijfsmatig thuiswerk, en onbekend is of dit thuiswerk bedrijfsmatig is ({citation}).",
            "The sex worker is younger than {age}; that limit applies to home work run as a business, and whether this home work is run as a business is unknown ({citation}).",
        ),
        "ask_business": (
            "Stel vast of het thuiswerk bedrijfsmatig is (bijvoorbeeld meer dan één sekswerker, of georganiseerd door een ander).",
            "Establish whether the home work is run as a business (for example more than one sex worker, or organised by someone else).",
        ),
        "ask_employment": (
            "Stel vast of de sekswerker als zelfstandige of via een bureau werkt.",
            "Establish whether the sex worker is self-employed or works through an agency.",
        ),
        "disputed.self_employed_mediation": (
            "Of een zelfstandige zonder bemiddelend bedrijf een prostitutiebedrijf is waarvoor deze leeftijd geldt, is omstreden.",
            "Whether a self-employed sex worker without a mediating business is a prostitution business to which this age applies is disputed.",
        ),
    }

    def bind(self, params: AgeParams, uncertain: bool = False) -> Bound:
        minimum, kinds = params.age, params.workplace_kinds
        args: dict[str, Any] = {"age": minimum} if kinds is None else {"age": minimum, "kinds": kind_list(kinds)}
        other_kind = not_applicable("other_kind", facts=("workplace.kind",), args=args)
        age_unknown = unknown("age_unknown", missing=("person.birth_date",), remedy="ask_age", args=args)
        age_and_kind_unknown = unknown("age_unknown", missing=("person.birth_date", "workplace.kind"), remedy="ask_age", args=args)
        age_and_business_unknown = unknown("age_unknown", missing=("person.birth_date", "workplace.home.business"), remedy="ask_age", args=args)
        old_enough = {used: satisfied("old_enough", facts=(used,), args=args) for used in ("person.birth_date", "person.age")}
        home_business = params.home_business and kinds is not None and WorkplaceKind.HOME not in kinds
        home_not_business = not_applicable("home_not_business", facts=("workplace.kind", "workplace.home.business"), args=args)

        def evaluate(case: Case, day: date) -> RuleResult:
            kind = case.workplace.kind
            applies = kind_applies(kind, kinds)
            business_fact: tuple[str, ...] = ()
            if applies is False and home_business and kind is WorkplaceKind.HOME:
                business = case.workplace.home.business if case.workplace.home else None
                if business is False:
                    return home_not_business
                applies, business_fact = business, ("workplace.home.business",)
            if applies is False:
                return other_kind
            age, used = age_of(case, day)
            if age is None:
                result = age_unknown if applies else age_and_business_unknown if business_fact else age_and_kind_unknown
                # too young at a mediating kind, self-employed: disputed, so no age violates it
                return never_violated(result) if kind in params.mediation and case.person.employment is Employment.SELF_EMPLOYED else result
            if age >= minimum:
                return old_enough[used]
            if applies is None and business_fact:
                return unknown("home_business_unknown", facts=(used, "workplace.kind"), missing=business_fact, remedy="ask_business", args=args)
            if applies is None:
                return unknown("kind_unknown", facts=(used,), missing=("workplace.kind",), remedy="ask_kind", args=args)
            facts = (used, "workplace.kind", *business_fact) if kinds else (used,)
            if kind in params.mediation:
                employment = case.person.employment
                if employment is None and not uncertain:
                    return unknown("mediation_unknown", facts=facts, missing=("person.employment",), remedy="ask_employment", args=args)
                if employment is None:  # uncertain in time: either answer stays unknown
                    return violated("too_young", facts=facts, remedy="wait", args=args)
                if employment is Employment.SELF_EMPLOYED:
                    return violated("too_young", facts=(*facts, "person.employment"), remedy="wait", args=args, disputed="disputed.self_employed_mediation")
                facts = (*facts, "person.employment")
            return violated("too_young", facts=facts, remedy="wait", args=args)

        return evaluate


class NationalMinimumAge(MinimumAge):
    key = "nationaal.minimumleeftijd"
    title = ("Minimumleeftijd (landelijk)", "Minimum age (national law)")
    national = True
