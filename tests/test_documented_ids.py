"""Every rule key appears once in code and once in the docs."""

from conftest import ROOT
from sekswerk_rules.rules import RULE_KEYS, RULES


def test_every_rule_key_is_documented_once():
    text = (ROOT / "docs" / "regels.md").read_text()
    documented = sorted(line.split("`")[1] for line in text.splitlines() if line.startswith("| `"))
    assert documented == list(RULE_KEYS)


def test_every_rule_module_has_a_docstring_with_doctests():
    import sys

    for rule in RULES.values():
        module = sys.modules[type(rule).__module__]
        assert module.__doc__ and ">>>" in module.__doc__, module.__name__
        assert "http" in module.__doc__, module.__name__
