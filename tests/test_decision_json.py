"""The JSON text the CLI writes for JSON Lines comes from cached pieces (``Evaluation.json``);
it must be the decision's own ``model_dump_json``, byte for byte."""

from __future__ import annotations

import importlib.util

import pytest

from conftest import ROOT
from sekswerk_rules import SekswerkRulesError
from sekswerk_rules.engine import decide

_spec = importlib.util.spec_from_file_location("differential", ROOT / "benchmarks" / "differential.py")
differential = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(differential)


@pytest.mark.parametrize("advise", [False, True])
def test_an_evaluations_json_text_is_the_decisions_own_json(advise):
    compared = 0
    for case, options in differential.generate(3000, seed=31):
        options = {**options, "advise": advise}
        try:
            decided = decide(case, **options)
        except SekswerkRulesError:
            continue
        assert decided.json() == decided.decision().model_dump_json(), (case, options)
        compared += 1
    assert compared > 2000


def test_the_json_text_is_the_decisions_own_even_for_an_id_that_skipped_validation():
    from sekswerk_rules import Case

    case = Case.model_validate({"municipality": "GM0080", "reference_date": "2024-05-01"}).model_copy(update={"id": "zaak-é\u2028\x1f\"\\"})
    decided = decide(case)
    assert decided.json() == decided.decision().model_dump_json()


def test_decide_advises_unless_told_not_to():
    illegal = {"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"age": 19}}
    assert decide(illegal).decision().remedy_plan is not None
    assert decide(illegal, advise=False).decision().remedy_plan is None
