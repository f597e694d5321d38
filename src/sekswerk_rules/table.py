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
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from .errors import Lang
from .regime import Regime


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
                title=active.rule.title[0 if lang == "nl" else 1],
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


_W = {
    "nl": {
        "rule": "Regel",
        "params": "Parameters",
        "basis": "Bron",
        "conf": "vertrouwen",
        "unc": "onzeker",
        "national": "landelijk",
        "none": "geen",
        "absent": "(niet van kracht)",
        "date": "ingangsdatum",
        "transition": "overgangsregeling",
        "version": "versie",
        "rules_on": "regels op",
        "high": "hoog",
        "medium": "middel",
        "low": "laag",
    },
    "en": {
        "rule": "Rule",
        "params": "Parameters",
        "basis": "Source",
        "conf": "confidence",
        "unc": "uncertain",
        "national": "national",
        "none": "none",
        "absent": "(not in force)",
        "date": "start date",
        "transition": "transition period",
        "version": "version",
        "rules_on": "rules on",
        "high": "high",
        "medium": "medium",
        "low": "low",
    },
}


def _params(row: Row, w: dict[str, str]) -> str:
    text = ", ".join(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in row.params.items()) or w["none"]
    if row.uncertain:
        text += f" ({w['unc']}: {w[row.uncertain]})"
    return text


def _basis(row: Row, w: dict[str, str], markdown: bool) -> str:
    parts = []
    for b in row.basis:
        cite = f"[{b['citation']}]({b['url']})" if markdown and b["url"] else b["citation"]
        parts.append(f"{cite} ({w['conf']}: {w[b['confidence']]})")
    return "; ".join(parts)


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
    w = _W[lang]
    head = f"{regime.name} ({regime.cbs_code or regime.id}) — {w['rules_on']} {day.isoformat()}, {w['version']} {version}"
    if form == "markdown":
        lines = [f"## {head}", "", f"| {w['rule']} | {w['params']} | {w['basis']} |", "|---|---|---|"]
        for r in rows:
            lines.append(f"| `{r.key}` — {r.title} | {_params(r, w)} | {_basis(r, w, True)} |")
        return "\n".join(lines) + "\n"
    lines = [head, ""]
    for r in rows:
        lines += [f"{r.key}: {r.title}", f"    {w['params']}: {_params(r, w)}", f"    {w['basis']}: {_basis(r, w, False)}"]
    return "\n".join(lines) + "\n"


def render_diff(changes: list[Change], left: str, right: str, form: str, lang: Lang = "nl") -> str:
    w = _W[lang]
    if form == "json":
        data = [{"key": c.key, "left": asdict(c.left) if c.left else None, "right": asdict(c.right) if c.right else None} for c in changes]
        return json.dumps({"left": left, "right": right, "changes": data}, ensure_ascii=False, indent=2) + "\n"
    if not changes:
        return "Geen verschillen.\n" if lang == "nl" else "No differences.\n"

    def side(row: Row | None) -> str:
        return w["absent"] if row is None else f"{_params(row, w)} — {_basis(row, w, form == 'markdown')}"

    if form == "markdown":
        lines = [f"| {w['rule']} | {left} | {right} |", "|---|---|---|"]
        lines += [f"| `{c.key}` | {side(c.left)} | {side(c.right)} |" for c in changes]
        return "\n".join(lines) + "\n"
    lines = []
    for c in changes:
        lines += [f"{c.key}:", f"  - {left}: {side(c.left)}", f"  + {right}: {side(c.right)}"]
    return "\n".join(lines) + "\n"
