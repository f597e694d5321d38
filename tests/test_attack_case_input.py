"""Hostile input to the case format: it is refused with a clear message that never repeats
it (issue 12, points 6, 7, 9 and 10). All numbers and dates here are synthetic."""

from __future__ import annotations

import json
import pickle
import traceback

import pytest
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from sekswerk_rules import Case, CaseError, evaluate, parse_case

BSN = "123456782"  # synthetic, passes the 11-check
BIRTH = "1987-06-13"


def _models(model: type[BaseModel], seen: set[type[BaseModel]] | None = None) -> set[type[BaseModel]]:
    from sekswerk_rules.case.parse import _model_of

    seen = set() if seen is None else seen
    seen.add(model)
    for field in model.model_fields.values():
        nested = _model_of(field.annotation)
        if nested is not None and nested not in seen:
            _models(nested, seen)
    return seen


# --------------------------------------------------------------------------- point 6


def test_every_model_of_the_case_hides_its_input_in_validation_errors():
    models = _models(Case)
    assert len(models) >= 9
    assert all(m.model_config.get("hide_input_in_errors") for m in models), [m.__name__ for m in models if not m.model_config.get("hide_input_in_errors")]


def test_validating_a_case_directly_keeps_no_personal_value_in_the_error():
    bad = {"person": {"bsn": BSN, "has_bsn": False, "birth_date": BIRTH, "age": "x"}}
    with pytest.raises(ValidationError) as caught:
        Case.model_validate(bad)
    text = repr(caught.value.errors()) + str(caught.value) + repr(caught.value)
    assert BSN not in text and BIRTH not in text


@pytest.mark.parametrize("form", ["dict", "json"])
def test_a_refused_case_leaves_no_input_in_the_exception_its_context_or_its_traceback_text(form):
    bad = {"person": {"bsn": BSN, "birth_date": BIRTH, "kvk": {"number": "1234567"}}}
    with pytest.raises(CaseError) as caught:
        parse_case(bad if form == "dict" else json.dumps(bad))
    error = caught.value
    assert error.__cause__ is None and error.__context__ is None
    text = "".join(traceback.format_exception(error)) + repr(error) + repr(error.problems) + repr(error.args)
    assert BSN not in text and BIRTH not in text and "1234567" not in text
    assert BSN.encode() not in pickle.dumps(error.problems)


# --------------------------------------------------------------------------- point 7

HOSTILE_KEYS = [
    ("a BSN as a key", BSN),
    ("a birth date in a key", f"geboren {BIRTH}"),
    ("a line break that forges a second error line", "x\nfout: alles is legaal"),
    ("an ANSI escape", "\x1b[2J\x1b[31mrood"),
    ("a 60 KB key", "k" * 60_000),
    ("an identifier too long to be a field name", "a" * 41),
    ("an identifier that holds a number", f"bsn_{BSN}"),
    ("a key with a non-ASCII look-alike", "birth_dat\u0435"),
]


@pytest.mark.parametrize("what, key", HOSTILE_KEYS, ids=[k[0] for k in HOSTILE_KEYS])
@pytest.mark.parametrize("where", ["top", "nested"])
def test_an_unknown_key_that_is_not_a_short_identifier_is_never_echoed(what, key, where):
    case = {key: 1} if where == "top" else {"person": {key: 1}}
    text = json.dumps(case)
    if len(text) > 64 * 1024:
        pytest.skip("over the size limit")
    for data in (case, text):
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        expected = ("Onbekend veld.", "Unknown field.") if where == "top" else ("person: onbekend veld.", "person: unknown field.")
        assert (caught.value.render("nl"), caught.value.render("en")) == expected
        assert caught.value.problems[0].params == {}  # no did-you-mean for an unnamed key


def test_a_key_with_a_lone_surrogate_is_refused_as_invalid_text_without_being_echoed():
    case = {"person": {"\ud800": 1}}
    for data in (case, json.dumps(case)):
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        assert str(caught.value) == "person: verkeerd type; verwacht: geldige Unicode-tekst."


def test_a_60_kb_key_is_not_echoed_by_evaluate_either():
    with pytest.raises(CaseError) as caught:
        evaluate({"municipality": "leeuwarden", "person": {"k" * 60_000: 1}})
    assert str(caught.value) == "person: onbekend veld."


def test_several_unnamed_keys_in_one_object_give_one_message():
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"1": 1, "2": 2, "a b": 3}})
    assert str(caught.value) == "person: onbekend veld."


def test_a_misspelt_field_name_is_still_named_with_a_suggestion():
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"resided_in_nl_before_2022": True}})
    assert str(caught.value) == "person.resided_in_nl_before_2022: onbekend veld; bedoelt u 'resided_in_nl_before_2021'?"


def test_a_key_that_is_not_text_is_refused_without_being_echoed():
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {123456782: 1}})  # type: ignore[dict-item]
    assert BSN not in str(caught.value)
    assert caught.value.problems[0].path == "person"


# --------------------------------------------------------------------------- point 9

LOOKALIKES = [
    ("the ligature fi", "\ufb01"),
    ("a long s before e", "\u017fe"),
    ("a sharp s", "\u00df"),
    ("fullwidth letters", "\uff2e\uff2c"),
    ("a Cyrillic look-alike", "N\u041b"),
    ("a Kelvin sign", "\u212a\u0415"),
    ("an ideographic space around a code", "\u3000NL\u3000"),
]


@pytest.mark.parametrize("what, code", LOOKALIKES, ids=[c[0] for c in LOOKALIKES])
def test_a_nationality_with_a_non_ascii_character_is_unknown(what, code):
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"nationalities": [code]}})
    assert caught.value.codes == ["invalid_country"]


@pytest.mark.parametrize("code", ["nl", "NL", "nld", "Rou", "gb"])
def test_an_ascii_code_in_any_case_is_a_nationality(code):
    assert len(parse_case({"person": {"nationalities": [code]}}).person.nationalities or []) == 1


TERRITORIES = [
    ("Aruba", "AW", "NL"),
    ("Curaçao", "CUW", "NL"),
    ("Sint Maarten", "SX", "NL"),
    ("Caribbean Netherlands", "BQ", "NL"),
    ("Réunion", "RE", "FR"),
    ("French Guiana", "gf", "FR"),
    ("Åland", "AX", "FI"),
    ("Greenland", "GL", "DK"),
    ("Gibraltar", "GI", "GB"),
    ("Jersey", "JE", "GB"),
    ("Puerto Rico", "PR", "US"),
    ("Hong Kong", "HK", "CN"),
]


@pytest.mark.parametrize("what, code, use", TERRITORIES, ids=[t[0] for t in TERRITORIES])
def test_a_territory_is_refused_with_the_nationality_to_use_instead(what, code, use):
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"nationalities": ["RO", code]}})
    [problem] = caught.value.problems
    assert (problem.code, problem.path, problem.params["use"]) == ("not_a_nationality", "person.nationalities[1]", use)  # which entry, never its value
    assert caught.value.render("nl") == f"person.nationalities[1]: geen nationaliteit maar een gebied; gebruik {use}."
    assert caught.value.render("en") == f"person.nationalities[1]: a territory, not a nationality; use {use}."


def test_antarctica_is_refused_with_no_nationality_to_suggest():
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"nationalities": ["AQ"]}})
    assert caught.value.render("en") == "person.nationalities[0]: a territory, not a nationality; use the nationality in the passport."


@pytest.mark.parametrize("code", ["PS", "TW", "VA", "EH"])
def test_states_outside_the_un_and_western_sahara_are_nationalities(code):
    assert parse_case({"person": {"nationalities": [code]}}).person.nationalities == [code]


def test_every_iso_code_is_either_a_nationality_or_a_territory_with_a_decision():
    import pycountry

    from sekswerk_rules.countries import TERRITORIES as TABLE

    assert set(TABLE) <= {c.alpha_2 for c in pycountry.countries}
    assert all(use is None or use not in TABLE for use in TABLE.values())
    assert len({c.alpha_2 for c in pycountry.countries} - set(TABLE)) == 197  # 193 UN members + PS, TW, VA, EH


def test_the_one_look_up_table_of_nationalities_reads_every_code_as_the_full_check_does():
    """``countries.NATIONALITIES`` is the case's fast way to a code; for every code of the
    tables, in upper and lower case, it gives what the full check gives, or leaves it to it."""
    from sekswerk_rules import countries
    from sekswerk_rules.case.model import _nationality

    for code in [*countries.ALPHA2, *map(str.lower, countries.ALPHA2)]:
        try:
            full = _nationality(code)
        except PydanticCustomError as refused:
            assert code not in countries.NATIONALITIES, (code, refused.type)
            continue
        assert countries.NATIONALITIES.get(code, full) == full, code
    assert countries.NATIONALITIES["ROU"] == countries.NATIONALITIES["RO"] == "RO"
    assert "AW" not in countries.NATIONALITIES and "ABW" not in countries.NATIONALITIES


def test_several_nationalities_are_read_as_alpha_2_sorted_and_once_each():
    assert parse_case({"person": {"nationalities": ["ROU", "nl", "RO", " gb"]}}).person.nationalities == ["GB", "NL", "RO"]
    assert parse_case('{"person": {"nationalities": ["NLD", "BE", "NL"]}}').person.nationalities == ["BE", "NL"]


UNICODE_DIGITS = [
    ("fullwidth digits", "\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff12"),
    ("Arabic-Indic digits", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0662"),
    ("Devanagari digits", "\u0967\u0968\u0969\u096a\u096b\u096c\u096d\u096e\u0968"),
    ("a mix of ASCII and fullwidth", "12345678\uff12"),
    ("superscript digits", "\u00b9\u00b2\u00b3456782"),
    ("spaces around it", " 123456782"),
    ("dots in it", "1234.56.782"),
]


@pytest.mark.parametrize("what, number", UNICODE_DIGITS, ids=[d[0] for d in UNICODE_DIGITS])
def test_a_bsn_must_be_nine_ascii_digits(what, number):
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"bsn": number}})
    assert caught.value.codes == ["invalid_bsn"]


@pytest.mark.parametrize(
    "number", ["\uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18", "\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668", "1234567\uff18", "1234 5678"]
)
def test_a_kvk_number_must_be_eight_ascii_digits(number):
    with pytest.raises(CaseError) as caught:
        parse_case({"person": {"kvk": {"number": number}}})
    assert caught.value.codes == ["invalid_kvk"]


@pytest.mark.parametrize("day", ["\uff12\uff10\uff12\uff14-05-01", "2024-\u0660\u0665-01"])
def test_a_date_must_be_written_in_ascii_digits(day):
    with pytest.raises(CaseError) as caught:
        parse_case({"reference_date": day})
    assert caught.value.codes == ["invalid_date"]


# --------------------------------------------------------------------------- point 10


@pytest.mark.parametrize(
    "text, message",
    [
        (
            '{"municipality": "leeuwarden", "municipality": "groningen"}',
            "municipality: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen.",
        ),
        ('{"person": {"has_bsn": true, "has_bsn": false}}', "person.has_bsn: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen."),
        (
            '{"workplace": {"licence": {"status": "valid", "status": "none"}}}',
            "workplace.licence.status: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen.",
        ),
        ('{"person": {"age": 30, "\\u0061ge": 17}}', "person.age: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen."),
        ('{"person": {}, "person": {}}', "person: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen."),
    ],
    ids=["top level", "nested", "deeper", "written with an escape", "an object"],
)
def test_a_key_given_twice_is_refused(text, message):
    for data in (text, text.encode()):
        with pytest.raises(CaseError) as caught:
            parse_case(data)
        assert caught.value.codes == ["duplicate_key"]
        assert str(caught.value) == message


@pytest.mark.parametrize("key", [BSN, f"geboren {BIRTH}", "x\ny"])
def test_a_repeated_key_that_is_not_a_short_identifier_is_reported_at_its_parent(key):
    text = f'{{"person": {{{json.dumps(key)}: 1, {json.dumps(key)}: 2}}}}'
    with pytest.raises(CaseError) as caught:
        parse_case(text)
    assert str(caught.value) == "person: dubbele sleutel; een sleutel mag in een object maar één keer voorkomen."


def test_a_repeated_key_below_an_unnamed_key_names_neither():
    text = f'{{"{BSN}": {{"a": 1, "a": 2}}}}'
    with pytest.raises(CaseError) as caught:
        parse_case(text)
    assert str(caught.value) == "Dubbele sleutel; een sleutel mag in een object maar één keer voorkomen."


def test_the_same_key_in_two_objects_is_no_duplicate():
    case = parse_case('{"person": {"residence_document": {"valid_until": "2030-01-01"}, "identity_document": {"valid_until": "2030-01-01"}}}')
    assert case.person.residence_document is not None


@pytest.mark.parametrize(
    "text",
    [
        '{"person": {"age": NaN}}',
        '{"person": {"age": Infinity}}',
        '{"person": {"age": ' + "9" * 5000 + "}}",
        b'{"municipality": "\xff"}',
    ],
    ids=["NaN", "Infinity", "a 5000-digit number", "invalid UTF-8"],
)
def test_text_that_is_not_strict_json_is_refused_as_invalid_json(text):
    with pytest.raises(CaseError) as caught:
        parse_case(text)
    assert caught.value.codes in (["invalid_json"], ["too_large"])
    assert "9999" not in str(caught.value)


@pytest.mark.parametrize("text", ["[" * 20_000 + "]" * 20_000, '{"person": ' * 2_000 + "{}" + "}" * 2_000])
def test_nesting_deeper_than_the_parser_goes_is_refused_as_too_deep_as_the_command_line_says(text):
    with pytest.raises(CaseError) as caught:
        parse_case(text)
    assert caught.value.codes == ["too_deep"]
    assert str(caught.value) == "Te diep genest (meer dan 64 niveaus)."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-le"])
def test_bytes_in_another_encoding_than_utf_8_are_refused_as_the_command_line_and_http_refuse_them(encoding):
    with pytest.raises(CaseError) as caught:
        parse_case('{"municipality": "leeuwarden"}'.encode(encoding))
    assert caught.value.codes == ["invalid_json"]


def test_a_byte_order_mark_before_the_json_is_accepted():
    assert parse_case('\ufeff{"municipality": "leeuwarden"}').municipality == "leeuwarden"
    assert parse_case('\ufeff{"municipality": "leeuwarden"}'.encode()).municipality == "leeuwarden"


def test_a_syntax_error_gives_line_and_column_not_the_text():
    with pytest.raises(CaseError) as caught:
        parse_case(f'{{\n  "person": {BSN}')
    assert str(caught.value).startswith("Geen geldige JSON (2:")
    assert BSN not in str(caught.value)


@pytest.mark.parametrize("given", [("NLD",), {"NLD"}, frozenset({"nld"}), ["NLD"]])
def test_nationalities_given_as_any_sequence_are_checked_and_read_as_alpha_2(given):
    """A tuple or a set (a Python caller's dict) was taken as a list without the country check:
    ``("NLD",)`` stayed ``NLD``, which the free-movement table does not know, so a Dutch national
    lacked free movement; ``("XX",)`` and a territory were accepted."""
    case = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"nationalities": given}}
    assert parse_case(case).person.nationalities == ["NL"]
    assert evaluate(case).rule("nationaal.verblijf-en-arbeid").outcome.value == "satisfied"


@pytest.mark.parametrize(("given", "code"), [(("XX",), "invalid_country"), ({"AW"}, "not_a_nationality"), ((1,), "invalid_country")])
def test_a_tuple_or_set_of_nationalities_is_refused_as_a_list_would_be(given, code):
    with pytest.raises(CaseError) as refused:
        parse_case({"person": {"nationalities": given}})
    assert [(p.path, p.code) for p in refused.value.problems] == [("person.nationalities[0]", code)]
