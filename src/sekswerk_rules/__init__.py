"""sekswerk-rules: is sex work by this person, at this workplace, on this date, legal under
this municipality's rules? Explained article by article, with honest uncertainty.

>>> from sekswerk_rules import evaluate
>>> decision = evaluate({
...     "municipality": "leeuwarden",
...     "person": {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established",
...                "kvk": {"registered": True}, "has_bsn": True},
...     "workplace": {"kind": "window",
...                   "licence": {"status": "valid", "valid_until": "2026-12-31", "requirements_met": True}},
... }, on="2024-05-01")
>>> decision.verdict.value, decision.legal_until.isoformat()
('legal', '2026-12-31')

``check`` gives the verdict and the missing facts only, without explanations (the fast path):

>>> check({"municipality": "leeuwarden", "person": {"age": 30}}, on="2024-05-01").missing_facts[:2]
['person.human_trafficking', 'person.nationalities']
"""

from __future__ import annotations

from .case import Case, parse_case
from .decision import Advisory, Decision, RuleOutcome, Verdict
from .engine import Check, check, evaluate
from .errors import CaseError, EvaluationError, RegimeError, SekswerkRulesError
from .regime import Regime
from .regime import get as get_regime
from .regime import load as load_regime
from .rules.base import Basis, Outcome
from .version import __version__

__all__ = [
    "Advisory",
    "Basis",
    "Case",
    "CaseError",
    "Check",
    "Decision",
    "EvaluationError",
    "Outcome",
    "Regime",
    "RegimeError",
    "RuleOutcome",
    "SekswerkRulesError",
    "Verdict",
    "__version__",
    "check",
    "evaluate",
    "get_regime",
    "load_regime",
    "parse_case",
]
