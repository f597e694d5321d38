"""Presentation: a rule's finding rendered as a cited explanation in Dutch or English, the
texts the engine adds (uncertain dates, disputed readings) and the advisories.

Nothing here decides anything: a finding is rendered after the rules ran, in the language asked
for, so that one evaluation is not tied to one language.

>>> _lower_first("De regel"), _lower_first("APV")
('de regel', 'APV')
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from operator import attrgetter
from typing import Any

from .case import Case
from .decision import Advisory, RuleOutcome
from .lang import Lang, pick
from .memo import memo
from .plan import LOW_CONFIDENCE as LOW_CONFIDENCE
from .plan import Finding
from .regime import ActiveRule
from .rules import Outcome, RuleResult

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


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _format(template: str, args: tuple[tuple[str, Any], ...], lang: Lang, citation: str) -> str:
    values = {k: (v(lang) if callable(v) else v) for k, v in args if not k.startswith("_")}
    return template.format(citation=citation, **values)


def texts(active: ActiveRule, result: RuleResult, lang: Lang) -> tuple[str, str | None]:
    """The explanation and the remedy (or ``None``) of one finding, in ``lang``."""
    rule = active.rule
    citation = (result.extra_basis or active.basis)[0].citation
    explanation = _format(pick(rule.TEXT[result.text], lang), result.args, lang, citation)
    remedy = None
    if result.remedy is not None and result.outcome in (Outcome.VIOLATED, Outcome.UNKNOWN):
        remedy = _format(pick(rule.TEXT[result.remedy], lang), result.args, lang, citation)
    if result.uncertain:
        explanation = f"{explanation} {pick(UNCERTAIN[result.uncertain], lang)}"
        remedy = pick(UNCERTAIN["remedy"], lang)
    elif result.disputed:
        template = pick((DISPUTED[result.disputed] if result.disputed in DISPUTED else rule.TEXT[result.disputed]), lang)
        reason = _lower_first(_format(template, result.args, lang, citation))
        explanation = f"{explanation} {pick(DISPUTED['explanation'], lang).format(reason=reason)}"
        remedy = pick(DISPUTED["remedy"], lang).format(reason=reason)
    return explanation, remedy


def render(rule_id: str, active: ActiveRule, result: RuleResult, lang: Lang) -> RuleOutcome:
    """One rule's outcome as the decision format shows it (validated: the plain way)."""
    explanation, remedy = texts(active, result, lang)
    basis = [*result.extra_basis, *active.basis]
    return RuleOutcome(
        id=rule_id, outcome=result.outcome, explanation=explanation, basis=basis, facts=list(result.facts), missing=list(result.missing), remedy=remedy
    )


def outcome(finding: Finding, lang: Lang) -> RuleOutcome:
    """A finding's rendered outcome in ``lang``: rendered once per finding and language, then
    shared (it is immutable) by every decision with that finding."""
    rendered = finding.rendered.get(lang)
    if rendered is None:
        active, result = finding.active, finding.result
        explanation, remedy = texts(active, result, lang)
        rendered = finding.rendered[lang] = RuleOutcome.model_construct(
            id=finding.rule_id,
            outcome=result.outcome,
            explanation=explanation,
            basis=[*result.extra_basis, *active.basis],
            facts=list(result.facts),
            missing=list(result.missing),
            remedy=remedy,
        )
    return rendered


def outcome_json(finding: Finding, lang: Lang) -> bytes:
    """A finding's rendered outcome in ``lang`` as JSON (UTF-8), serialised once per finding and language."""
    key = "json:" + lang
    text = finding.rendered.get(key)
    if text is None:
        text = finding.rendered[key] = outcome(finding, lang).model_dump_json().encode()
    return text


#: The advisory a violation of these national rules calls for, in the order they are listed.
ADVISORY_OF_VIOLATION = {"nationaal.minimumleeftijd": "minderjarig", "nationaal.mensenhandel": "mensenhandel-vastgesteld"}


def advisory_keys(case: Case, results: Sequence[tuple[ActiveRule, Any]]) -> list[tuple[str, dict[str, str]]]:
    """Which advisories apply (key and arguments); ``results`` pairs a rule with its finding."""
    found: list[tuple[str, dict[str, str]]] = []
    if case.person.trafficking_signals:
        found.append(("signalen-mensenhandel", {}))
    violated = {a.rule.key for a, r in results if r.outcome is Outcome.VIOLATED}
    found += [(advisory, {}) for rule, advisory in ADVISORY_OF_VIOLATION.items() if rule in violated]
    on_uncertain_sources = [a.rule.key for a, r in results if not a.certain_sources and r.outcome in (Outcome.SATISFIED, Outcome.VIOLATED)]
    if on_uncertain_sources:
        found.append(("onzekere-bron", {"rules": ", ".join(on_uncertain_sources)}))
    return found


def advisory(key: str, args: dict[str, str], lang: Lang) -> Advisory:
    return Advisory(id=key, text=pick(ADVISORIES[key], lang).format(**args))


def advisories(case: Case, results: Sequence[tuple[ActiveRule, Any]], lang: Lang) -> list[Advisory]:
    """The advisories, validated: the plain way."""
    return [advisory(key, args, lang) for key, args in advisory_keys(case, results)]


_ADVISORY_JSON: dict[int, tuple[Advisory, bytes]] = {}


def advisory_json(advisory: Advisory) -> bytes:
    """An advisory as JSON (UTF-8); a shared advisory is serialised once (bounded cache)."""
    entry = _ADVISORY_JSON.get(id(advisory))
    if entry is not None and entry[0] is advisory:
        return entry[1]
    if len(_ADVISORY_JSON) >= 1024:
        _ADVISORY_JSON.clear()
    text = advisory.model_dump_json().encode()
    _ADVISORY_JSON[id(advisory)] = (advisory, text)  # the entry holds the advisory: its id stays its own
    return text


@lru_cache(maxsize=1024)
def _shared_advisory(key: str, rules: str | None, lang: Lang) -> Advisory:
    args = {} if rules is None else {"rules": rules}
    return Advisory.model_construct(id=key, text=pick(ADVISORIES[key], lang).format(**args))


#: The advisories per distinct rules violated and rules on uncertain sources, signals and language.
_ADVISORIES: dict[tuple[Any, ...], tuple[Advisory, ...]] = {}
_advised = attrgetter("advised")
MAX_ADVISORY_SETS = 1024


def advisories_of(case: Case, findings: Sequence[Finding], lang: Lang) -> list[Advisory]:
    """The advisories of a compiled evaluation: they depend only on which rules are violated and
    which rest on uncertain sources (``Finding.advised``), the signals of trafficking and the
    language, so each distinct list is made once (bounded cache)."""
    key = (*map(_advised, findings), bool(case.person.trafficking_signals), lang)
    return list(memo(_ADVISORIES, MAX_ADVISORY_SETS, key, lambda: _advisories(case, findings, lang)))


def _advisories(case: Case, findings: Sequence[Finding], lang: Lang) -> tuple[Advisory, ...]:
    pairs = [(finding.active, finding) for finding in findings]
    return tuple(_shared_advisory(name, args.get("rules"), lang) for name, args in advisory_keys(case, pairs))
