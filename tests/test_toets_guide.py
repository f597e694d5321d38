"""The guides for policy staff run as they are written: every `console` block's commands are run
through the command line and their output compared with what the page shows (``...`` stands
for lines left out). The own-APV guide holds no Python."""

from __future__ import annotations

import doctest
import re
import shlex

import pytest

from conftest import ROOT

GUIDES = ["eigen-apv.md", "scenarios.md"]
BLOCK = re.compile(r"```console\n(.*?)```", re.S)


def _commands(page: str) -> list[tuple[str, str]]:
    """Every ``$ command`` of the page's console blocks with the output shown below it."""
    found = []
    for block in BLOCK.findall(page):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, output = chunk.partition("\n")
            found.append((command, output))
    return found


COMMANDS = [(guide, command, output) for guide in GUIDES for command, output in _commands((ROOT / "docs" / guide).read_text("utf-8"))]


@pytest.mark.parametrize(("guide", "command", "output"), COMMANDS, ids=[f"{g}: {c[:60]}" for g, c, _ in COMMANDS])
def test_every_command_in_the_guides_prints_what_the_guide_shows(cli, monkeypatch, guide, command, output):
    monkeypatch.chdir(ROOT)
    program, *args = shlex.split(command)
    assert program == "sekswerk-rules"
    run = cli(*args)
    checker = doctest.OutputChecker()
    got = run.out + run.err
    assert checker.check_output(output, got, doctest.ELLIPSIS), checker.output_difference(doctest.Example(command, output), got, doctest.ELLIPSIS)


def test_the_guide_runs_the_whole_path_without_python():
    guide = (ROOT / "docs" / "eigen-apv.md").read_text("utf-8")
    assert "```python" not in guide and ">>>" not in guide
    ran = [command.split()[1:3] for command, _ in _commands(guide)]
    for step in (["regime", "validate"], ["regime", "diff"], ["toets", "examples/voorbeeld/scenarios/voorbeeld.toml"], ["check", "examples/voorbeeld/legaal-raam-in-zone.json"]):
        assert step in ran, step


def test_the_guide_shows_the_start_of_the_scenario_file_as_it_is():
    guide = (ROOT / "docs" / "eigen-apv.md").read_text("utf-8")
    shipped = (ROOT / "examples" / "voorbeeld" / "scenarios" / "voorbeeld.toml").read_text("utf-8")
    shown = guide[guide.index('```toml\nregime = "voorbeeld"') + len("```toml\n") :]
    shown = shown[: shown.index("```")]
    for part in shown.strip().split("\n\n"):
        assert part in shipped, part
