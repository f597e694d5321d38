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


def _after_rules(decision: Decision, words: dict[str, str]) -> list[tuple[str, list[str], str]]:
    """The sections after the rules, in the order every form shows them: (heading, items, the
    line under the items). Empty sections are left out."""
    sections = []
    plan = decision.remedy_plan
    if plan:  # with facts unknown, a plan is about ending the violation: its own heading
        heading = words["plan_partial"] if _about_the_violation(decision) else words["plan"]
        sections.append((heading, [step.text for step in plan.steps], plan.summary))
    if decision.missing_facts:
        sections.append((words["missing"], list(decision.missing_facts), ""))
    if decision.next_questions:
        sections.append((words["questions"], [q.question for q in decision.next_questions], ""))
    if decision.advisories:
        sections.append((words["advisories"], [a.text for a in decision.advisories], ""))
    return sections


def _about_the_violation(decision: Decision) -> bool:
    """Whether the remedy plan is about ending the violation rather than making the case legal:
    it cannot make it legal while some rule's outcome is unknown."""
    plan = decision.remedy_plan
    return plan is not None and not plan.makes_legal and any(rule.outcome.value == "unknown" for rule in decision.rules)


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
    for heading, items, under in _after_rules(decision, words):
        if heading == words["missing"]:
            lines += ["", f"{heading}: " + ", ".join(items)]
            continue
        numbered = heading == words["questions"]
        lines += ["", f"{heading}:"] + [f"{i}. {item}" if numbered else f"- {item}" for i, item in enumerate(items, 1)]
        lines += [f"  {under}"] if under else []
    return "\n".join(lines) + "\n"


def markdown(decision: Decision, lang: Lang = "nl") -> str:
    words = vocabulary(lang)
    md = basis.literal  # an own regime's names and citations are shown as they are, never as Markdown
    lines = [f"## {md(_head(decision, words))}", ""]
    if decision.legal_until:
        lines += [f"**{words['until']}:** {decision.legal_until.isoformat()}", ""]
    lines += [f"| | {words['rules']} | | |", "|---|---|---|---|"]
    for rule in decision.rules:
        sources = basis.lines(rule.basis, lang, "markdown")
        remedy = f" *{words['remedy']}:* {md(rule.remedy)}" if rule.remedy else ""
        lines.append(f"| {_MARK[rule.outcome]} | `{rule.id}` — {words[rule.outcome.value]} | {md(rule.explanation)}{remedy} | {sources} |")
    for heading, items, under in _after_rules(decision, words):
        if heading == words["missing"]:
            lines += ["", f"**{heading}:** " + ", ".join(f"`{m}`" for m in items)]
            continue
        numbered = heading == words["questions"]
        lines += ["", f"### {heading}" if heading != words["advisories"] else f"**{heading}:**", ""]
        lines += [f"{i}. {md(item)}" if numbered else f"- {md(item)}" for i, item in enumerate(items, 1)]
        lines += ["", md(under)] if under else []
    return "\n".join(lines) + "\n"
