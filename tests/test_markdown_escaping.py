"""Markdown output shows an own regime's texts as they are: no raw HTML, no link, no broken table."""

from __future__ import annotations

import re
from datetime import date

from conftest import EXAMPLES
from sekswerk_rules import evaluate, load_regime
from sekswerk_rules.presentation.render import markdown
from sekswerk_rules.presentation.table import diff, render_diff, render_table

HOSTILE = """id = "stad"
name = "<script>alert(1)</script> | [x](javascript:alert(1)) &lt;b&gt; ~~weg~~"
cbs_code = "GM9998"
extends = "model-apv"

[[versions]]
valid_from = 2022-01-01

[versions.rules.minimumleeftijd]
enabled = true
age = 23
uncertain = false
basis = [
  { kind = "bylaw", title = "<i>T</i> | a [c](javascript:x)", article = "art. 1 | x", public = false, confidence = "high" },
  { kind = "news", title = "Nieuws", url = "https://example.org/a)\\"onmouseover=\\"alert(1)&#41;", confidence = "high" },
]
"""


def _cells(line: str) -> int:
    """The cells of a Markdown table row: its unescaped pipes, less one."""
    return len(re.findall(r"(?<!\\)\|", line)) - 1


def _no_markup(text: str) -> None:
    assert not re.search(r"(?<!\\)<[a-z/]", text), text  # no raw HTML tag
    assert not re.search(r"(?<!\\)\]\(javascript", text) and '"onmouseover' not in text, text  # no link of the regime's, no attribute
    assert not re.search(r"(?<!\\)&lt;", text) and not re.search(r"(?<!\\)~~", text), text  # no entity, no strike-through
    assert "&#41;" not in text, text  # an entity in a link's target would be decoded


def test_a_regimes_texts_are_literal_in_the_markdown_decision_table(tmp_path):
    (tmp_path / "stad.toml").write_text(HOSTILE, "utf-8")
    regime = load_regime(tmp_path / "stad.toml")
    shown = render_table(regime, date(2024, 5, 1), "markdown")
    _no_markup(shown)
    rows = [line for line in shown.splitlines() if line.startswith("| `")]
    assert rows and all(_cells(row) == 3 for row in rows), rows


def test_a_regimes_texts_are_literal_in_a_markdown_decision(tmp_path):
    (tmp_path / "stad.toml").write_text(HOSTILE, "utf-8")
    decision = evaluate({"person": {"age": 22}}, regime=tmp_path / "stad.toml", on="2024-05-01")
    shown = markdown(decision)
    _no_markup(shown)
    rows = [line for line in shown.splitlines() if line.startswith("| ") and "`" in line]
    assert rows and all(_cells(row) == 4 for row in rows), rows


def test_a_regimes_texts_are_literal_in_a_markdown_diff(tmp_path):
    (tmp_path / "stad.toml").write_text(HOSTILE, "utf-8")
    regime = load_regime(tmp_path / "stad.toml")
    changes = diff(load_regime(EXAMPLES / "voorbeeld" / "voorbeeld.toml"), date(2024, 5, 1), regime, date(2024, 5, 1))
    assert changes
    shown = render_diff(changes, "<b>links</b>", "rechts", "markdown")
    _no_markup(shown)


def test_the_heading_of_a_record_in_a_markdown_batch_shows_the_cases_id_literally(cli, tmp_path):
    case = {"id": "_12345678_", "municipality": "GM0080", "reference_date": "2024-05-01"}
    (tmp_path / "zaken.jsonl").write_text(__import__("json").dumps(case) + "\n")
    run = cli("check", str(tmp_path / "zaken.jsonl"), "--format", "markdown")
    assert "## regelnummer 1 (\\_12345678\\_)" in run.out, run.out[:200]


def test_literal_keeps_every_character_and_href_leaves_a_plain_link_as_it_is():
    from sekswerk_rules.presentation.basis import href, literal

    assert literal("Stad <b>|x|</b> [a](b) &lt; ~~\\") == "Stad \\<b\\>\\|x\\|\\</b\\> \\[a\\](b) \\&lt; \\~\\~\\\\"
    assert literal("twee\nregels") == "twee regels"  # a line break would end a table row
    plain = "https://wetten.overheid.nl/BWBR0001854#BoekTweede_TiteldeelXVIII_Artikel273f"
    assert href(plain) == plain and href("https://example.org/a)\"b c&#41;") == "https://example.org/a%29%22b%20c%26#41;"
