"""The benchmark in its quick smoke mode: it runs, and the floor, ZEN and the library agree on
every verdict. No timing is asserted here; the numbers live in benchmarks/RESULTS.md."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT


def test_the_benchmark_runs_and_all_contenders_agree():
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench.py"), "--quick"], capture_output=True, text=True, timeout=600, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-2000:]
    assert "floor differs on 0, ZEN on 0" in done.stdout
    assert "| peak RSS of a 2,000-line JSONL run < 150 MiB |" in done.stdout


def test_the_load_test_runs_without_errors():
    done = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "load.py"), "--requests", "400", "--connections", "4"], capture_output=True, text=True, timeout=300, cwd=ROOT
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "errors 0." in done.stdout
