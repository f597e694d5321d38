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
    steps, versions, next_version = plan.steps, plan.later, 0  # the later versions' first days
    queue = _watch(steps, case, day, plan.eventful)
    for _ in range(MAX_EVENTS):
        if queue and (next_version == len(versions) or queue[0][0] < versions[next_version]):
            event = queue[0][0]
            changed = set()
            while queue and queue[0][0] == event:
                changed.add(heapq.heappop(queue)[1])
            for index in changed:  # only the rules whose outcome may change today
                current[index] = steps[index].run(case, event)
            if verdict_of(current) is not Verdict.LEGAL:
                return event - timedelta(days=1)
            for index in changed:  # and the days on which they may change again
                for later in steps[index].days(case, event):
                    if later > event:
                        heapq.heappush(queue, (later, index))
        elif next_version < len(versions):  # a new regime version: the rules it changes run again
            event = versions[next_version]
            next_version += 1
            plan, current, queue = _next_version(plan, plan_for(chosen, event), current, queue, case, event)
            steps = plan.steps
            if verdict_of(current) is not Verdict.LEGAL:
                return event - timedelta(days=1)
        else:
            return None
    return None


def _next_version(
    plan: Plan, new: Plan, current: list[Finding], queue: list[tuple[date, int]], case: Case, event: date
) -> tuple[Plan, list[Finding], list[tuple[date, int]]]:
    """The findings and the watched days under the version that starts on ``event``. A rule the
    new version keeps as it was (the same :class:`ActiveRule`: rule, parameters, basis) keeps
    its finding and its days, which hold until its own next event; every other rule runs again."""
    _, kept, moved, watch = _succession(plan, new)
    findings = [current[before] if before is not None else new.steps[index].run(case, event) for index, before in enumerate(kept)]
    watched = [(day, moved[index]) for day, index in queue if index in moved] + _watch(new.steps, case, event, watch)
    heapq.heapify(watched)
    return new, findings, watched


def _succession(plan: Plan, new: Plan) -> tuple[Plan, tuple[int | None, ...], dict[int, int], tuple[int, ...]]:
    """How the steps of ``new``, a later version's plan, follow from those of ``plan``: per new
    step the index of the same rule in ``plan`` (or ``None``: it runs again), the old indices
    mapped to the new, and the steps that run again whose rules declare days to watch. Worked
    out once per pair of plans (both plans hold their rules, so an id is not reused)."""
    entry = plan.successors.get(id(new))
    if entry is None or entry[0] is not new:
        same = {id(step.active): index for index, step in enumerate(plan.steps)}
        kept = tuple(same.get(id(step.active)) for step in new.steps)
        moved = {before: index for index, before in enumerate(kept) if before is not None}
        watch = tuple(index for index, before in enumerate(kept) if before is None and new.steps[index].eventful)
        entry = plan.successors[id(new)] = (new, kept, moved, watch)
    return entry


def _watch(steps: tuple[Step, ...], case: Case, at: date, indices: tuple[int, ...]) -> list[tuple[date, int]]:
    """The days after ``at`` on which a step's outcome may change (of the steps at ``indices``,
    whose rules declare such days), as a heap of (day, step)."""
    queue = [(event, index) for index in indices for event in steps[index].days(case, at) if event > at]
    heapq.heapify(queue)
    return queue
