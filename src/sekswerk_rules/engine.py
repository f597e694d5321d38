"""The engine: pick the regime version in force on the reference date, run its rules,
combine their outcomes in three-valued logic, and find until when a legal verdict holds.

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
import heapq
from collections.abc import Mapping
from dataclasses import replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import advice
from . import regime as regimes_module
from .catalog import Catalog, catalog
from .case import Case, inconsistencies, parse_case, parse_day
from .decision import Advisory, Decision, MunicipalityRef, Provenance, RegimeRef, RuleOutcome, Verdict, build, combine
from .errors import CaseError, EvaluationError, Lang, Problem
from .regime import ActiveRule, Regime
from .rules import Context, Outcome, RuleResult

#: How many future events ``legal_until`` looks at before it gives up (``null``).
MAX_EVENTS = 500


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
    lang = _language(lang)
    parsed = parse_case(case, lang=lang)
    chosen = _regime(parsed, municipality, regime, regimes, force_regime, lang)
    day = _day(on, parsed, lang)
    contradictions = inconsistencies(parsed, day)  # facts that contradict each other on the day used
    if contradictions:
        raise CaseError(contradictions, lang=lang)
    try:
        resolved = chosen.resolve(day)
    except EvaluationError as exc:
        exc.lang = lang
        raise
    results = [(active, _run(active, parsed, day)) for active in resolved.rules]
    verdict = combine([result.outcome for _, result in results])
    missing: list[str] = []
    if verdict is Verdict.UNDETERMINED:
        for _, result in results:
            if result.outcome is Outcome.UNKNOWN:
                missing.extend(m for m in result.missing if m not in missing)
    # The output models are built from values this module made itself: construct them
    # without validating again (the decision format is what model_dump gives either way).
    return build(
        Decision,
        verdict=verdict,
        municipality=build(MunicipalityRef, code=chosen.cbs_code, name=chosen.name),
        reference_date=day,
        regime=build(RegimeRef, id=chosen.id, version=resolved.version),
        legal_until=legal_until(parsed, chosen, day, results) if verdict is Verdict.LEGAL else None,
        rules=[_outcome(chosen, active, result, lang) for active, result in results],
        missing_facts=missing,
        advisories=_advisories(parsed, results, lang),
        remedy_plan=advice.remedy_plan(parsed, chosen, day, results, lang) if advise and verdict is Verdict.ILLEGAL else None,
        next_questions=advice.next_questions(parsed, chosen, day, results, missing, lang) if advise and missing else [],
        id=parsed.id,
        provenance=provenance(chosen),
    )


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
    return build(Provenance, library_version=__version__, regime_digest=f"sha256:{digest.hexdigest()}")


def outcomes_on(case: Case, chosen: Regime, day: date) -> tuple[Verdict, dict[str, Outcome]]:
    """The verdict and each rule's outcome, without explanations."""
    outcomes = {a.rule.key: _run(a, case, day).outcome for a in chosen.resolve(day).rules}
    return combine(list(outcomes.values())), outcomes


def verdict_on(case: Case, chosen: Regime, day: date) -> Verdict:
    """The verdict alone, without explanations: what ``legal_until`` needs at each event."""
    return outcomes_on(case, chosen, day)[0]


def _run(active: ActiveRule, case: Case, day: date) -> RuleResult:
    """Run one rule, and apply the engine's policy on how sure a violation must be.

    A violation counts only as ``unknown`` (with a request for legal review, never ``illegal``)
    when it is uncertain that the rule was in force on the day (``uncertain`` in the regime),
    when the finding rests on a reading the sources dispute (the rule says so, or the regime
    lists the finding under ``disputed``), or when every basis it rests on has low confidence.
    """
    result = active.rule.evaluate(case, Context(day, active.params, bool(active.uncertain)))
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


#: The reason a violation is disputed when every basis of the rule has low confidence.
LOW_CONFIDENCE = "low_confidence"


def legal_until(case: Case, chosen: Regime, day: date, results: list[tuple[ActiveRule, RuleResult]] | None = None) -> date | None:
    """The last day on which the same facts stay legal, or ``None`` if no end is known.

    Events are the days on which an outcome may change: expiries (licence, residence
    document, pass), regime version changes and free-movement dates. They are visited in
    date order; the day before the first one with another verdict is the answer.

    Each rule declares the days on which its own outcome may change (``Rule.events``), so
    at such a day only that rule runs again; at a regime version change, every rule does.
    (The minimum age only ever improves with time, so it declares no events.)
    """
    if results is None:
        results = [(a, _run(a, case, day)) for a in chosen.resolve(day).rules]
    outcomes = {a.rule.key: r.outcome for a, r in results}
    active = {a.rule.key: a for a, _ in results}
    pending: dict[date, set[str] | None] = {d: None for d in chosen.boundaries() if d > day}
    queue = list(pending)
    heapq.heapify(queue)

    def watch(rule: ActiveRule, at: date) -> None:
        for event in rule.rule.events(case, Context(at, rule.params)):
            if event <= at:  # today's or a visited event: only later days can change anything
                continue
            if event not in pending:
                pending[event] = set()
                heapq.heappush(queue, event)
            keys = pending[event]
            if keys is not None:
                keys.add(rule.rule.key)

    for rule in active.values():
        watch(rule, day)
    for _ in range(MAX_EVENTS):
        if not queue:
            return None
        event = heapq.heappop(queue)
        keys = pending.pop(event)
        if keys is None:  # a new regime version: every rule may change
            active = {a.rule.key: a for a in chosen.resolve(event).rules}
            outcomes = {}
            keys = set(active)
        for key in keys:
            outcomes[key] = _run(active[key], case, event).outcome
            watch(active[key], event)
        if combine(list(outcomes.values())) is not Verdict.LEGAL:
            return event - timedelta(days=1)
    return None


def _language(lang: Any) -> Lang:
    if lang not in ("nl", "en"):
        raise EvaluationError([Problem("lang", "invalid_argument", {"expected_nl": "nl of en", "expected_en": "nl or en"})])
    return lang  # type: ignore[no-any-return]


def _regime(
    case: Case, municipality: Any, regime: Any, regimes: Catalog | str | Path | None, force: bool, lang: Lang
) -> Regime:
    if municipality is not None and not isinstance(municipality, str):
        raise EvaluationError([Problem("municipality", "invalid_argument", {"expected_nl": "een CBS-code of regime-id (tekst)", "expected_en": "a CBS code or regime id (text)"})], lang=lang)
    if regime is not None:
        if isinstance(regime, Regime):
            chosen = regime
        elif isinstance(regime, (str, Path)):
            chosen = regimes_module.load(regime, lang=lang)
        else:
            raise EvaluationError([Problem("regime", "invalid_argument", {"expected_nl": "een Regime of het pad van een regimebestand", "expected_en": "a Regime or the path of a regime file"})], lang=lang)
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


@lru_cache(maxsize=8192)
def _render(template: str, args: tuple[tuple[str, Any], ...], lang: Lang, citation: str) -> str:
    values = {k: (v(lang) if callable(v) else v) for k, v in args if not k.startswith("_")}
    return template.format(citation=citation, **values)


@lru_cache(maxsize=8192)
def _outcome(chosen: Regime, active: ActiveRule, result: RuleResult, lang: Lang) -> RuleOutcome:
    """One rule's outcome, rendered. Equal findings share one (immutable) instance."""
    rule = active.rule
    index = 0 if lang == "nl" else 1
    basis = [*result.extra_basis, *active.basis] if result.extra_basis else list(active.basis)
    citation = (result.extra_basis or active.basis)[0].citation
    explanation = _render(rule.TEXT[result.text][index], result.args, lang, citation)
    remedy = None
    if result.remedy is not None and result.outcome in (Outcome.VIOLATED, Outcome.UNKNOWN):
        remedy = _render(rule.TEXT[result.remedy][index], result.args, lang, citation)
    if result.uncertain:
        explanation = f"{explanation} {UNCERTAIN[result.uncertain][index]}"
        remedy = UNCERTAIN["remedy"][index]
    elif result.disputed:
        template = (DISPUTED[result.disputed] if result.disputed in DISPUTED else rule.TEXT[result.disputed])[index]
        reason = _render(template, result.args, lang, citation)
        explanation = f"{explanation} {DISPUTED['explanation'][index].format(reason=_lower_first(reason))}"
        remedy = DISPUTED["remedy"][index].format(reason=_lower_first(reason))
    return build(
        RuleOutcome,
        id=rule.key if rule.national else f"{chosen.id}.{rule.key}",
        outcome=result.outcome,
        explanation=explanation,
        basis=basis,
        facts=list(result.facts),
        missing=list(result.missing),
        remedy=remedy,
    )


UNCERTAIN: dict[str, tuple[str, str]] = {
    "date": (
        "Of deze regel op de peildatum al gold, is onzeker: de tekst of ingangsdatum is niet openbaar gevonden.",
        "Whether this rule was already in force on the reference date is uncertain: its text or start date was not found publicly.",
    ),
    "transition": (
        "Op de peildatum gold een overgangsregeling die deze plicht mogelijk nog niet liet gelden.",
        "On the reference date a transition period applied that may not yet have imposed this duty.",
    ),
    "remedy": (
        "Laat juridisch toetsen welke APV-tekst op de peildatum gold.",
        "Have a lawyer check which APV text applied on the reference date.",
    ),
}

DISPUTED: dict[str, tuple[str, str]] = {
    "explanation": (
        "Dit is geen vaststaande overtreding: {reason}",
        "This is not a settled violation: {reason}",
    ),
    "remedy": (
        "Laat juridisch toetsen welke lezing geldt: {reason}",
        "Have a lawyer review which reading applies: {reason}",
    ),
    LOW_CONFIDENCE: (
        "De regel steunt alleen op bronnen met laag vertrouwen.",
        "The rule rests only on sources of low confidence.",
    ),
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


ADVISORIES: dict[str, tuple[str, str]] = {
    "signalen-mensenhandel": (
        "Er zijn signalen van mensenhandel. Dat verandert het oordeel niet; overleg met de zorgcoördinator mensenhandel of de politie.",
        "There are signals of human trafficking. They do not change the verdict; consult the human trafficking care coordinator or the police.",
    ),
    "minderjarig": (
        "De sekswerker is jonger dan 18 jaar: dat is mensenhandel (Sr art. 273f). Meld dit bij de politie.",
        "The sex worker is under 18: that is human trafficking (Sr art. 273f). Report it to the police.",
    ),
    "mensenhandel-vastgesteld": (
        "Er is mensenhandel vastgesteld. Verwijs door naar de zorgcoördinator mensenhandel voor opvang en hulp.",
        "Human trafficking has been established. Refer to the human trafficking care coordinator for shelter and help.",
    ),
    "onzekere-bron": (
        "Dit oordeel steunt mede op bronnen met middel of laag vertrouwen ({rules}); controleer de tekst van de APV.",
        "This verdict rests partly on sources of medium or low confidence ({rules}); check the text of the APV.",
    ),
}


def _advisories(case: Case, results: list[tuple[ActiveRule, RuleResult]], lang: Lang) -> list[Advisory]:
    index = 0 if lang == "nl" else 1
    found: list[tuple[str, dict[str, str]]] = []
    if case.person.trafficking_signals:
        found.append(("signalen-mensenhandel", {}))
    outcomes = {a.rule.key: r.outcome for a, r in results}
    if outcomes.get("nationaal.minimumleeftijd") is Outcome.VIOLATED:
        found.append(("minderjarig", {}))
    if outcomes.get("nationaal.mensenhandel") is Outcome.VIOLATED:
        found.append(("mensenhandel-vastgesteld", {}))
    unsure = [a.rule.key for a, r in results if not a.certain_sources and r.outcome in (Outcome.SATISFIED, Outcome.VIOLATED)]
    if unsure:
        found.append(("onzekere-bron", {"rules": ", ".join(unsure)}))
    return [build(Advisory, id=key, text=ADVISORIES[key][index].format(**args)) for key, args in found]
