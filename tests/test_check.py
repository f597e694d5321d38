"""check, the fast entry point, gives exactly evaluate's verdict and missing facts."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT
from sekswerk_rules import EvaluationError, SekswerkRulesError, check, evaluate

_spec = importlib.util.spec_from_file_location("differential", ROOT / "benchmarks" / "differential.py")
differential = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(differential)


def test_check_gives_the_verdict_and_missing_facts_of_evaluate_on_generated_cases():
    compared = 0
    for case, options in differential.generate(1500, seed=17):
        options = {k: v for k, v in options.items() if k != "advise"}
        try:
            decision = evaluate(case, advise=False, **options)
        except SekswerkRulesError:
            with pytest.raises(SekswerkRulesError):
                check(case, **options)
            continue
        assert tuple(check(case, **options)) == (decision.verdict, decision.missing_facts)
        compared += 1
    assert compared > 1000


def test_check_takes_the_same_arguments_and_refuses_the_same_way():
    found = check({"person": {"age": 30}}, municipality="leeuwarden", on="2024-05-01", lang="en")
    assert found.verdict.value == "undetermined" and found.missing_facts[0] == "person.human_trafficking"
    with pytest.raises(EvaluationError):
        check({}, municipality="nowhere", on="2024-05-01")


def test_check_reads_an_own_regime_a_folder_of_regimes_and_force_regime_like_evaluate():
    own = ROOT / "examples" / "voorbeeld" / "voorbeeld.toml"
    case = {"reference_date": "2024-05-01", "person": {"age": 22}}
    assert tuple(check(case, regime=own)) == (evaluate(case, regime=own).verdict, evaluate(case, regime=own).missing_facts)
    assert check(case, municipality="voorbeeld", regimes=own.parent).verdict == evaluate(case, municipality="voorbeeld", regimes=own.parent).verdict
    elsewhere = {**case, "municipality": "GM0080"}
    with pytest.raises(EvaluationError):
        check(elsewhere, regime=own)
    assert check(elsewhere, regime=own, force_regime=True).verdict == evaluate(elsewhere, regime=own, force_regime=True).verdict


def test_check_speaks_dutch_unless_asked_for_english():
    with pytest.raises(EvaluationError, match="onbekende gemeente"):
        check({}, municipality="nowhere", on="2024-05-01")
    with pytest.raises(EvaluationError, match="unknown municipality"):
        check({}, municipality="nowhere", on="2024-05-01", lang="en")
