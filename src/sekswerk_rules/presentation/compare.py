"""Compare two regimes (or two dates of one) over a set of cases: how many verdicts flip,
which way, and which rules are responsible. Streams the cases: memory stays constant.

>>> from sekswerk_rules.synth import population
>>> from sekswerk_rules.regime import get
>>> result = compare(population(200, seed=7), get("leeuwarden"), get("groningen"))
>>> result.total, sum(result.flips.values()) == result.total - result.same
(200, True)
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..case import Case
from ..engine import Regime, evaluate
from ..errors import SekswerkRulesError
from ..jsontext import loads, take_id
from ..lang import Lang, Text
from .words import vocabulary


@dataclass
class Comparison:
    left: str
    right: str
    total: int = 0
    same: int = 0
    errors: int = 0
    #: (left verdict, right verdict) -> count, for cases whose verdict differs
    flips: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: (left verdict, right verdict) -> rule key -> count: rules whose outcome differs in flipped cases
    rules: dict[tuple[str, str], Counter[str]] = field(default_factory=dict)
    verdicts_left: Counter[str] = field(default_factory=Counter)
    verdicts_right: Counter[str] = field(default_factory=Counter)


def compare(
    cases: Iterable[Any],
    left: Regime,
    right: Regime,
    *,
    on: date | None = None,
    against_on: date | None = None,
    read: Callable[[Any], Any] | None = None,
    on_error: Callable[[Any, SekswerkRulesError], object] | None = None,
) -> Comparison:
    """Decide every case (a dict, or JSON text) under both; an invalid case counts as an error.
    ``read`` turns each item into a case (default: JSON text is read, anything else taken as it
    is); ``on_error`` is given each item that is no valid case, with the error."""
    result = Comparison(left=_name(left, on), right=_name(right, against_on or on))
    for item in cases:
        try:
            case = (read or _read)(item)
            a = evaluate(case, regime=left, on=on, advise=False, force_regime=True)
            b = evaluate(case, regime=right, on=against_on or on, advise=False, force_regime=True)
        except SekswerkRulesError as exc:
            result.errors += 1
            if on_error is not None:
                on_error(item, exc)
            continue
        result.total += 1
        result.verdicts_left[a.verdict.value] += 1
        result.verdicts_right[b.verdict.value] += 1
        if a.verdict == b.verdict:
            result.same += 1
            continue
        flip = (a.verdict.value, b.verdict.value)
        result.flips[flip] += 1
        before = {r.id.split(".", 1)[-1] if not r.id.startswith("nationaal.") else r.id: r.outcome for r in a.rules}
        after = {r.id.split(".", 1)[-1] if not r.id.startswith("nationaal.") else r.id: r.outcome for r in b.rules}
        responsible = result.rules.setdefault(flip, Counter())
        for key in sorted(before.keys() | after.keys()):
            if before.get(key) != after.get(key):
                responsible[key] += 1
    return result


def _read(case: Any) -> Any:
    """A case from JSON text (a duplicate key or deep nesting is an error, as everywhere), else as it is."""
    if isinstance(case, (str, bytes, bytearray)):
        case = loads(case)
        take_id(case, known="id" in Case.model_fields)  # a case's own reference plays no part here
    return case


def _name(regime: Regime, on: date | None) -> str:
    return f"{regime.id} {on.isoformat()}" if on else regime.id


def render(result: Comparison, form: str, lang: Lang = "nl") -> str:
    words = vocabulary(lang)
    rows = sorted(result.flips.items(), key=lambda item: (-item[1], item[0]))
    if form == "json":
        data = {
            "left": result.left,
            "right": result.right,
            "total": result.total,
            "unchanged": result.same,
            "errors": result.errors,
            "verdicts": {"left": dict(sorted(result.verdicts_left.items())), "right": dict(sorted(result.verdicts_right.items()))},
            "flips": [{"from": a, "to": b, "count": n, "rules": dict(result.rules[(a, b)].most_common())} for (a, b), n in rows],
        }
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    head = f"{result.left} → {result.right}: {result.total} {words['cases']}, {result.same} {words['same']}, {result.errors} {words['errors']}"

    def rules(flip: tuple[str, str]) -> str:
        return ", ".join(f"{k} ({n})" for k, n in result.rules[flip].most_common())

    if form == "markdown":
        lines = [f"**{head}**", "", f"| {words['flip']} | {words['count']} | {words['responsible_rules']} |", "|---|---:|---|"]
        lines += [f"| {words[a]} → {words[b]} | {n} | {rules((a, b))} |" for (a, b), n in rows]
        return "\n".join(lines if rows else [*lines[:1], "", words["no_flips"]]) + "\n"
    lines = [head, ""] + [f"{words[a]:>11} → {words[b]:<11} {n:>7}   {rules((a, b))}" for (a, b), n in rows]
    return "\n".join(lines if rows else [head, words["no_flips"]]) + "\n"


def plot(result: Comparison, path: str, lang: Lang = "nl") -> None:
    """A bar chart of the flip counts (PNG or SVG by the file's extension); needs matplotlib."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover - the optional extra is missing
        raise SystemExit(
            Text("matplotlib ontbreekt: pip install 'sekswerk-rules[plot]'", "matplotlib is missing: pip install 'sekswerk-rules[plot]'")(lang)
        ) from None
    words = vocabulary(lang)
    rows = sorted(result.flips.items(), key=lambda item: (-item[1], item[0]))
    labels = [f"{words[a]} → {words[b]}" for (a, b), _ in rows] or [words["no_flips"]]
    counts = [n for _, n in rows] or [0]
    figure, axes = plt.subplots(figsize=(8, 0.6 * len(labels) + 1.5))
    axes.barh(labels[::-1], counts[::-1], color="#4b6e8e")
    axes.set_xlabel(words["count"])
    axes.set_title(f"{result.left} → {result.right} ({result.total} {words['cases']})")
    for y, n in enumerate(counts[::-1]):
        axes.text(n, y, f" {n}", va="center")
    figure.tight_layout()
    try:
        figure.savefig(path)
    finally:
        plt.close(figure)
