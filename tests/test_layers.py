"""The package's layers, checked on its import graph (grimp, through import-linter): the core
never imports presentation, the tools or the shells, and no modules import each other in a
circle, not even through an import inside a function."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from conftest import ROOT

#: What stands above the core: the shells, presentation and the tools for policy staff.
ABOVE_THE_CORE = ("sekswerk_rules.cli", "sekswerk_rules.server", "sekswerk_rules.__main__", "sekswerk_rules.presentation", "sekswerk_rules.scenarios", "sekswerk_rules.synth")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("sekswerk_rules")


def _above(module: str) -> bool:
    return any(module == top or module.startswith(top + ".") for top in ABOVE_THE_CORE)


def test_the_core_imports_nothing_above_it(graph):
    core = sorted(m for m in graph.modules if not _above(m) and m != "sekswerk_rules")
    assert "sekswerk_rules.engine" in core and "sekswerk_rules.rules.age" in core
    wrong = {(m, i) for m in core for i in graph.find_modules_directly_imported_by(m) if _above(i)}
    assert not wrong, sorted(wrong)


def test_no_two_modules_import_each_other_in_a_circle(graph):
    circles = set()
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if graph.find_shortest_chain(importer=imported, imported=module):
                circles.add(tuple(sorted((module, imported))))
    assert not circles, sorted(circles)


def test_presentation_is_a_package_of_its_own():
    presentation = ROOT / "src" / "sekswerk_rules" / "presentation"
    assert {p.stem for p in presentation.glob("*.py")} >= {"render", "table", "compare", "web"}
    assert not any((ROOT / "src" / "sekswerk_rules" / f"{name}.py").exists() for name in ("render", "table", "compare", "web"))


def test_the_import_linter_contracts_in_pyproject_are_kept():
    lint = shutil.which("lint-imports", path=str(Path(sys.executable).parent))
    assert lint, "import-linter is in the test extras"
    done = subprocess.run([lint, "--config", str(ROOT / "pyproject.toml")], capture_output=True, text=True, cwd=ROOT, check=False)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
