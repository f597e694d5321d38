"""A synthetic, clearly fictional population of cases, for trying out policy changes
without real data ("what if Leeuwarden adopted the Groningen intake?").

Every case is made up from a seeded random generator: no real person, no real BSN (the
cases carry ``has_bsn``, never a number), no real business. The proportions are invented
to exercise every rule, not estimates of any real population.

>>> cases = list(population(3, seed=1))
>>> len(cases), cases[0]["municipality"], sorted(cases[0])
(3, 'leeuwarden', ['municipality', 'person', 'reference_date', 'workplace'])
>>> list(population(2, seed=1)) == list(population(2, seed=1))
True
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date
from functools import lru_cache
from typing import Any

from . import freemovement
from .dates import add_days

#: (value, weight) tables; invented, not measured.
NATIONALITIES = [("NL", 35), ("RO", 18), ("BG", 9), ("HU", 6), ("PL", 5), ("ES", 3), ("UA", 6), ("CO", 5), ("TH", 5), ("GB", 3), ("MA", 3), ("NG", 2)]
KINDS = [("window", 45), ("club", 8), ("private_house", 10), ("massage_parlour", 15), ("escort", 12), ("home", 7), ("hotel", 3)]


@lru_cache(maxsize=1)
def _pass_colours() -> dict[str, str]:
    """The pass colour per workplace kind, as the Groningen regime has it today (one source of the law's data)."""
    from .regime import get

    groningen = get("groningen")
    active = next(a for a in groningen.resolve(groningen.boundaries()[-1]).rules if a.rule.key == "intake-en-pas")
    colours: dict[Any, Any] = getattr(active.params, "colours", {})
    return {kind.value: colour.value for kind, colour in colours.items()}


def _pick(rng: random.Random, table: list[tuple[Any, int]]) -> Any:
    return rng.choices([v for v, _ in table], weights=[w for _, w in table])[0]


def _maybe(rng: random.Random, share: float) -> bool:
    return rng.random() < share


def case(rng: random.Random, municipality: str, day: date) -> dict[str, Any]:
    """One fictional case; about one fact in twenty is left unknown, as in real files."""
    age_days = int(rng.triangular(18 * 365.25, 60 * 365.25, 27 * 365.25))
    nationality = _pick(rng, NATIONALITIES)
    kind = _pick(rng, KINDS)
    person: dict[str, Any] = {
        "birth_date": _shift(day, -age_days).isoformat(),
        "nationalities": [nationality],
        "employment": "self_employed" if _maybe(rng, 0.9) else "employed",
        "has_bsn": _maybe(rng, 0.92),
        "kvk": {"registered": _maybe(rng, 0.88)},
        "human_trafficking": "established" if _maybe(rng, 0.02) else "not_established",
        "trafficking_signals": _maybe(rng, 0.06),
    }
    if freemovement.status(nationality, day).kind == "none":  # no free movement: a document matters
        work = _pick(rng, [("free", 6), ("self_employed", 1), ("none", 3)])
        person["residence_document"] = {"work": work, "valid_until": _shift(day, rng.randint(-60, 1500)).isoformat()}
    if _maybe(rng, 0.6):
        right = _pass_colours().get(kind, "green")  # Groningen's colours (regime data); green otherwise
        colour = right if _maybe(rng, 0.9) else ("green" if right == "white" else "white")
        person["intake"] = {"done": True, "date": _shift(day, -rng.randint(0, 900)).isoformat(), "pass_colour": colour}
    else:
        person["intake"] = {"done": False}
    workplace: dict[str, Any] = {"kind": kind}
    if kind == "home":
        workplace["home"] = {
            "sole_resident": _maybe(rng, 0.85),
            "registered_at_address_since": _shift(day, -rng.randint(10, 2000)).isoformat(),
            "business": _maybe(rng, 0.15),
        }
    else:
        status = "valid" if _maybe(rng, 0.9) else _pick(rng, [("none", 3), ("suspended", 1), ("revoked", 1)])
        workplace["licence"] = {
            "status": status,
            "valid_until": _shift(day, rng.randint(-30, 1500)).isoformat(),
            "requirements_met": _maybe(rng, 0.95),
        }
        if status == "valid" and workplace["licence"]["valid_until"] < day.isoformat():
            del workplace["licence"]["status"]  # expired: "valid" would contradict its last day
    facts: dict[str, Any] = {"person": person, "workplace": workplace}
    for part in (person, workplace):
        for key in list(part):
            if key not in ("kind",) and _maybe(rng, 0.05):
                del part[key]  # unknown, as in real files
    return {"municipality": municipality, "reference_date": day.isoformat(), **facts}


def _shift(day: date, days: int) -> date:
    """``day`` moved by ``days``, kept within the calendar (a --date near 0001 or 9999)."""
    return add_days(day, days) or (date.max if days > 0 else date.min)


def population(n: int, *, seed: int = 0, municipality: str = "leeuwarden", day: date = date(2024, 5, 1)) -> Iterator[dict[str, Any]]:
    rng = random.Random(seed)
    for _ in range(n):
        yield case(rng, municipality, day)
