"""The documentation site: built strictly, offline, with generated pages whose examples run."""

from __future__ import annotations

import doctest
import os
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from sekswerk_rules.cli import COMMANDS, _parser
from sekswerk_rules.pages import regime_page
from sekswerk_rules.regime import NATIONAL, shipped

REGIMES = [r for r in shipped() if r.id != NATIONAL]


@pytest.mark.parametrize("regime", REGIMES, ids=lambda r: r.id)
def test_every_example_on_a_generated_regime_page_runs(regime, request):
    page = regime_page(regime)
    test = doctest.DocTestParser().get_doctest(page, {}, f"gemeenten/{regime.id}.md", None, 0)
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    result = runner.run(test)
    assert result.failed == 0 and result.attempted >= 10
    counter = getattr(request.config, "doc_examples", None)
    if counter is not None:
        counter["examples"] += result.attempted


def test_the_groningen_page_explains_and_demonstrates_the_pass_rule():
    page = regime_page(next(r for r in REGIMES if r.id == "groningen"))
    assert "wit voor de raamprostitutie en groen voor andere seksinrichtingen" in page
    assert "Gewijzigd raadsvoorstel Wijziging Hoofdstuk 3 van de APVG 2009" in page and "(vertrouwen: middel)" in page
    assert "De pas is verlopen (geldig tot en met" in page
    assert "Toelichting bij dit regime" in page and "until 2016-12-14, for ALL new measures" in page


def test_the_site_builds_strictly_and_loads_nothing_from_the_network(tmp_path):
    env = {**os.environ, "DISABLE_MKDOCS_2_WARNING": "true", "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr[-3000:]
    for regime in REGIMES:
        assert (tmp_path / "gemeenten" / f"{regime.id}.html").exists()
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
