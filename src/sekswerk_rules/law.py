"""The numbers of national law that other modules check against, read from the one place
they live: the national regime file (``regimes/nationaal.toml``).

- :func:`first_day`: the day the general ban on brothels was lifted (the national regime's
  first version); no regime has rules before it.
- :func:`minimum_age`: the national minimum age (Sr art. 273f); no regime may set a lower one.

>>> first_day(), minimum_age()
(datetime.date(2000, 10, 1), 18)
"""

from __future__ import annotations

from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from .tomlread import loads


@cache
def _national() -> dict[str, Any]:
    text = resources.files("sekswerk_rules").joinpath("regimes", "nationaal.toml").read_text("utf-8")
    return loads(text)


def first_day() -> date:
    """The first day of the national regime: the day the ban on brothels was lifted."""
    first: date = _national()["versions"][0]["valid_from"]
    return first


def minimum_age() -> int:
    """The lowest national minimum age of any version (a regime may not go below it)."""
    return min(int(v["rules"]["nationaal.minimumleeftijd"]["age"]) for v in _national()["versions"] if "nationaal.minimumleeftijd" in v.get("rules", {}))
