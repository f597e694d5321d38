"""A decision is exactly the decision format of interchange format v1, however it was built."""

from __future__ import annotations

import json

from conftest import EXAMPLES, ROOT
from sekswerk_rules import Case, Decision, evaluate, parse_case
from sekswerk_rules.synth import population

SPEC_KEYS = ["verdict", "municipality", "reference_date", "regime", "legal_until", "rules", "missing_facts", "advisories"]
RULE_KEYS = ["id", "outcome", "explanation", "basis", "facts", "missing", "remedy"]


def test_a_built_decision_equals_a_validated_one():
    for case in population(300, seed=11):
        decision = evaluate(case)
        assert Decision.model_validate(decision.model_dump()) == decision
        assert Decision.model_validate_json(decision.model_dump_json()) == decision


def test_the_decision_has_every_field_of_the_spec_in_order():
    decision = evaluate(json.loads((EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text()))
    data = decision.model_dump(mode="json")
    assert list(data)[: len(SPEC_KEYS)] == SPEC_KEYS
    assert all(list(rule) == RULE_KEYS for rule in data["rules"])
    assert data["municipality"] == {"code": "GM0080", "name": "Leeuwarden"}
    assert all(b["confidence"] in ("high", "medium", "low") and b["citation"] for r in data["rules"] for b in r["basis"])


def test_the_cli_json_is_the_python_decision(cli):
    path = EXAMPLES / "leeuwarden" / "illegaal-thuiswerk.json"
    assert json.loads(cli("check", str(path), "-f", "json").out) == evaluate(json.loads(path.read_text())).model_dump(mode="json")


def test_a_case_survives_a_json_round_trip():
    for raw in population(300, seed=12):
        case = parse_case(raw)
        assert Case.model_validate_json(case.model_dump_json()) == case


def test_decisions_that_share_rule_outcomes_stay_independent_values():
    first = evaluate(json.loads((EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text()))
    second = evaluate(json.loads((EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text()))
    assert first == second and first.rules[0] == second.rules[0]


def test_a_basis_without_a_link_never_prints_none_in_text_or_markdown():
    from sekswerk_rules import load_regime
    from sekswerk_rules.presentation.render import markdown, text

    case = {"person": {"age": 30}, "workplace": {"kind": "window", "in_designated_zone": True}}
    decision = evaluate(case, regime=load_regime(ROOT / "examples" / "voorbeeld" / "voorbeeld.toml"), on="2024-05-01")
    for shown in (text(decision), markdown(decision)):
        assert "None" not in shown and "](None)" not in shown
        assert "tekst niet openbaar gevonden" in shown


def test_advisories_follow_the_signals_of_trafficking_also_when_the_same_findings_were_seen_before():
    case = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"age": 30, "nationalities": ["NL"]}}
    signals = {**case, "person": {**case["person"], "trafficking_signals": True}}
    first, with_signals, again = evaluate(case), evaluate(signals), evaluate(case)
    assert [r.outcome for r in first.rules] == [r.outcome for r in with_signals.rules]  # the same findings
    assert "signalen-mensenhandel" in [a.id for a in with_signals.advisories]
    assert "signalen-mensenhandel" not in [a.id for a in again.advisories]
    assert again.advisories == first.advisories
    assert again.advisories is not first.advisories  # each decision has its own list
    assert [a.id for a in evaluate(case, lang="en").advisories] == [a.id for a in first.advisories]
    assert evaluate(case, lang="en").advisories != first.advisories  # in its own language


def test_the_first_decision_is_built_whatever_the_depth_of_the_callers_stack():
    """``Decision`` defers its build, and pydantic's build at a first use looks up the caller's
    frames: from a raw thread (no Python frames above) ``Evaluation.decision`` raised 'call stack
    is not deep enough' until the engine built the model itself. A fresh process, so the first
    use is this one."""
    import subprocess
    import sys

    code = (
        "import _thread, time\n"
        "from sekswerk_rules.engine import decide\n"
        "evaluation = decide({'municipality': 'leeuwarden', 'reference_date': '2024-05-01'})\n"
        "done = []\n"
        "_thread.start_new_thread(lambda: done.append(evaluation.decision().verdict.value), ())\n"
        "for _ in range(100):\n"
        "    if done: break\n"
        "    time.sleep(0.05)\n"
        "print(done)\n"
    )
    shallow = (
        "import _thread, time\n"
        "from sekswerk_rules import Case\n"
        "from sekswerk_rules.engine import decide\n"
        "evaluation = decide({'municipality': 'leeuwarden', 'reference_date': '2024-05-01'})\n"
        "_thread.start_new_thread(evaluation.decision, ())\n"
        "_thread.start_new_thread(Case, ())\n"
        "time.sleep(1)\n"
    )
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() == "['undetermined']"
    assert "Error" not in subprocess.run([sys.executable, "-c", shallow], capture_output=True, text=True, check=True).stderr
