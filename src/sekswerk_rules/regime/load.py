"""Loading regimes: a user's file or text, its ``extends`` chain, and the shipped regimes."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from .. import tomlread
from ..errors import EvaluationError, Problem, RegimeError, language
from ..lang import Lang
from ..memo import memo
from ..tomlpos import locate
from .files import _codes, _shipped
from .model import Regime
from .problems import _own_problems, _schema_error, _unknown_parent
from .schema import MAX_BYTES, MAX_DEPTH, MAX_VERSIONS, NATIONAL, _RegimeFile

#: The texts of a regime file that are prose and may run over several lines.
_PROSE = frozenset(("description", "toelichting", "note"))


def load(path: str | Path, *, lang: Lang = "nl") -> Regime:
    """Load and fully validate a regime file; its ``extends`` may name a shipped regime."""
    language(lang)
    try:
        path = Path(path)  # refuses bytes, a number, a path-like that gives bytes
    except TypeError:
        expected = {"expected_nl": "het pad van een regimebestand", "expected_en": "the path of a regime file"}
        raise EvaluationError([Problem("path", "invalid_argument", expected)], lang=lang) from None
    return _build(_read(path, lang=lang), str(path), lang=lang)


def _read(path: Path, *, lang: Lang, where: str = "") -> str:
    """The text of a regime file: at most ``MAX_BYTES``, UTF-8 (a byte-order mark is allowed);
    a named pipe nobody writes to is read as empty, never waited on (``tomlread.read_file``)."""
    try:
        data = tomlread.read_file(path, MAX_BYTES)
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
        raw = tomlread.loads(text.removeprefix("\ufeff"))
    except tomllib.TOMLDecodeError as exc:
        where, line = tomlread.syntax_error(exc)
        raise RegimeError([Problem("", "toml_syntax", where, line)], source=source) from None
    except (RecursionError, MemoryError):
        raise RegimeError([_nested_too_deeply()], source=source) from None
    controlled = tomlread.control_characters(raw, text, prose=_PROSE)
    if controlled:
        raise RegimeError(controlled, source=source)
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


@cache
def _shipped_regime(regime_id: str) -> Regime:
    name = _shipped()[regime_id]
    text = resources.files("sekswerk_rules").joinpath("regimes", name).read_text("utf-8")
    return _build(text, f"sekswerk_rules/regimes/{name}", lang="nl", shipped=True)


def shipped() -> list[Regime]:
    """Every shipped municipal regime (national law and the model APV included), by id."""
    return [_shipped_regime(i) for i in sorted(_shipped())]


#: What :func:`get` found, by the text it was given (bounded; a miss is not kept).
_FOUND: dict[str, Regime] = {}


def get(municipality: str, *, lang: Lang = "nl") -> Regime:
    """A shipped regime by CBS code (``GM0080``) or id (``leeuwarden``), case-insensitive."""
    language(lang)
    if not isinstance(municipality, str):
        expected = {"expected_nl": "een CBS-code of regime-id (tekst)", "expected_en": "a CBS code or regime id (text)"}
        raise EvaluationError([Problem("municipality", "invalid_argument", expected)], lang=lang)
    return memo(_FOUND, 256, municipality, lambda: _get(municipality, lang))


def _get(municipality: str, lang: Lang) -> Regime:
    key = municipality.strip()
    regime_id = _codes().get(key.upper(), key.lower())
    if regime_id not in _shipped() or regime_id == NATIONAL:
        ids = {regime_id: code for code, regime_id in _codes().items()}
        known = [f"{i} ({ids[i]})" if i in ids else i for i in sorted(_shipped()) if i != NATIONAL]
        raise EvaluationError([Problem("municipality", "unknown_municipality", {"allowed": ", ".join(known)})], lang=lang)
    return _shipped_regime(regime_id)
