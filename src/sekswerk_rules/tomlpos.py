"""Find the line of a key path in TOML text, so that a schema error can name it.

``tomllib`` keeps no positions, so this reads the text itself, once: every table header
(``[a.b]``, ``[[versions]]``) and every key assignment (``a = 1``, dotted ``a.b.c = 1``,
quoted ``"a.b" = 1``, and the keys of a one-line inline table) is indexed by its full key
path, array-of-tables elements numbered as ``tomllib`` numbers them. A path is then
answered by its longest indexed prefix, so a problem deep inside a value still names the
line of the key that holds it. Where no prefix is known the answer is ``None`` and the
error names the path only.

The index is built in one pass over the text and cached for the last few texts, so
locating a thousand problems in one file costs one scan, not a thousand.

>>> text = '''id = "x"
... [[versions]]
... valid_from = 2000-10-01
... [[versions]]
... valid_from = 2016-06-01
... [versions.rules.minimumleeftijd]
... age = 17
... [[versions]]
... valid_from = 2020-01-01
... rules.thuiswerk.sole_resident = true
... '''
>>> locate(text, ("versions", 1, "rules", "minimumleeftijd", "age"))
7
>>> locate(text, ("id",)), locate(text, ("versions", 0, "valid_from")), locate(text, ("nope",))
(1, 3, None)
>>> locate(text, ("versions", 2, "rules", "thuiswerk", "basis"))
10
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from functools import lru_cache

Path = tuple[str | int, ...]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_SPACE = re.compile(r"[ \t]*")


def locate(text: str, path: Sequence[str | int]) -> int | None:
    """The 1-based line of the longest prefix of ``path`` that the text defines, or ``None``."""
    index = _index(text)
    parts = tuple(path)
    for end in range(len(parts), 0, -1):
        line = index.get(parts[:end])
        if line is not None:
            return line
    return None


@lru_cache(maxsize=8)
def _index(text: str) -> dict[Path, int]:
    """Key path -> 1-based line of its first definition, for every header and assignment."""
    index: dict[Path, int] = {}
    arrays: dict[Path, int] = {}  # array-of-tables path -> number of elements so far
    table: Path = ()
    closing: str | None = None  # the delimiter of a multi-line string being skipped
    for number, line in enumerate(text.splitlines(), start=1):
        if closing is not None:
            if closing in line:
                closing = None
            continue
        stripped = line.lstrip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("["):
            header = _header(stripped)
            if header is None:
                continue
            names, is_array = header
            path = _resolve(names, arrays, is_array)
            if is_array:
                arrays[path] = arrays.get(path, 0) + 1
                path = (*path, arrays[path] - 1)
            table = path
            _add(index, table, number)
            continue
        parsed = _key(stripped, 0)
        if parsed is None:
            continue
        names, at = parsed
        if not stripped.startswith("=", at):
            continue
        _add(index, (*table, *names), number)
        value = stripped[at + 1 :]
        if value.lstrip().startswith("{"):
            _inline(index, (*table, *names), value, number)
        for delimiter in ('"""', "'''"):
            if value.count(delimiter) % 2 == 1:
                closing = delimiter
                break
    return index


def _add(index: dict[Path, int], path: Path, number: int) -> None:
    """Record ``path`` and every prefix not yet known, all at ``number``."""
    for end in range(len(path), 0, -1):
        if path[:end] in index:
            break
        index[path[:end]] = number


def _resolve(names: tuple[str, ...], arrays: dict[Path, int], is_array: bool) -> Path:
    """A header's names as a path, each array of tables replaced by its last element."""
    path: Path = ()
    for position, name in enumerate(names):
        path = (*path, name)
        last = position == len(names) - 1
        if path in arrays and not (last and is_array):
            path = (*path, arrays[path] - 1)
    return path


def _header(line: str) -> tuple[tuple[str, ...], bool] | None:
    is_array = line.startswith("[[")
    parsed = _key(line, 2 if is_array else 1)
    if parsed is None:
        return None
    names, at = parsed
    if not line.startswith("]]" if is_array else "]", at):
        return None
    return names, is_array


def _key(line: str, at: int) -> tuple[tuple[str, ...], int] | None:
    """A dotted key starting at ``at`` (after optional blanks): its parts and where it ends."""
    names: list[str] = []
    while True:
        at = _SPACE.match(line, at).end()  # type: ignore[union-attr]
        if line.startswith('"', at):
            end = at + 1
            while end < len(line) and line[end] != '"':
                end += 2 if line[end] == "\\" else 1
            if end >= len(line):
                return None
            names.append(_unescape(line[at : end + 1]))
            at = end + 1
        elif line.startswith("'", at):
            end = line.find("'", at + 1)
            if end < 0:
                return None
            names.append(line[at + 1 : end])
            at = end + 1
        else:
            bare = _BARE.match(line, at)
            if bare is None:
                return None
            names.append(bare.group())
            at = bare.end()
        at = _SPACE.match(line, at).end()  # type: ignore[union-attr]
        if not line.startswith(".", at):
            return tuple(names), at
        at += 1


def _unescape(quoted: str) -> str:
    """A basic-string key as ``tomllib`` reads it (TOML escapes are JSON's, plus ``\\U``)."""
    try:
        return str(json.loads(re.sub(r"\\U([0-9A-Fa-f]{8})", lambda m: chr(int(m.group(1), 16)) if int(m.group(1), 16) < 0x110000 else "", quoted)))
    except ValueError:
        return quoted[1:-1]


def _inline(index: dict[Path, int], path: Path, value: str, number: int) -> None:
    """Index the keys of a one-line inline table (``{ a = 1, b.c = 2 }``), one level deep."""
    at = value.index("{") + 1
    while at < len(value):
        parsed = _key(value, at)
        if parsed is None:
            return
        names, at = parsed
        if not value.startswith("=", at):
            return
        _add(index, (*path, *names), number)
        # Skip the value: up to the next comma at this nesting level, outside strings.
        depth, quote = 0, ""
        at += 1
        while at < len(value):
            char = value[at]
            if quote:
                if char == "\\" and quote == '"':
                    at += 1
                elif char == quote:
                    quote = ""
            elif char in "\"'":
                quote = char
            elif char in "[{":
                depth += 1
            elif char in "]}":
                if depth == 0:
                    return
                depth -= 1
            elif char == "," and depth == 0:
                at += 1
                break
            at += 1
