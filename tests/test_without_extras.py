"""The library and its command line work without the optional extras: a plain
``pip install sekswerk-rules`` has no FastAPI, uvicorn, Jinja2, MarkupSafe or matplotlib."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

#: The packages of the extras ([server], [plot]); blocked in the child process.
EXTRAS = ("fastapi", "uvicorn", "starlette", "jinja2", "markupsafe", "matplotlib")

_PROGRAM = f"""
import sys
for name in {EXTRAS!r}:
    sys.modules[name] = None  # an import of it now fails, as where it is not installed
from sekswerk_rules.cli import main
sys.exit(main(["check", {str(ROOT / "examples" / "leeuwarden" / "legaal-raam.json")!r}]))
"""


def test_check_runs_with_none_of_the_extras_installed():
    done = subprocess.run([sys.executable, "-c", _PROGRAM], capture_output=True, text=True, check=False, env={"PYTHONPATH": str(ROOT / "src")})
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("Oordeel: LEGAAL")
