"""The engine: pick the regime version in force on the reference date, run its compiled plan
(``plan``), combine the outcomes in three-valued logic, find until when a legal verdict holds
(``until``), render the explanations (``explain``) and, if asked, the advice (``advice``).

Two entry points: :func:`check` gives the verdict and the missing facts only; :func:`evaluate`
the explained :class:`Decision`. ``reference.evaluate_reference`` is the plain evaluation both
are checked against (same decision JSON on generated cases).

Nothing here reads the clock except the outermost default (no date given at all: today),
nothing is stored and nothing is logged.

>>> from sekswerk_rules import evaluate
>>> decision = evaluate({"municipality": "GM0080", "reference_date": "2024-05-01"})
>>> decision.verdict.value, decision.regime.id, decision.regime.version.isoformat()
('undetermined', 'leeuwarden', '2024-01-01')
>>> decision.missing_facts[:3]
['person.birth_date', 'person.human_trafficking', 'person.nationalities']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from datetime import date
from functools import cache, lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from pydantic_core import to_json

from . import regime as regimes_module
from .advice import next_questions, remedy_plan
from .case import Case, inconsistencies, parse_case, parse_day
from .catalog import Catalog, catalog
from .decision import Advisory, Decision, Provenance, Question, RemedyPlan, Verdict
from .errors import CaseError, EvaluationError, Problem, language
from .explain import ADVISORIES, DISPUTED, LOW_CONFIDENCE, UNCERTAIN, advisories_of, advisory_json, outcome, outcome_json
from .lang import Lang
from .plan import Finding, Plan, missing_of, outcomes_on, plan_for, verdict_of, verdict_on
from .regime import Regime
from .until import MAX_EVENTS, legal_until
from .version import __version__

__all__ = [
    "ADVISORIES",
    "DISPUTED",
    "LOW_CONFIDENCE",
    "MAX_EVENTS",
    "UNCERTAIN",
    "Check",
    "Evaluation",
    "Regime",
    "check",
    "decide",
    "evaluate",
    "legal_until",
    "outcomes_on",
    "provenance",
    "verdict_on",
]


class Check(NamedTuple):
    """The verdict and, if undetermined, the facts that would settle it."""

    verdict: Verdict
    missing_facts: list[str]


def check(
    case: Case | Mapping[str, Any] | str | bytes,
    *,
    municipality: str | None = None,
    on: date | str | None = None,
    lang: Lang = "nl",
    regime: Regime | str | Path | None = None,
    regimes: Catalog | str | Path | None = None,
    force_regime: bool = False,
) -> Check:
    """The verdict with the missing facts, without explanations: the fast entry point.

    Same arguments, errors and verdict as :func:`evaluate`.

    >>> check({"municipality": "GM0080", "reference_date": "2024-05-01"}).verdict.value
    'undetermined'
    """
    parsed, _, day, plan, _ = _prepare(case, municipality, on, lang, regime, regimes, force_regime)
    return Check(*plan.check(parsed, day))


def evaluate(
    case: Case | Mapping[str, Any] | str | bytes,
    *,
    municipality: str | None = None,
    on: date | str | None = None,
    lang: Lang = "nl",
    regime: Regime | str | Path | None = None,
    advise: bool = True,
    regimes: Catalog | str | Path | None = None,
    force_regime: bool = False,
) -> Decision:
    """Decide whether the sex work in ``case`` is legal on the reference date.

    ``case`` is a :class:`Case`, a dict or JSON text in interchange format v1. A :class:`Case`
    is taken as it is: one changed with pydantic's ``model_copy`` is not validated again (pass
    its ``model_dump()`` to have it validated).
    ``municipality`` (CBS code or regime id) and ``on`` (the reference date) win over the
    case's own; ``regime`` (a loaded :class:`Regime` or a TOML file) wins over both.
    A case that names another municipality than ``regime`` is refused unless ``force_regime``.
    ``regimes`` (a folder of regime files, or a :class:`Catalog`) adds regimes that
    ``municipality`` may name besides the shipped ones and those of installed packages.
    ``advise`` adds the remedy plan (illegal) and the next questions (undetermined).
    Raises :class:`CaseError` for invalid input and :class:`EvaluationError` when the
    case cannot be evaluated (no or unknown municipality, a date before 2000-10-01).
    """
    return _decided(_prepare(case, municipality, on, lang, regime, regimes, force_regime), advise).decision()


def decide(case: Case | Mapping[str, Any] | str | bytes, *, advise: bool = True, **options: Any) -> Evaluation:
    """What :func:`evaluate` decides (same arguments), before it becomes a :class:`Decision`: an
    :class:`Evaluation` gives the decision (``.decision()``) or its JSON text (``.json()``,
    equal to ``decision().model_dump_json()``, written from cached pieces)."""
    return _decided(_prepare(case, **options), advise)


def _decided(prepared: tuple[Case, Regime, date, Plan, Lang], advise: bool) -> Evaluation:
    parsed, chosen, day, plan, lang = prepared
    findings = plan.run(parsed, day)
    verdict = verdict_of(findings)
    missing = missing_of(findings) if verdict is Verdict.UNDETERMINED else []
    plan_of_remedy = None
    questions: list[Any] = []
    if advise and (verdict is Verdict.ILLEGAL or missing):
        results = [(f.active, f) for f in findings]
        after = plan.outcomes_after(findings, day)
        if verdict is Verdict.ILLEGAL:
            plan_of_remedy = remedy_plan(parsed, chosen, day, results, lang, verdict_on=verdict_on, outcomes_after=after, params=plan.params)  # type: ignore[arg-type]
        else:
            questions = next_questions(parsed, chosen, day, results, missing, lang, outcomes_after=after)  # type: ignore[arg-type]
    return Evaluation(
        verdict,
        plan,
        day,
        legal_until(parsed, chosen, day, findings, plan) if verdict is Verdict.LEGAL else None,
        findings,
        missing,
        advisories_of(parsed, findings, lang),
        plan_of_remedy,
        questions,
        parsed.id,
        chosen,
        lang,
    )


class Evaluation:
    """The parts of a decision as the engine made them (shared, immutable rendered outcomes
    and advisories); a :class:`Decision` is built from them only at the boundary."""

    __slots__ = ("advisories", "day", "findings", "id", "lang", "legal_until", "missing", "plan", "questions", "regime", "remedy_plan", "verdict")

    def __init__(
        self,
        verdict: Verdict,
        plan: Plan,
        day: date,
        legal_until: date | None,
        findings: list[Finding],
        missing: list[str],
        advisories: list[Advisory],
        remedy_plan: RemedyPlan | None,
        questions: list[Question],
        id: str | None,
        regime: Regime,
        lang: Lang,
    ) -> None:
        self.verdict, self.plan, self.day, self.legal_until = verdict, plan, day, legal_until
        self.findings, self.missing, self.advisories = findings, missing, advisories
        self.remedy_plan, self.questions, self.id, self.regime, self.lang = remedy_plan, questions, id, regime, lang

    def decision(self) -> Decision:
        """The decision, from values this module made. pydantic-core checks them against the
        model (their parts are models already, taken as they are), which costs less than
        ``model_construct``'s loop over the fields in Python."""
        lang = self.lang
        return _validate_decision()(
            {
                "verdict": self.verdict,
                "municipality": self.plan.municipality,
                "reference_date": self.day,
                "regime": self.plan.regime_ref,
                "legal_until": self.legal_until,
                "rules": [rendered if (rendered := f.rendered.get(lang)) is not None else outcome(f, lang) for f in self.findings],
                "missing_facts": self.missing,
                "advisories": self.advisories,
                "remedy_plan": self.remedy_plan,
                "next_questions": self.questions,
                "id": self.id,
                "provenance": provenance(self.regime),
            }
        )

    def json(self) -> str:
        """``decision().model_dump_json()``: :meth:`json_bytes` as text."""
        return self.json_bytes().decode("utf-8")

    def json_bytes(self) -> bytes:
        """``decision().model_dump_json()`` as UTF-8, written from pieces serialised and encoded
        once: each rule's outcome per language, each advisory, the plan's references, the
        provenance (encoding a whole decision of about 11 kB each time costs more than the join)."""
        lang, plan = self.lang, self.plan
        until = self.legal_until
        return b"".join(
            (
                b'{"verdict":"',
                _VERDICT_BYTES[self.verdict],
                b'","municipality":',
                plan.json("municipality"),
                b',"reference_date":"',
                self.day.isoformat().encode(),
                b'","regime":',
                plan.json("regime"),
                b',"legal_until":',
                b"null" if until is None else b'"' + until.isoformat().encode() + b'"',
                b',"rules":[',
                b",".join([outcome_json(f, lang) for f in self.findings]),
                b'],"missing_facts":',
                to_json(self.missing),
                b',"advisories":[',
                b",".join([advisory_json(a) for a in self.advisories]),
                b'],"remedy_plan":',
                b"null" if self.remedy_plan is None else to_json(self.remedy_plan),
                b',"next_questions":[',
                b",".join([to_json(q) for q in self.questions]),
                b'],"id":',
                to_json(self.id),
                b',"provenance":',
                _provenance_json(self.regime),
                b"}",
            )
        )


_VERDICT_BYTES = {verdict: verdict.value.encode() for verdict in Verdict}


@cache
def _validate_decision() -> Callable[[dict[str, Any]], Decision]:
    """``Decision``'s validation. The model defers its build, and pydantic's build at a first
    use looks up the caller's frames (from a raw thread it raised 'call stack is not deep
    enough'), so it is built here, once, by ``model_rebuild``."""
    Decision.model_rebuild()
    return Decision.__pydantic_validator__.validate_python


@lru_cache(maxsize=64)
def _provenance_json(chosen: Regime) -> bytes:
    return provenance(chosen).model_dump_json().encode()


def _prepare(
    case: Any, municipality: Any = None, on: Any = None, lang: Any = "nl", regime: Any = None, regimes: Any = None, force_regime: bool = False
) -> tuple[Case, Regime, date, Plan, Lang]:
    """The case validated, the regime and the day chosen, the contradictions on that day refused, and the plan."""
    lang = language(lang)
    parsed = parse_case(case, lang=lang)
    chosen = _regime(parsed, municipality, regime, regimes, force_regime, lang)
    day = parse_day(parsed.reference_date if on is None else on, "reference_date", lang=lang)
    contradictions = inconsistencies(parsed, day)  # facts that contradict each other on the day used
    if contradictions:
        raise CaseError(contradictions, lang=lang)
    try:
        plan = plan_for(chosen, day)
    except EvaluationError as exc:
        exc.lang = lang
        raise
    return parsed, chosen, day, plan, lang


@lru_cache(maxsize=64)
def provenance(chosen: Regime) -> Provenance:
    """The library version and one SHA-256 over every text of law the regime stands on: its
    chain of regime files, the source registry and the free-movement data.

    >>> provenance(regimes_module.get("leeuwarden")).regime_digest[:7]
    'sha256:'
    """
    from importlib import resources

    digest = hashlib.sha256()
    for regime in chosen.chain():
        digest.update(regime.id.encode() + b"\0" + regime.text.encode("utf-8") + b"\0")
    data = resources.files("sekswerk_rules").joinpath("data")
    for path in (data.joinpath("vrij_verkeer.toml"), *sorted(data.joinpath("sources").iterdir(), key=lambda p: p.name)):
        if path.name.endswith(".toml"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return Provenance.model_construct(library_version=__version__, regime_digest=f"sha256:{digest.hexdigest()}")


def _regime(case: Case, municipality: Any, regime: Any, regimes: Catalog | str | Path | None, force: bool, lang: Lang) -> Regime:
    if municipality is not None and (not isinstance(municipality, str) or not municipality.strip()):  # given, it must name one
        raise EvaluationError(
            [
                Problem(
                    "municipality", "invalid_argument", {"expected_nl": "een CBS-code of regime-id (tekst)", "expected_en": "a CBS code or regime id (text)"}
                )
            ],
            lang=lang,
        )
    if regime is not None:
        if isinstance(regime, Regime):
            chosen = regime
        elif isinstance(regime, (str, Path)):
            chosen = regimes_module.load(regime, lang=lang)
        else:
            raise EvaluationError(
                [
                    Problem(
                        "regime",
                        "invalid_argument",
                        {"expected_nl": "een Regime of het pad van een regimebestand", "expected_en": "a Regime or the path of a regime file"},
                    )
                ],
                lang=lang,
            )
        named = case.municipality if municipality is None else municipality
        if named and not force and named.strip().lower() not in {chosen.id, (chosen.cbs_code or "").lower()}:
            raise EvaluationError([Problem("municipality", "municipality_mismatch")], lang=lang)
        return chosen
    code = case.municipality if municipality is None else municipality
    if not code or not code.strip():
        raise EvaluationError([Problem("municipality", "no_municipality")], lang=lang)
    try:
        return catalog(regimes).get(code, lang=lang)
    except EvaluationError as exc:
        exc.lang = lang
        raise
