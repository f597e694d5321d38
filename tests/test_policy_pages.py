"""The regime pages are written for policy staff: Dutch, values in words, dates in words, no code.
A page that shows an enum name, a Python value, an ISO date in prose or a code path fails here."""

from __future__ import annotations

import re

import pytest
from regime_pages import regime_page

from sekswerk_rules.regime import NATIONAL, shipped

REGIMES = [r for r in shipped() if r.id != NATIONAL]
RAW = [
    "null", "None", "True", "False", "satisfied", "violated", "not_applicable", "undetermined",
    "massage_parlour", "private_house", "sex_theatre", "self_employed", "not_established", "requirements_met",
    "workplace_kinds", "pass_validity_years", "['", '["', ">>>", "```", "src/", ".py", "person.", "workplace.",
]
ENGLISH = ["## Notes", "## Versions", "## Examples", "## Rules", "Source:", "confidence", "up to and including"]
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def _prose(page: str) -> str:
    """The page without the targets of its links (a URL may hold anything)."""
    return re.sub(r"\]\([^)]*\)", "]", page)


@pytest.mark.parametrize("regime", REGIMES, ids=lambda r: r.id)
def test_a_regime_page_has_no_raw_values_no_code_and_no_english(regime):
    text = _prose(regime_page(regime))
    for word in RAW + ENGLISH:
        assert word not in text, word
    assert not ISO_DATE.search(text), ISO_DATE.search(text)


@pytest.mark.parametrize("regime", REGIMES, ids=lambda r: r.id)
def test_a_regime_page_opens_with_the_toelichting_and_shows_changes_rules_and_scenarios(regime):
    page = regime_page(regime)
    order = ["## Wijzigingen per datum", "## De regels die nu gelden", "## Scenario's"]
    if regime.toelichting:
        order.insert(0, "## Toelichting")
    assert [page.index(h) for h in order] == sorted(page.index(h) for h in order)
    assert page.count("| Scenario | Peildatum | Anders dan standaard | Verwacht |") == 1


def test_dates_on_a_page_are_written_in_dutch():
    page = regime_page(next(r for r in REGIMES if r.id == "groningen"))
    assert "### 15 december 2016" in page and "| 29 februari 2024 |" in page


def test_a_source_without_a_public_text_says_so():
    page = regime_page(next(r for r in REGIMES if r.id == "groningen"))
    assert "(tekst niet openbaar gevonden)" in page


def test_the_rules_page_explains_every_rule_and_links_the_pages_with_its_scenarios():
    from conftest import ROOT
    from sekswerk_rules import scenarios
    from sekswerk_rules.rules import RULES

    page = (ROOT / "docs" / "regels.md").read_text("utf-8")
    used: dict[str, set[str]] = {}
    for path in scenarios.shipped_files():
        for scenario in scenarios.load(path):
            for key in [*scenario.verwacht.regel, *scenario.verwacht.uitkomst]:
                used.setdefault(key, set()).add(path.stem)
    for key, rule in RULES.items():
        section = page.split(f"### {rule.title[0]} (`{key}`)", 1)[1].split("###", 1)[0]
        for regime in used.get(key, set()) - {"nationaal"}:
            assert f"(gemeenten/{regime}.md#scenarios)" in section, (key, regime)
