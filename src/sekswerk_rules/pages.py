"""A page per regime, generated from the regime file and the rule docstrings, never copied by
hand: what the regime encodes and why (the file's own interpretation notes), the rules in
force per version with parameters, citations and confidence, and three executable examples
(legal, illegal, undetermined) whose output is computed when the page is made.

The documentation site builds these pages (``docs/gen_pages.py``) and the test suite runs
their examples, so a page cannot drift from the code.

>>> from sekswerk_rules.regime import get
>>> page = regime_page(get("groningen"))
>>> page.splitlines()[0]
'# Groningen (GM0014)'
>>> "intake-en-pas" in page and ">>> decision = evaluate(" in page
True
"""

from __future__ import annotations

import copy
import inspect
import sys
from datetime import date, timedelta
from typing import Any

from . import table
from .errors import Lang
from .regime import Regime

_W = {
    "nl": {
        "notes": "Toelichting bij dit regime",
        "versions": "Versies",
        "from": "vanaf",
        "rules": "Wat de regels betekenen",
        "examples": "Voorbeelden",
        "legal": "Een legale zaak",
        "illegal": "Een illegale zaak (het bedrijf heeft geen vergunning)",
        "undetermined": "Een onbepaalde zaak (onbekend of er mensenhandel is vastgesteld)",
        "extends": "Bouwt voort op",
        "source": "Bron: het regimebestand",
        "onwards": "tot heden",
        "until": "tot en met",
        "breaks": "Een zaak die de regel `{rule}` overtreedt",
        "file_notes": "Aantekeningen in het regimebestand (Engels, voor ontwikkelaars)",
    },
    "en": {
        "notes": "Notes on this regime",
        "versions": "Versions",
        "from": "from",
        "rules": "What the rules mean",
        "examples": "Examples",
        "legal": "A legal case",
        "illegal": "An illegal case (the business has no licence)",
        "undetermined": "An undetermined case (unknown whether trafficking was established)",
        "extends": "Extends",
        "source": "Source: the regime file",
        "onwards": "to date",
        "until": "up to and including",
        "breaks": "A case that breaks the rule `{rule}`",
        "file_notes": "Notes in the regime file",
    },
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
    from .advice import apply_plan
    from .engine import evaluate

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
    from .engine import evaluate

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


def regime_page(regime: Regime, lang: Lang = "nl") -> str:
    w = _W[lang]
    title = f"{regime.name} ({regime.cbs_code})" if regime.cbs_code else regime.name
    parent = regime.parent.id if regime.parent else None
    lines = [f"# {title}", ""]
    if regime.description:
        lines += [regime.description, ""]
    if parent:
        lines += [f"{w['extends']}: `{parent}`. {w['source']}: `{regime.source}`.", ""]
    if regime.toelichting:
        lines += [f"## {w['notes']}", "", regime.toelichting.strip(), ""]
    if notes(regime):
        lines += [f"## {w['file_notes']}", "", notes(regime), ""]
    boundaries = regime.boundaries()
    lines += [f"## {w['versions']}", ""]
    for i, start in enumerate(boundaries):
        end = boundaries[i + 1] - timedelta(days=1) if i + 1 < len(boundaries) else None
        span = f"{w['from']} {start.isoformat()} " + (f"{w['until']} {end.isoformat()}" if end else w["onwards"])
        body = table.render_table(regime, start, "markdown", lang).split("\n", 1)[1]
        lines += [f"### {span}", body]
    latest = boundaries[-1]
    lines += [f"## {w['rules']}", ""]
    modules: dict[str, list[str]] = {}
    for active in regime.resolve(latest).rules:
        modules.setdefault(type(active.rule).__module__, []).append(active.rule.key)
    for keys in modules.values():
        head, prose = _rule_prose(keys[0], regime, latest)
        lines += [f"### {', '.join(f'`{k}`' for k in keys)} — {head}", "", prose, ""]
    lines += [f"## {w['examples']}", ""]
    for kind, case in examples(regime, latest).items():
        heading = w[kind] if kind in w else w["breaks"].format(rule=kind.split(":", 1)[1])
        focus = kind.split(":", 1)[1] if kind.startswith("rule:") else None
        lines += [f"### {heading}", "", *_doctest(regime, case, lang, focus), ""]
    return "\n".join(lines).rstrip() + "\n"
