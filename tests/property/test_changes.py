"""A case with facts changed is what validating the whole changed case gives.

The advice asks "what if" many times: ``with_changes`` validates again only the models on the
path of a change (``with_fact``, for one answer, only the model that holds it), and the remedy search reads the facts as the
fixes before it left them (``advice._read_through``) instead of putting them into a dict. Here
both must agree with the plain way: the case dumped to a dict, each value put at its path in
order, the dict read (``facts.get``) and validated whole (``parse_case``).
"""

from __future__ import annotations

from functools import partial
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from sekswerk_rules import CaseError, parse_case
from sekswerk_rules.advice import _read_through, _reader
from sekswerk_rules.case import with_changes, with_fact
from sekswerk_rules.case.change import dict_with
from sekswerk_rules.facts import get

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
