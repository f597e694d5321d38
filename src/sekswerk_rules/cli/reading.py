"""Reading what a command names: regimes, dates, a case file, JSON Lines from a file or standard input (an over-long line is never read whole)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import IO

from .. import regime as regimes
from ..case import MAX_CASE_BYTES, parse_day
from ..catalog import Catalog
from ..errors import CaseError, Problem, RegimeError
from ..jsontext import LocalProblem
from ..lang import Lang
from ..tomlread import read_file


def _catalog(args: argparse.Namespace) -> Catalog:
    """The regimes a command can name: shipped, from installed packages, and from ``--regimes`` folders."""
    from ..catalog import DEFAULT

    given = getattr(args, "regimes", None) or ()
    if any(not folder.strip() for folder in given):  # an empty name would mean the current folder
        raise RegimeError([Problem("--regimes", "folder_not_found")])
    folders = tuple(Path(folder) for folder in given)
    return Catalog(directories=folders) if folders else DEFAULT


def _named(name: str, lang: Lang, catalog: Catalog | None = None) -> regimes.Regime:
    """A regime by file (``.toml``), id or CBS code; ``catalog`` knows the regimes of ``--regimes``."""
    if name.endswith(".toml"):
        return regimes.load(name, lang=lang)
    return (catalog or Catalog()).get(name, lang=lang)


def _date(value: str | None, lang: Lang, option: str = "--date") -> date:
    return parse_day(value, option, lang=lang)


def _read(name: str, lang: Lang) -> bytes:
    """A case file, at most ``MAX_CASE_BYTES``; a pipe is read too, and a named pipe nobody has
    open for writing reads as empty instead of a wait for ever (``tomlread.read_file``)."""
    try:
        data = read_file(Path(name), MAX_CASE_BYTES)
    except (OSError, ValueError):
        raise CaseError([Problem("", "file_not_found")], lang=lang, source=name) from None
    if len(data) > MAX_CASE_BYTES:
        raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang, source=name)
    return data


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


def _progress(lines: Iterator[tuple[int, bytes]]) -> Iterator[tuple[int, bytes]]:
    """A progress bar on stderr when it is a terminal (tqdm), otherwise the lines as they are."""
    if not sys.stderr.isatty():
        return lines
    from tqdm import tqdm

    return iter(tqdm(lines, unit=" zaken", file=sys.stderr, leave=False))
