"""New facts of the case format: home work run as a business, a UK national's residence
before 2021, and the caller's own reference (issue 11; issue 12)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sekswerk_rules import Case, CaseError, evaluate, parse_case
from sekswerk_rules.case import HomeFacts, Person

LEGAL = {
    "municipality": "leeuwarden",
    "reference_date": "2024-05-01",
    "person": {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established", "kvk": {"registered": True}, "has_bsn": True},
    "workplace": {"kind": "window", "licence": {"status": "valid", "valid_until": "2026-12-31", "requirements_met": True}},
}


def test_home_work_run_as_a_business_is_a_fact_that_is_unknown_when_absent():
    assert parse_case({"workplace": {"home": {}}}).workplace.home.business is None
    assert parse_case({"workplace": {"home": {"business": True}}}).workplace.home.business is True
    assert parse_case({"workplace": {"home": {"business": False}}}).workplace.home.business is False


def test_a_uk_nationals_residence_before_2021_is_a_fact_that_is_unknown_when_absent():
    assert parse_case({}).person.resided_in_nl_before_2021 is None
    assert parse_case({"person": {"nationalities": ["GB"], "resided_in_nl_before_2021": True}}).person.resided_in_nl_before_2021 is True


@pytest.mark.parametrize("path, value", [("workplace", {"home": {"business": "ja"}}), ("person", {"resided_in_nl_before_2021": 1})])
def test_the_new_yes_no_facts_take_only_true_or_false(path, value):
    with pytest.raises(CaseError) as caught:
        parse_case({path: value})
    assert caught.value.codes == ["invalid_type"]


def test_the_new_facts_are_documented_on_their_fields_and_in_the_schema():
    assert "bedrijfsmatig" in (HomeFacts.model_fields["business"].description or "")
    assert "2021-09-30" in (Person.model_fields["resided_in_nl_before_2021"].description or "")
    assert "Not for personal data" in (Case.model_fields["id"].description or "")
    schema = Case.model_json_schema()
    assert "bedrijfsmatig" in schema["$defs"]["HomeFacts"]["properties"]["business"]["description"]


@pytest.mark.parametrize("value", ["zaak-2024/0001", "A", "x" * 64, "urn:case:17.3_b"])
def test_a_case_may_carry_its_own_reference(value):
    assert parse_case({"id": value}).id == value


@pytest.mark.parametrize(
    "value",
    ["", "x" * 65, "zaak 1", "zaak\n1", "jan@example.org", "zaak#1", "\x1b[31m", "ｚａａｋ", 17, True, ["a"]],
    ids=[
        "empty",
        "65 characters",
        "a space",
        "a line break",
        "an e-mail address",
        "a hash",
        "an ANSI escape",
        "fullwidth letters",
        "a number",
        "a boolean",
        "a list",
    ],
)
def test_a_reference_outside_the_allowed_characters_is_refused_without_being_echoed(value):
    with pytest.raises(CaseError) as caught:
        parse_case({"id": value})
    assert caught.value.codes == ["invalid_id"]
    assert caught.value.render("en") == "id: not a valid own reference; use 1 to 64 characters: letters, digits and . _ : / -."
    if isinstance(value, str) and value:
        assert value not in str(caught.value)


def test_the_reference_never_changes_a_decision_and_comes_back_unchanged():
    with_id = evaluate({**LEGAL, "id": "dossier-42"}, advise=True)
    without = evaluate(LEGAL, advise=True)
    assert with_id.id == "dossier-42" and without.id is None
    assert with_id.model_copy(update={"id": None}) == without
    undetermined = {"municipality": "groningen", "reference_date": "2020-01-01", "id": "x"}
    assert evaluate(undetermined).model_copy(update={"id": None}) == evaluate({k: v for k, v in undetermined.items() if k != "id"})


def test_the_case_json_schema_is_the_committed_one():
    """The interchange format's JSON Schema changes only on purpose (it is a contract; custom
    schemas such as ``null`` read as ``{}`` keep it as it was). After a deliberate change:
    ``python -m sekswerk_rules schema > tests/case-schema.json``."""
    committed = json.loads((Path(__file__).parent / "case-schema.json").read_text(encoding="utf-8"))
    assert json.loads(json.dumps(Case.model_json_schema())) == committed
