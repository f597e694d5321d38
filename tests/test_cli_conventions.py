"""CLI conventions (#14): `check -` reads one JSON document or JSON Lines, whichever standard
input holds; `--format json` on a batch writes only JSON to standard output; every option has
a help text; the help is Dutch throughout, headings included; `--version`; `schema --regime-file`."""

from __future__ import annotations

import argparse
import io
import json
import sys

import pytest

from conftest import EXAMPLES
from sekswerk_rules import __version__
from sekswerk_rules.cli import _parser
from sekswerk_rules.regime_schema import render

CASE = (EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text()
ILLEGAL = (EXAMPLES / "leeuwarden" / "illegaal-te-jong.json").read_text()


def _stdin(monkeypatch: pytest.MonkeyPatch, data: str) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(data.encode()))))  # type: ignore[arg-type]


def _parsers() -> list[tuple[str, argparse.ArgumentParser]]:
    found = [("sekswerk-rules", _parser())]
    for name, parser in list(found):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found += [(f"{name} {sub}", child) for sub, child in action.choices.items()]
    for name, parser in list(found[1:]):
        for action in parser._actions:
            if isinstance(action, argparse._SubParsersAction):
                found += [(f"{name} {sub}", child) for sub, child in action.choices.items()]
    return found


def test_check_dash_reads_one_indented_json_document_as_one_case(cli, monkeypatch):
    assert CASE.count("\n") > 3  # the example is indented over many lines
    _stdin(monkeypatch, CASE)
    run = cli("check", "-", "--format", "json")
    assert run.code == 0, run.err
    decision = run.json()  # one decision, not records per line
    assert decision["verdict"] == "legal" and "line" not in decision
    assert decision["remedy_plan"] is None and run.err == ""


def test_check_dash_reads_json_lines_as_one_record_per_line(cli, monkeypatch):
    _stdin(monkeypatch, CASE.replace("\n", " ") + "\n" + ILLEGAL.replace("\n", " ") + "\n")
    run = cli("check", "-", "--format", "json")
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [r["line"] for r in records] == [1, 2] and [r["verdict"] for r in records] == ["legal", "illegal"]
    assert run.code == 1


def test_check_dash_with_one_document_in_text_gives_its_exit_status_and_advice(cli, monkeypatch):
    _stdin(monkeypatch, ILLEGAL)
    run = cli("check", "-")
    assert run.code == 1 and run.out.startswith("Oordeel: ILLEGAAL")


def test_a_broken_first_line_is_a_json_lines_error_record_not_a_swallowed_document(cli, monkeypatch):
    _stdin(monkeypatch, "geen json\n" + CASE.replace("\n", " ") + "\n")
    run = cli("check", "-", "--format", "json")
    records = [json.loads(line) for line in run.out.splitlines()]
    assert "errors" in records[0] and records[1]["verdict"] == "legal" and run.code == 2


def test_an_indented_document_that_is_not_valid_json_is_one_error(cli, monkeypatch):
    _stdin(monkeypatch, '{\n  "person": {\n')
    run = cli("check", "-")
    assert run.code == 2 and run.out == "" and run.err.count("\n") == 1


def test_a_json_batch_writes_only_json_to_standard_output_and_the_summary_to_standard_error(cli, monkeypatch):
    _stdin(monkeypatch, CASE.replace("\n", " ") + '\n\n{"person": 5}\n')
    run = cli("check", "-", "--format", "json", "--advise")
    for line in run.out.splitlines():
        json.loads(line)
    assert len(run.out.splitlines()) == 3
    assert run.err.startswith("samenvatting: ")


def test_every_option_has_a_help_text():
    missing = [
        (name, action.option_strings or action.dest)
        for name, parser in _parsers()
        for action in parser._actions
        if not isinstance(action, argparse._SubParsersAction) and not action.help
    ]
    assert missing == []


@pytest.mark.parametrize("name", [name for name, _ in _parsers()])
def test_the_help_has_no_english_headings(name):
    parser = dict(_parsers())[name]
    text = parser.format_help()
    for english in ("usage:", "positional arguments", "options:", "optional arguments", "show this help message"):
        assert english not in text, (name, english)
    assert text.startswith("gebruik: ")
    assert "opties:" in text


def test_help_exits_0_in_dutch(cli):
    with pytest.raises(SystemExit) as done:
        cli("check", "--help")
    assert done.value.code == 0


def test_version_prints_the_version(cli, capsys):
    with pytest.raises(SystemExit) as done:
        cli("--version")
    assert done.value.code == 0
    assert capsys.readouterr().out.strip() == f"sekswerk-rules {__version__}"


def test_schema_regime_file_prints_the_regime_file_schema(cli):
    run = cli("schema", "--regime-file")
    assert run.code == 0 and run.out == render()
    assert json.loads(run.out)["$schema"].startswith("https://json-schema.org/")


def test_serve_lang_and_regimes_reach_the_server(cli, monkeypatch):
    pytest.importorskip("fastapi")
    from sekswerk_rules import server

    seen: dict[str, object] = {}
    monkeypatch.setattr(server, "serve", lambda host, port, **kw: seen.update(host=host, port=port, **kw))
    run = cli("serve", "--port", "8123", "--lang", "en", "--regimes", str(EXAMPLES / "voorbeeld"))
    assert run.code == 0
    assert seen["port"] == 8123 and seen["lang"] == "en"
    assert seen["regimes"].get("GM9999").id == "voorbeeld"  # type: ignore[attr-defined]


def test_the_language_of_a_usage_error_holds_for_that_call_only(capsys):
    from sekswerk_rules.cli import main

    with pytest.raises(SystemExit) as english:
        main(["regime", "validate", "--bogus", "x", "--lang", "en"])
    assert english.value.code == 2 and "unrecognized arguments" in capsys.readouterr().err
    with pytest.raises(SystemExit):  # the parser on its own (as the docs site builds it) is Dutch again
        _parser().parse_args(["regime", "validate", "--bogus", "x"])
    assert "onbekende argumenten" in capsys.readouterr().err
