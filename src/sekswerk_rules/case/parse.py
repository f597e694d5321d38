"""Reading a case: JSON text or a dict validated into a :class:`Case`, pydantic's errors
translated into problems that name the field and never the value; dates given outside a case."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import astuple
from datetime import date
from typing import Any

from pydantic import (
    BaseModel,
    ValidationError,
)

from ..errors import CaseError, Problem
from ..jsontext import MAX_DEPTH, fast_loads
from ..lang import Lang
from ..validation import did_you_mean, dotted, expected, short_name
from .contradictions import _problem
from .model import MAX_AGE, Case, _iso_date


def parse_day(value: date | str | None, path: str, *, lang: Lang = "nl") -> date:
    """A date given outside a case (an option, a query parameter); ``None`` means today.

    >>> parse_day("2024-05-01", "--date"), parse_day(None, "--date") == date.today()
    (datetime.date(2024, 5, 1), True)
    """
    if value is None:
        return date.today()
    if type(value) is date:  # the case's own, validated already
        return value
    try:
        return _iso_date(value)
    except ValueError:
        raise CaseError([Problem(path, "invalid_date")], lang=lang) from None


#: The largest case document accepted (a real case is about 1 kB).
MAX_CASE_BYTES = 64 * 1024


def parse_case(data: Any, *, lang: Lang = "nl") -> Case:
    """Validate a ``dict``, JSON text or bytes as a case; raise :class:`CaseError` if invalid.

    JSON text may not repeat a key within an object (``duplicate_key``): which of two values
    would be meant is a guess. The error never holds the input, not even as the
    ``__context__`` of the exception.

    >>> parse_case('{"person": {"has_bsn": true, "has_bsn": false}}')
    Traceback (most recent call last):
    ...
    sekswerk_rules.errors.CaseError: person.has_bsn: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen.
    """
    if isinstance(data, Case):
        return data
    if isinstance(data, (str, bytes, bytearray)):
        if len(data) > MAX_CASE_BYTES:
            raise CaseError([Problem("", "too_large", {"limit": str(MAX_CASE_BYTES)})], lang=lang)
        case = validate_json(data)
        if case is not None:
            return case
        fast = fast_loads(data)
        data, problems = (fast, []) if fast is not None else _load_json(data)
        if problems:
            raise CaseError(problems, lang=lang)
    if isinstance(data, Mapping) and not isinstance(data, dict):
        try:
            data = dict(data)  # a MappingProxyType, a UserDict: the signature promises any mapping
        except Exception:  # the mapping's own code failed: its message may hold a value, so not passed on
            data = None
    if not isinstance(data, dict):
        raise CaseError([Problem("", "not_an_object")], lang=lang)
    try:
        return Case.model_validate(data)
    except ValidationError as exc:
        problems = problems_from(exc)
    # Raised outside the ``except`` block, so the ValidationError (which holds the input)
    # is neither the cause nor the context of the CaseError.
    raise CaseError(problems, lang=lang)


def validate_json(text: str | bytes | bytearray) -> Case | None:
    """The common case, validated by pydantic-core straight from the JSON text: a valid case
    whose text repeats no key; ``None`` for anything else, and the caller reads the text the
    slow way, which names every problem.

    pydantic-core lets the last of two equal keys win, so the keys are counted. Every colon
    of JSON text follows a key or stands inside a string, so the text's colons are its keys
    plus the colons in its strings. :func:`_keys_given` is at most its distinct keys plus the
    colons in its strings; if it equals the colons, the text has no more keys than distinct
    ones: none repeated. Where it falls short (a BSN or KvK number given as ``null``, or with
    ``has_bsn`` or ``registered``; a colon in the id of a text with an escape), the keys of the
    text as pydantic-core's parser reads it are counted instead
    (:func:`~sekswerk_rules.jsontext.fast_loads`), which settles a text without a colon in a
    string. Tests check both against the slow way.

    >>> validate_json('{"person": {"age": 30}}').person.age, validate_json('{"person": {"age": 30, "age": 17}}')
    (30, None)
    """
    try:
        case = _validate_case_json(text)
    except (ValueError, TypeError):  # a ValidationError; TypeError: a str that is not Unicode
        return None
    if isinstance(text, (bytes, bytearray)):
        colons, escaped = text.count(b":"), b"\\" in text
    else:
        colons, escaped = text.count(":"), "\\" in text
    if _keys_given(case, escaped) == colons or fast_loads(text) is not None:
        return case
    return None


#: ``Case.model_validate_json`` without its arguments: pydantic-core's validator itself.
_validate_case_json: Callable[[str | bytes | bytearray], Case] = Case.__pydantic_validator__.validate_json


def _keys_given(case: Case, escaped: bool = True) -> int:
    """At most the number of distinct keys in the JSON text ``case`` was validated from, plus
    the colons in its strings.

    Every model holds the fields its object gave (``model_fields_set``: the format forbids
    other keys), so the sum over the models is the distinct keys; except that a BSN or a KvK
    number given leaves ``has_bsn`` or ``registered`` set by the model, given or not, so one is
    taken off. Of the strings of a case that can be decided, only its ``id`` can hold a colon
    (keys are field names; codes, dates, numbers and regime ids have none); those are added
    unless the text has an escape (``\\u003a`` is a colon that the text does not show as one).
    """
    # ``__pydantic_fields_set__`` is what ``model_fields_set`` returns, read without the property.
    person, workplace = case.person, case.workplace
    given = person.__pydantic_fields_set__
    count = len(case.__pydantic_fields_set__) + len(given) + len(workplace.__pydantic_fields_set__)
    for part in (person.residence_document, person.kvk, person.identity_document, person.intake, workplace.licence, workplace.home):
        if part is not None:
            count += len(part.__pydantic_fields_set__)
    if "bsn" in given:
        count -= 1
    kvk = person.kvk
    if kvk is not None and "number" in kvk.__pydantic_fields_set__:
        count -= 1
    if not escaped and case.id is not None:
        count += case.id.count(":")
    return count


class _Repeated(dict):  # type: ignore[type-arg]
    """A JSON object in which a key occurred more than once (the keys that did)."""

    repeated: list[str]


def _no_constant(name: str) -> Any:
    raise ValueError(name)  # NaN and Infinity are not JSON


def _load_json(text: str | bytes | bytearray) -> tuple[Any, list[Problem]]:
    """JSON text as Python values, or the problems: a syntax error's position, repeated keys."""
    import json

    seen_repeated: list[bool] = []

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        obj = dict(items)
        if len(obj) == len(items):
            return obj
        repeated = _Repeated(obj)
        keys: set[str] = set()
        repeated.repeated = [key for key, _ in items if key in keys or keys.add(key)]  # type: ignore[func-returns-value]
        seen_repeated.append(True)
        return repeated

    if isinstance(text, (bytes, bytearray)):
        try:  # JSON exchanged between systems is UTF-8 (RFC 8259 §8.1), as the command line and HTTP read it
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError:
            return None, [Problem("", "invalid_json")]
    if text.startswith("\ufeff"):
        text = text[1:]
    try:
        data = json.loads(text, object_pairs_hook=pairs, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        return None, [Problem("", "invalid_json", {"where": f" ({exc.lineno}:{exc.colno})"})]
    except RecursionError:  # nesting deeper than Python's parser goes: as the command line says it
        return None, [Problem("", "too_deep", {"limit": str(MAX_DEPTH)})]
    except ValueError:  # bad UTF-8, a number too long
        return None, [Problem("", "invalid_json")]
    problems: list[Problem] = []
    if seen_repeated:
        _find_repeated(data, problems)
    return data, _distinct(problems)


def _find_repeated(data: Any, problems: list[Problem]) -> None:
    """Report every repeated key, at its own path when that is a short identifier."""
    stack: list[tuple[Any, tuple[Any, ...]]] = [(data, ())]
    while stack:
        node, loc = stack.pop()
        if isinstance(node, _Repeated):
            for key in node.repeated:
                problems.append(Problem(_path((*loc, key)), "duplicate_key"))
        if isinstance(node, dict):
            stack.extend((value, (*loc, key)) for key, value in reversed(node.items()) if isinstance(value, (dict, list)))
        elif isinstance(node, list):
            stack.extend((value, (*loc, i)) for i, value in reversed(list(enumerate(node))) if isinstance(value, (dict, list)))


def problems_from(exc: ValidationError) -> list[Problem]:
    """Translate pydantic's errors into :class:`Problem` s that name fields, never values.

    A key the format does not know is named only when it is a short identifier: a key can
    hold anything (a BSN, a birth date, a line break that forges a second error line).
    """
    problems: list[Problem] = []
    for error in exc.errors(include_input=False, include_url=False):
        loc = tuple(error["loc"])
        kind = error["type"]
        ctx = error.get("ctx", {})
        path = _path((*loc, ctx["index"]) if type(ctx.get("index")) is int else loc)  # an entry of a list checked whole (nationalities)
        if kind == "json_invalid":
            problem = Problem("", "invalid_json", _json_where(str(ctx.get("error", ""))))
        elif kind == "extra_forbidden":
            named = bool(loc) and short_name(loc[-1])
            problem = Problem(path, "unknown_field", _suggest(loc)) if named else Problem(_path(loc[:-1]), "unknown_field")
        elif kind == "invalid_key":
            problem = Problem(_path(loc[:-1]), "invalid_type", {"expected_nl": "tekst als sleutel", "expected_en": "text as a key"})
        elif kind in {"invalid_date", "invalid_bsn", "invalid_kvk", "invalid_country", "invalid_id"}:
            problem = Problem(path, kind)
        elif kind == "not_a_nationality":
            use = str(ctx.get("use", ""))
            instead = ("gebruik " + use, "use " + use) if use else ("gebruik de nationaliteit uit het paspoort", "use the nationality in the passport")
            problem = Problem(path, kind, {"use": use, "instead_nl": instead[0], "instead_en": instead[1]})
        elif kind == "inconsistent_facts":
            problem = _problem(str(ctx.get("reason", "")), path)
        elif kind == "enum":
            allowed = ctx.get("expected", "")
            problem = Problem(path, "invalid_choice", {"allowed": allowed.replace("'", "").replace(" or ", ", ")})
        elif kind in {"greater_than_equal", "less_than_equal"}:
            problem = Problem(path, "out_of_range", {"allowed": f"0-{MAX_AGE}"})
        elif kind == "model_type" and not loc:
            problem = Problem("", "not_an_object")
        else:
            nl, en = expected(kind) or (kind, kind)
            problem = Problem(path, "invalid_type", {"expected_nl": nl, "expected_en": en})
        problems.append(problem)
    return _distinct(problems)


def _distinct(problems: list[Problem]) -> list[Problem]:
    """Each problem once, in order: several unnamed keys at one place make one problem (a set
    of what makes two equal, since a list's ``in`` made thousands of keys take seconds)."""
    seen: set[tuple[Any, ...]] = set()
    distinct = []
    for problem in problems:
        key = tuple(tuple(sorted(value.items())) if isinstance(value, dict) else value for value in astuple(problem))
        if key not in seen:
            seen.add(key)
            distinct.append(problem)
    return distinct


def _json_where(detail: str) -> dict[str, str]:
    """Position of a JSON syntax error ("... at line 1 column 6"), never the text around it."""
    found = re.search(r"line ([0-9]+) column ([0-9]+)", detail)
    return {"where": f" ({found.group(1)}:{found.group(2)})"} if found else {}


def _path(loc: tuple[Any, ...]) -> str:
    """A field path; it stops before the first key that is not a short identifier."""
    return dotted(loc, lambda part: (isinstance(part, int) and not isinstance(part, bool)) or short_name(part))


def _suggest(loc: tuple[Any, ...]) -> dict[str, str]:
    """A "did you mean" for an unknown field, from the field names of its parent model."""
    model: Any = Case
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return {}
        model = _model_of(field.annotation)
        if model is None:
            return {}
    return did_you_mean(loc[-1], model.model_fields)


def _model_of(annotation: Any) -> Any:
    for candidate in (annotation, *getattr(annotation, "__args__", ())):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None
