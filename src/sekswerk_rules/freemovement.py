"""Free movement in the Netherlands by nationality and date (EER, Switzerland, transitions).

The dates live in ``data/vrij_verkeer.toml`` with their sources; this module only reads
them. A national of a country with free movement may work without any permit; during a
Dutch transition period only *self-employed* work was free, since employed work needed a
TWV and a TWV is never issued for sex work.

>>> from datetime import date
>>> status("RO", date(2013, 12, 31)).kind, status("RO", date(2014, 1, 1)).kind
('transition', 'free')
>>> status("GB", date(2020, 12, 31)).kind, status("GB", date(2021, 1, 1)).kind
('free', 'grace')
>>> status("GB", date(2021, 9, 30)).uncertain, status("GB", date(2021, 10, 1)).uncertain, status("GB", date(2022, 10, 1)).kind
(False, True, 'none')
>>> status("CH", date(2002, 5, 31)).kind, status("CH", date(2002, 6, 1)).kind, status("CH", date(2004, 6, 1)).kind
('none', 'transition', 'free')
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any, Literal

from . import tomlread
from .sources import Basis

Kind = Literal["free", "grace", "transition", "none"]


@dataclass(frozen=True)
class Period:
    countries: frozenset[str]
    start: date
    end: date | None  # inclusive
    source: str
    #: A transition whose restriction is not certain (Switzerland 2002-2004): a violation
    #: during it is a disputed reading, never ``illegal``.
    uncertain: bool = False

    def covers(self, country: str, day: date) -> bool:
        return country in self.countries and self.start <= day and (self.end is None or day <= self.end)


@dataclass(frozen=True, eq=False)
class Status:
    """A country's standing in one stretch of time. One object per stretch (see
    :func:`timeline`), so it compares and hashes by identity; :meth:`same` compares values."""

    kind: Kind
    #: The sources of the period that gives this status (none for ``none``).
    basis: tuple[Basis, ...] = ()
    uncertain: bool = False

    def same(self, other: Status) -> bool:
        return (self.kind, self.basis, self.uncertain) == (other.kind, other.basis, other.uncertain)


@dataclass(frozen=True)
class _Table:
    sources: dict[str, tuple[Basis, ...]]
    members: tuple[Period, ...]
    transitions: tuple[Period, ...]
    #: After leaving the EU: former members' nationals who lived here before may still work
    #: without a document for a while (the United Kingdom until 2021-09-30).
    graces: tuple[Period, ...]


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw: dict[str, Any] = tomlread.loads(resources.files("sekswerk_rules").joinpath("data/vrij_verkeer.toml").read_text("utf-8"))

    def periods(key: str) -> tuple[Period, ...]:
        return tuple(Period(frozenset(p["countries"]), p["from"], p.get("until"), p["source"], p.get("uncertain", False)) for p in raw[key])

    sources = {k: tuple(Basis.model_validate(b) for b in v) for k, v in raw["sources"].items()}
    table = _Table(sources, periods("member"), periods("transition"), periods("grace"))
    _check(table)
    return table


def _check(table: _Table) -> None:
    """The data's own invariants: a transition starts on the day its countries joined, a
    grace period the day after they left, and every period names a known source."""
    for kind, periods, anchor in (("transition", table.transitions, "start"), ("grace", table.graces, "end")):
        for period in periods:
            for country in period.countries:
                joined = [p for p in table.members if country in p.countries]
                days = {p.start if anchor == "start" else (p.end + timedelta(days=1) if p.end else None) for p in joined}
                if kind == "grace":  # a grace period may also follow an earlier one
                    days |= {p.end + timedelta(days=1) for p in table.graces if country in p.countries and p.end}
                if period.start not in days:
                    raise ValueError(
                        f"data/vrij_verkeer.toml: the {kind} of {country} starts on {period.start}, not on a day its membership {'began' if anchor == 'start' else 'ended'}"
                    )
    for period in (*table.members, *table.transitions, *table.graces):
        if period.source not in table.sources:
            raise ValueError(f"data/vrij_verkeer.toml: unknown source '{period.source}'")


@lru_cache(maxsize=4096)
def status(country: str, day: date) -> Status:
    """The free-movement status of a national of ``country`` (alpha-2) on ``day``: a bisect
    over the country's timeline (:func:`timeline`)."""
    days, statuses = timeline(country)
    return statuses[bisect_right(days, day)]


def status_from_periods(country: str, day: date) -> Status:
    """The same status read straight from the periods (what :func:`timeline` is built from)."""
    table = _table()
    member = next((p for p in _periods(country, "members") if p.covers(country, day)), None)
    if member is None:
        grace = next((p for p in _periods(country, "graces") if p.covers(country, day)), None)
        if grace is not None:
            return Status("grace", table.sources[grace.source], grace.uncertain)
        return Status("none")
    transition = next((p for p in _periods(country, "transitions") if p.covers(country, day)), None)
    if transition is not None:
        return Status("transition", table.sources[transition.source], transition.uncertain)
    return Status("free", table.sources[member.source])


@lru_cache(maxsize=512)
def timeline(country: str) -> tuple[tuple[date, ...], tuple[Status, ...]]:
    """The days on which the country's status changes, and the status before the first and
    from each of them on: ``statuses[bisect_right(days, day)]`` is the status on ``day``."""
    days = tuple(d for d in change_dates() if not status_from_periods(country, d).same(status_from_periods(country, d - timedelta(days=1))))
    before = status_from_periods(country, change_dates()[0] - timedelta(days=1))
    return days, (before, *(status_from_periods(country, d) for d in days))


@lru_cache(maxsize=512)
def _periods(country: str, kind: Literal["members", "transitions", "graces"]) -> tuple[Period, ...]:
    return tuple(p for p in getattr(_table(), kind) if country in p.countries)


@lru_cache(maxsize=1)
def change_dates() -> tuple[date, ...]:
    """Every day on which someone's status changes: a period's start, or the day after its end."""
    table = _table()
    days = set()
    for period in (*table.members, *table.transitions, *table.graces):
        days.add(period.start)
        if period.end is not None:
            days.add(period.end + timedelta(days=1))
    return tuple(sorted(days))
