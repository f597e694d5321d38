"""Facts that contradict each other are refused with `inconsistent_facts` and a stable
reason, never judged (issue 12, points 2 and 8)."""

from __future__ import annotations

from datetime import date

import pytest

from sekswerk_rules import CaseError, parse_case
from sekswerk_rules.case import inconsistencies
from sekswerk_rules.case.contradictions import _INCONSISTENT

CONTRADICTIONS = [
    (
        "an intake that did not happen cannot have a date",
        {"person": {"intake": {"done": False, "date": "2023-02-01"}}},
        "person.intake.done",
        "intake_date_without_done",
    ),
    (
        "an intake that did not happen cannot have given a pass colour",
        {"person": {"intake": {"done": False, "pass_colour": "white"}}},
        "person.intake.done",
        "intake_colour_without_done",
    ),
    (
        "a KvK number with registered false",
        {"person": {"kvk": {"registered": False, "number": "12345678"}}},
        "person.kvk.registered",
        "kvk_number_not_registered",
    ),
    (
        "a BSN with has_bsn false",
        {"person": {"bsn": "123456782", "has_bsn": False}},
        "person.has_bsn",
        "bsn_without_has_bsn",
    ),
    (
        "a registration in the BRP with has_bsn false",
        {"person": {"population_register": "brp", "has_bsn": False}},
        "person.has_bsn",
        "register_without_bsn",
    ),
    (
        "a registration in the RNI with has_bsn false",
        {"person": {"population_register": "rni", "has_bsn": False}},
        "person.has_bsn",
        "register_without_bsn",
    ),
    (
        "residence before 2021 by someone born in 2021",
        {"person": {"birth_date": "2021-01-01", "resided_in_nl_before_2021": True}},
        "person.resided_in_nl_before_2021",
        "resided_before_birth",
    ),
    (
        "an age that does not match the birth date on the case's own reference date",
        {"reference_date": "2024-05-01", "person": {"age": 30, "birth_date": "2000-01-01"}},
        "person.age",
        "age_birth_date",
    ),
]


@pytest.mark.parametrize("what, case, path, reason", CONTRADICTIONS, ids=[c[0] for c in CONTRADICTIONS])
def test_contradicting_facts_are_refused_with_their_own_reason(what, case, path, reason):
    with pytest.raises(CaseError) as caught:
        parse_case(case)
    [problem] = caught.value.problems
    assert (problem.code, problem.path, problem.params["reason"]) == ("inconsistent_facts", path, reason)
    _, nl, en = _INCONSISTENT[reason]
    assert caught.value.render("nl") == f"{path}: tegenstrijdige feiten: {nl}."
    assert caught.value.render("en") == f"{path}: inconsistent facts: {en}."


NOT_CONTRADICTIONS = [
    ("an intake with a date and no 'done'", {"person": {"intake": {"date": "2023-02-01", "pass_colour": "white"}}}),
    ("no intake and nothing else about it", {"person": {"intake": {"done": False}}}),
    ("a KvK number without 'registered'", {"person": {"kvk": {"number": "12345678"}}}),
    ("no registration in a register and no BSN", {"person": {"population_register": "none", "has_bsn": False}}),
    ("a BSN without a registration", {"person": {"population_register": "none", "has_bsn": True}}),
    ("residence before 2021 by someone born in 2020", {"person": {"birth_date": "2020-12-31", "resided_in_nl_before_2021": True}}),
    ("a passport and a residence document", {"person": {"identity_document": {"kind": "passport"}, "residence_document": {"work": "none"}}}),
    (
        "a residence document as identity document with its own dates",
        {"person": {"identity_document": {"kind": "residence_document", "valid_until": "2030-01-01"}, "residence_document": {"valid_until": "2027-01-01"}}},
    ),
    ("a residence document's expiry without what it says about work", {"person": {"residence_document": {"valid_until": "2027-01-01"}}}),
]


@pytest.mark.parametrize("what, case", NOT_CONTRADICTIONS, ids=[c[0] for c in NOT_CONTRADICTIONS])
def test_facts_that_can_both_be_true_are_accepted(what, case):
    assert inconsistencies(parse_case(case), date(2024, 5, 1)) == []


def _reasons(case, day):
    return [(p.path, p.params["reason"]) for p in inconsistencies(parse_case(case), date.fromisoformat(day))]


def test_a_valid_licence_cannot_have_expired_before_the_reference_date_used():
    case = {"workplace": {"licence": {"status": "valid", "valid_until": "2024-04-30"}}}
    assert _reasons(case, "2024-04-30") == []
    assert _reasons(case, "2024-05-01") == [("workplace.licence.status", "licence_valid_but_expired")]


@pytest.mark.parametrize("status", ["none", "suspended", "revoked", None])
def test_an_expiry_before_the_reference_date_is_no_contradiction_without_status_valid(status):
    licence = {"valid_until": "2024-04-30"} | ({"status": status} if status else {})
    assert _reasons({"workplace": {"licence": licence}}, "2024-05-01") == []


def test_an_age_is_checked_against_the_birth_date_on_the_date_actually_used():
    """The caller's date wins over the case's own: the check runs on the day used."""
    case = {"reference_date": "2024-05-01", "person": {"age": 20, "birth_date": "2003-05-02"}}
    assert _reasons(case, "2024-05-01") == []
    assert _reasons(case, "2024-05-02") == [("person.age", "age_birth_date")]
    assert _reasons(case, "2023-05-01") == [("person.age", "age_birth_date")]


def test_a_birth_date_after_the_reference_date_is_refused():
    case = {"person": {"birth_date": "2024-05-02"}}
    assert _reasons(case, "2024-05-02") == []
    assert _reasons(case, "2024-05-01") == [("person.birth_date", "birth_date_after_reference_date")]


def test_a_birth_date_that_makes_the_person_older_than_130_is_refused():
    assert _reasons({"person": {"birth_date": "1894-05-02"}}, "2024-05-01") == []  # 129
    assert _reasons({"person": {"birth_date": "1893-05-02"}}, "2024-05-01") == []  # 130
    assert _reasons({"person": {"birth_date": "1893-05-01"}}, "2024-05-01") == [("person.birth_date", "birth_date_too_early")]
    assert _reasons({"person": {"birth_date": "0001-01-01"}}, "2024-05-01") == [("person.birth_date", "birth_date_too_early")]


def test_an_intake_after_the_reference_date_is_no_contradiction():
    """The intake rule reports it: on the reference date there was no pass yet."""
    assert _reasons({"person": {"intake": {"done": True, "date": "2024-06-01"}}}, "2024-05-01") == []


def test_every_contradiction_found_on_a_day_is_listed():
    case = {"person": {"birth_date": "2030-01-01"}, "workplace": {"licence": {"status": "valid", "valid_until": "2020-01-01"}}}
    assert [r for _, r in _reasons(case, "2024-05-01")] == ["birth_date_after_reference_date", "licence_valid_but_expired"]


def test_a_contradiction_message_names_fields_never_values():
    case = {"person": {"birth_date": "1893-05-01", "age": 21}}
    for problem in inconsistencies(parse_case(case), date(2024, 5, 1)):
        for lang in ("nl", "en"):
            assert "1893" not in problem.message(lang) and "21" not in problem.message(lang)


def test_every_reason_has_a_dutch_and_an_english_detail():
    assert all(nl and en and nl != en for _, nl, en in _INCONSISTENT.values())
    assert len({reason for reason in _INCONSISTENT}) == len(_INCONSISTENT)
