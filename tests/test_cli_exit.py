"""The process's exit (``cli.run``): it leaves without the interpreter's teardown only when that
loses nothing: all output written, the ``atexit`` handlers run, the verdict's exit status kept;
and the usual way when another thread is alive or a tracer is set. And a process started with a
standard stream closed (``<&-``, ``>&-``, ``2>&-``): a failure is still status 2, never a crash,
a verdict's status, or an error line in standard output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

LEGAL = str(EXAMPLES / "leeuwarden" / "legaal-raam.json")
ILLEGAL = str(EXAMPLES / "leeuwarden" / "illegaal-te-jong.json")


#: Standard output buffered as it is for a user (a pipe: in blocks), whatever the test runner's setting.
BUFFERED = {key: value for key, value in os.environ.items() if key != "PYTHONUNBUFFERED"}


def _python(code: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", code], input=stdin, capture_output=True, timeout=120, check=False, env=BUFFERED)


def _run(args: list[str], before: str = "") -> str:
    return f"import sys\n{before}\nsys.argv = ['sekswerk-rules', *{args!r}]\nfrom sekswerk_rules.cli import run\nrun()\n"


def test_the_exit_status_is_the_verdicts():
    assert _python(_run(["check", LEGAL])).returncode == 0
    assert _python(_run(["check", ILLEGAL])).returncode == 1
    assert _python(_run(["check", "--bogus"])).returncode == 2


def test_python_dash_m_and_run_write_the_same_output():
    module = subprocess.run([sys.executable, "-m", "sekswerk_rules", "check", ILLEGAL], capture_output=True, timeout=120, check=False, env=BUFFERED)
    assert module.returncode == 1
    assert module.stdout == _python(_run(["check", ILLEGAL])).stdout
    assert module.stdout.startswith(b"Oordeel: ILLEGAAL")


def test_every_line_of_a_batch_larger_than_a_pipe_buffer_is_written():
    lines = _python(_run(["synth", "--n", "2000", "--seed", "3"])).stdout
    done = _python(_run(["check", "-", "--format", "json"]), stdin=lines)
    assert done.returncode in (1, 3)
    assert len(done.stdout) > 1 << 16
    assert done.stdout.count(b"\n") == 2000
    assert done.stderr.startswith(b"samenvatting: ")


NOISY = "class Noisy:\n    def __del__(self):\n        sys.stderr.write('torn down\\n')\nkeep = Noisy()"


def test_the_teardown_is_left_out_when_run_is_the_entry_point():
    done = _python(_run(["check", LEGAL], NOISY))
    assert done.returncode == 0
    assert b"torn down" not in done.stderr
    module = subprocess.run([sys.executable, "-v", "-m", "sekswerk_rules", "check", LEGAL], capture_output=True, timeout=120, check=False, env=BUFFERED)
    assert module.returncode == 0
    assert b"import 'sekswerk_rules" in module.stderr and b"# destroy" not in module.stderr


def test_a_caller_that_catches_the_exit_gets_it():
    code = f"import runpy, sys\n{NOISY}\nsys.argv = ['sekswerk-rules', 'check', {ILLEGAL!r}]\ntry:\n    runpy.run_module('sekswerk_rules', run_name='__main__')\nexcept SystemExit as e:\n    print('caught', e.code)\n"
    done = _python(code)
    assert done.returncode == 0
    assert done.stdout.endswith(b"caught 1\n")
    assert done.stderr == b"torn down\n"  # the usual teardown


def test_python_dash_i_gets_the_usual_exit():
    done = subprocess.run(
        [sys.executable, "-i", "-m", "sekswerk_rules", "check", LEGAL],
        input=b"print('still here')\n",
        capture_output=True,
        timeout=120,
        check=False,
        env=BUFFERED,
    )
    assert b"still here" in done.stdout


def test_atexit_handlers_still_run_and_what_they_write_is_flushed():
    before = "import atexit\natexit.register(lambda: print('handler ran') or print('on stderr', file=sys.stderr))"
    done = _python(_run(["check", LEGAL], before))
    assert done.returncode == 0
    assert done.stdout.startswith(b"Oordeel: LEGAAL")
    assert done.stdout.endswith(b"\nhandler ran\n")
    assert done.stderr == b"on stderr\n"


def test_a_thread_still_running_is_waited_for():
    before = (
        "import threading, time\ndef late():\n    time.sleep(0.3)\n    print('thread done', file=sys.stderr, flush=True)\nthreading.Thread(target=late).start()"
    )
    done = _python(_run(["check", LEGAL], before))
    assert done.returncode == 0
    assert done.stderr == b"thread done\n"


def test_a_tracer_gets_the_usual_exit():
    code = _run(["check", ILLEGAL], "sys.settrace(lambda *a: None)").replace(
        "run()\n", "try:\n    run()\nexcept SystemExit as e:\n    print('exit', e.code, file=sys.stderr)\n"
    )
    done = _python(code)
    assert done.returncode == 0  # the SystemExit was caught: the code after it ran
    assert done.stderr == b"exit 1\n"


def test_a_profiler_still_writes_its_report():
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-m", "sekswerk_rules", "check", LEGAL], capture_output=True, timeout=120, check=False, env=BUFFERED
    )
    assert b"function calls" in done.stdout


def test_a_usage_error_is_one_line_on_standard_error_and_status_2():
    done = _python(_run(["check", "/nonexistent/case.json"]))
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.count(b"\n") == 1 and done.stderr.startswith(b"fout: ")


def _closed(fd: int, args: list[str]) -> subprocess.CompletedProcess[bytes]:
    """The CLI started with descriptor ``fd`` closed, as a shell's ``<&-``, ``>&-`` or ``2>&-`` does."""
    return subprocess.run(
        [sys.executable, "-m", "sekswerk_rules", *args], capture_output=True, timeout=120, check=False, env=BUFFERED, preexec_fn=lambda: os.close(fd)
    )


def test_a_closed_standard_output_is_a_failure_to_write():
    done = _closed(1, ["check", LEGAL])
    assert done.returncode == 2
    assert done.stderr.startswith(b"fout: lezen of schrijven mislukt: ")
    assert done.stderr.count(b"\n") == 1


def test_a_closed_standard_input_is_a_failure_to_read_for_check_dash():
    done = _closed(0, ["check", "-"])
    assert done.returncode == 2
    assert done.stderr.startswith(b"fout: lezen of schrijven mislukt: ")


def test_a_closed_standard_input_does_not_matter_for_a_file():
    assert _closed(0, ["check", ILLEGAL]).returncode == 1


def test_a_closed_standard_error_keeps_the_status_of_a_failure_and_of_a_verdict():
    failed = _closed(2, ["check", "/nonexistent/case.json"])
    assert failed.returncode == 2
    assert failed.stdout == b""  # the error line went nowhere, not into the output
    decided = _closed(2, ["check", ILLEGAL])
    assert decided.returncode == 1
    assert decided.stdout.startswith(b"Oordeel: ILLEGAAL")


def test_a_bug_in_one_line_of_a_batch_is_its_record_and_the_rest_are_decided(cli, monkeypatch, tmp_path):
    import sekswerk_rules.cli.check as checking

    def flaky(case, **options):
        if getattr(case, "id", None) == "second":
            raise RuntimeError("MARKER-123456782")  # what a bug's text could hold
        return decide(case, **options)

    decide = checking.decide
    monkeypatch.setattr(checking, "decide", flaky)
    legal = json.loads(Path(LEGAL).read_text())
    batch = tmp_path / "batch.jsonl"
    batch.write_text("".join(json.dumps({**legal, "id": name}) + "\n" for name in ("first", "second", "third")))
    done = cli("check", str(batch), "--format", "json")
    records = [json.loads(line) for line in done.out.splitlines()]
    assert [r.get("verdict") for r in records] == ["legal", None, "legal"]
    assert records[1]["id"] == "second" and [e["code"] for e in records[1]["errors"]] == ["internal_error"]
    assert done.code == 2 and "MARKER" not in done.out + done.err
