"""Running the rules: each (regime, version) compiled once into a plan of steps, one per rule
in force, with its parameters, basis and uncertainty bound; each step returns an *interned
finding*, one object per distinct result, shared by every decision that has it.

A finding carries what combining and advice need (``outcome``, ``missing``, ``text``) and
slots for its rendered outcome per language, which ``explain`` fills once, lazily. The caches
are bounded: a plan keeps at most ``MAX_FINDINGS`` findings per step, and at most ``MAX_PLANS``
plans are kept.

The policy on how sure a violation must be is applied here, once per distinct result:
a violation counts only as ``unknown`` (with a request for legal review, never ``illegal``)
when it is uncertain that the rule was in force on the day (``uncertain`` in the regime),
when the finding rests on a reading the sources dispute (the rule says so, or the regime lists
the finding under ``disputed``), or when every basis it rests on has low confidence.

>>> from sekswerk_rules.regime import get
>>> from sekswerk_rules.case import parse_case
>>> from datetime import date
>>> plan = plan_for(get("leeuwarden"), date(2024, 5, 1))
>>> plan.version.isoformat(), len(plan.steps)
('2024-01-01', 9)
>>> verdict, missing = plan.check(parse_case({}), date(2024, 5, 1))
>>> verdict.value, missing[:2]
('undetermined', ['person.birth_date', 'person.human_trafficking'])
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from typing import Any

from .case import Case
from .decision import MunicipalityRef, RegimeRef, Verdict, combine
from .facts import overlap
from .regime import ActiveRule, Regime
from .rules import Context, Outcome, Rule, RuleResult

#: The reason a violation is disputed when every basis of the rule has low confidence.
LOW_CONFIDENCE = "low_confidence"

#: Bounds of the caches: distinct findings kept per step, plans kept (one per regime version).
MAX_FINDINGS = 256
MAX_PLANS = 256

_VIOLATED, _UNKNOWN, _SATISFIED = Outcome.VIOLATED, Outcome.UNKNOWN, Outcome.SATISFIED


def apply_policy(active: ActiveRule, result: RuleResult) -> RuleResult:
    """The engine's policy on how sure a violation must be (see the module's text)."""
    if result.outcome is not Outcome.VIOLATED:
        return result
    if active.uncertain:
        return replace(result, outcome=Outcome.UNKNOWN, remedy=None, uncertain=active.uncertain)
    disputed = result.disputed
    if disputed is None and result.text in getattr(active.params, "disputed", ()):
        disputed = f"disputed.{result.text}"
    if disputed is None and all(b.confidence == "low" for b in (*result.extra_basis, *active.basis)):
        disputed = LOW_CONFIDENCE
    if disputed is not None:
        return replace(result, outcome=Outcome.UNKNOWN, remedy=None, disputed=disputed)
    return result


#: Each distinct (rule key, violated, on an uncertain source) a finding has, numbered; at most
#: four per rule, so not bounded.
_ADVISED: dict[tuple[str, bool, bool], int] = {}


class Finding:
    """One rule's result after the policy, interned per step: equal results share one object.

    ``rendered`` holds the rule's outcome per language once ``explain`` has rendered it.
    """

    __slots__ = ("active", "advised", "facts", "missing", "outcome", "remedy", "rendered", "result", "rule_id", "text", "uncertain_sources", "violable")

    def __init__(self, rule_id: str, active: ActiveRule, result: RuleResult) -> None:
        self.rule_id = rule_id
        self.active = active
        self.result = result
        self.outcome = result.outcome
        self.text = result.text
        self.facts = result.facts
        self.missing = result.missing
        self.remedy = result.remedy
        #: For an unknown finding: whether filling in its missing facts can give a violation
        #: that counts (the rule says it can, and the policy would not make it ``unknown``: the
        #: rule is not uncertain on the day, and not every basis has low confidence, as
        #: :func:`apply_policy` reads them).
        self.violable = result.violable and not active.uncertain and not all(b.confidence == "low" for b in (*result.extra_basis, *active.basis))
        self.rendered: dict[str, Any] = {}
        #: Whether a settled outcome rests on a source that is not of high confidence (worked out once).
        self.uncertain_sources = self.outcome in (Outcome.SATISFIED, Outcome.VIOLATED) and not active.certain_sources
        #: What the advisories read of a finding (``explain.advisories_of``): its rule, whether
        #: it is violated, whether it rests on an uncertain source; as the number of that triple,
        #: so a decision's advisories are looked up by a tuple of small numbers.
        self.advised = _ADVISED.setdefault((active.rule.key, self.outcome is Outcome.VIOLATED, self.uncertain_sources), len(_ADVISED))

    def __repr__(self) -> str:
        return f"Finding({self.rule_id!r}, {self.outcome.value}, {self.text!r})"


class Step:
    """One rule of a plan, its parameters bound: ``run(case, day)`` gives an interned finding."""

    __slots__ = ("active", "bound", "by_identity", "eventful", "events", "findings", "key", "params", "rule_id")

    def __init__(self, regime: Regime, active: ActiveRule) -> None:
        rule = active.rule
        self.active = active
        self.key = rule.key
        self.rule_id = rule.key if rule.national else f"{regime.id}.{rule.key}"
        self.bound = rule.bind(active.params, bool(active.uncertain))
        self.events = rule.events
        #: Whether the rule declares days on which its outcome may change (most do not).
        self.eventful = type(rule).events is not Rule.events
        self.params = active.params
        #: Findings by result (equal results share one), and by the identity of an interned
        #: result (the fast path: the rule constructors intern their results).
        self.findings: dict[RuleResult, Finding] = {}
        self.by_identity: dict[int, tuple[RuleResult, Finding]] = {}

    def run(self, case: Case, day: date) -> Finding:
        result = self.bound(case, day)
        entry = self.by_identity.get(id(result))
        if entry is not None and entry[0] is result:
            return entry[1]
        return self._intern(result)

    def _intern(self, result: RuleResult) -> Finding:
        if len(self.findings) >= MAX_FINDINGS or len(self.by_identity) >= MAX_FINDINGS:
            self.findings.clear()
            self.by_identity.clear()
        finding = self.findings.get(result)
        if finding is None:
            finding = self.findings[result] = Finding(self.rule_id, self.active, apply_policy(self.active, result))
        # The entry holds the result, so its id cannot be reused while the entry exists.
        self.by_identity[id(result)] = (result, finding)
        return finding

    def days(self, case: Case, day: date) -> Any:
        """Days after ``on`` on which this rule's outcome may change for these facts."""
        return self.events(case, Context(day, self.params))


class Plan:
    """The rules of one regime version, compiled: steps in decision order, and the parts of a
    decision that depend only on the version (municipality and regime references)."""

    __slots__ = (
        "check",
        "eventful",
        "fragments",
        "later",
        "municipality",
        "params",
        "readers",
        "regime",
        "regime_ref",
        "resolved",
        "run",
        "steps",
        "successors",
        "version",
    )

    def __init__(self, regime: Regime, day: date) -> None:
        resolved = regime.resolve(day)
        self.regime = regime
        self.resolved = resolved
        self.version = resolved.version
        self.steps = tuple(Step(regime, active) for active in resolved.rules)
        #: The indices of the steps whose rule declares days on which its outcome may change.
        self.eventful = tuple(i for i, step in enumerate(self.steps) if step.eventful)
        #: The first days of the regime's later versions: every boundary after this version's
        #: first day (which is the last boundary on or before any day this plan is for).
        self.later = tuple(d for d in regime.boundaries() if d > resolved.version)
        #: Per later plan (by id, holding it): how its steps follow from these (``until``).
        self.successors: dict[int, Any] = {}
        self.municipality = MunicipalityRef.model_construct(code=regime.cbs_code, name=regime.name)
        self.regime_ref = RegimeRef.model_construct(id=regime.id, version=resolved.version)
        #: ``run(case, day)``: each step's finding, in order; ``check(case, day)``: the verdict
        #: and, if undetermined, the missing facts, no explanation rendered. Both straight-line
        #: code generated for this version (see :func:`_generate`).
        self.run, self.check = _generate(self.steps)
        self.fragments = {"municipality": self.municipality.model_dump_json().encode(), "regime": self.regime_ref.model_dump_json().encode()}
        #: Each rule's parameters as the regime file gives them, by rule key (what the advice's fixes read).
        self.params = {step.key: step.active.params_json for step in self.steps}
        #: Fact paths -> the indices of the steps whose rule reads them (filled as advice asks).
        self.readers: dict[tuple[str, ...], tuple[int, ...]] = {}

    def readers_of(self, paths: tuple[str, ...]) -> tuple[int, ...]:
        """The steps whose rule reads a fact at or under one of these paths (or holding one),
        by index; remembered per plan."""
        again = self.readers.get(paths)
        if again is None:
            again = self.readers[paths] = tuple(i for i, step in enumerate(self.steps) if overlap(paths, step.active.rule.facts))
        return again

    def outcomes_after(self, findings: list[Finding], day: date) -> Callable[[Case, tuple[str, ...]], tuple[Verdict, list[Outcome]]]:
        """The verdict and each rule's outcome (in step order) of a case that differs from the one ``findings``
        were made for (on ``day``) only in the facts at these paths: only the steps whose rule
        reads one of them run again, since a rule reads only the facts it declares (a property
        test checks it: ``test_declared_facts.py``)."""
        steps = self.steps
        before = [finding.outcome for finding in findings]

        def outcomes(case: Case, paths: tuple[str, ...]) -> tuple[Verdict, list[Outcome]]:
            after = before.copy()
            for i in self.readers_of(paths):
                after[i] = steps[i].run(case, day).outcome
            return combine(after), after

        return outcomes

    def json(self, part: str) -> bytes:
        """The JSON (UTF-8) of a part of every decision under this version (``municipality``, ``regime``)."""
        return self.fragments[part]


def _generate(steps: tuple[Step, ...]) -> tuple[Callable[[Case, date], list[Finding]], Callable[[Case, date], tuple[Verdict, list[str]]]]:
    """Straight-line code for a plan's steps: each bound rule called in turn, its result
    mapped to the step's interned finding by identity (``Step.run`` does the same, one call
    at a time); ``check`` combines as it goes and stops at the first violation."""
    scope: dict[str, Any] = {
        "ILLEGAL": Verdict.ILLEGAL,
        "UNDETERMINED": Verdict.UNDETERMINED,
        "LEGAL": Verdict.LEGAL,
        "VIOLATED": _VIOLATED,
        "UNKNOWN": _UNKNOWN,
    }
    lines = []
    for i, step in enumerate(steps):
        scope[f"bound{i}"], scope[f"known{i}"], scope[f"intern{i}"] = step.bound, step.by_identity, step._intern
        lines.append(f"    r = bound{i}(case, day); e = known{i}.get(id(r)); f{i} = e[1] if e is not None and e[0] is r else intern{i}(r)")
    names = ", ".join(f"f{i}" for i in range(len(steps)))
    run = ["def run(case, day):", *lines, f"    return [{names}]"]
    check = ["def check(case, day):", "    unknown = []"]
    for i, line in enumerate(lines):
        check += [line, f"    o = f{i}.outcome", "    if o is VIOLATED: return ILLEGAL, []", f"    if o is UNKNOWN: unknown.append(f{i})"]
    check += ["    return (UNDETERMINED, missing_of(unknown)) if unknown else (LEGAL, [])"]
    scope["missing_of"] = missing_of
    exec(compile("\n".join(run) + "\n\n" + "\n".join(check) + "\n", "<plan>", "exec"), scope)
    return scope["run"], scope["check"]


def verdict_of(findings: list[Finding]) -> Verdict:
    """Kleene's strong three-valued conjunction (``decision.combine``) over findings."""
    unknown = False
    for finding in findings:
        outcome = finding.outcome
        if outcome is _VIOLATED:
            return Verdict.ILLEGAL
        if outcome is _UNKNOWN:
            unknown = True
    return Verdict.UNDETERMINED if unknown else Verdict.LEGAL


def missing_of(findings: list[Finding]) -> list[str]:
    """The facts the unknown findings lack, in order, once each, but those that cannot change
    the verdict; empty unless undetermined.

    An unknown result that lacks no fact is settled by no fact (only a legal review can settle
    it), so the verdict can no longer become legal, only illegal. A finding that cannot give a
    violation that counts (``Finding.violable``: its facts can only show the rule met, or the
    rule is uncertain on the day, or rests on low sources alone) cannot make it illegal: the
    facts only such findings lack are then left out (Assen, 2016: a 20-year-old under an age of
    uncertain start was asked for her workplace, which changed nothing).
    """
    blocked = False
    for finding in findings:
        if finding.outcome is _VIOLATED:
            return []
        if finding.outcome is _UNKNOWN and not finding.missing:
            blocked = True
    missing: list[str] = []
    for finding in findings:
        if finding.outcome is _UNKNOWN and not (blocked and not finding.violable):
            missing.extend(m for m in finding.missing if m not in missing)
    return missing


_PLANS: dict[int, Plan] = {}


def plan_for(regime: Regime, day: date) -> Plan:
    """The compiled plan of the regime version in force on ``day`` (compiled once per version).

    Raises :class:`EvaluationError` for a day before the regime's first version.
    """
    resolved = regime.resolve(day)
    plan = _PLANS.get(id(resolved))
    if plan is None or plan.resolved is not resolved:
        if len(_PLANS) >= MAX_PLANS:
            _PLANS.clear()
        plan = _PLANS[id(resolved)] = Plan(regime, day)
    return plan


def outcomes_on(case: Case, chosen: Regime, day: date) -> tuple[Verdict, list[Outcome]]:
    """The verdict and each rule's outcome (in the order of the rules in force), without explanations."""
    findings = plan_for(chosen, day).run(case, day)
    return verdict_of(findings), [f.outcome for f in findings]


def verdict_on(case: Case, chosen: Regime, day: date) -> Verdict:
    """The verdict alone, without explanations."""
    return verdict_of(plan_for(chosen, day).run(case, day))


__all__ = [
    "LOW_CONFIDENCE",
    "Finding",
    "Plan",
    "Step",
    "apply_policy",
    "combine",
    "missing_of",
    "outcomes_on",
    "plan_for",
    "verdict_of",
    "verdict_on",
]
