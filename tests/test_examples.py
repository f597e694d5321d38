"""Every shipped example gets the verdict its file name promises, through the command line."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from conftest import EXAMPLES

CASES = sorted(EXAMPLES.glob("*/*.json"))
EXIT = {"legaal": 0, "illegaal": 1, "onbepaald": 3}
VERDICT = {"legaal": "legal", "illegaal": "illegal", "onbepaald": "undetermined"}


def test_there_are_at_least_eight_leeuwarden_examples_of_every_verdict_kind():
    names = [p.stem for p in CASES if p.parent.name == "leeuwarden"]
    assert len(names) >= 8
    assert {n.split("-")[0] for n in names} == set(EXIT)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_gets_the_verdict_its_name_promises(cli, path):
    expected = path.stem.split("-")[0]
    own = sorted(path.parent.glob("*.toml"))  # a municipality's own regime beside its cases
    run = cli("check", str(path), "--format", "json", *(("--regime", str(own[0])) if own else ()))
    assert run.code == EXIT[expected], run.err
    assert run.json()["verdict"] == VERDICT[expected]


def test_python_dash_m_runs_the_same_command_line():
    path = EXAMPLES / "leeuwarden" / "legaal-raam.json"
    done = subprocess.run([sys.executable, "-m", "sekswerk_rules", "check", str(path)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Oordeel: LEGAAL")


def test_a_jsonl_batch_decides_every_line_and_reports_bad_ones_by_line_number(cli, tmp_path):
    good = (EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text().replace("\n", " ")
    bad = '{"person": {"bsn": "111111111"}, "municipality": "leeuwarden"}'
    batch = tmp_path / "cases.jsonl"
    batch.write_text(f"{good}\nnot json\n\n{bad}\n{good}\n")
    run = cli("check", str(batch), "--format", "json")
    records = [json.loads(line) for line in run.out.splitlines()]
    assert run.code == 2
    assert [r.get("verdict") or r["errors"][0]["code"] for r in records] == ["legal", "invalid_json", "empty_line", "invalid_bsn", "legal"]
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5]
    assert "111111111" not in run.out + run.err
    assert "legal: 2" in run.err and "error: 3" in run.err
