"""The command line: a thin shell that parses arguments and renders decisions.

Exit status of ``check``: 0 legal, 1 illegal, 3 undetermined, 2 bad usage or invalid input.
For many cases (JSON Lines, or ``-`` for standard input) the status is that of the worst
verdict, and 2 if any line was invalid; every valid line is still decided.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from typing import IO, NoReturn

from . import regime as regimes
from . import render
from .case import MAX_CASE_BYTES, Case, parse_day
from .decision import Decision, Verdict
from .engine import evaluate
from .errors import CaseError, Lang, Problem, SekswerkRulesError

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
    ("serve",),
)
USAGE_ERROR = 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(USAGE_ERROR, f"{self.prog}: {message}\n")


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
    synth.add_argument("--n", type=int, default=1000)
    synth.add_argument("--seed", type=int, default=0)
    synth.add_argument("--municipality", "-m", default="leeuwarden")
    synth.add_argument("--date", "-d", default="2024-05-01")
    synth.add_argument("--lang", choices=["nl", "en"], default="nl")

    serve = sub.add_parser("serve", help="start de HTTP-interface (extra [server]: FastAPI en uvicorn)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--lang", choices=["nl", "en"], default="nl")

    schema = sub.add_parser("schema", help="het JSON Schema van een zaak")
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
    args = _parser().parse_args(argv)
    lang: Lang = args.lang
    try:
        if args.command == "check":
            return _check(args, lang)
        if args.command == "compare":
            return _compare(args, lang)
        if args.command == "synth":
            from . import synth

            on = _date(args.date, lang)
            for one in synth.population(args.n, seed=args.seed, municipality=args.municipality, on=on):
                sys.stdout.write(json.dumps(one, ensure_ascii=False) + "\n")
            return 0
        if args.command == "serve":
            try:
                from .server import serve as run_server
            except ImportError:
                print(
                    "fout: de HTTP-interface vraagt de extra [server]: pip install 'sekswerk-rules[server]'"
                    if lang == "nl"
                    else "error: the HTTP interface needs the [server] extra: pip install 'sekswerk-rules[server]'",
                    file=sys.stderr,
                )
                return USAGE_ERROR
            run_server(args.host, args.port)
            return 0
        if args.command == "schema":
            print(json.dumps(Case.model_json_schema(), indent=2, ensure_ascii=False))
            return 0
        if args.command == "regimes":
            for regime in regimes.shipped():
                if regime.id == regimes.NATIONAL:
                    continue
                versions = ", ".join(v.valid_from.isoformat() for v in regime.versions)
                print(f"{regime.id}\t{regime.cbs_code or '-'}\t{regime.name}\t{versions}")
            return 0
        return _regime_command(args, lang)
    except SekswerkRulesError as exc:
        _fail(exc, lang)
        return USAGE_ERROR


def _regime_command(args: argparse.Namespace, lang: Lang) -> int:
    if args.action == "validate":
        loaded = regimes.load(args.file, lang=lang)
        count = len(loaded.boundaries())
        if lang == "nl":
            print(f"{args.file}: geldig ({loaded.id}, {count} versies, basis {' -> '.join(r.id for r in loaded.chain())})")
        else:
            print(f"{args.file}: valid ({loaded.id}, {count} versions, chain {' -> '.join(r.id for r in loaded.chain())})")
        return 0
    from . import table

    day = _date(args.date, lang)
    if args.action == "show":
        sys.stdout.write(table.render_table(_named(args.regime, lang), day, args.format, lang))
        return 0
    left = _named(args.left, lang)
    right = _named(args.right, lang) if args.right else left
    other = _date(args.against_date, lang) if args.against_date else day
    changes = table.diff(left, day, right, other)
    names = (f"{left.id} {day.isoformat()}", f"{right.id} {other.isoformat()}")
    sys.stdout.write(table.render_diff(changes, *names, args.format, lang))
    return 0


def _compare(args: argparse.Namespace, lang: Lang) -> int:
    left = _named(args.regime, lang)
    right = _named(args.against, lang) if args.against else left
    on = _date(args.date, lang) if args.date else None
    against = _date(args.against_date, lang) if args.against_date else None
    from . import compare as comparing

    cases = (line for _, line in _progress(_lines(args.cases, lang)))
    result = comparing.compare(cases, left, right, on=on, against_on=against)
    sys.stdout.write(comparing.render(result, args.format, lang))
    if args.plot:
        comparing.plot(result, args.plot, lang)
    return USAGE_ERROR if result.errors else 0


def _progress(lines: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """A progress bar on stderr when it is a terminal (tqdm), otherwise the lines as they are."""
    if not sys.stderr.isatty():
        return lines
    from tqdm import tqdm

    return iter(tqdm(lines, unit=" zaken", file=sys.stderr, leave=False))


def _named(name: str, lang: Lang) -> regimes.Regime:
    return regimes.load(name, lang=lang) if name.endswith(".toml") else regimes.get(name, lang=lang)


def _date(value: str | None, lang: Lang) -> date:
    return parse_day(value, "--date", lang=lang)


def _fail(exc: SekswerkRulesError, lang: Lang) -> None:
    prefix = "fout" if lang == "nl" else "error"
    for line in exc.render(lang).splitlines():
        print(f"{prefix}: {line}", file=sys.stderr)


def _check(args: argparse.Namespace, lang: Lang) -> int:
    regime = regimes.load(args.regime, lang=lang) if args.regime else None
    if args.case == "-" or args.case.endswith(".jsonl"):
        return _batch(args, lang, regime)
    data = _read(args.case, lang)
    advise = True if args.advise is None else args.advise
    decision = evaluate(data, municipality=args.municipality, on=args.date, lang=lang, regime=regime, advise=advise)
    sys.stdout.write(_show(decision, args.format, lang))
    return EXIT[decision.verdict]


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


def _lines(name: str, lang: Lang) -> Iterator[tuple[int, bytes]]:
    if name == "-":
        stream: IO[bytes] = sys.stdin.buffer
    else:
        try:
            stream = open(name, "rb")  # noqa: SIM115 - closed below
        except OSError:
            raise CaseError([Problem("", "file_not_found")], lang=lang, source=name) from None
    with stream:
        for number, line in enumerate(stream, start=1):
            if line.strip():
                yield number, line


def _batch(args: argparse.Namespace, lang: Lang, regime: regimes.Regime | None) -> int:
    counts: Counter[str] = Counter()
    worst = 0
    out = sys.stdout
    for number, line in _progress(_lines(args.case, lang)):
        try:
            decision = evaluate(line, municipality=args.municipality, on=args.date, lang=lang, regime=regime, advise=bool(args.advise))
        except SekswerkRulesError as exc:
            counts["error"] += 1
            problems = [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in exc.problems]
            out.write(json.dumps({"line": number, "errors": problems}, ensure_ascii=False) + "\n")
            continue
        counts[decision.verdict.value] += 1
        worst = max(worst, {0: 0, 3: 1, 1: 2}[EXIT[decision.verdict]])
        out.write(_show(decision, args.format, lang))
    summary = ", ".join(f"{key}: {counts[key]}" for key in ("legal", "illegal", "undetermined", "error"))
    print(("samenvatting: " if lang == "nl" else "summary: ") + summary, file=sys.stderr)
    if counts["error"]:
        return USAGE_ERROR
    return {0: 0, 1: 3, 2: 1}[worst]


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
