"""Count the documentation examples the run executes (module doctests, Markdown pages and the
generated regime pages) and report the number at the end."""

from __future__ import annotations

import pytest
from _pytest.doctest import DoctestItem

EXECUTED: dict[str, int] = {"examples": 0}


def pytest_configure(config: pytest.Config) -> None:
    # Tests that run documentation examples themselves (generated pages) add to this count.
    config.doc_examples = EXECUTED  # type: ignore[attr-defined]


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    outcome = yield
    report = outcome.get_result()
    if call.when == "call" and report.passed and isinstance(item, DoctestItem) and item.dtest is not None:
        EXECUTED["examples"] += len(item.dtest.examples)


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if EXECUTED["examples"]:
        terminalreporter.write_line(f"documentation examples executed: {EXECUTED['examples']}")


# Run by mkdocs-gen-files at build time only: imported anywhere else it writes real files.
collect_ignore = ["docs/gen_pages.py", "fuzz"]
