"""Where regimes are found: the shipped ones, installed packages, and folders the user names.

A municipality can ship its APV as a small Python package that declares an entry point in
the group ``sekswerk_rules.regimes``, pointing at a folder (or one file) of regime TOML files::

    [project.entry-points."sekswerk_rules.regimes"]
    voorbeeld = "sekswerk_regime_voorbeeld:REGIMES"

or keep its files in a folder and name it (``sekswerk-rules serve --regimes DIR``,
``evaluate(..., regimes=DIR)``). Such a regime is found by its id and CBS code exactly like a
shipped one. Its files are validated like any regime file; one may not take the id of a shipped
regime (that one is always the shipped one), and two may not share an id or a CBS code. A TOML file with
``[[scenario]]`` tables in such a folder is a scenario file and is passed over.

>>> from pathlib import Path
>>> catalog = Catalog(directories=(Path("examples/voorbeeld"),), entry_points=False)
>>> catalog.get("GM9999").id, catalog.get("leeuwarden").id
('voorbeeld', 'leeuwarden')
>>> [r.id for r in catalog.regimes()][-1]
'voorbeeld'
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from .errors import EvaluationError, Problem, RegimeError
from .lang import Lang
from .regime import MAX_BYTES, NATIONAL, Regime, load
from .regime import get as get_shipped
from .regime import shipped as all_shipped
from .tomlpos import locate
from .tomlread import read_file

#: The entry point group through which installed packages offer regimes.
ENTRY_POINT_GROUP = "sekswerk_rules.regimes"


@dataclass(frozen=True)
class Catalog:
    """The regimes a caller can name: shipped, from installed packages, and from folders."""

    directories: tuple[Path, ...] = ()
    #: Whether regimes of installed packages (the entry point group) are included.
    entry_points: bool = True

    def __post_init__(self) -> None:
        # Refused when named, not when first needed: a case naming a shipped municipality never
        # reads the folders, and a mistyped folder would go unnoticed.
        for folder in self.directories:
            _require_folder(folder)

    @cached_property
    def _extra(self) -> dict[str, Regime]:
        """The regimes that are not shipped, by id (read once, when first needed)."""
        shipped_ids = {r.id for r in all_shipped()}
        found: dict[str, Regime] = {}
        for path, regime in self._loaded():
            if regime.id in shipped_ids or regime.id == NATIONAL:
                raise RegimeError([Problem("id", "regime_schema", _taken(regime.id, "a shipped regime"))], source=str(path))
            if regime.id in found:
                raise RegimeError([Problem("id", "regime_schema", _taken(regime.id, found[regime.id].source))], source=str(path))
            # Two files with one CBS code would leave the order of their names to choose the regime.
            twin = next((other for other in found.values() if regime.cbs_code and other.cbs_code == regime.cbs_code), None)
            if twin is not None:
                where = locate(regime.text, ("cbs_code",))
                raise RegimeError([Problem("cbs_code", "regime_schema", _code_taken(regime.cbs_code, twin), where)], source=str(path))
            found[regime.id] = regime
        return found

    def _loaded(self) -> Iterator[tuple[Path, Regime]]:
        """Each regime file of the folders and of the installed packages, with its regime."""
        for folder in self.directories:
            _require_folder(folder)
            yield from ((path, load(path)) for path in _regime_files(Path(folder)))
        if self.entry_points:
            from importlib import metadata  # only here: importing it costs about 10 ms of start-up

            for entry in sorted(metadata.entry_points(group=ENTRY_POINT_GROUP), key=lambda e: e.name):
                yield from _package_regimes(entry)

    def regimes(self) -> list[Regime]:
        """Every regime a case can name: the shipped ones (national law left out), then the others."""
        return [r for r in all_shipped() if r.id != NATIONAL] + sorted(self._extra.values(), key=lambda r: r.id)

    def get(self, municipality: str, *, lang: Lang = "nl") -> Regime:
        """A regime by CBS code or id, case-insensitive; shipped regimes first."""
        try:
            return get_shipped(municipality, lang=lang)
        except EvaluationError:
            pass
        key = municipality.strip()
        for regime in self._extra.values():
            if regime.id == key.lower() or (regime.cbs_code and regime.cbs_code == key.upper()):
                return regime
        known = ", ".join(f"{r.id} ({r.cbs_code})" if r.cbs_code else r.id for r in self.regimes())
        raise EvaluationError([Problem("municipality", "unknown_municipality", {"allowed": known})], lang=lang)


def _require_folder(folder: Path) -> None:
    if not Path(folder).is_dir():
        raise RegimeError([Problem("", "folder_not_found")], source=str(folder))


def _taken(regime_id: str, by: str) -> dict[str, str]:
    return {
        "detail_nl": f"de id '{regime_id}' is al in gebruik ({'meegeleverd regime' if by == 'a shipped regime' else by})",
        "detail_en": f"the id '{regime_id}' is already taken ({by})",
    }


def _code_taken(code: str | None, by: Regime) -> dict[str, str]:
    return {
        "detail_nl": f"de CBS-code '{code}' is al in gebruik (regime '{by.id}', {by.source})",
        "detail_en": f"the CBS code '{code}' is already taken (regime '{by.id}', {by.source})",
    }


def _regime_files(folder: Path) -> Iterator[Path]:
    """The regime files of a folder: its ``*.toml`` files but the scenario files. Each must be a
    regular file: a pipe or a device (a link to ``/dev/zero``) in a folder is refused by its name."""
    for path in sorted(folder.glob("*.toml")):
        if not path.is_file():
            raise RegimeError([Problem("", "file_not_found")], source=str(path))
        if not _is_scenario_file(path):
            yield path


def _is_scenario_file(path: Path) -> bool:
    """Whether a regular ``*.toml`` file of a regime folder is a scenario file, read as the regime
    loader reads a file: no more than ``MAX_BYTES`` of it (a huge file was read whole)."""
    try:
        data = read_file(path, MAX_BYTES)
        if len(data) > MAX_BYTES:
            return False
        raw: dict[str, Any] = tomllib.loads(data.decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError):
        return False  # not readable: let the regime loader say what is wrong
    return "scenario" in raw and "versions" not in raw


#: The default: shipped regimes and those of installed packages.
DEFAULT = Catalog()


def catalog(regimes: Catalog | str | Path | None) -> Catalog:
    """A catalog from what a caller gives: a catalog, a folder, or nothing (the default)."""
    if isinstance(regimes, Catalog):
        return regimes
    if regimes is None:
        return DEFAULT
    try:
        return Catalog(directories=(Path(regimes),))
    except TypeError:  # bytes, a number, a path-like that gives bytes
        expected = {"expected_nl": "een map met regimebestanden of een Catalog", "expected_en": "a folder of regime files or a Catalog"}
        raise EvaluationError([Problem("regimes", "invalid_argument", expected)]) from None


def _package_regimes(entry: Any) -> list[tuple[Path, Regime]]:
    """The regime files an installed package's entry point names, each with its regime. An entry
    point that cannot be loaded (its module missing, an error in its code) or an invalid file is a
    :class:`RegimeError` naming the package and the entry point, never an internal error."""
    try:
        target = Path(str(entry.load()))
    except (Exception, SystemExit) as exc:  # the package's own code: anything can go wrong in it, even an exit
        reason = {"detail_nl": f"niet te laden ({type(exc).__name__})", "detail_en": f"cannot be loaded ({type(exc).__name__})"}
        raise RegimeError([Problem("", "regime_package", {**_package(entry), **reason})]) from None
    try:
        return [(path, load(path)) for path in (_regime_files(target) if target.is_dir() else [target])]
    except RegimeError as exc:
        alone = [RegimeError([problem], source=exc.source) for problem in exc.problems]
        raise RegimeError(
            [Problem("", "regime_package", {**_package(entry), "detail_nl": one.render("nl"), "detail_en": one.render("en")}) for one in alone]
        ) from None


def _package(entry: Any) -> dict[str, str]:
    """The package and the entry point, as a message names them."""
    dist = getattr(entry, "dist", None)
    return {"package": dist.name if dist is not None else "?", "entry_point": f"{entry.name} = {entry.value}"}
