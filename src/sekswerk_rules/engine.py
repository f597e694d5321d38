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
from collections.abc import Mapping
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from . import regime as regimes_module
from .advice import next_questions, remedy_plan
from .case import Case, inconsistencies, parse_case, parse_day
from .catalog import Catalog, catalog
from .decision import Decision, Provenance, Verdict
from .errors import CaseError, EvaluationError, Lang, Problem
from .explain import ADVISORIES, DISPUTED, LOW_CONFIDENCE, UNCERTAIN, advisories_of, outcome
from .plan import Plan, missing_of, outcomes_on, plan_for, verdict_of, verdict_on
from .regime import Regime
from .until import MAX_EVENTS, legal_until

__all__ = [
    "ADVISORIES",
    "DISPUTED",
    "LOW_CONFIDENCE",
    "MAX_EVENTS",
    "UNCERTAIN",
    "Check",
    "Regime",
    "check",
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

    ``case`` is a :class:`Case`, a dict or JSON text in interchange format v1.
    ``municipality`` (CBS code or regime id) and ``on`` (the reference date) win over the
    case's own; ``regime`` (a loaded :class:`Regime` or a TOML file) wins over both.
    A case that names another municipality than ``regime`` is refused unless ``force_regime``.
    ``regimes`` (a folder of regime files, or a :class:`Catalog`) adds regimes that
    ``municipality`` may name besides the shipped ones and those of installed packages.
    ``advise`` adds the remedy plan (illegal) and the next questions (undetermined).
    Raises :class:`CaseError` for invalid input and :class:`EvaluationError` when the
    case cannot be evaluated (no or unknown municipality, a date before 2000-10-01).
    """
    parsed, chosen, day, plan, lang = _prepare(case, municipality, on, lang, regime, regimes, force_regime)
    findings = plan.run(parsed, day)
    verdict = verdict_of(findings)
    missing = missing_of(findings) if verdict is Verdict.UNDETERMINED else []
    plan_of_remedy = None
    questions: list[Any] = []
    if advise and (verdict is Verdict.ILLEGAL or missing):
        results = [(f.active, f) for f in findings]
        if verdict is Verdict.ILLEGAL:
            plan_of_remedy = remedy_plan(parsed, chosen, day, results, lang, verdict_on=verdict_on)  # type: ignore[arg-type]
        else:
            questions = next_questions(parsed, chosen, day, results, missing, lang, outcomes_on=outcomes_on)  # type: ignore[arg-type]
    # The output is built at the boundary from values this module made (and shared, immutable,
    # rendered outcomes): no validation again; the decision format is what model_dump gives.
    return Decision.model_construct(
        verdict=verdict,
        municipality=plan.municipality,
        reference_date=day,
        regime=plan.regime_ref,
        legal_until=legal_until(parsed, chosen, day, findings) if verdict is Verdict.LEGAL else None,
        rules=[outcome(f, lang) for f in findings],
        missing_facts=missing,
        advisories=advisories_of(parsed, findings, lang),
        remedy_plan=plan_of_remedy,
        next_questions=questions,
        id=parsed.id,
        provenance=provenance(chosen),
    )


def _prepare(case: Any, municipality: Any, on: Any, lang: Any, regime: Any, regimes: Any, force_regime: bool) -> tuple[Case, Regime, date, Plan, Lang]:
    lang = _language(lang)
    parsed = parse_case(case, lang=lang)
    chosen = _regime(parsed, municipality, regime, regimes, force_regime, lang)
    day = _day(on, parsed, lang)
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

    from . import __version__

    digest = hashlib.sha256()
    for regime in chosen.chain():
        digest.update(regime.id.encode() + b"\0" + regime.text.encode("utf-8") + b"\0")
    data = resources.files("sekswerk_rules").joinpath("data")
    for path in (data.joinpath("vrij_verkeer.toml"), *sorted(data.joinpath("sources").iterdir(), key=lambda p: p.name)):
        if path.name.endswith(".toml"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return Provenance.model_construct(library_version=__version__, regime_digest=f"sha256:{digest.hexdigest()}")


def _language(lang: Any) -> Lang:
    if lang not in ("nl", "en"):
        raise EvaluationError([Problem("lang", "invalid_argument", {"expected_nl": "nl of en", "expected_en": "nl or en"})])
    return lang  # type: ignore[no-any-return]


def _regime(case: Case, municipality: Any, regime: Any, regimes: Catalog | str | Path | None, force: bool, lang: Lang) -> Regime:
    if municipality is not None and not isinstance(municipality, str):
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
        named = municipality or case.municipality
        if named and not force and named.strip().lower() not in {chosen.id, (chosen.cbs_code or "").lower()}:
            raise EvaluationError([Problem("municipality", "municipality_mismatch")], lang=lang)
        return chosen
    code = municipality or case.municipality
    if not code:
        raise EvaluationError([Problem("municipality", "no_municipality")], lang=lang)
    try:
        return catalog(regimes).get(code, lang=lang)
    except EvaluationError as exc:
        exc.lang = lang
        raise


def _day(on: date | str | None, case: Case, lang: Lang) -> date:
    return parse_day(case.reference_date if on is None else on, "reference_date", lang=lang)
