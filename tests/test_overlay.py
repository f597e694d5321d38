"""The advice's overlay: a case with facts changed, for the rules to read, without copying or
validating the models above a change (``sekswerk_rules.case.change.overlay``). The property test
in ``tests/property/test_changes.py`` compares it with ``with_changes``; these pin its edges."""

from __future__ import annotations

import pytest

from sekswerk_rules.case import model as case_models
from sekswerk_rules.case import parse_case
from sekswerk_rules.case.change import _VALUES, overlay
from sekswerk_rules.case.model import CONTRADICTIONS


def test_a_value_is_validated_as_its_model_validates_it_and_true_is_not_one():
    case = parse_case({"person": {"nationalities": ["NLD"]}})
    assert overlay(case, [("person.age", 1)]).person.age == 1
    with pytest.raises(ValueError):  # strict: a boolean is no age, even after the number 1
        overlay(case, [("person.age", True)])
    assert overlay(case, [("person.has_bsn", True)]).person.has_bsn is True
    with pytest.raises(ValueError):
        overlay(case, [("person.has_bsn", 1)])
    assert overlay(case, [("person.employment", "employed")]).person.nationalities == ["NL"]


def test_facts_within_a_changed_part_that_contradict_each_other_are_refused():
    case = parse_case({"person": {"population_register": "brp", "intake": {"date": "2024-01-01"}}})
    with pytest.raises(ValueError, match="register_without_bsn"):
        overlay(case, [("person.has_bsn", False)])
    with pytest.raises(ValueError, match="intake_date_without_done"):
        overlay(case, [("person.intake.done", False)])
    assert overlay(case, [("person.intake.done", True)]).person.intake.date.isoformat() == "2024-01-01"


def test_a_bsn_or_kvk_number_is_kept_only_as_what_it_says_as_validating_does():
    case = parse_case({})
    changed = overlay(case, [("person.bsn", "123456782"), ("person.kvk.number", "12345678")])
    assert changed.person.has_bsn is True and changed.person.bsn is None
    assert changed.person.kvk.registered is True and changed.person.kvk.number is None


def test_an_overlay_shows_no_fact_and_its_cache_holds_only_the_values_tried():
    _VALUES.clear()
    case = parse_case({"person": {"birth_date": "1990-04-17", "nationalities": ["RO"]}})
    changed = overlay(case, [("person.kvk.registered", True)])
    assert "1990" not in repr(changed) and "1990" not in repr(changed.person)
    assert changed.person.birth_date.isoformat() == "1990-04-17"  # read from the case's own model
    assert list(_VALUES) == [(case_models.Kvk, "registered", (bool, True))]


def test_every_check_of_a_part_is_known_to_the_overlay():
    # A part's model validator that the overlay does not make would let a contradiction through.
    # Kvk's concerns the KvK number, which the overlay leaves to ``with_changes``; the case's own
    # (age against birth date on its reference date) is checked on the day the engine uses.
    checked = {
        model
        for model in vars(case_models).values()
        if isinstance(model, type) and issubclass(model, case_models._Model) and model.__pydantic_decorators__.model_validators
    }
    assert checked == {*CONTRADICTIONS, case_models.Kvk, case_models.Case}


def test_changes_to_a_part_the_case_lacks_are_checked_against_each_other():
    with pytest.raises(ValueError, match="intake_date_without_done"):
        overlay(parse_case({}), [("person.intake.done", False), ("person.intake.date", "2024-01-01")])


def test_a_value_that_cannot_be_a_key_is_validated_each_time():
    assert overlay(parse_case({}), [("person.nationalities", {"NLD"})]).person.nationalities == ["NL"]


def test_a_copied_case_holding_a_part_that_is_no_model_is_changed_by_validating_it():
    """A ``Case`` changed with ``model_copy`` is taken as it is; a part put in as a dict is
    validated where the advice changes the model holding it (found by a review: the rules
    read ``workplace.home.business`` of a dict)."""
    from sekswerk_rules import evaluate

    case = parse_case({"municipality": "model-apv", "reference_date": "2024-05-01", "person": {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established"}})
    copied = case.model_copy(update={"workplace": case.workplace.model_copy(update={"home": {"business": False}})})
    assert overlay(copied, [("workplace.kind", "home")]).workplace.home.business is False
    wrong = case.model_copy(update={"workplace": case.workplace.model_copy(update={"licence": "valid"})})  # no part at all
    with pytest.raises(ValueError):
        overlay(wrong, [("workplace.kind", "club")])
    assert next(question.fact for question in evaluate(copied).next_questions) == "workplace.kind"


def test_a_change_two_levels_inside_a_part_set_whole_is_kept():
    # Found by a mutation run: nothing else pinned the path joined again inside a part set whole.
    from sekswerk_rules.case import with_changes

    case = parse_case({})
    changes = [("workplace", {"kind": "club"}), ("workplace.licence.status", "valid")]
    for changed in (with_changes(case, changes), overlay(case, changes)):
        assert changed.workplace.kind.value == "club"
        assert changed.workplace.licence.status.value == "valid"
