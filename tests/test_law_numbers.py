"""The numbers of national law live once, in the national regime file, and the code reads them."""

from __future__ import annotations

import re

from conftest import ROOT
from sekswerk_rules import law
from sekswerk_rules.regime import NATIONAL, _shipped_regime


def test_the_numbers_the_code_checks_against_are_the_national_regimes_own():
    national = _shipped_regime(NATIONAL)
    assert law.first_day() == national.versions[0].valid_from == national.boundaries()[0]
    ages = {active.params.age for day in national.boundaries() for active in national.resolve(day).rules if active.rule.key == "nationaal.minimumleeftijd"}
    assert law.minimum_age() == min(ages)


def test_no_module_writes_the_first_day_or_the_national_age_as_a_number():
    code = re.compile(r"(?<!datetime\.)date\(2000, 10, 1\)|[<>]=? ?18\b|\bge=18\b")
    # _tomlread_tables.py is the regime files' own value, written from them (test_tomlread.py)
    written = {"law.py", "_tomlread_tables.py"}
    offenders = [p.name for p in (ROOT / "src" / "sekswerk_rules").rglob("*.py") if p.name not in written and code.search(p.read_text("utf-8"))]
    assert offenders == []
