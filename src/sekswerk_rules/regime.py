"""Regimes: a municipality's rules as a TOML file, a validated diff over its parent.

A regime file ``extends`` another (in the end the VNG Model-APV, which extends national
law), overrides only what differs, and carries ``[[versions]]`` with a ``valid_from`` date.
Versions are cumulative and half-open: a version holds from its ``valid_from`` until the
next one starts. A file only selects and parametrises rules the library knows; it can never
run code. National law (``nationaal.*`` rules) cannot be changed or switched off.

National law always runs. The id ``nationaal`` is reserved: only the shipped file may carry
it. ``extends`` naming a shipped regime (``nationaal``, ``model-apv``, ``leeuwarden``...)
always means the shipped one; a file beside the user's own file is read only for an id that
is not shipped (a municipality's own chain of files), so no file can slip in under a shipped
name. Every chain therefore ends in the shipped ``nationaal``, and no version starts before
2000-10-01. A user's file may carry a shipped municipality's id (its own edited APV, loaded
explicitly with ``--regime``), but a shipped municipality's CBS code only together with that
municipality's id. A regime has no rules before its own first version: a date before it is
an error naming that date, never the parent's rules under the municipality's name.

Limits, each with its own message: a file of at most 256 KiB, at most 1,000 versions, at
most 8 own files in one ``extends`` chain; at most 50 problems are listed (then how many
more). Validation is linear in the size of the file.

>>> leeuwarden = get("GM0080")
>>> leeuwarden.id, leeuwarden.name
('leeuwarden', 'Leeuwarden')
>>> from datetime import date
>>> [r.rule.key for r in leeuwarden.resolve(date(2024, 5, 1)).rules][-2:]
['kvk-inschrijving', 'bsn']
>>> leeuwarden.first_day  # every chain starts with national law on the lifting of the brothel ban
datetime.date(2000, 10, 1)
>>> [r.id for r in leeuwarden.chain()]
['leeuwarden', 'model-apv', 'nationaal']
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
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StrictBool, ValidationError
from pydantic_core import PydanticCustomError

from .case import IsoDate
from .errors import EvaluationError, Problem, RegimeError
from .lang import Lang
from .law import first_day, minimum_age
from .rules import RULES, Basis, Rule
from .tomlpos import locate
from .validation import did_you_mean, dotted, expected, printable

NATIONAL = "nationaal"
#: A regime file is a few kilobytes; anything near this limit is not a regime file.
MAX_BYTES = 256 * 1024
MAX_VERSIONS = 1000
#: Own files in one ``extends`` chain (shipped regimes not counted).
MAX_DEPTH = 8
#: Problems listed in one error; the rest are counted.
MAX_PROBLEMS = 50


def _uncertainty(value: Any) -> Any:
    """``uncertain`` is ``"date"``, ``"transition"`` or ``false``: never ``0`` or ``"no"``."""
    if value is None or type(value) is bool or isinstance(value, str):
        return value
    raise PydanticCustomError("literal_error", "invalid value", {"expected": "'date', 'transition' or False"})


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
    """Keys every rule table may have besides the rule's own parameters (types strict)."""

    model_config = ConfigDict(extra="ignore", hide_input_in_errors=True)
    enabled: StrictBool = True
    basis: list[Basis] | None = None
    #: ``"date"``: the entry into force on this date is not certain (text or date not
    #: found); ``"transition"``: a transition period may exempt the person. ``false``: certain.
    uncertain: Annotated[Literal["date", "transition", False] | None, BeforeValidator(_uncertainty)] = None

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

    def resolve(self, day: date) -> Resolved:
        """The rules in force on ``day`` (resolved once per version: a regime is immutable once loaded)."""
        boundaries = self._boundaries
        if day < boundaries[0]:
            raise EvaluationError([Problem("reference_date", "date_before_regime", {"first": boundaries[0].isoformat(), "lifted": first_day().isoformat()})])
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
        return ActiveRule(rule, rule.Params.model_validate(params), basis, common.reason)
    except ValidationError as exc:
        raise _schema_error(exc, key, origin) from None


def _missing_basis(regime: Regime, key: str, origin: dict[str, tuple[Regime, int]]) -> RegimeError:
    where, index = next(iter(origin.values()), (regime, 0))
    path = ("versions", index, "rules", key, "basis")
    detail = {"detail_nl": "elke regel heeft ten minste één bron ('basis') nodig", "detail_en": "every rule needs at least one source ('basis')"}
    return RegimeError([Problem(_dotted(path), "regime_schema", detail, locate(where.text, path))], source=where.source)


def _capped(problems: list[Problem], total: int) -> list[Problem]:
    """At most ``MAX_PROBLEMS`` problems, then one line saying how many more there are."""
    if total <= MAX_PROBLEMS:
        return problems
    more = total - MAX_PROBLEMS
    detail = {"detail_nl": f"en nog {more} problemen", "detail_en": f"and {more} more problems"}
    return [*problems[:MAX_PROBLEMS], Problem("", "regime_schema", detail)]


_DETAILS = {
    "missing": ("verplichte sleutel ontbreekt", "required key is missing"),
    "regime_below_national": ("een minimumleeftijd onder {age} jaar (Sr art. 273f)", "a minimum age under {age} (Sr art. 273f)"),
    "enum": ("ongeldige waarde; toegestaan: {expected}", "invalid value; allowed: {expected}"),
    "literal_error": ("ongeldige waarde; toegestaan: {expected}", "invalid value; allowed: {expected}"),
    "string_pattern_mismatch": ("waarde heeft niet de juiste vorm", "value does not have the right form"),
    "invalid_date": ("geen geldige datum; gebruik JJJJ-MM-DD", "not a valid date; use YYYY-MM-DD"),
    "too_short": ("mag niet leeg zijn", "must not be empty"),
    "greater_than_equal": ("te klein; ten minste {ge}", "too small; at least {ge}"),
    "less_than_equal": ("te groot; ten hoogste {le}", "too large; at most {le}"),
    # a rule's basis (sources.Basis)
    "basis_kind": (
        "een bron noemt een bron uit het bronnenregister ('source') of beschrijft er een met 'kind' (law, bylaw, policy, ruling, parliamentary, treaty, model, news, report, government)",
        "a basis names a source of the registry ('source') or describes one with a 'kind' (law, bylaw, policy, ruling, parliamentary, treaty, model, news, report, government)",
    ),
    "basis_title": ("een beschreven bron heeft een 'title' nodig", "a source described here needs a 'title'"),
    "unknown_source": ("onbekende bron in het bronnenregister{hint_nl}", "unknown source in the registry{hint}"),
    "source_fields": (
        "naast 'source' kent een bron alleen 'confidence' en 'detail'",
        "besides 'source' a basis takes only 'confidence' and 'detail'",
    ),
    "source_url": ("een link naar een bron is een https-adres", "a link to a source is an https address"),
    "source_homepage": (
        "een link naar de voorpagina of zoekpagina van een site is geen bron; link het document zelf",
        "a link to a site's homepage or search page is not a source; link the document itself",
    ),
    "source_identifier": (
        "een openbare bron van deze soort heeft een identificatie van de vorm {form} (BWB-id, CVDR-id, ECLI, ...)",
        "a public source of this kind needs an identifier of the form {form} (BWB id, CVDR id, ECLI, ...)",
    ),
    "source_link": (
        "een openbare bron heeft een 'url'; zeg public = false als de tekst niet openbaar is gevonden",
        "a public source needs a 'url'; say public = false where its text was not found publicly",
    ),
    "source_private_link": ("een bron met public = false heeft geen 'url'", "a source with public = false has no 'url'"),
    "source_lines": ("'lines' hoort alleen bij het bronrapport", "'lines' belongs to the source report only"),
}


def _schema_error(
    exc: ValidationError,
    key: str | None,
    origin: dict[str, tuple[Regime, int]] | None,
    regime: Regime | None = None,
    prefix: tuple[str | int, ...] = (),
    extends: Any = None,
) -> RegimeError:
    problems, source = [], regime.source if regime else None
    for error in exc.errors(include_input=False, include_url=False)[:MAX_PROBLEMS]:
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
            problems.append(Problem(_dotted(path), "regime_unknown_key", _did_you_mean(loc, key) if _safe(loc[-1]) else {}, line))
            continue
        if kind == "regime_below_national":
            nl, en = (text.format(age=minimum_age()) for text in _DETAILS[kind])
            problems.append(Problem(_dotted(path), kind, {"detail_nl": nl, "detail_en": en}, line))
            continue
        if key is None and loc == ("extends",) and kind in ("string_pattern_mismatch", "string_too_long"):
            problems.append(_unknown_parent(extends, line))
            continue
        wanted = expected(kind, ("een tabel", "a table"))
        nl, en = ("verwacht " + wanted[0], "expected " + wanted[1]) if wanted else _DETAILS.get(kind, ("ongeldige waarde ({kind})", "invalid value ({kind})"))
        allowed = str(error.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", ", ")
        ctx = {"expected": allowed, "kind": kind, **{k: str(v) for k, v in error.get("ctx", {}).items() if k in ("ge", "le", "form", "hint")}}
        ctx.setdefault("form", "")
        ctx.setdefault("hint", "")
        ctx["hint_nl"] = ctx["hint"].replace("did you mean", "bedoelt u")
        detail = {"detail_nl": nl.format(**ctx), "detail_en": en.format(**ctx)}
        problems.append(Problem(_dotted(path), "regime_schema", detail, line))
    return RegimeError(_capped(problems, exc.error_count()), source=source)


def _unknown_parent(name: Any, line: int | None) -> Problem:
    """``extends`` names no known regime; suggest the shipped id it most resembles."""
    params = {"allowed": ", ".join(sorted(_shipped()))}
    if isinstance(name, str) and len(name) <= 64:
        normal = re.sub(r"[\s_]+", "-", name.strip().lower())
        close = [normal] if normal in _shipped() else difflib.get_close_matches(normal, sorted(_shipped()), n=1, cutoff=0.6)
        if close and close[0] != name:
            params["did_you_mean"] = close[0]
    return Problem("extends", "regime_unknown_parent", params, line)


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


def _did_you_mean(loc: tuple[Any, ...], key: str | None) -> dict[str, str]:
    if key is not None:
        names = [*_COMMON, *RULES[key].Params.model_fields]
    elif len(loc) >= 2 and loc[0] == "versions":
        names = list(_VersionFile.model_fields)
    else:
        names = list(_RegimeFile.model_fields)
    return did_you_mean(loc[-1], names, _DUTCH_KEYS)


def _safe(part: Any) -> bool:
    """Whether a key from the file may be printed: a short identifier, not free text."""
    return printable(part)


def _dotted(path: tuple[Any, ...]) -> str:
    """The key path as ``versions[0].rules.x``, stopping before a key that is free text."""
    return dotted(path)


# --------------------------------------------------------------------------- loading


def load(path: str | Path, *, lang: Lang = "nl") -> Regime:
    """Load and fully validate a regime file; its ``extends`` may name a shipped regime."""
    path = Path(path)
    return _build(_read(path, lang=lang), str(path), lang=lang)


def _read(path: Path, *, lang: Lang, where: str = "") -> str:
    """The text of a regime file: at most ``MAX_BYTES``, UTF-8 (a byte-order mark is allowed)."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)
    except (OSError, ValueError):
        raise RegimeError([Problem(where, "file_not_found")], lang=lang, source=str(path)) from None
    return _decode(data, str(path), lang=lang)


def _decode(data: bytes, source: str, *, lang: Lang) -> str:
    if len(data) > MAX_BYTES:
        raise RegimeError([_too_large()], lang=lang, source=source)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        detail = {"detail_nl": "geen UTF-8-tekst; sla het bestand op als UTF-8", "detail_en": "not UTF-8 text; save the file as UTF-8"}
        raise RegimeError([Problem("", "regime_schema", detail, line)], lang=lang, source=source) from None


def _too_large() -> Problem:
    limit = f"{MAX_BYTES // 1024} KiB"
    detail = {"detail_nl": f"bestand te groot (meer dan {limit})", "detail_en": f"file too large (more than {limit})"}
    return Problem("", "regime_schema", detail)


def loads(data: bytes | str, source: str | None = None, *, lang: Lang = "nl") -> Regime:
    """Validate a regime from its text or bytes, as :func:`load` does a file. ``source`` (a
    file path) names it in errors, and its folder is where a parent that is not shipped is
    looked up; without it only shipped regimes can be extended."""
    name = source or "<regime>"
    text = _decode(data, name, lang=lang) if isinstance(data, bytes) else data
    return _build(text, name, lang=lang, siblings=source is not None)


def _build(
    text: str, source: str, *, lang: Lang, seen: tuple[str, ...] = (), paths: tuple[Path, ...] = (), shipped: bool = False, siblings: bool = True
) -> Regime:
    try:
        return _validated(text, source, seen=seen, paths=paths, shipped=shipped, siblings=siblings and not shipped)
    except RegimeError as exc:
        exc.lang = lang
        raise


def _nested_too_deeply() -> Problem:
    return Problem("", "regime_schema", {"detail_nl": "te diep genest", "detail_en": "nested too deeply"})


def _validated(text: str, source: str, *, seen: tuple[str, ...], paths: tuple[Path, ...], shipped: bool, siblings: bool) -> Regime:
    if len(text) > MAX_BYTES:
        raise RegimeError([_too_large()], source=source)
    try:
        raw = tomllib.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        where = {"detail": message, "column": found.group(2) if found else ""}
        line = int(found.group(1)) if found else None
        raise RegimeError([Problem("", "toml_syntax", where, line)], source=source) from None
    except (RecursionError, MemoryError):
        raise RegimeError([_nested_too_deeply()], source=source) from None
    versions = raw.get("versions")
    if isinstance(versions, list) and len(versions) > MAX_VERSIONS:
        detail = {"detail_nl": f"te veel versies (meer dan {MAX_VERSIONS})", "detail_en": f"too many versions (more than {MAX_VERSIONS})"}
        raise RegimeError([Problem("versions", "regime_schema", detail, locate(text, ("versions",)))], source=source)
    stub = Regime("", "", None, None, [], source, text)
    try:
        spec = _RegimeFile.model_validate(raw)
    except ValidationError as exc:
        raise _schema_error(exc, None, None, stub, extends=raw.get("extends")) from None
    except RecursionError:
        raise RegimeError([_nested_too_deeply()], source=source) from None
    problems = _own_problems(spec, text, shipped)
    if problems:
        raise RegimeError(problems, source=source)
    parent = None
    if not (shipped and spec.id == NATIONAL):
        parent = _parent(spec, text, source, seen=seen, paths=paths, siblings=siblings)
    regime = Regime(spec.id, spec.name, spec.cbs_code, parent, spec.versions, source, text, spec.toelichting, spec.description, shipped)
    if not (shipped and spec.id == NATIONAL) and list(regime.chain())[-1] is not _shipped_regime(NATIONAL):
        # Cannot happen (a shipped id always resolves to the shipped regime); refuse, never run without national law.
        detail = {"detail_nl": "het regime bouwt niet voort op het landelijk recht", "detail_en": "the regime does not build on national law"}
        raise RegimeError([Problem("extends", "regime_schema", detail, locate(text, ("extends",)))], source=source)
    regime.resolve(regime.first_day)  # resolves and validates every version once
    return regime


class _Collected:
    """Problems up to ``MAX_PROBLEMS``; past the limit a problem is only counted."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.total = 0

    def add(self, problem: Problem) -> None:
        self.total += 1
        if self.total <= MAX_PROBLEMS:
            self.problems.append(problem)

    @property
    def full(self) -> bool:
        return self.total >= MAX_PROBLEMS


def _own_problems(spec: _RegimeFile, text: str, shipped: bool) -> list[Problem]:
    """What is wrong with the file on its own: ids, dates, rules and keys (at most ``MAX_PROBLEMS``)."""
    found = _Collected()
    if not shipped:
        _identity_problems(spec, text, found)
    dates = [v.valid_from for v in spec.versions]
    if dates != sorted(set(dates)):
        found.add(Problem("versions", "regime_version_order", line=locate(text, ("versions", 0))))
    if dates[0] < first_day():  # the lifting of the brothel ban (national law's first day)
        detail = {
            "detail_nl": f"geen versie vóór {first_day().isoformat()}: toen gold nog het bordeelverbod",
            "detail_en": f"no version before {first_day().isoformat()}: the ban on brothels still applied",
        }
        found.add(Problem("versions[0].valid_from", "regime_schema", detail, locate(text, ("versions", 0, "valid_from"))))
    _rule_problems(spec, text, national=shipped and spec.id == NATIONAL, found=found)
    return _capped(found.problems, found.total)


def _identity_problems(spec: _RegimeFile, text: str, found: _Collected) -> None:
    """A user's file may not take national law's id, nor a CBS code that is another shipped regime's."""
    if spec.id == NATIONAL:
        detail = {
            "detail_nl": "gereserveerde id: 'nationaal' is het landelijk recht, dat geen regimebestand kan vervangen",
            "detail_en": "reserved id: 'nationaal' is national law, which no regime file can replace",
        }
        found.add(Problem("id", "regime_schema", detail, locate(text, ("id",))))
    claimed = _codes().get(spec.cbs_code or "")
    own = {regime_id: code for code, regime_id in _codes().items()}.get(spec.id)
    if claimed is not None and claimed != spec.id:
        detail = {
            "detail_nl": f"deze CBS-code hoort bij het meegeleverde regime '{claimed}'; alleen een bestand met id '{claimed}' mag haar dragen",
            "detail_en": f"this CBS code belongs to the shipped regime '{claimed}'; only a file with id '{claimed}' may carry it",
        }
        found.add(Problem("cbs_code", "regime_schema", detail, locate(text, ("cbs_code",))))
    elif own is not None and spec.cbs_code is not None and spec.cbs_code != own:
        detail = {
            "detail_nl": f"id '{spec.id}' is een meegeleverd regime met CBS-code {own}",
            "detail_en": f"id '{spec.id}' is a shipped regime with CBS code {own}",
        }
        found.add(Problem("cbs_code", "regime_schema", detail, locate(text, ("cbs_code",))))


def _rule_problems(spec: _RegimeFile, text: str, *, national: bool, found: _Collected) -> None:
    """Unknown rules, national rules in a municipal file, and unknown keys of a rule."""
    for index, version in enumerate(spec.versions):
        for key, table in version.rules.items():
            path = ("versions", index, "rules", key)
            if key not in RULES:
                # Past the limit a problem is only counted: no suggestion, no position.
                hint = did_you_mean(key, RULES) if not found.full else {}
                found.add(Problem(_dotted(path), "regime_unknown_rule", hint, locate(text, path)))
            elif RULES[key].national and not national:
                detail = {"detail_nl": f"regel '{key}' is landelijk recht", "detail_en": f"rule '{key}' is national law"}
                found.add(Problem(_dotted(path), "regime_below_national", detail, locate(text, path)))
            else:
                allowed = {*_COMMON, *RULES[key].Params.model_fields}
                for name in table:
                    if name not in allowed:
                        suggestion = did_you_mean(name, sorted(allowed), _DUTCH_KEYS) if not found.full else {}
                        where = (*path, name)
                        found.add(Problem(_dotted(where), "regime_unknown_key", suggestion, locate(text, where)))


def _parent(spec: _RegimeFile, text: str, source: str, *, seen: tuple[str, ...], paths: tuple[Path, ...], siblings: bool) -> Regime:
    """The regime ``extends`` names. A shipped id always means the shipped regime; a file
    beside a user's own file is read only for an id that is not shipped."""
    parent_id = spec.extends or NATIONAL
    here = (*seen, spec.id)

    def refuse(code: str, params: dict[str, str]) -> RegimeError:
        return RegimeError([Problem("extends", code, params, locate(text, ("extends",)))], source=source)

    if parent_id in here:
        raise refuse("regime_cycle", {"chain": " -> ".join((*here, parent_id))})
    if parent_id in _shipped():
        return _shipped_regime(parent_id)
    sibling = Path(source).with_name(f"{parent_id}.toml")
    if not siblings or not sibling.is_file():
        raise RegimeError([_unknown_parent(parent_id, locate(text, ("extends",)))], source=source)
    own = (*paths, Path(source).resolve())
    if sibling.resolve() in own:
        raise refuse("regime_cycle", {"chain": f"{' -> '.join((*here, parent_id))} ({sibling.name})"})
    if len(own) >= MAX_DEPTH:
        detail = {
            "detail_nl": f"te veel lagen 'extends' (ten hoogste {MAX_DEPTH} eigen bestanden)",
            "detail_en": f"too many layers of 'extends' (at most {MAX_DEPTH} own files)",
        }
        raise refuse("regime_schema", detail)
    parent = _validated(_read(sibling, lang="nl", where="extends"), str(sibling), seen=here, paths=own, shipped=False, siblings=True)
    if parent.id != parent_id:
        detail = {
            "detail_nl": f"'{sibling.name}' heeft een andere id dan '{parent_id}'",
            "detail_en": f"'{sibling.name}' has an id other than '{parent_id}'",
        }
        raise refuse("regime_schema", detail)
    return parent


@lru_cache(maxsize=1)
def _shipped() -> dict[str, str]:
    """Shipped regime id -> file name."""
    folder = resources.files("sekswerk_rules").joinpath("regimes")
    return {p.name.removesuffix(".toml"): p.name for p in folder.iterdir() if p.name.endswith(".toml")}


@cache
def _shipped_regime(regime_id: str) -> Regime:
    name = _shipped()[regime_id]
    text = resources.files("sekswerk_rules").joinpath("regimes", name).read_text("utf-8")
    return _build(text, f"sekswerk_rules/regimes/{name}", lang="nl", shipped=True)


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
