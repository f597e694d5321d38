"""Two languages, one way to pick: every interface refuses a third language, and the words of
the interfaces come from one vocabulary."""

from __future__ import annotations

import re
from datetime import date

import pytest

from conftest import ROOT
from sekswerk_rules import EvaluationError, evaluate, get_regime
from sekswerk_rules.errors import Problem
from sekswerk_rules.lang import Text, pick
from sekswerk_rules.presentation import render, table, web
from sekswerk_rules.presentation.words import WORDS, vocabulary


def test_a_text_is_picked_in_dutch_or_english_and_never_in_a_third_language():
    assert Text("ja", "yes")("nl") == "ja" and pick(("ja", "yes"), "en") == "yes"
    with pytest.raises(ValueError, match="unknown language"):
        Text("ja", "yes")("de")  # type: ignore[arg-type]


def test_every_interface_refuses_an_unknown_language():
    decision = evaluate({"municipality": "leeuwarden", "person": {"age": 30}}, on="2024-05-01")
    with pytest.raises(EvaluationError):
        evaluate({"municipality": "leeuwarden"}, on="2024-05-01", lang="de")  # type: ignore[arg-type]
    for show in (render.text, render.markdown, web.render_decision):
        with pytest.raises(ValueError):
            show(decision, "de")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        table.render_table(get_regime("leeuwarden"), date(2024, 5, 1), "text", "de")  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        Problem("person.age", "invalid_date").message("de")  # type: ignore[arg-type]


def test_no_module_keeps_its_own_word_table_or_picks_a_language_by_index():
    own_idioms = re.compile(r'0 if lang == "nl" else 1|\{\s*\n\s*"nl": \{|^_W(ORDS)? = \{', re.M)
    offenders = [p.name for p in (ROOT / "src" / "sekswerk_rules").rglob("*.py") if own_idioms.search(p.read_text("utf-8"))]
    assert offenders == []


def test_text_markdown_and_the_web_page_use_the_same_words_for_outcomes():
    decision = evaluate({"municipality": "leeuwarden", "person": {"age": 30}}, on="2024-05-01", lang="en")
    for lang in ("nl", "en"):
        words = vocabulary(lang)
        shown = render.text(decision, lang) + render.markdown(decision, lang) + web.render_decision(decision, lang)
        assert words["satisfied"] in shown and words["unknown"] in shown
    assert set(WORDS) >= {"legal", "illegal", "undetermined", "satisfied", "violated", "unknown", "not_applicable"}
