"""A page per regime (a documentation generator, not part of the library: it lives in docs/), generated from the regime file, the rules and the scenario file, never
copied by hand. Two pages per regime:

- :func:`regime_page`, for policy staff, in Dutch: the toelichting, one table per change of the
  rules (what changed on that date, in words, with its source and confidence), the rules in
  force today, and the regime's scenarios as tables. Dates in Dutch words, values in words,
  no enum names, no code.
- :func:`developer_page`, for developers: the English notes at the top of the regime file and
  executable examples (doctests) whose output is computed when the page is made.

The documentation site builds both (``docs/gen_pages.py``); the test suite runs the examples and
checks the policy pages for raw values, so a page cannot drift from the code.

>>> from sekswerk_rules.regime import get
>>> page = regime_page(get("groningen"))
>>> page.splitlines()[0]
'# Groningen (GM0014)'
>>> "## 1 juni 2016" in page and "minimumleeftijd 21 jaar voor al het sekswerk" in page
True
>>> ">>> decision = evaluate(" in developer_page(get("groningen"))
True
"""

from __future__ import annotations

import copy
import inspect
import itertools
import sys
from datetime import date, timedelta
from typing import Any

from sekswerk_rules.lang import Lang, words
from sekswerk_rules.presentation import table
from sekswerk_rules.regime import Regime

#: The page's own phrases (the words shared with the interfaces are in presentation/words.py).
_PHRASES: dict[str, tuple[str, str]] = {
    "notes": ("Toelichting bij dit regime", "Notes on this regime"),
    "versions": ("Versies", "Versions"),
    "from": ("vanaf", "from"),
    "rules": ("Wat de regels betekenen", "What the rules mean"),
    "examples": ("Voorbeelden", "Examples"),
    "legal": ("Een legale zaak", "A legal case"),
    "illegal": ("Een illegale zaak (het bedrijf heeft geen vergunning)", "An illegal case (the business has no licence)"),
    "undetermined": ("Een onbepaalde zaak (onbekend of er mensenhandel is vastgesteld)", "An undetermined case (unknown whether trafficking was established)"),
    "extends": ("Bouwt voort op", "Extends"),
    "source": ("Bron: het regimebestand", "Source: the regime file"),
    "onwards": ("tot heden", "to date"),
    "until": ("tot en met", "up to and including"),
    "breaks": ("Een zaak die de regel `{rule}` overtreedt", "A case that breaks the rule `{rule}`"),
    "file_notes": ("Aantekeningen in het regimebestand (Engels, voor ontwikkelaars)", "Notes in the regime file"),
    "developers": ("voor ontwikkelaars", "for developers"),
    "dev_intro": (
        "Aantekeningen en uitvoerbare voorbeelden bij het regimebestand `{source}`. De pagina voor beleidsmedewerkers staat onder Per gemeente.",
        "Notes and executable examples for the regime file `{source}`.",
    ),
}


def notes(regime: Regime) -> str:
    """The comment block at the top of the regime file: its interpretation notes."""
    lines = []
    for line in regime.text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line[1:].removeprefix(" "))
    return "\n".join(lines).strip()


def _rule_prose(key: str, regime: Regime, day: date) -> tuple[str, str]:
    """The first line and the Dutch paragraphs of a rule module's docstring (up to the doctests)."""
    active = next(a for a in regime.resolve(day).rules if a.rule.key == key)
    doc = inspect.getdoc(sys.modules[type(active.rule).__module__]) or ""
    head, _, rest = doc.partition("\n\n")
    prose = []
    for block in rest.split("\n\n"):
        if block.startswith(("More information", ">>>", "- http")) or ">>>" in block:
            break
        prose.append(block.replace("\n", " "))
    return head, "\n\n".join(prose)


def baseline(regime: Regime, day: date) -> dict[str, Any]:
    """A fictional case that meets every usual requirement at a licensed window."""
    return {
        "municipality": regime.cbs_code or regime.id,
        "reference_date": day.isoformat(),
        "person": {
            "age": 30,
            "nationalities": ["NL"],
            "employment": "self_employed",
            "human_trafficking": "not_established",
            "kvk": {"registered": True},
            "has_bsn": True,
            "intake": {"done": True, "date": (day - timedelta(days=30)).isoformat(), "pass_colour": "white"},
        },
        "workplace": {"kind": "window", "in_designated_zone": True, "licence": {"status": "valid", "requirements_met": True}},
    }


def _violate(key: str, params: dict[str, Any], case: dict[str, Any], day: date) -> bool:
    """Break one local rule in a legal case; ``False`` if the rule has no demonstration here."""
    person, workplace = case["person"], case["workplace"]
    if key == "intake-en-pas":
        person["intake"]["date"] = (day - timedelta(days=800)).isoformat()
    elif key == "kvk-inschrijving":
        person["kvk"] = {"registered": False}
    elif key == "bsn":
        person["has_bsn"] = False
    elif key == "minimumleeftijd":
        person["age"] = params["age"] - 1
        if params.get("workplace_kinds"):
            workplace["kind"] = params["workplace_kinds"][0]
    elif key == "thuiswerk":
        case["workplace"] = {"kind": "home", "home": {"sole_resident": False, "registered_at_address_since": "2000-10-01"}}
    elif key == "werkplek-toegestaan" and params["forbidden"]:
        case["workplace"] = {"kind": params["forbidden"][0]}
    else:
        return False
    return True


def examples(regime: Regime, day: date) -> dict[str, dict[str, Any]]:
    """A legal, an illegal and an undetermined case for the regime on ``day``, and one case
    that breaks each of its own rules (named ``rule:KEY``)."""
    from sekswerk_rules.advice import apply_plan
    from sekswerk_rules.engine import evaluate

    legal = baseline(regime, day)
    decision = evaluate(legal, regime=regime)
    if decision.remedy_plan and decision.remedy_plan.makes_legal:
        legal = apply_plan(legal, decision, regime)
    illegal = copy.deepcopy(legal)
    illegal["workplace"]["licence"] = {"status": "none"}
    undetermined = copy.deepcopy(legal)
    del undetermined["person"]["human_trafficking"]
    found = {"legal": legal, "illegal": illegal, "undetermined": undetermined}
    for active in regime.resolve(day).rules:
        if active.rule.national:
            continue
        broken = copy.deepcopy(legal)
        if _violate(active.rule.key, active.params.model_dump(mode="json"), broken, day):
            found[f"rule:{active.rule.key}"] = broken
    return found


def _doctest(regime: Regime, case: dict[str, Any], lang: Lang, focus: str | None = None) -> list[str]:
    from sekswerk_rules.engine import evaluate

    decision = evaluate(case, regime=regime, lang=lang)
    load = f'regime = get_regime("{regime.id}")'
    lines = [
        "```python",
        ">>> from sekswerk_rules import evaluate, get_regime",
        f">>> {load}",
        f">>> case = {case!r}",
        f'>>> decision = evaluate(case, regime=regime, lang="{lang}")',
        ">>> decision.verdict.value",
        f"'{decision.verdict.value}'",
    ]
    if decision.verdict.value == "illegal":
        rule = next(r for r in decision.rules if r.outcome.value == "violated" and (focus is None or r.id.endswith(f".{focus}")))
        lines += [f'>>> print(decision.rule("{rule.id}").explanation)', rule.explanation]
    elif decision.verdict.value == "undetermined":
        lines += [">>> decision.missing_facts", repr(decision.missing_facts)]
    elif decision.legal_until:
        lines += [">>> decision.legal_until.isoformat()", f"'{decision.legal_until.isoformat()}'"]
    return [*lines, "", "```"]


def developer_page(regime: Regime, lang: Lang = "nl") -> str:
    """The page for developers: the file's notes and executable examples."""
    phrases = words(_PHRASES, lang)
    title = f"{regime.name} ({regime.cbs_code})" if regime.cbs_code else regime.name
    lines = [f"# {title}: {phrases['developers']}", "", phrases["dev_intro"].format(source=regime.source), ""]
    if notes(regime):
        lines += [f"## {phrases['file_notes']}", "", notes(regime), ""]
    latest = regime.boundaries()[-1]
    lines += [f"## {phrases['examples']}", ""]
    for kind, case in examples(regime, latest).items():
        heading = phrases[kind] if kind in phrases else phrases["breaks"].format(rule=kind.split(":", 1)[1])
        focus = kind.split(":", 1)[1] if kind.startswith("rule:") else None
        lines += [f"### {heading}", "", *_doctest(regime, case, lang, focus), ""]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------- the policy page

_NL = {
    "notes": "Toelichting",
    "changes": "Wijzigingen per datum",
    "changes_intro": "Per datum wat er in de regels veranderde. Een regel die niet genoemd wordt, bleef gelijk.",
    "start": "Vanaf {day}: de regels bij het begin",
    "rule": "Regel",
    "what": "Wat er geldt",
    "was": "was: {old}",
    "new": "nieuw: {text}",
    "gone": "vervalt (was: {old})",
    "other_source": "{text} (andere bron)",
    "ends_transition": "de overgangsregeling is voorbij",
    "ends_date": "de ingangsdatum staat nu vast",
    "starts_transition": "met een overgangsregeling",
    "starts_date": "ingangsdatum onzeker",
    "source": "Bron",
    "confidence": "Vertrouwen",
    "private": "tekst niet openbaar gevonden",
    "now": "De regels die nu gelden (sinds {day})",
    "scenarios": "Scenario's",
    "scenarios_intro": "De uitvoerbare specificatie van dit regime: elk scenario wordt bij elke testrun uitgevoerd. Het bestand: `{file}`; hoe u het leest en zelf uitvoert, staat in [Scenario's](../scenarios.md).",
    "defaults": "Feiten die voor elk scenario gelden, tenzij het scenario iets anders zegt:",
    "fact": "Feit",
    "value": "Waarde",
    "scenario": "Scenario",
    "date": "Peildatum",
    "facts": "Anders dan standaard",
    "expected": "Verwacht",
    "none": "—",
    "unknown": "onbekend",
    "developers": "Voor ontwikkelaars: de aantekeningen in het regimebestand en uitvoerbare voorbeelden staan op [{name} voor ontwikkelaars](../ontwikkelaars/gemeenten/{id}.md).",
    "extends": "Dit regime bouwt voort op: {parent}.",
    "rule_of": "door: {keys}",
    "refused": "geweigerd ({code})",
    "until": "legaal tot en met {day}",
    "no_end": "geen einddatum",
    "missing": "ontbreekt: {facts}",
}
_CONFIDENCE = {"high": "hoog", "medium": "middel", "low": "laag"}


def _day(day: date) -> str:
    from sekswerk_rules.scenarios import dutch_date

    return dutch_date(day)


def _sources(basis: list[dict[str, Any]]) -> tuple[str, str]:
    """The sources of a rule as links (or "tekst niet openbaar gevonden"), and their confidence."""
    cites, confidence = [], []
    for b in basis:
        cites.append(f"[{_cell(b['citation'])}]({b['url']})" if b.get("url") else f"{_cell(b['citation'])} ({_NL['private']})")
        word = _CONFIDENCE[b["confidence"]]
        if word not in confidence:
            confidence.append(word)
    return "<br>".join(cites) or _NL["none"], ", ".join(confidence) or _NL["none"]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _change(change: table.Change) -> str:
    left, right = change.left, change.right
    if right is None:
        assert left is not None
        return _NL["gone"].format(old=table.describe(left.key, left.params, left.uncertain))
    now = table.describe(right.key, right.params, right.uncertain)
    if left is None:
        return _NL["new"].format(text=now)
    before = table.describe(left.key, left.params, left.uncertain)
    if left.params == right.params and left.uncertain != right.uncertain:
        plain = table.describe(right.key, right.params)
        return f"{plain}: " + (_NL[f"ends_{left.uncertain}"] if left.uncertain and not right.uncertain else _NL[f"starts_{right.uncertain}"])
    return _NL["other_source"].format(text=now) if before == now else f"{now} ({_NL['was'].format(old=before)})"


def _rule_rows(rows: list[tuple[table.Row, str]]) -> list[str]:
    lines = [f"| {_NL['rule']} | {_NL['what']} | {_NL['source']} | {_NL['confidence']} |", "|---|---|---|---|"]
    for row, text in rows:
        cites, confidence = _sources(row.basis)
        lines.append(f"| {_cell(row.title)} | {_cell(text)} | {cites} | {confidence} |")
    return lines


def _changes(regime: Regime) -> list[str]:
    boundaries = regime.boundaries()
    lines = [f"## {_NL['changes']}", "", _NL["changes_intro"], ""]
    first = table.decision_table(regime, boundaries[0])
    lines += [f"### {_NL['start'].format(day=_day(boundaries[0]))}", ""]
    lines += [*_rule_rows([(r, table.describe(r.key, r.params, r.uncertain)) for r in first]), ""]
    for before, day in itertools.pairwise(boundaries):
        changes = table.diff(regime, before, regime, day)
        if not changes:
            continue
        rows = [(c.right or c.left, _change(c)) for c in changes]
        lines += [f"### {_day(day)}", "", *_rule_rows([(r, t) for r, t in rows if r is not None]), ""]
    return lines


def _word(name: str, value: Any) -> str:
    """A scenario fact's value as the page shows it: dates in Dutch words, the rest as written."""
    if isinstance(value, date):
        return _day(value)
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)


def _label(name: str) -> str:
    return name.replace("_", " ")


def _expected(scenario: Any) -> str:
    expected = scenario.verwacht
    if expected.fout:
        return _NL["refused"].format(code=expected.fout)
    parts = [f"**{expected.oordeel}**"] if expected.oordeel else []
    if expected.regel:
        parts.append(_NL["rule_of"].format(keys=", ".join(_title(k) for k in expected.regel)))
    if expected.legaal_tot_en_met:
        parts.append(_NL["until"].format(day=_day(expected.legaal_tot_en_met)))
    if expected.geen_einde:
        parts.append(_NL["no_end"])
    if expected.ontbrekend:
        parts.append(_NL["missing"].format(facts=", ".join(_label(f) for f in expected.ontbrekend)))
    parts += [f"{_title(key)}: {outcome}" for key, outcome in expected.uitkomst.items()]
    return "; ".join(parts) or _NL["none"]


def _title(key: str) -> str:
    """A rule by its Dutch title: ``nationaal.minimumleeftijd`` is "Minimumleeftijd (landelijk)"."""
    from sekswerk_rules.rules import RULES

    rule = RULES.get(key)
    return rule.title[0] if rule else key


def _scenarios(regime: Regime) -> list[str]:
    import tomllib

    from sekswerk_rules import scenarios

    found = [path for path in scenarios.shipped_files() if path.stem == regime.id]
    if not found:
        return []
    raw = tomllib.loads(found[0].read_text("utf-8"))
    defaults = raw.get("standaard", {})
    lines = [f"## {_NL['scenarios']}", "", _NL["scenarios_intro"].format(file=f"data/scenarios/{found[0].name}"), ""]
    if defaults:
        lines += [_NL["defaults"], "", f"| {_NL['fact']} | {_NL['value']} |", "|---|---|"]
        lines += [f"| {_label(k)} | {_word(k, v)} |" for k, v in defaults.items()]
        lines.append("")
    lines += [f"| {_NL['scenario']} | {_NL['date']} | {_NL['facts']} | {_NL['expected']} |", "|---|---|---|---|"]
    for scenario, entry in zip(scenarios.load(found[0]), raw.get("scenario", []), strict=True):
        own = entry.get("feiten", {})
        facts = "<br>".join(f"{_label(k)}: {_NL['unknown'] if v == 'onbekend' else _word(k, v)}" for k, v in own.items()) or _NL["none"]
        lines.append(f"| {_cell(scenario.naam)} | {_day(scenario.peildatum)} | {facts} | {_expected(scenario)} |")
    return [*lines, ""]


def regime_page(regime: Regime, lang: Lang = "nl") -> str:
    """The page for policy staff, in Dutch (``lang`` is kept for callers; the page is Dutch)."""
    title = f"{regime.name} ({regime.cbs_code})" if regime.cbs_code else regime.name
    lines = [f"# {title}", ""]
    if regime.description:
        lines += [regime.description, ""]
    if regime.toelichting:
        lines += [f"## {_NL['notes']}", "", regime.toelichting.strip(), ""]
    if regime.parent:
        lines += [_NL["extends"].format(parent=regime.parent.name), ""]
    lines += _changes(regime)
    latest = regime.boundaries()[-1]
    now = table.decision_table(regime, latest)
    lines += [f"## {_NL['now'].format(day=_day(latest))}", "", *_rule_rows([(r, table.describe(r.key, r.params, r.uncertain)) for r in now]), ""]
    lines += _scenarios(regime)
    lines += [_NL["developers"].format(name=regime.name, id=regime.id), ""]
    return "\n".join(lines).rstrip() + "\n"
