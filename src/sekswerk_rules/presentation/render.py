"""Decisions as text and Markdown for people; JSON is ``Decision.model_dump_json``.

>>> from sekswerk_rules import evaluate
>>> decision = evaluate({"municipality": "leeuwarden", "person": {"age": 19}}, on="2024-05-01")
>>> print(text(decision).splitlines()[0])
Oordeel: ILLEGAAL — Leeuwarden (GM0080), peildatum 2024-05-01, regime leeuwarden versie 2024-01-01
"""

from __future__ import annotations

from ..decision import Decision
from ..lang import Lang
from ..rules.base import Outcome
from . import basis
from .words import vocabulary

_MARK = {Outcome.SATISFIED: "+", Outcome.VIOLATED: "x", Outcome.UNKNOWN: "?", Outcome.NOT_APPLICABLE: "-"}


def _head(decision: Decision, words: dict[str, str]) -> str:
    code = f" ({decision.municipality.code})" if decision.municipality.code else ""
    return (
        f"{words['verdict']}: {words[decision.verdict.value].upper()} — {decision.municipality.name}{code}, "
        f"{words['reference_date']} {decision.reference_date.isoformat()}, regime {decision.regime.id} "
        f"{words['version']} {decision.regime.version.isoformat()}"
    )


def text(decision: Decision, lang: Lang = "nl") -> str:
    words = vocabulary(lang)
    lines = [_head(decision, words)]
    if decision.legal_until:
        lines.append(f"{words['until']}: {decision.legal_until.isoformat()}")
    lines.append("")
    for rule in decision.rules:
        lines.append(f"[{_MARK[rule.outcome]}] {rule.id}: {words[rule.outcome.value]}")
        lines.append(f"    {rule.explanation}")
        if rule.remedy:
            lines.append(f"    {words['remedy']}: {rule.remedy}")
        lines += [f"    - {basis.line(b, lang, 'text')}" for b in rule.basis]
    if decision.remedy_plan:
        lines += ["", f"{words['plan']}:"] + [f"- {s.text}" for s in decision.remedy_plan.steps]
        lines.append(f"  {decision.remedy_plan.summary}")
    if decision.missing_facts:
        lines += ["", f"{words['missing']}: " + ", ".join(decision.missing_facts)]
    if decision.next_questions:
        lines += ["", f"{words['questions']}:"] + [f"{i}. {q.question}" for i, q in enumerate(decision.next_questions, 1)]
    if decision.advisories:
        lines += ["", f"{words['advisories']}:"] + [f"- {a.text}" for a in decision.advisories]
    return "\n".join(lines) + "\n"


def markdown(decision: Decision, lang: Lang = "nl") -> str:
    words = vocabulary(lang)
    lines = [f"## {_head(decision, words)}", ""]
    if decision.legal_until:
        lines += [f"**{words['until']}:** {decision.legal_until.isoformat()}", ""]
    lines += [f"| | {words['rules']} | | |", "|---|---|---|---|"]
    for rule in decision.rules:
        sources = basis.lines(rule.basis, lang, "markdown")
        remedy = f" *{words['remedy']}:* {rule.remedy}" if rule.remedy else ""
        lines.append(f"| {_MARK[rule.outcome]} | `{rule.id}` — {words[rule.outcome.value]} | {rule.explanation}{remedy} | {sources} |")
    if decision.remedy_plan:
        lines += ["", f"### {words['plan']}", ""] + [f"- {s.text}" for s in decision.remedy_plan.steps]
        lines += ["", decision.remedy_plan.summary]
    if decision.missing_facts:
        lines += ["", f"**{words['missing']}:** " + ", ".join(f"`{m}`" for m in decision.missing_facts)]
    if decision.next_questions:
        lines += ["", f"### {words['questions']}", ""] + [f"{i}. {q.question}" for i, q in enumerate(decision.next_questions, 1)]
    if decision.advisories:
        lines += ["", f"**{words['advisories']}:**", ""] + [f"- {a.text}" for a in decision.advisories]
    return "\n".join(lines) + "\n"
