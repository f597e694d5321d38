"""Until when a legal verdict holds: the last day on which the same facts stay legal.

Events are the days on which an outcome may change: expiries (licence, residence document,
pass), regime version changes and free-movement dates. They are visited in date order; the day
before the first one with another verdict is the answer.

Each rule declares the days on which its own outcome may change (``Rule.events``), so at such
a day only that rule runs again; at a regime version change, only the rules the new version
changes do. (The minimum age only ever improves with time, so it declares no events.)

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
from .plan import Finding, Plan, Step, plan_for, verdict_of
from .regime import Regime

#: How many future events ``legal_until`` looks at before it gives up (``null``).
MAX_EVENTS = 500


def legal_until(case: Case, chosen: Regime, day: date, findings: list[Finding] | None = None, plan: Plan | None = None) -> date | None:
    """The last day on which the same facts stay legal, or ``None`` if no end is known.

    ``findings`` are the plan's findings on ``day``, and ``plan`` the plan of ``day``, when the
    caller has them already.
    """
    plan = plan or plan_for(chosen, day)
    current = list(findings) if findings is not None else plan.run(case, day)
    versions = [d for d in chosen.boundaries() if d > day]
    queue = _watch(plan.steps, case, day)
    for _ in range(MAX_EVENTS):
        if queue and (not versions or queue[0][0] < versions[0]):
            event = queue[0][0]
            changed = set()
            while queue and queue[0][0] == event:
                changed.add(heapq.heappop(queue)[1])
            for index in sorted(changed):  # only the rules whose outcome may change today
                step = plan.steps[index]
                current[index] = step.run(case, event)
                for later in step.days(case, event):
                    if later > event:
                        heapq.heappush(queue, (later, index))
        elif versions:  # a new regime version: the rules it changes run again
            event = versions.pop(0)
            plan, current, queue = _next_version(plan, plan_for(chosen, event), current, queue, case, event)
        else:
            return None
        if verdict_of(current) is not Verdict.LEGAL:
            return event - timedelta(days=1)
    return None


def _next_version(
    plan: Plan, new: Plan, current: list[Finding], queue: list[tuple[date, int]], case: Case, event: date
) -> tuple[Plan, list[Finding], list[tuple[date, int]]]:
    """The findings and the watched days under the version that starts on ``event``. A rule the
    new version keeps as it was (the same :class:`ActiveRule`: rule, parameters, basis) keeps
    its finding and its days, which hold until its own next event; every other rule runs again."""
    kept = {id(step.active): index for index, step in enumerate(plan.steps)}  # both plans hold their rules
    moved: dict[int, int] = {}
    findings = []
    again = []
    for index, step in enumerate(new.steps):
        before = kept.get(id(step.active))
        if before is not None:
            moved[before] = index
            findings.append(current[before])
        else:
            again.append(index)
            findings.append(step.run(case, event))
    watched = [(day, moved[index]) for day, index in queue if index in moved] + _watch(new.steps, case, event, again)
    heapq.heapify(watched)
    return new, findings, watched


def _watch(steps: tuple[Step, ...], case: Case, at: date, only: list[int] | None = None) -> list[tuple[date, int]]:
    """The days after ``at`` on which a step's outcome may change (of the steps ``only``, if
    given), as a heap of (day, step)."""
    indices = range(len(steps)) if only is None else only
    queue = [(event, index) for index in indices if steps[index].eventful for event in steps[index].days(case, at) if event > at]
    heapq.heapify(queue)
    return queue
