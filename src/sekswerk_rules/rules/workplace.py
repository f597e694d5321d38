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
vergunning die voldoet aan de eisen"). Of een zelfstandige escort (of sekswerker in een hotel)
zonder bemiddelend bedrijf een vergunning nodig heeft, is omstreden: dan geeft ook een
verlopen, geschorste, ingetrokken of niet aan de eisen voldoende vergunning geen "illegaal",
maar een verzoek om juridische toetsing.

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
>>> print(licence(valid_until="2024-04-30", requirements_met=True).explanation)
De vergunning van het bedrijf is verlopen; sekswerk hier vereist een bedrijf met een geldige vergunning (VNG Model-APV per 1 januari 2024, art. 3:3 lid 1).
>>> licence(status="none").outcome.value
'violated'
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, StrictBool

from ..case import Case, Employment, LicenceStatus, WorkplaceKind
from ..dates import day_after
from .base import (
    Bound,
    Context,
    Outcome,
    Rule,
    RuleResult,
    changed,
    kind_list,
    kind_name,
    never_violated,
    not_applicable,
    satisfied,
    unknown,
    violated,
    with_facts,
)


class LicenceParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    #: The workplace kinds that need a licensed business.
    kinds: tuple[WorkplaceKind, ...]
    #: Home work run as a business ("bedrijfsmatig") is a prostitution business and needs a
    #: licence too; home work that is not needs none (model-APV).
    home_business: StrictBool = False
    #: Kinds whose licence duty rests on an intermediary (the escort business mediates between
    #: client and sex worker, model-APV art. 3:1): whether a self-employed sex worker working
    #: without one needs a licence is disputed, so that case is never ``illegal``.
    mediation: tuple[WorkplaceKind, ...] = ()


class ZoneParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    #: The workplace kinds allowed only in a designated zone (street prostitution).
    kinds: tuple[WorkplaceKind, ...]
    #: Whether the municipality has a designated zone on the day: ``exists`` (the fact
    #: ``workplace.in_designated_zone`` decides), ``none`` (there is none: such work is never
    #: allowed, whatever the case says), ``unknown`` (the regime does not know, as in the model).
    zone: Literal["exists", "none", "unknown"]


class ForbiddenParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    forbidden: tuple[WorkplaceKind, ...]


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

    def bind(self, params: ForbiddenParams, uncertain: bool = False) -> Bound:
        forbidden = params.forbidden
        allowed_anywhere = satisfied("allowed")
        kind_unknown = unknown("unknown", missing=self.facts, remedy="ask", args={"forbidden": kind_list(forbidden)})
        allowed = satisfied("allowed", facts=self.facts)
        refused = {kind: violated("forbidden", facts=self.facts, remedy="move", args={"kind": kind_name(kind)}) for kind in forbidden}

        def evaluate(case: Case, day: date) -> RuleResult:
            kind = case.workplace.kind
            if kind is None:
                return kind_unknown if forbidden else allowed_anywhere
            return refused.get(kind, allowed)

        return evaluate


class Licence(Rule):
    key = "vergunning"
    title = ("Vergunning van het bedrijf", "Licence of the business")
    facts = (
        "workplace.kind",
        "workplace.licence.status",
        "workplace.licence.valid_until",
        "workplace.licence.requirements_met",
        "workplace.home.business",  # home work needs a licence only when run as a business
        "person.employment",  # escort: settled for an employee, disputed for the self-employed
    )
    Params = LicenceParams
    TEXT = {
        "licensed": (
            "Het bedrijf heeft een geldige vergunning en voldoet aan de vergunningseisen.",
            "The business holds a valid licence and meets its requirements.",
        ),
        "not_required": (
            "Voor {kind} is geen vergunning van een bedrijf vereist.",
            "No business licence is required for {kind}.",
        ),
        "home_not_business": (
            "Thuiswerk dat niet bedrijfsmatig is, heeft geen vergunning nodig.",
            "Home work that is not run as a business needs no licence.",
        ),
        "home_business_unknown": (
            "Bedrijfsmatig thuiswerk heeft een vergunning nodig; onbekend is of dit thuiswerk bedrijfsmatig is ({citation}).",
            "Home work run as a business needs a licence; whether this home work is run as a business is unknown ({citation}).",
        ),
        "mediation_unknown": (
            "Voor {kind} via een bemiddelend bedrijf is een vergunning vereist; onbekend is of de sekswerker als zelfstandige werkt ({citation}).",
            "For {kind} through a mediating business a licence is required; whether the sex worker is self-employed is unknown ({citation}).",
        ),
        "disputed.self_employed_mediation": (
            "Of een zelfstandige zonder bemiddelend bedrijf ({kind}) een vergunning nodig heeft, is omstreden; gemeenten lezen de vergunningplicht verschillend.",
            "Whether a self-employed sex worker without a mediating business ({kind}) needs a licence is disputed; municipalities read the licence duty differently.",
        ),
        "ask_business": (
            "Stel vast of het thuiswerk bedrijfsmatig is (bijvoorbeeld meer dan één sekswerker, of georganiseerd door een ander).",
            "Establish whether the home work is run as a business (for example more than one sex worker, or organised by someone else).",
        ),
        "ask_employment": (
            "Stel vast of de sekswerker als zelfstandige of in loondienst werkt.",
            "Establish whether the sex worker is self-employed or employed.",
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

    def bind(self, params: LicenceParams, uncertain: bool = False) -> Bound:
        not_required = {kind: not_applicable("not_required", facts=("workplace.kind",), args={"kind": kind_name(kind)}) for kind in WorkplaceKind}
        home_not_business = not_applicable("home_not_business", facts=("workplace.kind", "workplace.home.business"))
        licence_on = self._licence()

        def evaluate(case: Case, day: date) -> RuleResult:
            kind = case.workplace.kind
            home_business = params.home_business and kind is WorkplaceKind.HOME and kind not in params.kinds
            if kind is not None and kind not in params.kinds and not home_business:
                return not_required[kind]
            if home_business:
                business = case.workplace.home.business if case.workplace.home else None
                if business is False:
                    return home_not_business
                result = licence_on(case, day)
                if business is None and result.outcome is not Outcome.SATISFIED:
                    missing = ("workplace.home.business", *result.missing)
                    return unknown("home_business_unknown", facts=result.facts, missing=missing, remedy="ask_business")
                return result
            result = licence_on(case, day)
            if kind is None and result.outcome is not Outcome.SATISFIED:
                missing = ("workplace.kind", *result.missing)
                return unknown("unknown", facts=result.facts, missing=missing, remedy="check_licence")
            if kind in params.mediation and result.outcome is Outcome.VIOLATED:
                return self._mediation(case, kind, result, uncertain)
            if kind in params.mediation and result.outcome is Outcome.UNKNOWN:
                return self._mediation_unknown(case, result, uncertain)
            return result

        return evaluate

    def _mediation(self, case: Case, kind: WorkplaceKind, result: RuleResult, uncertain: bool) -> RuleResult:
        """A licence missing, expired, suspended, revoked or not meeting its requirements, for
        escort (or hotel) work: settled for an employee, disputed for the self-employed. Whether
        a self-employed sex worker needs a licence at all is disputed, so the state of one she
        holds does not settle it either (legal audit 2, item 12)."""
        employment = case.person.employment
        args = {"kind": kind_name(kind)}
        if employment is Employment.EMPLOYED:
            return with_facts(result, (*result.facts, "person.employment"))
        if employment is None:
            if uncertain:  # the rule's start is uncertain: either answer stays unknown, so do not ask
                return result
            return unknown("mediation_unknown", facts=result.facts, missing=("person.employment",), remedy="ask_employment", args=args)
        facts = (*result.facts, "person.employment")
        return violated(result.text, facts=facts, remedy=result.remedy, args=args, disputed="disputed.self_employed_mediation")

    @staticmethod
    def _mediation_unknown(case: Case, result: RuleResult, uncertain: bool) -> RuleResult:
        """The licence's state unknown, for escort (or hotel) work: for the self-employed no state
        gives a violation that counts (it would be disputed); with the employment unknown, the
        licence's facts make it illegal only together with it, so it is asked for too."""
        employment = case.person.employment
        if employment is Employment.SELF_EMPLOYED:
            return never_violated(result)
        if employment is None and not uncertain:
            return changed(result, missing=(*result.missing, "person.employment"))
        return result

    @staticmethod
    def _licence() -> Bound:
        """Whether the business's licence is valid on the day and its requirements met."""
        used = ("workplace.kind", "workplace.licence.status")
        expired = violated("expired", facts=("workplace.kind", "workplace.licence.valid_until"), remedy="licensed_business")
        requirements_not_met = violated("requirements_not_met", facts=("workplace.kind", "workplace.licence.requirements_met"), remedy="licensed_business")
        status_unknown = unknown("unknown", missing=("workplace.licence.status",), remedy="check_licence")
        nothing_known = unknown("unknown", missing=("workplace.licence.status", "workplace.licence.requirements_met"), remedy="check_licence")
        not_valid = {
            LicenceStatus.NONE: violated("no_licence", facts=used, remedy="licensed_business"),
            LicenceStatus.SUSPENDED: violated("suspended", facts=used, remedy="licensed_business"),
            LicenceStatus.REVOKED: violated("revoked", facts=used, remedy="licensed_business"),
        }
        requirements_unknown = unknown("unknown", facts=used[:2], missing=("workplace.licence.requirements_met",), remedy="check_licence")
        licensed = satisfied("licensed", facts=(*used, "workplace.licence.requirements_met"))

        def evaluate(case: Case, day: date) -> RuleResult:
            licence = case.workplace.licence
            if licence is None:
                return nothing_known
            if licence.valid_until is not None and licence.valid_until < day:
                # Past its last day a licence is not valid, whatever status was recorded.
                return expired
            if licence.requirements_met is False:
                # Whatever the status, a business that does not meet the requirements does not qualify.
                return requirements_not_met
            if licence.status is None:
                return nothing_known if licence.requirements_met is None else status_unknown
            if licence.status is not LicenceStatus.VALID:
                return not_valid[licence.status]
            if licence.requirements_met is None:
                return requirements_unknown
            return licensed

        return evaluate

    def events(self, case: Case, context: Context[Any]) -> Iterable[date]:
        licence = case.workplace.licence
        expires = None if licence is None or licence.valid_until is None else day_after(licence.valid_until)
        return () if expires is None else (expires,)


class DesignatedZone(Rule):
    key = "aangewezen-zone"
    title = ("Aangewezen zone", "Designated zone")
    facts = ("workplace.kind", "workplace.in_designated_zone")
    Params = ZoneParams
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
        "no_zone": (
            "{Kinds} is alleen toegestaan in een door het college aangewezen zone, en op de peildatum heeft deze gemeente geen aangewezen zone ({citation}).",
            "{Kinds} is allowed only in a zone designated by the municipal executive, and on the reference date this municipality has no designated zone ({citation}).",
        ),
        "unknown": (
            "Onbekend is of de sekswerker in een aangewezen zone werkt; voor {kinds} is dat vereist ({citation}).",
            "Whether the sex worker works in a designated zone is unknown; it is required for {kinds} ({citation}).",
        ),
        "zone_unknown": (
            "{Kinds} is alleen toegestaan in een door het college aangewezen zone; of deze gemeente op de peildatum zo'n zone had, is in dit regime niet bekend ({citation}).",
            "{Kinds} is allowed only in a zone designated by the municipal executive; whether this municipality had such a zone on the reference date is not known in this regime ({citation}).",
        ),
        "move": (
            "Werk alleen binnen de aangewezen zone en tijden.",
            "Work only within the designated zone and times.",
        ),
        "no_zone_move": (
            "Straatprostitutie is hier niet toegestaan; werk bij een bedrijf met een vergunning.",
            "Street prostitution is not allowed here; work at a licensed business.",
        ),
        "ask": (
            "Stel vast of de werkplek in de aangewezen zone ligt.",
            "Establish whether the workplace lies in the designated zone.",
        ),
        "ask_zone": (
            "Stel vast of de gemeente op de peildatum een zone had aangewezen, en neem die datum op in het regime.",
            "Establish whether the municipality had designated a zone on the reference date, and record that date in the regime.",
        ),
    }

    def bind(self, params: ZoneParams, uncertain: bool = False) -> Bound:
        kinds = kind_list(params.kinds)
        args = {"kinds": kinds, "Kinds": kinds.capitalized()}
        by_kind = {kind: {**args, "Kinds": kind_name(kind).capitalized()} for kind in params.kinds}
        not_required = {kind: not_applicable("not_required", facts=("workplace.kind",), args={"kind": kind_name(kind)}) for kind in WorkplaceKind}
        in_zone_ = satisfied("in_zone", facts=("workplace.in_designated_zone",))

        def evaluate(case: Case, day: date) -> RuleResult:
            kind = case.workplace.kind
            in_zone = case.workplace.in_designated_zone
            if kind is not None and kind not in params.kinds:
                return not_required[kind]
            kind_args = args if kind is None else by_kind[kind]
            if params.zone == "none":
                # No zone exists, so "in a zone" cannot be true: such work is forbidden whatever
                # the case says about the zone (a violation, not an input error: the fact is not read).
                if kind is None:
                    return unknown("unknown", missing=("workplace.kind",), remedy="ask", args=kind_args)
                return violated("no_zone", facts=("workplace.kind",), remedy="no_zone_move", args=kind_args)
            if in_zone is False and kind is not None:
                return violated("outside", facts=self.facts, remedy="move", args=kind_args)
            if in_zone and params.zone == "unknown":
                return unknown(
                    "zone_unknown",
                    facts=("workplace.in_designated_zone",),
                    missing=("workplace.kind",) if kind is None else (),
                    remedy="ask_zone",
                    args=kind_args,
                    violable=False,  # the kind can only make the rule not apply, or leave it to the regime
                )
            if in_zone:
                return in_zone_
            missing = tuple(p for p, v in zip(self.facts, (kind, in_zone), strict=True) if v is None)
            return unknown("unknown", missing=missing, remedy="ask", args=kind_args)

        return evaluate
