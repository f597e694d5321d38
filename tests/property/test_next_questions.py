"""The next questions come in the order that settles the most first, as answering each one
plainly shows.

``advice.next_questions`` answers each missing fact with each of its possible answers on the
models (``overlay``) and re-runs only the rules that read it. Here the plain way: each answer
put into the case's dict, the case evaluated whole on the same day (a refused answer does not
count), and the facts ranked by the share of their answers that make the verdict definite, then
by the share of unknown rules their answers settle, then in the decision's order.
"""

from __future__ import annotations

import copy
from typing import Any

from hypothesis import given, settings

from sekswerk_rules import CaseError, evaluate
from sekswerk_rules.facts import ANSWERS, put

from .strategies import partial_cases


def plain_questions(case: dict[str, Any], decision: Any) -> list[str]:
    day = decision.reference_date
    unknown = {rule.id for rule in decision.rules if rule.outcome.value == "unknown"}
    scored = []
    for position, path in enumerate(decision.missing_facts):
        answers = ANSWERS[path](day)
        definite = settled = 0
        for answer in answers:
            answered = copy.deepcopy(case)
            put(answered, path, answer)
            try:
                after = evaluate(answered, on=day, advise=False)
            except CaseError:  # an answer that contradicts the other facts
                continue
            definite += after.verdict.value != "undetermined"
            settled += sum(1 for rule in after.rules if rule.id in unknown and rule.outcome.value != "unknown")
        scored.append((-definite / len(answers), -settled / len(answers), position, path))
    return [path for *_, path in sorted(scored)]


@given(partial_cases())
@settings(max_examples=150)
def test_the_questions_are_in_the_order_answering_them_plainly_gives(case):
    try:
        decision = evaluate(case)
    except CaseError:  # facts that contradict each other on the day
        return
    if decision.verdict.value != "undetermined":
        assert decision.next_questions == []
        return
    assert [question.fact for question in decision.next_questions] == plain_questions(case, decision)
