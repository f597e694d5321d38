"""Mensenhandel — Wetboek van Strafrecht art. 273f.

Sekswerk onder dwang of uitbuiting is mensenhandel en dus nooit legaal. Een gemeente kan
mensenhandel niet zelf vaststellen; deze regel neemt het als feit (vastgesteld / niet
vastgesteld / onbekend). *Signalen* van mensenhandel veranderen het oordeel niet: Groningen
geeft de pas ook bij twijfel af, omdat weigeren mensen naar het illegale circuit duwt
(bronrapport). Signalen leiden tot een advies: overleg met de zorgcoördinator mensenhandel
of de politie.

*Human trafficking: taken as a fact, never inferred; signals give an advisory, not a verdict.*

More information:

- https://wetten.overheid.nl/BWBR0001854 (Sr art. 273f)

>>> from sekswerk_rules import evaluate
>>> def trafficking(value):
...     case = {"municipality": "leeuwarden", "person": {"human_trafficking": value}}
...     return evaluate(case, on="2024-05-01").rule("nationaal.mensenhandel")
>>> trafficking("not_established").outcome.value, trafficking("established").outcome.value
('satisfied', 'violated')
>>> print(trafficking(None).explanation)
Onbekend is of er sprake is van mensenhandel; de gemeente kan dat niet zelf vaststellen (Wetboek van Strafrecht, art. 273f).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from ..case import Case, Trafficking
from .base import Bound, Rule, RuleResult, satisfied, unknown, violated


class HumanTrafficking(Rule):
    key = "nationaal.mensenhandel"
    title = ("Geen mensenhandel", "No human trafficking")
    facts = ("person.human_trafficking",)
    national = True
    TEXT = {
        "not_established": (
            "Er is geen mensenhandel vastgesteld.",
            "No human trafficking has been established.",
        ),
        "established": (
            "Er is mensenhandel vastgesteld; sekswerk onder dwang of uitbuiting is strafbaar ({citation}).",
            "Human trafficking has been established; sex work under coercion or exploitation is a crime ({citation}).",
        ),
        "unknown": (
            "Onbekend is of er sprake is van mensenhandel; de gemeente kan dat niet zelf vaststellen ({citation}).",
            "Whether there is human trafficking is unknown; the municipality cannot establish it itself ({citation}).",
        ),
        "refer": (
            "Geen herstel mogelijk: verwijs door naar de zorgcoördinator mensenhandel en de politie.",
            "No remedy: refer to the human trafficking care coordinator and the police.",
        ),
        "ask": (
            "Vraag bij de politie na of mensenhandel is vastgesteld.",
            "Ask the police whether human trafficking has been established.",
        ),
    }

    def bind(self, params: Any, uncertain: bool = False) -> Bound:
        unknown_ = unknown("unknown", missing=self.facts, remedy="ask")
        established = violated("established", facts=self.facts, remedy="refer")
        not_established = satisfied("not_established", facts=self.facts)

        def evaluate(case: Case, day: date) -> RuleResult:
            value = case.person.human_trafficking
            if value is None:
                return unknown_
            if value is Trafficking.ESTABLISHED:
                return established
            return not_established

        return evaluate
