"""A client generated from the OpenAPI document works: ``openapi-python-client`` (a maintained
generator, in the ``test`` extra) writes a Python client from ``/v1/openapi.json`` into a
temporary folder, without a warning (every operation generated), and that client round-trips
against a live uvicorn on 127.0.0.1: a legal decision with the case's own id, an invalid case
(a problem naming the field) and a batch with one bad case. The BSNs are synthetic."""

from __future__ import annotations

import importlib
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from types import ModuleType
from typing import Any

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("openapi_python_client", reason="openapi-python-client is not installed (pip install 'sekswerk-rules[test]')")

from conftest import EXAMPLES

PACKAGE = "sekswerk_contract_client"
LEGAL = json.loads((EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text())


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ModuleType]:
    """The generated package, imported from a temporary folder (and forgotten afterwards)."""
    from sekswerk_rules.server import app

    root = tmp_path_factory.mktemp("client")
    (root / "openapi.json").write_text(json.dumps(app.openapi()))
    (root / "config.yaml").write_text("post_hooks: []\n")  # no formatter run: the test needs none on PATH
    command = [sys.executable, "-m", "openapi_python_client", "generate", "--path", "openapi.json", "--meta", "none"]
    command += ["--output-path", PACKAGE, "--config", "config.yaml"]
    done = subprocess.run(command, cwd=root, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "warning" not in (done.stdout + done.stderr).lower(), done.stdout + done.stderr
    sys.path.insert(0, str(root))
    try:
        yield importlib.import_module(PACKAGE)
    finally:
        sys.path.remove(str(root))
        for name in [n for n in sys.modules if n == PACKAGE or n.startswith(PACKAGE + ".")]:
            del sys.modules[name]


@pytest.fixture(scope="module")
def live() -> Iterator[str]:
    """A real uvicorn serving the application on a free port of 127.0.0.1."""
    import uvicorn

    from sekswerk_rules.server import app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    assert server.started, "uvicorn did not start"
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _part(package: ModuleType, name: str) -> Any:
    return importlib.import_module(f"{package.__name__}.{name}")


def _client(package: ModuleType, base: str) -> Any:
    return package.Client(base_url=base, raise_on_unexpected_status=True)


def test_the_generator_writes_every_operation_as_a_named_function(generated):
    for module, function in [("decisions", "decide"), ("decisions", "decide_batch"), ("regimes", "list_regimes"), ("regimes", "get_regime"), ("schemas", "get_case_schema")]:
        assert callable(_part(generated, f"api.{module}.{function}").sync_detailed)


def test_a_generated_client_gets_a_legal_decision_with_the_case_s_own_id(generated, live):
    models = _part(generated, "models")
    decide = _part(generated, "api.decisions.decide")
    case = models.Case.from_dict({**LEGAL, "id": "Z-2025-001"})
    response = decide.sync_detailed(client=_client(generated, live), body=case, lang=models.Lang.EN)
    decision = response.parsed
    assert response.status_code == 200 and response.headers["API-Version"] == "1.1.0"
    assert isinstance(decision, models.Decision)
    assert decision.verdict == models.Verdict.LEGAL and decision.id == "Z-2025-001"
    assert decision.provenance.regime_digest.startswith("sha256:") and decision.provenance.library_version
    assert decision.rules[0].explanation == "The sex worker is at least 18 years old."


def test_a_generated_client_gets_a_problem_naming_the_invalid_field(generated, live):
    models = _part(generated, "models")
    decide = _part(generated, "api.decisions.decide")
    case = models.Case.from_dict({**LEGAL, "person": {**LEGAL["person"], "bsn": "123456789"}})  # fails the 11-check
    response = decide.sync_detailed(client=_client(generated, live), body=case)
    problem = response.parsed
    assert response.status_code == 400 and isinstance(problem, models.Problem)
    assert problem.type_ == "urn:sekswerk-rules:error:invalid_bsn" and problem.status == 400
    assert [(e.path, e.code) for e in problem.errors] == [("person.bsn", "invalid_bsn")]
    assert "123456789" not in response.content.decode()


def test_a_generated_client_gets_a_batch_with_one_bad_case_in_its_place(generated, live):
    models = _part(generated, "models")
    batch = _part(generated, "api.decisions.decide_batch")
    bad = {**LEGAL, "id": "Z-2025-002", "person": {**LEGAL["person"], "bsn": "123456789"}}
    cases = [models.Case.from_dict({**LEGAL, "id": "Z-2025-001"}), models.Case.from_dict(bad), models.Case.from_dict(LEGAL)]
    response = batch.sync_detailed(client=_client(generated, live), body=models.BatchRequest(cases=cases))
    results = response.parsed.results
    assert response.status_code == 200
    assert [type(r).__name__ for r in results] == ["BatchDecision", "BatchError", "BatchDecision"]
    assert [(r.index, r.id) for r in results] == [(0, "Z-2025-001"), (1, "Z-2025-002"), (2, None)]
    assert results[0].verdict == models.Verdict.LEGAL
    assert [(e.path, e.code) for e in results[1].errors] == [("person.bsn", "invalid_bsn")]


def test_a_generated_client_reads_the_regimes_and_a_typed_decision_table(generated, live):
    import datetime

    models = _part(generated, "models")
    client = _client(generated, live)
    regimes = _part(generated, "api.regimes.list_regimes").sync(client=client)
    assert "groningen" in [r.id for r in regimes] and all(isinstance(v, datetime.date) for r in regimes for v in r.versions)
    table = _part(generated, "api.regimes.get_regime").sync(client=client, regime_id="GM0014", date=datetime.date(2024, 1, 1))
    assert isinstance(table, models.RegimeTable) and table.version == datetime.date(2024, 1, 1)
    assert "intake-en-pas" in [r.key for r in table.rules]
    missing = _part(generated, "api.regimes.get_regime").sync_detailed(client=client, regime_id="nowhere")
    assert missing.status_code == 404 and missing.parsed.errors[0].code == "unknown_municipality"

