"""The remedy search skips what cannot work, and finds what trying everything finds (a plan that
makes the case legal; failing that, where facts are unknown, one that ends every violation).

``advice.remedy_plan`` does not evaluate a combination of fixes that changes none of the facts
of some failing rule, and re-runs only the rules a candidate's changes reach. Here the plain
search (every combination of the fixes that meet a failing rule and change something, smallest
first, in order of preference, each candidate evaluated whole) must give the same plan.
"""

from __future__ import annotations

import random
from datetime import date
from functools import partial
from itertools import combinations
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sekswerk_rules import CaseError, evaluate, parse_case
from sekswerk_rules.advice import _PREFERRED, MAX_STEPS, _in_apply_order
from sekswerk_rules.case import inconsistencies
from sekswerk_rules.facts import get, put
from sekswerk_rules.regime import get as get_regime
from sekswerk_rules.synth import case as synth_case

from .strategies import MUNICIPALITIES, partial_cases

#: Facts that break a rule an actionable fix can mend (or not: the search must say so).
BREAKERS: dict[str, Any] = {
    "person.kvk.registered": False,
    "person.has_bsn": False,
    "person.employment": "employed",
    "workplace.licence.status": "none",
    "workplace.kind": st.sampled_from(["street", "home", "window", "escort", "club"]),
    "workplace.in_designated_zone": False,
    "person.residence_document.valid_until": "2001-01-01",
    "person.intake.done": False,
    "workplace.home.sole_resident": False,
}


@st.composite
def broken_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A realistic case (``synth``) with a few facts set to break a rule."""
    rng = random.Random(draw(st.integers(0, 2**32)))
    on = draw(st.dates(date(2001, 1, 1), date(2026, 12, 31)))
    case = synth_case(rng, draw(st.sampled_from(MUNICIPALITIES)), on)
    for path in draw(st.lists(st.sampled_from(sorted(BREAKERS)), max_size=3, unique=True)):
        value = BREAKERS[path]
        put(case, path, draw(value) if isinstance(value, st.SearchStrategy) else value)
        if path == "person.intake.done":
            case["person"]["intake"] = {"done": False}
    return case


def plain_search(case: dict[str, Any]) -> list[str] | None:
    """The fixes of the first plan that makes the case legal, trying every combination; failing
    that, where facts are unknown, of the first that leaves no rule violated."""
    decision = evaluate(case, advise=False)
    found = _first_plan(case, decision, ("violated", "unknown"), ("legal",))
    if found is None and any(o.outcome.value == "unknown" for o in decision.rules):
        found = _first_plan(case, decision, ("violated",), ("legal", "undetermined"))
    return found


def _first_plan(case: dict[str, Any], decision: Any, failing_outcomes: tuple[str, ...], wanted: tuple[str, ...]) -> list[str] | None:
    day = decision.reference_date
    regime = get_regime(decision.regime.id)
    active = {a.rule.key: a for a in regime.resolve(day).rules}
    failing = set()
    for outcome in decision.rules:
        if outcome.outcome.value in failing_outcomes:
            key = outcome.id if outcome.id.startswith("nationaal.") else outcome.id.split(".", 1)[1]
            failing |= {*active[key].rule.facts, *outcome.missing}
    params = {a.rule.key: a.params_json for a in active.values()}
    base = parse_case(case).model_dump(mode="json", exclude_none=True)
    relevant = [f for f in _PREFERRED if failing & set(f.facts) and any(get(base, p) != v for p, v in f.changes(partial(get, base), day, params).items())]
    for size in range(1, min(len(relevant), MAX_STEPS) + 1):
        for combo in combinations(relevant, size):
            changed = base
            for fix in _in_apply_order(combo):
                changed = fix.apply(changed, day, params)
            if evaluate(changed, on=day, advise=False).verdict.value in wanted:
                return [f.id for f in _in_apply_order(combo)]
    return None


@given(st.one_of(broken_cases(), partial_cases()))
@settings(max_examples=300)
def test_the_remedy_plan_is_the_one_the_plain_search_finds(case):
    try:
        parsed = parse_case(case)
    except CaseError:
        return
    if inconsistencies(parsed, date.fromisoformat(case["reference_date"])):
        return
    decision = evaluate(case)
    if decision.verdict.value != "illegal" or decision.remedy_plan is None:
        return
    if "zorgcoördinator" in decision.remedy_plan.summary:  # trafficking: a referral, never a search
        return
    found = [step.id for step in decision.remedy_plan.steps] or None
    assert found == plain_search(case)
