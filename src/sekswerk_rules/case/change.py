"""A case with facts changed (the advice's "what if"), validated by the models that hold them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pydantic import (
    BaseModel,
)

from .model import Case
from .parse import _model_of


def with_fact(case: Case, path: str, value: Any) -> Case:
    """A copy of ``case`` with one fact set, validated by the model that holds it, from its facts
    and the new one (the parts it holds taken as they are, valid already); the models above it
    are copied, not validated again: the advice judges an answer on the day it evaluates, with
    ``inconsistencies``, not on the case's own reference date.

    Cheaper than validating a whole case again, for the many "what if" evaluations of the
    advice (which question settles the most).

    >>> with_fact(Case(), "person.kvk.registered", True).person.kvk.registered
    True
    """
    parts = path.split(".")
    chain: list[BaseModel] = [case]
    for part in parts[:-1]:
        node = getattr(chain[-1], part)
        if node is None:
            node = _model_of(type(chain[-1]).model_fields[part].annotation)()
        chain.append(node)
    leaf = chain[-1]
    new: BaseModel = type(leaf).model_validate({**_facts(leaf), parts[-1]: value})
    for parent, part in zip(reversed(chain[:-1]), reversed(parts[:-1]), strict=True):
        new = parent.model_copy(update={part: new})
    return new  # type: ignore[return-value]


class _Set:
    """A value set at a path (``workplace.licence`` set whole), as opposed to changes inside it."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value


def with_changes(case: Case, changes: Iterable[tuple[str, Any]]) -> Case:
    """A copy of ``case`` with these facts set ((path, value) pairs, each value as the interchange
    format writes it), in order: what a case dict with each value put at its path would validate
    to. A value set whole (``workplace.licence``: an object) replaces what was there.

    The models on the path of a change are validated again, from their facts (the parts they
    hold taken as they are) and the new ones, so a contradiction raises ``ValueError`` as
    validating the whole case would; the parts no change reaches are kept, valid already. (This
    is cheaper than a pydantic ``model_copy`` of each model above the change; the remedy
    search's property test compares the result with validating the whole case.)

    >>> changed = with_changes(Case(), [("workplace.licence", {"status": "valid"}), ("workplace.kind", "club")])
    >>> changed.workplace.kind.value, changed.workplace.licence.status.value
    ('club', 'valid')
    """
    tree: dict[str, Any] = {}
    for path, value in changes:
        _patch(tree, path.split("."), value)
    return _rebuild(case, tree)  # type: ignore[return-value]


def _patch(tree: dict[str, Any], parts: list[str], value: Any) -> None:
    head, rest = parts[0], parts[1:]
    if not rest:
        tree[head] = _Set(value)
        return
    below = tree.get(head)
    if isinstance(below, _Set):  # a change inside a value set whole: put it into that value
        below.value = dict_with(below.value if isinstance(below.value, dict) else {}, ".".join(rest), value)
        return
    if below is None:
        below = tree[head] = {}
    _patch(below, rest, value)


def dict_with(data: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    """A copy of a case dict ``data`` with ``value`` at the dotted ``path``: only the objects on
    the path are copied (or made); ``data`` itself is not changed.

    >>> dict_with({"a": {"b": 1}, "e": 3}, "a.c.d", 2)
    {'a': {'b': 1, 'c': {'d': 2}}, 'e': 3}
    """
    head, _, rest = path.partition(".")
    changed = dict(data)
    if rest:
        child = data.get(head)
        changed[head] = dict_with(child if isinstance(child, dict) else {}, rest, value)
    else:
        changed[head] = value
    return changed


def _rebuild(model: BaseModel, tree: dict[str, Any]) -> BaseModel:
    """``model`` validated again from its facts with the changes in ``tree`` made (the parts
    below it that change rebuilt first; the others kept as they are, valid already)."""
    facts = _facts(model)
    for name, changes in tree.items():
        if isinstance(changes, _Set):
            facts[name] = changes.value
        else:
            part = getattr(model, name)
            if part is None:  # absent: changed from an empty part
                part = _model_of(type(model).model_fields[name].annotation)()
            facts[name] = _rebuild(part, changes)
    return type(model).model_validate(facts)


def _facts(model: BaseModel) -> dict[str, Any]:
    """The facts a model holds, by field name (the parts below it as models, taken as they
    are): validated again, with the facts a change sets, they make the changed model."""
    return {name: value for name, value in model.__dict__.items() if value is not None}
