"""A case with facts changed (the advice's "what if"): validated by the models that hold them
(:func:`with_fact`, :func:`with_changes`), or, for the advice alone, as an overlay on the case's
models that the rules read (:func:`overlay`)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from pydantic import (
    BaseModel,
)

from ..memo import memo
from .model import CONTRADICTIONS, Case, _inconsistent
from .parse import _model_of


def with_fact(case: Case, path: str, value: Any) -> Case:
    """A copy of ``case`` with one fact set, validated by the model that holds it, from its facts
    and the new one (the parts it holds taken as they are, valid already); the models above it
    are copied, not validated again: the advice judges an answer on the day it evaluates, with
    ``inconsistencies``, not on the case's own reference date.

    Cheaper than validating a whole case again. (The advice itself reads its answers through
    :func:`overlay`.)

    >>> with_fact(Case(), "person.kvk.registered", True).person.kvk.registered
    True
    """
    parts = path.split(".")
    chain: list[BaseModel] = [case]
    for part in parts[:-1]:
        node = getattr(chain[-1], part)
        if node is None:
            node = _shape(type(chain[-1])).parts[part]()
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
                part = _shape(type(model)).parts[name]()
            facts[name] = _rebuild(part, changes)
    return type(model).model_validate(facts)


def _facts(model: BaseModel) -> dict[str, Any]:
    """The facts a model holds, by field name (the parts below it as models, taken as they
    are): validated again, with the facts a change sets, they make the changed model."""
    return {name: value for name, value in model.__dict__.items() if value is not None}


class _Overlay:
    """A part of a case with facts changed, for reading only: the fields of the model it stands
    for, as that model holds them (a fact validated, a part a model or another overlay). Its
    ``repr`` shows no fact."""

    __slots__ = ("__dict__",)


def overlay(case: Case, changes: Iterable[tuple[str, Any]]) -> Case:
    """What :func:`with_changes` holds, for reading only: the facts as the rules read them, the
    models above a change not copied but overlaid. For the advice's many "what if"
    evaluations, which read a changed case once and drop it.

    Each value is validated as the model that holds it validates it (alone, so a value it
    refuses raises ``ValueError``), and the facts of each changed part are checked against each
    other as validating it checks them (:data:`~sekswerk_rules.case.model.CONTRADICTIONS`). The
    case's own check (age against birth date on its reference date) is not made: the engine
    checks the day it uses (``inconsistencies``). The changes are made with :func:`with_changes`
    instead where a value's model changes other facts when it validates it (a BSN or KvK
    number, kept only as ``has_bsn`` or ``registered``), or where a model on the path holds a
    part that is no model (a ``Case`` changed with ``model_copy``, not validated again). A
    property test compares every fact read with :func:`with_changes`
    (``tests/property/test_changes.py``). The values are cached: give it only values to try,
    never a case's own facts.

    >>> changed = overlay(Case(), [("workplace.licence", {"status": "valid"}), ("person.kvk.registered", True)])
    >>> changed.workplace.licence.status.value, changed.person.kvk.registered, changed.person.age
    ('valid', True, None)
    """
    changes = list(changes)
    tree: dict[str, Any] = {}
    for path, value in changes:
        _patch(tree, path.split("."), value)
    try:
        return cast(Case, _overlaid(case, Case, tree))
    except _NotOverlaid:
        return with_changes(case, changes)


class _NotOverlaid(Exception):
    """A value whose model sets other facts when it validates it, or a part that is no model."""


def _overlaid(model: BaseModel | None, kind: type[BaseModel], tree: dict[str, Any]) -> _Overlay:
    """``model`` (``None``: an empty part of type ``kind``) with the changes in ``tree`` made."""
    shape = _shape(kind)
    node = _node(model, shape)
    facts = node.__dict__
    for name, changes in tree.items():
        if isinstance(changes, _Set):
            facts[name] = _value(kind, name, changes.value)
        else:
            facts[name] = _overlaid(None if model is None else getattr(model, name), shape.parts[name], changes)
    return _checked(node, shape)


def _node(model: BaseModel | None, shape: _Shape) -> _Overlay:
    """An overlay holding the facts of ``model`` (``None``: an empty part)."""
    node = _Overlay()
    facts = node.__dict__
    facts.update(shape.empty if model is None else model.__dict__)
    for name, part in shape.parts.items():
        held = facts[name]
        if held is not None and type(held) is not part:  # put in by ``model_copy``: validated instead
            raise _NotOverlaid(name)
    return node


def _checked(node: _Overlay, shape: _Shape) -> _Overlay:
    """``node``, or the contradiction among its facts raised, as its model raises it."""
    if shape.check is not None and (reason := shape.check(node)) is not None:
        raise _inconsistent(reason)
    return node


class _Shape:
    """What the overlay needs of a model of the case: its facts when empty, the fields that
    hold a part (a model) with the part's model, and the check of its facts against each other."""

    __slots__ = ("check", "empty", "parts")

    def __init__(self, kind: type[BaseModel]) -> None:
        self.empty = dict(kind().__dict__)
        self.parts = {name: part for name, field in kind.model_fields.items() if (part := _model_of(field.annotation)) is not None}
        self.check = CONTRADICTIONS.get(kind)


#: By model: the case's models are few, so this is not bounded.
_SHAPES: dict[type[BaseModel], _Shape] = {}


def _shape(kind: type[BaseModel]) -> _Shape:
    shape = _SHAPES.get(kind)
    if shape is None:
        shape = _SHAPES[kind] = _Shape(kind)
    return shape


#: Bound of the values validated.
MAX_VALUES = 1024
_VALUES: dict[tuple[Any, ...], Any] = {}


def _value(kind: type[BaseModel], name: str, value: Any) -> Any:
    """``value`` as model ``kind`` holds it in field ``name``, validated once per distinct value
    (these are the values the advice tries, never a case's own facts; bounded). A value that
    cannot be a key (a set, say) is validated each time."""
    try:
        return memo(_VALUES, MAX_VALUES, (kind, name, _frozen(value)), lambda: _validated(kind, name, value))
    except TypeError:  # no key (``_validated`` raises no TypeError: pydantic's are ValueErrors)
        return _validated(kind, name, value)


def _validated(kind: type[BaseModel], name: str, value: Any) -> Any:
    held, empty = kind.model_validate({name: value}).__dict__, _shape(kind).empty
    if any(other != name and fact != empty[other] for other, fact in held.items()):
        raise _NotOverlaid(name)
    return held[name]


def _frozen(value: Any) -> Any:
    """A key for a value as the interchange format writes it: equal only for equal values of
    the same types (``True`` is not ``1``)."""
    if isinstance(value, dict):
        return (dict, tuple(sorted((key, _frozen(item)) for key, item in value.items())))
    if isinstance(value, list):
        return (list, tuple(_frozen(item) for item in value))
    return (type(value), value)
