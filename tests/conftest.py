from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from sekswerk_rules.cli import main

# The regime pages are a documentation generator in docs/, not part of the library.
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "docs"))

# Bounded in CI; `HYPOTHESIS_PROFILE=long` for a thorough local run.
settings.register_profile("ci", max_examples=200, deadline=None, derandomize=True, print_blob=True, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
# For mutation testing (tests/mutation-score.md): few examples per property, the same ones each run.
settings.register_profile("mutation", max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"


class Run:
    def __init__(self, code: int, out: str, err: str):
        self.code, self.out, self.err = code, out, err

    def json(self) -> Any:
        return json.loads(self.out)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str]):
    """Run the command line in-process and capture its exit status and output."""

    def run(*args: str) -> Run:
        code = main(list(args))
        captured = capsys.readouterr()
        return Run(code, captured.out, captured.err)

    return run


@pytest.fixture(autouse=True)
def _fresh_plans_under_mutation():
    """Under mutation testing (mutmut sets MUTANT_UNDER_TEST), compile every regime version
    (and every memo of advice and advisories) afresh in each test: a plan compiled before the mutant was switched on (in mutmut's parent
    process) would run the original rule, and mutmut would credit the test with nothing."""
    if os.environ.get("MUTANT_UNDER_TEST"):
        from sekswerk_rules import advice, explain, plan
        from sekswerk_rules.case import change

        plan._PLANS.clear()
        explain._ADVISORIES.clear()  # likewise the advisories made once per set of findings,
        advice._REACHING.clear()  # and which fixes reach which failing rules
        advice._MADE.clear()  # and the remedy plans and questions made once,
        advice._FACTS.clear()  # the failing rules' fact sets,
        plan._ADVISED.clear()  # and the numbers of what advisories read of a finding,
        change._VALUES.clear()  # and the values the overlay validated, and what it needs of each model
        change._SHAPES.clear()
    yield


def error_from_a_named_pipe(tmp_path: Path, name: str, read: Any) -> BaseException:
    """The error ``read(pipe)`` raises for a named pipe nobody writes to, read in a thread that
    must end within 10 seconds (reading used to wait for a writer for ever); skipped where the
    system has no named pipes."""
    import threading

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    pipe = tmp_path / name
    os.mkfifo(pipe)
    caught: list[BaseException] = []

    def run() -> None:
        try:
            read(pipe)
        except BaseException as exc:  # handed to the test
            caught.append(exc)

    reader = threading.Thread(target=run, daemon=True)
    reader.start()
    reader.join(10)
    if reader.is_alive():  # let the waiting open go, then fail
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        pytest.fail("reading a named pipe waited for a writer")
    assert caught, "reading an empty named pipe raised nothing"
    return caught[0]
