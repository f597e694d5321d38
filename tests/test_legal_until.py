"""Until when a legal verdict holds: the day before the first day on which the same facts are no
longer legal, whichever expires first (licence, residence document, pass, regime change), in
every order."""

from __future__ import annotations

from itertools import permutations

import pytest

from sekswerk_rules import evaluate

ADULT = {"age": 30, "nationalities": ["UA"], "human_trafficking": "not_established", "employment": "self_employed"}


def groningen(document: str, licence: str, intake: str, on: str = "2023-05-01"):
    case = {
        "municipality": "groningen",
        "person": {**ADULT, "residence_document": {"work": "free", "valid_until": document}, "intake": {"done": True, "date": intake, "pass_colour": "white"}},
        "workplace": {"kind": "window", "licence": {"status": "valid", "valid_until": licence, "requirements_met": True}},
    }
    return evaluate(case, on=on, advise=False)


# The pass of an intake on 2022-03-01 is valid up to and including 2024-02-29.
LAST_DAYS = {"document": "2023-08-31", "licence": "2023-10-31", "pass": "2024-02-29"}
INTAKE_FOR_PASS = {"2023-08-31": "2021-09-01", "2023-10-31": "2021-11-01", "2024-02-29": "2022-03-01"}


@pytest.mark.parametrize("order", list(permutations(LAST_DAYS.values())), ids=lambda o: "-".join(o))
def test_legal_until_is_the_earliest_expiry_whatever_expires_first(order):
    document, licence, last_pass_day = order
    decision = groningen(document, licence, INTAKE_FOR_PASS[last_pass_day])
    assert decision.verdict.value == "legal"
    assert decision.legal_until.isoformat() == min(order)


def test_legal_until_of_a_free_mover_whose_document_expires_is_never_empty():
    # A Romanian (free movement) with an expiring residence document: the document does not
    # matter, and the search must not run out of events (attack log #12.3).
    case = {
        "municipality": "model-apv",
        "person": {**ADULT, "nationalities": ["RO"], "residence_document": {"work": "free", "valid_until": "2024-06-30"}},
        "workplace": {"kind": "club", "licence": {"status": "valid", "valid_until": "2030-12-31", "requirements_met": True}},
    }
    assert evaluate(case, on="2024-05-01").legal_until.isoformat() == "2030-12-31"


def test_legal_until_of_a_regime_change_is_the_day_before_it():
    case = {
        "municipality": "leeuwarden",
        "person": {**ADULT, "nationalities": ["NL"], "kvk": {"registered": False}, "has_bsn": True},
        "workplace": {"kind": "window", "licence": {"status": "valid", "requirements_met": True}},
    }
    assert evaluate(case, on="2019-06-01").legal_until.isoformat() == "2020-04-30"


def _briton_in_leeuwarden(resided_before_2021: bool) -> dict:
    return {
        "municipality": "leeuwarden",
        "person": {**ADULT, "nationalities": ["GB"], "kvk": {"registered": True}, "has_bsn": True,
                   "resided_in_nl_before_2021": resided_before_2021, "residence_document": {"work": "none"}},
        "workplace": {"kind": "window", "licence": {"status": "valid", "requirements_met": True}},
    }


def test_legal_until_of_a_briton_who_came_after_2020_is_the_end_of_the_brexit_transition():
    assert evaluate(_briton_in_leeuwarden(False), on="2019-06-01").legal_until.isoformat() == "2020-12-31"


def test_legal_until_of_a_briton_who_lived_here_is_the_end_of_the_grace_period():
    assert evaluate(_briton_in_leeuwarden(True), on="2021-02-01").legal_until.isoformat() == "2021-09-30"


def test_a_plan_knows_the_first_days_of_every_later_version_whatever_day_it_is_for():
    from datetime import date, timedelta

    from sekswerk_rules.catalog import catalog
    from sekswerk_rules.plan import plan_for

    for regime in catalog(None).regimes():
        boundaries = regime.boundaries()
        for first in boundaries:
            for day in (first, first + timedelta(days=1), first + timedelta(days=400), date(2026, 12, 31)):
                if day >= first:
                    assert plan_for(regime, day).later == tuple(d for d in boundaries if d > day), (regime.id, day)


def test_a_later_version_keeps_the_findings_of_the_rules_it_leaves_as_they_were():
    from datetime import date

    from sekswerk_rules.plan import plan_for
    from sekswerk_rules.regime import get
    from sekswerk_rules.until import _succession

    leeuwarden = get("leeuwarden")
    before, after = plan_for(leeuwarden, date(2019, 6, 1)), plan_for(leeuwarden, date(2020, 5, 1))
    first = _succession(before, after)
    _, kept, moved, watch = first
    assert _succession(before, after) is first  # worked out once per pair of plans
    for index, step in enumerate(after.steps):
        same = [i for i, old in enumerate(before.steps) if old.active is step.active]
        assert kept[index] == (same[0] if same else None)
    assert moved == {old: new for new, old in enumerate(kept) if old is not None}
    assert None in kept and any(old is not None for old in kept)  # the KvK rule came in 2020; others stayed
    assert set(watch) == {i for i, old in enumerate(kept) if old is None and after.steps[i].eventful}
