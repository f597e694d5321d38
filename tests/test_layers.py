"""The package's import graph has no cycle, counting imports inside functions too (a cycle kept
alive by a function-local import is still a cycle), and the engine's layers point one way:
rules < decision < plan < until < explain < advice < engine < reference."""

from __future__ import annotations

import ast
from pathlib import Path

from conftest import ROOT

PACKAGE = ROOT / "src" / "sekswerk_rules"

#: Lower layers first: a module may import only modules of its own or a lower layer.
LAYERS = ["rules", "decision", "plan", "until", "explain", "advice", "engine", "reference"]


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports() -> dict[str, set[str]]:
    """Each module of the package and the package modules it imports (anywhere in its code)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text())):
            targets: list[str] = []
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*anchor, *([base] if base else [])])
                targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            for target in targets:
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name and target != "sekswerk_rules":
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for other in graph[node]:
            if other not in index:
                visit(other)
                low[node] = min(low[node], low[other])
            elif other in on_stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in graph:
        if node not in index:
            visit(node)
    return found


def test_the_package_has_no_import_cycle():
    assert cycles(imports()) == []


def test_the_engine_layers_point_one_way():
    graph = imports()
    rank = {f"sekswerk_rules.{name}": i for i, name in enumerate(LAYERS)}

    def layer(module: str) -> int | None:
        if module.startswith("sekswerk_rules.rules"):
            return 0
        return rank.get(module)

    upward = [(m, t) for m, targets in graph.items() for t in targets if layer(m) is not None and layer(t) is not None and layer(t) > layer(m)]
    assert upward == []


def test_the_walk_sees_function_local_imports():
    graph = imports()
    assert "sekswerk_rules.engine" in graph["sekswerk_rules.scenarios"]  # scenarios.run imports evaluate inside a function
