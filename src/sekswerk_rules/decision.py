"""A decision: the verdict, each rule's outcome with its legal basis, and what is unknown.

``Decision.model_dump(mode="json")`` is the decision format of interchange format v1.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

from pydantic import BaseModel, ConfigDict

from .lang import Text
from .rules.base import Basis, Outcome


class Verdict(str, Enum):
    LEGAL = "legal"
    ILLEGAL = "illegal"
    UNDETERMINED = "undetermined"


#: The words for a verdict and a rule's outcome: Dutch (the words of the scenario tables) and English.
VERDICT_WORDS: dict[str, Text] = {"legal": Text("legaal", "legal"), "illegal": Text("illegaal", "illegal"), "undetermined": Text("onbepaald", "undetermined")}
OUTCOME_WORDS: dict[str, Text] = {
    "satisfied": Text("voldaan", "satisfied"),
    "violated": Text("overtreden", "violated"),
    "unknown": Text("onbekend", "unknown"),
    "not_applicable": Text("niet van toepassing", "not applicable"),
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RuleOutcome(_Model):
    """One rule's outcome, explained, with its legal basis and the facts it used or lacked."""

    id: str
    outcome: Outcome
    explanation: str
    basis: list[Basis]
    facts: list[str]
    missing: list[str]
    remedy: str | None


class MunicipalityRef(_Model):
    code: str | None
    name: str


class RegimeRef(_Model):
    id: str
    version: date


class Advisory(_Model):
    """A non-binding note; it never changes the verdict."""

    id: str
    text: str


class Provenance(_Model):
    """What a decision was made under, so that it can be reproduced years later."""

    #: The version of sekswerk-rules.
    library_version: str
    #: SHA-256 of the regime files of the chain (municipality, model, national law), the
    #: source registry and the free-movement data: ``sha256:<hex>``.
    regime_digest: str


class RemedyStep(_Model):
    """One actionable change of a remedy plan."""

    id: str
    text: str
    facts: list[str]


class RemedyPlan(_Model):
    """The smallest set of actionable changes that makes the case legal, or why there is none.

    Where facts are still unknown, no change makes it legal; then the plan's steps, if any, end
    every violation (``makes_legal`` false), proven the same way: the changed case is no longer
    illegal, and its verdict waits for the unknown facts."""

    steps: list[RemedyStep]
    makes_legal: bool
    summary: str
    #: Where only a municipal minimum age stands in the way: the age from which the same facts
    #: are legal. (Not the date: that would print the birth date, which the library never does.)
    legal_at_age: int | None = None


class Question(_Model):
    """A missing fact, asked as a question."""

    fact: str
    question: str


class Decision(_Model):
    verdict: Verdict
    municipality: MunicipalityRef
    reference_date: date
    regime: RegimeRef
    legal_until: date | None
    rules: list[RuleOutcome]
    missing_facts: list[str]
    advisories: list[Advisory]
    #: For ``illegal``: the smallest set of actionable changes that makes it legal, or why none does.
    remedy_plan: RemedyPlan | None = None
    #: For ``undetermined``: the missing facts as questions, the one that settles the most first.
    next_questions: list[Question] = []
    #: The case's own reference (``Case.id``), returned unchanged; ``None`` if it had none.
    id: str | None = None
    #: The library version and the digest of the law it was decided under.
    provenance: Provenance | None = None

    def rule(self, key: str) -> RuleOutcome | None:
        """The outcome of the rule with this key (``minimumleeftijd``) or id, if it was in force."""
        ids = (key, f"{self.regime.id}.{key}")
        return next((r for r in self.rules if r.id in ids), None)


def combine(outcomes: list[Outcome]) -> Verdict:
    """Kleene's strong three-valued conjunction over the rules that apply.

    >>> combine([Outcome.SATISFIED, Outcome.UNKNOWN, Outcome.VIOLATED]).value
    'illegal'
    >>> combine([Outcome.SATISFIED, Outcome.UNKNOWN, Outcome.NOT_APPLICABLE]).value
    'undetermined'
    >>> combine([Outcome.SATISFIED, Outcome.NOT_APPLICABLE]).value
    'legal'
    """
    if Outcome.VIOLATED in outcomes:
        return Verdict.ILLEGAL
    if Outcome.UNKNOWN in outcomes:
        return Verdict.UNDETERMINED
    return Verdict.LEGAL
