"""A regime as a decision table: the rules in force on a date, their parameters, citations
and confidence, for policy staff to check against their APV; and the difference of two.

>>> from datetime import date
>>> from sekswerk_rules.regime import get
>>> rows = decision_table(get("groningen"), date(2016, 6, 1))
>>> [(r.key, r.params.get("age")) for r in rows if r.key == "minimumleeftijd"]
[('minimumleeftijd', 21)]
>>> [d.key for d in diff(get("groningen"), date(2016, 5, 31), get("groningen"), date(2016, 6, 1))]
['intake-en-pas', 'minimumleeftijd']
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from ..facts import choices
from ..lang import Lang, Text, pick, words
from ..regime import Regime
from . import basis
from .words import vocabulary


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    national: bool
    params: dict[str, Any]
    basis: list[dict[str, Any]]
    uncertain: str | None


def decision_table(regime: Regime, day: date, lang: Lang = "nl") -> list[Row]:
    rows = []
    for active in regime.resolve(day).rules:
        params = active.params.model_dump(mode="json", exclude_defaults=False)
        rows.append(
            Row(
                key=active.rule.key,
                title=pick(active.rule.title, lang),
                national=active.rule.national,
                params=params,
                basis=[b.model_dump(mode="json") for b in active.basis],
                uncertain=active.uncertain,
            )
        )
    return rows


@dataclass(frozen=True)
class Change:
    key: str
    left: Row | None
    right: Row | None


def diff(left: Regime, left_day: date, right: Regime, right_day: date) -> list[Change]:
    """The rules that differ (in force, parameters, basis or certainty), by key."""
    a = {r.key: r for r in decision_table(left, left_day)}
    b = {r.key: r for r in decision_table(right, right_day)}
    return [Change(k, a.get(k), b.get(k)) for k in sorted(a.keys() | b.keys()) if a.get(k) != b.get(k)]


#: The kinds of workplace that are a sex business (all but home work and the street).
BUSINESSES = {"window", "club", "private_house", "massage_parlour", "sex_theatre", "escort", "hotel"}
_TEXT: dict[str, tuple[str, str]] = {
    "age": ("minimumleeftijd {age} jaar", "minimum age {age} years"),
    "for": (" voor {kinds}", " for {kinds}"),
    "all": (" voor al het sekswerk", " for all sex work"),
    "businesses": (" voor alle seksbedrijven (niet voor thuiswerk en straat)", " for all sex businesses (not for home work and street)"),
    "forbidden": ("verboden: {kinds}", "forbidden: {kinds}"),
    "nothing_forbidden": ("geen soort werkplek verboden", "no kind of workplace forbidden"),
    "licence": ("vergunning verplicht voor {kinds}", "licence required for {kinds}"),
    "home_business": ("ook voor bedrijfsmatig thuiswerk", "also for home work run as a business"),
    "mediation": ("bij {kinds} rust de plicht op het bemiddelende bedrijf", "for {kinds} the duty rests on the mediating business"),
    "zone": ("{kinds} alleen in een aangewezen zone", "{kinds} only in a designated zone"),
    "exists": ("de gemeente heeft een aangewezen zone", "the municipality has a designated zone"),
    "none": ("geen aangewezen zone meer", "no designated zone any more"),
    "unknown": ("onbekend of er een aangewezen zone is", "unknown whether there is a designated zone"),
    "sole": ("de enige sekswerker in de woning", "the only sex worker in the dwelling"),
    "months": ("ten minste {n} maanden ingeschreven op het adres", "registered at the address for at least {n} months"),
    "min_age": ("ten minste {n} jaar oud", "at least {n} years old"),
    "home": ("thuiswerk mag als: {parts}", "home work is allowed if: {parts}"),
    "intake": ("intake en pas verplicht", "intake and pass required"),
    "validity": ("de pas geldt {n} jaar", "the pass is valid for {n} years"),
    "colour": ("{colour} pas voor {kinds}", "{colour} pass for {kinds}"),
    "white": ("witte", "white"),
    "green": ("groene", "green"),
    "disputed": ("omstreden: {what}", "disputed: {what}"),
    "wrong_colour": ("de kleur van de pas", "the colour of the pass"),
    "expired_anniversary": ("de pas op de verjaardag van de intake", "the pass on the anniversary of the intake"),
    "kvk-inschrijving": ("inschrijving in het Handelsregister (KvK) verplicht", "registration in the trade register (KvK) required"),
    "bsn": ("een burgerservicenummer (BSN) verplicht", "a citizen service number (BSN) required"),
    "nationaal.mensenhandel": ("geen mensenhandel", "no human trafficking"),
    "nationaal.verblijf-en-arbeid": ("vrij verkeer, of toestemming om te werken", "free movement, or permission to work"),
    "date": ("ingangsdatum onzeker", "start date uncertain"),
    "transition": ("overgangsregeling", "transition period"),
    "and": (" en ", " and "),
}


def place(kind: str, lang: Lang = "nl") -> str:
    """A kind of workplace in words: ``massage_parlour`` is "massagesalon" (the scenario word)."""
    words = choices("workplace.kind")
    return words[kind](lang) if kind in words else kind


def _places(kinds: Any, lang: Lang) -> str:
    words = [place(k, lang) for k in kinds]
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + pick(_TEXT["and"], lang) + words[-1]


def describe(key: str, params: dict[str, Any], uncertain: str | None = None, lang: Lang = "nl") -> str:
    """What a rule demands, in words, as policy staff read it.

    >>> describe("minimumleeftijd", {"age": 21, "workplace_kinds": None})
    'minimumleeftijd 21 jaar voor al het sekswerk'
    >>> describe("aangewezen-zone", {"kinds": ["street"], "zone": "none"})
    'straat alleen in een aangewezen zone; geen aangewezen zone meer'
    >>> describe("werkplek-toegestaan", {"forbidden": ["home"]}, "date")
    'verboden: thuis (ingangsdatum onzeker)'
    """
    t = words(_TEXT, lang)
    base = key.removeprefix("nationaal.") if key == "nationaal.minimumleeftijd" else key
    if base in _DESCRIBE:
        parts = _DESCRIBE[base](params, t, lang)
    elif key in t:
        parts = [t[key]]
    else:  # a rule this table does not know yet: its parameters as they are
        parts = [", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in params.items()) or "—"]
    text = "; ".join(parts)
    return text + (f" ({t[uncertain]})" if uncertain in ("date", "transition") else "")


def _age(params: dict[str, Any], t: dict[str, str], lang: Lang) -> list[str]:
    kinds = params.get("workplace_kinds")
    if kinds and set(kinds) == BUSINESSES:
        return [t["age"].format(age=params["age"]) + t["businesses"]]
    return [t["age"].format(age=params["age"]) + (t["for"].format(kinds=_places(kinds, lang)) if kinds else t["all"])]


def _forbidden(params: dict[str, Any], t: dict[str, str], lang: Lang) -> list[str]:
    forbidden = params.get("forbidden") or []
    return [t["forbidden"].format(kinds=_places(forbidden, lang)) if forbidden else t["nothing_forbidden"]]


def _licence(params: dict[str, Any], t: dict[str, str], lang: Lang) -> list[str]:
    parts = [t["licence"].format(kinds=_places(params.get("kinds") or [], lang))]
    if params.get("home_business") and "home" not in (params.get("kinds") or []):
        parts.append(t["home_business"])
    if params.get("mediation"):
        parts.append(t["mediation"].format(kinds=_places(params["mediation"], lang)))
    return parts


def _zone(params: dict[str, Any], t: dict[str, str], lang: Lang) -> list[str]:
    return [t["zone"].format(kinds=_places(params.get("kinds") or [], lang)), t[params.get("zone", "unknown")]]


def _home(params: dict[str, Any], t: dict[str, str], lang: Lang) -> list[str]:
    conditions = [t["sole"]] if params.get("sole_resident") else []
    if params.get("registered_months"):
        conditions.append(t["months"].format(n=params["registered_months"]))
    if params.get("min_age"):
        conditions.append(t["min_age"].format(n=params["min_age"]))
    return [t["home"].format(parts=", ".join(conditions) if conditions else "—")]


def _intake(params: dict[str, Any], t: dict[str, str], lang: Lang) -> list[str]:
    kinds = params.get("workplace_kinds")
    parts = [t["intake"] + (t["for"].format(kinds=_places(kinds, lang)) if kinds else "")]
    if params.get("pass_validity_years"):
        parts.append(t["validity"].format(n=params["pass_validity_years"]))
    by_colour: dict[str, list[str]] = {}
    for kind, colour in (params.get("colours") or {}).items():
        by_colour.setdefault(colour, []).append(kind)
    parts += [t["colour"].format(colour=t.get(c, c), kinds=_places(k, lang)) for c, k in by_colour.items()]
    if params.get("disputed"):
        parts.append(t["disputed"].format(what=", ".join(t.get(d, d) for d in params["disputed"])))
    return parts


#: What each rule demands in words, by rule key (national rules by their municipal key).
_DESCRIBE: dict[str, Callable[[dict[str, Any], dict[str, str], Lang], list[str]]] = {
    "minimumleeftijd": _age,
    "werkplek-toegestaan": _forbidden,
    "vergunning": _licence,
    "aangewezen-zone": _zone,
    "thuiswerk": _home,
    "intake-en-pas": _intake,
}


def _params(row: Row, words: dict[str, str]) -> str:
    text = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in row.params.items()) or words["none"]
    if row.uncertain:
        text += f" ({words['uncertain']}: {words[row.uncertain]})"
    return text


def render_table(regime: Regime, day: date, form: str, lang: Lang = "nl") -> str:
    rows = decision_table(regime, day, lang)
    version = regime.resolve(day).version.isoformat()
    if form == "json":
        data = {
            "id": regime.id,
            "name": regime.name,
            "cbs_code": regime.cbs_code,
            "date": day.isoformat(),
            "version": version,
            "rules": [asdict(r) for r in rows],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    words = vocabulary(lang)
    head = f"{regime.name} ({regime.cbs_code or regime.id}) — {words['rules_on']} {day.isoformat()}, {words['version']} {version}"
    if form == "markdown":
        md = basis.literal  # an own regime's name is shown as it is, never as Markdown
        lines = [f"## {md(head)}", "", f"| {words['rule']} | {words['demands']} | {words['source']} |", "|---|---|---|"]
        for r in rows:
            lines.append(f"| `{r.key}` — {md(r.title)} | {md(describe(r.key, r.params, r.uncertain, lang))} | {basis.lines(r.basis, lang, 'markdown')} |")
        return "\n".join(lines) + "\n"
    lines = [head, ""]
    for r in rows:
        lines += [
            f"{r.key}: {r.title}",
            f"    {words['means']}: {describe(r.key, r.params, r.uncertain, lang)}",
            f"    {words['params']}: {_params(r, words)}",
            f"    {words['source']}: {basis.lines(r.basis, lang, 'text')}",
        ]
    return "\n".join(lines) + "\n"


def render_diff(changes: list[Change], left: str, right: str, form: str, lang: Lang = "nl") -> str:
    words = vocabulary(lang)
    if form == "json":
        data = [{"key": c.key, "left": asdict(c.left) if c.left else None, "right": asdict(c.right) if c.right else None} for c in changes]
        return json.dumps({"left": left, "right": right, "changes": data}, ensure_ascii=False, indent=2) + "\n"
    if not changes:
        return Text("Geen verschillen.\n", "No differences.\n")(lang)

    md = basis.literal if form == "markdown" else str

    def side(row: Row | None) -> str:
        return (
            words["absent"]
            if row is None
            else f"{md(describe(row.key, row.params, row.uncertain, lang))} — {basis.lines(row.basis, lang, 'markdown' if form == 'markdown' else 'text')}"
        )

    if form == "markdown":
        lines = [f"| {words['rule']} | {md(left)} | {md(right)} |", "|---|---|---|"]
        lines += [f"| `{c.key}` | {side(c.left)} | {side(c.right)} |" for c in changes]
        return "\n".join(lines) + "\n"
    lines = []
    for c in changes:
        lines += [f"{c.key}:", f"  - {left}: {side(c.left)}", f"  + {right}: {side(c.right)}"]
    return "\n".join(lines) + "\n"
