"""Scenario tables: every threshold and date boundary of the domain brief, named as sentences.

Each scenario is a complete, otherwise legal Leeuwarden window case with one thing changed,
so the verdict turns on exactly the boundary the sentence names.
"""

from __future__ import annotations

import pytest

from sekswerk_rules import evaluate

BASE_PERSON = {
    "birth_date": "1970-03-15",
    "human_trafficking": "not_established",
    "kvk": {"registered": True},
    "has_bsn": True,
}
WINDOW = {"kind": "window", "licence": {"status": "valid", "requirements_met": True}}


def verdict(on: str, municipality: str = "leeuwarden", workplace=None, **person) -> str:
    case = {"municipality": municipality, "person": {**BASE_PERSON, **person}, "workplace": WINDOW if workplace is None else workplace}
    return evaluate(case, on=on).verdict.value


SELF = {"employment": "self_employed"}
EMPLOYED = {"employment": "employed", "residence_document": {"work": "none"}}

SCENARIOS = [
    # EU-8: transition 2004-05-01 to 2007-04-30
    (
        "Een Poolse werknemer werkt op 2004-04-30 illegaal: Polen is nog geen EU-lid",
        "2004-04-30",
        dict(nationalities=["PL"], residence_document={"work": "none"}, **SELF),
        "illegal",
    ),
    ("Een Poolse zelfstandige werkt op 2004-05-01 legaal: de eerste dag van de toetreding", "2004-05-01", dict(nationalities=["PL"], **SELF), "legal"),
    ("Een Poolse werknemer werkt op 2004-05-01 illegaal: loondienst vraagt een TWV", "2004-05-01", dict(nationalities=["PL"], **EMPLOYED), "illegal"),
    (
        "Een Poolse werknemer werkt op 2007-04-30 illegaal: de laatste dag van de overgangsregeling",
        "2007-04-30",
        dict(nationalities=["PL"], **EMPLOYED),
        "illegal",
    ),
    ("Een Poolse werknemer werkt op 2007-05-01 legaal: de overgangsregeling is voorbij", "2007-05-01", dict(nationalities=["PL"], **EMPLOYED), "legal"),
    ("Een Maltese werknemer werkt op 2004-05-01 legaal: Malta had geen overgangsregeling", "2004-05-01", dict(nationalities=["MT"], **EMPLOYED), "legal"),
    # Bulgaria and Romania: 2007-01-01 to 2013-12-31
    (
        "Een Roemeense zelfstandige werkt op 2006-12-31 illegaal zonder verblijfsdocument",
        "2006-12-31",
        dict(nationalities=["RO"], residence_document={"work": "none"}, **SELF),
        "illegal",
    ),
    ("Een Roemeense zelfstandige werkt op 2007-01-01 legaal achter het raam", "2007-01-01", dict(nationalities=["RO"], **SELF), "legal"),
    ("Een Roemeense zelfstandige werkt in 2012 legaal achter het raam", "2012-06-01", dict(nationalities=["RO"], **SELF), "legal"),
    (
        "Een Bulgaarse werknemer werkt op 2013-12-31 illegaal: de laatste dag van de overgangsregeling",
        "2013-12-31",
        dict(nationalities=["BG"], **EMPLOYED),
        "illegal",
    ),
    ("Een Bulgaarse werknemer werkt op 2014-01-01 legaal: vrij verkeer", "2014-01-01", dict(nationalities=["BG"], **EMPLOYED), "legal"),
    # Croatia: 2013-07-01 to 2018-06-30
    (
        "Een Kroatische werknemer werkt op 2013-07-01 illegaal: de eerste dag van de overgangsregeling",
        "2013-07-01",
        dict(nationalities=["HR"], **EMPLOYED),
        "illegal",
    ),
    ("Een Kroatische zelfstandige werkt op 2013-07-01 legaal", "2013-07-01", dict(nationalities=["HR"], **SELF), "legal"),
    (
        "Een Kroatische werknemer werkt op 2018-06-30 illegaal: de laatste dag van de overgangsregeling",
        "2018-06-30",
        dict(nationalities=["HR"], **EMPLOYED),
        "illegal",
    ),
    ("Een Kroatische werknemer werkt op 2018-07-01 legaal: vrij verkeer", "2018-07-01", dict(nationalities=["HR"], **EMPLOYED), "legal"),
    # United Kingdom
    (
        "Een Britse werknemer werkt op 2020-12-31 legaal: de laatste dag van de Brexit-overgangsperiode",
        "2020-12-31",
        dict(nationalities=["GB"], **EMPLOYED),
        "legal",
    ),
    ("Een Britse werknemer zonder verblijfsdocument werkt op 2021-01-01 illegaal", "2021-01-01", dict(nationalities=["GB"], **EMPLOYED), "illegal"),
    (
        "Een Brit met een verblijfsdocument 'arbeid vrij toegestaan' werkt op 2021-01-01 legaal",
        "2021-01-01",
        dict(nationalities=["GB"], residence_document={"work": "free", "valid_until": "2025-12-31"}),
        "legal",
    ),
    ("Een Brit met een Iers paspoort werkt op 2021-01-01 legaal: de gunstigste nationaliteit telt", "2021-01-01", dict(nationalities=["GB", "IE"]), "legal"),
    # Switzerland and the EEA
    (
        "Een Zwitserse zelfstandige werkt op 2002-05-31 illegaal zonder verblijfsdocument",
        "2002-05-31",
        dict(nationalities=["CH"], residence_document={"work": "none"}, **SELF),
        "illegal",
    ),
    ("Een Zwitserse zelfstandige werkt op 2002-06-01 legaal: het verdrag is in werking", "2002-06-01", dict(nationalities=["CH"], **SELF), "legal"),
    ("Een Noorse werknemer werkt in 2001 legaal: Noorwegen hoort bij de EER", "2001-01-01", dict(nationalities=["NO"], **EMPLOYED), "legal"),
    # Third-country nationals
    (
        "Een Oekraïense met 'arbeid vrij toegestaan' werkt legaal op de laatste geldige dag van haar document",
        "2024-05-01",
        dict(nationalities=["UA"], residence_document={"work": "free", "valid_until": "2024-05-01"}),
        "legal",
    ),
    (
        "Een Oekraïense werkt illegaal de dag nadat haar document verliep",
        "2024-05-02",
        dict(nationalities=["UA"], residence_document={"work": "free", "valid_until": "2024-05-01"}),
        "illegal",
    ),
    (
        "Een Marokkaanse met alleen 'arbeid als zelfstandige' is onbepaald: juridische toetsing nodig",
        "2024-05-01",
        dict(nationalities=["MA"], residence_document={"work": "self_employed", "valid_until": "2026-01-01"}),
        "undetermined",
    ),
    # Age: the 21st birthday and the 18th
    (
        "Een Nederlandse werkt de dag voor haar 21e verjaardag illegaal in Leeuwarden",
        "2024-04-30",
        dict(nationalities=["NL"], birth_date="2003-05-01"),
        "illegal",
    ),
    ("Een Nederlandse werkt op haar 21e verjaardag legaal in Leeuwarden", "2024-05-01", dict(nationalities=["NL"], birth_date="2003-05-01"), "legal"),
    ("Een Nederlandse van 20 werkt illegaal, ook volgens het model", "2024-05-01", dict(nationalities=["NL"], age=20, birth_date=None), "illegal"),
    # Leeuwarden art. 3:8 KvK and BSN duty: "in 2020", exact date unknown
    (
        "Een Nederlandse zonder KvK-inschrijving werkt op 2019-12-31 legaal in Leeuwarden",
        "2019-12-31",
        dict(nationalities=["NL"], kvk={"registered": False}),
        "legal",
    ),
    (
        "Een Nederlandse zonder KvK-inschrijving is op 2020-01-01 onbepaald: de ingangsdatum van art. 3:8 is onzeker",
        "2020-01-01",
        dict(nationalities=["NL"], kvk={"registered": False}),
        "undetermined",
    ),
    ("Een Nederlandse zonder BSN is op 2020-12-31 onbepaald in Leeuwarden", "2020-12-31", dict(nationalities=["NL"], has_bsn=False), "undetermined"),
    (
        "Een Nederlandse zonder KvK-inschrijving werkt op 2021-01-01 illegaal in Leeuwarden",
        "2021-01-01",
        dict(nationalities=["NL"], kvk={"registered": False}),
        "illegal",
    ),
    ("Een Nederlandse zonder BSN werkt op 2021-01-01 illegaal in Leeuwarden", "2021-01-01", dict(nationalities=["NL"], has_bsn=False), "illegal"),
]


@pytest.mark.parametrize("sentence, on, person, expected", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario(sentence, on, person, expected):
    assert verdict(on, **person) == expected, sentence


WORKPLACES = [
    ("Thuiswerk is in Leeuwarden illegaal", {"kind": "home"}, "illegal"),
    ("Werk in een club zonder vergunning is illegaal", {"kind": "club", "licence": {"status": "none"}}, "illegal"),
    ("Werk in een club met geschorste vergunning is illegaal", {"kind": "club", "licence": {"status": "suspended"}}, "illegal"),
    ("Werk in een club met ingetrokken vergunning is illegaal", {"kind": "club", "licence": {"status": "revoked"}}, "illegal"),
    ("Werk bij een bedrijf dat niet aan de eisen voldoet is illegaal", {"kind": "club", "licence": {"status": "valid", "requirements_met": False}}, "illegal"),
    ("Werk bij een vergund bedrijf waarvan de eisen onbekend zijn is onbepaald", {"kind": "club", "licence": {"status": "valid"}}, "undetermined"),
    ("Escort via een vergund escortbedrijf is legaal", {"kind": "escort", "licence": {"status": "valid", "requirements_met": True}}, "legal"),
    ("Straatprostitutie binnen de aangewezen zone is legaal", {"kind": "street", "in_designated_zone": True}, "legal"),
    ("Straatprostitutie buiten de aangewezen zone is illegaal", {"kind": "street", "in_designated_zone": False}, "illegal"),
    ("Een onbekende werkplek is onbepaald", {}, "undetermined"),
]


@pytest.mark.parametrize("sentence, workplace, expected", WORKPLACES, ids=[s[0] for s in WORKPLACES])
def test_workplace(sentence, workplace, expected):
    assert verdict("2024-05-01", workplace=workplace, nationalities=["NL"]) == expected, sentence


def test_thuiswerk_is_not_forbidden_by_the_model_apv():
    assert verdict("2024-05-01", municipality="model-apv", workplace={"kind": "home"}, nationalities=["NL"]) == "legal"
