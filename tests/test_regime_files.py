"""Regime files: a broken one is refused whole, with file, line, key path and a precise message."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from typing import Any

import pytest

from conftest import EXAMPLES, ROOT
from sekswerk_rules import RegimeError, evaluate, load_regime

HEAD = 'id = "voorbeeld"\nname = "Voorbeeld"\ncbs_code = "GM9999"\nextends = "model-apv"\n'
V = "\n[[versions]]\nvalid_from = 2020-01-01\n"


def _toml(value: Any) -> str:
    """A value as inline TOML (strings, booleans, numbers, dates, lists, tables)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{json.dumps(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    return str(value) if not hasattr(value, "isoformat") else value.isoformat()


def a_basis(**change: Any) -> str:
    """One valid ``basis`` line, in whatever form the shipped national law uses for its sources."""
    raw = tomllib.loads((ROOT / "src" / "sekswerk_rules" / "regimes" / "nationaal.toml").read_text("utf-8"))
    first = raw["versions"][0]["rules"]["nationaal.mensenhandel"]["basis"][0]
    return f"basis = [{_toml({**first, **change})}]\n"


BASIS = a_basis()

BROKEN = [
    (
        "a minimum age under 18",
        HEAD + V + "[versions.rules.minimumleeftijd]\nage = 16\n",
        "r.toml, regelnummer 9: versions[0].rules.minimumleeftijd.age: landelijk recht kan een regime niet lager zetten of uitschakelen: een minimumleeftijd onder 18 jaar (Sr art. 273f).",
    ),
    (
        "switching off national law",
        HEAD + V + '[versions.rules."nationaal.mensenhandel"]\nenabled = false\n',
        "r.toml, regelnummer 8: versions[0].rules.nationaal.mensenhandel: landelijk recht kan een regime niet lager zetten of uitschakelen: regel 'nationaal.mensenhandel' is landelijk recht.",
    ),
    (
        "changing the national work rules",
        HEAD + V + '[versions.rules."nationaal.verblijf-en-arbeid"]\n' + BASIS,
        "r.toml, regelnummer 8: versions[0].rules.nationaal.verblijf-en-arbeid: landelijk recht kan een regime niet lager zetten of uitschakelen: regel 'nationaal.verblijf-en-arbeid' is landelijk recht.",
    ),
    (
        "a misspelt rule",
        HEAD + V + "[versions.rules.minimumleeftyd]\nage = 23\n",
        "r.toml, regelnummer 8: versions[0].rules.minimumleeftyd: onbekende regel; bedoelt u 'minimumleeftijd'?",
    ),
    (
        "a misspelt parameter",
        HEAD + V + "[versions.rules.minimumleeftijd]\nages = 23\n",
        "r.toml, regelnummer 9: versions[0].rules.minimumleeftijd.ages: onbekende sleutel; bedoelt u 'age'?",
    ),
    ("a misspelt version key", HEAD + V + 'notes = "x"\n', "r.toml, regelnummer 8: versions[0].notes: onbekende sleutel; bedoelt u 'note'?"),
    (
        "a TOML syntax error",
        HEAD + V + "[versions.rules.minimumleeftijd\nage = 23\n",
        "r.toml, regelnummer 8: TOML-syntaxfout in kolom 32: de tabelnaam mist ']' aan het eind.",
    ),
    (
        "an impossible date",
        HEAD + "\n[[versions]]\nvalid_from = 2020-13-01\n",
        "r.toml, regelnummer 7: TOML-syntaxfout in kolom 18: na een waarde hoort een nieuwe regel.",
    ),
    (
        "a date as a string in the wrong order",
        HEAD + '\n[[versions]]\nvalid_from = "01-01-2020"\n',
        "r.toml, regelnummer 7: versions[0].valid_from: geen geldige datum; gebruik JJJJ-MM-DD.",
    ),
    (
        "versions out of order",
        HEAD + V + "\n[[versions]]\nvalid_from = 2010-01-01\n",
        "r.toml, regelnummer 6: versions: versies moeten op oplopende 'valid_from' staan, zonder dubbele datum.",
    ),
    ("two versions on one day", HEAD + V + V, "r.toml, regelnummer 6: versions: versies moeten op oplopende 'valid_from' staan, zonder dubbele datum."),
    (
        "a version before the brothel ban was lifted",
        HEAD + "\n[[versions]]\nvalid_from = 1999-01-01\n",
        "r.toml, regelnummer 7: versions[0].valid_from: geen versie vóór 2000-10-01: toen gold nog het bordeelverbod.",
    ),
    (
        "an unknown parent",
        'id = "x"\nname = "X"\nextends = "modelapv"\n' + V,
        "r.toml, regelnummer 3: extends: 'extends' noemt een onbekend regime (bekend zijn: amsterdam, assen, groningen, leeuwarden, model-apv, nationaal, utrecht); bedoelt u 'model-apv'?",
    ),
    (
        "a rule without a basis",
        HEAD + V + "[versions.rules.thuiswerk]\nsole_resident = true\n",
        "r.toml, regelnummer 8: versions[0].rules.thuiswerk.basis: elke regel heeft ten minste één bron ('basis') nodig.",
    ),
    (
        "an empty basis",
        HEAD + V + "[versions.rules.thuiswerk]\nbasis = []\n",
        "r.toml, regelnummer 9: versions[0].rules.thuiswerk.basis: elke regel heeft ten minste één bron ('basis') nodig.",
    ),
    (
        "an unknown workplace kind",
        HEAD + V + '[versions.rules.werkplek-toegestaan]\nforbidden = ["brothel"]\n',
        "r.toml, regelnummer 9: versions[0].rules.werkplek-toegestaan.forbidden[0]: ongeldige waarde; toegestaan: window, club, private_house, massage_parlour, sex_theatre, escort, home, street, hotel.",
    ),
    (
        "an unknown confidence",
        HEAD + V + '[versions.rules.vergunning]\nkinds = ["window"]\n' + a_basis(confidence="certain"),
        "r.toml, regelnummer 10: versions[0].rules.vergunning.basis[0].confidence: ongeldige waarde; toegestaan: high, medium, low.",
    ),
    (
        "an unknown kind of uncertainty",
        HEAD + V + '[versions.rules.kvk-inschrijving]\nuncertain = "maybe"\n' + BASIS,
        "r.toml, regelnummer 9: versions[0].rules.kvk-inschrijving.uncertain: ongeldige waarde; toegestaan: date, transition, false.",
    ),
    ("an id with spaces", 'id = "Gemeente Voorbeeld"\nname = "V"\n' + V, "r.toml, regelnummer 1: id: waarde heeft niet de juiste vorm."),
    ("a CBS code of the wrong form", 'id = "v"\nname = "V"\ncbs_code = "0080"\n' + V, "r.toml, regelnummer 3: cbs_code: waarde heeft niet de juiste vorm."),
    ("no versions at all", 'id = "v"\nname = "V"\n', "r.toml: versions: verplichte sleutel ontbreekt."),
    (
        "a pass valid for zero years",
        HEAD + V + "[versions.rules.intake-en-pas]\npass_validity_years = 0\n" + BASIS,
        "r.toml, regelnummer 9: versions[0].rules.intake-en-pas.pass_validity_years: te klein; ten minste 1.",
    ),
    (
        "a word where a number belongs",
        HEAD + V + '[versions.rules.minimumleeftijd]\nage = "achttien"\n',
        "r.toml, regelnummer 9: versions[0].rules.minimumleeftijd.age: verwacht een geheel getal.",
    ),
    (
        "a single kind where a list belongs",
        HEAD + V + '[versions.rules.vergunning]\nkinds = "window"\n',
        "r.toml, regelnummer 9: versions[0].rules.vergunning.kinds: verwacht een lijst.",
    ),
]


@pytest.mark.parametrize("what, text, message", BROKEN, ids=[b[0] for b in BROKEN])
def test_a_broken_regime_is_refused_with_its_exact_message(tmp_path, monkeypatch, what, text, message):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.toml").write_text(text)
    with pytest.raises(RegimeError) as caught:
        load_regime("r.toml")
    assert caught.value.render("nl") == message


def test_there_are_at_least_fifteen_broken_regimes():
    assert len(BROKEN) >= 15


def test_a_cycle_in_extends_is_refused(tmp_path):
    (tmp_path / "a.toml").write_text('id = "a"\nname = "A"\nextends = "b"\n' + V)
    (tmp_path / "b.toml").write_text('id = "b"\nname = "B"\nextends = "a"\n' + V)
    with pytest.raises(RegimeError) as caught:
        load_regime(tmp_path / "a.toml")
    assert caught.value.codes == ["regime_cycle"]
    assert "a -> b -> a" in str(caught.value)


def test_messages_are_in_english_on_request(cli, tmp_path):
    (tmp_path / "r.toml").write_text(HEAD + V + "[versions.rules.minimumleeftijd]\nages = 23\n")
    run = cli("regime", "validate", str(tmp_path / "r.toml"), "--lang", "en")
    assert run.code == 2
    assert run.err.endswith("line 9: versions[0].rules.minimumleeftijd.ages: unknown key; did you mean 'age'?\n")


def test_check_with_a_broken_regime_gives_exit_2_and_no_decision(cli, tmp_path):
    (tmp_path / "r.toml").write_text(HEAD + V + "[versions.rules.minimumleeftijd]\nage = 16\n")
    run = cli("check", str(EXAMPLES / "leeuwarden" / "legaal-raam.json"), "--regime", str(tmp_path / "r.toml"))
    assert (run.code, run.out) == (2, "")


def test_check_with_an_own_regime_file_uses_it(cli, tmp_path):
    (tmp_path / "r.toml").write_text(HEAD + V + "[versions.rules.minimumleeftijd]\nenabled = true\nage = 30\n" + BASIS)
    case = EXAMPLES / "leeuwarden" / "legaal-raam.json"
    refused = cli("check", str(case), "--regime", str(tmp_path / "r.toml"), "--format", "json")
    assert refused.code == 2 and "municipality_mismatch" not in refused.err and "andere gemeente" in refused.err
    run = cli("check", str(case), "--regime", str(tmp_path / "r.toml"), "--force-regime", "--format", "json")
    decision = json.loads(run.out)
    assert run.code == 1
    version = load_regime(tmp_path / "r.toml").resolve(date.fromisoformat(json.loads(case.read_text())["reference_date"])).version
    assert decision["regime"] == {"id": "voorbeeld", "version": version.isoformat()}
    assert decision["municipality"] == {"code": "GM9999", "name": "Voorbeeld"}
    assert [r["outcome"] for r in decision["rules"] if r["id"] == "voorbeeld.minimumleeftijd"] == ["violated"]


def test_a_municipality_file_may_extend_a_sibling_file(tmp_path):
    (tmp_path / "basis.toml").write_text('id = "basis"\nname = "Basis"\nextends = "model-apv"\n' + V + "[versions.rules.minimumleeftijd]\nage = 23\n" + BASIS)
    (tmp_path / "wijk.toml").write_text('id = "wijk"\nname = "Wijk"\nextends = "basis"\n' + V)
    regime = load_regime(tmp_path / "wijk.toml")
    assert [r.id for r in regime.chain()] == ["wijk", "basis", "model-apv", "nationaal"]
    decision = evaluate({"person": {"age": 22}}, regime=regime, on="2024-01-01")
    assert decision.rule("minimumleeftijd").outcome.value == "violated"


def test_every_shipped_regime_loads_and_lists(cli):
    run = cli("regimes")
    ids = [line.split("\t")[0] for line in run.out.splitlines()]
    assert ids == ["amsterdam", "assen", "groningen", "leeuwarden", "model-apv", "utrecht"]


def test_regime_show_prints_the_decision_table(cli):
    run = cli("regime", "show", "GM0014", "--date", "2024-01-01")
    assert run.code == 0
    assert "intake-en-pas: Intake en pas" in run.out
    assert "pass_validity_years = 2" in run.out
    # the sources themselves are the registry's; the table names each with its confidence
    assert "(vertrouwen: " in run.out[run.out.index("intake-en-pas: Intake en pas") :]


def test_regime_show_as_json_lists_rules_with_basis(cli):
    data = json.loads(cli("regime", "show", "utrecht", "--date", "2025-06-01", "-f", "json").out)
    keys = [r["key"] for r in data["rules"]]
    assert "thuiswerk" in keys and "kvk-inschrijving" not in keys and "intake-en-pas" not in keys
    assert all(r["basis"] for r in data["rules"])


def test_regime_diff_of_two_dates_shows_what_changed(cli):
    run = cli("regime", "diff", "groningen", "--date", "2016-05-31", "--against-date", "2016-06-01")
    assert run.out.splitlines()[0] == "intake-en-pas:"
    assert "  - groningen 2016-05-31: (niet van kracht)" in run.out


def test_regime_diff_of_two_regimes_as_markdown(cli):
    run = cli("regime", "diff", "leeuwarden", "utrecht", "--date", "2025-06-01", "-f", "markdown", "--lang", "en")
    assert run.out.startswith("| Rule | leeuwarden 2025-06-01 | utrecht 2025-06-01 |")
    assert "| `bsn` |" in run.out


def test_regime_diff_of_a_regime_with_itself_has_no_differences(cli):
    assert cli("regime", "diff", "assen", "assen", "--date", "2024-01-01").out == "Geen verschillen.\n"


def test_the_guide_shows_the_regime_file_as_it_is():
    from conftest import ROOT

    guide = (ROOT / "docs" / "eigen-apv.md").read_text()
    shipped = (ROOT / "examples" / "voorbeeld" / "voorbeeld.toml").read_text()
    versions = shipped[shipped.index("[[versions]]") :].strip()
    assert versions in guide


def test_fuzzer_findings_stay_fixed(tmp_path):
    """Inputs that once crashed the fuzz target (fuzz/regressions) give a documented error."""
    from conftest import ROOT
    from sekswerk_rules.errors import ERROR_CODES

    for found in sorted((ROOT / "fuzz" / "regressions").iterdir()):
        target = tmp_path / "r.toml"
        target.write_bytes(found.read_bytes())
        try:
            load_regime(target)
        except RegimeError as error:
            assert set(error.codes) <= set(ERROR_CODES), found.name


def test_every_tomllib_message_of_this_python_has_its_own_dutch_and_english_words():
    """tomllib's messages (read from its source) start with one of the openings given our own texts."""
    import inspect
    import re
    import tomllib._parser

    from sekswerk_rules.tomlread import _TEXTS

    messages = set(re.findall(r'suffixed_err\(\s*src,\s*\w+,\s*f?"([^"{]*)', inspect.getsource(tomllib._parser)))
    assert messages and all(any(m.startswith(start) for start, _, _ in _TEXTS) for m in messages), messages
