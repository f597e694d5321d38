"""The code's shape, as a reviewer reads it: short functions, and no writes to private
attributes of other objects."""

from __future__ import annotations

import ast

from conftest import ROOT

SOURCE = ROOT / "src" / "sekswerk_rules"


def _functions():
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                yield path.relative_to(SOURCE), node


def test_no_function_is_longer_than_fifty_lines():
    long = [f"{path}:{node.lineno} {node.name} ({node.end_lineno - node.lineno + 1} lines)" for path, node in _functions() if node.end_lineno - node.lineno + 1 > 50]
    assert long == []


def test_nothing_writes_through_object_setattr_or_calls_another_objects_private_method():
    found = []
    for path in sorted(SOURCE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                target = node.func
                if target.attr == "__setattr__" and isinstance(target.value, ast.Name) and target.value.id == "object":
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno} object.__setattr__")
                elif target.attr.startswith("_") and not target.attr.startswith("__") and isinstance(target.value, ast.Name) and target.value.id[:1].isupper():
                    found.append(f"{path.relative_to(SOURCE)}:{node.lineno} {target.value.id}.{target.attr}")
    assert found == []
