"""The scenario files are the executable specification: every scenario of every shipped regime
passes, and every shipped regime has at least twelve."""

from __future__ import annotations

from collections import Counter

import pytest

from sekswerk_rules import regime, scenarios

SHIPPED = [(path, s) for path in scenarios.shipped_files() for s in scenarios.load(path)]


@pytest.mark.parametrize(("path", "scenario"), SHIPPED, ids=[s.naam for _, s in SHIPPED])
def test_scenario(path, scenario):
    result = scenarios.run(scenario)
    assert result.passed, "; ".join(d.text() for d in result.differences)


def test_every_shipped_regime_has_at_least_twelve_scenarios():
    per_regime = Counter(path.stem for path, _ in SHIPPED)
    for shipped in regime.shipped():
        assert per_regime[shipped.id] >= 12, shipped.id


def test_scenario_names_are_unique_sentences():
    names = [s.naam for _, s in SHIPPED]
    assert len(names) == len(set(names))


def test_a_scenario_name_with_a_line_break_or_an_escape_is_refused_with_its_line():
    text = 'regime = "model-apv"\n\n[[scenario]]\nnaam = "x\\nOK: alle scenario\'s geslaagd \\u001b[8m"\npeildatum = 2024-05-01\n[scenario.verwacht]\noordeel = "onbepaald"\n'
    with pytest.raises(scenarios.ScenarioError) as caught:
        scenarios.parse(text, "s.toml")
    assert [(p.path, p.code, p.line) for p in caught.value.problems] == [("scenario[0].naam", "control_character", 4)]
