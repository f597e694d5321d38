"""Own regimes everywhere (#14): a folder named with --regimes is known to `regimes`,
`regime show`, `check` and `serve` (API, decisions and page) by its id and CBS code, exactly
like a shipped regime. The example regime is the fictional Gemeente Voorbeeld (GM9999)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from conftest import EXAMPLES, ROOT
from sekswerk_rules.catalog import Catalog

FOLDER = EXAMPLES / "voorbeeld"
CASE = FOLDER / "legaal-raam-in-zone.json"


# --------------------------------------------------------------------------- the command line


def test_regimes_with_a_folder_lists_its_regime_after_the_shipped_ones(cli):
    run = cli("regimes", "--regimes", str(FOLDER))
    assert run.code == 0
    rows = [line.split("\t") for line in run.out.splitlines()]
    assert rows[-1][:3] == ["voorbeeld", "GM9999", "Voorbeeld (fictief)"]
    assert "groningen" in [row[0] for row in rows]


def test_regimes_without_a_folder_does_not_know_the_example(cli):
    assert "voorbeeld\t" not in cli("regimes").out


def test_regime_show_finds_an_own_regime_by_its_cbs_code(cli):
    run = cli("regime", "show", "GM9999", "--regimes", str(FOLDER), "--date", "2024-05-01")
    assert run.code == 0, run.err
    assert "Voorbeeld (fictief)" in run.out and "23" in run.out


def test_check_decides_a_case_naming_the_own_municipality_under_its_regime(cli):
    run = cli("check", str(CASE), "--regimes", str(FOLDER), "--format", "json")
    assert run.code == 0, run.err
    decision = run.json()
    assert decision["verdict"] == "legal" and decision["regime"]["id"] == "voorbeeld"
    assert decision["municipality"] == {"code": "GM9999", "name": "Voorbeeld (fictief)"}


def test_check_without_the_folder_does_not_know_the_municipality(cli):
    run = cli("check", str(CASE))
    assert run.code == 2 and run.err.startswith("fout: ") and "GM9999" not in run.out


def test_a_batch_with_a_folder_decides_its_cases(cli, monkeypatch):
    import io

    line = CASE.read_text().replace("\n", " ").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(io.BytesIO(line + b"\n" + line + b"\n"))))  # type: ignore[arg-type]
    run = cli("check", "-", "--regimes", str(FOLDER), "--format", "json")
    assert run.code == 0, run.err
    assert [json.loads(x)["regime"]["id"] for x in run.out.splitlines()] == ["voorbeeld", "voorbeeld"]


def test_a_folder_that_does_not_exist_is_one_line_and_exit_2(cli):
    run = cli("regimes", "--regimes", str(FOLDER / "nergens"))
    assert run.code == 2 and run.err.count("\n") == 1 and run.out == ""


# --------------------------------------------------------------------------- HTTP, in process

fastapi = pytest.importorskip("fastapi")
from fastapi.testclient import TestClient  # noqa: E402

from sekswerk_rules.server import create_app  # noqa: E402


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(regimes=Catalog(directories=(FOLDER,))))


def test_the_api_lists_and_shows_the_own_regime(client):
    listed = client.get("/v1/regimes").json()
    own = next(r for r in listed if r["id"] == "voorbeeld")
    assert own["cbs_code"] == "GM9999" and own["name"] == "Voorbeeld (fictief)" and own["versions"][0] == "2022-01-01"
    table = client.get("/v1/regimes/GM9999?date=2024-05-01")
    assert table.status_code == 200 and table.json()["id"] == "voorbeeld"


def test_the_api_decides_a_case_for_the_own_municipality(client):
    one = client.post("/v1/decisions", content=CASE.read_bytes(), headers={"content-type": "application/json"})
    assert one.status_code == 200 and one.json()["verdict"] == "legal" and one.json()["regime"]["id"] == "voorbeeld"
    batch = client.post("/v1/decisions/batch", json={"cases": [json.loads(CASE.read_text())]})
    assert batch.json()["results"][0]["regime"]["id"] == "voorbeeld"


def test_the_page_offers_the_own_municipality_and_shows_its_table(client):
    assert '<option value="GM9999">Voorbeeld (fictief)</option>' in client.get("/").text
    page = client.get("/regimes/voorbeeld?date=2024-05-01")
    assert page.status_code == 200 and "Voorbeeld (fictief)" in page.text and "23 jaar" in page.text
    form = "municipality=GM9999&reference_date=2024-05-01&lang=nl&person.age=22"
    decided = client.post("/", content=form, headers={"content-type": "application/x-www-form-urlencoded"})
    assert decided.status_code == 200 and 'class="verdict illegal"' in decided.text
    assert "regime voorbeeld, versie van 1 januari 2024" in decided.text  # the model APV's 2024 text is part of it


def test_the_default_server_does_not_know_the_folder():
    plain = TestClient(create_app())
    assert plain.get("/v1/regimes/GM9999").status_code == 404


def test_an_invalid_regime_folder_fails_when_the_app_is_made_not_in_a_request(tmp_path):
    (tmp_path / "kapot.toml").write_text('id = "kapot"\n')
    from sekswerk_rules.errors import RegimeError

    with pytest.raises(RegimeError):
        create_app(regimes=tmp_path)


# --------------------------------------------------------------------------- serve --regimes, for real


def test_serve_with_the_example_folder_answers_its_regime_and_decides_a_case_for_it():
    httpx = pytest.importorskip("httpx")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    command = [sys.executable, "-m", "sekswerk_rules", "serve", "--port", str(port), "--regimes", str(FOLDER)]
    server = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.time() + 30
        while True:
            try:
                listed = httpx.get(base + "/v1/regimes", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.time() < deadline, "the server did not start"
                time.sleep(0.1)
        assert "voorbeeld" in [r["id"] for r in listed.json()]
        decided = httpx.post(base + "/v1/decisions", content=CASE.read_bytes(), headers={"content-type": "application/json"}, timeout=10)
        assert decided.status_code == 200 and decided.json()["verdict"] == "legal" and decided.json()["municipality"]["code"] == "GM9999"
    finally:
        server.terminate()
        server.wait(timeout=10)
