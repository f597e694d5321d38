"""The compiled engine gives the same decision JSON as the reference evaluation, on generated
cases across every shipped regime, dates 2000-10-01..2026-12-31, both languages, with and
without advice (the quick version; ``benchmarks/differential.py --n 100000`` is the full run)."""

from __future__ import annotations

import importlib.util
import json

from conftest import ROOT

_spec = importlib.util.spec_from_file_location("differential", ROOT / "benchmarks" / "differential.py")
differential = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(differential)


def test_the_generated_population_covers_what_it_claims():
    pairs = list(differential.generate(3000, seed=1))
    cases = [c for c, _ in pairs]
    assert {c["municipality"] for c in cases} == set(differential.MUNICIPALITIES)
    years = {int((c.get("reference_date") or o["on"])[:4]) for c, o in pairs}
    assert min(years) == 2000 and max(years) == 2026
    assert {o["lang"] for _, o in pairs} == {"nl", "en"} and {o["advise"] for _, o in pairs} == {True, False}
    text = json.dumps(cases)
    assert '"bsn"' in text and '"has_bsn"' in text and '"ROU"' in text and '"RO"' in text


def test_engine_and_reference_agree_on_generated_cases():
    count, shown = differential.differences(3000, seed=7)
    assert count == 0, shown[:2]
