"""The web page at / and /regimes/{id} speaks the words of the scenario files: no enum names,
no Python values, dates in Dutch."""

from __future__ import annotations

import pytest

from sekswerk_rules import web
from sekswerk_rules.scenarios import BY_PATH

RAW = ["satisfied", "violated", "not_applicable", "massage_parlour<", "private_house<", "sex_theatre<", ">None<", "['home']", "pass_validity_years", "null"]


def _decided(**facts: str) -> str:
    body = "&".join(f"{k}={v}" for k, v in {"municipality": "GM0014", "reference_date": "2024-05-01", "lang": "nl", **facts}.items())
    page, status = web.decision_page(body)
    assert status == 200
    return page


def test_the_form_offers_the_scenario_words_for_every_choice():
    page = web.form_page("nl")
    for path, *_, kind, choices in web.FIELDS:
        if kind == "choice":
            label = BY_PATH[path]
            assert isinstance(label.values, dict)
            for word in label.values:
                assert f">{word}</option>" in page, (path, word)


@pytest.mark.parametrize("facts", [{}, {"workplace.kind": "massage_parlour", "person.age": "30"}, {"workplace.kind": "home", "person.age": "20"}])
def test_a_decision_on_the_page_has_no_raw_values(facts):
    page = _decided(**facts)
    for word in RAW:
        assert word not in page, word
    assert "1 mei 2024" in page and "2024-05-01</div>" not in page


@pytest.mark.parametrize("regime", ["groningen", "leeuwarden", "utrecht", "amsterdam", "assen", "model-apv"])
def test_a_regime_table_on_the_page_is_in_words(regime):
    page, status = web.regime_page(regime, "2024-01-01", "nl")
    assert status == 200
    for word in RAW:
        assert word not in page, word
    assert "1 januari 2024" in page
