"""A rule reads only the facts it declares (``Rule.facts``): changing any other fact never
changes its finding. The advice relies on it: a remedy considers the fixes of the facts a
failing rule declares, and a next question re-runs only the rules that read the fact asked.
(This test found two undeclared reads, since declared: the licence rule's home-work
``business`` and ``employment``, the home-work rule's ``age``.)"""

from __future__ import annotations

import json
from datetime import date

from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel

from sekswerk_rules import CaseError, parse_case
from sekswerk_rules.case import inconsistencies
from sekswerk_rules.regime import get as get_regime
from sekswerk_rules.rules import Context

from .strategies import LEAVES, any_dates, partial_cases, put

#: Every fact a case can hold: the leaves of the generated cases and the others.
FACTS = {
    **LEAVES,
    "person.age": st.integers(14, 80),
    "person.population_register": st.sampled_from(["brp", "rni", "none"]),
    "person.identity_document.kind": st.sampled_from(["passport", "id_card", "residence_document"]),
    "person.identity_document.valid_until": any_dates.map(date.isoformat),
}


@given(partial_cases(), st.sampled_from(sorted(FACTS)), st.data())
def test_a_fact_a_rule_does_not_declare_never_changes_its_finding(case, path, data):
    changed = json.loads(json.dumps(case))
    put(changed, path, data.draw(FACTS[path], label="value"))
    if path == "person.age":  # the age replaces the birth date, so that they cannot disagree
        changed["person"].pop("birth_date", None)
        case = json.loads(json.dumps(changed))
        case["person"].pop("age")
    day = date.fromisoformat(case["reference_date"])
    try:
        before, after = parse_case(case), parse_case(changed)
    except CaseError:
        return
    if inconsistencies(before, day) or inconsistencies(after, day):
        return
    for active in get_regime(case["municipality"]).resolve(day).rules:
        if path in active.rule.facts:
            continue
        context = Context(day, active.params, bool(active.uncertain))
        assert active.rule.evaluate(before, context) == active.rule.evaluate(after, context), (active.rule.key, path)


class _Reading:
    """A case's model that records the path of every fact read from it."""

    def __init__(self, model, path: str, read: list[str]) -> None:
        self._model, self._path, self._read = model, path, read

    def __getattr__(self, name: str):
        path = f"{self._path}.{name}" if self._path else name
        self._read.append(path)
        value = getattr(self._model, name)
        return _Reading(value, path, self._read) if isinstance(value, BaseModel) else value


@given(partial_cases(), st.dates(date(2000, 10, 1), date(2040, 12, 31)))
def test_what_contradicts_on_the_day_reads_only_the_facts_it_names(case, day):
    # The next questions check an answer against the day only where it changes one of them.
    from sekswerk_rules.case.contradictions import ON_THE_DAY

    case = parse_case(case)
    read: list[str] = []
    assert inconsistencies(_Reading(case, "", read), day) == inconsistencies(case, day)
    assert {path for path in read if not any(fact.startswith(path + ".") for fact in ON_THE_DAY)} <= set(ON_THE_DAY)
