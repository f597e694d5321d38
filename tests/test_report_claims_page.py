"""docs/bronrapport.md accounts for every normative claim of the source report; this keeps the
page in step with the regimes: every place it says a claim is encoded holds that rule, and
every passage of the report a regime cites is on the page."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from sekswerk_rules import regime, sources

PAGE = (Path(__file__).resolve().parents[1] / "docs" / "bronrapport.md").read_text("utf-8")
PLACES = sorted(set(re.findall(r"`([a-z-]+) · ([a-z.-]+) · (\d{4}-\d{2}-\d{2})`", PAGE)))
ROWS = [line.split("|")[1:-1] for line in PAGE.splitlines() if line.startswith("| ") and not line.startswith("| regels") and not line.startswith("|---")]


def _regimes():
    return {r.id: r for r in regime.shipped()}


@pytest.mark.parametrize(("regime_id", "rule", "day"), PLACES, ids=[" · ".join(p) for p in PLACES])
def test_every_place_the_page_names_holds_that_rule_in_that_version(regime_id, rule, day):
    chosen = _regimes()[regime_id]
    on = date.fromisoformat(day)
    assert on in chosen.boundaries(), f"{day} is not a version of {regime_id}"
    assert rule in {a.rule.key for a in chosen.resolve(on).rules}


def test_every_row_is_encoded_or_says_why_not():
    assert len(ROWS) >= 40
    for cells in ROWS:
        _lines, claim, encoded, where = (c.strip() for c in cells)
        assert encoded in ("ja", "nee"), claim
        if encoded == "ja":
            assert "`" in where, claim
        else:
            assert re.match(r"(geen legaliteitsvraag|geen feit|niet gevonden|feit)", where), claim


def _ranges(text: str) -> list[tuple[int, int]]:
    found = []
    for part in re.findall(r"\d+(?:-\d+)?", text):
        start, _, end = part.partition("-")
        found.append((int(start), int(end or start)))
    return found


def test_every_passage_of_the_report_that_a_source_cites_is_on_the_page():
    on_page = [r for cells in ROWS for r in _ranges(cells[0])]
    for key, source in sources.registry().items():
        if source.kind == "report" and source.lines:
            (start, end), = _ranges(source.lines)
            assert any(a <= end and start <= b for a, b in on_page), key
