"""The fast ways of reading a case agree with the plain ones they replace (issue #15):
pydantic-core's JSON parser with a count of keys against ``json.loads`` with a repeated-key
hook, the date type validated in pydantic-core against a plain reading of the format, and the BSN's
11-check against python-stdnum's ``is_valid``."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from typing import Any

import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from pydantic import TypeAdapter
from stdnum.nl import bsn as stdnum_bsn

from sekswerk_rules import CaseError, jsontext, parse_case
from sekswerk_rules.case import Case, IsoDate
from sekswerk_rules.case import parse as case_parse
from sekswerk_rules.case.model import _iso_date

from .strategies import partial_cases

KEYS = ["person", "age", "a", "b", "id", "x:y", "nationalities", "has_bsn", ""]
scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.integers(min_value=10**39, max_value=10**45), st.floats(allow_nan=False),
    st.text(max_size=12), st.sampled_from(["2024-01-01", "a:b", "\ufeff", "{", "["]),
)  # fmt: skip
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.lists(st.tuples(st.sampled_from(KEYS), inner), max_size=4), max_leaves=12)


def _text(value: Any) -> str:
    """JSON text in which an object is a list of pairs, so a key can repeat."""
    if isinstance(value, list) and value and all(isinstance(p, tuple) for p in value):
        return "{" + ", ".join(f"{json.dumps(k)}: {_text(v)}" for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_text(v) for v in value) + "]"
    return json.dumps(value)


def _outcome(read: Any, text: Any) -> Any:
    try:
        return "value", read(text)
    except CaseError as error:
        return "error", [(p.path, p.code, p.params) for p in error.problems]


def _slow_loads(text: Any) -> Any:
    """``jsontext.loads`` without its fast path."""
    original = jsontext.fast_loads
    jsontext.fast_loads = lambda _text: None  # type: ignore[assignment]
    try:
        return jsontext.loads(text)
    finally:
        jsontext.fast_loads = original


def _slow_parse(text: Any) -> Any:
    """``parse_case`` without its fast paths (validating JSON text in pydantic-core, reading it
    with pydantic-core's parser)."""
    originals = case_parse.validate_json, case_parse.fast_loads
    case_parse.validate_json = case_parse.fast_loads = lambda _text: None  # type: ignore[assignment]
    try:
        return parse_case(text)
    finally:
        case_parse.validate_json, case_parse.fast_loads = originals


@given(values, st.sampled_from([str, str.encode, lambda t: "\ufeff" + t, lambda t: t.replace(" ", "")]))
def test_the_fast_json_reading_gives_what_the_slow_one_gives_or_declines(value, form):
    text = form(_text(value))
    fast = jsontext.fast_loads(text)
    slow = _outcome(_slow_loads, text)
    if fast is not None:
        assert slow == ("value", fast)
    assert _outcome(jsontext.loads, text) == slow
    assert _outcome(parse_case, text) == _outcome(_slow_parse, text)


@given(partial_cases(), st.booleans())
def test_a_case_read_the_fast_way_is_the_case_read_the_slow_way(case, compact):
    text = json.dumps(case, separators=(",", ":") if compact else None)
    assert jsontext.fast_loads(text) == json.loads(text)
    assert _outcome(parse_case, text) == _outcome(_slow_parse, text)


def _numbers(case: dict[str, Any], draw: st.DrawFn) -> dict[str, Any]:
    """The case, perhaps with a BSN and a KvK number (the facts the model turns into others)
    and a ``null`` part."""
    person = case.setdefault("person", {})
    if draw(st.booleans()) and person.get("has_bsn") is not False:
        person["bsn"] = draw(st.sampled_from(["123456782", "111222333", None]))
    kvk = person.get("kvk")
    if draw(st.booleans()) and (kvk is None or kvk.get("registered") is not False):
        person["kvk"] = {**(kvk or {}), "number": draw(st.sampled_from(["12345678", None]))}
    if draw(st.booleans()) and not case.get("workplace"):
        case["workplace"] = None
    if draw(st.booleans()):
        case["id"] = draw(st.sampled_from(["Z:1", "a:b:c", "zaak-17", ":"]))
    if draw(st.integers(0, 4)) == 0:  # no regime has such a name, but the text may still say it
        case["municipality"] = draw(st.sampled_from(["a:b", ":"]))
    return case


def _escape_colons(text: str) -> str:
    """The text with each colon inside the case's id written as ``\\u003a``."""
    head, found, rest = text.partition('"id": "')
    if not found:
        return text
    value, quote, tail = rest.partition('"')
    return head + found + value.replace(":", "\\u003a") + quote + tail


@st.composite
def texts_with_a_repeated_key(draw: st.DrawFn) -> str:
    """A valid case's JSON text in which one key of one object occurs twice, the second time
    with the value of the first or another one of the same kind."""
    case = _numbers(draw(partial_cases()), draw)
    objects = []
    stack: list[tuple[dict[str, Any], tuple[str, ...]]] = [(case, ())]
    while stack:
        node, path = stack.pop()
        if node:
            objects.append(path)
        stack.extend((value, (*path, key)) for key, value in node.items() if isinstance(value, dict))
    chosen = draw(st.sampled_from(objects))
    target: dict[str, Any] = case
    for key in chosen:
        target = target[key]
    key = draw(st.sampled_from(sorted(target)))
    other = draw(st.sampled_from([target[key], None, True, False, 30, "2024-01-01", "NL", {}]))

    def text(node: Any, path: tuple[str, ...]) -> str:
        if not isinstance(node, dict):
            return json.dumps(node)
        pairs = [f"{json.dumps(k)}: {text(v, (*path, k))}" for k, v in node.items()]
        if path == chosen:
            pairs.insert(draw(st.integers(0, len(pairs))), f"{json.dumps(key)}: {json.dumps(other)}")
        return "{" + ", ".join(pairs) + "}"

    written = text(case, ())
    return _escape_colons(written) if draw(st.booleans()) else written


@given(texts_with_a_repeated_key())
def test_a_valid_case_with_a_repeated_key_is_refused_for_it_as_the_slow_way_refuses_it(text):
    outcome = _outcome(parse_case, text)
    assert outcome == _outcome(_slow_parse, text)
    assert outcome[0] == "error" and "duplicate_key" in [code for _, code, _ in outcome[1]]


def _keys(text: str) -> tuple[int, int]:
    """The keys of a JSON text, and its distinct keys (per object)."""
    counts = [0, 0]

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        counts[0] += len(items)
        counts[1] += len(dict(items))
        return dict(items)

    json.loads(text, object_pairs_hook=pairs)
    return counts[0], counts[1]


@given(texts_with_a_repeated_key() | partial_cases().map(json.dumps))
@example('{"id": "Z\\u003a1"}').via("a colon the text escapes")
@example('{"id": "a:b", "person": {"bsn": "123456782"}, "workplace": null}').via("a BSN, a colon in a string")
def test_the_keys_a_case_counts_never_exceed_the_distinct_keys_and_the_colons_in_strings(text):
    """What makes the fast reading safe (``case.parse._keys_given``): a model that set a field
    its text did not give, unaccounted for, would let a repeated key through unseen."""
    try:
        case = Case.model_validate_json(text)
    except ValueError:
        return
    keys, distinct = _keys(text)
    colons_in_strings = text.count(":") - keys
    assert case_parse._keys_given(case, "\\" in text) <= distinct + colons_in_strings


@given(partial_cases(), st.data())
def test_a_case_validated_from_json_text_is_the_case_read_the_slow_way(case, data):
    text = json.dumps(_numbers(case, data.draw))
    fast, slow = _outcome(parse_case, text), _outcome(_slow_parse, text)
    assert fast == slow
    if fast[0] == "value":
        assert fast[1].model_dump(exclude_unset=True) == slow[1].model_dump(exclude_unset=True)


@pytest.mark.parametrize(
    "text",
    [
        '{"person": {"bsn": "123456782", "has_bsn": true}}',  # the count of the models' keys falls short ...
        '{"person": {"kvk": {"number": "12345678", "registered": true}}}',
        '{"person": {"bsn": null}}',
        '{"id": "Z:1", "municipality": "leeuwarden"}',  # ... these it settles, a colon in the id counted
        '{"id": "Z\\u003a1"}',
    ],
)
def test_a_valid_case_with_a_bsn_and_has_bsn_or_a_colon_in_its_id_is_validated_straight_from_its_text(text):
    assert case_parse.validate_json(text) == _slow_parse(text)


@pytest.mark.parametrize(
    "text",
    [
        '{"id": "Z:1", "person": {"bsn": "123456782", "has_bsn": true}}',
        '{"municipality": "a:b", "person": {"age": 30}}',
    ],
)
def test_a_valid_case_neither_count_settles_is_read_the_slow_way_and_read_the_same(text):
    assert case_parse.validate_json(text) is None
    assert _outcome(parse_case, text) == _outcome(_slow_parse, text) and _outcome(parse_case, text)[0] == "value"


@pytest.mark.parametrize(
    "text",
    [
        '{"person": {"has_bsn": true, "has_bsn": false}}',
        '{"id": "a:b", "person": {"age": 30, "age": 17}}',
        '{"person": {"age": 30}, "person": {"age": 17}}',
        '{"a": {"b": 1}, "a": {"c": 2}}',
        '{"person": {"bsn": "123456782", "bsn": "123456782"}}',
        '{"person": {"bsn": "123456782", "has_bsn": true, "has_bsn": true}}',
        '{"person": {"kvk": {"number": "12345678", "registered": true, "registered": true}}}',
        '{"person": null, "person": null}',
        '{"id": "Z\\u003a1", "person": {"age": 30, "age": 17}}',
        '{"municipality": "a:b", "person": {"age": 30, "age": 17}}',
        '{"id": "a\\u003ab", "person": {"bsn": "123456782", "has_bsn": true, "has_bsn": true}}',
    ],
)
def test_a_repeated_key_is_never_read_the_fast_way(text):
    assert jsontext.fast_loads(text) is None
    assert case_parse.validate_json(text) is None
    with pytest.raises(CaseError, match="dubbele sleutel"):
        parse_case(text)


DATE = TypeAdapter(IsoDate)
date_inputs = st.one_of(
    st.dates().map(date.isoformat),
    st.datetimes(),
    st.dates(),
    st.text(alphabet="0123456789-T: \n\uff10", max_size=12),
    st.from_regex(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", fullmatch=True),
    st.binary(max_size=10),
    st.integers(),
    st.sampled_from(["2024-01-01T00:00:00", "2024-01-01T00:00:00Z", "2024-01-01 ", "2024-01-01\n", "2024-02-30", "0000-01-01", "0", "20240101"]),
)


def plain_iso_date(value: Any) -> Any:
    """The format in plain Python: a ``date`` (not a ``datetime``) or a ``YYYY-MM-DD`` string."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    return "invalid_date"


@given(date_inputs)
def test_the_date_type_accepts_exactly_what_the_plain_reading_accepts(value):
    expected = plain_iso_date(value)
    try:
        outside: Any = _iso_date(value)  # a date given outside a case
    except ValueError as error:
        outside = str(error)
    assert outside == (expected if expected != "invalid_date" else "invalid date")
    try:
        got: Any = DATE.validate_python(value)
    except ValueError as error:
        got = error.errors()[0]["type"]  # type: ignore[attr-defined]
    assert got == expected
    if isinstance(value, (str, int)):  # in JSON a number is never a date
        try:
            from_json: Any = DATE.validate_json(json.dumps(value))
        except ValueError as error:
            from_json = error.errors()[0]["type"]  # type: ignore[attr-defined]
        assert from_json == expected


@pytest.mark.parametrize("text", ["0", "1700000000", '"0"', '"1700000000"', "1.5", "true", "null", "[]", "{}", '"2024-05-01T00:00:00"', '"20240501"', '"2024-5-1"'])
def test_json_gives_a_date_only_as_yyyy_mm_dd_text(text):
    """pydantic-core's strict JSON date would read ``"0"`` as a timestamp (1970-01-01): the
    pattern before it is what keeps a date to its ``YYYY-MM-DD`` form."""
    with pytest.raises(ValueError, match="invalid date"):
        DATE.validate_json(text)


def test_a_datetime_is_not_a_date():
    with pytest.raises(ValueError, match="invalid date"):
        DATE.validate_python(datetime(2024, 1, 1))


@given(st.text(alphabet="0123456789", min_size=9, max_size=9) | st.sampled_from(["000000000", "123456782", "111222333"]))
def test_the_bsn_check_is_stdnums_for_nine_ascii_digits(number):
    case = {"person": {"bsn": number}}
    accepted = _outcome(parse_case, case)[0] == "value"
    assert accepted == stdnum_bsn.is_valid(number)


@pytest.mark.parametrize("text", ['{"id": "x\ud800"}', '{"a": "\ud800"}', '{"x": "\udcff"}', '{"person": {"age": 30}, "z": "\ud83d"}'])
def test_a_str_that_is_not_unicode_is_read_the_slow_way(text):
    """pydantic-core refuses a lone surrogate in a ``str`` with a ``TypeError``; the slow reading
    takes it (JSON text may hold one), and the fields refuse it as they did before."""
    assert jsontext.fast_loads(text) is None
    assert _outcome(jsontext.loads, text) == _outcome(_slow_loads, text)
    assert _outcome(parse_case, text) == _outcome(_slow_parse, text)


@pytest.mark.parametrize("text", ['"0"', '"1700000000"', "0", '"2024-01-01T00:00:00"'])
def test_a_json_date_is_only_ever_yyyy_mm_dd_also_through_pydantics_own_json_reading(text):
    """pydantic-core's JSON date reads the string "0" as 1970-01-01 (a timestamp); the
    interchange format's date does not, also not through ``Case.model_validate_json``."""
    with pytest.raises(ValueError, match="invalid date"):
        DATE.validate_json(text)
    with pytest.raises(ValueError, match="invalid date"):
        Case.model_validate_json('{"reference_date": ' + text + "}")
