"""The web page at / and /regimes/{id} speaks the words of the scenario files: no enum names,
no Python values, dates in Dutch."""

from __future__ import annotations

import pytest

from sekswerk_rules.presentation import web
from sekswerk_rules.scenarios import BY_PATH

RAW = ["satisfied", "violated", "not_applicable", "massage_parlour<", "private_house<", "sex_theatre<", ">None<", "['home']", "pass_validity_years", "null"]


def _decided(**facts: str) -> str:
    body = "&".join(f"{k}={v}" for k, v in {"municipality": "GM0014", "reference_date": "2024-05-01", "lang": "nl", **facts}.items())
    page, status = web.decision_page(body)
    assert status == 200
    return page


def test_the_form_offers_the_scenario_words_for_every_choice():
    page = web.form_page("nl")
    for path, *_, kind, _choices in web.FIELDS:
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


def test_the_form_is_generated_from_the_scenario_labels_in_their_words():
    from sekswerk_rules.scenarios import LABELS

    asked = [path for path, *_ in web.FIELDS]
    assert asked == [label.path for label in LABELS if label.path not in web.LEFT_OUT]
    page = web.form_page("nl")
    for path, dutch, english, *_ in web.FIELDS:
        assert f'<label for="{path}">{dutch}</label>' in page
        assert dutch.lower().startswith(BY_PATH[path].description[:12].lower())
        assert english in web.form_page("en")
    assert 'id="person.birth_date"' not in page  # the age is enough


def test_the_verdict_banner_names_the_regime_version():
    from sekswerk_rules import evaluate
    from sekswerk_rules.scenarios import dutch_date

    version = evaluate({"municipality": "GM0014", "reference_date": "2024-05-01"}).regime.version
    page = _decided(**{"person.age": "30"})
    assert f'id="regime-version">regime groningen, versie van {dutch_date(version)}<' in page
    english, status = web.decision_page("municipality=GM0014&reference_date=2024-05-01&lang=en&person.age=30")
    assert status == 200 and "regime groningen, version of" in english


def test_a_decision_prints_on_its_own_and_the_page_loads_nothing():
    page = _decided(**{"person.age": "30"})
    assert '<style media="print">' in page and "form,nav,.screen-only{display:none}" in page
    assert 'id="provenance"' in page and "sha256:" in page
    for loaded in ("<script", "<link", "@import", " src=", "url("):
        assert loaded not in page, loaded


def test_every_value_from_a_regime_is_escaped(tmp_path):
    from pathlib import Path

    from conftest import EXAMPLES
    from sekswerk_rules.catalog import Catalog

    text = (EXAMPLES / "voorbeeld" / "voorbeeld.toml").read_text("utf-8")
    (tmp_path / "x.toml").write_text(text.replace('name = "Voorbeeld (fictief)"', 'name = "<b>Voorbeeld</b> & co"'), "utf-8")
    own = Catalog(directories=(Path(tmp_path),), entry_points=False)
    page = web.form_page("nl", regimes=own)
    assert "&lt;b&gt;Voorbeeld&lt;/b&gt; &amp; co" in page and "<b>Voorbeeld" not in page
    table, status = web.regime_page("voorbeeld", "2024-05-01", "nl", regimes=own)
    assert status == 200 and "<b>Voorbeeld" not in table
