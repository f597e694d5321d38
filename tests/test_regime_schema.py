"""The JSON Schema of a regime file (for editors) says what the loader says: every shipped
municipal regime and example validates under it, a misspelt key does not, and the shipped
schema file is exactly what the generator makes."""

from __future__ import annotations

import datetime
import json
import tomllib

import jsonschema
import pytest

from conftest import EXAMPLES, ROOT
from sekswerk_rules.regime_schema import regime_file_schema, render, shipped_schema_text

VALIDATOR = jsonschema.Draft202012Validator(regime_file_schema())
FILES = [p for p in sorted((ROOT / "src" / "sekswerk_rules" / "regimes").glob("*.toml")) if p.stem != "nationaal"]
FILES += [EXAMPLES / "voorbeeld" / "voorbeeld.toml", EXAMPLES / "wat-als" / "leeuwarden-met-intake.toml"]


def _plain(value):
    """TOML as an editor sees it against a JSON Schema: dates as ISO strings."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_every_municipal_regime_file_validates_under_the_schema(path):
    errors = list(VALIDATOR.iter_errors(_plain(tomllib.loads(path.read_text("utf-8")))))
    assert errors == []


def test_a_misspelt_key_or_a_homepage_basis_kind_is_caught_by_the_schema():
    data = _plain(tomllib.loads((EXAMPLES / "voorbeeld" / "voorbeeld.toml").read_text("utf-8")))
    data["versions"][0]["rules"]["minimumleeftijd"]["leeftijd"] = 23
    assert not VALIDATOR.is_valid(data)
    data = _plain(tomllib.loads((EXAMPLES / "voorbeeld" / "voorbeeld.toml").read_text("utf-8")))
    data["versions"][0]["rules"]["minimumleeftijd"]["basis"] = [{"citation": "APV", "url": "https://example.org/apv", "confidence": "high"}]
    assert not VALIDATOR.is_valid(data)


def test_national_rules_are_not_in_the_schema_of_a_municipal_file():
    assert not any(key.startswith("nationaal.") for key in regime_file_schema()["$defs"]["rules"]["properties"])


def test_the_shipped_schema_file_is_what_the_generator_makes():
    assert shipped_schema_text() == render()
    assert json.loads(shipped_schema_text())["$schema"].endswith("2020-12/schema")
