"""Reading TOML text, without parsing the package's own files at start-up.

:mod:`tomllib` is pure Python: parsing the shipped regimes, source registries and free-movement data took about
15 ms of every ``check``. Their parsed values are kept as Python literals in
:mod:`sekswerk_rules._tomlread_tables` (loaded from bytecode), each under the digest of the
text it was parsed from. :func:`loads` returns a fresh copy of that value when the text's
digest is known, and parses the text otherwise: an edited file is never read from a stale
table, only more slowly. A test checks that every shipped file has a current table; after
editing one, write the tables again::

    python -m sekswerk_rules.tables

>>> loads('valid_from = 2020-01-01')
{'valid_from': datetime.date(2020, 1, 1)}
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import Problem
from .tomlpos import locate
from .validation import dotted

#: The folders of the package whose ``*.toml`` files are tabled, and the other tabled files.
FOLDERS = ("regimes", "data/sources")
FILES = ("data/vrij_verkeer.toml",)


def digest(text: str) -> str:
    """The key of a text in the tables: BLAKE2b, 128 bits, of its UTF-8 (a lone surrogate, which
    no shipped file holds, is encoded as it is, so that tomllib says what is wrong)."""
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()


def loads(text: str) -> dict[str, Any]:
    """The value of TOML ``text``, as :func:`tomllib.loads` gives it (and raises on bad text)."""
    from ._tomlread_tables import TABLES

    made = TABLES.get(digest(text))
    return made() if made is not None else tomllib.loads(text)


def shipped_files() -> list[str]:
    """The tabled files, as paths inside the package (``regimes/leeuwarden.toml``)."""
    root = resources.files("sekswerk_rules")
    found = list(FILES)
    for folder in FOLDERS:
        found += [f"{folder}/{entry.name}" for entry in root.joinpath(folder).iterdir() if entry.name.endswith(".toml")]
    return sorted(found)


#: tomllib's messages (Python 3.11-3.13) by their start, in our own Dutch and English: its
#: own text can quote a key (``Duplicate inline table key 'Jan Jansen 1994-03-17'``), and a key
#: may be a personal value, so it is never passed on. Any other message is "invalid TOML".
_TEXTS = (
    ("Cannot overwrite a value", "een sleutel staat er twee keer (een waarde overschrijven kan niet)", "a key is given twice (a value cannot be overwritten)"),
    ("Cannot declare", "een tabel staat er twee keer", "a table is declared twice"),
    ("Cannot mutate immutable namespace", "een tabel die al vastligt, krijgt er een sleutel bij", "a table that is already fixed gets another key"),
    ("Cannot redefine namespace", "een tabel wordt opnieuw gedefinieerd", "a table is defined again"),
    ("Duplicate inline table key", "een sleutel staat twee keer in een inline tabel", "a key is given twice in an inline table"),
    ("Expected '=' after a key", "na een sleutel hoort '='", "a key must be followed by '='"),
    ("Expected ']' at the end of a table", "de tabelnaam mist ']' aan het eind", "the table name lacks ']' at its end"),
    ("Expected ']]' at the end of an array", "de tabelnaam mist ']]' aan het eind", "the table name lacks ']]' at its end"),
    ("Expected newline or end of document", "na een waarde hoort een nieuwe regel", "a value must be followed by a new line"),
    ("Invalid date or datetime", "ongeldige datum", "invalid date"),
    ("Invalid initial character for a key", "ongeldig eerste teken van een sleutel", "invalid first character of a key"),
    ("Invalid statement", "ongeldige regel", "invalid line"),
    ("Invalid value", "ongeldige waarde (tekst hoort tussen aanhalingstekens)", "invalid value (text goes between quotes)"),
    ("Invalid hex value", "ongeldige hexadecimale waarde", "invalid hexadecimal value"),
    ("Unclosed array", "een lijst ('[') wordt niet gesloten", "a list ('[') is not closed"),
    ("Unclosed inline table", "een inline tabel ('{') wordt niet gesloten", "an inline table ('{') is not closed"),
    ("Unterminated string", "een tekst wordt niet afgesloten met een aanhalingsteken", "a text is not closed with a quote"),
    ("Unescaped", "een '\\' in tekst die geen escape is", "a '\\' in text that is no escape"),
    ("Escaped character is not a Unicode", "een escape die geen Unicode-teken is", "an escape that is no Unicode character"),
    ("Illegal character", "ongeldig teken", "invalid character"),
    ("Found invalid character", "ongeldig teken", "invalid character"),
    ("Expected", "onverwacht teken", "unexpected character"),
)
_OTHER = ("", "ongeldige TOML", "invalid TOML")


def syntax_error(exc: tomllib.TOMLDecodeError) -> tuple[dict[str, str], int | None]:
    """A TOML syntax error as the parameters of a ``toml_syntax`` problem (the message in Dutch
    and English, never a text of the file; the column) and its line."""
    found = re.search(r"\(at line (\d+), column (\d+)\)", str(exc))
    _, dutch, english = next((texts for texts in _TEXTS if str(exc).startswith(texts[0])), _OTHER)
    if found:
        where = {"where_nl": f" in kolom {found.group(2)}", "where_en": f" in column {found.group(2)}"}
    elif "(at end of document)" in str(exc):
        where = {"where_nl": " aan het eind van het bestand", "where_en": " at the end of the file"}
    else:
        where = {"where_nl": "", "where_en": ""}
    return {"detail_nl": dutch, "detail_en": english, **where}, int(found.group(1)) if found else None


#: Characters no text of a TOML file of this library may hold: control characters (an escape
#: sequence that recolours or moves the cursor of a terminal, a carriage return that overwrites a
#: line) and the bidirectional overrides that show text in another order than it is read. A
#: regime's name, a basis's detail, a scenario's name are printed in lines of output: a name with
#: a line break and "Oordeel: LEGAAL" after it would forge a verdict. The Unicode line and
#: paragraph separators (U+2028, U+2029) are line breaks to ``str.splitlines`` and many readers.
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def control_characters(raw: Any, text: str, *, prose: frozenset[str] = frozenset(), limit: int = 50) -> list[Problem]:
    """Every text of a parsed file that holds a character from :data:`_CONTROL`, or a line break
    or tab outside the keys named ``prose``, with its path and line (at most ``limit``)."""
    found: list[Problem] = []
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), raw)]
    while stack and len(found) < limit:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend(((*path, key), inner) for key, inner in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, index), inner) for index, inner in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            in_prose = bool(path) and path[-1] in prose
            if _CONTROL.search(value) or (not in_prose and ("\n" in value or "\t" in value)):
                found.append(Problem(dotted(path), "control_character", {}, locate(text, path)))
    return found


class NotAFile(OSError):
    """A path that names a folder or a device, not a file or a pipe."""


def read_file(path: Path, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of the file at ``path`` (a regime, a scenario or a case file): a regular file, or a pipe
    (``/dev/stdin``, ``<(...)``), read until its writer closes it. It is opened without waiting,
    so a named pipe that nobody has open for writing reads as empty instead of a wait for ever
    (one that a writer holds open without writing is still waited on, as ``cat`` would); a
    folder or a device (``/dev/zero``) raises :class:`NotAFile`, anything else unreadable ``OSError``."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise NotAFile(str(path))
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read(limit + 1)
    finally:
        os.close(fd)
