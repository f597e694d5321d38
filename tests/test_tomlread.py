"""The tables of the shipped TOML files are current and equal to what tomllib reads."""

from __future__ import annotations

import tomllib
from importlib import resources

import pytest

from sekswerk_rules import _tomlread_tables, tomlread, tomltables

ROOT = resources.files("sekswerk_rules")
FILES = tomlread.shipped_files()


def test_the_shipped_regimes_and_source_registries_are_tabled():
    assert {name.split("/")[0] for name in FILES} == {"regimes", "data"}
    assert "regimes/nationaal.toml" in FILES and "data/sources/nationaal.toml" in FILES


@pytest.mark.parametrize("name", FILES)
def test_each_shipped_file_has_a_current_table_equal_to_tomllibs_reading(name):
    text = ROOT.joinpath(name).read_text("utf-8")
    assert tomlread.digest(text) in _tomlread_tables.TABLES, f"{name} changed: run `python -m sekswerk_rules.tomltables`"
    assert tomlread.loads(text) == tomllib.loads(text)


def test_writing_the_tables_again_changes_nothing():
    written = resources.files("sekswerk_rules").joinpath("_tomlread_tables.py").read_text("utf-8")
    assert written == tomltables.tables_source(), "run `python -m sekswerk_rules.tomltables`"


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
