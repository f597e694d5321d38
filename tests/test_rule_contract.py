"""The typed rule contract: findings are made by the named constructors (never a positional
``RuleResult(...)``), every text key a rule can return exists in its ``TEXT`` in both
languages, and the constructors intern equal findings."""

from __future__ import annotations

import ast
import inspect
import string

import pytest

from sekswerk_rules.rules import RULES
from sekswerk_rules.rules.base import Outcome, not_applicable, satisfied, unknown, violated

CONSTRUCTORS = {"satisfied", "not_applicable", "violated", "unknown"}
#: Keyword arguments of a constructor that name a text key of the rule.
TEXT_KEYWORDS = ("remedy", "disputed")


def _calls(rule_class: type) -> list[ast.Call]:
    """Every constructor call in the rule's class and its bases within the package."""
    calls = []
    for klass in rule_class.__mro__:
        if not klass.__module__.startswith("sekswerk_rules.rules") or klass.__name__ in ("Rule", "object"):
            continue
        tree = ast.parse(inspect.getsource(klass))
        calls += [n for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)]
    return calls


def _keys(call: ast.Call) -> list[ast.expr]:
    keys = [call.args[0]] if call.args else []
    return keys + [k.value for k in call.keywords if k.arg in TEXT_KEYWORDS]


def _literals(node: ast.expr) -> set[str] | None:
    """The string values an argument can take, when it is written in the source (or None)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, (str, type(None))):
        return {node.value} if node.value else set()
    if isinstance(node, ast.IfExp):
        a, b = _literals(node.body), _literals(node.orelse)
        return None if a is None or b is None else a | b
    return None


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_text_key_a_rule_can_return_is_in_its_text(key):
    rule = RULES[key]
    source = inspect.getsource(inspect.getmodule(type(rule)))
    assert "RuleResult(" not in source.replace("-> RuleResult", ""), "findings are made by the named constructors"
    returned: set[str] = set()
    for call in _calls(type(rule)):
        if call.func.id not in CONSTRUCTORS:
            continue
        for node in _keys(call):
            values = _literals(node)
            if values is not None:
                returned |= values
    # keys computed at run time (a dict of status names, a disputed key) are listed by the rule's TEXT too:
    returned |= {f"disputed.{k}" for k in getattr(rule.Params, "DISPUTABLE", ())}
    assert returned, key
    assert returned <= set(rule.TEXT), sorted(returned - set(rule.TEXT))


@pytest.mark.parametrize("key", sorted(RULES))
def test_every_text_has_both_languages_with_the_same_arguments(key):
    for name, (nl, en) in RULES[key].TEXT.items():
        # the same arguments, allowing a capitalised variant in one language ("{kind_cap}")
        fields = [{f.lower().removesuffix("_cap") for _, f, _, _ in string.Formatter().parse(t) if f} for t in (nl, en)]
        assert nl and en and fields[0] == fields[1], (key, name)


def test_the_constructors_name_the_outcome_and_intern_equal_findings():
    assert violated("no", facts=("person.has_bsn",), remedy="fix").outcome is Outcome.VIOLATED
    assert unknown("unknown", missing=("person.has_bsn",)).missing == ("person.has_bsn",)
    assert not_applicable("other_kind").outcome is Outcome.NOT_APPLICABLE
    first = satisfied("old_enough", facts=("person.age",), args={"age": 21})
    assert first is satisfied("old_enough", facts=("person.age",), args={"age": 21})
    assert first is not satisfied("old_enough", facts=("person.age",), args={"age": 18})
    assert first.args == (("age", 21),)


def test_facts_are_named_not_indexed():
    for rule in RULES.values():
        source = inspect.getsource(type(rule))
        assert "self.facts[" not in source, rule.key


def test_every_text_key_returned_on_generated_cases_is_in_the_rules_text():
    """Keys computed at run time (``key = ...``) are checked on the differential population."""
    import importlib.util

    from conftest import ROOT
    from sekswerk_rules.case import inconsistencies, parse_case, parse_day
    from sekswerk_rules.errors import CaseError
    from sekswerk_rules.regime import get
    from sekswerk_rules.rules.base import Context

    spec = importlib.util.spec_from_file_location("differential", ROOT / "benchmarks" / "differential.py")
    differential = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(differential)
    seen = set()
    for raw, options in differential.generate(1500, seed=5):
        try:
            case = parse_case(raw)
        except CaseError:
            continue
        on = options.get("on")
        day = parse_day(case.reference_date if on is None else on, "reference_date")
        if inconsistencies(case, day):
            continue
        for active in get(raw["municipality"]).resolve(day).rules:
            result = active.rule.evaluate(case, Context(day, active.params, bool(active.uncertain)))
            for key in (result.text, result.remedy, result.disputed):
                if key is not None:
                    seen.add((active.rule.key, key))
                    assert key in active.rule.TEXT, (active.rule.key, key)
    assert len(seen) > 60
