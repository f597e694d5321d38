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
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from contextlib import suppress
from dataclasses import replace
from datetime import date
from itertools import pairwise
from pathlib import Path
from typing import IO, Any, NoReturn

from . import regime as regimes
from .case import MAX_CASE_BYTES, Case, parse_day
from .catalog import Catalog
from .decision import Decision, Verdict
from .engine import decide, evaluate
from .errors import CaseError, Problem, SekswerkRulesError
from .jsontext import LocalProblem, loads, take_id
from .lang import Lang, Text
from .presentation import render
from .version import __version__

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


class _Formatter(argparse.HelpFormatter):
    """argparse's help in Dutch, like the descriptions: "gebruik:" instead of "usage:"."""

    def add_usage(self, usage: str | None, actions: Iterable[argparse.Action], groups: Iterable[Any], prefix: str | None = None) -> None:
        super().add_usage(usage, actions, groups, "gebruik: " if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs["add_help"] = False
        super().__init__(*args, **kwargs)
        self._positionals.title = "positionele argumenten"
        self._optionals.title = "opties"
        self.add_argument("-h", "--help", action="help", default=argparse.SUPPRESS, help="toon deze hulp en stop / show this help and exit")

    def error(self, message: str) -> NoReturn:
        """One line in the user's language, exit 2 (argparse's usage block would make it several)."""
        self.exit(USAGE_ERROR, f"{self.prog}: {argparse_message(message, _ERROR_LANG[0])} (--help)\n")


#: The language of argparse's errors: set by :func:`main` from the command line before parsing.
_ERROR_LANG: list[Lang] = ["nl"]

#: argparse's messages (Python 3.11 to 3.13) in both languages; a value the user typed is never
#: repeated (it could be anything, a BSN typed in the wrong place too), only option names.
_ARGPARSE: tuple[tuple[re.Pattern[str], Text], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>[-\w, /]+)"),
        Text("deze argumenten ontbreken: {names}", "the following arguments are required: {names}"),
    ),
    (re.compile(r"unrecognized arguments: (?P<given>.*)"), Text("onbekende argumenten{options}", "unrecognized arguments{options}")),
    (
        re.compile(r"argument (?P<name>[-\w/]+): invalid choice: .* \(choose from (?P<choices>.*)\)"),
        Text("argument {name}: ongeldige keuze; kies uit {choices}", "argument {name}: invalid choice; choose from {choices}"),
    ),
    (re.compile(r"argument (?P<name>[-\w/]+): invalid \w+ value: .*"), Text("argument {name}: ongeldige waarde", "argument {name}: invalid value")),
    (re.compile(r"argument (?P<name>[-\w/]+): expected one argument"), Text("argument {name}: verwacht één waarde", "argument {name}: expected one argument")),
    (
        re.compile(r"argument (?P<name>[-\w/]+): not allowed with argument (?P<other>[-\w/]+)"),
        Text("argument {name}: niet samen met {other}", "argument {name}: not allowed with argument {other}"),
    ),
    (
        re.compile(r"ambiguous option: (?P<option>[-\w]+) could match (?P<matches>[-\w, ]+)"),
        Text("dubbelzinnige optie {option}: kan {matches} zijn", "ambiguous option {option}: could match {matches}"),
    ),
    (re.compile(r"argument (?P<name>[-\w/]+): (?P<nl>[^/]+) / (?P<en>.+)"), Text("argument {name}: {nl}", "argument {name}: {en}")),
)
_OPTION = re.compile(r"--?[A-Za-z][-A-Za-z]{0,30}")


def argparse_message(message: str, lang: Lang) -> str:
    """argparse's error ``message`` in ``lang``, without any value the user typed.

    >>> argparse_message("argument --lang: invalid choice: 'de' (choose from 'nl', 'en')", "nl")
    "argument --lang: ongeldige keuze; kies uit 'nl', 'en'"
    >>> argparse_message("unrecognized arguments: --bogus 123456782", "en")
    'unrecognized arguments: --bogus (and 1 more)'
    """
    for pattern, text in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found is None:
            continue
        values = found.groupdict()
        if "given" in values:
            given = values["given"].split()
            options = [g for g in given if _OPTION.fullmatch(g)]
            more = len(given) - len(options)
            tail = Text(f" (en nog {more})", f" (and {more} more)")(lang) if more else ""
            values["options"] = (": " + " ".join(options) if options else "") + tail
        return text(lang).format(**values)
    return message


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError("een geheel getal van 0 of meer / a whole number, 0 or more")
    return value


_LANG = "taal van uitleg en fouten: nl (standaard) of en"
_REGIMES = "een map met eigen regimebestanden (TOML); hun id en CBS-code zijn dan ook bekend (herhaalbaar)"


def _lang_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--lang", choices=["nl", "en"], default="nl", help=_LANG)


def _regimes_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--regimes", action="append", metavar="MAP", help=_REGIMES)


def _format_option(parser: argparse.ArgumentParser, choices: Sequence[str] = ("text", "json", "markdown")) -> None:
    parser.add_argument("--format", "-f", choices=list(choices), default="text", help=f"uitvoer: {', '.join(choices)} (standaard text)")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="sekswerk-rules", description="Is dit sekswerk legaal volgens de APV en het landelijk recht?")
    parser.add_argument(
        "--version", action="version", version=f"sekswerk-rules {__version__}", help="toon het versienummer en stop / show the version and exit"
    )
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, title="opdrachten", metavar="OPDRACHT")
    for add in (_add_check, _add_compare, _add_synth, _add_serve, _add_toets, _add_schema, _add_regimes, _add_regime):
        add(sub)
    return parser


def _add_check(sub: Any) -> None:
    """check: one case (JSON) or many (JSON Lines, or - for standard input)."""
    check = sub.add_parser("check", help="beoordeel een zaak (JSON) of veel zaken (JSON Lines, of - voor stdin)")
    check.add_argument("case", help="CASE.json, CASE.jsonl of - (stdin: één JSON-document of JSON Lines)")
    check.add_argument("--municipality", "-m", help="CBS-code (GM0080) of regime-id (leeuwarden)")
    check.add_argument("--date", "-d", help="peildatum JJJJ-MM-DD (standaard: uit de zaak, anders vandaag)")
    _format_option(check)
    _lang_option(check)
    check.add_argument("--regime", help="een eigen regimebestand (TOML) in plaats van een meegeleverd regime")
    _regimes_option(check)
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


def _add_compare(sub: Any) -> None:
    """compare: two regimes (or dates) over a set of cases."""
    comparing = sub.add_parser("compare", help="vergelijk twee regimes (of datums) over een verzameling zaken")
    comparing.add_argument("cases", help="CASES.jsonl of - (stdin)")
    comparing.add_argument("--regime", required=True, help="regime-id, CBS-code of regimebestand (links)")
    comparing.add_argument("--against", help="regime-id, CBS-code of regimebestand (rechts; standaard hetzelfde)")
    comparing.add_argument("--date", "-d", help="peildatum links (standaard: uit elke zaak)")
    comparing.add_argument("--against-date", help="peildatum rechts (standaard: --date)")
    _format_option(comparing)
    comparing.add_argument("--plot", help="schrijf een staafdiagram (PNG of SVG) van de verschuivingen; vraagt de extra [plot]")
    _lang_option(comparing)
    _regimes_option(comparing)


def _add_synth(sub: Any) -> None:
    """synth: an invented population of cases."""
    synth = sub.add_parser("synth", help="een verzonnen populatie zaken (JSON Lines) om beleid mee te proberen")
    synth.add_argument("--n", type=_count, default=1000, help="aantal zaken (standaard 1000)")
    synth.add_argument("--seed", type=int, default=0, help="startwaarde van het toeval: dezelfde seed geeft dezelfde zaken (standaard 0)")
    synth.add_argument("--municipality", "-m", default="leeuwarden", help="CBS-code of regime-id van de zaken (standaard leeuwarden)")
    synth.add_argument("--date", "-d", default="2024-05-01", help="peildatum van de zaken JJJJ-MM-DD (standaard 2024-05-01)")
    _lang_option(synth)
    _regimes_option(synth)


def _add_serve(sub: Any) -> None:
    """serve: the HTTP interface."""
    serve = sub.add_parser("serve", help="start de HTTP-interface (extra [server]: FastAPI en uvicorn)")
    serve.add_argument("--host", default="127.0.0.1", help="adres om op te luisteren (standaard 127.0.0.1, alleen deze computer)")
    serve.add_argument("--port", type=int, default=8000, help="poort (standaard 8000)")
    serve.add_argument("--lang", choices=["nl", "en"], default="nl", help="standaardtaal van uitleg en fouten als een verzoek geen lang noemt: nl of en")
    _regimes_option(serve)


def _add_toets(sub: Any) -> None:
    """toets: run scenario files."""
    toets = sub.add_parser("toets", help="voer scenariobestanden uit: geslaagd, of wat verschilt (exit 0 alles geslaagd, 1 niet alles, 2 ongeldig)")
    toets.add_argument("files", nargs="*", metavar="FILE", help="scenariobestanden (TOML)")
    toets.add_argument("--all", action="store_true", help="de scenario's van elk meegeleverd regime")
    toets.add_argument("--regime", help="voer de scenario's uit tegen dit regimebestand (TOML) in plaats van het regime dat het bestand noemt")
    _format_option(toets, ("text", "json"))
    _lang_option(toets)


def _add_schema(sub: Any) -> None:
    """schema: the JSON Schema of a case, a scenario file or a regime file."""
    schema = sub.add_parser("schema", help="het JSON Schema van een zaak, of met --scenario van een scenariobestand, met --regime-file van een regimebestand")
    which = schema.add_mutually_exclusive_group()
    which.add_argument("--scenario", action="store_true", help="het JSON Schema van een scenariobestand (voor de editor)")
    which.add_argument("--regime-file", action="store_true", help="het JSON Schema van een regimebestand (voor de editor: taplo, Even Better TOML)")
    _lang_option(schema)


def _add_regimes(sub: Any) -> None:
    """regimes: the regimes a command can name."""
    listing = sub.add_parser("regimes", help="de regimes: meegeleverd, uit geïnstalleerde pakketten en uit --regimes")
    _lang_option(listing)
    _regimes_option(listing)


def _add_regime(sub: Any) -> None:
    """regime validate / show / diff."""
    one = sub.add_parser("regime", help="een regime valideren, tonen of vergelijken")
    one_sub = one.add_subparsers(dest="action", required=True, parser_class=_Parser, title="opdrachten", metavar="ACTIE")
    validate = one_sub.add_parser("validate", help="valideer een regimebestand (TOML)")
    validate.add_argument("file", help="het regimebestand (TOML)")
    _lang_option(validate)
    show = one_sub.add_parser("show", help="de beslistabel van een regime op een datum")
    show.add_argument("regime", help="regime-id, CBS-code of een regimebestand (.toml)")
    show.add_argument("--date", "-d", help="peildatum JJJJ-MM-DD (standaard: vandaag)")
    _format_option(show)
    _lang_option(show)
    _regimes_option(show)
    compare = one_sub.add_parser("diff", help="wat verschilt tussen twee regimes, of twee datums van één regime")
    compare.add_argument("left", help="regime-id, CBS-code of regimebestand")
    compare.add_argument("right", nargs="?", help="tweede regime (standaard: hetzelfde, met --against-date)")
    compare.add_argument("--date", "-d", help="peildatum JJJJ-MM-DD (standaard: vandaag)")
    compare.add_argument("--against-date", help="peildatum voor het tweede regime (standaard: --date)")
    _format_option(compare)
    _lang_option(compare)
    _regimes_option(compare)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status. The one place that catches every failure."""
    lang: Lang = "en" if _wants_english(sys.argv[1:] if argv is None else argv) else "nl"
    _ERROR_LANG[0] = lang
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
        print(Text(f"fout: {nl}", f"error: {en}")(lang), file=sys.stderr, flush=True)


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
        run_server(args.host, args.port, lang=args.lang, regimes=_catalog(args))
        return 0
    if args.command == "schema":
        if args.scenario:
            from .scenarios import json_schema

            print(json.dumps(json_schema(), indent=2, ensure_ascii=False))
        elif args.regime_file:
            from . import regime_schema

            sys.stdout.write(regime_schema.render())
        else:
            print(json.dumps(Case.model_json_schema(), indent=2, ensure_ascii=False))
        return 0
    if args.command == "toets":
        return _toets(args, lang)
    if args.command == "regimes":
        for regime in _catalog(args).regimes():
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
    from .presentation import table

    day = _date(args.date, lang)
    if args.action == "show":
        sys.stdout.write(table.render_table(_named(args.regime, lang, _catalog(args)), day, args.format, lang))
        return 0
    left = _named(args.left, lang, _catalog(args))
    right = _named(args.right, lang, _catalog(args)) if args.right else left
    other = _date(args.against_date, lang, "--against-date") if args.against_date else day
    changes = table.diff(left, day, right, other)
    names = (f"{left.id} {day.isoformat()}", f"{right.id} {other.isoformat()}")
    sys.stdout.write(table.render_diff(changes, *names, args.format, lang))
    return 0


def _compare(args: argparse.Namespace, lang: Lang) -> int:
    if args.plot:
        _check_plot(args.plot, lang)
    left = _named(args.regime, lang, _catalog(args))
    right = _named(args.against, lang, _catalog(args)) if args.against else left
    on = _date(args.date, lang) if args.date else None
    against = _date(args.against_date, lang, "--against-date") if args.against_date else None
    from .presentation import compare as comparing

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


def _named(name: str, lang: Lang, catalog: Catalog | None = None) -> regimes.Regime:
    """A regime by file (``.toml``), id or CBS code; ``catalog`` knows the regimes of ``--regimes``."""
    if name.endswith(".toml"):
        return regimes.load(name, lang=lang)
    return (catalog or Catalog()).get(name, lang=lang)


def _catalog(args: argparse.Namespace) -> Catalog:
    """The regimes a command can name: shipped, from installed packages, and from ``--regimes`` folders."""
    from .catalog import DEFAULT

    folders = tuple(Path(folder) for folder in getattr(args, "regimes", None) or ())
    return Catalog(directories=folders) if folders else DEFAULT


def _date(value: str | None, lang: Lang, option: str = "--date") -> date:
    return parse_day(value, option, lang=lang)


def _fail(exc: SekswerkRulesError, lang: Lang) -> None:
    """One line per problem; a control character in a message can never start another line."""
    prefix = Text("fout", "error")(lang)
    lines = [line for line in exc.render(lang).splitlines() if line.strip()]
    text = "".join(f"{prefix}: {''.join(c if c.isprintable() else ' ' for c in line)}\n" for line in lines)
    with suppress(OSError, ValueError):
        sys.stderr.write(text)
        sys.stderr.flush()


def _check(args: argparse.Namespace, lang: Lang) -> int:
    regime = regimes.load(args.regime, lang=lang) if args.regime else None
    on = _date(args.date, lang) if args.date else None  # a bad --date is reported as --date
    if args.case == "-":
        document, lines = _standard_input(lang)
        if document is None:
            return _batch(args, lang, regime, on, lines)
        return _single(args, lang, regime, on, document)
    if args.case.endswith(".jsonl"):
        return _batch(args, lang, regime, on, _lines(args.case, lang))
    return _single(args, lang, regime, on, _read(args.case, lang))


def _single(args: argparse.Namespace, lang: Lang, regime: regimes.Regime | None, on: date | None, text: bytes) -> int:
    """Decide one JSON document and write its decision; the exit status is its verdict's."""
    data = loads(text, lang=lang)
    take_id(data, known=_KNOWS_ID, lang=lang)
    advise = True if args.advise is None else args.advise
    decision = evaluate(
        data, municipality=args.municipality, on=on, lang=lang, regime=regime, advise=advise, force_regime=args.force_regime, regimes=_catalog(args)
    )
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


def _standard_input(lang: Lang) -> tuple[bytes | None, Iterator[tuple[int, bytes]]]:
    """What ``check -`` reads: one JSON document spread over lines, or JSON Lines.

    The first line decides: a line that is a JSON value of its own, a blank line, or a line that
    is wrong before its end starts JSON Lines (one case per line; one case on one line is JSON
    Lines of one). A line whose JSON is cut off at its end (``{`` of an indented document) starts
    one document, read whole up to ``MAX_CASE_BYTES``. Returns the document, or ``None`` and the lines."""
    stream = sys.stdin.buffer
    first = stream.readline(MAX_CASE_BYTES + 2)
    if not _cut_off(first):
        return None, _lines("-", lang, first=first)
    rest = stream.read(MAX_CASE_BYTES + 1 - len(first))
    if len(first) + len(rest) > MAX_CASE_BYTES:
        raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang)
    return first + rest, iter(())


def _cut_off(line: bytes) -> bool:
    """Whether a first line is the start of a JSON value that goes on past the line."""
    text = line.strip()
    if not text or len(line.rstrip(b"\r\n")) > MAX_CASE_BYTES:
        return False
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        return exc.pos >= len(exc.doc.rstrip())
    except (UnicodeDecodeError, RecursionError):
        return False
    return False


def _lines(name: str, lang: Lang, first: bytes | None = None) -> Iterator[tuple[int, bytes]]:
    """Every line with its number, blank ones included; a line over ``MAX_CASE_BYTES`` is
    read only up to the limit, the rest skipped, and given as :data:`TOO_LARGE`. ``first`` is
    a line already read from standard input."""
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
            if first is not None:
                line, first = first, None
            else:
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


def _batch(args: argparse.Namespace, lang: Lang, regime: regimes.Regime | None, on: date | None, lines: Iterator[tuple[int, bytes]]) -> int:
    counts: Counter[str] = Counter()
    worst = 0
    write = sys.stdout.write
    word = Text("regelnummer", "line")(lang)
    catalog = _catalog(args)
    for number, line in _progress(lines):
        own = None
        try:
            own, data = _one(line, lang)
            decided = decide(
                data, municipality=args.municipality, on=on, lang=lang, regime=regime, advise=bool(args.advise), force_regime=args.force_regime, regimes=catalog
            )
        except SekswerkRulesError as exc:
            counts["error"] += 1
            if args.format == "json":
                problems = [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in exc.problems]
                write(_head(number, own) + json.dumps({"errors": problems}, ensure_ascii=False)[1:] + "\n")
            else:
                label = f"{word} {number}" + (f" ({own})" if own else "")
                write("".join(f"{label}: {'fout' if lang == 'nl' else 'error'}: {p.message(lang)}\n" for p in exc.problems))
            continue
        counts[decided.verdict.value] += 1
        worst = max(worst, {0: 0, 3: 1, 1: 2}[EXIT[decided.verdict]])
        if args.format == "json":
            body = decided.json()  # from cached pieces: equal to decision.model_dump_json()
            write((_head(number, None if _DECISION_ID else own) + body[1:] if body != "{}" else body) + "\n")
        else:
            label = f"{word} {number}" + (f" ({own})" if own else "")
            write((f"## {label}\n\n" if args.format == "markdown" else f"== {label}\n") + _show(decided.decision(), args.format, lang))
    summary = ", ".join(f"{key}: {counts[key]}" for key in ("legal", "illegal", "undetermined", "error"))
    print(Text("samenvatting: ", "summary: ")(lang) + summary, file=sys.stderr)
    if counts["error"]:
        return USAGE_ERROR
    return {0: 0, 1: 3, 2: 1}[worst]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
