"""No module of bot/ imports one that imports it back, even inside a function or for type
checking only: each pair of modules has one direction, so each can be read and changed
knowing only what lies beneath it."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "bot"


def _name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The bot modules a module imports: `from bot.x import y` is bot.x.y when y is a
    module, else bot.x."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                submodule = f"{node.module}.{alias.name}"
                found.add(submodule if submodule in modules else node.module)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found & modules


def _with_packages(imported: set[str], modules: set[str]) -> set[str]:
    """Importing bot.x.y runs bot/x/__init__.py first: the package is imported too."""
    found = set(imported)
    for name in imported:
        parts = name.split(".")
        found.update(".".join(parts[:n]) for n in range(2, len(parts)))
    return found & modules


def import_graph() -> dict[str, set[str]]:
    paths = {_name(p): p for p in PACKAGE.rglob("*.py")}
    modules = set(paths)
    graph = {}
    for name, path in paths.items():
        own = {".".join(name.split(".")[:n]) for n in range(1, name.count(".") + 1)}
        # a module's own packages are already running when it is imported
        graph[name] = _with_packages(_imports(path, modules), modules) - {name} - own
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The groups of modules that reach each other through imports (Tarjan's algorithm)."""
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for other in sorted(graph[module]):
            if other not in order:
                visit(other)
                low[module] = min(low[module], low[other])
            elif other in stack:
                low[module] = min(low[module], order[other])
        if low[module] == order[module]:
            group = []
            while not group or group[-1] != module:
                group.append(stack.pop())
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph):
        if module not in order:
            visit(module)
    return found


def test_the_cycle_finder_finds_a_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


def test_importing_a_module_imports_its_packages():
    modules = {"bot.a", "bot.a.b", "bot.c"}
    assert _with_packages({"bot.a.b"}, modules) == {"bot.a", "bot.a.b"}


def test_no_module_imports_one_that_imports_it_back():
    assert cycles(import_graph()) == []
