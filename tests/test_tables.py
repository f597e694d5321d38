"""The tables start-up reads are current: the shipped TOML files as tomllib reads them, the
countries as pycountry has them (``python -m sekswerk_rules.tables`` writes them)."""

from __future__ import annotations

import tomllib
from importlib import resources

import pycountry
import pytest

from sekswerk_rules import _country_tables, _tomlread_tables, countries, tables, tomlread

ROOT = resources.files("sekswerk_rules")
FILES = tomlread.shipped_files()


def test_the_shipped_regimes_and_source_registries_are_tabled():
    assert {name.split("/")[0] for name in FILES} == {"regimes", "data"}
    assert "data/vrij_verkeer.toml" in FILES
    assert "regimes/nationaal.toml" in FILES and "data/sources/nationaal.toml" in FILES


@pytest.mark.parametrize("name", FILES)
def test_each_shipped_file_has_a_current_table_equal_to_tomllibs_reading(name):
    text = ROOT.joinpath(name).read_text("utf-8")
    assert tomlread.digest(text) in _tomlread_tables.TABLES, f"{name} changed: run `python -m sekswerk_rules.tables`"
    assert tomlread.loads(text) == tomllib.loads(text)


def test_writing_the_toml_tables_again_changes_nothing():
    written = resources.files("sekswerk_rules").joinpath("_tomlread_tables.py").read_text("utf-8")
    assert written == tables.tables_source(), "run `python -m sekswerk_rules.tables`"


def test_each_reading_is_a_fresh_value_a_caller_may_change():
    text = ROOT.joinpath("regimes/leeuwarden.toml").read_text("utf-8")
    first = tomlread.loads(text)
    first.clear()
    assert tomlread.loads(text) == tomllib.loads(text)


def test_an_edited_file_is_parsed_not_read_from_a_stale_table():
    text = ROOT.joinpath("regimes/leeuwarden.toml").read_text("utf-8")
    edited = text.replace('name = "', 'name = "Bewerkt: ', 1)
    assert tomlread.digest(edited) not in _tomlread_tables.TABLES
    assert tomlread.loads(edited) == tomllib.loads(edited) != tomllib.loads(text)


def test_bad_text_raises_as_tomllib_does():
    with pytest.raises(tomllib.TOMLDecodeError):
        tomlread.loads("id = ")


def test_writing_the_country_tables_again_changes_nothing():
    written = resources.files("sekswerk_rules").joinpath("_country_tables.py").read_text("utf-8")
    assert written == tables.country_tables_source(), "run `python -m sekswerk_rules.tables`"


@pytest.mark.parametrize("country", list(pycountry.countries), ids=lambda c: c.alpha_2)
def test_every_country_of_pycountry_is_in_the_tables_with_its_codes_and_names(country):
    assert _country_tables.ALPHA2[country.alpha_2] == _country_tables.ALPHA2[country.alpha_3] == country.alpha_2
    english = getattr(country, "common_name", None) or country.name
    assert _country_tables.NAMES[country.alpha_2] == (countries._dutch().gettext(country.name), english)


def test_the_tables_hold_no_code_pycountry_does_not_know():
    assert len(_country_tables.ALPHA2) == 2 * len(pycountry.countries) == 2 * len(_country_tables.NAMES)


def test_a_code_missing_from_the_tables_is_still_looked_up_in_pycountry(monkeypatch):
    monkeypatch.delitem(_country_tables.ALPHA2, "RO")
    monkeypatch.delitem(_country_tables.ALPHA2, "ROU")
    monkeypatch.delitem(_country_tables.NAMES, "RO")
    countries._alpha2.cache_clear()
    countries.name.cache_clear()
    try:
        assert countries.alpha2("RO") == countries.alpha2("rou") == "RO"
        assert (countries.name("RO", "nl"), countries.name("RO", "en")) == ("Roemenië", "Romania")
    finally:
        countries._alpha2.cache_clear()
        countries.name.cache_clear()


def test_a_text_with_a_lone_surrogate_is_parsed_and_refused_by_tomllib_not_by_the_digest():
    from sekswerk_rules import RegimeError, regime

    assert tomlread.digest('id = "x\ud800"') not in _tomlread_tables.TABLES
    with pytest.raises(RegimeError, match="Unicode"):
        regime.loads('id = "x\ud800"\n')
