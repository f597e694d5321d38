"""The benchmark in its quick smoke mode: it runs, the floor, ZEN and the library agree on every
verdict, and it prints one line per target. No timing is asserted here; the numbers live in
benchmarks/RESULTS.md."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_benchmark_runs_and_all_contenders_agree():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "floor differs on 0, ZEN on 0" in done.stdout
    printed = [line.split(":")[0] for line in done.stdout.splitlines() if line.endswith((" met", " missed"))]
    assert printed == ["P1a", "P1b", "P1c", "P1d", "P2", "P3", "P4"]


def test_the_floor_states_its_scope_and_handles_alpha3_codes_and_a_bsn_number():
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from floor import floor

    case = {"reference_date": "2024-05-01", "person": {"nationalities": ["ROU"], "bsn": "123456782"}}
    rules = dict((rule, passed) for rule, passed, _ in floor(case))
    assert rules["nationaal.verblijf-en-arbeid"] is True and rules["leeuwarden.bsn"] is True


def test_the_load_test_runs_without_errors():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--requests", "400", "--connections", "4"], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "errors 0." in done.stdout
