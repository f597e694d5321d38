"""No BSN, birth date or KvK number appears in any output format, language or error message."""

from __future__ import annotations

import json
import logging

import pytest

from conftest import EXAMPLES
from sekswerk_rules import CaseError, evaluate, parse_case
from sekswerk_rules.presentation import render

BSN = "123456782"  # synthetic, passes the 11-check
BIRTH = "1999-04-02"
KVK = "12345678"
SECRETS = (BSN, BIRTH, KVK, "02-04-1999", "2 april 1999")


def personal_case(**extra):
    case = json.loads((EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text())
    case["person"].update({"bsn": BSN, "birth_date": BIRTH, "kvk": {"registered": True, "number": KVK}, **extra})
    return case


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("form", ["text", "json", "markdown"])
def test_no_personal_value_in_any_cli_output(cli, tmp_path, lang, form):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(personal_case()))
    run = cli("check", str(path), "--format", form, "--lang", lang)
    assert run.code == 0
    for secret in SECRETS:
        assert secret not in run.out + run.err


def test_the_number_is_gone_from_the_case_after_validation():
    case = parse_case(personal_case())
    dumped = case.model_dump_json() + repr(case) + str(case)
    assert BSN not in dumped and KVK not in dumped
    assert case.person.has_bsn is True and case.person.kvk.registered is True


def test_the_birth_date_is_kept_for_the_age_but_not_shown_in_repr():
    case = parse_case(personal_case())
    assert BIRTH not in repr(case)


@pytest.mark.parametrize(
    "broken",
    [
        {"bsn": "123456789"},
        {"bsn": 123456782},
        {"birth_date": "1999-02-30"},
        {"birth_date": "02-04-1999"},
        {"kvk": {"number": "1234567X"}},
        {"age": 30},  # inconsistent with the birth date
    ],
)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_input_value_in_any_error(broken, lang, caplog):
    case = personal_case()
    case["reference_date"] = "2024-05-01"
    case["person"].update(broken)
    caplog.set_level(logging.DEBUG)
    with pytest.raises(CaseError) as caught:
        evaluate(case, lang=lang)
    texts = [str(caught.value), repr(caught.value), caught.value.render("en"), caplog.text]
    values = [str(v) for v in broken.values()] + list(SECRETS)
    for text in texts:
        for value in values:
            if len(value) > 3:
                assert value not in text


def test_rendered_decisions_never_contain_the_birth_date_even_when_too_young():
    case = personal_case(birth_date="2005-06-07")
    decision = evaluate(case)
    pages = render.text(decision) + render.markdown(decision, "en") + decision.model_dump_json()
    assert "2005" not in pages and "06-07" not in pages


@pytest.mark.parametrize(
    "text",
    [
        '{"person": {"bsn": "123456782", "birth_date": "1999-04-02",}}',  # a syntax error after the values
        '{"person": {"bsn": "123456782"}} trailing',
        '{"person": {"birth_date": "1999-04-02", "age": NaN}}',
    ],
)
@pytest.mark.parametrize("form", [str, str.encode])
def test_a_refused_json_text_is_not_kept_in_the_errors_context(text, form):
    """Python's decoder error holds the whole text (``doc``); it must not stay reachable from the
    library's error as its cause or context, where a logging tool that walks the chain finds it."""
    from sekswerk_rules import jsontext

    for read in (jsontext.loads, parse_case):
        with pytest.raises(CaseError) as caught:
            read(form(text))
        error: BaseException | None = caught.value
        while error is not None:
            assert not any(secret in repr(vars(error)) + str(getattr(error, "doc", "")) for secret in SECRETS), read
            error = error.__cause__ or error.__context__


@pytest.mark.parametrize("wrong", ["Jan Jansen 1990-01-01", "123456782", ("Jan Jansen",), {"1990-01-01"}])
def test_a_value_typed_into_the_nationalities_is_refused_and_not_kept_in_a_cache(wrong):
    from sekswerk_rules import countries

    before = countries._alpha2.cache_info().currsize
    with pytest.raises(CaseError):
        parse_case({"person": {"nationalities": list(wrong) if not isinstance(wrong, str) else [wrong]}})
    with pytest.raises(CaseError):
        parse_case({"person": {"nationalities": wrong if not isinstance(wrong, str) else (wrong,)}})
    assert countries._alpha2.cache_info().currsize == before  # only two- or three-letter codes are remembered
