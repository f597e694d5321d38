"""A municipality ships its APV as a package (#14): examples/regime-pakket is installed with
pip into a folder of its own (no dependencies, no build isolation, nothing from the network),
and with that folder on the path its regime (Voorbeeldstad, GM9998) is known to
`sekswerk-rules regimes`, to `check`, and to the HTTP interface."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT

PACKAGE = EXAMPLES / "regime-pakket"
CASE = {
    "id": "Z-2024-0001",
    "municipality": "GM9998",
    "reference_date": "2024-05-01",
    "person": {"age": 22, "nationalities": ["NL"], "human_trafficking": "not_established"},
    "workplace": {"kind": "window", "licence": {"status": "valid", "valid_until": "2026-12-31", "requirements_met": True}},
}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("setuptools")
    pytest.importorskip("wheel")  # setuptools before 70.1 builds wheels with it
    work = tmp_path_factory.mktemp("pakket")
    source = work / "bron"
    shutil.copytree(PACKAGE, source)  # pip builds in the tree: keep examples/ clean
    target = work / "site"
    command = [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation", "--no-index", "--target", str(target), str(source)]
    subprocess.run(command, check=True, timeout=300, capture_output=True, env={**os.environ, "PIP_DISABLE_PIP_VERSION_CHECK": "1"})
    return target


def _run(installed: Path, *args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed), str(ROOT / "src")])}
    return subprocess.run([sys.executable, "-m", "sekswerk_rules", *args], input=stdin, capture_output=True, env=env, timeout=120)


def test_an_installed_regime_package_shows_up_in_sekswerk_rules_regimes(installed):
    run = _run(installed, "regimes")
    assert run.returncode == 0, run.stderr
    rows = [line.split("\t") for line in run.stdout.decode().splitlines()]
    assert ["voorbeeldstad", "GM9998", "Voorbeeldstad (fictief)"] in [row[:3] for row in rows]


def test_a_case_for_the_packaged_municipality_is_decided_under_its_regime(installed):
    run = _run(installed, "check", "-", "--format", "json", stdin=json.dumps(CASE, indent=2).encode())
    assert run.returncode == 0, run.stderr
    decision = json.loads(run.stdout)
    assert decision["verdict"] == "legal" and decision["regime"]["id"] == "voorbeeldstad" and decision["id"] == "Z-2024-0001"
    too_young = _run(installed, "check", "-", "--format", "json", stdin=json.dumps({**CASE, "person": {**CASE["person"], "age": 20}}).encode())
    assert too_young.returncode == 1
    assert json.loads(too_young.stdout)["verdict"] == "illegal"


def test_without_the_package_the_municipality_is_unknown(installed):
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "sekswerk_rules", "regimes"], capture_output=True, env=env, timeout=120)
    assert b"voorbeeldstad" not in run.stdout


def test_the_server_serves_the_packaged_regime(installed, monkeypatch):
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from sekswerk_rules.catalog import Catalog
    from sekswerk_rules.server import create_app

    monkeypatch.syspath_prepend(str(installed))
    client = TestClient(create_app(regimes=Catalog()))
    assert "voorbeeldstad" in [r["id"] for r in client.get("/v1/regimes").json()]
    decided = client.post("/v1/decisions", json=CASE)
    assert decided.status_code == 200 and decided.json()["regime"]["id"] == "voorbeeldstad"
    assert '<option value="GM9998">Voorbeeldstad (fictief)</option>' in client.get("/").text


def _broken_package(root: Path, entry: str) -> Path:
    """A package as installed (a ``*.dist-info`` beside its module) whose entry point is ``entry``;
    its module ``kapotreg`` names a folder holding one invalid regime file (an age as text)."""
    info = root / "kapotreg-0.1.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: kapotreg\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[sekswerk_rules.regimes]\nkapot = {entry}\n")
    (root / "kapotreg" / "regimes").mkdir(parents=True)
    (root / "kapotreg" / "__init__.py").write_text("from pathlib import Path\nREGIMES = Path(__file__).parent / 'regimes'\n")
    own = (EXAMPLES / "voorbeeld" / "voorbeeld.toml").read_text().replace('id = "voorbeeld"', 'id = "kapot"').replace("GM9999", "GM9997")
    (root / "kapotreg" / "regimes" / "kapot.toml").write_text(own.replace("age = 23", 'age = "23"', 1))
    # a package whose import ends the process, and one whose entry point names a named pipe
    (root / "kapotreg" / "exits.py").write_text("raise SystemExit(0)\n")
    os.mkfifo(root / "kapotreg" / "pipe.toml")
    (root / "kapotreg" / "pipe.py").write_text("from pathlib import Path\nREGIMES = Path(__file__).parent / 'pipe.toml'\n")
    return root


BROKEN = {
    "missing module": ("kapotreg_ontbreekt:REGIMES", "niet te laden (ModuleNotFoundError)."),
    "invalid file": ("kapotreg:REGIMES", "kapot.toml, regelnummer "),
    "exits on import": ("kapotreg.exits:REGIMES", "niet te laden (SystemExit)."),  # exited 0, the status of "legal"
    "a named pipe as its file": ("kapotreg.pipe:REGIMES", "pipe.toml: "),  # waited for a writer for ever
}


@pytest.mark.parametrize("entry, says", list(BROKEN.values()), ids=list(BROKEN))
def test_a_broken_regime_package_is_a_clear_error_naming_the_package_never_an_internal_error(tmp_path, entry, says):
    site = _broken_package(tmp_path / "site", entry)
    case = tmp_path / "zaak.json"
    case.write_text(json.dumps(CASE))
    for args in (["regimes"], ["check", str(case), "-m", "onbekend"], ["regime", "show", "kapot"]):
        run = _run(site, *args)
        lines = run.stderr.decode().splitlines()
        assert run.returncode == 2 and lines, args
        assert all(line.startswith(f"fout: Regimepakket 'kapotreg' (entry point 'kapot = {entry}' in de groep sekswerk_rules.regimes): ") for line in lines)
        assert says in lines[0] and "interne fout" not in run.stderr.decode()


@pytest.mark.parametrize("entry, says", list(BROKEN.values()), ids=list(BROKEN))
def test_the_server_refuses_to_start_with_a_broken_regime_package(tmp_path, monkeypatch, entry, says):
    pytest.importorskip("fastapi")
    from sekswerk_rules import catalog as catalog_module
    from sekswerk_rules.errors import RegimeError
    from sekswerk_rules.server import create_app

    monkeypatch.syspath_prepend(str(_broken_package(tmp_path, entry)))
    monkeypatch.setattr(catalog_module, "DEFAULT", catalog_module.Catalog())  # not the one earlier tests read
    for made, words in ((lambda: create_app(), "Regimepakket 'kapotreg'"), (lambda: create_app(lang="en", regimes=catalog_module.Catalog()), "Regime package 'kapotreg'")):
        with pytest.raises(RegimeError) as refused:
            made()
        assert set(refused.value.codes) == {"regime_package"} and words in str(refused.value)  # in the server's language
