"""The calendar ends on 9999-12-31, a date case systems also send for "no end date". A licence,
residence document, pass or registration near it is decided like any other: never an
``OverflowError`` from a day after it (an expiry, an anniversary, a wait), in the library, a
batch or the advice."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from datetime import date

import pytest

from conftest import ROOT
from sekswerk_rules import check, evaluate
from sekswerk_rules.dates import add_months, add_years, day_after
from sekswerk_rules.errors import SekswerkRulesError

_spec = __import__("importlib.util").util.spec_from_file_location("differential", ROOT / "benchmarks" / "differential.py")
differential = __import__("importlib.util").util.module_from_spec(_spec)
_spec.loader.exec_module(differential)

NEAR_THE_END = ("9999-12-31", "9999-12-30", "9999-11-30", "9999-03-01", "9998-12-31", "9998-02-28")
#: Date fields that may lie after the reference date (birth dates may not: a contradiction).
LATER_FIELDS = ("valid_until", "date", "registered_at_address_since")

LEGAL = {
    "municipality": "GM0080",
    "reference_date": "2024-05-01",
    "person": {
        "birth_date": "1999-04-02",
        "nationalities": ["RO"],
        "employment": "self_employed",
        "has_bsn": True,
        "kvk": {"registered": True},
        "human_trafficking": "not_established",
    },
    "workplace": {"kind": "window", "licence": {"status": "valid", "valid_until": "9999-12-31", "requirements_met": True}},
}


def test_a_day_after_the_calendar_is_none():
    assert day_after(date.max) is None and day_after(date(9999, 12, 30)) == date.max
    assert add_years(date(9999, 1, 1), 1) is None and add_years(date(9998, 12, 31), 1) == date.max
    assert add_months(date(9999, 11, 30), 2) is None and add_months(date(9999, 10, 31), 1) == date(9999, 12, 1)


def test_a_licence_valid_until_the_calendars_end_is_legal_with_no_known_end():
    decision = evaluate(LEGAL)
    assert decision.verdict.value == "legal"
    assert decision.legal_until is None


def test_a_residence_document_valid_until_the_calendars_end_permits_work():
    case = json.loads(json.dumps(LEGAL))
    case["person"] |= {"nationalities": ["UA"], "residence_document": {"work": "free", "valid_until": "9999-12-31"}}
    assert evaluate(case).verdict.value == "legal"


def _to_the_end(value: object, rng: random.Random) -> None:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in LATER_FIELDS and isinstance(inner, str) and rng.random() < 0.7:
                value[key] = rng.choice(NEAR_THE_END)
            else:
                _to_the_end(inner, rng)


@pytest.mark.parametrize("seed", range(4))
def test_dates_near_the_calendars_end_never_overflow(seed):
    rng = random.Random(seed)
    decided = 0
    for case, options in differential.generate(300, seed=seed):
        _to_the_end(case, rng)
        home = case.setdefault("workplace", {}).setdefault("home", {}) if case["workplace"].get("kind") == "home" else None
        if home is not None:
            home["registered_at_address_since"] = rng.choice(NEAR_THE_END)
        if rng.random() < 0.2:
            options = {**options, "on": rng.choice(NEAR_THE_END)}
        try:
            evaluate(case, **options)
            check(case, **{k: v for k, v in options.items() if k != "advise"})
        except SekswerkRulesError:
            continue  # refused with a message (a contradiction, a day before the regime): not a crash
        decided += 1
    assert decided > 150


def test_a_batch_line_near_the_calendars_end_is_decided_and_the_rest_too():
    later = json.loads(json.dumps(LEGAL))
    later["person"]["residence_document"] = {"work": "free", "valid_until": "9999-12-31"}
    lines = "".join(json.dumps(case) + "\n" for case in (LEGAL, later, LEGAL))
    done = subprocess.run([sys.executable, "-m", "sekswerk_rules", "check", "-", "--format", "json"], input=lines.encode(), capture_output=True, timeout=120, check=False)
    records = [json.loads(line) for line in done.stdout.splitlines()]
    assert [r["verdict"] for r in records] == ["legal"] * 3
    assert done.returncode == 0


@pytest.mark.parametrize("day", ["9999-12-01", "0001-01-01"])
def test_synth_near_either_end_of_the_calendar_makes_cases_within_it(day):
    done = subprocess.run([sys.executable, "-m", "sekswerk_rules", "synth", "--n", "50", "--date", day], capture_output=True, timeout=120, check=False)
    assert done.returncode == 0 and len(done.stdout.splitlines()) == 50


def test_a_renewed_document_is_valid_a_year_on_or_until_the_calendars_end():
    from datetime import timedelta

    from sekswerk_rules.advice import _renew

    free = {"person.residence_document.work": "free"}.get
    for day, until in [
        (date.max - timedelta(days=365), date.max),
        (date.max - timedelta(days=364), date.max),
        (date.max - timedelta(days=366), date.max - timedelta(days=1)),
        (date(2024, 5, 1), date(2025, 5, 1)),
    ]:
        assert _renew(free, day, {}) == {"person.residence_document.valid_until": until.isoformat()}
