"""The documentation site: built strictly, offline, with generated pages whose examples run."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys

import pytest
from regime_pages import developer_page, regime_page

from conftest import ROOT
from sekswerk_rules.cli import COMMANDS, _parser
from sekswerk_rules.regime import NATIONAL, shipped

REGIMES = [r for r in shipped() if r.id != NATIONAL]


@pytest.mark.parametrize("regime", REGIMES, ids=lambda r: r.id)
def test_every_example_on_a_generated_developer_page_runs(regime, request):
    page = developer_page(regime)
    test = doctest.DocTestParser().get_doctest(page, {}, f"ontwikkelaars/gemeenten/{regime.id}.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test)
    assert result.failed == 0 and result.attempted >= 10
    counter = getattr(request.config, "doc_examples", None)
    if counter is not None:
        counter["examples"] += result.attempted


def test_the_groningen_page_explains_and_demonstrates_the_pass_rule():
    groningen = next(r for r in REGIMES if r.id == "groningen")
    page = regime_page(groningen)
    assert page.index("## Toelichting") < page.index("## Wijzigingen per datum") < page.index("## De regels die nu gelden") < page.index("## Scenario's")
    assert "wit voor raamprostitutie en groen voor andere seksinrichtingen" in page
    assert "witte pas voor raam; groene pas voor club, privéhuis, massagesalon en sekstheater" in page
    assert "### 1 juni 2016" in page and "| Minimumleeftijd | minimumleeftijd 21 jaar voor al het sekswerk (overgangsregeling) (was: minimumleeftijd 18 jaar" in page
    assert "[Gewijzigd raadsvoorstel Wijziging Hoofdstuk 3 van de APVG 2009" in page and "| middel |" in page
    assert "| De dag na de tweede verjaardag van de intake werkt iemand illegaal: de pas is verlopen | 2 maart 2024 | — | **illegaal**; door: Intake en pas |" in page
    developers = developer_page(groningen)
    assert "De pas is verlopen: na 2 jaar is een nieuwe intake nodig" in developers
    assert "until 2016-12-14, for ALL new measures" in developers and "until 2016-12-14" not in page


def test_the_site_builds_strictly_and_loads_nothing_from_the_network(tmp_path):
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    for regime in REGIMES:
        assert (tmp_path / "gemeenten" / f"{regime.id}.html").exists()
        assert (tmp_path / "ontwikkelaars" / "gemeenten" / f"{regime.id}.html").exists()
    external = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//')
    for page in tmp_path.rglob("*.html"):
        assert not external.search(page.read_text("utf-8")), page


def test_the_documented_commands_are_the_commands():
    parser = _parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    found = []
    for name, command in sub.choices.items():
        nested = [a for a in command._actions if a.dest == "action"]
        found += [(name, n) for n in nested[0].choices] if nested else [(name,)]
    assert sorted(found) == sorted(COMMANDS)
    # README lists every command; `toets` is documented for policy staff on their own pages
    documented = (ROOT / "README.md").read_text() + (ROOT / "docs" / "scenarios.md").read_text()
    for command in COMMANDS:
        assert f"sekswerk-rules {' '.join(command)}" in documented, command
