"""The words of every interface in one vocabulary: Dutch first, English second.

Text, Markdown, decision tables, comparisons and the web page all read these; a word means
the same in each (a verdict is ``legaal`` everywhere, printed in capitals in a heading).

>>> vocabulary("nl")["violated"], vocabulary("en")["violated"]
('overtreden', 'violated')
"""

from __future__ import annotations

from functools import cache

from ..decision import OUTCOME_WORDS, VERDICT_WORDS
from ..lang import Lang, words

WORDS: dict[str, tuple[str, str]] = {
    # verdicts and a rule's outcomes, the scenario tables' words (lower case; a heading prints a
    # verdict in capitals)
    **VERDICT_WORDS,
    **OUTCOME_WORDS,
    # how sure a source is
    "confidence": ("vertrouwen", "confidence"),
    "high": ("hoog", "high"),
    "medium": ("middel", "medium"),
    "low": ("laag", "low"),
    "not_public": ("tekst niet openbaar gevonden", "text not found publicly"),
    "uncertain": ("onzeker", "uncertain"),
    "date": ("ingangsdatum", "start date"),
    "transition": ("overgangsregeling", "transition period"),
    # a decision
    "verdict": ("Oordeel", "Verdict"),
    "reference_date": ("peildatum", "reference date"),
    "version": ("versie", "version"),
    "until": ("Legaal tot en met", "Legal up to and including"),
    "missing": ("Ontbrekende feiten", "Missing facts"),
    "advisories": ("Adviezen", "Advisories"),
    "remedy": ("Herstel", "Remedy"),
    "rules": ("Regels", "Rules"),
    "plan": ("Wat maakt dit legaal", "What would make this legal"),
    "plan_partial": ("Wat heft de overtreding op", "What would end the violation"),
    "questions": ("Vraag eerst", "Ask first"),
    # a regime's decision table
    "rule": ("Regel", "Rule"),
    "params": ("Parameters", "Parameters"),
    "means": ("Betekenis", "Meaning"),
    "demands": ("Wat de regel eist", "What the rule demands"),
    "source": ("Bron", "Source"),
    "national": ("landelijk", "national"),
    "none": ("geen", "none"),
    "absent": ("(niet van kracht)", "(not in force)"),
    "rules_on": ("regels op", "rules on"),
    "table": ("Beslistabel", "Decision table"),
    # a comparison of two regimes over a population
    "flip": ("Verandering", "Change"),
    "count": ("Aantal", "Count"),
    "responsible_rules": ("Verantwoordelijke regels", "Responsible rules"),
    "cases": ("zaken", "cases"),
    "same": ("gelijk", "unchanged"),
    "errors": ("fouten", "errors"),
    "no_flips": ("Geen verschuivingen.", "No flips."),
    # the web page
    "title": ("Is dit sekswerk legaal?", "Is this sex work legal?"),
    "municipality": ("Gemeente", "Municipality"),
    "lang": ("Taal", "Language"),
    "submit": ("Beoordeel", "Decide"),
    "outcome": ("Uitkomst", "Outcome"),
    "why": ("Uitleg", "Explanation"),
    "note": (
        "Geen gegevens worden bewaard of gelogd. Laat een veld op ‘onbekend’ als u het niet weet.",
        "Nothing is stored or logged. Leave a field on ‘unknown’ if you do not know.",
    ),
    "regime_version": ("regime {id}, versie van {date}", "regime {id}, version of {date}"),
    "provenance": ("Beslist met sekswerk-rules {version}; regimedigest {digest}.", "Decided by sekswerk-rules {version}; regime digest {digest}."),
    "printed": (
        "Afdruk van een oordeel van sekswerk-rules. Alleen het oordeel en de regels staan erop, geen ingevoerde gegevens.",
        "Printout of a decision by sekswerk-rules. Only the decision and the rules are on it, no facts entered.",
    ),
    "print": (
        "Druk deze pagina af (Ctrl+P) voor een afdruk van alleen het oordeel: zonder formulier en zonder ingevoerde gegevens.",
        "Print this page (Ctrl+P) for a printout of the decision alone: without the form and without the facts entered.",
    ),
}


@cache
def vocabulary(lang: Lang) -> dict[str, str]:
    """Every word in one language; an unknown language is a ``ValueError``."""
    return words(WORDS, lang)
