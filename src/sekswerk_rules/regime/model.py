"""A loaded regime: its chain of files, its versions resolved into the rules in force on a day."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

from pydantic import BaseModel, ValidationError

from ..errors import EvaluationError, Problem, RegimeError
from ..law import first_day
from ..rules import RULES, Basis, Rule
from ..tomlpos import locate
from ..validation import dotted
from .problems import _capped, _schema_error
from .schema import _COMMON, _Common, _VersionFile


@dataclass(frozen=True, eq=False)
class ActiveRule:
    """A rule in force: the rule, its parameters and its legal basis."""

    rule: Rule
    params: BaseModel
    basis: tuple[Basis, ...]
    #: Why it is uncertain whether this rule is in force on the day (``date``,
    #: ``transition``), or ``None``: then a violation counts only as ``unknown``.
    uncertain: str | None = None

    @cached_property
    def certain_sources(self) -> bool:
        """Whether every source of this rule has high confidence."""
        return all(b.confidence == "high" for b in self.basis)

    @cached_property
    def params_json(self) -> dict[str, Any]:
        """The parameters as the regime file gives them (what the advice's fixes read)."""
        return self.params.model_dump(mode="json")


@dataclass(frozen=True)
class Resolved:
    """The rules of a regime in force on a day, and the version they come from."""

    regime: Regime
    version: date
    rules: tuple[ActiveRule, ...]


@dataclass(eq=False)
class Regime:
    id: str
    name: str
    cbs_code: str | None
    parent: Regime | None
    #: The versions of this file only (``boundaries()`` adds those of its parents).
    versions: list[_VersionFile]
    source: str
    text: str = field(repr=False, default="")
    toelichting: str | None = None
    description: str | None = None
    #: Whether this is a regime shipped with the library (only those may be ``nationaal``).
    shipped: bool = False

    def chain(self) -> Iterator[Regime]:
        regime: Regime | None = self
        while regime is not None:
            yield regime
            regime = regime.parent

    @property
    def own_versions(self) -> int:
        """The number of versions in this file itself, not counting its parents'."""
        return len(self.versions)

    @property
    def first_day(self) -> date:
        """The regime's own first ``valid_from``: it has no rules before it (not even its parent's
        under its name); the parents' earlier changes are folded into this first version."""
        return self._boundaries[0]

    def boundaries(self) -> list[date]:
        """Every day on which the rules in force change, first day included."""
        return list(self._boundaries)

    @cached_property
    def _boundaries(self) -> tuple[date, ...]:
        first = self.versions[0].valid_from
        return tuple(sorted({v.valid_from for r in self.chain() for v in r.versions if v.valid_from >= first}))

    def resolve(self, day: date, *, path: str = "reference_date") -> Resolved:
        """The rules in force on ``day`` (resolved once per version: a regime is immutable once loaded).
        A day before the regime's first is an error at ``path``, where the day came from."""
        boundaries = self._boundaries
        if day < boundaries[0]:
            raise EvaluationError([Problem(path, "date_before_regime", {"first": boundaries[0].isoformat(), "lifted": first_day().isoformat()})])
        return self._resolved[bisect_right(boundaries, day) - 1]

    @cached_property
    def _resolved(self) -> tuple[Resolved, ...]:
        first = self.versions[0].valid_from
        return tuple(r for r in _sweep(self) if r.version >= first)


def _sweep(regime: Regime) -> tuple[Resolved, ...]:
    """Resolve every version of the chain in one pass, in time linear in the files' size.

    Each file of the chain (parents first) is a layer; a layer's tables accumulate over its
    versions, and a rule's merged table is its layers' tables laid over each other, parents
    first, so a municipality's override wins over a later change in its parent. At each
    boundary only the rules some version touches are merged and validated again; the others
    keep their ``ActiveRule``. Every problem is collected (at most ``MAX_PROBLEMS``).
    """
    layers = list(reversed(list(regime.chain())))
    changes: dict[date, list[tuple[int, int, _VersionFile]]] = {}
    for level, layer in enumerate(layers):
        for index, version in enumerate(layer.versions):
            changes.setdefault(version.valid_from, []).append((level, index, version))
    state: list[dict[str, tuple[dict[str, Any], dict[str, tuple[Regime, int]]]]] = [{} for _ in layers]
    active: dict[str, ActiveRule | None] = {}
    out: list[Resolved] = []
    problems: dict[tuple[str, str, int | None], Problem] = {}
    source: str | None = None
    for day in sorted(changes):
        touched: set[str] = set()
        for level, index, version in changes[day]:
            for key, table in version.rules.items():
                values, origin = state[level].setdefault(key, ({}, {}))
                values.update(table)
                origin.update(dict.fromkeys(table, (layers[level], index)))
                touched.add(key)
        for key in (k for k in RULES if k in touched):
            values, origin = {}, {}
            for tables in state:
                if key in tables:
                    values.update(tables[key][0])
                    origin.update(tables[key][1])
            try:
                active[key] = _activate(regime, key, values, origin)
            except RegimeError as exc:
                active[key] = None
                source = source or exc.source
                for problem in exc.problems:
                    problems.setdefault((problem.path, problem.code, problem.line), problem)
        out.append(Resolved(regime, day, tuple(a for k in RULES if (a := active.get(k)) is not None)))
    if problems:
        raise RegimeError(_capped(list(problems.values()), len(problems)), source=source)
    return tuple(out)


def _activate(regime: Regime, key: str, values: dict[str, Any], origin: dict[str, tuple[Regime, int]]) -> ActiveRule | None:
    """The rule ``key`` with its merged table, or ``None`` when the table switches it off."""
    if values.get("enabled", True) is False:
        return None
    rule = RULES[key]
    params = {k: v for k, v in values.items() if k not in _COMMON}
    try:
        common = _Common.model_validate({k: v for k, v in values.items() if k in _COMMON})
        basis = tuple(common.basis or ())
        if not basis:
            raise _missing_basis(regime, key, origin)
        active = ActiveRule(rule, rule.Params.model_validate(params), basis, common.reason)
        if (inherited := _inherited_basis(regime, key, origin)) is not None:
            raise inherited
        return active
    except ValidationError as exc:
        raise _schema_error(exc, key, origin) from None


#: Parameters a file may set on a parent's rule without its own basis: they only make a verdict less sure.
_WITHOUT_OWN_BASIS = frozenset(("disputed",))


def _inherited_basis(regime: Regime, key: str, origin: dict[str, tuple[Regime, int]]) -> RegimeError | None:
    """A file that sets a rule's parameters (an age, a list of kinds) but leaves its basis to a
    file it extends would cite that file's source for numbers it does not hold (the Model-APV's
    art. 3:14 for an age of 25): the basis must come from the file that set the parameters, or
    from one that extends it."""
    chain = list(regime.chain())  # the regime first, then each file it extends
    basis_from = chain.index(origin["basis"][0]) if "basis" in origin else len(chain)
    for name, (where, index) in origin.items():
        if name in _COMMON or name in _WITHOUT_OWN_BASIS or chain.index(where) >= basis_from:
            continue
        path = ("versions", index, "rules", key)
        detail = {
            "detail_nl": f"deze regel krijgt hier een eigen '{name}' maar geen eigen bron ('basis'); de bron van '{chain[basis_from].id}' gaat niet over die waarde",
            "detail_en": f"this rule gets its own '{name}' here but no source of its own ('basis'); the source of '{chain[basis_from].id}' is not about that value",
        }
        return RegimeError([Problem(dotted(path), "regime_schema", detail, locate(where.text, path))], source=where.source)
    return None


def _missing_basis(regime: Regime, key: str, origin: dict[str, tuple[Regime, int]]) -> RegimeError:
    # The file that emptied the basis, else the most specific one that names the rule.
    chain = list(regime.chain())
    where, index = origin.get("basis") or min(origin.values(), key=lambda found: chain.index(found[0]), default=(regime, 0))
    path = ("versions", index, "rules", key, "basis")
    detail = {"detail_nl": "elke regel heeft ten minste één bron ('basis') nodig", "detail_en": "every rule needs at least one source ('basis')"}
    return RegimeError([Problem(dotted(path), "regime_schema", detail, locate(where.text, path))], source=where.source)
