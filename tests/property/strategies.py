"""Hypothesis strategies for cases: every fact present or absent, dates around every boundary."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from hypothesis import strategies as st

from sekswerk_rules import freemovement, regime
from sekswerk_rules.facts import get, put

MUNICIPALITIES = ["leeuwarden", "model-apv", "groningen", "utrecht", "assen", "amsterdam"]
COUNTRIES = ["NL", "RO", "BG", "PL", "HR", "MT", "GB", "IE", "CH", "NO", "LI", "UA", "MA", "US"]

#: Every boundary of the domain brief and the regimes, with the days either side.
BOUNDARIES = sorted(d + timedelta(days=k) for d in (*freemovement.change_dates(), *(b for r in regime.shipped() for b in r.boundaries())) for k in (-1, 0, 1))
BOUNDARIES = [d for d in BOUNDARIES if d >= date(2000, 10, 1)]

reference_dates = st.one_of(st.sampled_from(BOUNDARIES), st.dates(date(2000, 10, 1), date(2040, 12, 31)))
any_dates = st.dates(date(1990, 1, 1), date(2045, 12, 31))

#: leaf path -> strategy of its value (as JSON, for the interchange format).
LEAVES: dict[str, st.SearchStrategy[Any]] = {
    "person.birth_date": st.dates(date(1935, 1, 1), date(2020, 12, 31)).map(date.isoformat),
    "person.nationalities": st.lists(st.sampled_from(COUNTRIES), max_size=2),
    "person.employment": st.sampled_from(["self_employed", "employed"]),
    "person.residence_document.work": st.sampled_from(["free", "self_employed", "none"]),
    "person.residence_document.valid_until": any_dates.map(date.isoformat),
    "person.has_bsn": st.booleans(),
    "person.kvk.registered": st.booleans(),
    "person.human_trafficking": st.sampled_from(["established", "not_established"]),
    "person.trafficking_signals": st.booleans(),
    "workplace.kind": st.sampled_from(["window", "club", "private_house", "massage_parlour", "sex_theatre", "escort", "home", "street", "hotel"]),
    "workplace.licence.status": st.sampled_from(["valid", "none", "suspended", "revoked"]),
    "workplace.licence.valid_until": any_dates.map(date.isoformat),
    "workplace.licence.requirements_met": st.booleans(),
    "workplace.in_designated_zone": st.booleans(),
    "workplace.home.sole_resident": st.booleans(),
    "workplace.home.registered_at_address_since": any_dates.map(date.isoformat),
    "person.intake.done": st.booleans(),
    "person.intake.date": any_dates.map(date.isoformat),
    "person.intake.pass_colour": st.sampled_from(["white", "green"]),
    # ``sampled_from`` (not ``booleans``) so that tests can list the values of these two.
    "person.resided_in_nl_before_2021": st.sampled_from([True, False]),
    "workplace.home.business": st.sampled_from([True, False]),
}


@st.composite
def partial_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A valid case in which every fact may be absent, and no two facts contradict each
    other on its reference date (``sekswerk_rules.case.inconsistencies``)."""
    case: dict[str, Any] = {
        "municipality": draw(st.sampled_from(MUNICIPALITIES)),
        "reference_date": draw(reference_dates).isoformat(),
    }
    for path, values in LEAVES.items():
        if draw(st.booleans()):
            put(case, path, draw(values))
    if get(case, "person.birth_date") is None and draw(st.booleans()):
        put(case, "person.age", draw(st.integers(14, 80)))
    _settle_contradictions(case, draw)
    return case


def _settle_contradictions(case: dict[str, Any], draw: st.DrawFn) -> None:
    """Drop one fact of each contradicting pair (which one is drawn)."""
    on = case["reference_date"]
    intake = get(case, "person.intake") or {}
    if intake.get("done") is False and (intake.get("date") or intake.get("pass_colour")):
        if draw(st.booleans(), label="keep done: false"):
            intake.pop("date", None)
            intake.pop("pass_colour", None)
        else:
            del intake["done"]
    licence = get(case, "workplace.licence") or {}
    if licence.get("status") == "valid" and licence.get("valid_until", on) < on:
        del licence["valid_until" if draw(st.booleans(), label="keep status: valid") else "status"]
    if (get(case, "person.birth_date") or on) > on:
        del case["person"]["birth_date"]
    if get(case, "person.resided_in_nl_before_2021") and (get(case, "person.birth_date") or "") >= "2021-01-01":
        del case["person"]["resided_in_nl_before_2021"]


def valid_fill(case: dict[str, Any], path: str, draw: st.DrawFn) -> Any:
    """A value for an absent fact that does not contradict the facts already there."""
    on = date.fromisoformat(case["reference_date"])
    if path == "workplace.licence.valid_until" and get(case, "workplace.licence.status") == "valid":
        # ``status: valid`` says the licence is in force on the reference date.
        return draw(st.dates(on, date(2060, 1, 1))).isoformat()
    if path == "workplace.licence.status" and (get(case, "workplace.licence.valid_until") or on.isoformat()) < on.isoformat():
        return draw(st.sampled_from(["none", "suspended", "revoked"]))
    if path == "person.intake.done":
        # ``false`` would contradict a date or colour, given or filled in after it.
        return True
    if path == "person.birth_date":
        return draw(st.dates(date(1935, 1, 1), min(on, date(2020, 12, 31)))).isoformat()
    if path == "person.resided_in_nl_before_2021" and (get(case, "person.birth_date") or "") >= "2021-01-01":
        return False
    return draw(LEAVES[path])


def absent(case: dict[str, Any]) -> list[str]:
    """The facts that are absent and can be filled in without a contradiction."""
    paths = [p for p in LEAVES if get(case, p) is None]
    if get(case, "person.age") is not None:
        paths.remove("person.birth_date")  # the age already gives what the birth date would
    if get(case, "person.intake.done") is False:
        paths = [p for p in paths if p not in ("person.intake.date", "person.intake.pass_colour")]
    return paths


def _favourable(path: str, on: date) -> Any:
    """A value of a fact that tends to satisfy the rules that read it (on ``on``)."""
    later, earlier = (on + timedelta(days=400)).isoformat(), (on - timedelta(days=100)).isoformat()
    return {
        "person.birth_date": date(on.year - 30, 1, 1).isoformat(),
        "person.nationalities": ["NL"],
        "person.employment": "self_employed",
        "person.residence_document.work": "free",
        "person.residence_document.valid_until": later,
        "person.has_bsn": True,
        "person.kvk.registered": True,
        "person.human_trafficking": "not_established",
        "person.trafficking_signals": False,
        "workplace.kind": "window",
        "workplace.licence.status": "valid",
        "workplace.licence.valid_until": later,
        "workplace.licence.requirements_met": True,
        "workplace.in_designated_zone": True,
        "workplace.home.sole_resident": True,
        "workplace.home.registered_at_address_since": (on - timedelta(days=1000)).isoformat(),
        "person.intake.done": True,
        "person.intake.date": earlier,
        "person.intake.pass_colour": "white",
        "person.resided_in_nl_before_2021": True,
        "workplace.home.business": False,
    }[path]


@st.composite
def favourable_cases(draw: st.DrawFn) -> dict[str, Any]:
    """A case close to legal: most facts hold a value that satisfies the rules reading them,
    some a random value, some are absent (where ``legal`` verdicts are common enough for a
    flip from ``legal`` to show)."""
    on = draw(reference_dates)
    case: dict[str, Any] = {"municipality": draw(st.sampled_from(MUNICIPALITIES)), "reference_date": on.isoformat()}
    for path, values in LEAVES.items():
        chance = draw(st.integers(0, 9), label=f"{path}: favourable, random or absent")
        if chance < 7:
            put(case, path, _favourable(path, on))
        elif chance < 8:
            put(case, path, draw(values))
    if get(case, "workplace.kind") == "window":
        put(case, "workplace.kind", draw(LEAVES["workplace.kind"]))
    if get(case, "person.intake.pass_colour") == "white" and draw(st.booleans()):
        put(case, "person.intake.pass_colour", "green")
    if get(case, "person.birth_date") is None and draw(st.booleans()):
        put(case, "person.age", draw(st.integers(14, 80)))
    _settle_contradictions(case, draw)
    return case
