"""Regimes: a municipality's rules as a TOML file, a validated diff over its parent.

A regime file ``extends`` another (in the end the VNG Model-APV, which extends national
law), overrides only what differs, and carries ``[[versions]]`` with a ``valid_from`` date.
Versions are cumulative and half-open: a version holds from its ``valid_from`` until the
next one starts. A file only selects and parametrises rules the library knows; it can never
run code. National law (``nationaal.*`` rules) cannot be changed or switched off.

>>> leeuwarden = get("GM0080")
>>> leeuwarden.id, leeuwarden.name
('leeuwarden', 'Leeuwarden')
>>> from datetime import date
>>> [r.rule.key for r in leeuwarden.resolve(date(2024, 5, 1)).rules][-2:]
['kvk-inschrijving', 'bsn']
>>> leeuwarden.resolve(date(2019, 5, 1)).version
datetime.date(2000, 10, 1)
"""

from __future__ import annotations

import difflib
import re
import tomllib
from bisect import bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property, lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .case import IsoDate
from .errors import EvaluationError, Lang, Problem, RegimeError
from .rules import RULES, Basis, Rule
from .tomlpos import locate

NATIONAL = "nationaal"
#: The lifting of the brothel ban: no municipal rule on sex businesses applies before it.
FIRST_DAY = date(2000, 10, 1)


class _VersionFile(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)
    valid_from: IsoDate
    note: str | None = None
    rules: dict[str, dict[str, Any]] = Field(default_factory=dict)


class _RegimeFile(BaseModel):
    model_config = ConfigDict(extra="forbid", hide_input_in_errors=True)
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    name: str
    cbs_code: str | None = Field(default=None, pattern=r"^GM\d{4}$")
    extends: str | None = Field(default=None, pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=64)
    description: str | None = None
    #: For policy staff, in Dutch: what the regime encodes and which readings it chose.
    toelichting: str | None = None
    versions: list[_VersionFile] = Field(min_length=1)


class _Common(BaseModel):
    """Keys every rule table may have besides the rule's own parameters."""

    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)
    enabled: bool = True
    basis: list[Basis] | None = None
    #: ``"date"``: the entry into force on this date is not certain (text or date not
    #: found); ``"transition"``: a transition period may exempt the person. ``false``: certain.
    uncertain: Literal["date", "transition", False] | None = None

    @property
    def reason(self) -> str | None:
        return self.uncertain or None


_COMMON = ("enabled", "basis", "uncertain")


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
    versions: list[_VersionFile]
    source: str
    text: str = field(repr=False, default="")
    toelichting: str | None = None
    description: str | None = None

    def chain(self) -> Iterator[Regime]:
        regime: Regime | None = self
        while regime is not None:
            yield regime
            regime = regime.parent

    @property
    def first_day(self) -> date:
        return self._boundaries[0]

    def boundaries(self) -> list[date]:
        """Every day on which the rules in force change, first day included."""
        return list(self._boundaries)

    @cached_property
    def _boundaries(self) -> tuple[date, ...]:
        return tuple(sorted({v.valid_from for r in self.chain() for v in r.versions}))

    def resolve(self, day: date) -> Resolved:
        """The rules in force on ``day`` (cached per version: a regime is immutable once loaded)."""
        boundaries = self._boundaries
        if day < boundaries[0]:
            raise EvaluationError([Problem("reference_date", "date_before_regime", {"first": boundaries[0].isoformat()})])
        return _resolve(self, boundaries[bisect_right(boundaries, day) - 1])

    def _merged(self, day: date) -> dict[str, tuple[dict[str, Any], dict[str, tuple[Regime, int]]]]:
        """Rule key -> (merged table, provenance of each key) on ``day``, parents first."""
        merged: dict[str, tuple[dict[str, Any], dict[str, tuple[Regime, int]]]] = {}
        for regime in reversed(list(self.chain())):
            for index, version in enumerate(regime.versions):
                if version.valid_from > day:
                    break
                for key, table in version.rules.items():
                    values, origin = merged.setdefault(key, ({}, {}))
                    values.update(table)
                    origin.update({k: (regime, index) for k in table})
        return merged


@lru_cache(maxsize=256)
def _resolve(regime: Regime, version: date) -> Resolved:
    active = []
    merged = regime._merged(version)
    for key, rule in RULES.items():
        if key not in merged:
            continue
        values, origin = merged[key]
        if values.get("enabled", True) is False:
            continue
        params = {k: v for k, v in values.items() if k not in _COMMON}
        try:
            common = _Common.model_validate({k: v for k, v in values.items() if k in _COMMON})
            basis = tuple(common.basis or ())
            if not any(b.url for b in basis):
                raise _missing_basis(regime, key, origin)
            active.append(ActiveRule(rule, rule.Params.model_validate(params), basis, common.reason))
        except ValidationError as exc:
            raise _schema_error(exc, key, origin) from None
    return Resolved(regime, version, tuple(active))


def _missing_basis(regime: Regime, key: str, origin: dict[str, tuple[Regime, int]]) -> RegimeError:
    where, index = next(iter(origin.values()), (regime, 0))
    path = ("versions", index, "rules", key, "basis")
    detail = {"detail_nl": "elke regel heeft ten minste één 'basis' met een 'url' nodig", "detail_en": "every rule needs at least one 'basis' with a 'url'"}
    return RegimeError([Problem(_dotted(path), "regime_schema", detail, locate(where.text, path))], source=where.source)


_DETAILS = {
    "missing": ("verplichte sleutel ontbreekt", "required key is missing"),
    "regime_below_national": ("een minimumleeftijd onder 18 jaar (Sr art. 273f)", "a minimum age under 18 (Sr art. 273f)"),
    "enum": ("ongeldige waarde; toegestaan: {expected}", "invalid value; allowed: {expected}"),
    "literal_error": ("ongeldige waarde; toegestaan: {expected}", "invalid value; allowed: {expected}"),
    "string_pattern_mismatch": ("waarde heeft niet de juiste vorm", "value does not have the right form"),
    "invalid_date": ("geen geldige datum; gebruik JJJJ-MM-DD", "not a valid date; use YYYY-MM-DD"),
    "too_short": ("mag niet leeg zijn", "must not be empty"),
    "greater_than_equal": ("te klein; ten minste {ge}", "too small; at least {ge}"),
    "less_than_equal": ("te groot; ten hoogste {le}", "too large; at most {le}"),
    "int_type": ("verwacht een geheel getal", "expected a whole number"),
    "int_parsing": ("verwacht een geheel getal", "expected a whole number"),
    "bool_type": ("verwacht true of false", "expected true or false"),
    "bool_parsing": ("verwacht true of false", "expected true or false"),
    "string_type": ("verwacht tekst", "expected a string"),
    "list_type": ("verwacht een lijst", "expected a list"),
    "tuple_type": ("verwacht een lijst", "expected a list"),
    "dict_type": ("verwacht een tabel", "expected a table"),
    "model_type": ("verwacht een tabel", "expected a table"),
}


def _schema_error(
    exc: ValidationError, key: str | None, origin: dict[str, tuple[Regime, int]] | None, regime: Regime | None = None, prefix: tuple[str | int, ...] = ()
) -> RegimeError:
    problems, source = [], regime.source if regime else None
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        where, path = regime, prefix + loc
        if key is not None and origin is not None:
            first = str(loc[0]) if loc else ""
            where, index = origin.get(first) or next(iter(origin.values()))
            path = ("versions", index, "rules", key, *loc)
            source = where.source
        line = locate(where.text, path) if where else None
        kind = error["type"]
        if kind == "extra_forbidden":
            problems.append(Problem(_dotted(path), "regime_unknown_key", _did_you_mean(loc, key), line))
            continue
        if kind == "regime_below_national":
            nl, en = _DETAILS[kind]
            problems.append(Problem(_dotted(path), kind, {"detail_nl": nl, "detail_en": en}, line))
            continue
        nl, en = _DETAILS.get(kind, ("ongeldige waarde ({kind})", "invalid value ({kind})"))
        expected = str(error.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", ", ")
        ctx = {"expected": expected, "kind": kind, **{k: str(v) for k, v in error.get("ctx", {}).items() if k in ("ge", "le")}}
        detail = {"detail_nl": nl.format(**ctx), "detail_en": en.format(**ctx)}
        problems.append(Problem(_dotted(path), "regime_schema", detail, line))
    return RegimeError(problems, source=source)


#: Dutch words a policy author may reach for, and the key they mean.
_DUTCH_KEYS = {
    "leeftijd": "age",
    "minimumleeftijd": "age",
    "soorten": "kinds",
    "werkplekken": "kinds",
    "verboden": "forbidden",
    "bron": "basis",
    "bronnen": "basis",
    "geldig_vanaf": "valid_from",
    "naam": "name",
    "cbs": "cbs_code",
    "versies": "versions",
    "regels": "rules",
    "onzeker": "uncertain",
    "aan": "enabled",
    "opmerking": "note",
    "kleuren": "colours",
    "geldigheid": "pass_validity_years",
}


def _close(name: str, names: list[str]) -> list[str]:
    if _DUTCH_KEYS.get(name.lower()) in names:
        return [_DUTCH_KEYS[name.lower()]]
    return difflib.get_close_matches(name, names, n=1, cutoff=0.6)


def _did_you_mean(loc: tuple[Any, ...], key: str | None) -> dict[str, str]:
    if key is not None:
        names = [*_COMMON, *RULES[key].Params.model_fields]
    elif len(loc) >= 2 and loc[0] == "versions":
        names = list(_VersionFile.model_fields)
    else:
        names = list(_RegimeFile.model_fields)
    close = _close(str(loc[-1]), names)
    return {"did_you_mean": close[0]} if close else {}


def _dotted(path: tuple[Any, ...]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# --------------------------------------------------------------------------- loading


def load(path: str | Path, *, lang: Lang = "nl") -> Regime:
    """Load and fully validate a regime file; its ``extends`` may name a shipped regime."""
    path = Path(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError):
        raise RegimeError([Problem("", "file_not_found")], lang=lang, source=str(path)) from None
    return _build(text, str(path), lang=lang, seen=())


def _build(text: str, source: str, *, lang: Lang, seen: tuple[str, ...]) -> Regime:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        detail = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = {"detail": detail, "column": found.group(2) if found else ""}
        line = int(found.group(1)) if found else None
        raise RegimeError([Problem("", "toml_syntax", where, line)], lang=lang, source=source) from None
    stub = Regime("", "", None, None, [], source, text)
    try:
        spec = _RegimeFile.model_validate(raw)
    except ValidationError as exc:
        error = _schema_error(exc, None, None, stub)
        error.lang = lang
        raise error from None
    problems = []
    dates = [v.valid_from for v in spec.versions]
    if dates != sorted(set(dates)):
        problems.append(Problem("versions", "regime_version_order", line=locate(text, ("versions", 0))))
    if spec.id != NATIONAL and dates and dates[0] < FIRST_DAY:
        detail = {
            "detail_nl": "geen versie vóór 2000-10-01: toen gold nog het bordeelverbod",
            "detail_en": "no version before 2000-10-01: the ban on brothels still applied",
        }
        problems.append(Problem("versions[0].valid_from", "regime_schema", detail, locate(text, ("versions", 0, "valid_from"))))
    for index, version in enumerate(spec.versions):
        for key, table in version.rules.items():
            path = ("versions", index, "rules", key)
            if key not in RULES:
                close = difflib.get_close_matches(key, list(RULES), n=1, cutoff=0.6)
                problems.append(Problem(_dotted(path), "regime_unknown_rule", {"did_you_mean": close[0]} if close else {}, locate(text, path)))
            elif RULES[key].national and spec.id != NATIONAL:
                detail = {"detail_nl": f"regel '{key}' is landelijk recht", "detail_en": f"rule '{key}' is national law"}
                problems.append(Problem(_dotted(path), "regime_below_national", detail, locate(text, path)))
            else:
                allowed = {*_COMMON, *RULES[key].Params.model_fields}
                for name in table:
                    if name not in allowed:
                        hint = _close(name, sorted(allowed))
                        problems.append(
                            Problem(_dotted((*path, name)), "regime_unknown_key", {"did_you_mean": hint[0]} if hint else {}, locate(text, (*path, name)))
                        )
    if problems:
        raise RegimeError(problems, lang=lang, source=source)
    parent = None
    if spec.id != NATIONAL:
        parent_id = spec.extends or NATIONAL
        if parent_id in (*seen, spec.id):
            chain = " -> ".join((*seen, spec.id, parent_id))
            raise RegimeError([Problem("extends", "regime_cycle", {"chain": chain}, locate(text, ("extends",)))], lang=lang, source=source)
        parent = _parent(parent_id, source, lang=lang, seen=(*seen, spec.id))
        if parent is None:
            allowed = ", ".join(sorted(_shipped()))
            raise RegimeError([Problem("extends", "regime_unknown_parent", {"allowed": allowed}, locate(text, ("extends",)))], lang=lang, source=source)
    regime = Regime(spec.id, spec.name, spec.cbs_code, parent, spec.versions, source, text, spec.toelichting, spec.description)
    try:
        for day in regime.boundaries():
            regime.resolve(day)
    except RegimeError as exc:
        exc.lang = lang
        raise
    return regime


def _parent(parent_id: str, source: str, *, lang: Lang, seen: tuple[str, ...]) -> Regime | None:
    """A sibling file ``<id>.toml`` beside a municipality's own file wins over a shipped regime."""
    sibling = Path(source).with_name(f"{parent_id}.toml")
    if not source.startswith("sekswerk_rules/") and sibling.is_file():
        try:
            text = sibling.read_text("utf-8")
        except (OSError, UnicodeDecodeError):
            raise RegimeError([Problem("extends", "file_not_found")], lang=lang, source=str(sibling)) from None
        return _build(text, str(sibling), lang=lang, seen=seen)
    if parent_id in _shipped():
        return _shipped_regime(parent_id)
    return None


@lru_cache(maxsize=1)
def _shipped() -> dict[str, str]:
    """Shipped regime id -> file name."""
    folder = resources.files("sekswerk_rules").joinpath("regimes")
    return {p.name.removesuffix(".toml"): p.name for p in folder.iterdir() if p.name.endswith(".toml")}


@cache
def _shipped_regime(regime_id: str) -> Regime:
    name = _shipped()[regime_id]
    text = resources.files("sekswerk_rules").joinpath("regimes", name).read_text("utf-8")
    return _build(text, f"sekswerk_rules/regimes/{name}", lang="nl", seen=())


def shipped() -> list[Regime]:
    """Every shipped municipal regime (national law and the model APV included), by id."""
    return [_shipped_regime(i) for i in sorted(_shipped())]


@lru_cache(maxsize=1)
def _codes() -> dict[str, str]:
    """CBS code -> regime id, read from the top of each shipped file without loading it all."""
    codes = {}
    for regime_id, name in _shipped().items():
        raw = tomllib.loads(resources.files("sekswerk_rules").joinpath("regimes", name).read_text("utf-8"))
        if raw.get("cbs_code"):
            codes[raw["cbs_code"]] = regime_id
    return codes


def get(municipality: str, *, lang: Lang = "nl") -> Regime:
    """A shipped regime by CBS code (``GM0080``) or id (``leeuwarden``), case-insensitive."""
    key = municipality.strip()
    regime_id = _codes().get(key.upper(), key.lower())
    if regime_id not in _shipped() or regime_id == NATIONAL:
        ids = {regime_id: code for code, regime_id in _codes().items()}
        known = [f"{i} ({ids[i]})" if i in ids else i for i in sorted(_shipped()) if i != NATIONAL]
        raise EvaluationError([Problem("municipality", "unknown_municipality", {"allowed": ", ".join(known)})], lang=lang)
    return _shipped_regime(regime_id)
