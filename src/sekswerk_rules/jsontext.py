"""Strict reading of the JSON text the shells receive (a case file, a line of JSON Lines, an
HTTP body), before the facts are handed to :func:`~sekswerk_rules.case.parse_case`.

Python's :func:`json.loads` lets the last of two equal keys win, accepts ``NaN`` and
``Infinity``, gives up with a ``RecursionError`` on deep nesting and with a ``ValueError`` on
a 5,000-digit number. Here a duplicate key is refused (``{"age": 30, "age": 17}`` must not
mean 17 to one reader and 30 to another), nesting is capped at :data:`MAX_DEPTH` levels,
the constants are refused, and an over-long number becomes one that no field accepts. Every
error is a :class:`~sekswerk_rules.errors.CaseError` that names the place, never a value: a
key is named only when it is a short identifier.

>>> loads('{"person": {"age": 30}}')
{'person': {'age': 30}}
>>> def refused(text):
...     try:
...         loads(text)
...     except CaseError as error:
...         return [(p.path, p.code) for p in error.problems]
>>> refused('{"person": {"age": 30, "age": 17}}'), refused('{"person": {"123456782": 1, "123456782": 2}}')
([('person.age', 'duplicate_key')], [('person', 'duplicate_key')])
>>> refused("[" * 100_000), refused('{"age": NaN}')
([('', 'too_deep')], [('', 'invalid_json')])
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic_core import from_json

from .errors import CaseError, Problem
from .lang import Lang

#: The deepest nesting accepted; a case is four levels deep, a batch request six.
MAX_DEPTH = 64

#: Codes not (yet) in :data:`sekswerk_rules.errors.MESSAGES`; used until they are added there.

_ID = re.compile(r"[A-Za-z0-9._:/-]{1,64}")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,39}")
_HUGE = 10**40


#: Every code now lives in ``errors.MESSAGES``; kept as a name for the shells that import it.
LocalProblem = Problem


class _Object(dict[str, Any]):
    """A JSON object in which at least one key occurred twice."""

    duplicate: str = ""


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    marked = _Object(result)
    marked.duplicate = next(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
    return marked


def _int(text: str) -> int:
    # int() refuses more than 4,300 digits (and is slow near that); no field wants more than 40
    if len(text.lstrip("-")) <= 40:
        return int(text)
    return -_HUGE if text.startswith("-") else _HUGE


def _constant(name: str) -> Any:
    raise ValueError(name)


def fast_loads(text: str | bytes | bytearray) -> dict[str, Any] | None:
    """The common case, read by pydantic-core's parser: one JSON object with no key repeated
    and no number over 40 digits; ``None`` for anything else.

    pydantic-core lets the last of two equal keys win, so the keys are counted: each key is
    followed by a colon, so the text holds at least as many colons as keys, and the parsed
    objects hold as many keys as the text unless one repeated. Equal counts prove that no key
    repeated. Any doubt (a colon inside a string, a syntax error, ``NaN``, a byte order mark,
    a huge number) gives ``None``, and the caller reads the text the slow way, which names
    the problem exactly. A test checks both ways agree.

    >>> fast_loads('{"person": {"age": 30}}'), fast_loads('{"age": 30, "age": 17}'), fast_loads("[]")
    ({'person': {'age': 30}}, None, None)
    """
    try:
        data = from_json(text, allow_inf_nan=False)
    except (ValueError, TypeError):  # TypeError: a str that is not Unicode (a lone surrogate)
        return None
    if type(data) is not dict:
        return None
    colons = text.count(b":") if isinstance(text, (bytes, bytearray)) else text.count(":")
    return data if colons == _keys(data) else None


def _keys(data: dict[str, Any]) -> int:
    """How many keys the objects in ``data`` hold, nested ones included; -1 at a huge number."""
    count = 0
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if type(node) is dict:
            count += len(node)
            node = node.values()
        for child in node:
            kind = type(child)
            if kind is dict or kind is list:
                stack.append(child)
            elif kind is int and not -_HUGE <= child <= _HUGE:
                return -1
    return count


def _brackets(text: str | bytes | bytearray) -> int:
    """Opening brackets in ``text``: at least the depth of its nesting."""
    if isinstance(text, str):
        return text.count("{") + text.count("[")
    return text.count(b"{") + text.count(b"[")


def loads(text: str | bytes | bytearray, *, lang: Lang = "nl") -> Any:
    """The value of ``text`` (UTF-8 if bytes; a byte order mark is allowed), or :class:`CaseError`."""
    fast = fast_loads(text)
    if fast is not None and _brackets(text) <= MAX_DEPTH:  # else nesting can be too deep
        return fast
    problem: Problem | None = None
    try:
        if isinstance(text, (bytes, bytearray)):
            text = bytes(text).decode("utf-8-sig")
        elif text.startswith("\ufeff"):
            text = text[1:]
        repeated: list[bool] = []

        def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
            result = _pairs(items)
            if type(result) is _Object:
                repeated.append(True)
            return result

        value = json.loads(text, object_pairs_hook=pairs, parse_int=_int, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        problem = Problem("", "invalid_json", {"where": f" ({exc.lineno}:{exc.colno})"})
    except RecursionError:
        problem = LocalProblem("", "too_deep", {"limit": str(MAX_DEPTH)})
    except (ValueError, UnicodeDecodeError):
        problem = Problem("", "invalid_json")
    if problem is not None:
        # Raised outside the ``except`` block: the decoder's error holds the whole text (its
        # ``doc``), and would otherwise stay reachable as the ``__context__`` of this one.
        raise CaseError([problem], lang=lang)
    if repeated or _brackets(text) > MAX_DEPTH:  # else neither can be wrong
        _check(value, lang)
    return value


def _check(value: Any, lang: Lang) -> None:
    """Refuse nesting deeper than :data:`MAX_DEPTH` and name the first duplicate key (iteratively)."""
    # (node, path of its last nameable ancestor, whether a part below that was unnameable, depth)
    stack: list[tuple[Any, str, bool, int]] = [(value, "", False, 1)]
    while stack:
        node, path, hidden, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise CaseError([LocalProblem("", "too_deep", {"limit": str(MAX_DEPTH)})], lang=lang)
        if isinstance(node, dict):
            if isinstance(node, _Object):
                named = not hidden and _NAME.fullmatch(node.duplicate)
                raise CaseError([LocalProblem(_join(path, node.duplicate) if named else path, "duplicate_key")], lang=lang)
            for key, child in node.items():
                if isinstance(child, (dict, list)):
                    ok = not hidden and _NAME.fullmatch(key) is not None
                    stack.append((child, _join(path, key) if ok else path, not ok, depth + 1))
        elif isinstance(node, list):
            for index, child in enumerate(node):
                if isinstance(child, (dict, list)):
                    stack.append((child, path if hidden else f"{path}[{index}]", hidden, depth + 1))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def take_id(data: Any, *, known: bool, lang: Lang = "nl") -> str | None:
    """The case's own ``id`` (1 to 64 letters, digits and ``. _ : / -``) to carry back with its decision.

    ``known`` says whether the case model has an ``id`` field; if not, the id is checked and
    removed from ``data`` here, so the model does not see it.

    >>> case = {"id": "zaak-17", "municipality": "GM0080"}
    >>> take_id(case, known=False), case
    ('zaak-17', {'municipality': 'GM0080'})
    """
    if not isinstance(data, dict) or "id" not in data:
        return None
    value = data["id"] if known else data.pop("id")
    if isinstance(value, str) and _ID.fullmatch(value):
        return value
    if not known:
        raise CaseError([LocalProblem("id", "invalid_id")], lang=lang)
    return None
