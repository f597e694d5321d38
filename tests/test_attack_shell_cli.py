"""Issue #12 against the command line: every failure exits 2 with one line and no traceback,
only a verdict exits 0, 1 or 3; every line of a batch gets exactly one record; duplicate keys
and deep nesting are refused; bad options are named as the options they are.

The numbers that look like BSNs here are synthetic (they pass or fail the 11-check on purpose).
"""

from __future__ import annotations

import errno
import io
import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from sekswerk_rules import cli as cli_module
from sekswerk_rules.case import MAX_CASE_BYTES

LEGAL = (EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text().replace("\n", " ")
SECRET = "123456782"


def _stdin(monkeypatch: pytest.MonkeyPatch, data: bytes | io.RawIOBase) -> None:
    raw = io.BytesIO(data) if isinstance(data, bytes) else data
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(raw)))


def _run(*args: str, **kwargs: object) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run([sys.executable, "-m", "sekswerk_rules", *args], stderr=subprocess.PIPE, env=env, timeout=120, **kwargs)  # type: ignore[call-overload]


# --------------------------------------------------------------------------- #12.4 failures


@pytest.mark.parametrize(
    "failure",
    [RecursionError(SECRET), MemoryError(), RuntimeError(SECRET), KeyError(SECRET), OSError(errno.ENOSPC, "No space left on device")],
    ids=["recursion", "memory", "a bug", "a key error", "a full disk"],
)
def test_an_unexpected_failure_exits_2_with_one_line_and_no_traceback_or_input(cli, monkeypatch, failure):
    def explode(*args: object, **kwargs: object) -> None:
        raise failure

    monkeypatch.setattr(cli_module.check, "evaluate", explode)  # check reads one case there
    run = cli("check", str(EXAMPLES / "leeuwarden" / "legaal-raam.json"))
    assert run.code == 2
    assert run.err.count("\n") == 1 and run.err.startswith("fout: ")
    assert "Traceback" not in run.err and SECRET not in run.err


def test_an_interrupt_exits_130_with_one_line(cli, monkeypatch):
    def interrupt(*args: object, **kwargs: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_module.check, "evaluate", interrupt)
    run = cli("check", str(EXAMPLES / "leeuwarden" / "legaal-raam.json"), "--lang", "en")
    assert (run.code, run.err) == (130, "error: interrupted\n")


def test_a_closed_pipe_ends_with_exit_2_one_line_and_no_traceback():
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "sekswerk_rules", "synth", "--n", "200000"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env) as process:  # like `| head -c1`
        assert process.stdout is not None and process.stderr is not None
        process.stdout.read(1)
        process.stdout.close()
        err = process.stderr.read().decode()
        code = process.wait(timeout=60)
    assert code == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and err.startswith("fout: de uitvoer is afgesloten")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
def test_a_full_disk_ends_with_exit_2_one_line_and_no_traceback():
    with open("/dev/full", "wb") as full:
        done = _run("synth", "--n", "2000", stdout=full)
    err = done.stderr.decode()
    assert done.returncode == 2 and "Traceback" not in err
    assert err.count("\n") == 1 and "No space left on device" in err


def test_a_regime_that_includes_itself_exits_2_without_a_traceback(cli, tmp_path):
    (tmp_path / "q.toml").write_text('id = "r"\nname = "R"\nextends = "q"\n\n[[versions]]\nvalid_from = 2020-01-01\n')
    run = cli("regime", "validate", str(tmp_path / "q.toml"))
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err
    assert all(line.startswith("fout: ") for line in run.err.splitlines())


def test_5000_nested_toml_arrays_exit_2_without_a_traceback(cli, tmp_path):
    (tmp_path / "deep.toml").write_text("x = " + "[" * 5000 + "]" * 5000 + "\n")
    run = cli("regime", "validate", str(tmp_path / "deep.toml"))
    assert run.code == 2 and run.out == "" and "Traceback" not in run.err


# --------------------------------------------------------------------------- #12.10 JSON text


@pytest.mark.parametrize(
    "text, code",
    [
        ('{"municipality": "leeuwarden", "person": {"age": 30, "age": 17}}', "duplicate_key"),
        ('{"municipality": "leeuwarden", "municipality": "groningen"}', "duplicate_key"),
        ('{"person": {"' + SECRET + '": 1, "' + SECRET + '": 2}}', "duplicate_key"),
        ("[" * 32_000 + "]" * 32_000, "too_deep"),
        ('{"person": ' * 70 + "{}" + "}" * 70, "too_deep"),
        ('{"municipality": "leeuwarden", "person": {"age": NaN}}', "invalid_json"),
    ],
    ids=["a duplicate age", "a duplicate municipality", "a duplicate key that is a number", "32,000 nested arrays", "70 nested objects", "NaN"],
)
def test_duplicate_keys_and_deep_nesting_are_refused_in_a_case_file_and_a_batch(cli, tmp_path, text, code):
    single, batch = tmp_path / "case.json", tmp_path / "cases.jsonl"
    single.write_text(text)
    batch.write_text(text + "\n")
    run = cli("check", str(single), "--format", "json")
    assert run.code == 2 and run.out == "" and run.err.count("\n") == 1
    assert SECRET not in run.err and "Traceback" not in run.err
    run = cli("check", str(batch), "--format", "json")
    assert run.code == 2 and [r["errors"][0]["code"] for r in map(json.loads, run.out.splitlines())] == [code]
    assert SECRET not in run.out


def test_a_duplicate_key_is_named_by_its_path():
    from sekswerk_rules.errors import CaseError
    from sekswerk_rules.jsontext import loads

    with pytest.raises(CaseError) as caught:
        loads('{"cases": [{}, {"person": {"kvk": {"registered": true, "registered": false}}}]}')
    assert [(p.path, p.code) for p in caught.value.problems] == [("cases[1].person.kvk.registered", "duplicate_key")]


# --------------------------------------------------------------------------- #12.12 batches


def test_every_input_line_gets_exactly_one_record_with_its_line_number(cli, monkeypatch):
    lines = [LEGAL, "", "not json", "[]", '{"id": "zaak-4", "persn": {}}', f'{{"id": "zaak-5", {LEGAL[1:]}', "   "]
    _stdin(monkeypatch, ("\n".join(lines) + "\n").encode())
    run = cli("check", "-", "--format", "json")
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [r["line"] for r in records] == [1, 2, 3, 4, 5, 6, 7]
    assert [r.get("verdict") or r["errors"][0]["code"] for r in records] == [
        "legal",
        "empty_line",
        "invalid_json",
        "not_an_object",
        "unknown_field",
        "legal",
        "empty_line",
    ]
    assert [r.get("id") for r in records] == [None, None, None, None, "zaak-4", "zaak-5", None]
    assert run.code == 2 and run.err == "samenvatting: legal: 2, illegal: 0, undetermined: 0, error: 5\n"


def test_100001_input_lines_give_100001_records(cli, tmp_path):
    path = tmp_path / "many.jsonl"
    lines = ["[]"] * 100_001
    lines[0], lines[5_000], lines[100_000] = LEGAL, "", LEGAL
    path.write_text("\n".join(lines) + "\n")
    run = cli("check", str(path), "--format", "json")
    numbers = [int(line[len('{"line": ') : line.index(",")]) for line in run.out.splitlines()]
    assert numbers == list(range(1, 100_002))
    assert run.code == 2


@pytest.mark.parametrize("form", ["json", "text", "markdown"])
def test_an_empty_batch_exits_2(cli, monkeypatch, tmp_path, form):
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    run = cli("check", str(empty), "--format", form)
    assert (run.code, run.out) == (2, "") and run.err.endswith("Geen zaken: de invoer is leeg.\n")
    _stdin(monkeypatch, b"")
    run = cli("check", "-", "--format", form, "--lang", "en")
    assert (run.code, run.out, run.err) == (2, "", "error: No cases: the input is empty.\n")


class _Endless(io.RawIOBase):
    """A line of ``size`` bytes without a newline, then a legal case: never held whole."""

    def __init__(self, size: int, after: bytes) -> None:
        self.left, self.after = size, after

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self.left > 0:
            n = min(len(buffer), self.left)
            buffer[:n] = b"x" * n
            self.left -= n
            return n
        n = min(len(buffer), len(self.after))
        buffer[:n], self.after = self.after[:n], self.after[n:]
        return n


def test_a_line_over_the_limit_is_never_read_whole_and_is_reported_as_too_large(cli, monkeypatch):
    _stdin(monkeypatch, _Endless(40 * 1024 * 1024, f"\n{LEGAL}\n".encode()))
    tracemalloc.start()
    try:
        run = cli("check", "-", "--format", "json")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    records = [json.loads(line) for line in run.out.splitlines()]
    assert [(r["line"], r.get("verdict") or r["errors"][0]["code"]) for r in records] == [(1, "too_large"), (2, "legal")]
    assert peak < 8 * 1024 * 1024


def test_a_line_exactly_at_the_limit_is_still_read(cli, tmp_path):
    case = json.loads(LEGAL)
    text = json.dumps(case)
    padded = text[:-1] + " " * (MAX_CASE_BYTES - len(text.encode())) + "}"
    path = tmp_path / "edge.jsonl"
    path.write_text(padded + "\r\n" + padded + " \n")
    records = [json.loads(line) for line in cli("check", str(path), "--format", "json").out.splitlines()]
    assert [r.get("verdict") or r["errors"][0]["code"] for r in records] == ["legal", "too_large"]


def test_text_batches_label_every_record_with_its_line(cli, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text(f'{LEGAL}\n\n{{"id": "z-3", {LEGAL[1:]}\n')
    run = cli("check", str(path), "--lang", "en")
    assert run.out.startswith("== line 1\nVerdict: LEGAL")
    assert "line 2: error: Empty line; every line must be one case.\n== line 3 (z-3)\nVerdict: LEGAL" in run.out


def test_an_invalid_own_id_is_refused_by_name(cli, tmp_path):
    path = tmp_path / "cases.jsonl"
    path.write_text('{"id": "' + "x" * 65 + '", "municipality": "leeuwarden"}\n{"id": 5, "municipality": "leeuwarden"}\n')
    records = [json.loads(line) for line in cli("check", str(path), "--format", "json").out.splitlines()]
    assert [(r["line"], r["errors"][0]["path"]) for r in records] == [(1, "id"), (2, "id")]
    assert "x" * 65 not in json.dumps(records)


# --------------------------------------------------------------------------- #12.13 options


@pytest.mark.parametrize(
    "args, line",
    [
        (["synth", "--n", "-5"], "sekswerk-rules synth: argument --n: een geheel getal van 0 of meer (--help)\n"),
        (["synth", "--n", "3", "--municipality", "GM9999"], "fout: municipality: onbekende gemeente; bekend zijn: "),
        (["compare", "POP", "--regime", "GM9999"], "fout: municipality: onbekende gemeente; bekend zijn: "),
        (["check", "EXAMPLE", "--date", "2024-02-30"], "fout: --date: geen geldige datum; gebruik JJJJ-MM-DD.\n"),
        (["check", "POP", "--date", "30-09-2024"], "fout: --date: geen geldige datum; gebruik JJJJ-MM-DD.\n"),
        (["compare", "POP", "--regime", "leeuwarden", "--date", "2024-13-01"], "fout: --date: geen geldige datum; gebruik JJJJ-MM-DD.\n"),
        (["check", "EXAMPLE", "--lang", "de"], "sekswerk-rules check: argument --lang: ongeldige keuze; kies uit 'nl', 'en' (--help)\n"),
        (["check", "EXAMPLE", "--lang", "NL"], "sekswerk-rules check: argument --lang: ongeldige keuze; kies uit 'nl', 'en' (--help)\n"),
        (["compare", "POP", "--regime", "leeuwarden", "--plot", "flips.txt"], "fout: --plot: ongeldige waarde; toegestaan: .png, .svg.\n"),
        (["compare", "POP", "--regime", "leeuwarden", "--plot", "MISSING/flips.png"], "fout: --plot: de map bestaat niet.\n"),
    ],
    ids=[
        "a negative synth count",
        "synth in an unknown municipality",
        "compare with an unknown regime",
        "an impossible --date",
        "a --date in Dutch order in a batch",
        "a bad compare --date",
        "an unknown language",
        "a language in capitals",
        "a plot that is not PNG or SVG",
        "a plot in a missing folder",
    ],
)
def test_a_bad_option_exits_2_with_one_line_naming_the_option_and_writes_nothing(cli, capsys, tmp_path, args, line):
    population = tmp_path / "pop.jsonl"
    population.write_text(LEGAL + "\n")
    places = {
        "EXAMPLE": str(EXAMPLES / "leeuwarden" / "legaal-raam.json"),
        "POP": str(population),
        "MISSING/flips.png": str(tmp_path / "missing" / "flips.png"),
    }
    try:
        run = cli(*[places.get(a, a) for a in args])
        code, out, err = run.code, run.out, run.err
    except SystemExit as stop:  # argparse ends the run itself
        captured = capsys.readouterr()
        code, out, err = stop.code, captured.out, captured.err
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith(line), err
    assert "Traceback" not in err
    assert not (tmp_path / "flips.txt").exists()


#: A case without a birth date, so that a day before 2000 contradicts nothing in it.
_AGED = json.dumps({"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"age": 30, "nationalities": ["NL"]}})


@pytest.mark.parametrize(
    "args, path",
    [
        (["regime", "show", "leeuwarden", "--date", "1900-01-01"], "--date"),
        (["regime", "diff", "leeuwarden", "--date", "2024-01-01", "--against-date", "1900-01-01"], "--against-date"),
        (["regime", "diff", "leeuwarden", "utrecht", "--date", "1999-12-31"], "--date"),
        (["check", "CASE", "--date", "1900-01-01"], "--date"),
        (["compare", "POP", "--regime", "leeuwarden", "--date", "1900-01-01"], "--date"),
        (["compare", "POP", "--regime", "leeuwarden", "--against", "utrecht", "--against-date", "1900-01-01"], "--against-date"),
        (["check", "OLD"], "reference_date"),
    ],
    ids=["show --date", "diff --against-date", "diff --date", "check --date", "compare --date", "compare --against-date", "the case's own date"],
)
def test_a_date_before_the_regime_is_named_as_the_option_it_came_from(cli, tmp_path, args, path):
    (tmp_path / "case.json").write_text(_AGED)
    (tmp_path / "old.json").write_text(_AGED.replace("2024-05-01", "1900-05-01"))
    (tmp_path / "pop.jsonl").write_text(_AGED + "\n")
    places = {"CASE": str(tmp_path / "case.json"), "OLD": str(tmp_path / "old.json"), "POP": str(tmp_path / "pop.jsonl")}
    run = cli(*[places.get(a, a) for a in args])
    assert run.code == 2 and run.err == f"fout: {path}: geen regels vóór 2000-10-01, de eerste dag van dit regime (vóór 2000-10-01 gold het bordeelverbod).\n"


def test_a_date_before_the_regime_in_a_batch_is_named_as_date_in_its_record(cli, tmp_path):
    (tmp_path / "cases.jsonl").write_text(_AGED + "\n" + _AGED.replace("2024-05-01", "1900-05-01") + "\n")
    with_date = cli("check", str(tmp_path / "cases.jsonl"), "--date", "1900-01-01", "--format", "json")
    assert [r["errors"][0]["path"] for r in map(json.loads, with_date.out.splitlines())] == ["--date", "--date"]
    own = cli("check", str(tmp_path / "cases.jsonl"), "--format", "json")
    assert [r.get("errors", [{}])[0].get("path") for r in map(json.loads, own.out.splitlines())] == [None, "reference_date"]


def test_argparse_errors_speak_the_users_language_and_never_repeat_a_value_typed(capsys):
    from sekswerk_rules.cli import main

    errors = []
    for extra in ([], ["--lang", "en"]):
        with pytest.raises(SystemExit) as stopped:
            main(["check", "case.json", "--bogus", "123456782", *extra])
        assert stopped.value.code == 2
        errors.append(capsys.readouterr().err)
    dutch, english = errors
    assert dutch == "sekswerk-rules: onbekende argumenten (2) (--help)\n"
    assert english == "sekswerk-rules: unrecognized arguments (2) (--help)\n"
    assert "123456782" not in dutch + english


@pytest.mark.parametrize(
    "given, english",
    [(["--lan", "en"], True), (["--l=en"], True), (["--la", "en"], True), (["--lang", "en", "--lang", "nl"], False), (["--lan", "nl"], False)],
    ids=["--lan en", "--l=en", "--la en", "the last --lang counts", "--lan nl"],
)
def test_an_abbreviated_lang_chooses_the_language_of_argparse_errors_as_argparse_reads_it(capsys, given, english):
    from sekswerk_rules.cli import main

    with pytest.raises(SystemExit) as stopped:
        main(["check", "x.json", *given, "--format", "bogus"])
    err = capsys.readouterr().err
    assert stopped.value.code == 2 and ("invalid choice" if english else "ongeldige keuze") in err and "bogus" not in err


@pytest.mark.parametrize(
    "args",
    [
        ["toets", "--all=123456782"],  # argparse: ignored explicit argument '...'
        ["check", "x.json", "--regi=123456782"],  # argparse: ambiguous option: --regi=... could match ...
        ["toets", "--all=x / 123456782"],
        ["check", "x.json", "--Jansen"],
    ],
    ids=["a value given to a flag", "an ambiguous option with a value", "a value with a slash", "a name typed as an option"],
)
def test_no_argparse_error_repeats_what_was_typed(capsys, args):
    from sekswerk_rules.cli import main

    for extra in ([], ["--lang", "en"]):
        with pytest.raises(SystemExit):
            main([*args, *extra])
        err = capsys.readouterr().err
        assert "123456782" not in err and "Jansen" not in err and err.count("\n") == 1


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--date", ""], "fout: --date: geen geldige datum; gebruik JJJJ-MM-DD.\n"),
        (["-m", ""], "fout: municipality: ongeldige waarde voor dit argument; verwacht: een CBS-code of regime-id (tekst).\n"),
        (["-m", " ", "--regime", "examples/voorbeeld/voorbeeld.toml"], "fout: municipality: ongeldige waarde voor dit argument; verwacht: een CBS-code of regime-id (tekst).\n"),
        (["--regimes", "/nonexistent/folder"], "fout: /nonexistent/folder: De map bestaat niet.\n"),
    ],
)
def test_an_empty_option_or_a_missing_folder_is_an_error_not_passed_over(cli, options, message):
    run = cli("check", str(Path(__file__).parent.parent / "examples" / "leeuwarden" / "legaal-raam.json"), *options)
    assert (run.code, run.out, run.err) == (2, "", message)


def test_an_empty_against_date_is_an_error_not_the_date_itself(cli):
    run = cli("regime", "diff", "groningen", "--date", "2016-05-31", "--against-date", "")
    assert (run.code, run.err) == (2, "fout: --against-date: geen geldige datum; gebruik JJJJ-MM-DD.\n")


def test_serve_on_a_port_that_does_not_exist_or_is_taken_exits_2_with_one_line():
    # a port out of range gave a traceback and "interne fout (OverflowError)"; a taken port exited
    # 3, the status of "undetermined"
    pytest.importorskip("uvicorn")
    import socket
    import subprocess
    import sys

    def serve(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "sekswerk_rules", "serve", *args], capture_output=True, text=True, timeout=60, check=False)

    run = serve("--port", "99999")
    assert run.returncode == 2 and run.stderr == "sekswerk-rules serve: argument --port: een poort van 0 tot en met 65535 (--help)\n"
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        run = serve("--port", str(taken.getsockname()[1]), "--lang", "en")
    assert run.returncode == 2 and run.stderr.endswith("error: the server could not start on this address and port (already in use, or not allowed)\n")
    assert "Traceback" not in run.stderr


def test_a_case_file_that_is_a_named_pipe_nobody_writes_to_is_an_error_at_once_and_an_empty_regimes_folder_is_refused(tmp_path):
    # `check PIPE` waited for a writer for ever; `--regimes ""` read the current folder
    import os
    import subprocess
    import sys

    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes here")
    os.mkfifo(tmp_path / "zaak.json")
    run = subprocess.run([sys.executable, "-m", "sekswerk_rules", "check", str(tmp_path / "zaak.json")], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2 and run.stderr.startswith("fout: ")
    run = subprocess.run([sys.executable, "-m", "sekswerk_rules", "regimes", "--regimes", ""], capture_output=True, text=True, timeout=60, check=False)
    assert run.returncode == 2 and run.stderr == "fout: --regimes: de map bestaat niet.\n"
