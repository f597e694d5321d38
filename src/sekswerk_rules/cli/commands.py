"""The commands besides check: toets, synth, regime, compare."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from .. import regime as regimes
from ..errors import CaseError, Problem, SekswerkRulesError
from ..jsontext import LocalProblem
from ..lang import Lang
from .check import _one
from .exits import USAGE_ERROR
from .output import _fail, _say
from .reading import _catalog, _date, _lines, _named, _progress

if TYPE_CHECKING:
    from ..scenarios import Scenario

#: The plot formats ``compare --plot`` writes (by the file's suffix).
PLOT_SUFFIXES = (".png", ".svg")


def _toets(args: argparse.Namespace, lang: Lang) -> int:
    """Run scenario files: 0 every scenario passed, 1 some did not, 2 a file is invalid (then
    nothing runs; every invalid file is reported)."""
    from .. import scenarios

    if not args.files and not args.all:
        _say("noem een of meer scenariobestanden, of --all", "name one or more scenario files, or --all", lang)
        return USAGE_ERROR
    files = [(Path(name), name) for name in args.files]
    if args.all:
        files += [(path, _shown(path)) for path in scenarios.shipped_files()]
    own = regimes.load(args.regime, lang=lang) if args.regime else None
    loaded, invalid = [], False
    for path, shown in files:
        try:
            found = scenarios.load(path, lang=lang, source=shown)
            chosen = _scenario_regimes(found, own, shown, lang)
        except SekswerkRulesError as exc:
            _fail(exc, lang)
            invalid = True
            continue
        loaded += [(s, chosen[s.regime]) for s in found]
    if invalid:
        return USAGE_ERROR
    results = [scenarios.run(s, regime=r) for s, r in loaded]
    if args.format == "json":
        sys.stdout.write(json.dumps([r.record(lang) for r in results], ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(scenarios.report(results, lang))
    return 0 if all(r.passed for r in results) else 1


def _scenario_regimes(found: list[Scenario], own: regimes.Regime | None, shown: str, lang: Lang) -> dict[str, regimes.Regime]:
    """The regime of each scenario by the id it names (``own``, from --regime, for all); an
    unknown id is reported where the file names it (``scenario[2].regime``, with its line)."""
    chosen: dict[str, regimes.Regime] = {}
    problems: dict[str, Problem] = {}
    for scenario in found:
        if own is not None or scenario.regime in chosen:
            chosen[scenario.regime] = own or chosen[scenario.regime]
            continue
        try:
            chosen[scenario.regime] = regimes.get(scenario.regime, lang=lang)
        except SekswerkRulesError as exc:
            path, line = scenario.regime_at
            problems.update((path, replace(p, path=path, line=line)) for p in exc.problems)
    if problems:
        raise SekswerkRulesError(list(problems.values()), lang=lang, source=shown)
    return chosen


def _shown(path: Path) -> str:
    """A file's name in messages: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return "/".join(path.parts[-4:])


def _synth(args: argparse.Namespace, lang: Lang) -> int:
    from .. import synth

    on = _date(args.date, lang)
    _catalog(args).get(args.municipality, lang=lang)  # an unknown municipality is refused before any output
    write = sys.stdout.write
    for one in synth.population(args.n, seed=args.seed, municipality=args.municipality, day=on):
        write(json.dumps(one, ensure_ascii=False) + "\n")
    return 0


def _regime_command(args: argparse.Namespace, lang: Lang) -> int:
    if args.action == "validate":
        loaded = regimes.load(args.file, lang=lang)
        count = loaded.own_versions
        if lang == "nl":
            print(f"{args.file}: geldig ({loaded.id}, {count} {'versie' if count == 1 else 'versies'}, basis {' -> '.join(r.id for r in loaded.chain())})")
        else:
            print(f"{args.file}: valid ({loaded.id}, {count} {'version' if count == 1 else 'versions'}, chain {' -> '.join(r.id for r in loaded.chain())})")
        return 0
    from ..presentation import table

    day = _date(args.date, lang)
    if args.action == "show":
        shown = _named(args.regime, lang, _catalog(args))
        shown.resolve(day, path="--date")  # a day before the regime is named as the option it came from
        sys.stdout.write(table.render_table(shown, day, args.format, lang))
        return 0
    left = _named(args.left, lang, _catalog(args))
    right = _named(args.right, lang, _catalog(args)) if args.right else left
    against = _date(args.against_date, lang, "--against-date") if args.against_date is not None else None
    _in_force(left, day, right, against)
    other = against or day
    changes = table.diff(left, day, right, other)
    names = (f"{left.id} {day.isoformat()}", f"{right.id} {other.isoformat()}")
    sys.stdout.write(table.render_diff(changes, *names, args.format, lang))
    return 0


def _compare(args: argparse.Namespace, lang: Lang) -> int:
    if args.plot:
        _check_plot(args.plot, lang)
    left = _named(args.regime, lang, _catalog(args))
    right = _named(args.against, lang, _catalog(args)) if args.against else left
    on = _date(args.date, lang) if args.date is not None else None
    against = _date(args.against_date, lang, "--against-date") if args.against_date is not None else None
    _in_force(left, on, right, against)  # a day before a regime is named once, not on every line
    from ..presentation import compare as comparing

    lines = _progress(_lines(args.cases, lang))
    result = comparing.compare(lines, left, right, on=on, against_on=against, read=lambda item: _one(item[1], lang)[1], on_error=_bad_line(lang))
    sys.stdout.write(comparing.render(result, args.format, lang))
    if args.plot:
        comparing.plot(result, args.plot, lang)
    return USAGE_ERROR if result.errors else 0


def _in_force(left: regimes.Regime, on: date | None, right: regimes.Regime, against: date | None) -> None:
    """Refuse a day before a regime as the option it came from: ``--date`` for ``left`` (and for
    ``right`` without ``--against-date``), ``--against-date`` for ``right``; ``None``: the
    case's own day, checked with each case."""
    if on is not None:
        left.resolve(on, path="--date")
    other = against or on
    if other is not None:
        right.resolve(other, path="--date" if against is None else "--against-date")


def _bad_line(lang: Lang) -> Callable[[tuple[int, bytes], SekswerkRulesError], None]:
    """What ``compare`` says of a line that is no valid case: one line on stderr per problem,
    with the line's number and the field, never the value (read as ``check`` reads JSON Lines)."""

    def report(item: tuple[int, bytes], exc: SekswerkRulesError) -> None:
        _fail(SekswerkRulesError([replace(p, line=item[0]) for p in exc.problems]), lang)

    return report


def _check_plot(name: str, lang: Lang) -> None:
    """Refuse a plot file the run could not write, before the cases are decided."""
    path = Path(name)
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise CaseError([Problem("--plot", "invalid_choice", {"allowed": ", ".join(PLOT_SUFFIXES)})], lang=lang)
    if not path.parent.is_dir():
        raise CaseError([LocalProblem("--plot", "folder_not_found")], lang=lang)
