"""Many cases at once: JSON Lines in and out, comparisons, and the synthetic population."""

from __future__ import annotations

import io
import json
import sys

from conftest import EXAMPLES
from sekswerk_rules.synth import population


def test_stdin_batch_keeps_input_order_and_line_numbers(cli, monkeypatch):
    cases = list(population(5, seed=3))
    lines = [json.dumps(c) for c in cases]
    lines.insert(2, '{"municipality": "leeuwarden", "persn": {}}')
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("\n".join(lines).encode())))
    run = cli("check", "-", "--format", "json")
    out = [json.loads(line) for line in run.out.splitlines()]
    assert len(out) == 6 and out[2] == {
        "line": 3,
        "errors": [{"path": "persn", "code": "unknown_field", "message": "persn: onbekend veld; bedoelt u 'person'?"}],
    }
    assert [o["reference_date"] for o in out if "verdict" in o] == ["2024-05-01"] * 5
    assert run.code == 2 and run.err.startswith("samenvatting: ")


def test_a_batch_without_bad_lines_exits_with_its_worst_verdict(cli, tmp_path):
    legal = (EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text().replace("\n", "")
    unsure = (EXAMPLES / "leeuwarden" / "onbepaald-mensenhandel-onbekend.json").read_text().replace("\n", "")
    illegal = (EXAMPLES / "leeuwarden" / "illegaal-thuiswerk.json").read_text().replace("\n", "")
    for lines, code in (([legal], 0), ([legal, unsure], 3), ([unsure, illegal, legal], 1)):
        path = tmp_path / "cases.jsonl"
        path.write_text("\n".join(lines) + "\n")
        assert cli("check", str(path), "--format", "json").code == code


def test_synth_is_reproducible_and_valid(cli):
    first = cli("synth", "--n", "50", "--seed", "9").out
    assert first == cli("synth", "--n", "50", "--seed", "9").out
    assert first != cli("synth", "--n", "50", "--seed", "10").out
    assert len(first.splitlines()) == 50


def test_synthetic_cases_carry_no_personal_numbers():
    for case in population(500, seed=1):
        person = case["person"]
        assert "bsn" not in person and "number" not in person.get("kvk", {})


def test_compare_answers_the_leeuwarden_intake_question(cli, tmp_path):
    path = tmp_path / "pop.jsonl"
    path.write_text(cli("synth", "--n", "300", "--seed", "5").out)
    run = cli("compare", str(path), "--regime", "leeuwarden", "--against", str(EXAMPLES / "wat-als" / "leeuwarden-met-intake.toml"), "--format", "json")
    data = json.loads(run.out)
    assert run.code == 0 and data["total"] == 300 and data["errors"] == 0
    assert sum(f["count"] for f in data["flips"]) == 300 - data["unchanged"]
    assert all(set(f["rules"]) == {"intake-en-pas"} for f in data["flips"])
    assert all(f["to"] != "legal" for f in data["flips"])  # adding a duty never makes anything legal


def test_compare_two_dates_of_one_regime(cli, tmp_path):
    path = tmp_path / "pop.jsonl"
    path.write_text(cli("synth", "--n", "200", "--seed", "5", "-m", "groningen").out)
    run = cli("compare", str(path), "--regime", "groningen", "--date", "2016-05-31", "--against-date", "2016-12-15", "-f", "markdown")
    assert run.out.startswith("**groningen 2016-05-31 → groningen 2016-12-15: 200 zaken")
    assert "intake-en-pas" in run.out and "minimumleeftijd" in run.out


def test_compare_writes_a_plot(cli, tmp_path):
    path = tmp_path / "pop.jsonl"
    path.write_text(cli("synth", "--n", "100", "--seed", "5").out)
    png, svg = tmp_path / "flips.png", tmp_path / "flips.svg"
    target = str(EXAMPLES / "wat-als" / "leeuwarden-met-intake.toml")
    cli("compare", str(path), "--regime", "leeuwarden", "--against", target, "--plot", str(png))
    cli("compare", str(path), "--regime", "leeuwarden", "--against", target, "--plot", str(svg), "--lang", "en")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"<svg" in svg.read_bytes()[:500]


def test_compare_names_every_bad_line_on_stderr_and_still_compares_the_good_ones(cli, tmp_path):
    good = json.dumps(next(iter(population(1, seed=4))))
    bad_bsn = json.dumps({"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"bsn": "123456789"}})
    path = tmp_path / "cases.jsonl"
    path.write_text("\n".join([good, bad_bsn, "", '{"person": [1990', good]) + "\n")
    run = cli("compare", str(path), "--regime", "leeuwarden", "--format", "json")
    assert run.code == 2 and (run.json()["total"], run.json()["errors"]) == (2, 3)
    lines = run.err.splitlines()
    assert len(lines) == 3 and all(line.startswith("fout: regelnummer ") for line in lines)
    assert lines[0] == "fout: regelnummer 2: person.bsn: geen geldig BSN (9 cijfers die de 11-proef doorstaan)."
    assert lines[1].startswith("fout: regelnummer 3: Lege regel") and lines[2].startswith("fout: regelnummer 4: Geen geldige JSON")
    assert "123456789" not in run.err and "1990" not in run.err
    english = cli("compare", str(path), "--regime", "leeuwarden", "--lang", "en")
    assert english.err.splitlines()[0] == "error: line 2: person.bsn: not a valid BSN (it must be 9 digits and pass the 11-check)."
