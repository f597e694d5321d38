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


def _dates(value):
    """Every date (YYYY-MM-DD) a case gives, in any part."""
    if isinstance(value, dict):
        return [d for item in value.values() for d in _dates(item)]
    if isinstance(value, list):
        return [d for item in value for d in _dates(item)]
    return [value] if isinstance(value, str) and len(value) == 10 and value[4] == value[7] == "-" else []


def _explained(decision):
    """What a decision says in words: each rule's explanation and remedy, the advisories, the
    remedy plan and the questions (the fields legal_until and reference_date hold dates by design)."""
    words = [r.explanation for r in decision.rules] + [r.remedy or "" for r in decision.rules]
    words += [a.text for a in decision.advisories] + [q.question for q in decision.next_questions]
    if decision.remedy_plan is not None:
        words += [decision.remedy_plan.summary, *(s.text for s in decision.remedy_plan.steps)]
    return "\n".join(words)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_an_explanation_names_no_nationality_and_no_date_of_the_case(lang):
    # "Explanations name the facts used, never their values" (domain brief, privacy): they named
    # the country ("As a national of Romania") and the pass's last day, which follows from the
    # intake date. Generated cases in every regime; the names of the case's nationalities in both
    # languages, and every date it gives, must not appear in what the decision says in words.
    import random
    from datetime import date, timedelta

    from sekswerk_rules import countries
    from sekswerk_rules.synth import case as synth_case

    rng = random.Random(7)
    checked = 0
    for _ in range(600):
        municipality = rng.choice(["leeuwarden", "model-apv", "groningen", "utrecht", "assen", "amsterdam"])
        on = date(2001, 1, 1) + timedelta(days=rng.randrange(9400))
        case = synth_case(rng, municipality, on)
        try:
            decision = evaluate(case, lang=lang)
        except (CaseError, ValueError):
            continue
        said = _explained(decision)
        names = [countries.name(code, which) for code in case.get("person", {}).get("nationalities") or () for which in ("nl", "en")]
        assert not [n for n in names if n in said], (names, said)
        assert not [d for d in _dates(case) if d in said], said
        checked += 1
    assert checked > 400
