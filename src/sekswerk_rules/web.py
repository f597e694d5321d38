"""The small page of the HTTP interface: try a case in a browser, and read a regime's
decision table. Server-rendered HTML with inline CSS, no scripts, nothing from the network.
The form posts its facts (never in the URL); a field left on "onbekend" is unknown.

After a submit the form is shown empty again: no submitted value is ever written back into
the page (a BSN typed into the wrong box must not reappear in the HTML, a proxy's cache or
the browser's history). Only the verdict, its explanation and the field names are shown."""

from __future__ import annotations

import re
from datetime import date
from html import escape
from typing import Any
from urllib.parse import parse_qs

from .case import WorkplaceKind
from .decision import Decision
from .errors import CaseError, Lang, Problem, SekswerkRulesError
from .facts import put
from .regime import NATIONAL, shipped

STYLE = """
body{font-family:system-ui,sans-serif;max-width:70rem;margin:1.5rem auto;padding:0 1rem;color:#1b1b1b}
fieldset{border:1px solid #ccc;margin:.8rem 0}label{display:inline-block;min-width:22rem}
.row{margin:.25rem 0}table{border-collapse:collapse;width:100%}td,th{border:1px solid #ccc;padding:.3rem;vertical-align:top;text-align:left}
.verdict{font-size:1.5rem;padding:.6rem;border-radius:.3rem}.legal{background:#dff5e1}.illegal{background:#fbe0e0}.undetermined{background:#fff4d6}
.error{background:#fbe0e0;padding:.5rem}
"""

YES_NO = [("", "onbekend", "unknown"), ("true", "ja", "yes"), ("false", "nee", "no")]
#: English words for the values of the form; the Dutch words are the scenario words (scenarios.LABELS).
_EN = {
    "self_employed": "self-employed",
    "employed": "employed",
    "free": "work freely permitted",
    "none": "none",
    "not_established": "not established",
    "established": "established",
    "white": "white",
    "green": "green",
    "valid": "valid",
    "suspended": "suspended",
    "revoked": "revoked",
}


def _choices(path: str) -> list[tuple[str, str, str]]:
    """The choices of a field: "onbekend", then the Dutch words of :data:`scenarios.LABELS`."""
    from .scenarios import BY_PATH
    from .table import place

    words = BY_PATH[path].values
    assert isinstance(words, dict)
    english = {**_EN, "self_employed": "self-employed work"} if path == "person.residence_document.work" else _EN
    if path == "workplace.kind":
        return [YES_NO[0], *((k.value, place(k.value), place(k.value, "en")) for k in WorkplaceKind)]
    return [YES_NO[0], *((code, word, english.get(code, code)) for word, code in words.items())]


#: (path, Dutch label, English label, kind, choices) — choices: (value, nl, en)
FIELDS: list[tuple[str, str, str, str, list[tuple[str, str, str]]]] = [
    ("person.age", "Leeftijd (jaren)", "Age (years)", "int", []),
    ("person.nationalities", "Nationaliteit(en), bijv. NL of RO, UA", "Nationality or nationalities, e.g. NL or RO, UA", "list", []),
    ("person.employment", "Soort werk", "Form of work", "choice", _choices("person.employment")),
    ("person.residence_document.work", "Verblijfsdocument: arbeid", "Residence document: work", "choice", _choices("person.residence_document.work")),
    ("person.residence_document.valid_until", "Verblijfsdocument geldig tot en met", "Residence document valid up to and including", "date", []),
    ("person.has_bsn", "Heeft een BSN", "Has a BSN", "bool", YES_NO),
    ("person.kvk.registered", "Ingeschreven bij de KvK", "Registered with the KvK", "bool", YES_NO),
    ("person.human_trafficking", "Mensenhandel (door de politie)", "Human trafficking (by the police)", "choice", _choices("person.human_trafficking")),
    ("person.trafficking_signals", "Signalen van mensenhandel", "Signals of trafficking", "bool", YES_NO),
    ("person.intake.done", "Intake gehad", "Had an intake", "bool", YES_NO),
    ("person.intake.date", "Datum van de intake", "Date of the intake", "date", []),
    ("person.intake.pass_colour", "Kleur van de pas", "Colour of the pass", "choice", _choices("person.intake.pass_colour")),
    ("workplace.kind", "Werkplek", "Workplace", "choice", _choices("workplace.kind")),
    ("workplace.licence.status", "Vergunning van het bedrijf", "Licence of the business", "choice", _choices("workplace.licence.status")),
    ("workplace.licence.valid_until", "Vergunning geldig tot en met", "Licence valid up to and including", "date", []),
    ("workplace.licence.requirements_met", "Voldoet aan de vergunningseisen", "Meets the licence requirements", "bool", YES_NO),
    ("workplace.in_designated_zone", "In de aangewezen zone", "In the designated zone", "bool", YES_NO),
    ("workplace.home.sole_resident", "Thuiswerk: enige sekswerker in de woning", "Home work: the only sex worker in the dwelling", "bool", YES_NO),
    ("workplace.home.registered_at_address_since", "Thuiswerk: ingeschreven op het adres sinds", "Home work: registered at the address since", "date", []),
]

_W = {
    "nl": {
        "title": "Is dit sekswerk legaal?",
        "municipality": "Gemeente",
        "date": "Peildatum",
        "lang": "Taal",
        "submit": "Beoordeel",
        "legal": "LEGAAL",
        "illegal": "ILLEGAAL",
        "undetermined": "ONBEPAALD",
        "until": "Legaal tot en met",
        "rules": "Regels",
        "plan": "Wat maakt dit legaal",
        "questions": "Vraag eerst",
        "advisories": "Adviezen",
        "rule": "Regel",
        "outcome": "Uitkomst",
        "why": "Uitleg",
        "source": "Bron",
        "remedy": "Herstel",
        "table": "Beslistabel",
        "params": "Wat de regel eist",
        "note": "Geen gegevens worden bewaard of gelogd. Laat een veld op ‘onbekend’ als u het niet weet.",
        "high": "vertrouwen hoog",
        "medium": "vertrouwen middel",
        "low": "vertrouwen laag",
    },
    "en": {
        "title": "Is this sex work legal?",
        "municipality": "Municipality",
        "date": "Reference date",
        "lang": "Language",
        "submit": "Decide",
        "legal": "LEGAL",
        "illegal": "ILLEGAL",
        "undetermined": "UNDETERMINED",
        "until": "Legal up to and including",
        "rules": "Rules",
        "plan": "What would make this legal",
        "questions": "Ask first",
        "advisories": "Advisories",
        "rule": "Rule",
        "outcome": "Outcome",
        "why": "Explanation",
        "source": "Source",
        "remedy": "Remedy",
        "table": "Decision table",
        "params": "What the rule demands",
        "note": "Nothing is stored or logged. Leave a field on ‘unknown’ if you do not know.",
        "high": "confidence high",
        "medium": "confidence medium",
        "low": "confidence low",
    },
}


_OUTCOMES_EN = {"satisfied": "met", "violated": "violated", "unknown": "unknown", "not_applicable": "not applicable"}


def _outcome(value: str, lang: Lang) -> str:
    """A rule's outcome in words: the scenario words in Dutch ("voldaan", "overtreden")."""
    from .scenarios import OUTCOMES

    if lang == "en":
        return _OUTCOMES_EN.get(value, value)
    return next((word for word, code in OUTCOMES.items() if code == value), value)


def _title(rule_id: str, lang: Lang) -> str:
    """A rule's title from its id in a decision (``groningen.intake-en-pas`` is "Intake en pas")."""
    from .rules import RULES

    key = rule_id if rule_id.startswith("nationaal.") else rule_id.split(".", 1)[-1]
    rule = RULES.get(key)
    return rule.title[0 if lang == "nl" else 1] if rule else rule_id


def _day(day: date, lang: Lang) -> str:
    from .scenarios import dutch_date

    return dutch_date(day, lang)


def _page(title: str, body: str, lang: Lang) -> str:
    return (
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>{escape(title)}</title><style>{STYLE}</style></head><body>{body}</body></html>'
    )


def _form(lang: Lang) -> str:
    """The empty form: every input at its default, never a submitted value."""
    w = _W[lang]
    index = 1 if lang == "nl" else 2
    municipalities = [(r.cbs_code or r.id, r.name) for r in shipped() if r.id != NATIONAL]
    options = "".join(f'<option value="{escape(v)}"{" selected" if v == "GM0014" else ""}>{escape(n)}</option>' for v, n in municipalities)
    rows = [
        f'<div class="row"><label for="municipality">{w["municipality"]}</label><select id="municipality" name="municipality">{options}</select></div>',
        f'<div class="row"><label for="reference_date">{w["date"]}</label><input type="date" id="reference_date" name="reference_date" value="{date.today().isoformat()}"></div>',
        f'<div class="row"><label for="lang">{w["lang"]}</label><select id="lang" name="lang">'
        + "".join(f'<option value="{code}"{" selected" if code == lang else ""}>{code}</option>' for code in ("nl", "en"))
        + "</select></div>",
    ]
    for path, *labels, kind, choices in FIELDS:
        label = labels[index - 1]
        if choices:
            opts = "".join(f'<option value="{v}">{escape(c[index - 1])}</option>' for v, *c in choices)
            widget = f'<select id="{path}" name="{path}">{opts}</select>'
        else:
            kind_attr = {"int": "number", "date": "date"}.get(kind, "text")
            widget = f'<input type="{kind_attr}" id="{path}" name="{path}" value="" autocomplete="off">'
        rows.append(f'<div class="row"><label for="{path}">{escape(label)}</label>{widget}</div>')
    return (
        f'<form method="post" action="/"><fieldset>{"".join(rows)}</fieldset><button type="submit" id="submit">{w["submit"]}</button></form><p>{w["note"]}</p>'
    )


def form_page(lang: Lang = "nl", result: str = "") -> str:
    w = _W[lang]
    links = " · ".join(f'<a href="/regimes/{r.id}?lang={lang}">{escape(r.name)}</a>' for r in shipped() if r.id != NATIONAL)
    return _page(w["title"], f"<h1>{w['title']}</h1>{result}{_form(lang)}<p>{w['table']}: {links}</p>", lang)


#: A whole number as a form may send it: ASCII digits, at most four ("²" and "--7" are not).
_WHOLE = re.compile(r"-?[0-9]{1,4}")


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


def decision_page(body: str) -> tuple[str, int]:
    """The page after a submit, and its status: 200 with a verdict, 400 with the problems."""
    from .engine import evaluate

    values = {k: v[-1] for k, v in parse_qs(body, keep_blank_values=True).items()}
    lang: Lang = "en" if values.get("lang") == "en" else "nl"
    try:
        if values.get("lang", "nl") not in ("nl", "en"):
            raise CaseError([Problem("lang", "invalid_choice", {"allowed": "nl, en"})], lang=lang)
        decision = evaluate(case_from_form(values), lang=lang)
    except SekswerkRulesError as error:
        items = "".join(f"<li>{escape(p.message(lang))}</li>" for p in error.problems)
        return form_page(lang, f'<div class="error" id="errors"><ul>{items}</ul></div>'), 400
    return form_page(lang, render_decision(decision, lang)), 200


def render_decision(decision: Decision, lang: Lang) -> str:
    w = _W[lang]
    verdict = decision.verdict.value
    parts = [f'<div class="verdict {verdict}" id="verdict">{w[verdict]} — {escape(decision.municipality.name)}, {_day(decision.reference_date, lang)}</div>']
    if decision.legal_until:
        parts.append(f'<p id="legal-until">{w["until"]}: {_day(decision.legal_until, lang)}</p>')
    rows = []
    for rule in decision.rules:
        sources = "<br>".join(
            (f'<a href="{escape(b.url)}">{escape(b.citation)}</a>' if b.url else escape(b.citation)) + f" ({w[b.confidence]})" for b in rule.basis
        )
        remedy = f"<br><em>{w['remedy']}:</em> {escape(rule.remedy)}" if rule.remedy else ""
        rows.append(
            f'<tr id="rule-{escape(rule.id)}"><td>{escape(_title(rule.id, lang))}</td><td>{_outcome(rule.outcome.value, lang)}</td><td>{escape(rule.explanation)}{remedy}</td><td>{sources}</td></tr>'
        )
    parts.append(
        f"<h2>{w['rules']}</h2><table><tr><th>{w['rule']}</th><th>{w['outcome']}</th><th>{w['why']}</th><th>{w['source']}</th></tr>{''.join(rows)}</table>"
    )
    if decision.remedy_plan:
        steps = "".join(f"<li>{escape(s.text)}</li>" for s in decision.remedy_plan.steps)
        parts.append(f'<h2>{w["plan"]}</h2><ul id="remedy">{steps}</ul><p>{escape(decision.remedy_plan.summary)}</p>')
    if decision.next_questions:
        questions = "".join(f"<li>{escape(q.question)}</li>" for q in decision.next_questions)
        parts.append(f'<h2>{w["questions"]}</h2><ol id="questions">{questions}</ol>')
    if decision.advisories:
        parts.append(f"<h2>{w['advisories']}</h2><ul>" + "".join(f"<li>{escape(a.text)}</li>" for a in decision.advisories) + "</ul>")
    return "".join(parts)


def regime_page(regime_id: str, day: str | None, lang: Lang) -> tuple[str, int]:
    from . import table
    from .case import parse_day
    from .regime import get

    w = _W[lang]
    try:
        regime = get(regime_id, lang=lang)
        on = parse_day(day, "date", lang=lang)
        found = table.decision_table(regime, on, lang)
    except SekswerkRulesError as error:
        status = 404 if "unknown_municipality" in error.codes else 400
        return _page(w["table"], f'<div class="error">{escape(error.render(lang))}</div>', lang), status
    rows = []
    for row in found:
        params = table.describe(row.key, row.params, row.uncertain, lang)
        sources = "<br>".join(
            (f'<a href="{escape(b["url"])}">{escape(b["citation"])}</a>' if b["url"] else escape(b["citation"])) + f" ({w[b['confidence']]})" for b in row.basis
        )
        rows.append(f"<tr><td>{escape(row.title)}<br><small>{escape(row.key)}</small></td><td>{escape(params)}</td><td>{sources}</td></tr>")
    body = (
        f"<h1>{escape(regime.name)} — {w['table']} {_day(on, lang)}</h1><table><tr><th>{w['rule']}</th><th>{w['params']}</th>"
        f'<th>{w["source"]}</th></tr>{"".join(rows)}</table><p><a href="/?lang={lang}">{w["title"]}</a></p>'
    )
    return _page(f"{regime.name} — {w['table']}", body, lang), 200
