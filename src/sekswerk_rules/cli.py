"""The command line: a thin shell that parses arguments and renders decisions.

Exit status of ``check``: 0 legal, 1 illegal, 3 undetermined; only a verdict gives these.
Every failure exits 2 with one line per problem on standard error and never a traceback:
bad usage, invalid input, a file that cannot be read or written, a closed pipe, a full disk,
even a bug (then only the kind of error is named, never its text, which could hold input).
An interrupt (Ctrl-C) exits 130, the shell's convention, with one line.

For many cases (JSON Lines, or ``-`` for standard input) every input line gets exactly one
output record, in order, carrying its line number (``"line": N``) and the case's own ``id``
when it has one; a blank line or an over-long line gets an error record (``empty_line``,
``too_large``; an over-long line is never read whole). The status is that of the worst
verdict, 2 if any line was invalid, and 2 for an empty input; every valid line is decided.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import IO, NoReturn

from . import regime as regimes
from . import render
from .case import MAX_CASE_BYTES, Case, parse_day
from .decision import Decision, Verdict
from .engine import evaluate
from .errors import CaseError, Lang, Problem, SekswerkRulesError
from .jsontext import LocalProblem, loads, take_id

EXIT = {Verdict.LEGAL: 0, Verdict.ILLEGAL: 1, Verdict.UNDETERMINED: 3}

#: Every command, as documented in docs/ontwikkelaars/cli.md (generated from --help).
COMMANDS: tuple[tuple[str, ...], ...] = (
    ("check",),
    ("compare",),
    ("synth",),
    ("schema",),
    ("regimes",),
    ("regime", "validate"),
    ("regime", "show"),
    ("regime", "diff"),
    ("toets",),
    ("serve",),
)
USAGE_ERROR = 2
INTERRUPTED = 130
#: The plot formats ``compare --plot`` writes (by the file's suffix).
PLOT_SUFFIXES = (".png", ".svg")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        """One line, exit 2 (argparse's usage block would make it several)."""
        self.exit(USAGE_ERROR, f"{self.prog}: {message} (--help)\n")


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError("een geheel getal van 0 of meer / a whole number, 0 or more")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sekswerk-rules", description="Is dit sekswerk legaal volgens de APV en het landelijk recht?")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    check = sub.add_parser("check", help="beoordeel een zaak (JSON) of veel zaken (JSON Lines, of - voor stdin)")
    check.add_argument("case", help="CASE.json, CASE.jsonl of - (JSON Lines op stdin)")
    check.add_argument("--municipality", "-m", help="CBS-code (GM0080) of regime-id (leeuwarden)")
    check.add_argument("--date", "-d", help="peildatum JJJJ-MM-DD (standaard: uit de zaak, anders vandaag)")
    check.add_argument("--format", "-f", choices=["text", "json", "markdown"], default="text")
    check.add_argument("--lang", choices=["nl", "en"], default="nl")
    check.add_argument("--regime", help="een eigen regimebestand (TOML) in plaats van een meegeleverd regime")
    check.add_argument(
        "--force-regime",
        action="store_true",
        help="gebruik --regime ook als de zaak een andere gemeente noemt (anders is dat een fout)",
    )
    check.add_argument(
        "--advise",
        action=argparse.BooleanOptionalAction,
        default=None,
        help="herstelplan en volgende vragen toevoegen (standaard: aan voor één zaak, uit voor JSON Lines)",
    )

    comparing = sub.add_parser("compare", help="vergelijk twee regimes (of datums) over een verzameling zaken")
    comparing.add_argument("cases", help="CASES.jsonl of - (stdin)")
    comparing.add_argument("--regime", required=True, help="regime-id, CBS-code of regimebestand (links)")
    comparing.add_argument("--against", help="regime-id, CBS-code of regimebestand (rechts; standaard hetzelfde)")
    comparing.add_argument("--date", "-d", help="peildatum links (standaard: uit elke zaak)")
    comparing.add_argument("--against-date", help="peildatum rechts (standaard: --date)")
    comparing.add_argument("--format", "-f", choices=["text", "json", "markdown"], default="text")
    comparing.add_argument("--plot", help="schrijf een staafdiagram (PNG of SVG) van de verschuivingen; vraagt de extra [plot]")
    comparing.add_argument("--lang", choices=["nl", "en"], default="nl")

    synth = sub.add_parser("synth", help="een verzonnen populatie zaken (JSON Lines) om beleid mee te proberen")
    synth.add_argument("--n", type=_count, default=1000)
    synth.add_argument("--seed", type=int, default=0)
    synth.add_argument("--municipality", "-m", default="leeuwarden")
    synth.add_argument("--date", "-d", default="2024-05-01")
    synth.add_argument("--lang", choices=["nl", "en"], default="nl")

    serve = sub.add_parser("serve", help="start de HTTP-interface (extra [server]: FastAPI en uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--lang", choices=["nl", "en"], default="nl")

    toets = sub.add_parser("toets", help="voer scenariobestanden uit: geslaagd, of wat verschilt (exit 0 alles geslaagd, 1 niet alles, 2 ongeldig)")
    toets.add_argument("files", nargs="*", metavar="FILE", help="scenariobestanden (TOML)")
    toets.add_argument("--all", action="store_true", help="de scenario's van elk meegeleverd regime")
    toets.add_argument("--regime", help="voer de scenario's uit tegen dit regimebestand (TOML) in plaats van het regime dat het bestand noemt")
    toets.add_argument("--format", "-f", choices=["text", "json"], default="text")
    toets.add_argument("--lang", choices=["nl", "en"], default="nl")

    schema = sub.add_parser("schema", help="het JSON Schema van een zaak, of met --scenario van een scenariobestand")
    schema.add_argument("--scenario", action="store_true", help="het JSON Schema van een scenariobestand (voor de editor)")
    schema.add_argument("--lang", choices=["nl", "en"], default="nl")

    listing = sub.add_parser("regimes", help="de meegeleverde regimes")
    listing.add_argument("--lang", choices=["nl", "en"], default="nl")

    one = sub.add_parser("regime", help="een regime valideren, tonen of vergelijken")
    one_sub = one.add_subparsers(dest="action", required=True, parser_class=_Parser)
    validate = one_sub.add_parser("validate", help="valideer een regimebestand (TOML)")
    validate.add_argument("file")
    validate.add_argument("--lang", choices=["nl", "en"], default="nl")
    show = one_sub.add_parser("show", help="de beslistabel van een regime op een datum")
    show.add_argument("regime", help="regime-id, CBS-code of een regimebestand (.toml)")
    show.add_argument("--date", "-d", help="peildatum JJJJ-MM-DD (standaard: vandaag)")
    show.add_argument("--format", "-f", choices=["text", "json", "markdown"], default="text")
    show.add_argument("--lang", choices=["nl", "en"], default="nl")
    compare = one_sub.add_parser("diff", help="wat verschilt tussen twee regimes, of twee datums van één regime")
    compare.add_argument("left", help="regime-id, CBS-code of regimebestand")
    compare.add_argument("right", nargs="?", help="tweede regime (standaard: hetzelfde, met --against-date)")
    compare.add_argument("--date", "-d", help="peildatum JJJJ-MM-DD (standaard: vandaag)")
    compare.add_argument("--against-date", help="peildatum voor het tweede regime (standaard: --date)")
    compare.add_argument("--format", "-f", choices=["text", "json", "markdown"], default="text")
    compare.add_argument("--lang", choices=["nl", "en"], default="nl")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. The one place that catches every failure."""
    lang: Lang = "en" if _wants_english(sys.argv[1:] if argv is None else argv) else "nl"
    try:
        args = _parser().parse_args(argv)
        lang = args.lang
        status = _run(args, lang)
        sys.stdout.flush()  # a full disk or a closed pipe shows here, not at interpreter exit
        return status
    except SekswerkRulesError as exc:
        _fail(exc, lang)
    except KeyboardInterrupt:
        _say("onderbroken", "interrupted", lang)
        return INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()
        _say("de uitvoer is afgesloten voordat alles geschreven was", "the output was closed before everything was written", lang)
    except OSError as exc:
        _silence_stdout()
        reason = exc.strerror or type(exc).__name__  # the system's reason, never a file name or content
        _say(f"lezen of schrijven mislukt: {reason}", f"reading or writing failed: {reason}", lang)
    except MemoryError:
        _say("te weinig geheugen", "out of memory", lang)
    except Exception as exc:  # a RecursionError, a bug: never a traceback
        _say(
            f"interne fout ({type(exc).__name__}); meld dit aan de ontwikkelaars, zonder de invoer",
            f"internal error ({type(exc).__name__}); please report it to the developers, without the input",
            lang,
        )
    return USAGE_ERROR


def _wants_english(argv: Sequence[str]) -> bool:
    return "--lang=en" in argv or ("--lang", "en") in pairwise(argv)


def _say(nl: str, en: str, lang: Lang) -> None:
    """One line on standard error; if even that fails, stay silent."""
    with suppress(OSError, ValueError):
        print(f"fout: {nl}" if lang == "nl" else f"error: {en}", file=sys.stderr, flush=True)


def _silence_stdout() -> None:
    """If standard output cannot take what is left in its buffer, point it at the null device,
    so the interpreter's last flush does not fail again (with a message of several lines)."""
    try:
        sys.stdout.flush()
        return
    except (OSError, ValueError):
        pass
    with suppress(OSError, ValueError):
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)


def _run(args: argparse.Namespace, lang: Lang) -> int:
    if args.command == "check":
        return _check(args, lang)
    if args.command == "compare":
        return _compare(args, lang)
    if args.command == "synth":
        return _synth(args, lang)
    if args.command == "serve":
        try:
            from .server import serve as run_server
        except ImportError:
            _say(
                "de HTTP-interface vraagt de extra [server]: pip install 'sekswerk-rules[server]'",
                "the HTTP interface needs the [server] extra: pip install 'sekswerk-rules[server]'",
                lang,
            )
            return USAGE_ERROR
        run_server(args.host, args.port, lang=args.lang)
        return 0
    if args.command == "schema":
        if args.scenario:
            from .scenarios import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        else:
            print(json.dumps(Case.model_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "toets":
        return _toets(args, lang)
    if args.command == "regimes":
        for regime in regimes.shipped():
            if regime.id == regimes.NATIONAL:
                continue
            versions = ", ".join(v.valid_from.isoformat() for v in regime.versions)
            print(f"{regime.id}\t{regime.cbs_code or '-'}\t{regime.name}\t{versions}")
        return 0
    return _regime_command(args, lang)


def _toets(args: argparse.Namespace, lang: Lang) -> int:
    """Run scenario files: 0 every scenario passed, 1 some did not, 2 a file is invalid (then
    nothing runs; every invalid file is reported)."""
    from . import scenarios

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
            chosen = {s.regime: own or _scenario_regime(s.regime, shown, lang) for s in found}
        except SekswerkRulesError as exc:
            _fail(exc, lang)
            invalid = True
            continue
        loaded += [(s, chosen[s.regime]) for s in found]
    if invalid:
        return USAGE_ERROR
    results = [scenarios.run(s, regime=r) for s, r in loaded]
    if args.format == "json":
        sys.stdout.write(json.dumps([r.record() for r in results], ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write(scenarios.report(results, lang))
    return 0 if all(r.passed for r in results) else 1


def _scenario_regime(name: str, shown: str, lang: Lang) -> regimes.Regime:
    try:
        return regimes.get(name, lang=lang)
    except SekswerkRulesError as exc:
        raise type(exc)([replace(p, path="regime") for p in exc.problems], lang=lang, source=shown) from None


def _shown(path: Path) -> str:
    """A file's name in messages: relative to the working folder when it lies inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return "/".join(path.parts[-4:])


def _synth(args: argparse.Namespace, lang: Lang) -> int:
    from . import synth

    on = _date(args.date, lang)
    regimes.get(args.municipality, lang=lang)  # an unknown municipality is refused before any output
    write = sys.stdout.write
    for one in synth.population(args.n, seed=args.seed, municipality=args.municipality, on=on):
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
    from . import table

    day = _date(args.date, lang)
    if args.action == "show":
        sys.stdout.write(table.render_table(_named(args.regime, lang), day, args.format, lang))
        return 0
    left = _named(args.left, lang)
    right = _named(args.right, lang) if args.right else left
    other = _date(args.against_date, lang, "--against-date") if args.against_date else day
    changes = table.diff(left, day, right, other)
    names = (f"{left.id} {day.isoformat()}", f"{right.id} {other.isoformat()}")
    sys.stdout.write(table.render_diff(changes, *names, args.format, lang))
    return 0


def _compare(args: argparse.Namespace, lang: Lang) -> int:
    if args.plot:
        _check_plot(args.plot, lang)
    left = _named(args.regime, lang)
    right = _named(args.against, lang) if args.against else left
    on = _date(args.date, lang) if args.date else None
    against = _date(args.against_date, lang, "--against-date") if args.against_date else None
    from . import compare as comparing

    cases = (line for _, line in _progress(_lines(args.cases, lang)))
    result = comparing.compare(cases, left, right, on=on, against_on=against)
    sys.stdout.write(comparing.render(result, args.format, lang))
    if args.plot:
        comparing.plot(result, args.plot, lang)
    return USAGE_ERROR if result.errors else 0


def _check_plot(name: str, lang: Lang) -> None:
    """Refuse a plot file the run could not write, before the cases are decided."""
    path = Path(name)
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise CaseError([Problem("--plot", "invalid_choice", {"allowed": ", ".join(PLOT_SUFFIXES)})], lang=lang)
    if not path.parent.is_dir():
        raise CaseError([LocalProblem("--plot", "folder_not_found")], lang=lang)


def _progress(lines: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """A progress bar on stderr when it is a terminal (tqdm), otherwise the lines as they are."""
    if not sys.stderr.isatty():
        return lines
    from tqdm import tqdm

    return iter(tqdm(lines, unit=" zaken", file=sys.stderr, leave=False))


def _named(name: str, lang: Lang) -> regimes.Regime:
    return regimes.load(name, lang=lang) if name.endswith(".toml") else regimes.get(name, lang=lang)


def _date(value: str | None, lang: Lang, option: str = "--date") -> date:
    return parse_day(value, option, lang=lang)


def _fail(exc: SekswerkRulesError, lang: Lang) -> None:
    """One line per problem; a control character in a message can never start another line."""
    prefix = "fout" if lang == "nl" else "error"
    lines = [line for line in exc.render(lang).splitlines() if line.strip()]
    text = "".join(f"{prefix}: {''.join(c if c.isprintable() else ' ' for c in line)}\n" for line in lines)
    with suppress(OSError, ValueError):
        sys.stderr.write(text)
        sys.stderr.flush()


def _check(args: argparse.Namespace, lang: Lang) -> int:
    regime = regimes.load(args.regime, lang=lang) if args.regime else None
    on = _date(args.date, lang) if args.date else None  # a bad --date is reported as --date
    if args.case == "-" or args.case.endswith(".jsonl"):
        return _batch(args, lang, regime, on)
    data = loads(_read(args.case, lang), lang=lang)
    take_id(data, known=_KNOWS_ID, lang=lang)
    advise = True if args.advise is None else args.advise
    decision = evaluate(data, municipality=args.municipality, on=on, lang=lang, regime=regime, advise=advise, force_regime=args.force_regime)
    sys.stdout.write(_show(decision, args.format, lang))
    return EXIT[decision.verdict]


#: Whether the case model (and the decision) know the case's own ``id`` yet.
_KNOWS_ID = "id" in Case.model_fields
_DECISION_ID = "id" in Decision.model_fields


def _read(name: str, lang: Lang) -> bytes:
    try:
        with open(name, "rb") as handle:
            data = handle.read(MAX_CASE_BYTES + 1)
    except OSError:
        raise CaseError([Problem("", "file_not_found")], lang=lang, source=name) from None
    if len(data) > MAX_CASE_BYTES:
        raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang, source=name)
    return data


def _show(decision: Decision, form: str, lang: Lang) -> str:
    if form == "json":
        return decision.model_dump_json() + "\n"
    return render.markdown(decision, lang) if form == "markdown" else render.text(decision, lang)


#: What a line over the limit is read as: never the line itself.
TOO_LARGE = b""


def _lines(name: str, lang: Lang) -> Iterator[tuple[int, bytes]]:
    """Every line with its number, blank ones included; a line over ``MAX_CASE_BYTES`` is
    read only up to the limit, the rest skipped, and given as :data:`TOO_LARGE`."""
    if name == "-":
        stream: IO[bytes] = sys.stdin.buffer
    else:
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below
        except OSError:
            raise CaseError([Problem("", "file_not_found")], lang=lang, source=name) from None
    number = 0
    with stream:
        while True:
            line = stream.readline(MAX_CASE_BYTES + 2)  # the case, and "\r\n" at most
            if not line:
                break
            number += 1
            if len(line.rstrip(b"\r\n")) > MAX_CASE_BYTES:
                while line and not line.endswith(b"\n"):
                    line = stream.readline(1 << 16)
                yield number, TOO_LARGE
                continue
            yield number, line
    if not number:
        raise CaseError([LocalProblem("", "empty_input")], lang=lang, source=None if name == "-" else name)


def _one(line: bytes, lang: Lang) -> tuple[str | None, dict[str, object]]:
    """The case's own id and its facts, from one line of JSON Lines."""
    if line == TOO_LARGE:
        raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang)
    if not line.strip():
        raise CaseError([LocalProblem("", "empty_line")], lang=lang)
    data = loads(line, lang=lang)
    if not isinstance(data, dict):
        raise CaseError([Problem("", "not_an_object")], lang=lang)
    return take_id(data, known=_KNOWS_ID, lang=lang), data


def _head(number: int, own: str | None) -> str:
    """The start of a JSON record: its line number and the case's own id."""
    return f'{{"line": {number}, ' + (f'"id": {json.dumps(own)}, ' if own is not None else "")


def _batch(args: argparse.Namespace, lang: Lang, regime: regimes.Regime | None, on: date | None) -> int:
    counts: Counter[str] = Counter()
    worst = 0
    write = sys.stdout.write
    word = "regelnummer" if lang == "nl" else "line"
    for number, line in _progress(_lines(args.case, lang)):
        own = None
        try:
            own, data = _one(line, lang)
            decision = evaluate(data, municipality=args.municipality, on=on, lang=lang, regime=regime, advise=bool(args.advise), force_regime=args.force_regime)
        except SekswerkRulesError as exc:
            counts["error"] += 1
            if args.format == "json":
                problems = [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in exc.problems]
                write(_head(number, own) + json.dumps({"errors": problems}, ensure_ascii=False)[1:] + "\n")
            else:
                label = f"{word} {number}" + (f" ({own})" if own else "")
                write("".join(f"{label}: {'fout' if lang == 'nl' else 'error'}: {p.message(lang)}\n" for p in exc.problems))
            continue
        counts[decision.verdict.value] += 1
        worst = max(worst, {0: 0, 3: 1, 1: 2}[EXIT[decision.verdict]])
        if args.format == "json":
            body = decision.model_dump_json()
            write((_head(number, None if _DECISION_ID else own) + body[1:] if body != "{}" else body) + "\n")
        else:
            label = f"{word} {number}" + (f" ({own})" if own else "")
            write((f"## {label}\n\n" if args.format == "markdown" else f"== {label}\n") + _show(decision, args.format, lang))
    summary = ", ".join(f"{key}: {counts[key]}" for key in ("legal", "illegal", "undetermined", "error"))
    print(("samenvatting: " if lang == "nl" else "summary: ") + summary, file=sys.stderr)
    if counts["error"]:
        return USAGE_ERROR
    return {0: 0, 1: 3, 2: 1}[worst]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
