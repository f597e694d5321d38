"""One fact registry (facts.FACTS): every leaf of a case has one entry, and the scenario labels,
the web form, the questions and the answers are views of it, not tables of their own."""

from __future__ import annotations

from pydantic import BaseModel

from sekswerk_rules import Case, scenarios
from sekswerk_rules.facts import ANSWERS, BY_PATH, FACTS, QUESTIONS
from sekswerk_rules.presentation import web

#: Leaves of a case that are no facts about the sex work: the case's own reference and where
#: and when it is judged, and the personal numbers that are checked and then dropped.
NOT_FACTS = {"id", "municipality", "reference_date", "person.bsn", "person.kvk.number"}


def _leaves(model: type[BaseModel], prefix: str = "") -> set[str]:
    leaves = set()
    for name, field in model.model_fields.items():
        inner = [a for a in getattr(field.annotation, "__args__", (field.annotation,)) if isinstance(a, type) and issubclass(a, BaseModel)]
        if inner:
            leaves |= _leaves(inner[0], f"{prefix}{name}.")
        elif isinstance(field.annotation, type) and issubclass(field.annotation, BaseModel):
            leaves |= _leaves(field.annotation, f"{prefix}{name}.")
        else:
            leaves.add(prefix + name)
    return leaves


def test_every_leaf_of_a_case_is_one_fact_in_the_registry():
    paths = [fact.path for fact in FACTS]
    assert len(paths) == len(set(paths))
    assert set(paths) == _leaves(Case) - NOT_FACTS


def test_the_scenario_labels_the_form_and_the_advice_are_views_of_the_registry():
    assert [(label.name, label.path, label.description) for label in scenarios.LABELS] == [(f.name, f.path, f.description) for f in FACTS]
    for path, _, english, _, choices in web.FIELDS:
        fact = BY_PATH[path]
        assert english == fact.label_en
        if isinstance(fact.values, dict):
            assert [(value, nl, en) for value, nl, en in choices[1:]] == [(code, word.nl, word.en) for code, word in fact.values.items()]
    assert {f.path: f.question for f in FACTS if f.question} == QUESTIONS
    assert set(ANSWERS) == set(QUESTIONS)
