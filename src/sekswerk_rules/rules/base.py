"""The shape every rule shares.

A rule has a key, a title, the fact paths it reads, a ``Params`` model for the numbers and
switches a regime file gives it, and ``bind(params, uncertain)``: the rule compiled for one
regime version, a function ``(case, on) -> RuleResult`` with its parameters bound and the
findings that depend on them alone made once. ``evaluate(case, context)`` applies it once.
The rule's logic is written once, in ``bind``; the engine compiles each version once and the
reference evaluation (``reference.py``) binds afresh on every call. Its legal
basis (citation, url, confidence) comes from the regime file, since the same rule stands in
a different article in every municipality's APV.

A rule never raises for a valid case and never guesses: a fact it needs but does not have
gives ``Outcome.UNKNOWN`` with that fact in ``missing``. "Illegal" is an outcome, never
an exception.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from functools import lru_cache
from typing import Any, ClassVar, Generic, NamedTuple, TypeVar

from pydantic import BaseModel, ConfigDict, field_validator
from pydantic_core import PydanticCustomError

from ..case import Case, WorkplaceKind
from ..lang import Text
from ..sources import Basis as Basis


class Outcome(str, Enum):
    SATISFIED = "satisfied"
    VIOLATED = "violated"
    UNKNOWN = "unknown"
    NOT_APPLICABLE = "not_applicable"


class NoParams(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Disputable(BaseModel):
    """Parameters of a rule some of whose findings a regime may mark as disputed readings.

    ``disputed`` lists finding keys (``wrong_colour``); a violation with such a key is reported
    as ``unknown`` with a request for legal review, and the rule's ``TEXT["disputed.<key>"]``
    says what is disputed.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    #: The finding keys a regime may mark as disputed (each has ``TEXT["disputed.<key>"]``).
    DISPUTABLE: ClassVar[tuple[str, ...]] = ()

    disputed: tuple[str, ...] = ()

    @field_validator("disputed")
    @classmethod
    def _known_findings(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(key not in cls.DISPUTABLE for key in value):
            raise PydanticCustomError("literal_error", "unknown finding", {"expected": ", ".join(cls.DISPUTABLE)})
        return value


@dataclass(frozen=True)
class RuleResult:
    """What a rule found. ``text`` and ``remedy`` are keys into the rule's ``TEXT``.

    Hashable (``args`` are sorted pairs), so equal findings share one rendered explanation;
    made by the named constructors below, which intern them.
    """

    outcome: Outcome
    text: str
    facts: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    remedy: str | None = None
    #: The message arguments as sorted (name, value) pairs (the constructors sort them).
    args: tuple[tuple[str, Any], ...] = ()
    #: A basis that depends on the facts (e.g. the EU accession that gives free movement).
    extra_basis: tuple[Basis, ...] = ()
    #: A key into the rule's ``TEXT`` saying why the reading behind a violation is disputed;
    #: the engine then reports ``unknown`` with a request for legal review, never ``illegal``.
    disputed: str | None = None
    #: Set by the engine: why it is uncertain that the rule was in force on the day
    #: (``date``, ``transition``); a violation then counts only as ``unknown``.
    uncertain: str | None = None
    #: For an unknown result: whether some way of filling in its missing facts can make the
    #: rule violated (``False``: they can only show it met or not applicable). A verdict that
    #: can no longer become legal does not ask for the facts of such a result.
    violable: bool = True


P = TypeVar("P")


class Context(NamedTuple, Generic[P]):
    """What a rule knows besides the case: the reference date and its regime parameters."""

    day: date
    params: P
    #: The regime marks this rule ``uncertain`` on the day: a violation will only count as
    #: ``unknown``, so a rule asks only for facts that could still satisfy it.
    uncertain: bool = False


#: Message arguments: a mapping, or the sorted pairs of a finding made before.
Args = Mapping[str, Any] | tuple[tuple[str, Any], ...] | None

#: Interned findings: one :class:`RuleResult` per distinct outcome, text, facts and arguments,
#: shared by every evaluation that finds it (bounded: cleared when full).
_INTERNED: dict[tuple[Any, ...], RuleResult] = {}
MAX_INTERNED = 2048


def _finding(
    outcome: Outcome,
    text: str,
    facts: tuple[str, ...],
    missing: tuple[str, ...],
    remedy: str | None,
    args: Args,
    extra_basis: tuple[Basis, ...],
    disputed: str | None,
    violable: bool = True,
) -> RuleResult:
    items: tuple[tuple[str, Any], ...] = () if not args else tuple(sorted(args.items())) if isinstance(args, Mapping) else args
    key = (outcome, text, facts, missing, remedy, items, extra_basis, disputed, violable)
    found = _INTERNED.get(key)
    if found is None:
        if len(_INTERNED) >= MAX_INTERNED:
            _INTERNED.clear()
        found = _INTERNED[key] = RuleResult(outcome, text, facts, missing, remedy, items, extra_basis, disputed, violable=violable)
    return found


def satisfied(text: str, *, facts: tuple[str, ...] = (), args: Args = None, extra_basis: tuple[Basis, ...] = ()) -> RuleResult:
    """The rule is met; ``facts`` are the facts that show it.

    >>> satisfied("yes", facts=("person.has_bsn",)) is satisfied("yes", facts=("person.has_bsn",))
    True
    """
    return _finding(Outcome.SATISFIED, text, facts, (), None, args, extra_basis, None)


def not_applicable(text: str, *, facts: tuple[str, ...] = (), args: Args = None) -> RuleResult:
    """The rule does not apply to these facts (another workplace kind, say)."""
    return _finding(Outcome.NOT_APPLICABLE, text, facts, (), None, args, (), None)


def violated(
    text: str,
    *,
    facts: tuple[str, ...] = (),
    remedy: str | None = None,
    args: Args = None,
    extra_basis: tuple[Basis, ...] = (),
    disputed: str | None = None,
) -> RuleResult:
    """The rule is broken; ``remedy`` is the text key of what would mend it, ``disputed`` the
    text key saying why the reading behind it is disputed (then it counts as ``unknown``)."""
    return _finding(Outcome.VIOLATED, text, facts, (), remedy, args, extra_basis, disputed)


def unknown(
    text: str,
    *,
    missing: tuple[str, ...],
    facts: tuple[str, ...] = (),
    remedy: str | None = None,
    args: Args = None,
    extra_basis: tuple[Basis, ...] = (),
    violable: bool = True,
) -> RuleResult:
    """The facts do not settle the rule; ``missing`` are the facts that would (may be empty when
    only a lawyer can settle it). ``violable=False``: no way of filling them in violates it."""
    return _finding(Outcome.UNKNOWN, text, facts, missing, remedy, args, extra_basis, None, violable)


def changed(result: RuleResult, *, facts: tuple[str, ...] | None = None, missing: tuple[str, ...] | None = None, violable: bool | None = None) -> RuleResult:
    """The same finding with its facts, the facts it lacks or ``violable`` changed, interned as
    every finding is."""
    return _finding(
        result.outcome,
        result.text,
        result.facts if facts is None else facts,
        result.missing if missing is None else missing,
        result.remedy,
        result.args,
        result.extra_basis,
        result.disputed,
        result.violable if violable is None else violable,
    )


def never_violated(result: RuleResult) -> RuleResult:
    """The same unknown finding, marked as one that no way of filling in its facts violates."""
    return changed(result, violable=False)


def with_facts(result: RuleResult, facts: tuple[str, ...]) -> RuleResult:
    """The same finding, resting on other facts."""
    return changed(result, facts=facts)


#: Dutch and English text for each message key of a rule.
Texts = Mapping[str, tuple[str, str]]

#: A rule compiled for one regime version: ``(case, on) -> RuleResult``.
Bound = Callable[[Case, date], RuleResult]


class Rule:
    """Base class: subclasses set the class attributes and implement ``evaluate``."""

    key: ClassVar[str]
    title: ClassVar[tuple[str, str]]
    facts: ClassVar[tuple[str, ...]]
    national: ClassVar[bool] = False
    Params: ClassVar[type[BaseModel]] = NoParams
    TEXT: ClassVar[Texts]

    def bind(self, params: Any, uncertain: bool = False) -> Bound:
        """The rule compiled for one regime version: ``params`` bound, and ``uncertain`` (the
        regime marks the rule uncertain on the day, so a violation will count only as
        ``unknown`` and the rule asks only for facts that could still satisfy it)."""
        raise NotImplementedError

    def evaluate(self, case: Case, context: Context[Any]) -> RuleResult:
        """The rule applied once to ``case`` on ``context.day`` (bound afresh)."""
        return self.bind(context.params, context.uncertain)(case, context.day)

    def events(self, case: Case, context: Context[Any]) -> Iterable[date]:
        """Days after ``context.day`` on which this rule's outcome may change for these facts."""
        return ()


def getter(path: str) -> Callable[[Case], Any]:
    """A function reading the value at a field path such as ``person.kvk.registered``;
    ``None`` if it or a part on the way is absent.

    >>> registered = getter("person.kvk.registered")
    >>> registered(Case.model_validate({"person": {"kvk": {"registered": True}}})), registered(Case())
    (True, None)
    """
    *parents, leaf = path.split(".")

    def read(case: Case) -> Any:
        value: Any = case
        for part in parents:
            value = getattr(value, part)
            if value is None:
                return None
        return getattr(value, leaf)

    return read


def kind_applies(kind: WorkplaceKind | None, kinds: Iterable[WorkplaceKind] | None) -> bool | None:
    """Whether a rule limited to ``kinds`` (``None``: all) applies; ``None`` if the kind is unknown."""
    if kinds is None:
        return True
    if kind is None:
        return None
    return kind in kinds


KIND_NAMES: dict[WorkplaceKind, tuple[str, str]] = {
    WorkplaceKind.WINDOW: ("raamprostitutie", "window prostitution"),
    WorkplaceKind.CLUB: ("een club", "a club"),
    WorkplaceKind.PRIVATE_HOUSE: ("een privéhuis", "a private house"),
    WorkplaceKind.MASSAGE_PARLOUR: ("een massagesalon", "a massage parlour"),
    WorkplaceKind.SEX_THEATRE: ("een sekstheater", "a sex theatre"),
    WorkplaceKind.ESCORT: ("escort", "escort work"),
    WorkplaceKind.HOME: ("thuiswerk", "work from home"),
    WorkplaceKind.STREET: ("straatprostitutie", "street prostitution"),
    WorkplaceKind.HOTEL: ("werk in een hotel", "work in a hotel"),
}


def kind_name(kind: WorkplaceKind) -> Text:
    return Text(*KIND_NAMES[kind])


@lru_cache(maxsize=256)
def kind_list(kinds: tuple[WorkplaceKind, ...]) -> Text:
    """The kinds as one phrase in both languages: "raamprostitutie en escort"."""

    def join(names: list[str], joiner: str) -> str:
        return names[0] if len(names) == 1 else ", ".join(names[:-1]) + joiner + names[-1]

    if not kinds:
        return Text("-", "-")
    return Text(join([KIND_NAMES[k][0] for k in kinds], " en "), join([KIND_NAMES[k][1] for k in kinds], " and "))
