"""The design's import contract: cli → api → render/imports/checks/stats → store → model; no
package imports itself in a circle; checks/ holds rules over loaded records only."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[1] / "src" / "anquan_cli"
FORBIDDEN = {
    "model": {"store", "checks", "stats", "render", "imports", "api", "cli"},
    "store": {"checks", "stats", "render", "imports", "api", "cli"},
    "stats": {"store", "render", "imports", "checks", "api", "cli"},
    "checks": {"render", "imports", "api", "cli"},
    "render": {"store", "imports", "checks", "api", "cli"},
    "imports": {"render", "checks", "api", "cli"},
    "api": {"cli"},
}
PACKAGES = ("model", "store", "checks", "stats", "render", "imports", "api", "cli")


def imported_rooms(path: Path) -> set[str]:
    rooms = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "anquan_cli" and len(parts) > 1:
                rooms.add(parts[1])
    return rooms


@pytest.mark.parametrize("room", sorted(FORBIDDEN))
def test_imports_flow_one_way(room: str) -> None:
    for path in sorted((PACKAGE / room).rglob("*.py")):
        wrong = imported_rooms(path) & FORBIDDEN[room]
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"


def test_nothing_below_the_cli_prints_or_exits() -> None:
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.parts[-2] == "cli" or path.name == "__main__.py":
            continue
        source = path.read_text(encoding="utf-8")
        for call in ("print(", "sys.exit(", "typer.Exit"):
            assert call not in source, f"{path.relative_to(PACKAGE)} uses {call}"


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imported_modules(path: Path) -> set[str]:
    """The anquan_cli modules a file imports, at the top or inside a function (what a
    function imports when it runs is as much a dependency); names imported for type checking
    alone are not."""
    found: set[str] = set()

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child):
                for other in child.orelse:
                    visit_one(other)
                continue
            visit_one(child)

    def visit_one(node: ast.AST) -> None:
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        visit(node)

    visit(ast.parse(path.read_text(encoding="utf-8")))
    return {name for name in found if name.startswith("anquan_cli.")}


def module_graph() -> dict[str, set[str]]:
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        modules[".".join(parts)] = path
    return {
        name: {m for m in imported_modules(path) if m in modules and m != name}
        for name, path in modules.items()
    }


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected parts of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def strong(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for other in sorted(graph[node]):
            if other not in index:
                strong(other)
                low[node] = min(low[node], low[other])
            elif other in stack:
                low[node] = min(low[node], index[other])
        if low[node] == index[node]:
            part = []
            while True:
                other = stack.pop()
                part.append(other)
                if other == node:
                    break
            if len(part) > 1:
                found.append(sorted(part))

    for node in sorted(graph):
        if node not in index:
            strong(node)
    return found


@pytest.mark.parametrize("room", PACKAGES)
def test_no_package_imports_itself_in_a_circle(room: str) -> None:
    prefix = f"anquan_cli.{room}"
    graph = module_graph()
    inside = {
        name: {m for m in targets if m.startswith(prefix)}
        for name, targets in graph.items()
        if name == prefix or name.startswith(prefix + ".")
    }
    assert cycles(inside) == []


def test_a_circle_is_found() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_checks_hold_rules_over_loaded_records_only() -> None:
    """Opening ledgers, a district's towns and the memo live above checks/ (api/checking.py)."""
    for path in sorted((PACKAGE / "checks").rglob("*.py")):
        modules = imported_modules(path)
        wrong = {
            m
            for m in modules
            if m.startswith(("anquan_cli.store.memo", "anquan_cli.store.scan"))
            or m.startswith(("anquan_cli.store.district", "anquan_cli.store.cache"))
        }
        assert not wrong, f"{path.relative_to(PACKAGE)} imports {sorted(wrong)}"
        source = path.read_text(encoding="utf-8")
        for call in ("Ledger.open(", "read_bytes(", "read_text(", "open("):
            assert call not in source, f"{path.relative_to(PACKAGE)} calls {call}"
