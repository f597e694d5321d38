"""The command line's arguments: one parser, a sub-parser per command, argparse's errors in the user's language."""

from __future__ import annotations

import argparse
import re
from collections.abc import Iterable, Sequence
from contextvars import ContextVar
from typing import Any, NoReturn

from ..lang import Lang, Text
from ..version import __version__
from .exits import USAGE_ERROR

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
        self.exit(USAGE_ERROR, f"{self.prog}: {argparse_message(message, _ERROR_LANG.get())} (--help)\n")


#: The language of argparse's errors: set by :func:`main` from the command line before parsing
#: (a context variable: argparse calls ``error`` with no way to pass it, and a call in one
#: thread must not set it for another).
_ERROR_LANG: ContextVar[Lang] = ContextVar("error_lang", default="nl")


#: argparse's messages (Python 3.11 to 3.13) in both languages; a value the user typed is never
#: repeated (it could be anything, a BSN typed in the wrong place too), only the names of the
#: options this program has. A message not listed here becomes :data:`_ANY`.
_ARGPARSE: tuple[tuple[re.Pattern[str], Text], ...] = (
    (
        re.compile(r"the following arguments are required: (?P<names>[-\w, /]+)"),
        Text("deze argumenten ontbreken: {names}", "the following arguments are required: {names}"),
    ),
    (re.compile(r"unrecognized arguments: (?P<given>.*)"), Text("onbekende argumenten ({count})", "unrecognized arguments ({count})")),
    (
        re.compile(r"argument (?P<name>[-\w/]+): invalid choice: .* \(choose from (?P<choices>.*)\)"),
        Text("argument {name}: ongeldige keuze; kies uit {choices}", "argument {name}: invalid choice; choose from {choices}"),
    ),
    (re.compile(r"argument (?P<name>[-\w/]+): invalid \w+ value: .*"), Text("argument {name}: ongeldige waarde", "argument {name}: invalid value")),
    (re.compile(r"argument (?P<name>[-\w/]+): expected one argument"), Text("argument {name}: verwacht één waarde", "argument {name}: expected one argument")),
    (re.compile(r"argument (?P<name>[-\w/]+): ignored explicit argument .*"), Text("argument {name}: neemt geen waarde", "argument {name}: takes no value")),
    (
        re.compile(r"argument (?P<name>[-\w/]+): not allowed with argument (?P<other>[-\w/]+)"),
        Text("argument {name}: niet samen met {other}", "argument {name}: not allowed with argument {other}"),
    ),
    (
        re.compile(r"ambiguous option: .* could match (?P<matches>[-\w, ]+)"),
        Text("dubbelzinnige optie: kan {matches} zijn", "ambiguous option: could match {matches}"),
    ),
    # this program's own bilingual messages (ArgumentTypeError), and only those
    (
        re.compile(
            r"argument (?P<name>[-\w/]+): (?P<nl>een geheel getal van 0 of meer|een poort van 0 tot en met 65535) / (?P<en>a whole number, 0 or more|a port from 0 to 65535)"
        ),
        Text("argument {name}: {nl}", "argument {name}: {en}"),
    ),
)
_ANY = Text("ongeldig gebruik van de opdracht", "invalid use of the command")


def argparse_message(message: str, lang: Lang) -> str:
    """argparse's error ``message`` in ``lang``, without any value the user typed.

    >>> argparse_message("argument --lang: invalid choice: 'de' (choose from 'nl', 'en')", "nl")
    "argument --lang: ongeldige keuze; kies uit 'nl', 'en'"
    >>> argparse_message("unrecognized arguments: --bogus 123456782", "en")
    'unrecognized arguments (2)'
    >>> argparse_message("ambiguous option: --regi=123456782 could match --regime, --regimes", "en")
    'ambiguous option: could match --regime, --regimes'
    """
    for pattern, text in _ARGPARSE:
        found = pattern.fullmatch(message)
        if found is not None:
            values = found.groupdict()
            if "given" in values:
                values["count"] = str(len(values["given"].split()))
            return text(lang).format(**values)
    return _ANY(lang)


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if value < 0:
        raise argparse.ArgumentTypeError("een geheel getal van 0 of meer / a whole number, 0 or more")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError("een poort van 0 tot en met 65535 / a port from 0 to 65535")
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
    serve.add_argument("--port", type=_port, default=8000, help="poort (standaard 8000)")
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
