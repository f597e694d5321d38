"""Remedies that are proven, never offered for what cannot change; questions that settle the most."""

from __future__ import annotations

import json

import pytest

from conftest import EXAMPLES
from sekswerk_rules import evaluate
from sekswerk_rules.advice import FIXES, apply_plan
from sekswerk_rules.facts import ANSWERS, QUESTIONS
from sekswerk_rules.rules import RULES

NOT_ACTIONABLE = {"person.birth_date", "person.age", "person.nationalities", "person.human_trafficking"}

ILLEGAL_EXAMPLES = sorted(p for p in EXAMPLES.glob("leeuwarden/illegaal-*.json"))


@pytest.mark.parametrize("path", ILLEGAL_EXAMPLES, ids=lambda p: p.stem)
def test_every_remedy_plan_of_an_example_makes_it_legal_when_applied(path):
    case = json.loads(path.read_text())
    decision = evaluate(case)
    plan = decision.remedy_plan
    assert plan is not None
    if plan.makes_legal:
        assert plan.steps
        assert evaluate(apply_plan(case, decision)).verdict.value == "legal"
    elif plan.steps:  # facts still unknown: the steps end every violation
        assert evaluate(apply_plan(case, decision)).verdict.value == "undetermined"


def test_with_facts_unknown_the_plan_ends_the_violation_and_does_not_call_them_irreparable():
    case = {"municipality": "GM0080", "reference_date": "2024-05-01", "workplace": {"kind": "window", "licence": {"status": "none"}}}
    decision = evaluate(case)
    plan = decision.remedy_plan
    assert decision.verdict.value == "illegal"
    assert [s.id for s in plan.steps] == ["vergunning"] and plan.makes_legal is False
    assert plan.summary.startswith("Met deze verandering(en) is geen regel meer overtreden; of het dan legaal is, hangt af van feiten die nog onbekend zijn")
    assert "niet te herstellen" not in plan.summary
    assert evaluate(apply_plan(case, decision)).verdict.value == "undetermined"
    assert evaluate(case, lang="en").remedy_plan.summary.startswith("With these change(s) no rule is violated any more")


def test_with_facts_unknown_and_a_violation_no_change_ends_it_says_so():
    case = {"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"age": 19}, "workplace": {"kind": "window"}}
    plan = evaluate(case).remedy_plan
    assert plan.steps == [] and plan.makes_legal is False
    assert plan.summary == (
        "Geen van de veranderingen die het advies onderzoekt (inschrijvingen, intake en pas, vergunning, verblijfsdocument, werkvorm, werkplek of zone) heft de overtreding op;"
        " daarnaast zijn nog feiten onbekend (bij de regels met uitkomst onbekend)."
    )


REMEDIES = [
    ("Zonder KvK-inschrijving: inschrijven", "illegaal-geen-kvk", ["kvk"]),
    ("Thuiswerk in Leeuwarden: naar een vergund bedrijf", "illegaal-thuiswerk", ["werkplek"]),
    ("Een club zonder vergunning: een vergund bedrijf", "illegaal-geen-vergunning", ["vergunning"]),
    ("Een verlopen vergunning: een vergund bedrijf", "illegaal-vergunning-verlopen", ["vergunning"]),
    ("Straat in Leeuwarden, dat geen zone heeft: bij een vergund bedrijf werken", "illegaal-straat-buiten-zone", ["werkplek"]),
    ("Roemeense werknemer in 2012: als zelfstandige werken", "illegaal-roemeense-loondienst-2012", ["zelfstandige"]),
    ("Te jong: geen herstel", "illegaal-te-jong", []),
    ("Geen werkvergunning buiten de EER: geen herstel", "illegaal-geen-werkvergunning", []),
    ("Mensenhandel: verwijzing, geen herstel", "illegaal-mensenhandel", []),
]


@pytest.mark.parametrize("sentence, name, steps", REMEDIES, ids=[r[0] for r in REMEDIES])
def test_the_remedy_plan_is_the_smallest_actionable_change(sentence, name, steps):
    decision = evaluate(json.loads((EXAMPLES / "leeuwarden" / f"{name}.json").read_text()))
    assert [s.id for s in decision.remedy_plan.steps] == steps
    assert decision.remedy_plan.makes_legal == bool(steps)


def test_a_trafficking_case_gets_a_referral_not_a_remedy():
    decision = evaluate(json.loads((EXAMPLES / "leeuwarden" / "illegaal-mensenhandel.json").read_text()))
    assert "zorgcoördinator mensenhandel" in decision.remedy_plan.summary
    assert next(a.id for a in decision.advisories) == "mensenhandel-vastgesteld"


def test_no_fix_touches_age_nationality_or_trafficking():
    for fix in FIXES:
        assert not NOT_ACTIONABLE & set(fix.facts), fix.id


def _groningen_window(intake_date: str, colour: str) -> dict:
    """An adult Dutch window worker in Groningen on 2024-05-01 with an intake of this date and colour."""
    return {
        "municipality": "groningen",
        "reference_date": "2024-05-01",
        "person": {
            "age": 30,
            "nationalities": ["NL"],
            "human_trafficking": "not_established",
            "intake": {"done": True, "date": intake_date, "pass_colour": colour},
        },
        "workplace": {"kind": "window", "licence": {"status": "valid", "requirements_met": True}},
    }


def test_an_expired_groningen_pass_is_remedied_by_a_new_intake():
    case = _groningen_window("2022-01-01", "white")
    decision = evaluate(case)
    assert [s.id for s in decision.remedy_plan.steps] == ["intake"]
    assert evaluate(apply_plan(case, decision)).verdict.value == "legal"


def test_a_groningen_pass_of_the_wrong_colour_asks_for_legal_review_not_a_remedy():
    decision = evaluate(_groningen_window("2023-01-01", "green"))
    assert decision.verdict.value == "undetermined" and decision.remedy_plan is None
    assert decision.rule("intake-en-pas").remedy.startswith("Laat juridisch toetsen welke lezing geldt")


def test_legal_and_undetermined_decisions_have_no_remedy_plan():
    legal = evaluate(json.loads((EXAMPLES / "leeuwarden" / "legaal-raam.json").read_text()))
    undetermined = evaluate(json.loads((EXAMPLES / "leeuwarden" / "onbepaald-mensenhandel-onbekend.json").read_text()))
    assert legal.remedy_plan is None and undetermined.remedy_plan is None
    assert legal.next_questions == []


def test_the_first_question_is_the_one_that_settles_the_verdict():
    case = {
        "municipality": "leeuwarden",
        "reference_date": "2024-05-01",
        "person": {"age": 30, "nationalities": ["NL"], "kvk": {"registered": True}},
        "workplace": {"kind": "window", "licence": {"status": "valid"}},
    }
    decision = evaluate(case)
    facts = [q.fact for q in decision.next_questions]
    assert sorted(facts) == sorted(decision.missing_facts)
    # the trafficking answer or the requirements answer decides at once; the BSN does too
    assert facts[-1] not in ("person.human_trafficking",) or len(facts) == 1


def test_every_fact_a_rule_can_miss_has_a_question_and_answers():
    paths = {p for rule in RULES.values() for p in rule.facts}
    assert paths - {"person.age", "person.bsn"} <= set(QUESTIONS) == set(ANSWERS)


def test_next_questions_are_in_english_on_request():
    decision = evaluate({"municipality": "utrecht"}, on="2025-06-01", lang="en")
    assert decision.next_questions[0].question.endswith("?")
    assert all(q.question.isascii() for q in decision.next_questions)


def test_a_twenty_year_old_is_told_it_becomes_legal_at_21_not_that_nothing_helps():
    case = {
        "municipality": "leeuwarden",
        "reference_date": "2024-05-01",
        "person": {
            "birth_date": "2003-09-10",
            "nationalities": ["NL"],
            "human_trafficking": "not_established",
            "kvk": {"registered": True},
            "has_bsn": True,
            "employment": "self_employed",
        },
        "workplace": {"kind": "window", "licence": {"status": "valid", "requirements_met": True}},
    }
    plan = evaluate(case).remedy_plan
    assert plan.steps == [] and plan.makes_legal is False
    assert plan.legal_at_age == 21 and "21 jaar wordt" in plan.summary
    english = evaluate(case, lang="en").remedy_plan  # made once per age and language (a mutation run)
    assert english.legal_at_age == 21 and "turns 21" in english.summary
    assert "2024-09-10" not in plan.summary and "10 september" not in plan.summary  # never the birth date
    assert evaluate(case, on="2024-09-10").verdict.value == "legal"


def test_a_minor_gets_no_date_to_wait_for():
    case = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": {"birth_date": "2007-09-10"}, "workplace": {"kind": "window"}}
    plan = evaluate(case).remedy_plan
    assert plan.legal_at_age is None


def test_the_questions_are_the_same_when_every_rule_runs_again_for_each_answer():
    """The engine re-runs only the rules that read the fact asked (``Plan.outcomes_after``);
    ``next_questions`` on its own re-runs every rule (``plan.outcomes_on``): same order, same
    questions, on undetermined generated cases."""
    import random
    from datetime import date, timedelta

    from sekswerk_rules import advice, parse_case
    from sekswerk_rules.engine import _prepare
    from sekswerk_rules.synth import case as synth_case

    rng = random.Random(15)
    compared = 0
    for _ in range(300):
        on = date(2001, 1, 1) + timedelta(days=rng.randint(0, 9500))
        case = synth_case(rng, rng.choice(["leeuwarden", "groningen", "utrecht", "amsterdam"]), on)
        for part in ("person", "workplace"):  # leave a few more facts unknown
            for key in [k for k in case.get(part, {}) if rng.random() < 0.2]:
                del case[part][key]
        parsed, regime, day, plan, _ = _prepare(parse_case(case))
        findings = plan.run(parsed, day)
        missing = [m for f in findings if f.outcome.value == "unknown" for m in f.missing]
        missing = [m for m in dict.fromkeys(missing) if m in QUESTIONS]
        if not missing:
            continue
        results = [(f.active, f) for f in findings]
        every_rule = advice.next_questions(parsed, regime, day, results, missing, "nl")  # type: ignore[arg-type]
        fewer = advice.next_questions(parsed, regime, day, results, missing, "nl", outcomes_after=plan.outcomes_after(findings, day))  # type: ignore[arg-type]
        assert [q.fact for q in fewer] == [q.fact for q in every_rule]
        compared += 1
    assert compared > 50


def test_a_copied_case_whose_part_contradicts_itself_is_refused_by_the_remedy_search_without_its_values():
    """A ``Case`` changed with ``model_copy`` is taken as it is. Where the remedy search's
    candidate (each changed part checked) is refused, the case is read whole as the search
    always did: a ``CaseError`` that names the field, never pydantic's error, which holds the
    case's values (found by a review of the faster search)."""
    from sekswerk_rules import CaseError, parse_case
    from sekswerk_rules.case import PopulationRegister

    facts = {
        "municipality": "groningen",
        "reference_date": "2024-05-01",
        "person": {"birth_date": "1994-01-01", "nationalities": ["NL"], "human_trafficking": "not_established", "has_bsn": False, "intake": {"done": False}},
        "workplace": {"kind": "window", "licence": {"status": "valid", "requirements_met": True}},
    }
    assert [step.id for step in evaluate(facts).remedy_plan.steps] == ["intake"]
    case = parse_case(facts)
    person = case.person.model_copy(update={"population_register": PopulationRegister.BRP})  # contradicts has_bsn: false
    copied = case.model_copy(update={"person": person})
    with pytest.raises(CaseError, match=r"person\.has_bsn") as refused:
        evaluate(copied)
    error: BaseException | None = refused.value
    while error is not None:
        assert "1994" not in repr(vars(error))
        error = error.__cause__ or error.__context__


def test_a_copied_case_whose_part_contradicts_itself_gets_a_plan_that_leaves_that_part_alone():
    """Only the parts a candidate plan changes are checked: a copied ``Case`` whose person
    contradicts itself, at a club without a licence, gets the licence plan (the case is taken as
    it is, as the engine says of a ``model_copy``)."""
    from sekswerk_rules import parse_case
    from sekswerk_rules.case import PopulationRegister

    facts = {
        "municipality": "model-apv",
        "reference_date": "2024-05-01",
        "person": {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established", "has_bsn": False},
        "workplace": {"kind": "club", "licence": {"status": "none"}},
    }
    case = parse_case(facts)
    copied = case.model_copy(update={"person": case.person.model_copy(update={"population_register": PopulationRegister.BRP})})
    assert [step.id for step in evaluate(copied).remedy_plan.steps] == [step.id for step in evaluate(facts).remedy_plan.steps] == ["vergunning"]


def test_a_candidate_plan_is_judged_on_the_day_evaluated_not_on_the_cases_own_date():
    """As an answer to a next question is (below): a copied ``Case`` whose own reference date
    does not fit its facts, evaluated on a day that does, gets the remedy plan of the same facts
    on that day."""
    from datetime import date

    from sekswerk_rules import parse_case

    facts = {
        "municipality": "leeuwarden",
        "reference_date": "2024-05-01",
        "person": {
            "birth_date": "1994-01-01",
            "age": 30,
            "nationalities": ["NL"],
            "human_trafficking": "not_established",
            "kvk": {"registered": False},
            "has_bsn": False,
        },
        "workplace": {"kind": "home"},
    }
    copied = parse_case(facts).model_copy(update={"reference_date": date(2023, 6, 1)})  # age 30 does not fit that day
    assert evaluate(copied, on="2024-05-01").remedy_plan == evaluate(facts).remedy_plan


def test_an_answer_is_judged_on_the_day_evaluated_not_on_the_cases_own_date():
    """The advice checks the part that holds an answer, not the case's own check above it: a case
    whose own reference date does not fit its facts (a ``model_copy``), evaluated on a day that
    does, gets the questions of the same facts on that day."""
    from datetime import date

    from sekswerk_rules import parse_case

    facts = {"municipality": "groningen", "reference_date": "2024-05-01", "person": {"birth_date": "1990-03-04", "age": 34}}
    copied = parse_case(facts).model_copy(update={"reference_date": date(2024, 1, 1)})
    assert [q.fact for q in evaluate(copied, on="2024-05-01").next_questions] == [q.fact for q in evaluate(facts).next_questions]


_WORKING = {"age": 30, "human_trafficking": "not_established", "kvk": {"registered": True}, "has_bsn": True}
_LICENSED = {"kind": "window", "licence": {"status": "valid", "requirements_met": True}}


@pytest.mark.parametrize(("work", "steps"), [("free", ["verblijfsdocument"]), ("self_employed", [])])
def test_only_a_document_that_permits_work_freely_is_renewed_for_a_year(work, steps):
    """The renewal fix extends a 'work freely permitted' document by a year from the reference
    date; a document for self-employed work only is not the remedy's to renew."""
    from sekswerk_rules.advice import apply_plan

    case = {
        "municipality": "leeuwarden",
        "reference_date": "2024-05-01",
        "person": {**_WORKING, "nationalities": ["UA"], "residence_document": {"work": work, "valid_until": "2024-01-31"}},
        "workplace": _LICENSED,
    }
    decision = evaluate(case)
    assert decision.verdict.value == "illegal"
    assert [step.id for step in decision.remedy_plan.steps] == steps
    if steps:
        renewed = apply_plan(case, decision)
        assert renewed["person"]["residence_document"] == {"work": "free", "valid_until": "2025-05-01"}
        assert evaluate(renewed).verdict.value == "legal"


@pytest.mark.parametrize(("kind", "colour"), [("window", "white"), ("club", "green")])
def test_the_intake_fix_asks_for_the_pass_colour_of_the_workplace(kind, colour):
    """Groningen: a white pass for windows, a green one for other premises (the regime's colours)."""
    from sekswerk_rules.advice import apply_plan

    case = {
        "municipality": "groningen",
        "reference_date": "2024-05-01",
        "person": {**_WORKING, "nationalities": ["NL"], "intake": {"done": False}},
        "workplace": {**_LICENSED, "kind": kind},
    }
    decision = evaluate(case)
    assert [step.id for step in decision.remedy_plan.steps] == ["intake"]
    applied = apply_plan(case, decision)
    assert applied["person"]["intake"] == {"done": True, "date": "2024-05-01", "pass_colour": colour}
    assert evaluate(applied).verdict.value == "legal"


def test_waiting_for_a_birthday_is_promised_only_where_the_same_facts_are_then_legal():
    too_young = {"birth_date": "2004-01-01", "nationalities": ["NL"], "kvk": {"registered": True}, "has_bsn": True}
    case = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": too_young, "workplace": _LICENSED}
    unknown_trafficking = evaluate(case).remedy_plan  # at 21 still undetermined: no promise
    assert (unknown_trafficking.legal_at_age, unknown_trafficking.steps) == (None, [])
    case["person"] = {**too_young, "human_trafficking": "not_established"}
    assert evaluate(case).remedy_plan.legal_at_age == 21


def test_an_applied_plan_shares_nothing_with_the_case():
    from sekswerk_rules.advice import apply_plan

    person = {"age": 30, "nationalities": ["NL"], "human_trafficking": "not_established", "kvk": {"registered": False}, "has_bsn": False}
    case = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": person, "workplace": {"kind": "home"}}
    applied = apply_plan(case, evaluate(case))
    applied["person"]["nationalities"].append("RO")
    assert case["person"]["nationalities"] == ["NL"]


@pytest.mark.parametrize(
    ("person", "english"),
    [
        ({"age": 30, "human_trafficking": "established"}, "Human trafficking"),
        ({"age": 30, "nationalities": ["UA"], "human_trafficking": "not_established", "residence_document": {"work": "none"}}, "None of the changes"),
    ],
)
def test_a_remedy_without_steps_is_in_the_language_asked_each_time(person, english):
    """A referral, or no remedy at all: the same plan is made once per language and shared."""
    case = {"municipality": "leeuwarden", "reference_date": "2024-05-01", "person": person}
    dutch = evaluate(case).remedy_plan.summary
    assert not dutch.startswith(english)
    assert evaluate(case, lang="en").remedy_plan.summary.startswith(english)


def test_an_answer_that_contradicts_the_other_facts_on_the_day_is_never_evaluated():
    # Found by a mutation run: the engine's cases never reach it, so the check is called directly
    # (a licence said valid, asked until when: the day before is no answer).
    from datetime import date

    from sekswerk_rules.advice import next_questions
    from sekswerk_rules.case import inconsistencies, parse_case
    from sekswerk_rules.decision import Verdict

    day = date(2024, 5, 1)
    case = parse_case({"reference_date": "2024-05-01", "workplace": {"kind": "club", "licence": {"status": "valid"}}})
    seen = []

    def outcomes_after(answered, paths):
        seen.append(answered)
        return Verdict.UNDETERMINED, []

    next_questions(case, None, day, [], ["workplace.licence.valid_until"], "nl", outcomes_after=outcomes_after)
    assert seen and not any(inconsistencies(answered, day) for answered in seen)


def test_steps_that_end_the_violation_but_do_not_make_it_legal_have_their_own_heading():
    from sekswerk_rules.presentation import render, web

    case = {"municipality": "GM0080", "reference_date": "2024-05-01", "workplace": {"kind": "window", "licence": {"status": "none"}}}
    decision = evaluate(case)
    for shown in (render.text(decision, "nl"), render.markdown(decision, "nl"), web.render_decision(decision, "nl")):
        assert "Wat heft de overtreding op" in shown and "Wat maakt dit legaal" not in shown
    legal_plan = evaluate(json.loads((EXAMPLES / "leeuwarden" / "illegaal-geen-kvk.json").read_text()))
    assert "Wat maakt dit legaal" in render.text(legal_plan, "nl")


def test_with_facts_unknown_and_only_the_municipal_age_in_the_way_time_is_named():
    case = {"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"birth_date": "2004-01-01"}, "workplace": {"kind": "window"}}
    plan = evaluate(case).remedy_plan
    assert plan.steps == [] and plan.makes_legal is False and plan.legal_at_age is None
    assert plan.summary.startswith(
        "Geen van de onderzochte veranderingen heft de overtreding nu op; met dezelfde feiten is er geen overtreding meer vanaf de dag waarop de sekswerker 21 jaar wordt."
    )
    assert "2004" not in plan.summary  # an age, never the birth date


#: A Ukrainian without permission to work, every other fact known and in order: no change helps.
KNOWN_NO_FIX = {
    "municipality": "GM0080",
    "reference_date": "2024-05-01",
    "person": {
        "age": 30,
        "nationalities": ["UA"],
        "residence_document": {"work": "none", "valid_until": "2026-01-01"},
        "employment": "self_employed",
        "human_trafficking": "not_established",
        "kvk": {"registered": True},
        "has_bsn": True,
    },
    "workplace": {"kind": "window", "licence": {"status": "valid", "valid_until": "2026-12-31", "requirements_met": True}},
}


def test_with_every_fact_known_and_no_fix_the_summary_says_no_change_helps_and_nothing_of_unknown_facts():
    decision = evaluate(KNOWN_NO_FIX)
    assert decision.verdict.value == "illegal" and not [r for r in decision.rules if r.outcome.value == "unknown"]
    assert decision.remedy_plan.steps == []
    assert decision.remedy_plan.summary.startswith("Geen van de veranderingen die het advies onderzoekt (inschrijvingen, intake en pas, vergunning, verblijfsdocument, werkvorm, werkplek of zone) maakt dit legaal")
    assert "onbekend" not in decision.remedy_plan.summary


@pytest.mark.parametrize(
    "case",
    [
        {"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"age": 19}, "workplace": {"kind": "window"}},  # no change ends it
        {"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"birth_date": "2004-01-01"}, "workplace": {"kind": "window"}},  # time does
        KNOWN_NO_FIX,  # every fact known, and nothing helps
    ],
    ids=["none with facts unknown", "wait with facts unknown", "none"],
)
def test_a_summary_made_once_is_still_in_the_language_asked_for(case):
    dutch, english = evaluate(case, lang="nl").remedy_plan.summary, evaluate(case, lang="en").remedy_plan.summary
    assert dutch.startswith("Geen van de") and english.startswith("None of the changes")
    assert evaluate(case, lang="nl").remedy_plan.summary == dutch


def test_a_summary_without_steps_about_the_violation_has_the_violations_heading():
    from sekswerk_rules.presentation import render

    case = {"municipality": "GM0080", "reference_date": "2024-05-01", "person": {"birth_date": "2004-01-01"}, "workplace": {"kind": "window"}}
    shown = render.text(evaluate(case), "nl")
    assert "Wat heft de overtreding op" in shown and "Wat maakt dit legaal" not in shown


def test_every_fix_sets_all_the_paths_it_declares_or_none():
    # The search works out which failing rules a fix reaches from ``_Fix.sets`` once per way of
    # failing, not from each case's changes: they must agree on every case.
    import random
    from datetime import date, timedelta

    from sekswerk_rules.advice import _reader
    from sekswerk_rules.case import parse_case
    from sekswerk_rules.regime import get
    from sekswerk_rules.synth import case as synth_case

    rng = random.Random(15)
    seen: dict[str, set[tuple[str, ...]]] = {fix.id: set() for fix in FIXES}
    for _ in range(400):
        municipality = rng.choice(["leeuwarden", "model-apv", "groningen", "utrecht", "assen", "amsterdam"])
        day = date(2001, 1, 1) + timedelta(days=rng.randrange(9500))
        regime = get(municipality)
        if day < regime.boundaries()[0]:
            continue
        params = {a.rule.key: a.params_json for a in regime.resolve(day).rules}
        read = _reader(parse_case(synth_case(rng, municipality, day)))
        for fix in FIXES:
            paths = tuple(fix.changes(read, day, params))
            assert paths in ((), fix.sets), fix.id
            seen[fix.id].add(paths)
    assert all(fix.sets in seen[fix.id] for fix in FIXES)


def test_an_age_violation_that_ends_on_a_birthday_when_a_newer_rule_asks_for_facts_names_the_age():
    # Leeuwarden, 1 March 2020: 20 years old, every fact the rules of the day read is known, and
    # only the minimum age of 21 is violated. On the 21st birthday (1 June 2020) the KvK and BSN
    # duties are in force, and their facts are not given: no violation then, but not legal either.
    case = {
        "municipality": "leeuwarden",
        "reference_date": "2020-03-01",
        "person": {"birth_date": "1999-06-01", "nationalities": ["NL"], "human_trafficking": "not_established"},
        "workplace": {"kind": "private_house", "licence": {"status": "valid", "requirements_met": True}},
    }
    decision = evaluate(case)
    assert decision.verdict.value == "illegal" and not any(rule.outcome.value == "unknown" for rule in decision.rules)
    plan = decision.remedy_plan
    assert (plan.steps, plan.makes_legal, plan.legal_at_age) == ([], False, None)
    assert plan.summary.startswith("Geen van de onderzochte veranderingen maakt dit nu legaal; met dezelfde feiten is er geen overtreding meer vanaf de dag waarop de sekswerker 21 jaar wordt.")
    assert "21" in evaluate(case, lang="en").remedy_plan.summary
    assert evaluate(case, on="2020-06-01", advise=False).verdict.value == "undetermined"


def test_a_summary_without_steps_speaks_only_of_the_changes_the_advice_examines():
    # Amsterdam, 2020: a 20-year-old at a licensed club waits for her 21st birthday, though home
    # work that is not a business (the national 18) would be legal now. The advice does not
    # examine that change, so the summary may not say that no change at all helps.
    person = {"birth_date": "2000-01-01", "nationalities": ["NL"], "human_trafficking": "not_established"}
    licence = {"status": "valid", "requirements_met": True}
    club = {"municipality": "amsterdam", "reference_date": "2020-05-01", "person": person, "workplace": {"kind": "club", "licence": licence}}
    summary = evaluate(club).remedy_plan.summary
    assert summary.startswith("Geen van de onderzochte veranderingen maakt dit nu legaal") and "21 jaar" in summary
    home = {**club, "workplace": {"kind": "home", "home": {"business": False}}}
    assert evaluate(home, advise=False).verdict.value == "legal"


def test_working_in_the_zone_is_offered_only_where_the_regime_knows_a_zone_exists():
    # Leeuwarden, 2001: whether there was a zone is not known, so "work in the zone" helps nobody.
    person = {"birth_date": "1980-01-01", "nationalities": ["NL"], "human_trafficking": "not_established"}
    outside = {"municipality": "leeuwarden", "reference_date": "2001-05-01", "person": person, "workplace": {"kind": "street", "in_designated_zone": False}}
    assert [step.id for step in evaluate(outside).remedy_plan.steps] == ["werkplek"]
    amsterdam = {**outside, "municipality": "amsterdam"}  # the Theemsweg zone until 2003-12-15
    assert [step.id for step in evaluate(amsterdam).remedy_plan.steps] == ["zone"]
