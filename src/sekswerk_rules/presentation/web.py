"""The small page of the HTTP interface: try a case in a browser, and read a regime's
decision table. Server-rendered HTML from Jinja2 templates (``templates/``, every value
escaped by default) with inline CSS and a print stylesheet (a printout holds the decision
only), no scripts, nothing from the network. The form is generated from the facts of
:data:`scenarios.LABELS`, in their words. The regimes are those of a :class:`Catalog`
(shipped, installed packages, ``serve --regimes``).
The form posts its facts (never in the URL); a field left on "onbekend" is unknown.

After a submit the form is shown empty again: no submitted value is ever written back into
the page (a BSN typed into the wrong box must not reappear in the HTML, a proxy's cache or
the browser's history). Only the verdict, its explanation and the field names are shown."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qs

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..catalog import Catalog
from ..decision import Decision
from ..errors import CaseError, Problem, SekswerkRulesError
from ..facts import BY_PATH, FACTS, put
from ..lang import Lang, Text, pick
from . import basis
from .words import vocabulary

#: Facts of :data:`scenarios.LABELS` the form does not ask: the age is enough, a birth date
#: would only add a more identifying value to type into a browser.
LEFT_OUT = frozenset({"person.birth_date"})
YES_NO = [("", "onbekend", "unknown"), ("true", "ja", "yes"), ("false", "nee", "no")]
#: What the Dutch descriptions say that a form does not need (they are written for scenario files).
_SCENARIO_ONLY = re.compile(r"\s*\(het nummer zelf staat nooit in een scenario\)|, bijvoorbeeld NL of \[.*\]$")
_INPUTS = {"int": "number", "date": "date", "countries": "text", "bool": "select"}


def _choices(path: str) -> list[tuple[str, str, str]]:
    """The choices of a field: "onbekend", then each value in Dutch (the scenario word) and English."""
    values = BY_PATH[path].values
    if values == "bool":
        return YES_NO
    assert isinstance(values, dict)
    return [YES_NO[0], *((code, word.nl, word.en) for code, word in values.items())]


def _dutch_label(description: str) -> str:
    text = _SCENARIO_ONLY.sub("", description)
    if description.startswith("landcode"):
        text += ", bijvoorbeeld NL of RO, UA"
    return text[:1].upper() + text[1:]


def _fields() -> list[tuple[str, str, str, str, list[tuple[str, str, str]]]]:
    """The form's fields, from :data:`facts.FACTS` in its order: (path, Dutch label, English
    label, kind, choices as (value, nl, en)). Kind is ``int``, ``date``, ``list``, ``bool`` or
    ``choice``."""
    fields = []
    for fact in FACTS:
        if fact.path in LEFT_OUT:
            continue
        kind = "choice" if isinstance(fact.values, dict) else {"countries": "list"}.get(fact.values, fact.values)
        choices = _choices(fact.path) if kind in ("choice", "bool") else []
        fields.append((fact.path, _dutch_label(fact.description), fact.label_en, kind, choices))
    return fields


#: (path, Dutch label, English label, kind, choices) — choices: (value, nl, en)
FIELDS = _fields()


def _outcome(value: str, lang: Lang) -> str:
    """A rule's outcome in words ("voldaan", "overtreden"; "satisfied", "violated")."""
    return vocabulary(lang).get(value, value)


def _title(rule_id: str, lang: Lang) -> str:
    """A rule's title from its id in a decision (``groningen.intake-en-pas`` is "Intake en pas")."""
    from ..rules import RULES

    key = rule_id if rule_id.startswith("nationaal.") else rule_id.split(".", 1)[-1]
    rule = RULES.get(key)
    return pick(rule.title, lang) if rule else rule_id


def _day(day: date, lang: Lang) -> str:
    from ..scenarios import dutch_date

    return dutch_date(day, lang)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    """The templates (``templates/``), escaping every value by default."""
    return Environment(
        loader=PackageLoader("sekswerk_rules.presentation", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True
    )


def _render(template: str, lang: Lang, **values: Any) -> str:
    helpers = {
        "day": lambda d: _day(d, lang),
        "rule_title": lambda r: _title(r, lang),
        "outcome": lambda o: _outcome(o, lang),
        "bases": lambda b: basis.lines(b, lang, "html"),
    }
    return _environment().get_template(template).render(lang=lang, words=vocabulary(lang), **helpers, **values)


def _known(regimes: Catalog | None) -> list[Any]:
    from ..catalog import DEFAULT

    return (regimes or DEFAULT).regimes()


def form_page(lang: Lang = "nl", decision: Decision | None = None, errors: Sequence[str] = (), regimes: Catalog | None = None) -> str:
    """The page with the empty form (every input at its default, never a submitted value), and
    above it a decision or the problems of the last submit."""
    known = _known(regimes)
    fields = [
        {
            "path": path,
            "label": Text(nl, en)(lang),
            "input": {"int": "number", "date": "date"}.get(kind, "text"),
            "choices": [(value, Text(word_nl, word_en)(lang)) for value, word_nl, word_en in choices],
        }
        for path, nl, en, kind, choices in FIELDS
    ]
    return _render(
        "form.html",
        lang,
        title=vocabulary(lang)["title"],
        decision=decision,
        errors=list(errors),
        municipalities=[(r.cbs_code or r.id, r.name) for r in known],
        chosen="GM0014",
        today=date.today().isoformat(),
        langs=("nl", "en"),
        fields=fields,
        links=[(r.id, r.name) for r in known],
    )


#: A whole number as a form may send it: ASCII digits, at most four ("²" and "--7" are not).
_WHOLE = re.compile(r"-?[0-9]{1,4}")


#: The names of the form's fields.
_FORM_NAMES = frozenset(("municipality", "reference_date", "lang", *(path for path, *_ in FIELDS)))


def case_from_form(values: dict[str, str]) -> dict[str, Any]:
    """The case a form describes; an empty field is an unknown fact (absent)."""
    case: dict[str, Any] = {"municipality": values.get("municipality"), "reference_date": values.get("reference_date") or None}
    kinds = {path: kind for path, _, _, kind, _ in FIELDS}
    for path, kind in kinds.items():
        raw = values.get(path, "").strip()
        if not raw:
            continue
        if kind == "bool":
            put(case, path, raw == "true")
        elif kind == "int":
            put(case, path, int(raw) if _WHOLE.fullmatch(raw) else raw)  # a string is refused as "not a whole number"
        elif kind == "list":
            put(case, path, [part for part in raw.replace(",", " ").split() if part])
        else:
            put(case, path, raw)
    return {k: v for k, v in case.items() if v is not None}


def decision_page(body: str, regimes: Catalog | None = None, lang: Lang = "nl") -> tuple[str, int]:
    """The page after a submit, and its status: 200 with a verdict, 400 with the problems. The
    form's ``lang`` field chooses the language; without one, ``lang`` (the request's or the server's)."""
    from ..engine import evaluate

    given = parse_qs(body, keep_blank_values=True)
    values = {k: v[-1] for k, v in given.items()}
    asked = values.get("lang", lang)
    lang = "en" if asked == "en" else "nl" if asked == "nl" else lang
    try:
        if asked not in ("nl", "en"):
            raise CaseError([Problem("lang", "invalid_choice", {"allowed": "nl, en"})], lang=lang)
        repeated = [name for name, all_given in given.items() if len(all_given) > 1 and name in _FORM_NAMES]
        if repeated:  # the order of the fields would choose (person.age=30&person.age=17)
            raise CaseError([Problem(name, "repeated_parameter") for name in repeated], lang=lang)
        decision = evaluate(case_from_form(values), lang=lang, regimes=regimes or _default())
    except SekswerkRulesError as error:
        return form_page(lang, errors=[p.message(lang) for p in error.problems], regimes=regimes), 400
    return form_page(lang, decision, regimes=regimes), 200


def render_decision(decision: Decision, lang: Lang) -> str:
    """A decision as the HTML the page shows (and prints)."""
    return _render("decision.html", lang, decision=decision)


def regime_page(regime_id: str, day: str | None, lang: Lang, regimes: Catalog | None = None) -> tuple[str, int]:
    """A regime's decision table on a day, in words; 404 for an unknown regime, 400 for a bad date."""
    from ..case import parse_day
    from . import table

    words = vocabulary(lang)
    try:
        regime = (regimes or _default()).get(regime_id, lang=lang)
        on = parse_day(day, "date", lang=lang)
        version = regime.resolve(on, path="date").version
        found = table.decision_table(regime, on, lang)
    except SekswerkRulesError as error:
        status = 404 if "unknown_municipality" in error.codes else 400
        return _render("regime.html", lang, title=words["table"], error=error.render(lang)), status
    rows = [{"title": row.title, "key": row.key, "params": table.describe(row.key, row.params, row.uncertain, lang), "basis": row.basis} for row in found]
    page = _render(
        "regime.html", lang, title=f"{regime.name} — {words['table']}", error=None, name=regime.name, regime_id=regime.id, on=on, version=version, rows=rows
    )
    return page, 200


def _default() -> Catalog:
    from ..catalog import DEFAULT

    return DEFAULT
