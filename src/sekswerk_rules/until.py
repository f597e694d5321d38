"""Until when a legal verdict holds: the last day on which the same facts stay legal.

Events are the days on which an outcome may change: expiries (licence, residence document,
pass), regime version changes and free-movement dates. They are visited in date order; the day
before the first one with another verdict is the answer.

Each rule declares the days on which its own outcome may change (``Rule.events``), so at such
a day only that rule runs again; at a regime version change, every rule does. (The minimum age
only ever improves with time, so it declares no events.)

>>> from datetime import date
>>> from sekswerk_rules.case import parse_case
>>> from sekswerk_rules.regime import get
>>> case = parse_case({"person": {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established",
...     "kvk": {"registered": True}, "has_bsn": True}, "workplace": {"kind": "window",
...     "licence": {"status": "valid", "valid_until": "2026-12-31", "requirements_met": True}}})
>>> legal_until(case, get("leeuwarden"), date(2024, 5, 1))
datetime.date(2026, 12, 31)
"""

from __future__ import annotations

import heapq
from datetime import date, timedelta

from .case import Case
from .decision import Verdict
from .plan import Finding, Step, plan_for, verdict_of
from .regime import Regime

#: How many future events ``legal_until`` looks at before it gives up (``null``).
MAX_EVENTS = 500


def legal_until(case: Case, chosen: Regime, day: date, findings: list[Finding] | None = None) -> date | None:
    """The last day on which the same facts stay legal, or ``None`` if no end is known.

    ``findings`` are the plan's findings on ``day`` when the caller has them already.
    """
    plan = plan_for(chosen, day)
    if findings is None:
        findings = plan.run(case, day)
    steps: dict[str, Step] = {step.key: step for step in plan.steps}
    current = {step.key: finding for step, finding in zip(plan.steps, findings, strict=True)}
    pending: dict[date, set[str] | None] = {d: None for d in chosen.boundaries() if d > day}
    queue = list(pending)
    heapq.heapify(queue)

    def watch(step: Step, at: date) -> None:
        for event in step.days(case, at):
            if event <= at:  # today's or a visited event: only later days can change anything
                continue
            if event not in pending:
                pending[event] = set()
                heapq.heappush(queue, event)
            keys = pending[event]
            if keys is not None:
                keys.add(step.key)

    for step in steps.values():
        watch(step, day)
    for _ in range(MAX_EVENTS):
        if not queue:
            return None
        event = heapq.heappop(queue)
        keys = pending.pop(event)
        if keys is None:  # a new regime version: every rule may change
            steps = {step.key: step for step in plan_for(chosen, event).steps}
            current = {}
            keys = set(steps)
        for key in keys:
            current[key] = steps[key].run(case, event)
            watch(steps[key], event)
        if verdict_of(list(current.values())) is not Verdict.LEGAL:
            return event - timedelta(days=1)
    return None
