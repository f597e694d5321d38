"""check: one case or many (JSON Lines), each line decided and answered in order."""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date

from .. import regime as regimes
from ..case import MAX_CASE_BYTES, Case
from ..case.parse import validate_json
from ..decision import Decision
from ..engine import decide, evaluate
from ..errors import CaseError, Problem, SekswerkRulesError, relocated
from ..jsontext import LocalProblem, loads, take_id
from ..lang import Lang, Text
from ..presentation import render
from ..presentation.basis import literal
from .exits import EXIT, USAGE_ERROR
from .reading import TOO_LARGE, _catalog, _date, _lines, _progress, _read, _standard_input


def _check(args: argparse.Namespace, lang: Lang) -> int:
    regime = regimes.load(args.regime, lang=lang) if args.regime else None
    on = _date(args.date, lang) if args.date is not None else None  # a bad or empty --date is reported as --date
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
    try:
        decision = evaluate(
            data, municipality=args.municipality, on=on, lang=lang, regime=regime, advise=advise, force_regime=args.force_regime, regimes=_catalog(args)
        )
    except SekswerkRulesError as exc:
        raise relocated(exc, "date_before_regime", _DATE if on is not None else None) from None
    sys.stdout.write(_show(decision, args.format, lang))
    return EXIT[decision.verdict]


#: Where a day before the regime came from when ``--date`` was given (it wins over the case's own).
_DATE = "--date"


#: Whether the case model (and the decision) know the case's own ``id`` yet.
_KNOWS_ID = "id" in Case.model_fields


_DECISION_ID = "id" in Decision.model_fields


def _show(decision: Decision, form: str, lang: Lang) -> str:
    if form == "json":
        return decision.model_dump_json() + "\n"
    return render.markdown(decision, lang) if form == "markdown" else render.text(decision, lang)


def _one(line: bytes, lang: Lang) -> tuple[str | None, Case | dict[str, object]]:
    """The case's own id and its facts, from one line of JSON Lines: a valid case validated
    straight from its text, or else the facts read, to be validated the slow way (which names
    every problem, and accepts a valid case the count of keys could not settle)."""
    if line == TOO_LARGE:
        raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang)
    if not line.strip():
        raise CaseError([LocalProblem("", "empty_line")], lang=lang)
    case = validate_json(line) if _KNOWS_ID else None
    if case is not None:
        return case.id, case
    data = loads(line, lang=lang)
    if not isinstance(data, dict):
        raise CaseError([Problem("", "not_an_object")], lang=lang)
    return take_id(data, known=_KNOWS_ID, lang=lang), data


def _bytes_writer() -> Callable[[bytes], object]:
    """Write UTF-8 to standard output as it is (JSON Lines are UTF-8, and decisions are kept
    encoded), or as text where standard output has no byte stream (a test's ``StringIO``)."""
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        return lambda data: sys.stdout.write(data.decode("utf-8"))
    sys.stdout.flush()  # what was written as text goes first
    return buffer.write  # type: ignore[no-any-return]


def _head(number: int, own: str | None) -> str:
    """The start of a JSON record: its line number and the case's own id."""
    return f'{{"line": {number}, ' + (f'"id": {json.dumps(own)}, ' if own is not None else "")


def _batch(args: argparse.Namespace, lang: Lang, regime: regimes.Regime | None, on: date | None, lines: Iterator[tuple[int, bytes]]) -> int:
    counts: Counter[str] = Counter()
    worst = 0
    write = sys.stdout.write
    write_bytes = _bytes_writer()
    word = Text("regelnummer", "line")(lang)
    catalog = _catalog(args)
    for number, line in _progress(lines):
        own = None
        try:
            own, data = _one(line, lang)
            decided = decide(
                data, municipality=args.municipality, on=on, lang=lang, regime=regime, advise=bool(args.advise), force_regime=args.force_regime, regimes=catalog
            )
        except (MemoryError, OSError):
            raise
        except Exception as exc:
            # A bug in deciding this line: reported as its record, and the other lines still decided
            # (the error's text is not shown: it could hold input).
            if not isinstance(exc, SekswerkRulesError):
                exc = SekswerkRulesError([Problem("", "internal_error")])
            exc = relocated(exc, "date_before_regime", _DATE if on is not None else None)
            counts["error"] += 1
            if args.format == "json":
                problems = [{"path": p.path, "code": p.code, "message": p.message(lang)} for p in exc.problems]
                write_bytes((_head(number, own) + json.dumps({"errors": problems}, ensure_ascii=False)[1:] + "\n").encode())
            else:
                label = f"{word} {number}" + (f" ({own})" if own else "")
                write("".join(f"{label}: {'fout' if lang == 'nl' else 'error'}: {p.message(lang)}\n" for p in exc.problems))
            continue
        counts[decided.verdict.value] += 1
        worst = max(worst, {0: 0, 3: 1, 1: 2}[EXIT[decided.verdict]])
        if args.format == "json":
            body = decided.json_bytes()  # from cached pieces: equal to decision.model_dump_json()
            write_bytes(_head(number, None if _DECISION_ID else own).encode() + body[1:] + b"\n")
        else:
            label = f"{word} {number}" + (f" ({own})" if own else "")
            write((f"## {literal(label)}\n\n" if args.format == "markdown" else f"== {label}\n") + _show(decided.decision(), args.format, lang))
    summary = ", ".join(f"{key}: {counts[key]}" for key in ("legal", "illegal", "undetermined", "error"))
    print(Text("samenvatting: ", "summary: ")(lang) + summary, file=sys.stderr)
    if counts["error"]:
        return USAGE_ERROR
    return {0: 0, 1: 3, 2: 1}[worst]
