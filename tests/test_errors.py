"""Bad input gets exit 2 and one clear message naming the field, in the chosen language,
without a traceback and without echoing the value."""

from __future__ import annotations

import json

import pytest

from sekswerk_rules import CaseError, EvaluationError, evaluate
from sekswerk_rules.errors import ERROR_CODES

BAD = [
    (
        "an unknown top-level field",
        {"municipality": "leeuwarden", "persoon": {}},
        "persoon: onbekend veld; bedoelt u 'person'?",
        "persoon: unknown field; did you mean 'person'?",
    ),
    (
        "a misspelt person field",
        {"municipality": "leeuwarden", "person": {"birth_dat": "2000-01-01"}},
        "person.birth_dat: onbekend veld; bedoelt u 'birth_date'?",
        "person.birth_dat: unknown field; did you mean 'birth_date'?",
    ),
    (
        "a misspelt nested field",
        {"municipality": "leeuwarden", "workplace": {"licence": {"requirements": True}}},
        "workplace.licence.requirements: onbekend veld; bedoelt u 'requirements_met'?",
        "workplace.licence.requirements: unknown field; did you mean 'requirements_met'?",
    ),
    (
        "an impossible date",
        {"municipality": "leeuwarden", "reference_date": "2024-13-01"},
        "reference_date: geen geldige datum; gebruik JJJJ-MM-DD.",
        "reference_date: not a valid date; use YYYY-MM-DD.",
    ),
    (
        "a date with a time",
        {"municipality": "leeuwarden", "person": {"birth_date": "2000-01-01T00:00:00"}},
        "person.birth_date: geen geldige datum; gebruik JJJJ-MM-DD.",
        "person.birth_date: not a valid date; use YYYY-MM-DD.",
    ),
    (
        "a timestamp for a date",
        {"municipality": "leeuwarden", "person": {"birth_date": 946684800}},
        "person.birth_date: geen geldige datum; gebruik JJJJ-MM-DD.",
        "person.birth_date: not a valid date; use YYYY-MM-DD.",
    ),
    (
        "an unknown country",
        {"municipality": "leeuwarden", "person": {"nationalities": ["XY"]}},
        "person.nationalities[0]: onbekende landcode; gebruik ISO 3166-1 alpha-2 of alpha-3 (bijvoorbeeld NL of NLD; het Verenigd Koninkrijk is GB of GBR).",
        "person.nationalities[0]: unknown country code; use ISO 3166-1 alpha-2 or alpha-3 (for example NL or NLD; the United Kingdom is GB or GBR).",
    ),
    (
        "a BSN failing the 11-check",
        {"municipality": "leeuwarden", "person": {"bsn": "111222334"}},
        "person.bsn: geen geldig BSN (9 cijfers die de 11-proef doorstaan).",
        "person.bsn: not a valid BSN (it must be 9 digits and pass the 11-check).",
    ),
    (
        "a BSN of eight digits",
        {"municipality": "leeuwarden", "person": {"bsn": "12345674"}},
        "person.bsn: geen geldig BSN (9 cijfers die de 11-proef doorstaan).",
        "person.bsn: not a valid BSN (it must be 9 digits and pass the 11-check).",
    ),
    (
        "a KvK number of seven digits",
        {"municipality": "leeuwarden", "person": {"kvk": {"number": "1234567"}}},
        "person.kvk.number: geen geldig KvK-nummer (8 cijfers).",
        "person.kvk.number: not a valid KvK number (8 digits).",
    ),
    (
        "an unknown workplace kind",
        {"municipality": "leeuwarden", "workplace": {"kind": "brothel"}},
        "workplace.kind: ongeldige waarde; toegestaan: window, club, private_house, massage_parlour, sex_theatre, escort, home, street, hotel.",
        "workplace.kind: invalid value; allowed: window, club, private_house, massage_parlour, sex_theatre, escort, home, street, hotel.",
    ),
    (
        "a string for a yes/no fact",
        {"municipality": "leeuwarden", "person": {"has_bsn": "yes"}},
        "person.has_bsn: verkeerd type; verwacht: true of false.",
        "person.has_bsn: wrong type; expected: true or false.",
    ),
    (
        "an age and birth date that disagree",
        {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"age": 30, "birth_date": "2000-01-01"}},
        "person.age: tegenstrijdige feiten: 'age' past niet bij 'birth_date' op de peildatum.",
        "person.age: inconsistent facts: 'age' does not match 'birth_date' on the reference date.",
    ),
    (
        "a BSN with has_bsn false",
        {"municipality": "leeuwarden", "person": {"bsn": "123456782", "has_bsn": False}},
        "person.has_bsn: tegenstrijdige feiten: een BSN is opgegeven terwijl 'has_bsn' false is.",
        "person.has_bsn: inconsistent facts: a BSN is given while 'has_bsn' is false.",
    ),
]


@pytest.mark.parametrize("what, case, nl, en", BAD, ids=[b[0] for b in BAD])
def test_bad_case_is_refused_with_the_field_path_in_both_languages(what, case, nl, en):
    with pytest.raises(CaseError) as caught:
        evaluate(case)
    assert caught.value.render("nl") == nl
    assert caught.value.render("en") == en


@pytest.mark.parametrize("what, case, nl, en", BAD, ids=[b[0] for b in BAD])
def test_bad_case_gives_exit_2_and_the_message_on_stderr(cli, tmp_path, what, case, nl, en):
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case))
    run = cli("check", str(path), "--lang", "en")
    assert run.code == 2
    assert run.out == ""
    assert run.err == f"error: {en}\n"
    assert "Traceback" not in run.err


def test_the_age_and_birth_date_message_is_about_the_person_not_the_value(cli, tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"age": 30, "birth_date": "2000-01-01"}}')
    run = cli("check", str(path))
    assert "2000-01-01" not in run.err and "30" not in run.err


@pytest.mark.parametrize(
    "args, message",
    [
        (["check", "does-not-exist.json"], "fout: does-not-exist.json: Bestand niet gevonden of niet leesbaar.\n"),
        (["check", "EXAMPLE", "--date", "2000-09-30"], "fout: --date: geen regels vóór 2000-10-01, de eerste dag van dit regime (vóór 2000-10-01 gold het bordeelverbod).\n"),
        (["check", "EXAMPLE", "--date", "30-09-2024"], "fout: --date: geen geldige datum; gebruik JJJJ-MM-DD.\n"),
        (
            ["check", "EXAMPLE", "--municipality", "GM9999"],
            "fout: municipality: onbekende gemeente; bekend zijn: amsterdam (GM0363), assen (GM0106), groningen (GM0014), leeuwarden (GM0080), model-apv, utrecht (GM0344).\n",
        ),
    ],
    ids=["a missing file", "a date before the brothel ban was lifted", "a date in Dutch order", "an unknown municipality"],
)
def test_bad_usage_gives_exit_2_and_one_line(cli, args, message):
    from conftest import EXAMPLES

    args = [str(EXAMPLES / "leeuwarden" / "legaal-raam.json") if a == "EXAMPLE" else a for a in args]
    run = cli(*args)
    assert (run.code, run.err) == (2, message)


def test_not_json_gives_the_position_but_not_the_text(cli, tmp_path):
    path = tmp_path / "case.json"
    path.write_text('{"person": 123456782')
    run = cli("check", str(path))
    assert run.code == 2 and run.err.startswith("fout: Geen geldige JSON (1:")
    assert "123456782" not in run.err


def test_a_case_that_is_not_an_object_is_refused(cli, tmp_path):
    path = tmp_path / "case.json"
    path.write_text("[1, 2]")
    assert cli("check", str(path)).err == "fout: Een zaak moet een JSON-object zijn.\n"


def test_a_huge_file_is_refused_before_it_is_parsed(cli, tmp_path):
    path = tmp_path / "case.json"
    path.write_text(" " * 10_000_000 + "{}")
    run = cli("check", str(path))
    assert run.code == 2 and "te groot" in run.err


def test_no_municipality_is_an_evaluation_error():
    with pytest.raises(EvaluationError) as caught:
        evaluate({"person": {}})
    assert caught.value.codes == ["no_municipality"]


def test_every_error_code_is_documented_once():
    from conftest import ROOT

    text = (ROOT / "docs" / "foutcodes.md").read_text()
    documented = sorted(line.split("`")[1] for line in text.splitlines() if line.startswith("| `"))
    assert documented == list(ERROR_CODES)
