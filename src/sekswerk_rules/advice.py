"""Answers a case worker can act on: the smallest set of actionable changes that makes an
illegal situation legal (each plan proven by re-evaluating the changed case), and, for an
undetermined one, the missing facts in the order that settles the most first.

Actionable are the things a sex worker, an operator or the municipality can change:
registration (KvK, BSN), intake and pass, the business's licence, the workplace, documents
and the form of work. Age, nationality and trafficking are not: a trafficking case gets a
referral, never a remedy.

>>> from sekswerk_rules import evaluate
>>> case = {"municipality": "leeuwarden", "reference_date": "2024-05-01",
...         "person": {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established",
...                    "kvk": {"registered": False}, "has_bsn": False},
...         "workplace": {"kind": "home"}}
>>> plan = evaluate(case).remedy_plan
>>> [step.id for step in plan.steps], plan.makes_legal
(['kvk', 'bsn', 'werkplek'], True)
>>> evaluate(apply_plan(case, evaluate(case))).verdict.value
'legal'
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache, partial
from itertools import combinations
from typing import Any, TypeVar

from pydantic import BaseModel

from . import plan
from .case import Case, inconsistencies, parse_case
from .case.change import dict_with, overlay
from .case.contradictions import ON_THE_DAY
from .dates import add_days, add_years
from .decision import Question, RemedyPlan, RemedyStep, Verdict
from .facts import ANSWERS, QUESTIONS, get, overlap
from .lang import Lang, pick
from .memo import memo
from .regime import ActiveRule, Regime
from .regime import get as get_regime
from .rules import Outcome, RuleResult

#: How advice re-evaluates a changed case: the verdict (on any day), or the verdict and each
#: rule's outcome (in the order of the results advised on) of the case with the facts at these
#: paths changed, on the same regime and day.
VerdictOn = Callable[[Case, Regime, date], Verdict]
OutcomesAfter = Callable[[Case, tuple[str, ...]], tuple[Verdict, list[Outcome]]]


#: A fact of a case as the interchange format writes it, by path (``None`` if absent).
Read = Callable[[str], Any]

#: What a fix changes in a case on a day, given each rule's parameters: fact path -> new value
#: (as the interchange format writes it). It reads the case as the fixes before it left it.
Changes = Callable[[Read, date, dict[str, Any]], dict[str, Any]]


@dataclass(frozen=True)
class _Fix:
    id: str
    #: The facts it changes, as a remedy step lists them.
    facts: tuple[str, ...]
    #: The paths its changes set: all of these, or none when it has nothing to change
    #: (``test_advice.py`` checks it on generated cases).
    sets: tuple[str, ...]
    changes: Changes
    text: tuple[str, str]

    def apply(self, data: dict[str, Any], day: date, params: dict[str, Any]) -> dict[str, Any]:
        """``data`` with this fix made: a new dict sharing what the fix leaves alone (``data``
        itself is not changed)."""
        for path, value in self.changes(partial(get, data), day, params).items():
            data = dict_with(data, path, value)
        return data


def _setting(values: dict[str, Any]) -> Changes:
    """A fix that sets these facts to these values."""

    def changes(read: Read, day: date, params: dict[str, Any]) -> dict[str, Any]:
        return values

    return changes


def _licence(read: Read, day: date, params: dict[str, Any]) -> dict[str, Any]:
    return {"workplace.licence": {"status": "valid", "requirements_met": True}}


def _renew(read: Read, day: date, params: dict[str, Any]) -> dict[str, Any]:
    if read("person.residence_document.work") == "free":
        return {"person.residence_document.valid_until": (add_days(day, 365) or date.max).isoformat()}
    return {}


def _zone(read: Read, day: date, params: dict[str, Any]) -> dict[str, Any]:
    # only where the regime knows a zone exists: "work in the zone" where there may be none helps nobody
    if params.get("aangewezen-zone", {}).get("zone") != "exists":
        return {}
    return {"workplace.in_designated_zone": True}


def _move(read: Read, day: date, params: dict[str, Any]) -> dict[str, Any]:
    return {"workplace.kind": "private_house", "workplace.licence": {"status": "valid", "requirements_met": True}}


def _intake(read: Read, day: date, params: dict[str, Any]) -> dict[str, Any]:
    colours = params.get("intake-en-pas", {}).get("colours", {})
    colour = colours.get(read("workplace.kind")) or read("person.intake.pass_colour") or "white"
    return {"person.intake": {"done": True, "date": day.isoformat(), "pass_colour": colour}}


#: Every actionable change, in the order they are applied: the intake comes last, since its
#: pass colour follows the workplace.
FIXES: tuple[_Fix, ...] = (
    _Fix(
        "kvk",
        ("person.kvk.registered",),
        ("person.kvk.registered",),
        _setting({"person.kvk.registered": True}),
        ("Inschrijven in het Handelsregister van de KvK.", "Register in the KvK Trade Register."),
    ),
    _Fix(
        "bsn",
        ("person.has_bsn", "person.bsn"),
        ("person.has_bsn",),
        _setting({"person.has_bsn": True}),
        (
            "Inschrijven in de BRP of, bij een kort verblijf, de RNI; daarmee komt er een BSN.",
            "Register in the BRP or, for a short stay, the RNI, which gives a BSN.",
        ),
    ),
    _Fix(
        "zelfstandige",
        ("person.employment",),
        ("person.employment",),
        _setting({"person.employment": "self_employed"}),
        ("Als zelfstandige werken in plaats van in loondienst.", "Work as self-employed instead of employed."),
    ),
    _Fix(
        "verblijfsdocument",
        ("person.residence_document.valid_until",),
        ("person.residence_document.valid_until",),
        _renew,
        ("Het verblijfsdocument met 'arbeid vrij toegestaan' laten verlengen.", "Have the residence document stating 'work freely permitted' renewed."),
    ),
    _Fix(
        "vergunning",
        ("workplace.licence.status", "workplace.licence.valid_until", "workplace.licence.requirements_met"),
        ("workplace.licence",),
        _licence,
        (
            "Werken bij een bedrijf met een geldige vergunning dat aan de eisen voldoet (vergunning van de exploitant controleren).",
            "Work at a business with a valid licence that meets the requirements (check the operator's licence).",
        ),
    ),
    _Fix(
        "werkplek",
        ("workplace.kind",),
        ("workplace.kind", "workplace.licence"),
        _move,
        (
            "Werken bij een vergund bedrijf (bijvoorbeeld een privéhuis) in plaats van op deze werkplek.",
            "Work at a licensed business (for example a private house) instead of this workplace.",
        ),
    ),
    _Fix(
        "zone",
        ("workplace.in_designated_zone",),
        ("workplace.in_designated_zone",),
        _zone,
        ("Alleen werken in de aangewezen zone.", "Work only in the designated zone."),
    ),
    _Fix(
        "alleen-in-woning",
        ("workplace.home.sole_resident",),
        ("workplace.home.sole_resident",),
        _setting({"workplace.home.sole_resident": True}),
        ("Als enige sekswerker in de woning werken.", "Work as the only sex worker in the dwelling."),
    ),
    _Fix(
        "intake",
        ("person.intake.done", "person.intake.date", "person.intake.pass_colour"),
        ("person.intake",),
        _intake,
        ("Intake en pas aanvragen (of een nieuwe intake voor een nieuwe pas).", "Apply for an intake and a pass (or a new intake for a new pass)."),
    ),
)

#: The order in which plans are preferred when several of the same size work: the least
#: disruptive first (register, intake, stay but in the zone) and moving workplace last.
PREFERENCE = ("kvk", "bsn", "intake", "zone", "vergunning", "verblijfsdocument", "zelfstandige", "alleen-in-woning", "werkplek")

_VIOLATED, _UNKNOWN = Outcome.VIOLATED, Outcome.UNKNOWN

#: The largest plan searched for; no rule set needs more.
MAX_STEPS = 5

_PREFERRED = sorted(FIXES, key=lambda f: PREFERENCE.index(f.id))
_APPLY_ORDER = {fix.id: position for position, fix in enumerate(FIXES)}


def _in_apply_order(fixes: tuple[_Fix, ...]) -> list[_Fix]:
    return sorted(fixes, key=lambda f: _APPLY_ORDER[f.id])


def apply_plan(case: dict[str, Any], decision: Any, regime: Regime | None = None) -> dict[str, Any]:
    """The case (a dict in interchange format) with a decision's remedy plan applied.

    ``regime`` defaults to the shipped regime the decision names.
    """
    chosen = regime or get_regime(decision.regime.id)
    params = {a.rule.key: a.params_json for a in chosen.resolve(decision.reference_date).rules}
    changed = case
    for step in decision.remedy_plan.steps:
        changed = next(f for f in FIXES if f.id == step.id).apply(changed, decision.reference_date, params)
    return copy.deepcopy(changed)  # shares nothing with ``case``


_SUMMARY = {
    "legal": (
        "Met deze verandering(en) is de situatie legaal; dat is opnieuw beoordeeld.",
        "With these change(s) the situation is legal; this was re-evaluated.",
    ),
    "none": (
        "Geen van de veranderingen die het advies onderzoekt (inschrijvingen, intake en pas, vergunning, verblijfsdocument, werkvorm, werkplek of zone) maakt dit legaal (leeftijd, nationaliteit en mensenhandel kan het advies niet veranderen).",
        "None of the changes the advice examines (registrations, intake and pass, licence, residence document, form of work, workplace or zone) renders this legal (the advice cannot change age, nationality or trafficking).",
    ),
    "no_violation": (
        "Met deze verandering(en) is geen regel meer overtreden; of het dan legaal is, hangt af van feiten die nog onbekend zijn (bij de regels met uitkomst onbekend). Dat is opnieuw beoordeeld.",
        "With these change(s) no rule is violated any more; whether it is then legal depends on facts that are still unknown (at the rules whose outcome is unknown). This was re-evaluated.",
    ),
    "none_unknown": (
        "Geen van de veranderingen die het advies onderzoekt (inschrijvingen, intake en pas, vergunning, verblijfsdocument, werkvorm, werkplek of zone) heft de overtreding op; daarnaast zijn nog feiten onbekend (bij de regels met uitkomst onbekend).",
        "None of the changes the advice examines (registrations, intake and pass, licence, residence document, form of work, workplace or zone) ends the violation; besides, some facts are still unknown (at the rules whose outcome is unknown).",
    ),
    "wait_unknown": (
        "Geen van de onderzochte veranderingen heft de overtreding nu op; met dezelfde feiten is er geen overtreding meer vanaf de dag waarop de sekswerker {age} jaar wordt. Daarnaast zijn nog feiten onbekend (bij de regels met uitkomst onbekend).",
        "None of the changes examined ends the violation now; with the same facts there is no violation from the day the sex worker turns {age}. Besides, some facts are still unknown (at the rules whose outcome is unknown).",
    ),
    "wait_then_unknown": (
        "Geen van de onderzochte veranderingen maakt dit nu legaal; met dezelfde feiten is er geen overtreding meer vanaf de dag waarop de sekswerker {age} jaar wordt. Dat het dan legaal is, staat niet vast: laat het op die dag opnieuw beoordelen.",
        "None of the changes examined makes this legal now; with the same facts there is no violation from the day the sex worker turns {age}. That it is then legal is not settled: have it assessed again on that day.",
    ),
    "wait": (
        "Geen van de onderzochte veranderingen maakt dit nu legaal; met dezelfde feiten is het legaal vanaf de dag waarop de sekswerker {age} jaar wordt.",
        "None of the changes examined makes this legal now; with the same facts it is legal from the day the sex worker turns {age}.",
    ),
    "trafficking": (
        "Mensenhandel is geen kwestie van herstel: verwijs door naar de zorgcoördinator mensenhandel en de politie.",
        "Human trafficking is not a matter of remedy: refer to the human trafficking care coordinator and the police.",
    ),
}


def remedy_plan(
    case: Case,
    regime: Regime,
    day: date,
    results: list[tuple[ActiveRule, RuleResult]],
    lang: Lang,
    *,
    verdict_on: VerdictOn | None = None,
    outcomes_after: OutcomesAfter | None = None,
    params: dict[str, Any] | None = None,
) -> RemedyPlan:
    """The smallest set of actionable changes that makes the case legal, each candidate proven by
    re-evaluating the changed case with ``outcomes_after`` (default: ``verdict_on``, default:
    through the compiled plan). ``params``: each rule's parameters as the regime file gives
    them, by rule key (default: read from ``results``)."""
    verdict_on = verdict_on or plan.verdict_on
    if outcomes_after is None:
        outcomes_after = lambda changed, paths: (verdict_on(changed, regime, day), [])  # noqa: E731
    for a, r in results:
        if r.outcome is _VIOLATED and a.rule.key == "nationaal.mensenhandel":
            return _made(("trafficking", lang), _remedy, [], pick(_SUMMARY["trafficking"], lang))
    if params is None:
        params = {a.rule.key: a.params_json for a, _ in results}
    read = _reader(case)
    search = _Search(read, day, params, results)
    ordered = _smallest(search, case, read, day, params, outcomes_after, (Verdict.LEGAL,))
    if ordered is not None:
        return _made((tuple(f.id for f in ordered), lang), _legal_plan, ordered, lang)
    age = _legal_at_age(case, regime, day, results, verdict_on)
    if age is not None:
        return _made(("wait", age, lang), _remedy, [], pick(_SUMMARY["wait"], lang).format(age=age), age)
    unknown_now = any(r.outcome is _UNKNOWN for _, r in results)
    if unknown_now:
        # No plan makes it legal while facts are unknown; one may still end every violation.
        ordered = _smallest(search.violations_only(), case, read, day, params, outcomes_after, (Verdict.LEGAL, Verdict.UNDETERMINED))
        if ordered is not None:
            return _made((tuple(f.id for f in ordered), "no_violation", lang), _plan_without_violation, ordered, lang)
    age = _legal_at_age(case, regime, day, results, verdict_on, (Verdict.LEGAL, Verdict.UNDETERMINED))
    if age is not None:  # not legal_at_age: on that birthday the verdict waits for facts unknown now, or asked for then
        key = "wait_unknown" if unknown_now else "wait_then_unknown"
        return _made((key, age, lang), _remedy, [], pick(_SUMMARY[key], lang).format(age=age))
    key = "none_unknown" if unknown_now else "none"
    return _made((key, lang), _remedy, [], pick(_SUMMARY[key], lang))


def _smallest(
    search: _Search, case: Case, read: Read, day: date, params: dict[str, Any], outcomes_after: OutcomesAfter, wanted: tuple[Verdict, ...]
) -> list[_Fix] | None:
    """The smallest combination of the search's fixes (in order of preference) after which the
    case's verdict is one of ``wanted``, proven by evaluating the changed case; in the order the
    fixes apply."""
    for size in range(1, min(len(search.relevant), MAX_STEPS) + 1):
        for combo in combinations(search.relevant, size):
            if not search.reaches_all(combo):
                continue  # a rule none of these fixes reaches stays as it is: no need to evaluate
            ordered = _in_apply_order(combo)
            changes: list[tuple[str, Any]] = []
            for fix in ordered:  # each fix reads the case as the fixes before it left it
                changes += fix.changes(_read_through(read, changes), day, params).items()
            if outcomes_after(_candidate(case, changes), search.paths[tuple(fix.id for fix in combo)])[0] in wanted:
                return ordered
    return None


def _candidate(case: Case, changes: list[tuple[str, Any]]) -> Case:
    """The case with a candidate plan's changes made, as the rules read it (:func:`overlay`:
    each value validated, each changed part checked). Should that refuse it, the changed case
    is read the plain way, whole, as the remedy search always did, which refuses it with a
    :class:`CaseError` that names fields, never their values."""
    try:
        return overlay(case, changes)
    except ValueError:  # a ValidationError, which holds the case's values: not kept
        pass
    data = case.model_dump(mode="json", exclude_none=True)
    for path, value in changes:
        data = dict_with(data, path, value)
    return parse_case(data)


class _Search:
    """The fixes worth combining for a case, and which failing rules each reaches.

    A rule reads only the facts it declares (``test_declared_facts.py``), so a plan must change
    at least one fact of every rule that is not satisfied: a fix *reaches* a failing rule when it
    changes one of its facts. A fix that reaches none cannot help (a plan without it is smaller
    and found first); if some failing rule is reached by no fix, no plan makes the case legal.
    """

    def __init__(self, read: Read, day: date, params: dict[str, Any], results: list[tuple[ActiveRule, RuleResult]]) -> None:
        self.results = results
        failing = tuple([_facts_of(a.rule.facts, r.missing) for a, r in results if r.outcome is _VIOLATED or r.outcome is _UNKNOWN])
        self.reaches: dict[str, int] = {}  # fix id -> bit i set: it reaches failing rule i
        self.paths = _Paths()  # fix ids -> the paths the fixes change
        self.candidates: list[_Fix] = []  # every fix that reaches a failing rule and changes something
        for fix, reach in _reaching(failing):
            changes = fix.changes(read, day, params)
            if changes and any(read(path) != value for path, value in changes.items()):
                self.candidates.append(fix)
                self.reaches[fix.id] = reach
                self.paths[(fix.id,)] = fix.sets
        #: The failing rules a plan must reach (a bit mask), and per fix id the ones of them it reaches.
        self.every, self.aimed = (1 << len(failing)) - 1, self.reaches
        #: In order of preference; none when no plan can reach every rule aimed at.
        self.relevant = self.candidates if _union(self.reaches.values()) == self.every else []

    def violations_only(self) -> _Search:
        """The same search aimed at the violated rules alone (the unknown ones left as they are)."""
        failing = [r for _, r in self.results if r.outcome is _VIOLATED or r.outcome is _UNKNOWN]
        every = self.every = sum(1 << i for i, r in enumerate(failing) if r.outcome is _VIOLATED)  # the violated ones, as a bit mask
        self.aimed = {fix: reach & every for fix, reach in self.reaches.items()}
        relevant = [fix for fix in self.candidates if self.aimed[fix.id]]
        self.relevant = relevant if _union(self.aimed[fix.id] for fix in relevant) == every else []
        return self

    def reaches_all(self, combo: tuple[_Fix, ...]) -> bool:
        return _union(self.aimed[fix.id] for fix in combo) == self.every


def _reader(case: Case) -> Read:
    """The case's facts as the interchange format writes them (what ``case.model_dump(mode="json",
    exclude_none=True)`` holds at the path), read from its models without dumping it whole;
    each path read once (the case does not change)."""
    known: dict[str, Any] = {}

    def read(path: str) -> Any:
        if path in known:
            return known[path]
        value: Any = case
        for part in path.split("."):
            value = getattr(value, part)
            if value is None:
                break
        else:
            if isinstance(value, Enum):
                value = value.value
            elif type(value) is date:
                value = value.isoformat()
            elif isinstance(value, BaseModel):
                value = value.model_dump(mode="json", exclude_none=True)
            # else a bool, a number, text, a list of country codes
        known[path] = value
        return value

    return read


def _read_through(read: Read, changes: list[tuple[str, Any]]) -> Read:
    """The facts as ``read`` gives them with ``changes`` (path, value) made in order: what a
    case dict with each value put at its path holds."""

    def through(path: str) -> Any:
        value = read(path)
        for changed, new in changes:
            if changed == path:
                value = new
            elif path.startswith(changed + "."):  # set whole above the path
                value = get(new, path[len(changed) + 1 :])
            elif changed.startswith(path + "."):  # set below it
                value = dict_with(value if isinstance(value, dict) else {}, changed[len(path) + 1 :], new)
        return value

    return through


#: A failing rule's facts and the facts it lacks, as one set; made once per distinct pair
#: (bounded), so the sets and their hashes are shared between cases.
_FACTS: dict[tuple[tuple[str, ...], tuple[str, ...]], frozenset[str]] = {}
MAX_FACTS = 1024


def _facts_of(facts: tuple[str, ...], missing: tuple[str, ...]) -> frozenset[str]:
    return memo(_FACTS, MAX_FACTS, (facts, missing), lambda: frozenset((*facts, *missing)))


def _reach(paths: tuple[str, ...], failing: tuple[frozenset[str], ...]) -> int:
    """Bit ``i`` set: changing ``paths`` can change a fact of failing rule ``i``."""
    return sum(1 << i for i, rule in enumerate(failing) if overlap(paths, rule))


#: Per failing rules (by their facts), the fixes that reach one of them, in order of preference,
#: each with the failing rules it reaches: the same for every case that fails the same way.
_REACHING: dict[tuple[frozenset[str], ...], tuple[tuple[_Fix, int], ...]] = {}
MAX_REACHING = 1024


def _reaching(failing: tuple[frozenset[str], ...]) -> tuple[tuple[_Fix, int], ...]:
    def make() -> tuple[tuple[_Fix, int], ...]:
        facts = frozenset().union(*failing)
        fixes = (fix for fix in _PREFERRED if not facts.isdisjoint(fix.facts))
        return tuple((fix, reach) for fix in fixes if (reach := _reach(fix.sets, failing)))

    return memo(_REACHING, MAX_REACHING, failing, make)


class _Paths(dict[tuple[str, ...], tuple[str, ...]]):
    """The paths a combination of fixes (by id) changes: the union of each fix's, made when first asked."""

    def __missing__(self, combo: tuple[str, ...]) -> tuple[str, ...]:
        union = self[combo] = tuple(dict.fromkeys(path for fix in combo for path in self[(fix,)]))
        return union


def _union(masks: Iterable[int]) -> int:
    union = 0
    for mask in masks:
        union |= mask
    return union


#: Remedy plans and questions, made once per distinct content and language and shared by every
#: decision that has them, as rendered rule outcomes are (frozen models; they hold no fact of
#: a case, only fix ids, texts and a regime's minimum age). Bounded.
_MADE: dict[tuple[Any, ...], Any] = {}
_T = TypeVar("_T")
MAX_MADE = 1024


def _made(key: tuple[Any, ...], make: Callable[..., _T], *args: Any) -> _T:
    """``make(*args)``, made once per ``key``."""
    return memo(_MADE, MAX_MADE, key, lambda: make(*args))


def _legal_plan(fixes: list[_Fix], lang: Lang) -> RemedyPlan:
    return _remedy(_steps(fixes, lang), pick(_SUMMARY["legal"], lang))


def _plan_without_violation(fixes: list[_Fix], lang: Lang) -> RemedyPlan:
    return _remedy(_steps(fixes, lang), pick(_SUMMARY["no_violation"], lang), makes_legal=False)


def _steps(fixes: list[_Fix], lang: Lang) -> list[RemedyStep]:
    return [RemedyStep.model_construct(id=f.id, text=pick(f.text, lang), facts=list(f.facts)) for f in fixes]


def _remedy(steps: list[RemedyStep], summary: str, legal_at_age: int | None = None, *, makes_legal: bool | None = None) -> RemedyPlan:
    """A remedy plan from values made here (not validated again); unless told, it makes the case legal if it has steps."""
    legal = bool(steps) if makes_legal is None else makes_legal
    if legal_at_age is None:
        return RemedyPlan.model_construct(steps=steps, makes_legal=legal, summary=summary)
    return RemedyPlan.model_construct(steps=steps, makes_legal=legal, summary=summary, legal_at_age=legal_at_age)


#: The rules whose violation only time can mend: a municipal minimum age.
_AGE_RULES = ("minimumleeftijd", "thuiswerk")


def _legal_at_age(
    case: Case, regime: Regime, day: date, results: list[tuple[ActiveRule, RuleResult]], verdict_on: VerdictOn, wanted: tuple[Verdict, ...] = (Verdict.LEGAL,)
) -> int | None:
    """The age from which the same facts are legal (or, with ``wanted``, no longer illegal), where
    a municipal minimum age is all that stands in the way (checked by evaluating on that birthday;
    never for someone under 18: that is trafficking, not a wait)."""
    violated = [(a, r) for a, r in results if r.outcome is Outcome.VIOLATED]
    birth = case.person.birth_date
    if birth is None or not violated or any(a.rule.key not in _AGE_RULES or r.text not in ("too_young",) for a, r in violated):
        return None
    ages: list[int] = sorted({getattr(a.params, "age" if a.rule.key == "minimumleeftijd" else "min_age") for a, _ in violated})
    for age in ages:
        birthday = add_years(birth, age)
        if birthday is not None and birthday > day and verdict_on(case, regime, birthday) in wanted:
            return age
    return None


def next_questions(
    case: Case,
    regime: Regime,
    day: date,
    results: list[tuple[ActiveRule, RuleResult]],
    missing: list[str],
    lang: Lang,
    *,
    outcomes_after: OutcomesAfter | None = None,
) -> list[Question]:
    """The missing facts, the one whose answer settles the most first.

    A fact's weight: how many of its possible answers make the verdict definite, then how
    many unknown rules its answers settle on average. Ties keep the decision's order. An
    answer that contradicts the other facts does not count; the case's own facts do not
    contradict each other on ``day`` (the engine refuses such a case), so only an answer to a
    fact that ``inconsistencies`` reads is checked against them on that day.
    """
    if outcomes_after is None:
        outcomes_after = lambda answered, paths: plan.outcomes_on(answered, regime, day)  # noqa: E731
    unknown = [i for i, (_, r) in enumerate(results) if r.outcome is _UNKNOWN]  # by position
    scored = []
    for position, path in enumerate(missing):
        answers = ANSWERS[path](day)
        on_the_day = _on_the_day(path)
        definite = settled = 0
        for answer in answers:
            try:
                answered = overlay(case, ((path, answer),))
            except ValueError:  # an answer that contradicts other facts
                continue
            if on_the_day and inconsistencies(answered, day):  # ... or contradicts them on this day
                continue
            verdict, after = outcomes_after(answered, (path,))
            definite += verdict is not Verdict.UNDETERMINED
            settled += sum(1 for i in unknown if after[i] is not _UNKNOWN)
        scored.append((-definite / len(answers), -settled / len(answers), position, path))
    return [_made(("question", path, lang), _question, path, lang) for *_, path in sorted(scored)]


@lru_cache(maxsize=256)
def _on_the_day(path: str) -> bool:
    """Whether an answer at ``path`` can change what contradicts on the day (``inconsistencies``)."""
    return overlap((path,), ON_THE_DAY)


def _question(path: str, lang: Lang) -> Question:
    return Question.model_construct(fact=path, question=pick(QUESTIONS[path], lang))
