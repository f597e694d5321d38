"""The page in a real headless Chromium (Debian's chromium, driven by Playwright): fill a
Groningen case, submit, see the verdict and the pass rule's citation. A screenshot is saved
to test-artifacts/."""

from __future__ import annotations

import shutil
import socket
import threading
import time

import pytest

pytest.importorskip("fastapi")
sync_api = pytest.importorskip("playwright.sync_api")

from conftest import ROOT  # noqa: E402

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no chromium on this machine (.ci/run installs it)")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server():
    import uvicorn

    from sekswerk_rules.server import app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False)
    instance = uvicorn.Server(config)
    thread = threading.Thread(target=instance.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not instance.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    instance.should_exit = True
    thread.join(timeout=10)


def test_a_groningen_case_in_the_browser_shows_the_verdict_and_the_pass_rule(server, tmp_path):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 1600})
        page.goto(server + "/")
        page.select_option("#municipality", "GM0014")
        page.fill("#reference_date", "2024-05-01")
        page.fill('[id="person.age"]', "30")
        page.fill('[id="person.nationalities"]', "RO")
        page.select_option('[id="person.human_trafficking"]', "not_established")
        page.select_option('[id="person.intake.done"]', "true")
        page.fill('[id="person.intake.date"]', "2023-03-01")
        page.select_option('[id="person.intake.pass_colour"]', "white")
        page.select_option('[id="workplace.kind"]', "window")
        page.select_option('[id="workplace.licence.status"]', "valid")
        page.select_option('[id="workplace.licence.requirements_met"]', "true")
        page.click("#submit")
        page.wait_for_selector("#verdict")
        verdict = page.inner_text("#verdict")
        pass_rule = page.inner_text('[id="rule-groningen.intake-en-pas"]')
        artifacts = ROOT / "test-artifacts"
        artifacts.mkdir(exist_ok=True)
        page.screenshot(path=str(artifacts / "browser-groningen.png"), full_page=True)
        browser.close()
    assert verdict.startswith("LEGAAL — Groningen, 1 mei 2024")
    assert "Gewijzigd raadsvoorstel Wijziging Hoofdstuk 3 van de APVG 2009" in pass_rule
    assert "een geldige pas." in pass_rule
