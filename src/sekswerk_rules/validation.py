"""What every validator of input shares: a key path that never prints free text, and "did you mean".

A key from a file or a case may be printed only when it is a short name; a key that is free
text (a line break, an escape sequence, a birth date, 60 KB) is never printed: the path stops
at its parent. A suggestion is made only for a printable name, from the names that are allowed.

>>> dotted(("versions", 0, "rules", "minimumleeftijd", "leeftyd"))
'versions[0].rules.minimumleeftijd.leeftyd'
>>> dotted(("person", "geboren 1987-06-13", "x"))
'person'
>>> did_you_mean("leeftyd", ["leeftijd", "werkplek"]), did_you_mean("a\\nb", ["ab"])
({'did_you_mean': 'leeftijd'}, {})
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

_PRINTABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]{0,63}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")


def printable(part: Any) -> bool:
    """Whether a key of a file may be printed: a list index, or a short name (a letter first; no
    spaces or controls) with at most four digits, so never a BSN or a date.

    >>> printable("kvk-inschrijving"), printable("123456782"), printable("1999-04-02"), printable(3)
    (True, False, False, True)
    """
    return (isinstance(part, int) and not isinstance(part, bool)) or (isinstance(part, str) and bool(_PRINTABLE.fullmatch(part)) and _few_digits(part))


def short_name(key: Any) -> bool:
    """Whether a key of a case or a request may be printed: a short identifier with at most four
    digits (a field name, a typo of one; never a BSN, a date or free text)."""
    return isinstance(key, str) and _NAME.fullmatch(key) is not None and _few_digits(key)


def _few_digits(text: str) -> bool:
    return sum(c.isdigit() for c in text) <= 4


def dotted(path: Iterable[Any], safe: Callable[[Any], bool] = printable) -> str:
    """The path as ``versions[0].rules.x``, up to the first key that may not be printed."""
    out = ""
    for part in path:
        if not safe(part):
            break
        out += f"[{part}]" if isinstance(part, int) and not isinstance(part, bool) else (f".{part}" if out else str(part))
    return out


def did_you_mean(name: Any, names: Iterable[str], aliases: Mapping[str, str] | None = None, safe: Callable[[Any], bool] = printable) -> dict[str, str]:
    """``{"did_you_mean": ...}`` for the allowed name closest to ``name`` (or the one a known
    alias, such as a Dutch word, stands for); ``{}`` if there is none or ``name`` is not printable."""
    if not safe(name):
        return {}
    allowed = list(names)
    alias = (aliases or {}).get(str(name).lower())
    if alias in allowed:
        return {"did_you_mean": str(alias)}
    close = difflib.get_close_matches(str(name), allowed, n=1, cutoff=0.6)
    return {"did_you_mean": close[0]} if close else {}


#: What a value should have been, by pydantic's error type: (Dutch, English).
_EXPECTED: dict[str, tuple[str, str]] = {
    "bool_type": ("true of false", "true or false"),
    "bool_parsing": ("true of false", "true or false"),
    "int_type": ("een geheel getal", "a whole number"),
    "int_parsing": ("een geheel getal", "a whole number"),
    "string_type": ("tekst", "a string"),
    "string_unicode": ("geldige Unicode-tekst", "valid Unicode text"),
    "list_type": ("een lijst", "a list"),
    "tuple_type": ("een lijst", "a list"),
}
_MAPPINGS = frozenset({"dict_type", "model_type", "model_attributes_type"})


def expected(kind: str, mapping: tuple[str, str] = ("een object", "an object")) -> tuple[str, str] | None:
    """What was expected instead, in Dutch and English, for a type error; a mapping is named as
    the input format calls it (a JSON object, a TOML table). ``None`` for other errors.

    >>> expected("int_parsing"), expected("model_type", ("een tabel", "a table")), expected("missing")
    (('een geheel getal', 'a whole number'), ('een tabel', 'a table'), None)
    """
    if kind in _MAPPINGS:
        return mapping
    return _EXPECTED.get(kind)
