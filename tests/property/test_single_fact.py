"""One more fact never flips a definite verdict: it is refused as a contradiction, or the
verdict stays.

"A `legal` or `illegal` verdict must not change however its absent facts are later filled
in" (interchange format v1) — here for *any* value of one added fact, not only a value
chosen to agree with the others: a fact that contradicts the case must be refused
(``inconsistent_facts``), never judged (issue 12, points 2 and 8).
"""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from sekswerk_rules import CaseError, evaluate, parse_case
from sekswerk_rules.case import inconsistencies

from .strategies import LEAVES, favourable_cases, get, partial_cases, put


def verdict(case: dict[str, Any]) -> str | None:
    """The verdict on the case's reference date, or ``None`` if the case is refused.

    ``inconsistencies`` is called here until the engine calls it on the day it uses.
    """
    try:
        parsed = parse_case(case)
    except CaseError:
        return None
    if inconsistencies(parsed, date.fromisoformat(case["reference_date"])):
        return None
    return evaluate(parsed, advise=False).verdict.value


def values(path: str, on: date) -> st.SearchStrategy[Any]:
    """Any valid value of one fact: the usual ones, days around the reference date, and
    dates far from it."""
    if path == "person.age":
        return st.integers(0, 130)
    base = LEAVES[path]
    if path == "person.birth_date" or path.endswith(("valid_until", "since", ".date")):
        near = st.integers(-1500, 1500).map(lambda d: (on + timedelta(days=d)).isoformat())
        far = st.dates(date(1, 1, 1), date(9999, 12, 31)).map(date.isoformat)
        years = st.integers(0, 140).map(lambda y: date(max(on.year - y, 1), on.month, min(on.day, 28)).isoformat())
        return st.one_of(base, near, far, years) if path == "person.birth_date" else st.one_of(base, near, far)
    return base


def addable(case: dict[str, Any]) -> list[str]:
    """Every fact the case does not give (the age too, when the birth date is absent)."""
    paths = [p for p in LEAVES if get(case, p) is None]
    if get(case, "person.age") is None:
        paths.append("person.age")
    return paths


@given(st.one_of(partial_cases(), favourable_cases()), st.data())
def test_adding_one_fact_with_any_value_is_refused_or_keeps_a_definite_verdict(case, data):
    before = verdict(case)
    if before not in ("legal", "illegal"):
        return
    path = data.draw(st.sampled_from(addable(case)), label="added fact")
    on = date.fromisoformat(case["reference_date"])
    value = data.draw(values(path, on), label="its value")
    filled = copy.deepcopy(case)
    put(filled, path, value)
    after = verdict(filled)
    assert after in (None, before), f"{path}={value!r} turns {before} into {after}"
