"""A case with facts changed is what validating the whole changed case gives.

The advice asks "what if" many times: ``with_changes`` validates again only the models on the
path of a change (``with_fact``, for one answer, only the model that holds it), and the remedy search reads the facts as the
fixes before it left them (``advice._read_through``) instead of putting them into a dict. Here
both must agree with the plain way: the case dumped to a dict, each value put at its path in
order, the dict read (``facts.get``) and validated whole (``parse_case``). The advice evaluates
its changes on an ``overlay``, which the rules read as they read ``with_changes``' case.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from sekswerk_rules import CaseError, parse_case
from sekswerk_rules.advice import _read_through, _reader
from sekswerk_rules.case import with_changes, with_fact
from sekswerk_rules.case.change import dict_with, overlay
from sekswerk_rules.facts import get
from sekswerk_rules.plan import plan_for
from sekswerk_rules.regime import get as get_regime

from .strategies import LEAVES, partial_cases

#: Paths a change may set: every fact, and the parts the fixes set whole (or to nothing).
PARTS: dict[str, st.SearchStrategy[Any]] = {
    "workplace.licence": st.fixed_dictionaries({}, optional={"status": LEAVES["workplace.licence.status"], "requirements_met": st.booleans()}) | st.none(),
    "person.intake": st.fixed_dictionaries({}, optional={"done": st.booleans(), "pass_colour": LEAVES["person.intake.pass_colour"]}) | st.none(),
    "workplace.home": st.fixed_dictionaries({}, optional={"sole_resident": st.booleans()}) | st.none(),
}
#: The facts inside the parts a fix sets whole.
INSIDE = sorted(leaf for leaf in LEAVES if any(leaf.startswith(part + ".") for part in PARTS))

#: Up to four changes; a third set a part whole and a third a fact inside one, so that changes
#: and reads fall inside a part set whole.
CHANGES = st.lists(
    st.one_of(st.sampled_from(sorted(PARTS)), st.sampled_from(INSIDE), st.sampled_from(sorted(LEAVES))).flatmap(
        lambda path: st.tuples(st.just(path), {**LEAVES, **PARTS}[path])
    ),
    min_size=1,
    max_size=4,
)


def plainly(case: dict[str, Any], changes: list[tuple[str, Any]]) -> dict[str, Any]:
    for path, value in changes:
        case = dict_with(case, path, value)
    return case


@given(partial_cases(), CHANGES)
@settings(max_examples=300)
def test_a_case_with_changes_is_the_whole_changed_case_validated(data, changes):
    case = parse_case(data)
    changed = plainly(case.model_dump(mode="json", exclude_none=True), changes)
    reasons: set[str] = set()
    try:
        expected: Any = parse_case(changed).model_dump()
    except CaseError as refused:
        expected = "refused"
        reasons = {problem.params.get("reason", problem.code) for problem in refused.problems}
    try:
        got: Any = with_changes(case, changes).model_dump()
    except ValueError:
        got = "refused"
    assert got == expected
    if len(changes) == 1:
        try:
            one: Any = with_fact(case, *changes[0]).model_dump()
        except ValueError:
            one = "refused"
        # with_fact validates the model that holds the fact, not the case above it: only the
        # case's own check (age and birth date on its reference date) can let it through.
        assert one == expected or reasons == {"age_birth_date"}


def near(changes: list[tuple[str, Any]]) -> st.SearchStrategy[str]:
    """A path to read: one changed, one inside a part set whole, the part above a changed fact,
    or any; most reads of a search are of paths near a change."""
    changed = [path for path, _ in changes]
    inside = [leaf for leaf in LEAVES for path in changed if leaf.startswith(path + ".")]
    above = [path.rsplit(".", 1)[0] for path in changed if "." in path]
    anywhere = sorted({*LEAVES, *PARTS, "person", "workplace"})
    return st.sampled_from(changed + inside + above or anywhere) | st.sampled_from(anywhere)


@given(partial_cases(), CHANGES, st.data())
@settings(max_examples=300)
def test_the_facts_read_through_changes_are_those_of_the_changed_dict(data, changes, draw):
    path = draw.draw(near(changes), label="path")
    case = parse_case(data)
    base = case.model_dump(mode="json", exclude_none=True)
    assert _reader(case)(path) == get(base, path)
    assert _read_through(_reader(case), changes)(path) == get(plainly(base, changes), path)
    assert _read_through(partial(get, base), changes)(path) == get(plainly(base, changes), path)


#: Facts the overlay leaves to ``with_changes`` (a BSN or KvK number: kept only as ``has_bsn``
#: or ``registered``) or that the strategies above do not set.
OTHERS: dict[str, st.SearchStrategy[Any]] = {
    "person.bsn": st.just("123456782"),
    "person.kvk.number": st.just("12345678"),
    "person.population_register": st.sampled_from(["brp", "rni", "none"]),
    "person.age": st.integers(0, 130),
}
OVERLAID = st.lists(
    st.one_of(st.sampled_from(sorted(PARTS)), st.sampled_from(INSIDE), st.sampled_from(sorted(LEAVES)), st.sampled_from(sorted(OTHERS))).flatmap(
        lambda path: st.tuples(st.just(path), {**LEAVES, **PARTS, **OTHERS}[path])
    ),
    min_size=1,
    max_size=4,
)


def read(case: Any, path: str) -> Any:
    value = case
    for part in path.split("."):
        value = getattr(value, part)
        if value is None:
            return None
    return value


def refusal(exc: ValidationError) -> set[str]:
    """The reasons a refusal gives: its contradictions, or the kinds of its errors."""
    return {str((error.get("ctx") or {}).get("reason", error["type"])) for error in exc.errors()}


@given(partial_cases(), OVERLAID)
@settings(max_examples=400)
def test_an_overlay_reads_as_the_case_with_changes_and_the_rules_find_the_same(data, changes):
    case = parse_case(data)
    try:
        expected = with_changes(case, changes)
    except ValidationError as exc:
        # Refused by the case's own check (age and birth date on its reference date), which the
        # overlay leaves to the day the engine uses; every other refusal is the overlay's too.
        reasons = refusal(exc)
        try:
            overlay(case, changes)
        except ValueError:
            return
        assert reasons == {"age_birth_date"}
        return
    got = overlay(case, changes)
    for path in sorted({*LEAVES, *OTHERS, *PARTS, "person", "workplace", "person.kvk", "person.residence_document", "person.identity_document"}):
        if path not in PARTS and path not in {"person", "workplace", "person.kvk", "person.residence_document", "person.identity_document"}:
            assert read(got, path) == read(expected, path), path
        else:
            assert (read(got, path) is None) == (read(expected, path) is None), path
    for regime in ("leeuwarden", "groningen", "amsterdam", "model-apv"):
        plan = plan_for(get_regime(regime), case.reference_date)
        assert plan.run(got, case.reference_date) == plan.run(expected, case.reference_date), regime

