"""A short run of the coverage-guided fuzz target for each input path (the long run is documented
in fuzz/README.md). The corpus is copied, so the run never changes the repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from conftest import ROOT

pytest.importorskip("atheris", reason="atheris is in the test extra on x86_64 with Python < 3.13")


@pytest.mark.parametrize("target", ["case", "regime"])
def test_a_short_fuzz_run_finds_no_crash(tmp_path, target):
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "fuzz" / "corpus" / target, corpus)
    done = subprocess.run(
        [sys.executable, str(ROOT / "fuzz" / "fuzz_input.py"), "-atheris_runs=2000", f"-artifact_prefix={tmp_path}/", str(corpus)],
        capture_output=True,
        text=True,
        env={**os.environ, "FUZZ_TARGET": target},
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Done 2000" in done.stderr
