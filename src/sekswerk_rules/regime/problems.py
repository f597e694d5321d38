"""What can be wrong with a regime file, in words: pydantic's errors translated with the file's line, and the checks of a file on its own."""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any, Protocol

from pydantic import ValidationError

from ..errors import Problem, RegimeError
from ..law import first_day, minimum_age
from ..rules import RULES
from ..tomlpos import locate
from ..validation import did_you_mean, dotted, expected, printable
from .files import _codes, _shipped
from .schema import _COMMON, MAX_PROBLEMS, NATIONAL, _RegimeFile, _VersionFile


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


class _File(Protocol):
    """Where a problem is: a regime's file (its text and where it came from)."""

    source: str
    text: str


def _schema_error(
    exc: ValidationError,
    key: str | None,
    origin: Mapping[str, tuple[_File, int]] | None,
    regime: _File | None = None,
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
            problems.append(Problem(dotted(path), "regime_unknown_key", _did_you_mean(loc, key) if printable(loc[-1]) else {}, line))
            continue
        if kind == "regime_below_national":
            nl, en = (text.format(age=minimum_age()) for text in _DETAILS[kind])
            problems.append(Problem(dotted(path), kind, {"detail_nl": nl, "detail_en": en}, line))
            continue
        if key is None and loc == ("extends",) and kind in ("string_pattern_mismatch", "string_too_long"):
            problems.append(_unknown_parent(extends, line))
            continue
        wanted = expected(kind, ("een tabel", "a table"))
        nl, en = ("verwacht " + wanted[0], "expected " + wanted[1]) if wanted else _DETAILS.get(kind, ("ongeldige waarde ({kind})", "invalid value ({kind})"))
        # in TOML's words: false, not Python's False
        allowed = str(error.get("ctx", {}).get("expected", "")).replace("'", "").replace(" or ", ", ").replace("False", "false").replace("True", "true")
        ctx = {"expected": allowed, "kind": kind, **{k: str(v) for k, v in error.get("ctx", {}).items() if k in ("ge", "le", "form", "hint")}}
        ctx.setdefault("form", "")
        ctx.setdefault("hint", "")
        ctx["hint_nl"] = ctx["hint"].replace("did you mean", "bedoelt u")
        detail = {"detail_nl": nl.format(**ctx), "detail_en": en.format(**ctx)}
        problems.append(Problem(dotted(path), "regime_schema", detail, line))
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
                found.add(Problem(dotted(path), "regime_unknown_rule", hint, locate(text, path)))
            elif RULES[key].national and not national:
                detail = {"detail_nl": f"regel '{key}' is landelijk recht", "detail_en": f"rule '{key}' is national law"}
                found.add(Problem(dotted(path), "regime_below_national", detail, locate(text, path)))
            else:
                allowed = {*_COMMON, *RULES[key].Params.model_fields}
                for name in table:
                    if name not in allowed:
                        suggestion = did_you_mean(name, sorted(allowed), _DUTCH_KEYS) if not found.full else {}
                        where = (*path, name)
                        found.add(Problem(dotted(where), "regime_unknown_key", suggestion, locate(text, where)))
