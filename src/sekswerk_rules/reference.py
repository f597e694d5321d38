"""The reference evaluation: the straightforward reading of the rules, kept as the source of
truth that the compiled engine (``engine.evaluate``) is checked against.

Every call resolves the regime, runs each rule object afresh, applies the engine's policy on how
sure a violation must be, renders every explanation, walks the future events for
``legal_until`` and validates the output models. Nothing is cached or interned. A differential
test (``tests/test_differential.py``, ``benchmarks/differential.py``) requires that both give
the same decision JSON on generated cases across all regimes, dates, both languages, with and
without advice.

>>> from sekswerk_rules import evaluate
>>> case = {"municipality": "GM0080", "reference_date": "2024-05-01"}
>>> evaluate_reference(case).model_dump(mode="json") == evaluate(case).model_dump(mode="json")
True
"""

from __future__ import annotations

import heapq
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from . import advice
from .case import Case
from .decision import Decision, MunicipalityRef, RegimeRef, Verdict, combine
from .explain import advisories, render
from .plan import Finding, apply_policy, missing_of
from .regime import ActiveRule, Regime
from .rules import Context, Outcome, RuleResult

#: How many future events ``legal_until`` looks at before it gives up (``null``).
MAX_EVENTS = 500


def evaluate_reference(case: Case | Mapping[str, Any] | str | bytes, *, advise: bool = True, **options: Any) -> Decision:
    """What ``evaluate`` answers (same arguments, same errors), computed the plain way. The
    arguments are read by the engine's own ``_prepare``: the reference checks how the rules are
    run, combined and rendered, not how arguments are parsed."""
    from .engine import _prepare, provenance

    parsed, chosen, day, _, lang = _prepare(case, **options)
    resolved = chosen.resolve(day)
    results = [(active, run(active, parsed, day)) for active in resolved.rules]
    verdict = combine([result.outcome for _, result in results])
    # Which missing facts can still change the verdict is one piece of code (plan.missing_of), as the policy is.
    missing = missing_of([Finding("", active, result) for active, result in results]) if verdict is Verdict.UNDETERMINED else []
    rule_ids = [active.rule.key if active.rule.national else f"{chosen.id}.{active.rule.key}" for active, _ in results]
    return Decision(
        verdict=verdict,
        municipality=MunicipalityRef(code=chosen.cbs_code, name=chosen.name),
        reference_date=day,
        regime=RegimeRef(id=chosen.id, version=resolved.version),
        legal_until=legal_until(parsed, chosen, day) if verdict is Verdict.LEGAL else None,
        rules=[render(rule_id, active, result, lang) for rule_id, (active, result) in zip(rule_ids, results, strict=True)],
        missing_facts=missing,
        advisories=advisories(parsed, results, lang),
        remedy_plan=advice.remedy_plan(parsed, chosen, day, results, lang, verdict_on=verdict_on) if advise and verdict is Verdict.ILLEGAL else None,
        next_questions=advice.next_questions(parsed, chosen, day, results, missing, lang, outcomes_after=lambda answered, _: outcomes_on(answered, chosen, day))
        if advise and missing
        else [],
        id=parsed.id,
        provenance=provenance(chosen),
    )


def run(active: ActiveRule, case: Case, day: date) -> RuleResult:
    """Run one rule, and apply the engine's policy on how sure a violation must be.

    A violation counts only as ``unknown`` (with a request for legal review, never ``illegal``)
    when it is uncertain that the rule was in force on the day (``uncertain`` in the regime),
    when the finding rests on a reading the sources dispute (the rule says so, or the regime
    lists the finding under ``disputed``), or when every basis it rests on has low confidence.
    """
    # The policy is one piece of code (plan.apply_policy): the reference checks the compiled
    # plan's running and rendering of rules, not a second copy of the policy.
    return apply_policy(active, active.rule.evaluate(case, Context(day, active.params, bool(active.uncertain))))


def outcomes_on(case: Case, chosen: Regime, day: date) -> tuple[Verdict, list[Outcome]]:
    """The verdict and each rule's outcome (in the order of the rules in force), without explanations."""
    outcomes = [run(a, case, day).outcome for a in chosen.resolve(day).rules]
    return combine(outcomes), outcomes


def verdict_on(case: Case, chosen: Regime, day: date) -> Verdict:
    return outcomes_on(case, chosen, day)[0]


def legal_until(case: Case, chosen: Regime, day: date) -> date | None:
    """The last day on which the same facts stay legal: every rule re-run at every event day."""
    rules = chosen.resolve(day).rules
    pending = {d for d in chosen.boundaries() if d > day}
    for active in rules:
        pending.update(e for e in active.rule.events(case, Context(day, active.params)) if e > day)
    queue = sorted(pending)
    seen = set(queue)
    heapq.heapify(queue)
    for _ in range(MAX_EVENTS):
        if not queue:
            return None
        event = heapq.heappop(queue)
        rules = chosen.resolve(event).rules
        if combine([run(a, case, event).outcome for a in rules]) is not Verdict.LEGAL:
            return event - timedelta(days=1)
        for active in rules:
            for later in active.rule.events(case, Context(event, active.params)):
                if later > event and later not in seen:
                    seen.add(later)
                    heapq.heappush(queue, later)
    return None
