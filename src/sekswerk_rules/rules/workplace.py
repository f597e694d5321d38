"""Werkplek en vergunning — model-APV art. 3:3, 3:14, 3:18 en 3:19.

Het is verboden een seksbedrijf (ook een escortbedrijf) zonder vergunning uit te oefenen
(model-APV art. 3:3 lid 1), en een prostituee mag niet werken voor een exploitant zonder
vergunning (art. 3:14 variant 1 lid 2 / variant 2 lid 3 sub b). Raamprostitutie mag alleen
in een vergunde raamprostitutie-inrichting (art. 3:18), straatprostitutie alleen op door het
college aangewezen wegen (art. 3:19 lid 2). Een gemeente kan daarnaast soorten werkplekken
verbieden (Leeuwarden: thuiswerk). Welke werkplekken een vergunning of een aangewezen zone
nodig hebben, en welke verboden zijn, staat in het regime, niet in deze code.

Interpretatie: een vergunning met ``status = "valid"`` geldt op de peildatum; een
``valid_until`` vóór de peildatum betekent dat zij verlopen is. Een vergunning voldoet pas
als ook vaststaat dat aan de vergunningseisen is voldaan (bronrapport: "een bedrijf met een
vergunning die voldoet aan de eisen").

*Workplace kind and licence: forbidden kinds, the licence duty, designated zones.*

More information:

- VNG Model-APV 2024, art. 3:3, 3:14, 3:18, 3:19 (public copy:
  https://github.com/VNG-Realisatie/GEMMA-kenniswerkplek/blob/c5b963c8c8dae6c20a2d87246425674233aeb896/sources/raw/2023-vng-model-apv.md)

>>> from sekswerk_rules import evaluate
>>> def licence(on="2024-05-01", **facts):
...     case = {"municipality": "leeuwarden", "workplace": {"kind": "window", "licence": facts}}
...     return evaluate(case, on=on).rule("vergunning")
>>> licence(status="valid", valid_until="2024-05-01", requirements_met=True).outcome.value
'satisfied'
>>> print(licence(status="valid", valid_until="2024-04-30", requirements_met=True).explanation)
De vergunning van het bedrijf is verlopen; sekswerk hier vereist een bedrijf met een geldige vergunning (VNG Model-APV 2024, art. 3:3 lid 1 en art. 3:14 variant 2 lid 3 sub b).
>>> licence(status="none").outcome.value
'violated'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from pydantic import BaseModel, ConfigDict

from ..case import Case, LicenceStatus, WorkplaceKind
from .base import Context, Localized, Outcome, Rule, RuleResult, kind_list, kind_name


class KindsParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kinds: tuple[WorkplaceKind, ...]


class ForbiddenParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    forbidden: tuple[WorkplaceKind, ...]


def _kind_arg(kind: WorkplaceKind) -> Localized:
    return kind_name(kind)


class WorkplaceAllowed(Rule):
    key = "werkplek-toegestaan"
    title = ("Toegestane werkplek", "Permitted workplace")
    facts = ("workplace.kind",)
    Params = ForbiddenParams
    TEXT = {
        "allowed": (
            "Deze soort werkplek is in deze gemeente niet verboden.",
            "This kind of workplace is not forbidden in this municipality.",
        ),
        "forbidden": (
            "In deze gemeente is {kind} niet toegestaan ({citation}).",
            "In this municipality, {kind} is not allowed ({citation}).",
        ),
        "unknown": (
            "De werkplek is onbekend; in deze gemeente is {forbidden} niet toegestaan ({citation}).",
            "The workplace is unknown; in this municipality, {forbidden} is not allowed ({citation}).",
        ),
        "move": (
            "Werk op een toegestane werkplek, bijvoorbeeld bij een bedrijf met een vergunning.",
            "Work at a permitted workplace, for example at a licensed business.",
        ),
        "ask": ("Stel vast waar de sekswerker werkt.", "Establish where the sex worker works."),
    }

    def evaluate(self, case: Case, context: Context) -> RuleResult:
        forbidden = context.params.forbidden
        kind = case.workplace.kind
        args = {"forbidden": kind_list(forbidden)}
        if kind is None:
            if not forbidden:
                return RuleResult(Outcome.SATISFIED, "allowed", ())
            return RuleResult(Outcome.UNKNOWN, "unknown", (), self.facts, "ask", args)
        if kind in forbidden:
            return RuleResult(Outcome.VIOLATED, "forbidden", self.facts, (), "move", {"kind": _kind_arg(kind)})
        return RuleResult(Outcome.SATISFIED, "allowed", self.facts)


class Licence(Rule):
    key = "vergunning"
    title = ("Vergunning van het bedrijf", "Licence of the business")
    facts = (
        "workplace.kind",
        "workplace.licence.status",
        "workplace.licence.valid_until",
        "workplace.licence.requirements_met",
    )
    Params = KindsParams
    TEXT = {
        "licensed": (
            "Het bedrijf heeft een geldige vergunning en voldoet aan de vergunningseisen.",
            "The business holds a valid licence and meets its requirements.",
        ),
        "not_required": (
            "Voor {kind} is geen vergunning van een bedrijf vereist.",
            "No business licence is required for {kind}.",
        ),
        "no_licence": (
            "Het bedrijf heeft geen vergunning; sekswerk hier vereist een bedrijf met een geldige vergunning ({citation}).",
            "The business holds no licence; sex work here requires a business with a valid licence ({citation}).",
        ),
        "suspended": (
            "De vergunning van het bedrijf is geschorst; sekswerk hier vereist een bedrijf met een geldige vergunning ({citation}).",
            "The business's licence is suspended; sex work here requires a business with a valid licence ({citation}).",
        ),
        "revoked": (
            "De vergunning van het bedrijf is ingetrokken; sekswerk hier vereist een bedrijf met een geldige vergunning ({citation}).",
            "The business's licence is revoked; sex work here requires a business with a valid licence ({citation}).",
        ),
        "expired": (
            "De vergunning van het bedrijf is verlopen; sekswerk hier vereist een bedrijf met een geldige vergunning ({citation}).",
            "The business's licence has expired; sex work here requires a business with a valid licence ({citation}).",
        ),
        "requirements_not_met": (
            "Het bedrijf voldoet niet aan de vergunningseisen ({citation}).",
            "The business does not meet the licence requirements ({citation}).",
        ),
        "unknown": (
            "Onbekend is of het bedrijf een geldige vergunning heeft en aan de eisen voldoet; dat is vereist ({citation}).",
            "Whether the business holds a valid licence and meets its requirements is unknown; that is required ({citation}).",
        ),
        "licensed_business": (
            "Werk bij een bedrijf met een geldige vergunning dat aan de vergunningseisen voldoet.",
            "Work at a business with a valid licence that meets the licence requirements.",
        ),
        "check_licence": (
            "Controleer de vergunning van de exploitant in het vergunningenregister.",
            "Check the operator's licence in the licence register.",
        ),
    }

    def evaluate(self, case: Case, context: Context) -> RuleResult:
        kinds = context.params.kinds
        kind = case.workplace.kind
        if kind is not None and kind not in kinds:
            return RuleResult(Outcome.NOT_APPLICABLE, "not_required", ("workplace.kind",), args={"kind": _kind_arg(kind)})
        result = self._licence(case, context)
        if kind is None and result.outcome is not Outcome.SATISFIED:
            missing = ("workplace.kind", *result.missing)
            return RuleResult(Outcome.UNKNOWN, "unknown", result.facts, missing, "check_licence")
        return result

    def _licence(self, case: Case, context: Context) -> RuleResult:
        licence = case.workplace.licence
        status = licence.status if licence else None
        used = ("workplace.kind", "workplace.licence.status")
        if licence is not None and licence.valid_until is not None and licence.valid_until < context.on:
            # Past its last day a licence is not valid, whatever status was recorded.
            return RuleResult(Outcome.VIOLATED, "expired", ("workplace.kind", "workplace.licence.valid_until"), (), "licensed_business")
        if licence is not None and licence.requirements_met is False:
            # Whatever the status, a business that does not meet the requirements does not qualify.
            return RuleResult(Outcome.VIOLATED, "requirements_not_met", ("workplace.kind", "workplace.licence.requirements_met"), (), "licensed_business")
        if status is None or licence is None:
            settled = licence is not None and licence.requirements_met is not None
            missing = ("workplace.licence.status",) + (() if settled else ("workplace.licence.requirements_met",))
            return RuleResult(Outcome.UNKNOWN, "unknown", (), missing, "check_licence")
        if status is not LicenceStatus.VALID:
            key = {"none": "no_licence", "suspended": "suspended", "revoked": "revoked"}[status.value]
            return RuleResult(Outcome.VIOLATED, key, used, (), "licensed_business")
        used = (*used, "workplace.licence.requirements_met")
        if licence.requirements_met is None:
            return RuleResult(Outcome.UNKNOWN, "unknown", used[:2], ("workplace.licence.requirements_met",), "check_licence")
        return RuleResult(Outcome.SATISFIED, "licensed", used)

    def events(self, case: Case, context: Context) -> Iterable[date]:
        licence = case.workplace.licence
        if licence is not None and licence.valid_until is not None:
            yield licence.valid_until + timedelta(days=1)


class DesignatedZone(Rule):
    key = "aangewezen-zone"
    title = ("Aangewezen zone", "Designated zone")
    facts = ("workplace.kind", "workplace.in_designated_zone")
    Params = KindsParams
    TEXT = {
        "in_zone": (
            "De sekswerker werkt in een aangewezen zone.",
            "The sex worker works in a designated zone.",
        ),
        "not_required": (
            "Voor {kind} geldt geen aangewezen zone.",
            "No designated zone applies to {kind}.",
        ),
        "outside": (
            "{Kinds} is alleen toegestaan in een door het college aangewezen zone ({citation}).",
            "{Kinds} is allowed only in a zone designated by the municipal executive ({citation}).",
        ),
        "unknown": (
            "Onbekend is of de sekswerker in een aangewezen zone werkt; voor {kinds} is dat vereist ({citation}).",
            "Whether the sex worker works in a designated zone is unknown; it is required for {kinds} ({citation}).",
        ),
        "move": (
            "Werk alleen binnen de aangewezen zone en tijden.",
            "Work only within the designated zone and times.",
        ),
        "ask": (
            "Stel vast of de werkplek in de aangewezen zone ligt.",
            "Establish whether the workplace lies in the designated zone.",
        ),
    }

    def evaluate(self, case: Case, context: Context) -> RuleResult:
        kinds = context.params.kinds
        kind = case.workplace.kind
        in_zone = case.workplace.in_designated_zone
        args = {"kinds": kind_list(kinds), "Kinds": kind_list(kinds).capitalized()}
        if kind is not None and kind not in kinds:
            return RuleResult(Outcome.NOT_APPLICABLE, "not_required", ("workplace.kind",), args={"kind": _kind_arg(kind)})
        if in_zone:
            return RuleResult(Outcome.SATISFIED, "in_zone", ("workplace.in_designated_zone",))
        if in_zone is None or kind is None:
            missing = tuple(p for p, v in zip(self.facts, (kind, in_zone), strict=True) if v is None)
            return RuleResult(Outcome.UNKNOWN, "unknown", (), missing, "ask", args)
        args["Kinds"] = kind_name(kind).capitalized()
        return RuleResult(Outcome.VIOLATED, "outside", self.facts, (), "move", args)
