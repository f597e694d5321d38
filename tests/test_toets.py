"""`sekswerk-rules toets`: scenario files run from the command line, and their JSON Schema."""

from __future__ import annotations

import json
import os
import tomllib
import tracemalloc
from datetime import date

import pytest

from conftest import EXAMPLES, ROOT
from sekswerk_rules import scenarios

jsonschema_rs = pytest.importorskip("jsonschema_rs")  # a validator in Rust, installed with schemathesis

GOOD = """regime = "model-apv"

[standaard]
leeftijd = 30
nationaliteit = "NL"
mensenhandel = "niet vastgesteld"
werkplek = "club"
vergunning = "geldig"
vergunningseisen_voldaan = "ja"

[[scenario]]
naam = "Een volwassene werkt legaal in een vergunde club"
peildatum = 2024-05-01
verwacht = { oordeel = "legaal" }

[[scenario]]
naam = "Een twintigjarige werkt legaal in een vergunde club"
peildatum = 2024-05-01
feiten = { leeftijd = 20 }
verwacht = { oordeel = "legaal" }
"""


@pytest.fixture
def wrong(tmp_path):
    path = tmp_path / "scenarios.toml"
    path.write_text(GOOD, "utf-8")
    return path


def test_toets_all_runs_every_shipped_scenario_and_exits_0(cli):
    run = cli("toets", "--all")
    assert run.code == 0, run.out
    total = sum(len(scenarios.load(p)) for p in scenarios.shipped_files())
    assert run.out.endswith(f"{total} scenario's: {total} geslaagd, 0 niet geslaagd.\n")
    assert "geslaagd: Een twintigjarige werkt op 15 december 2016 illegaal achter het raam in Groningen" in run.out


def test_a_file_with_one_wrong_expectation_exits_1_and_names_the_scenario_and_the_difference(cli, wrong):
    run = cli("toets", str(wrong))
    assert run.code == 1
    assert f"{wrong}, regelnummer 11: geslaagd: Een volwassene werkt legaal in een vergunde club\n" in run.out
    assert f"{wrong}, regelnummer 16: NIET GESLAAGD: Een twintigjarige werkt legaal in een vergunde club\n" in run.out
    assert "    oordeel: verwacht legaal, gekregen illegaal (door minimumleeftijd)\n" in run.out
    assert run.out.endswith("2 scenario's: 1 geslaagd, 1 niet geslaagd.\n")


def test_the_json_report_lists_every_scenario_with_file_line_regime_and_differences(cli, wrong):
    run = cli("toets", str(wrong), "--format", "json")
    assert run.code == 1
    records = run.json()
    assert [r["passed"] for r in records] == [True, False]
    assert records[1] == {
        "name": "Een twintigjarige werkt legaal in een vergunde club",
        "file": str(wrong),
        "line": 16,
        "regime": "model-apv",
        "passed": False,
        "differences": [{"what": "oordeel", "expected": "legaal", "got": "illegaal (door minimumleeftijd)"}],
    }


def test_the_report_speaks_english_on_request(cli, wrong):
    run = cli("toets", str(wrong), "--lang", "en")
    assert "regelnummer" not in run.out and ", line 16: FAILED: " in run.out
    assert "    oordeel: expected legaal, got illegaal (because of minimumleeftijd)\n" in run.out


def test_a_malformed_file_exits_2_with_file_line_and_key_and_never_the_value(cli, wrong, tmp_path):
    wrong.write_text(GOOD.replace("leeftijd = 20", "leeftyd = 20").replace('werkplek = "club"', 'werkplek = "kroeg-4711"'), "utf-8")
    other = tmp_path / "goed.toml"
    other.write_text(GOOD.replace("leeftijd = 20 }", "leeftijd = 30 }"), "utf-8")
    run = cli("toets", str(other), str(wrong))
    assert run.code == 2 and run.out == ""  # nothing runs while a file is invalid
    lines = run.err.splitlines()
    assert f"fout: {wrong}, regelnummer 7: standaard.werkplek: ongeldige waarde; toegestaan: " in lines[0]
    assert lines[1] == f"fout: {wrong}, regelnummer 19: scenario[1].feiten.leeftyd: onbekend feit; bedoelt u 'leeftijd'?"
    assert "kroeg-4711" not in run.err


def test_a_file_that_names_an_unknown_regime_exits_2(cli, wrong):
    wrong.write_text(GOOD.replace('regime = "model-apv"', 'regime = "nergensdorp"'), "utf-8")
    run = cli("toets", str(wrong))
    assert run.code == 2 and run.err.startswith(f"fout: {wrong}, regelnummer 1: regime: onbekende gemeente; bekend zijn: ")
    assert len(run.err.splitlines()) == 1  # once for the file, not once per scenario


def test_an_unknown_regime_named_by_one_scenario_is_reported_at_that_scenario_with_its_line(cli, wrong):
    wrong.write_text(GOOD.replace('naam = "Een twintigjarige', 'regime = "nergensdorp"\nnaam = "Een twintigjarige'), "utf-8")
    run = cli("toets", str(wrong), "--lang", "en")
    assert run.code == 2 and run.out == ""
    assert run.err.startswith(f"error: {wrong}, line 17: scenario[1].regime: unknown municipality; known are: ")
    assert len(run.err.splitlines()) == 1 and "nergensdorp" not in run.err


def test_toets_without_files_exits_2(cli):
    assert cli("toets").code == 2


def test_the_example_scenarios_pass_against_the_example_regime_file(cli):
    run = cli("toets", str(EXAMPLES / "voorbeeld" / "scenarios" / "voorbeeld.toml"), "--regime", str(EXAMPLES / "voorbeeld" / "voorbeeld.toml"))
    assert run.code == 0, run.out
    assert len(scenarios.load(EXAMPLES / "voorbeeld" / "scenarios" / "voorbeeld.toml")) >= 12


def test_with_regime_the_scenarios_run_against_that_file_instead(cli, wrong):
    text = GOOD.split("[[scenario]]")[0] + '[[scenario]]\nnaam = "Een tweeëntwintigjarige werkt illegaal: de grens is 23 jaar"\npeildatum = 2024-05-01\nfeiten = { leeftijd = 22 }\nverwacht = { oordeel = "illegaal", regel = ["minimumleeftijd"] }\n'
    wrong.write_text(text, "utf-8")
    assert cli("toets", str(wrong)).code == 1  # the model APV: 21 years
    assert cli("toets", str(wrong), "--regime", str(EXAMPLES / "voorbeeld" / "voorbeeld.toml")).code == 0


# --------------------------------------------------------------------------- the schema


def test_the_shipped_scenario_schema_is_the_one_the_models_generate():
    shipped = json.loads(scenarios.schema_file().read_text("utf-8"))
    assert shipped == json.loads(json.dumps(scenarios.json_schema())), "run: python -c 'from sekswerk_rules import scenarios; scenarios.write_schema()'"


def test_schema_scenario_prints_the_scenario_schema(cli):
    run = cli("schema", "--scenario")
    assert run.code == 0 and run.json() == json.loads(json.dumps(scenarios.json_schema()))


def _as_json(value):
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


SCENARIO_FILES = [*scenarios.shipped_files(), EXAMPLES / "voorbeeld" / "scenarios" / "voorbeeld.toml"]


@pytest.mark.parametrize("path", SCENARIO_FILES, ids=lambda p: p.name)
def test_every_scenario_file_is_valid_under_the_schema(path):
    data = _as_json(tomllib.loads(path.read_text("utf-8")))
    jsonschema_rs.Draft7Validator(scenarios.json_schema(), validate_formats=True).validate(data)


def test_the_schema_refuses_a_misspelt_label_and_a_word_that_is_not_a_value():
    validator = jsonschema_rs.Draft7Validator(scenarios.json_schema())
    data = _as_json(tomllib.loads(GOOD))
    data["scenario"][0]["feiten"] = {"leeftyd": 20}
    assert not validator.is_valid(data)
    data["scenario"][0]["feiten"] = {"werkplek": "window"}
    assert not validator.is_valid(data)
    data["scenario"][0]["feiten"] = {"werkplek": "raam", "leeftijd": "onbekend"}
    assert validator.is_valid(data)


def test_the_example_scenario_file_points_editors_at_the_schema():
    first = (EXAMPLES / "voorbeeld" / "scenarios" / "voorbeeld.toml").read_text("utf-8").splitlines()[0]
    target = ((EXAMPLES / "voorbeeld" / "scenarios") / first.removeprefix("#:schema ")).resolve()
    assert first.startswith("#:schema ") and target == scenarios.schema_file().resolve()


def test_the_label_table_on_the_scenario_page_is_the_one_in_the_code():
    from conftest import ROOT

    page = (ROOT / "docs" / "scenarios.md").read_text("utf-8")
    shown = page.split("<!-- feiten: begin -->\n", 1)[1].split("<!-- feiten: eind -->", 1)[0]
    assert shown == scenarios.label_table()
    for label in scenarios.LABELS:
        assert f"| `{label.name}` |" in shown and f"`{label.path}`" in shown


def test_a_scenario_key_that_is_free_text_is_never_printed(tmp_path):
    from sekswerk_rules import scenarios

    (tmp_path / "s.toml").write_text('regime = "groningen"\n[[scenario]]\nnaam = "x"\npeildatum = 2024-05-01\nverwacht = { oordeel = "legaal" }\n[scenario.feiten]\n"geboren 1987-06-13" = 1\n"a\\nfout: nep" = 2\n')
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.load(tmp_path / "s.toml")
    message = caught.value.render("nl")
    assert "1987" not in message and "nep" not in message
    assert "scenario[0].feiten: onbekend feit" in message


# --------------------------------------------------------------------------- reading the file


def test_a_scenario_file_over_256_kib_is_refused_without_being_read_whole(cli, tmp_path):
    big = tmp_path / "groot.toml"
    with big.open("wb") as file:
        file.truncate(60 * 1024 * 1024)  # 60 MB of nothing, without writing them
    tracemalloc.start()
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.load(big)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 4 * 1024 * 1024, peak
    assert str(caught.value) == f"{big}: Bestand te groot (meer dan 256 KiB)."
    run = cli("toets", str(big), "--lang", "en")
    assert run.code == 2 and run.err == f"error: {big}: File too large (more than 256 KiB).\n"


def test_a_scenario_text_over_256_kib_is_refused_by_parse_too():
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(GOOD + "#" * (256 * 1024), "s.toml")
    assert caught.value.codes == ["scenario_schema"]


def test_a_folder_or_a_device_is_refused_as_not_a_file(cli, tmp_path):
    devices = [p for p in ("/dev/zero", "/dev/null") if os.path.exists(p)]
    for path in [str(tmp_path), *devices]:
        run = cli("toets", path)
        assert run.code == 2 and run.err == f"fout: {path}: Geen bestand (een map of apparaat).\n", path


def test_a_scenario_file_may_come_through_a_pipe(tmp_path):
    # `toets /dev/stdin` and `toets <(...)` read a pipe until its writer closes it.
    import subprocess
    import sys

    text = (ROOT / "examples" / "voorbeeld" / "scenarios" / "voorbeeld.toml").read_bytes()
    run = subprocess.run(
        [sys.executable, "-m", "sekswerk_rules", "toets", "/dev/stdin", "--regime", str(ROOT / "examples" / "voorbeeld" / "voorbeeld.toml")],
        input=text,
        capture_output=True,
        timeout=120,
        check=False,
    )
    assert run.returncode == 0 and b"0 niet geslaagd" in run.stdout, run.stderr


def test_a_named_pipe_nobody_writes_to_is_read_as_empty_at_once_instead_of_waited_on(tmp_path):
    from conftest import error_from_a_named_pipe

    error = error_from_a_named_pipe(tmp_path, "pijp.toml", scenarios.load)
    assert isinstance(error, scenarios.ScenarioError) and set(error.codes) == {"scenario_schema"}  # empty: no regime, no scenario


# --------------------------------------------------------------------------- the expectations


def _one_scenario(expected: str) -> str:
    return f'regime = "model-apv"\n\n[[scenario]]\nnaam = "x"\npeildatum = 2024-05-01\nverwacht = {{ {expected} }}\n'


@pytest.mark.parametrize(
    ("expected", "path", "kind"),
    [
        ('uitkomst = "123456782"', "uitkomst", "een tabel"),
        ("uitkomst = 5", "uitkomst", "een tabel"),
        ("uitkomst = [{ a = 1 }]", "uitkomst", "een tabel"),
        ('ontbrekend = "leeftijd"', "ontbrekend", "een lijst"),
        ("ontbrekend = 5", "ontbrekend", "een lijst"),
        ('regel = "minimumleeftijd"', "regel", "een lijst"),
    ],
)
def test_an_expectation_of_the_wrong_kind_is_one_error_at_its_field_never_its_characters(cli, tmp_path, expected, path, kind):
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(_one_scenario(expected), "s.toml")
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [(f"scenario[0].verwacht.{path}", "scenario_schema", 6)]
    assert str(caught.value) == f"s.toml, regelnummer 6: scenario[0].verwacht.{path}: verwacht {kind}."
    (tmp_path / "s.toml").write_text(_one_scenario(expected), "utf-8")
    run = cli("toets", str(tmp_path / "s.toml"), "--lang", "en")
    assert run.code == 2 and len(run.err.splitlines()) == 1 and "internal error" not in run.err
    assert "123456782" not in run.err and "leeftijd" not in run.err


EVERY_DIFFERENCE = GOOD.split("[[scenario]]")[0] + """vergunning_geldig_tot_en_met = 2026-12-31

[[scenario]]
naam = "Alles verschilt"
peildatum = 2024-05-01
verwacht = { oordeel = "illegaal", regel = ["minimumleeftijd"], uitkomst = { vergunning = "overtreden" }, legaal_tot_en_met = 2025-01-01, ontbrekend = ["in_aangewezen_zone"], bronnen = { minimumleeftijd = ["buwav-2022"] }, fout = "invalid_bsn" }

[[scenario]]
naam = "Geen einde"
peildatum = 2024-05-01
verwacht = { geen_einde = true }

[[scenario]]
naam = "Tegenstrijdig zonder verwachting"
peildatum = 2024-05-01
feiten = { leeftijd = 30, geboortedatum = 1990-01-01 }
verwacht = {}
"""


def test_every_difference_is_reported_in_english_with_the_words_of_the_file_kept(cli, wrong):
    wrong.write_text(EVERY_DIFFERENCE, "utf-8")
    run = cli("toets", str(wrong), "--lang", "en")
    assert run.code == 1
    assert [line.strip() for line in run.out.splitlines() if line.startswith("    ")] == [
        "fout: expected invalid_bsn, got no error",
        "oordeel: expected illegaal, got legaal",
        "rule minimumleeftijd: expected deciding, got voldaan",
        "rule vergunning: expected overtreden, got voldaan",
        "source of rule minimumleeftijd: expected buwav-2022, got model-apv-2024-art-3-14-variant-2",
        "missing fact in_aangewezen_zone: expected missing, got not missing",
        "legal until: expected January 1, 2025, got December 31, 2026",
        "legal until: expected no end known, got December 31, 2026",
        "fout: expected no error, got inconsistent_facts (leeftijd)",
    ]
    differences = [d for record in cli("toets", str(wrong), "--lang", "en", "--format", "json").json() for d in record["differences"]]
    assert differences[-1] == {"what": "fout", "expected": "no error", "got": "inconsistent_facts (leeftijd)"}
    assert differences[-2]["expected"] == "no end known"


def test_a_refused_case_without_an_expected_error_never_prints_none(cli, wrong):
    wrong.write_text(EVERY_DIFFERENCE, "utf-8")
    run = cli("toets", str(wrong))
    assert "None" not in run.out
    assert "    fout: verwacht geen fout, gekregen inconsistent_facts (leeftijd)\n" in run.out
    assert "    legaal tot en met: verwacht 1 januari 2025, gekregen 31 december 2026\n" in run.out


# --------------------------------------------------------------------------- checked when loaded


def test_a_fact_the_case_refuses_is_reported_when_the_file_is_loaded_at_its_fact_never_its_value():
    text = GOOD.replace('nationaliteit = "NL"', 'nationaliteit = ["NL", "AW"]').replace("leeftijd = 20 }", 'leeftijd = -7, nationaliteit = "XX" }')
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(text, "s.toml")
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [
        ("standaard.nationaliteit[1]", "not_a_nationality", 5),
        ("scenario[1].feiten.leeftijd", "out_of_range", 19),
        ("scenario[1].feiten.nationaliteit", "invalid_country", 19),
    ]
    message = caught.value.render("en")
    assert "s.toml, line 19: scenario[1].feiten.leeftijd: value out of range (0-130)." in message
    assert "-7" not in message and "XX" not in message and "AW" not in message


def test_a_scenario_that_expects_an_error_may_hold_a_fact_the_case_refuses_and_names_it_when_the_error_differs():
    refused = GOOD.rsplit("verwacht", 1)[0].replace("leeftijd = 20 }", "leeftijd = -3 }")
    passing = scenarios.parse(refused + 'verwacht = { fout = "out_of_range" }\n', "s.toml")[1]
    assert scenarios.run(passing).passed
    other = scenarios.parse(refused + 'verwacht = { fout = "date_before_regime" }\n', "s.toml")[1]
    assert [d.text("en") for d in scenarios.run(other).differences] == ["fout: expected date_before_regime, got out_of_range (leeftijd)"]


def test_an_expected_error_code_that_does_not_exist_is_refused_with_a_suggestion():
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(_one_scenario('fout = "date_befor_regime"'), "s.toml")
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [("scenario[0].verwacht.fout", "scenario_schema", 6)]
    assert caught.value.render("en") == "s.toml, line 6: scenario[0].verwacht.fout: unknown error code; did you mean 'date_before_regime'?"
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(_one_scenario('fout = "123456782"'), "s.toml")
    assert str(caught.value) == "s.toml, regelnummer 6: scenario[0].verwacht.fout: onbekende foutcode."
    assert scenarios.parse(_one_scenario('fout = "date_before_regime"'), "s.toml")[0].verwacht.fout == "date_before_regime"


def test_two_scenarios_with_the_same_name_are_refused_at_the_second_naming_the_first():
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(GOOD.replace("Een twintigjarige werkt legaal", "Een volwassene werkt legaal"), "s.toml")
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [("scenario[1].naam", "scenario_schema", 17)]
    assert str(caught.value) == "s.toml, regelnummer 17: scenario[1].naam: dezelfde naam als scenario[0] (regelnummer 11); namen zijn uniek."
    assert "volwassene" not in caught.value.render("en")


@pytest.mark.parametrize(
    ("text", "path", "line"),
    [
        (GOOD.replace("peildatum = 2024-05-01\nverwacht", "peildatum = 2024-05-01T00:00:00\nverwacht", 1), "scenario[0].peildatum", 13),
        (GOOD.replace("peildatum = 2024-05-01\nverwacht", "peildatum = 2024-05-01T10:00:00+02:00\nverwacht", 1), "scenario[0].peildatum", 13),
        (GOOD.replace('verwacht = { oordeel = "legaal" }', "verwacht = { legaal_tot_en_met = 2026-12-31T00:00:00 }", 1), "scenario[0].verwacht.legaal_tot_en_met", 14),
    ],
)
def test_a_date_with_a_time_is_refused_as_a_day_as_it_is_in_facts(text, path, line):
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(text, "s.toml")
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [(path, "scenario_schema", line)]
    assert caught.value.render("en").endswith(f"{path}: expected a date without a time: YYYY-MM-DD.")


def test_what_a_fact_may_be_is_said_in_english_on_request(tmp_path):
    text = 'regime = "leeuwarden"\n[[scenario]]\nnaam = "x"\npeildatum = 2024-05-01\nverwacht = { oordeel = "legaal" }\n[scenario.feiten]\nleeftijd = "dertig"\ngeboortedatum = "1990-01-01"\nnationaliteit = 5\n'
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(text, "s.toml", lang="en")
    english = caught.value.render("en")
    assert "allowed: a whole number" in english and "a date (YYYY-MM-DD, without quotes)" in english and 'a country code ("NL")' in english
    assert "een " not in english  # the Dutch words of what is allowed came through
