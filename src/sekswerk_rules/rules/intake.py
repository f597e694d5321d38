"""Intake en pas — APV Groningen art. 3:13 (intake-register, sinds 2016-06-01).

Sinds 1 juni 2016 moet wie in Groningen als sekswerker wil werken eerst een intakegesprek
voeren (APVG art. 3:13, "intake-register"). Daarin worden onder meer de inschrijving in de
BRP of RNI, het BSN, het identiteitsbewijs, de KvK-inschrijving, de werkplek en de huisvesting
besproken. De intake leidt tot een pas die twee jaar geldig is; verlengen vraagt een nieuwe
intake. Volgens het bronrapport (interview met de gemeente Groningen) is de pas wit voor de
raamprostitutie en groen voor andere seksinrichtingen, zoals massagesalons. De pas toont
alleen een bewijs van intake en een foto, geen persoonsgegevens; de foto wordt niet bewaard.

Interpretatie: een pas uitgegeven op dag D geldt van D tot en met de dag vóór de tweede
verjaardag van D (uitwisselformaat v1: halfopen periode). De kleuren per werkplek staan in
het regime; voor werkplekken zonder kleur (escort, thuiswerk) controleert de regel alleen
intake en geldigheid. Vertrouwen in de kleuren: middel (alleen het bronrapport).

*Groningen intake interview and work pass: valid two years, white for windows, green for
other premises.*

More information:

- https://begroting2017.groningen.nl/p10926/10-3-3-vergunde-prostitutie (intake since 2016-06-01)

The last valid day of a pass issued on 2022-03-01; the anniversary itself, which under another
reading is still valid (so the regime marks it disputed: ``unknown``); and the day after:

>>> from sekswerk_rules import evaluate
>>> def pass_on(on, **intake):
...     case = {"municipality": "groningen", "workplace": {"kind": "window"}, "person": {"intake": intake}}
...     return evaluate(case, on=on).rule("intake-en-pas")
>>> pass_on("2024-02-29", done=True, date="2022-03-01", pass_colour="white").outcome.value
'satisfied'
>>> pass_on("2024-03-01", done=True, date="2022-03-01", pass_colour="white").outcome.value
'unknown'
>>> print(pass_on("2024-03-02", done=True, date="2022-03-01", pass_colour="white").explanation)
De pas is verlopen: na 2 jaar is een nieuwe intake nodig (Gewijzigd raadsvoorstel Wijziging Hoofdstuk 3 van de APVG 2009 (Nota Prostitutie- en overige seksbedrijven)).
>>> pass_on("2024-02-29", done=True, date="2022-03-01", pass_colour="green").outcome.value  # colour: disputed
'unknown'
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from pydantic import Field, StrictInt

from ..case import Case, PassColour, WorkplaceKind
from ..dates import add_years, day_after, day_before
from ..lang import Text
from .base import (
    Bound,
    Context,
    Disputable,
    Outcome,
    Rule,
    RuleResult,
    kind_applies,
    kind_list,
    kind_name,
    not_applicable,
    satisfied,
    unknown,
    violated,
)


class IntakeParams(Disputable):
    DISPUTABLE = ("wrong_colour", "expired_anniversary")

    #: How long a pass is valid, in whole years from the intake date; absent: not known (no expiry is checked).
    pass_validity_years: StrictInt | None = Field(default=None, ge=1, le=10)
    #: The workplace kinds that need an intake and pass; absent means all.
    workplace_kinds: tuple[WorkplaceKind, ...] | None = None
    #: The pass colour each workplace kind needs; kinds not listed need no particular colour.
    colours: dict[WorkplaceKind, PassColour] = Field(default_factory=dict)


def pass_valid_until(intake: date, years: int) -> date:
    """The last valid day of a pass issued on ``intake``: the day before the anniversary
    (9999-12-31, the calendar's last, for an anniversary after it).

    >>> pass_valid_until(date(2020, 2, 29), 2)  # the anniversary is 1 March (dates.py)
    datetime.date(2022, 2, 28)
    """
    anniversary = add_years(intake, years)
    return date.max if anniversary is None else day_before(anniversary)


_COLOUR = {PassColour.WHITE: ("witte", "white"), PassColour.GREEN: ("groene", "green")}


class IntakeAndPass(Rule):
    key = "intake-en-pas"
    title = ("Intake en pas", "Intake interview and work pass")
    facts = ("person.intake.done", "person.intake.date", "person.intake.pass_colour", "workplace.kind")
    Params = IntakeParams
    TEXT = {
        "valid": (
            "De sekswerker heeft een intake gehad en een geldige pas.",
            "The sex worker has had an intake and holds a valid pass.",
        ),
        "done": (
            "De sekswerker heeft het verplichte gesprek gehad en het bewijs daarvan gekregen.",
            "The sex worker has had the required interview and received proof of it.",
        ),
        "other_kind": (
            "Deze plicht geldt alleen voor {kinds}.",
            "This duty applies only to {kinds}.",
        ),
        "no_intake": (
            "Wie hier als sekswerker werkt, moet eerst een intakegesprek voeren en een pas hebben ({citation}).",
            "Anyone working here as a sex worker must first have an intake interview and hold a pass ({citation}).",
        ),
        "not_yet": (
            "De intake vond pas na de peildatum plaats; op de peildatum was er nog geen pas ({citation}).",
            "The intake took place after the reference date; on that date there was no pass yet ({citation}).",
        ),
        "expired": (
            "De pas is verlopen: na {years} jaar is een nieuwe intake nodig ({citation}).",
            "The pass has expired: after {years} years a new intake is needed ({citation}).",
        ),
        "expired_anniversary": (
            "De pas is verlopen: de peildatum is de dag waarop de pas {years} jaar bestaat ({citation}).",
            "The pass has expired: the reference date is the day the pass is {years} years old ({citation}).",
        ),
        "disputed.expired_anniversary": (
            "Dat de pas twee jaar geldt, staat in de bron; of de laatste geldige dag de dag vóór of op de verjaardag van de intake is, is een lezing.",
            "That the pass is valid for two years is sourced; whether its last valid day is the day before or on the anniversary of the intake is a reading.",
        ),
        "disputed.wrong_colour": (
            "De kleur van de pas per werkplek staat alleen in het bronrapport (wit voor raamprostitutie, groen voor een massagesalon); de kleur voor andere werkplekken is afgeleid.",
            "The pass colour per workplace comes from the source report only (white for windows, green for a massage parlour); the colour for other workplaces is inferred.",
        ),
        "wrong_colour": (
            "Voor {kind} is een {colour} pas nodig ({citation}).",
            "{kind_cap} needs a {colour} pass ({citation}).",
        ),
        "unknown": (
            "Onbekend is of de sekswerker een intake heeft gehad en een geldige pas heeft; dat is verplicht ({citation}).",
            "Whether the sex worker has had an intake and holds a valid pass is unknown; it is required ({citation}).",
        ),
        "apply": (
            "Intake en pas aanvragen bij de gemeente.",
            "Apply to the municipality for an intake and a pass.",
        ),
        "renew": (
            "Een nieuwe intake aanvragen; daarmee komt er een nieuwe pas.",
            "Apply for a new intake, which gives a new pass.",
        ),
        "right_colour": (
            "Een pas van de juiste kleur aanvragen voor deze werkplek.",
            "Apply for a pass of the right colour for this workplace.",
        ),
        "ask": (
            "Vraag naar de pas: de datum van de intake en de kleur.",
            "Ask to see the pass: the date of the intake and its colour.",
        ),
    }

    def bind(self, params: IntakeParams, uncertain: bool = False) -> Bound:
        other_kind = not_applicable("other_kind", facts=("workplace.kind",), args={"kinds": kind_list(params.workplace_kinds or ())})
        intake = self._intake(params, uncertain)

        def evaluate(case: Case, day: date) -> RuleResult:
            applies = kind_applies(case.workplace.kind, params.workplace_kinds)
            if applies is False:
                return other_kind
            result = intake(case, day)
            if applies is None and result.outcome is not Outcome.SATISFIED:
                return unknown("unknown", facts=result.facts, missing=("workplace.kind", *result.missing), remedy="ask", args=result.args)
            return result

        return evaluate

    def _intake(self, params: IntakeParams, uncertain: bool) -> Bound:
        no_intake = violated("no_intake", facts=("person.intake.done",), remedy="apply")
        date_unknown = unknown("unknown", missing=("person.intake.date",), remedy="ask")
        both_unknown = unknown("unknown", missing=("person.intake.done", "person.intake.date"), remedy="ask")
        used = ("person.intake.date",)
        not_yet = violated("not_yet", facts=used, remedy="apply")
        colour = self._colour(params, used)

        def evaluate(case: Case, day: date) -> RuleResult:
            intake = case.person.intake
            done = intake.done if intake else None
            when = intake.date if intake else None
            if done is None and intake is not None and intake.pass_colour is not None:
                done = True  # a pass of some colour says the intake took place (the contrary is refused)
            if done is False:
                return no_intake
            if when is None:
                # "no intake" only matters where it can be a violation; the date settles it either way
                return date_unknown if done or uncertain else both_unknown
            if when > day:
                return not_yet
            if params.pass_validity_years is None:
                return colour(case, {})
            until = pass_valid_until(when, params.pass_validity_years)
            # the pass's last day follows from the intake date: it is in legal_until, never in the text
            args = {"years": params.pass_validity_years}
            if until < day:
                finding = "expired_anniversary" if day_after(until) == day else "expired"
                return violated(finding, facts=used, remedy="renew", args=args)
            return colour(case, args)

        return evaluate

    @staticmethod
    def _colour(params: IntakeParams, used: tuple[str, ...]) -> Callable[[Case, dict[str, Any]], RuleResult]:
        only_colour = set(params.colours.values())
        disputed = params.disputed

        def evaluate(case: Case, args: dict[str, Any]) -> RuleResult:
            kind = case.workplace.kind
            colour = case.person.intake.pass_colour if case.person.intake else None
            if kind is None and params.colours and not (colour and only_colour == {colour}):
                return unknown("unknown", facts=used, missing=("workplace.kind",) + (() if colour else ("person.intake.pass_colour",)), remedy="ask", args=args)
            needed = params.colours.get(kind) if kind is not None else None
            if needed is None or colour is needed:
                return satisfied("valid" if args else "done", facts=used + (("person.intake.pass_colour", "workplace.kind") if needed else ()), args=args)
            if colour is None:
                # the only violation left is the wrong colour: where the regime disputes it, no colour violates
                return unknown("unknown", facts=used, missing=("person.intake.pass_colour",), remedy="ask", args=args, violable="wrong_colour" not in disputed)
            name = kind_name(kind)  # type: ignore[arg-type]
            colour_args = {**args, "kind": name, "kind_cap": name.capitalized(), "colour": Text(*_COLOUR[needed])}
            return violated("wrong_colour", facts=(*used, "person.intake.pass_colour", "workplace.kind"), remedy="right_colour", args=colour_args)

        return evaluate

    def events(self, case: Case, context: Context[Any]) -> Iterable[date]:
        intake = case.person.intake
        if intake is None or intake.date is None or context.params.pass_validity_years is None:
            return ()
        expires = day_after(pass_valid_until(intake.date, context.params.pass_validity_years))
        return () if expires is None else (expires,)
