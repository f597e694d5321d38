"""Every shipped municipality, walked through its thresholds and version boundaries."""

from __future__ import annotations

import pytest

from sekswerk_rules import evaluate

ADULT = {"birth_date": "1980-01-01", "nationalities": ["NL"], "human_trafficking": "not_established", "kvk": {"registered": True}, "has_bsn": True}
LICENSED = {"status": "valid", "requirements_met": True}


def verdict(municipality, on, workplace, **person):
    case = {"municipality": municipality, "person": {**ADULT, **person}, "workplace": workplace}
    return evaluate(case, on=on).verdict.value


WINDOW = {"kind": "window", "licence": LICENSED}
MASSAGE = {"kind": "massage_parlour", "licence": LICENSED}
ESCORT = {"kind": "escort", "licence": LICENSED}
CLUB = {"kind": "club", "licence": LICENSED}
WHITE = {"done": True, "date": "2022-03-01", "pass_colour": "white"}
GREEN = {"done": True, "date": "2022-03-01", "pass_colour": "green"}
HOME_OK = {"kind": "home", "home": {"sole_resident": True, "registered_at_address_since": "2023-01-01"}}

SCENARIOS = [
    # Groningen
    ("Een twintigjarige werkt op 2016-05-31 legaal achter het raam in Groningen", "groningen", "2016-05-31", WINDOW, dict(birth_date="1996-01-01")),
    (
        "Een twintigjarige werkt op 2016-06-01 illegaal achter het raam in Groningen",
        "groningen",
        "2016-06-01",
        WINDOW,
        dict(birth_date="1996-01-01", intake=WHITE | {"date": "2016-06-01"}),
    ),
    ("Zonder intake is werken op 2016-06-01 onbepaald in Groningen: overgangsregeling", "groningen", "2016-06-01", WINDOW, dict(intake={"done": False})),
    (
        "Zonder intake is werken op 2016-12-14 nog onbepaald in Groningen: laatste dag overgangsregeling",
        "groningen",
        "2016-12-14",
        WINDOW,
        dict(intake={"done": False}),
    ),
    ("Zonder intake werkt iemand op 2016-12-15 illegaal in Groningen", "groningen", "2016-12-15", WINDOW, dict(intake={"done": False})),
    ("Met een witte pas werkt iemand legaal achter het raam op de laatste geldige dag", "groningen", "2024-02-29", WINDOW, dict(intake=WHITE)),
    ("Met een witte pas werkt iemand illegaal achter het raam de dag nadat de pas verliep", "groningen", "2024-03-01", WINDOW, dict(intake=WHITE)),
    ("Met een groene pas werkt iemand illegaal achter het raam", "groningen", "2023-05-01", WINDOW, dict(intake=GREEN)),
    ("Met een groene pas werkt iemand legaal in een massagesalon", "groningen", "2023-05-01", MASSAGE, dict(intake=GREEN)),
    ("Met een witte pas werkt iemand illegaal in een massagesalon", "groningen", "2023-05-01", MASSAGE, dict(intake=WHITE)),
    ("Een escort met een geldige pas werkt legaal in Groningen, welke kleur ook", "groningen", "2023-05-01", ESCORT, dict(intake=GREEN)),
    ("Thuiswerk is in Groningen illegaal", "groningen", "2023-05-01", HOME_OK, dict(intake=GREEN)),
    # Utrecht
    ("Thuiswerk is in Utrecht op 2024-04-24 illegaal", "utrecht", "2024-04-24", HOME_OK, {}),
    ("Thuiswerk onder de voorwaarden is in Utrecht op 2024-04-25 onbepaald: vaststelling onbekend", "utrecht", "2024-04-25", HOME_OK, {}),
    ("Thuiswerk onder de voorwaarden is in Utrecht op 2025-04-14 nog onbepaald", "utrecht", "2025-04-14", HOME_OK, {}),
    ("Thuiswerk onder de voorwaarden is in Utrecht op 2025-04-15 legaal", "utrecht", "2025-04-15", HOME_OK, {}),
    (
        "Thuiswerk met een tweede sekswerker in de woning is in Utrecht illegaal",
        "utrecht",
        "2025-06-01",
        {"kind": "home", "home": {"sole_resident": False, "registered_at_address_since": "2020-01-01"}},
        {},
    ),
    (
        "Thuiswerk op de dag dat iemand drie maanden ingeschreven staat is in Utrecht legaal",
        "utrecht",
        "2025-06-01",
        {"kind": "home", "home": {"sole_resident": True, "registered_at_address_since": "2025-03-01"}},
        {},
    ),
    (
        "Thuiswerk de dag daarvoor is in Utrecht illegaal",
        "utrecht",
        "2025-05-31",
        {"kind": "home", "home": {"sole_resident": True, "registered_at_address_since": "2025-03-01"}},
        {},
    ),
    ("Een twintigjarige werkt in Utrecht ook thuis illegaal", "utrecht", "2025-06-01", HOME_OK, dict(birth_date="2005-01-01")),
    (
        "Zonder KvK-inschrijving en BSN werkt iemand in Utrecht legaal: geen registratieplicht",
        "utrecht",
        "2025-06-01",
        WINDOW,
        dict(kvk={"registered": False}, has_bsn=False),
    ),
    # Assen
    ("Thuiswerk zonder vergunning is in Assen legaal", "assen", "2023-05-01", {"kind": "home"}, {}),
    ("Werk in een club zonder vergunning is in Assen illegaal", "assen", "2023-05-01", {"kind": "club", "licence": {"status": "none"}}, {}),
    # Amsterdam
    ("Een twintigjarige werkt in 2012 legaal achter het raam in Amsterdam", "amsterdam", "2012-12-31", WINDOW, dict(birth_date="1992-06-01")),
    (
        "Een twintigjarige achter het raam is in Amsterdam op 2013-01-01 onbepaald: ingangsdatum onzeker",
        "amsterdam",
        "2013-01-01",
        WINDOW,
        dict(birth_date="1992-06-01"),
    ),
    ("Een twintigjarige werkt op 2016-07-08 illegaal als escort in Amsterdam", "amsterdam", "2016-07-08", ESCORT, dict(birth_date="1996-01-01")),
    ("Een twintigjarige werkt op 2016-07-08 legaal in een club in Amsterdam", "amsterdam", "2016-07-08", CLUB, dict(birth_date="1996-01-01")),
    ("Een eenentwintigjarige werkt op haar verjaardag legaal achter het raam in Amsterdam", "amsterdam", "2017-01-01", WINDOW, dict(birth_date="1996-01-01")),
    ("Een zeventienjarige werkt in Amsterdam illegaal, ook in een club", "amsterdam", "2017-01-01", CLUB, dict(birth_date="2000-01-02")),
]

EXPECTED = {"legaal": "legal", "illegaal": "illegal", "onbepaald": "undetermined"}


def _expected(sentence: str) -> str:
    return next(EXPECTED[w] for w in sentence.replace(":", " ").replace(",", " ").split() if w in EXPECTED)


@pytest.mark.parametrize("sentence, municipality, on, workplace, person", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario(sentence, municipality, on, workplace, person):
    assert verdict(municipality, on, workplace, **person) == _expected(sentence), sentence


def test_the_legal_until_of_a_groningen_pass_is_its_last_valid_day():
    case = {"municipality": "groningen", "person": {**ADULT, "intake": WHITE}, "workplace": {**WINDOW, "licence": {**LICENSED, "valid_until": "2030-01-01"}}}
    assert evaluate(case, on="2023-05-01").legal_until.isoformat() == "2024-02-29"


def test_the_legal_until_of_a_regime_change_is_the_day_before_it():
    case = {"municipality": "leeuwarden", "person": {**ADULT, "kvk": {"registered": False}}, "workplace": WINDOW}
    assert evaluate(case, on="2019-06-01").legal_until.isoformat() == "2019-12-31"


def test_the_legal_until_of_a_briton_is_the_end_of_the_brexit_transition():
    case = {
        "municipality": "leeuwarden",
        "person": {**ADULT, "nationalities": ["GB"], "employment": "employed", "residence_document": {"work": "none"}},
        "workplace": WINDOW,
    }
    assert evaluate(case, on="2019-06-01").legal_until.isoformat() == "2020-12-31"


def test_the_legal_until_of_a_residence_document_is_its_last_day():
    case = {
        "municipality": "assen",
        "person": {**ADULT, "nationalities": ["UA"], "residence_document": {"work": "free", "valid_until": "2026-03-31"}},
        "workplace": WINDOW,
    }
    assert evaluate(case, on="2025-01-01").legal_until.isoformat() == "2026-03-31"
